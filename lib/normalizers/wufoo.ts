/**
 * Wufoo form webhooks (http://help.wufoo.com/articles/en_US/SurveyMonkeyArticleType/Webhooks): form-encoded `Field1`, `Field2`...
 * values with `EntryId`, `DateCreated`, `CreatedBy`, `IP`, `HandshakeKey` and, when the hook was
 * made with metadata, `FieldStructure` (JSON: `{Fields: [{ID, Title, Type, SubFields: [{ID, Label}]}]}`)
 * and `FormStructure` (JSON: `{Name, Hash, Url, ...}`).
 * n8n's Wufoo Trigger (n8n-nodes-base/dist/nodes/Wufoo/WufooTrigger.node.js, webhook(), lines
 * 125-199 in 2.41.1) re-keys the values by field title (compound fields become objects keyed by
 * sub-field label, checkboxes lists) and hands on, with "Only Answers" off, `{createdBy, entryId,
 * dateCreated, formId, formStructure, fieldStructure, entries}`; with "Only Answers" on (its
 * default) `entries` alone, which only the node type tells apart from any form post: that shape
 * is read when this source is chosen (or the Lead Intake node sees the Wufoo Trigger before it).
 */
import { cleanString, isPlainObject, safeEntries, safeSet, setLeadField } from '../lead/fields';
import type { Lead } from '../lead/types';
import { genericLeadFromBody } from './generic';
import { arrayAt, bodyRecord, idString, objectAt, parseTextBody, prop } from './shared';
import type { DeliveryInput, NormalizeResult, SourceNormalizer } from './types';

const SOURCE = 'wufoo';

function isN8nEntry(body: Record<string, unknown> | null): boolean {
	return idString(prop(body, 'entryId')) !== null && isPlainObject(prop(body, 'entries')) && isPlainObject(prop(body, 'fieldStructure'));
}

function isWebhookPost(body: Record<string, unknown> | null): boolean {
	return idString(prop(body, 'EntryId')) !== null && typeof prop(body, 'FieldStructure') === 'string' && prop(body, 'DateCreated') !== undefined;
}

function detect(input: DeliveryInput): boolean {
	const body = bodyRecord(input);
	return isN8nEntry(body) || isWebhookPost(body);
}

function parsedObject(value: unknown): Record<string, unknown> | null {
	const parsed = typeof value === 'string' ? parseTextBody(value) : value;
	return isPlainObject(parsed) ? parsed : null;
}

/** A webhook post's `Field<N>` values keyed by field title, as n8n's trigger keys them. */
function entriesOfPost(body: Record<string, unknown>): Record<string, unknown> {
	const entries: Record<string, unknown> = {};
	for (const field of arrayAt(parsedObject(body.FieldStructure), 'Fields')) {
		const title = cleanString(prop(field, 'Title'), 500);
		if (!title) continue;
		const subFields = arrayAt(field, 'SubFields');
		if (subFields.length === 0) {
			safeSet(entries, title, prop(body, String(prop(field, 'ID'))));
			continue;
		}
		if (prop(field, 'Type') === 'checkbox') {
			safeSet(entries, title, subFields.map((sub) => prop(body, String(prop(sub, 'ID')))).filter((value) => value !== undefined && value !== ''));
			continue;
		}
		const parts: Record<string, unknown> = {};
		for (const sub of subFields) {
			const label = cleanString(prop(sub, 'Label'), 200);
			if (label) safeSet(parts, label, prop(body, String(prop(sub, 'ID'))));
		}
		safeSet(entries, title, parts);
	}
	return entries;
}

function leadOf(entries: Record<string, unknown>, envelope: { formId: unknown; formName: unknown; entryId: unknown; dateCreated: unknown }): Lead {
	// titles are the form owner's, compound fields objects by sub-field label: read as any form post is
	const lead = genericLeadFromBody(entries, SOURCE);
	lead.formId = idString(envelope.formId);
	lead.formName = cleanString(envelope.formName, 500);
	lead.externalId = idString(envelope.entryId);
	setLeadField(lead, 'submittedAt', envelope.dateCreated);
	return lead;
}

function normalize(input: DeliveryInput): NormalizeResult {
	const body = bodyRecord(input) ?? {};
	let lead: Lead;
	if (isN8nEntry(body)) {
		const form = objectAt(body, 'formStructure');
		lead = leadOf(objectAt(body, 'entries') ?? {}, { formId: body.formId ?? prop(form, 'Hash'), formName: prop(form, 'Name'), entryId: body.entryId, dateCreated: body.dateCreated });
	} else if (isWebhookPost(body)) {
		const form = parsedObject(body.FormStructure);
		lead = leadOf(entriesOfPost(body), { formId: prop(form, 'Hash'), formName: prop(form, 'Name'), entryId: body.EntryId, dateCreated: body.DateCreated });
	} else {
		// the trigger's "Only Answers" output: the entries alone
		const entries: Record<string, unknown> = {};
		for (const [key, value] of safeEntries(body)) safeSet(entries, key, value);
		lead = leadOf(entries, { formId: null, formName: null, entryId: null, dateCreated: null });
	}
	return {
		leads: [lead],
		// an entry id is per form: the form joins it where known
		eventId: lead.externalId ? (lead.formId ? `${lead.formId}:${lead.externalId}` : null) : null,
		eventType: 'form_submission',
	};
}

export const wufooNormalizer: SourceNormalizer = {
	id: SOURCE,
	displayName: 'Wufoo',
	channel: 'form',
	detect,
	normalize,
};
