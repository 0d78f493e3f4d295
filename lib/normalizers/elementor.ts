/**
 * Elementor Pro form "Webhook" action (modules/forms/actions/webhook.php), posted form-encoded:
 * - "Advanced Data" on: `form[id]`, `form[name]`, `fields[<custom_id>][id|type|title|value|raw_value|required]`,
 *   `meta[<key>][title|value]` (date, time, page_url, user_agent, remote_ip, credit);
 * - off (default): `<Field Label>: value` for every field and meta row ("Date", "Page URL",
 *   "Powered by": "Elementor"...), plus `form_id` and `form_name`.
 * Labels are whatever the form owner typed, trailing spaces and odd case included.
 */
import { cleanString, emptyLead, finalizeLead, isPlainObject, labelKey, safeEntries, setLeadField } from '../lead/fields';
import type { Lead } from '../lead/types';
import { applyAnswer, applyUtmFromUrl, expandedBodyRecord, idString, objectAt, prop } from './shared';
import type { DeliveryInput, NormalizeResult, SourceNormalizer } from './types';

const SOURCE = 'elementor';

/** Meta rows Elementor appends in simple mode, compared with labelKey(). */
const META_LABELS = new Set(['date', 'time', 'pageurl', 'pagetitle', 'useragent', 'remoteip', 'poweredby']);
/** The meta rows a hand-made form would rarely have ("Date" and "Time" are too common to count). */
const DISTINCTIVE_META = new Set(['pageurl', 'pagetitle', 'useragent', 'remoteip', 'poweredby']);
const SIMPLE_MODE_KEYS = new Set(['formid', 'formname']);

function advancedFields(body: Record<string, unknown> | null): Record<string, unknown> | null {
	const form = objectAt(body, 'form');
	const fields = objectAt(body, 'fields');
	if (!form || !fields || prop(form, 'id') === undefined) return null;
	const entries = safeEntries(fields);
	return entries.length > 0 && entries.every(([, field]) => isPlainObject(field) && 'value' in field && ('title' in field || 'type' in field)) ? fields : null;
}

function simpleModeMeta(body: Record<string, unknown> | null): string[] {
	if (!body || prop(body, 'form_id') === undefined || prop(body, 'form_name') === undefined) return [];
	return Object.keys(body).filter((key) => DISTINCTIVE_META.has(labelKey(key)));
}

function isSimpleMode(body: Record<string, unknown> | null): boolean {
	const meta = simpleModeMeta(body);
	const poweredBy = Object.keys(body ?? {}).find((key) => labelKey(key) === 'poweredby');
	// "Powered by: Elementor" is unmistakable; otherwise form_id, form_name and two distinctive meta rows
	return (poweredBy !== undefined && cleanString(body?.[poweredBy])?.toLowerCase() === 'elementor') || meta.length >= 2;
}

function detect(input: DeliveryInput): boolean {
	const body = expandedBodyRecord(input);
	return advancedFields(body) !== null || isSimpleMode(body);
}

function fromAdvanced(lead: Lead, body: Record<string, unknown>, fields: Record<string, unknown>): void {
	for (const [id, field] of safeEntries(fields)) {
		if (!isPlainObject(field)) continue;
		const label = cleanString(field.title, 500) ?? id;
		const value = field.value ?? field.raw_value;
		if (field.type === 'email') setLeadField(lead, 'email', value);
		if (field.type === 'tel') setLeadField(lead, 'phone', value);
		applyAnswer(lead, label, value);
	}
	const form = objectAt(body, 'form');
	lead.formId = idString(prop(form, 'id'));
	lead.formName = cleanString(prop(form, 'name'), 500);
	applyUtmFromUrl(lead, prop(objectAt(body, 'meta', 'page_url'), 'value'));
}

function fromSimple(lead: Lead, body: Record<string, unknown>): void {
	for (const [label, value] of safeEntries(body)) {
		const key = labelKey(label);
		if (SIMPLE_MODE_KEYS.has(key)) continue;
		if (META_LABELS.has(key)) {
			if (key === 'pageurl') applyUtmFromUrl(lead, value);
			continue;
		}
		if (isPlainObject(value)) continue;
		applyAnswer(lead, label, value);
	}
	lead.formId = idString(body.form_id);
	lead.formName = cleanString(body.form_name, 500);
}

function normalize(input: DeliveryInput): NormalizeResult {
	const body = expandedBodyRecord(input) ?? {};
	const lead = emptyLead(SOURCE, 'form');
	const fields = advancedFields(body);
	if (fields) fromAdvanced(lead, body, fields);
	else fromSimple(lead, body);
	// Elementor sends its date and time in the site's locale and time zone, without an offset:
	// submittedAt stays null rather than guessing.
	return { leads: [finalizeLead(lead)], eventId: null, eventType: 'form_submission' };
}

export const elementorNormalizer: SourceNormalizer = {
	id: SOURCE,
	displayName: 'Elementor Forms',
	channel: 'form',
	detect,
	normalize,
};
