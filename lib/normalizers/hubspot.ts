/**
 * HubSpot form submissions in the Forms API shape
 * (https://developers.hubspot.com/docs/api-reference/legacy/marketing/forms/v3-legacy/submit-data-unauthenticated):
 * `{fields: [{objectTypeId, name, value}], submittedAt (epoch ms), context: {hutk, pageUri, pageName, ipAddress},
 * legalConsentOptions}`. Field names are HubSpot property names (email, firstname, company, jobtitle...).
 */
import { cleanString, emptyLead, finalizeLead, isPlainObject, setLeadField } from '../lead/fields';
import type { Lead } from '../lead/types';
import { applyAnswer, applyUtmFromUrl, arrayAt, bodyRecord, composeId, idString, objectAt, prop } from './shared';
import type { DeliveryInput, NormalizeResult, SourceNormalizer } from './types';

const SOURCE = 'hubspot';

function isFieldList(fields: unknown): boolean {
	return (
		Array.isArray(fields) &&
		fields.length > 0 &&
		fields.every((field) => isPlainObject(field) && typeof field.name === 'string' && 'value' in field && !('values' in field))
	);
}

function detect(input: DeliveryInput): boolean {
	const body = bodyRecord(input);
	if (!isFieldList(prop(body, 'fields'))) return false;
	const context = objectAt(body, 'context');
	const hasContext = context !== null && ['hutk', 'pageUri', 'pageName'].some((key) => prop(context, key) !== undefined);
	return hasContext || prop(body, 'legalConsentOptions') !== undefined || prop(body, 'submittedAt') !== undefined;
}

/** true when any marketing communication was agreed to, false when all were declined. */
function marketingConsent(body: Record<string, unknown>): boolean | null {
	const communications = arrayAt(body, 'legalConsentOptions', 'consent', 'communications').filter(isPlainObject);
	if (communications.length > 0) return communications.some((item) => item.value === true || item.value === 'true');
	const interest = prop(objectAt(body, 'legalConsentOptions', 'legitimateInterest'), 'value');
	return typeof interest === 'boolean' ? interest : null;
}

function leadFromSubmission(body: Record<string, unknown>): Lead {
	const lead = emptyLead(SOURCE, 'form');
	for (const field of arrayAt(body, 'fields')) {
		const name = cleanString(prop(field, 'name'), 200);
		if (name) applyAnswer(lead, name, prop(field, 'value'));
	}
	const context = objectAt(body, 'context');
	applyUtmFromUrl(lead, prop(context, 'pageUri'));
	const consent = marketingConsent(body);
	if (consent !== null) lead.consent.marketing = consent;
	lead.formId = idString(body.formGuid) ?? idString(body.formId);
	lead.formName = cleanString(body.formName, 500);
	lead.externalId = idString(body.conversionId) ?? idString(body.submissionId);
	setLeadField(lead, 'submittedAt', body.submittedAt);
	return finalizeLead(lead);
}

function normalize(input: DeliveryInput): NormalizeResult {
	const body = bodyRecord(input) ?? {};
	const lead = leadFromSubmission(body);
	return {
		leads: [lead],
		// no delivery id in this shape: the visitor cookie plus the submit time identify a submission
		eventId: lead.externalId ?? composeId(prop(objectAt(body, 'context'), 'hutk'), body.submittedAt),
		eventType: 'form_submission',
	};
}

export const hubspotNormalizer: SourceNormalizer = {
	id: SOURCE,
	displayName: 'HubSpot Forms',
	channel: 'form',
	detect,
	normalize,
};
