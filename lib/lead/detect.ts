import { normalizeDelivery } from '../normalizers';
import { cleanString, emptyLead, emptyUtm, finalizeLead, isPlainObject, lowerCaseHeaders, normalizeEmail, parseBoolean, safeSet, toAnswerValue, toIsoDate } from './fields';
import { coerceEvents } from './events';
import { coerceChat } from './chat';
import { LEAD_CHANNELS, type Lead, type LeadChannel } from './types';

export { coerceEvents };


const MAX_ANSWERS = 500;

/**
 * Takes something shaped like a canonical lead (perhaps from an earlier node or a CRM) and makes it exact.
 * Every field is read by name, not in a loop over names: this runs once per item, and named reads
 * are what keep it fast on a hundred thousand items.
 */
export function coerceLead(value: Record<string, unknown>): Lead {
	const { consent, utm, answers } = value;
	const lead: Lead = {
		email: normalizeEmail(value.email),
		firstName: cleanString(value.firstName, 500),
		lastName: cleanString(value.lastName, 500),
		fullName: cleanString(value.fullName, 500),
		phone: cleanString(value.phone, 500),
		company: cleanString(value.company, 500),
		jobTitle: cleanString(value.jobTitle, 500),
		website: cleanString(value.website, 500),
		country: cleanString(value.country, 500),
		countryCode: typeof value.countryCode === 'string' && /^[A-Za-z]{2}$/.test(value.countryCode) ? value.countryCode.toUpperCase() : null,
		city: cleanString(value.city, 500),
		message: cleanString(value.message, 5000),
		language: cleanString(value.language, 35)?.toLowerCase() ?? null,
		source: cleanString(value.source, 100) ?? 'generic',
		channel: LEAD_CHANNELS.includes(value.channel as LeadChannel) ? (value.channel as LeadChannel) : 'other',
		formId: cleanString(value.formId, 500),
		formName: cleanString(value.formName, 500),
		submittedAt: toIsoDate(value.submittedAt),
		externalId: cleanString(value.externalId, 500),
		consent: { marketing: isPlainObject(consent) ? parseBoolean(consent.marketing) : null },
		utm: isPlainObject(utm)
			? { source: cleanString(utm.source, 500), medium: cleanString(utm.medium, 500), campaign: cleanString(utm.campaign, 500), term: cleanString(utm.term, 500), content: cleanString(utm.content, 500) }
			: emptyUtm(),
		answers: {},
		events: coerceEvents(value.events),
	};
	if (isPlainObject(answers)) {
		let taken = 0;
		for (const label of Object.keys(answers)) {
			if (label === '__proto__') continue;
			if (taken++ === MAX_ANSWERS) break;
			safeSet(lead.answers, label.slice(0, 200), toAnswerValue(answers[label]));
		}
	}
	const chat = coerceChat(value.chat);
	if (chat) lead.chat = chat;
	return finalizeLead(lead);
}

/** Looks like n8n's Webhook node output: {headers, params, query, body}, a delivery received in this execution. */
export function isWebhookNodeOutput(json: Record<string, unknown>): boolean {
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
