/**
 * Jotform webhooks (https://www.jotform.com/help/245-how-to-setup-a-webhook-with-jotform/):
 * a multipart post with `formID`, `submissionID`, `formTitle`, `pretty` and `rawRequest`, a JSON
 * string whose keys are `q<order>_<uniqueName>` (e.g. `q3_email`, `q4_name: {first, last}`).
 * The question text is not sent, so labels are derived from the unique names ("companyName" → "Company name").
 *
 * n8n's JotForm Trigger (n8n-nodes-base/dist/nodes/JotForm/JotFormTrigger.node.js, webhook(), lines
 * 138-189 in 2.41.1) parses `rawRequest` and, with "Resolve Data" on (its default), re-keys it by
 * the question text. With "Only Answers" off it hands on the whole post with that `rawRequest`
 * object; with "Only Answers" on, `rawRequest` alone: `{slug: 'submit/<formID>', q3_email, ...,
 * event_id}` unresolved, or `{<question text>: value}` resolved (the default, which only the node
 * type tells apart from any form post: see jotformTriggerNormalizer in ./n8nTriggers).
 */
import { cleanString, emptyLead, finalizeLead, isPlainObject, safeEntries, setLeadField } from '../lead/fields';
import type { Lead } from '../lead/types';
import { applyAnswer, bodyRecord, humanizeKey, idString, parseTextBody, prop } from './shared';
import type { DeliveryInput, NormalizeResult, SourceNormalizer } from './types';

const SOURCE = 'jotform';

const QUESTION_KEY = /^q(\d+)_(.+)$/;
/** Keys of a rawRequest that are Jotform's own, never questions (an unresolved rawRequest has them beside the q-keys). */
const RAW_REQUEST_META = new Set(['slug', 'event_id', 'submitDate', 'buildDate', 'timeToSubmit', 'path', 'jsExecutionTracker', 'submitSource', 'uploadServerUrl', 'validatedNewRequiredFieldIDs', 'preview', 'formID', 'submissionID']);

/** The JotForm Trigger's unresolved "Only Answers" output: the parsed rawRequest itself. */
function isRawRequestOnly(body: Record<string, unknown> | null): boolean {
	const slug = prop(body, 'slug');
	return typeof slug === 'string' && slug.startsWith('submit/') && Object.keys(body ?? {}).some((key) => QUESTION_KEY.test(key));
}

function detect(input: DeliveryInput): boolean {
	const body = bodyRecord(input);
	const raw = prop(body, 'rawRequest');
	return ((typeof raw === 'string' || isPlainObject(raw)) && (prop(body, 'formID') !== undefined || prop(body, 'submissionID') !== undefined)) || isRawRequestOnly(body);
}

function rawRequest(body: Record<string, unknown>): Record<string, unknown> {
	if (isRawRequestOnly(body)) return body;
	const raw = body.rawRequest;
	if (isPlainObject(raw)) return raw;
	if (typeof raw !== 'string') return {};
	const parsed = parseTextBody(raw);
	return isPlainObject(parsed) ? parsed : {};
}

function joined(parts: unknown[]): string | null {
	return cleanString(parts.map((part) => cleanString(part)).filter(Boolean).join(' '));
}

/** Jotform compound answers (name, phone, address, date) as one answer, filling canonical fields on the way. */
function compoundValue(lead: Lead, value: Record<string, unknown>): unknown {
	if ('first' in value || 'last' in value) {
		setLeadField(lead, 'firstName', value.first);
		setLeadField(lead, 'lastName', value.last);
		return joined([value.prefix, value.first, value.middle, value.last, value.suffix]);
	}
	if ('full' in value || 'area' in value || 'phone' in value) {
		const phone = cleanString(value.full) ?? joined([value.country, value.area, value.phone]);
		setLeadField(lead, 'phone', phone);
		return phone;
	}
	if ('addr_line1' in value || 'city' in value || 'postal' in value) {
		setLeadField(lead, 'country', value.country);
		return cleanString([value.addr_line1, value.addr_line2, value.city, value.state, value.postal, value.country].filter((part) => cleanString(part)).join(', '));
	}
	if ('year' in value && 'month' in value && 'day' in value) {
		const [year, month, day] = [cleanString(value.year), cleanString(value.month), cleanString(value.day)];
		return year && month && day ? `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}` : null;
	}
	return value;
}

/** "11/08/2017 @ 13:11 EST" (Jotform's `date`) or a `submitDate` in epoch ms. */
function submittedAt(body: Record<string, unknown>, raw: Record<string, unknown>): unknown {
	if (raw.submitDate !== undefined) return raw.submitDate;
	const date = cleanString(body.date);
	return date ? date.replace(' @ ', ' ') : null;
}

/** Answers re-keyed by question text (n8n's "Resolve Data"): the keys are the labels. */
function applyResolvedAnswers(lead: Lead, answers: Record<string, unknown>): void {
	for (const [label, value] of safeEntries(answers)) {
		if (!RAW_REQUEST_META.has(label)) applyAnswer(lead, label, isPlainObject(value) ? compoundValue(lead, value) : value);
	}
}

/** The JotForm Trigger's default output, `{<question text>: value}`, as a lead (nothing else identifies it). */
export function jotformLeadFromResolvedAnswers(answers: Record<string, unknown>): Lead {
	const lead = emptyLead(SOURCE, 'form');
	applyResolvedAnswers(lead, answers);
	return finalizeLead(lead);
}

function leadFromBody(body: Record<string, unknown>): { lead: Lead; raw: Record<string, unknown> } {
	const lead = emptyLead(SOURCE, 'form');
	const raw = rawRequest(body);
	const questions = safeEntries(raw)
		.map(([key, value]) => ({ match: QUESTION_KEY.exec(key), value }))
		.filter((entry): entry is { match: RegExpExecArray; value: unknown } => entry.match !== null)
		.sort((a, b) => Number(a.match[1]) - Number(b.match[1]));

	for (const { match, value } of questions) {
		const label = humanizeKey(match[2]);
		applyAnswer(lead, label, isPlainObject(value) ? compoundValue(lead, value) : value);
	}
	if (questions.length === 0) applyResolvedAnswers(lead, raw);

	// 'submit/241234567890123/'
	const slug = cleanString(raw.slug, 200);
	lead.formId = idString(body.formID) ?? (slug?.startsWith('submit/') ? idString(slug.slice('submit/'.length).replace(/\/+$/, '')) : null);
	lead.formName = cleanString(body.formTitle, 500);
	lead.externalId = idString(body.submissionID);
	setLeadField(lead, 'submittedAt', submittedAt(body, raw));
	return { lead: finalizeLead(lead), raw };
}

function normalize(input: DeliveryInput): NormalizeResult {
	const body = bodyRecord(input) ?? {};
	const { lead, raw } = leadFromBody(body);
	return {
		leads: [lead],
		eventId: idString(raw.event_id) ?? lead.externalId,
		eventType: 'form_submission',
	};
}

export const jotformNormalizer: SourceNormalizer = {
	id: SOURCE,
	displayName: 'Jotform',
	channel: 'form',
	detect,
	normalize,
};
