import { isPlainObject, leadFromFlatRecord, safeEntries, setLeadField, finalizeLead } from '../lead/fields';
import { coerceEvents } from '../lead/events';
import type { Lead } from '../lead/types';
import type { DeliveryInput, NormalizeResult, SourceNormalizer } from './types';

const NESTED_CONTAINERS = ['lead', 'contact', 'data', 'fields', 'form_fields', 'formData', 'submission', 'payload', 'properties'];

/**
 * Flattens one level of common wrappers ({data: {...}}, {fields: {...}}) so flat-field
 * detection finds values posted by generic tools (Zapier-style, Elementor, Gravity Forms).
 */
function flattenCommonWrappers(body: Record<string, unknown>): Record<string, unknown> {
	const flat: Record<string, unknown> = {};
	for (const [key, value] of safeEntries(body)) {
		if (isPlainObject(value) && NESTED_CONTAINERS.includes(key)) {
			for (const [innerKey, innerValue] of safeEntries(value)) {
				if (!(innerKey in flat)) Object.defineProperty(flat, innerKey, { value: innerValue, enumerable: true, writable: true, configurable: true });
			}
		} else if (isPlainObject(value) && key === 'utm') {
			for (const [innerKey, innerValue] of safeEntries(value)) {
				flat['utm_' + innerKey] = innerValue;
			}
		} else {
			Object.defineProperty(flat, key, { value, enumerable: true, writable: true, configurable: true });
		}
	}
	return flat;
}

export function genericLeadFromBody(body: unknown, source = 'generic'): Lead {
	if (!isPlainObject(body)) return finalizeLead(leadFromFlatRecord({}, source, 'form'));
	const { events, ...fields } = body;
	const lead = leadFromFlatRecord(flattenCommonWrappers(fields), source, 'form');
	// our own generic format: a website can post what the visitor did along with the form
	if (Array.isArray(events)) lead.events = coerceEvents(events);
	if (isPlainObject(body.consent) && 'marketing' in body.consent) setLeadField(lead, 'consent', body.consent.marketing, true);
	return lead;
}

export const genericNormalizer: SourceNormalizer = {
	id: 'generic',
	displayName: 'Generic JSON or Form Post',
	channel: 'form',
	detect: (input: DeliveryInput) => isPlainObject(input.body) || (Array.isArray(input.body) && input.body.some(isPlainObject)),
	normalize(input: DeliveryInput): NormalizeResult {
		const items = Array.isArray(input.body) ? input.body : [input.body];
		const leads = items.filter(isPlainObject).map((body) => genericLeadFromBody(body));
		return { leads: leads.length ? leads : [genericLeadFromBody({})], eventId: null, eventType: 'submission' };
	},
};
