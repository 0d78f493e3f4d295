import { normalizeDelivery } from '../normalizers';
import { cleanString, emptyLead, finalizeLead, isPlainObject, lowerCaseHeaders, normalizeEmail, parseBoolean, safeEntries, safeSet, toAnswerValue, toIsoDate } from './fields';
import { coerceEvents } from './events';
import type { Lead, LeadChannel } from './types';
import { LEAD_STRING_FIELDS } from './types';

export { coerceEvents };

const CHANNELS: LeadChannel[] = ['form', 'newsletter', 'ad', 'other'];

/** Takes something shaped like a canonical lead (perhaps from an earlier node or a CRM) and makes it exact. */
export function coerceLead(value: Record<string, unknown>): Lead {
	const source = cleanString(value.source, 100) ?? 'generic';
	const channel = CHANNELS.includes(value.channel as LeadChannel) ? (value.channel as LeadChannel) : 'other';
	const lead = emptyLead(source, channel);
	for (const field of LEAD_STRING_FIELDS) {
		if (field === 'email') lead.email = normalizeEmail(value.email);
		else if (field === 'submittedAt') lead.submittedAt = toIsoDate(value.submittedAt);
		else lead[field] = cleanString(value[field], 500);
	}
	if (isPlainObject(value.consent)) lead.consent.marketing = parseBoolean(value.consent.marketing);
	if (isPlainObject(value.utm)) {
		for (const key of Object.keys(lead.utm) as Array<keyof Lead['utm']>) lead.utm[key] = cleanString(value.utm[key], 500);
	}
	if (isPlainObject(value.answers)) {
		for (const [label, answer] of safeEntries(value.answers).slice(0, 500)) safeSet(lead.answers, label.slice(0, 200), toAnswerValue(answer));
	}
	lead.events = coerceEvents(value.events);
	return finalizeLead(lead);
}

/** Looks like n8n's Webhook node output: {headers, params, query, body}. */
function isWebhookNodeOutput(json: Record<string, unknown>): boolean {
	return isPlainObject(json.headers) && 'body' in json && ('query' in json || 'params' in json);
}

/**
 * Finds the lead in any item: a canonical `lead` object when present, else the output of
 * n8n's Webhook node (any supported source's payload in `body`), else the item itself as a
 * source payload or flat form fields.
 */
export function leadFromItem(json: Record<string, unknown>): Lead {
	let lead: Lead;
	if (isPlainObject(json.lead)) {
		lead = coerceLead(json.lead);
	} else if (isWebhookNodeOutput(json)) {
		const delivery = normalizeDelivery({ body: json.body, headers: lowerCaseHeaders(json.headers), query: isPlainObject(json.query) ? json.query : {} });
		lead = delivery.leads[0] ?? emptyLead(delivery.source, 'form');
	} else {
		const delivery = normalizeDelivery({ body: json, headers: {}, query: {} });
		lead = delivery.leads[0] ?? emptyLead(delivery.source, 'form');
	}
	if (lead.events.length === 0 && Array.isArray(json.events)) lead.events = coerceEvents(json.events);
	return lead;
}
