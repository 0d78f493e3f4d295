/**
 * HubSpot app webhooks for contacts (https://developers.hubspot.com/docs-beta/webhooks):
 * a JSON array of events `{eventId, subscriptionId, portalId, appId, occurredAt (epoch ms),
 * subscriptionType: 'contact.creation' | 'contact.propertyChange' | ..., attemptNumber, objectId,
 * propertyName, propertyValue, changeSource}`. Each names a contact by id; a property change carries
 * the one property's new value (email, firstname, company, jobtitle, lifecyclestage...).
 * n8n's HubSpot Trigger (n8n-nodes-base/dist/nodes/Hubspot/HubspotTrigger.node.js, webhook(),
 * lines 374-412 in 2.41.1) hands each event on as its own item with `objectId` renamed to
 * `contactId` (`companyId`, `dealId`... for other objects, which are no leads and not claimed here).
 */
import { cleanString, emptyLead, finalizeLead, setLeadField } from '../lead/fields';
import type { Lead } from '../lead/types';
import { applyAnswer, bodyRecord, idString, prop } from './shared';
import type { DeliveryInput, NormalizeResult, SourceNormalizer } from './types';

const SOURCE = 'hubspotContactEvents';

function isContactEvent(event: unknown): event is Record<string, unknown> {
	const type = prop(event, 'subscriptionType');
	return (
		typeof type === 'string' &&
		type.startsWith('contact.') &&
		idString(prop(event, 'portalId')) !== null &&
		idString(prop(event, 'eventId')) !== null &&
		idString(prop(event, 'contactId') ?? prop(event, 'objectId')) !== null
	);
}

/** One event (an n8n item) or the webhook's array of events; only contact events count. */
function contactEvents(input: DeliveryInput): Array<Record<string, unknown>> {
	const single = bodyRecord(input);
	if (single) return isContactEvent(single) ? [single] : [];
	const body = input?.body;
	return Array.isArray(body) ? body.filter(isContactEvent) : [];
}

function detect(input: DeliveryInput): boolean {
	return contactEvents(input).length > 0;
}

function leadFromEvent(event: Record<string, unknown>): Lead {
	const lead = emptyLead(SOURCE, 'other');
	const property = cleanString(event.propertyName, 200);
	// HubSpot's internal property names (email, firstname, jobtitle) are labels the table knows
	if (property && event.propertyValue !== undefined) applyAnswer(lead, property, event.propertyValue);
	lead.externalId = idString(event.contactId ?? event.objectId);
	setLeadField(lead, 'submittedAt', event.occurredAt);
	return finalizeLead(lead);
}

function normalize(input: DeliveryInput): NormalizeResult {
	const events = contactEvents(input);
	const leads = events.map(leadFromEvent);
	const ids = events.map((event) => idString(event.eventId)).filter((id): id is string => id !== null);
	const types = [...new Set(events.map((event) => cleanString(event.subscriptionType, 100)).filter(Boolean))];
	return {
		leads: leads.length > 0 ? leads : [finalizeLead(emptyLead(SOURCE, 'other'))],
		// HubSpot retries an event with the same eventId (attemptNumber grows)
		eventId: ids.length ? ids.join(',') : null,
		eventType: types.length === 1 ? (types[0] as string) : types.length ? 'contact.events' : null,
	};
}

export const hubspotContactEventsNormalizer: SourceNormalizer = {
	id: SOURCE,
	displayName: 'HubSpot Contact Events (app webhooks, HubSpot Trigger)',
	channel: 'other',
	detect,
	normalize,
};

