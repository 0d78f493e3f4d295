/**
 * Webflow form submissions. v2 webhooks (https://developers.webflow.com/data/reference/webhooks/events/form-submission):
 * `{triggerType: 'form_submission', payload: {name, siteId, data, schema, submittedAt, id, formId}}`.
 * The older v1 shape (https://developers.webflow.com/data/v1.0.0/reference/form_submission) is the
 * payload itself: `{name, site, data, d, _id}`.
 */
import { cleanString, emptyLead, finalizeLead, isPlainObject, safeEntries, setLeadField } from '../lead/fields';
import type { Lead } from '../lead/types';
import { applyAnswer, applyUtmFromUrl, bodyRecord, idString, objectAt, prop } from './shared';
import type { DeliveryInput, NormalizeResult, SourceNormalizer } from './types';

const SOURCE = 'webflow';

function isV2(body: Record<string, unknown> | null): boolean {
	return prop(body, 'triggerType') === 'form_submission' && isPlainObject(prop(objectAt(body, 'payload'), 'data'));
}

function isV1(body: Record<string, unknown> | null): boolean {
	return (
		isPlainObject(prop(body, 'data')) &&
		typeof prop(body, '_id') === 'string' &&
		typeof prop(body, 'name') === 'string' &&
		prop(body, 'd') !== undefined &&
		(prop(body, 'site') !== undefined || prop(body, 'siteId') !== undefined)
	);
}

function detect(input: DeliveryInput): boolean {
	const body = bodyRecord(input);
	return isV2(body) || isV1(body);
}

function leadFromSubmission(submission: Record<string, unknown>): Lead {
	const lead = emptyLead(SOURCE, 'form');
	const data = objectAt(submission, 'data') ?? {};
	for (const [label, value] of safeEntries(data)) applyAnswer(lead, label, value);
	applyUtmFromUrl(lead, prop(submission, 'pageUrl') ?? prop(submission, 'url'));
	lead.formId = idString(submission.formId);
	lead.formName = cleanString(submission.name, 500);
	lead.externalId = idString(submission.id) ?? idString(submission._id);
	setLeadField(lead, 'submittedAt', submission.submittedAt ?? submission.d);
	return finalizeLead(lead);
}

function normalize(input: DeliveryInput): NormalizeResult {
	const body = bodyRecord(input) ?? {};
	const submission = isV2(body) ? (objectAt(body, 'payload') ?? {}) : body;
	const lead = leadFromSubmission(submission);
	return {
		leads: [lead],
		// Webflow sends no delivery id; the submission id is stable across retries
		eventId: lead.externalId,
		eventType: cleanString(body.triggerType, 100) ?? 'form_submission',
	};
}

export const webflowNormalizer: SourceNormalizer = {
	id: SOURCE,
	displayName: 'Webflow',
	channel: 'form',
	detect,
	normalize,
};
