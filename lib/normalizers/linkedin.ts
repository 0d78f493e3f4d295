/**
 * LinkedIn Lead Sync notifications (https://learn.microsoft.com/en-us/linkedin/marketing/lead-sync/leadsync):
 * `{type: 'LEAD_ACTION', leadGenFormResponse: 'urn:li:leadGenFormResponse:…', leadGenForm, owner:
 * {sponsoredAccount | organization}, associatedEntity, leadType, leadAction: 'CREATED' | 'DELETED', occurredAt}`.
 * The answers are not in the notification: they are read from /rest/leadFormResponses with the lead URN.
 */
import { cleanString, emptyLead, finalizeLead, setLeadField } from '../lead/fields';
import type { Lead } from '../lead/types';
import { addEvent, bodyRecord, idString, prop } from './shared';
import type { DeliveryInput, NormalizeResult, SourceNormalizer } from './types';

const SOURCE = 'linkedin';

function detect(input: DeliveryInput): boolean {
	const body = bodyRecord(input);
	const response = prop(body, 'leadGenFormResponse');
	return prop(body, 'type') === 'LEAD_ACTION' || (typeof response === 'string' && response.startsWith('urn:li:leadGenFormResponse'));
}

function leadFromNotification(body: Record<string, unknown>): Lead {
	const lead = emptyLead(SOURCE, 'ad');
	lead.externalId = idString(body.leadGenFormResponse);
	lead.formId = idString(body.leadGenForm) ?? idString(body.versionedLeadGenForm);
	setLeadField(lead, 'submittedAt', body.occurredAt);
	setLeadField(lead, 'utmSource', 'linkedin');
	const action = cleanString(body.leadAction, 50) ?? 'CREATED';
	const leadType = cleanString(body.leadType, 50) ?? 'SPONSORED';
	// event, company-page and product-page leads are organic: only sponsored ones come from an ad
	if (action === 'CREATED' && leadType === 'SPONSORED') addEvent(lead, 'ad_click', lead.submittedAt);
	return finalizeLead(lead);
}

function normalize(input: DeliveryInput): NormalizeResult {
	const body = bodyRecord(input) ?? {};
	const lead = leadFromNotification(body);
	const action = cleanString(body.leadAction, 50);
	return {
		leads: [lead],
		eventId: lead.externalId ? `${lead.externalId}:${action ?? 'CREATED'}` : null,
		eventType: action ?? cleanString(body.type, 50),
	};
}

export const linkedinNormalizer: SourceNormalizer = {
	id: SOURCE,
	displayName: 'LinkedIn Lead Gen Forms',
	channel: 'ad',
	detect,
	normalize,
};
