/**
 * Tally webhooks (https://tally.so/help/webhooks): `{eventId, eventType: 'FORM_RESPONSE', createdAt,
 * data: {responseId, submissionId, formId, formName, createdAt, fields[]}}`. Each field has
 * `{key, label, type, value}`; choice fields carry option ids in `value` and the texts in `options[]`.
 */
import { cleanString, emptyLead, finalizeLead, isPlainObject, safeEntries, setLeadField } from '../lead/fields';
import type { Lead } from '../lead/types';
import { applyAnswer, applyTracking, arrayAt, bodyRecord, emptyResultLead, idString, listAnswer, objectAt, prop } from './shared';
import type { DeliveryInput, NormalizeResult, SourceNormalizer } from './types';

const SOURCE = 'tally';

const SINGLE_CHOICE_TYPES = new Set(['MULTIPLE_CHOICE', 'DROPDOWN']);
const MULTI_CHOICE_TYPES = new Set(['CHECKBOXES', 'MULTI_SELECT', 'RANKING']);
const FILE_TYPES = new Set(['FILE_UPLOAD', 'SIGNATURE']);

function detect(input: DeliveryInput): boolean {
	const body = bodyRecord(input);
	return prop(body, 'eventType') === 'FORM_RESPONSE' && Array.isArray(prop(objectAt(body, 'data'), 'fields'));
}

function optionTexts(field: Record<string, unknown>, listKey = 'options'): Map<string, string> {
	const texts = new Map<string, string>();
	for (const option of arrayAt(field, listKey)) {
		const id = idString(prop(option, 'id'));
		const text = cleanString(prop(option, 'text'), 500);
		if (id && text) texts.set(id, text);
	}
	return texts;
}

function resolveOptions(value: unknown, texts: Map<string, string>): string[] {
	const ids = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
	return ids
		.map((id) => {
			const key = idString(id);
			return key === null ? null : (texts.get(key) ?? cleanString(id));
		})
		.filter((text): text is string => text !== null);
}

/** The human-readable value of one Tally field. */
function fieldValue(field: Record<string, unknown>): unknown {
	const type = idString(prop(field, 'type')) ?? '';
	const value = prop(field, 'value');
	if (SINGLE_CHOICE_TYPES.has(type)) return listAnswer(resolveOptions(value, optionTexts(field)));
	if (MULTI_CHOICE_TYPES.has(type) && (Array.isArray(value) || typeof value === 'string')) return resolveOptions(value, optionTexts(field));
	if (FILE_TYPES.has(type) && Array.isArray(value)) return value.map((file) => cleanString(prop(file, 'url'))).filter(Boolean);
	if (type === 'MATRIX' && isPlainObject(value)) {
		const rows = optionTexts(field, 'rows');
		const columns = optionTexts(field, 'columns');
		return safeEntries(value).map(([row, picked]) => `${rows.get(row) ?? row}: ${resolveOptions(picked, columns).join(', ')}`);
	}
	return value;
}

/** Tally repeats each ticked checkbox as `<key>_<optionId>` with a boolean; the parent field already says it. */
function isCheckboxEcho(field: Record<string, unknown>, parentKeys: Set<string>): boolean {
	const key = idString(prop(field, 'key')) ?? '';
	const cut = key.lastIndexOf('_');
	return typeof prop(field, 'value') === 'boolean' && cut > 0 && parentKeys.has(key.slice(0, cut));
}

function leadFromData(data: Record<string, unknown>, envelope: Record<string, unknown> | null): Lead {
	const lead = emptyLead(SOURCE, 'form');
	const fields = arrayAt(data, 'fields').filter(isPlainObject);
	const parentKeys = new Set(fields.filter((field) => Array.isArray(field.options)).map((field) => idString(field.key) ?? ''));

	// typed inputs first, so "Payment (email)" style fields can not claim the email
	for (const field of fields) {
		if (field.type === 'INPUT_EMAIL') setLeadField(lead, 'email', field.value);
		if (field.type === 'INPUT_PHONE_NUMBER') setLeadField(lead, 'phone', field.value);
	}

	for (const field of fields) {
		if (isCheckboxEcho(field, parentKeys)) continue;
		const label = cleanString(field.label, 500) ?? idString(field.key);
		if (!label) continue;
		const value = fieldValue(field);
		if (field.type === 'HIDDEN_FIELDS') {
			if (!applyTracking(lead, label, value)) applyAnswer(lead, label, value);
			continue;
		}
		if (field.type === 'INPUT_LINK') setLeadField(lead, 'website', value);
		applyAnswer(lead, label, value);
	}

	lead.formId = idString(data.formId);
	lead.formName = cleanString(data.formName, 500);
	setLeadField(lead, 'submittedAt', data.createdAt ?? prop(envelope, 'createdAt'));
	lead.externalId = idString(data.responseId) ?? idString(data.submissionId);
	return finalizeLead(lead);
}

function normalize(input: DeliveryInput): NormalizeResult {
	const body = bodyRecord(input);
	const data = objectAt(body, 'data');
	return {
		leads: [data ? leadFromData(data, body) : emptyResultLead(SOURCE, 'form')],
		eventId: idString(prop(body, 'eventId')),
		eventType: cleanString(prop(body, 'eventType'), 100),
	};
}

export const tallyNormalizer: SourceNormalizer = {
	id: SOURCE,
	displayName: 'Tally',
	channel: 'form',
	detect,
	normalize,
};
