/**
 * n8n's own Form Trigger (n8n-nodes-base.formTrigger, versions 2 to 2.6 in n8n 2.41.1). Its item is
 * the answers keyed by each field's label (by its Field Name from version 2.4 when one is set),
 * then `submittedAt` (ISO time in UTC or the workflow's zone) and `formMode` ('test' |
 * 'production'), with `formQueryParameters` when the form URL had a query string, `headers` when
 * the node's "Include Headers" option is on, and `user` when an n8n user filled in a form behind
 * n8n sign-in: see prepareFormReturnItem() and addFormResponseDataToReturnItem() in
 * n8n-nodes-base/dist/nodes/Form/utils/utils.js (lines 365-487 in 2.41.1). Uploaded files are
 * `{filename, mimetype, size}` (or binary data references) under the field's label.
 */
import { emptyLead, finalizeLead, isPlainObject, lowerCaseHeaders, safeEntries, setLeadField } from '../lead/fields';
import { languageFromAcceptLanguage } from '../lead/language';
import type { Lead } from '../lead/types';
import { applyAnswer, applyTracking, bodyRecord, prop } from './shared';
import type { DeliveryInput, NormalizeResult, SourceNormalizer } from './types';

const SOURCE = 'n8nForm';
const FORM_MODES = new Set(['test', 'production']);
/** What the Form Trigger adds beside the answers (never answers themselves). */
const ENVELOPE_KEYS = new Set(['submittedAt', 'formMode', 'formQueryParameters', 'headers', 'user']);

function detect(input: DeliveryInput): boolean {
	const body = bodyRecord(input);
	const mode = prop(body, 'formMode');
	return typeof mode === 'string' && FORM_MODES.has(mode) && typeof prop(body, 'submittedAt') === 'string';
}

/** An uploaded file's description: its name says nothing about the lead. */
function isFileValue(value: unknown): boolean {
	const isFile = (item: unknown) => isPlainObject(item) && ('mimetype' in item || 'mimeType' in item) && ('filename' in item || 'fileName' in item || 'id' in item);
	return isFile(value) || (Array.isArray(value) && value.length > 0 && value.every(isFile));
}

function leadFromSubmission(body: Record<string, unknown>): Lead {
	const lead = emptyLead(SOURCE, 'form');
	for (const [label, value] of safeEntries(body)) {
		if (ENVELOPE_KEYS.has(label) || value === null || isFileValue(value)) continue;
		applyAnswer(lead, label, value);
	}
	// a link such as /form/demo?utm_source=newsletter: its utm_* tags are tracking, other parameters prefill fields
	const query = prop(body, 'formQueryParameters');
	if (isPlainObject(query)) for (const [key, value] of safeEntries(query)) applyTracking(lead, key, value);
	setLeadField(lead, 'submittedAt', body.submittedAt);
	const finished = finalizeLead(lead);
	// with "Include Headers" on, the browser says which languages its user reads: only when the answers did not
	const headers = isPlainObject(body.headers) ? lowerCaseHeaders(body.headers) : {};
	if (headers['accept-language']) finished.language ??= languageFromAcceptLanguage(headers['accept-language']);
	return finished;
}

function normalize(input: DeliveryInput): NormalizeResult {
	const body = bodyRecord(input) ?? {};
	return {
		leads: [leadFromSubmission(body)],
		// n8n hands the submission straight to its workflow: there is no sender to retry, and no submission id
		eventId: null,
		eventType: 'form_submission',
	};
}

export const n8nFormNormalizer: SourceNormalizer = {
	id: SOURCE,
	displayName: 'n8n Form Trigger',
	channel: 'form',
	detect,
	normalize,
};
