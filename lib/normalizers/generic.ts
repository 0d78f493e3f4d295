/**
 * Any form post we have no vendor normalizer for: flat key/value posts (Zapier-style, custom
 * sites), nested objects (`{contact: {email}, company: {name, size}}`), lists of labelled fields
 * (`fields: [{name|label|question|title|key, value|answer}]`), and form-encoded keys such as
 * `fields[email]` or `contact[first_name]`. Every value is read through the one label table
 * (lib/lead/labels.ts); a value whose label names nothing we know can still be the email or the
 * phone by its shape (lib/lead/fields.ts).
 */
import { applyLabelledValue, emptyLead, expandBracketKeys, finalizeLead, isPlainObject, labelKey, safeEntries, setLeadField, fieldForLabel } from '../lead/fields';
import { coerceEvents } from '../lead/events';
import type { Lead } from '../lead/types';
import { parseTextBody, safeClone } from './shared';
import type { DeliveryInput, NormalizeResult, SourceNormalizer } from './types';

/** Keys that only wrap the fields: their inner keys are the labels (compared with labelKey). */
const WRAPPERS = new Set(
	['lead', 'contact', 'data', 'fields', 'form_fields', 'formData', 'form_data', 'submission', 'payload', 'properties', 'answers', 'values', 'entry', 'record', 'attributes', 'person', 'customer', 'visitor', 'response', 'body', 'inputs', 'fieldValues'].map(labelKey),
);
/** Keys of one labelled field object, human text first. */
const LABEL_KEYS = ['label', 'question', 'title', 'name', 'key', 'field', 'id'];
const VALUE_KEYS = ['value', 'answer', 'values', 'response'];
/** Posts are shallow; deeper input is not read, so hostile nesting costs nothing. */
const MAX_DEPTH = 6;
/** A hostile post can not make one lead cost more than this many values. */
const MAX_VALUES = 20_000;

interface Walk {
	lead: Lead;
	values: number;
}

function ownString(record: Record<string, unknown>, key: string): string | null {
	if (!Object.prototype.hasOwnProperty.call(record, key)) return null;
	const value = record[key];
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/** `{label: 'Email', value: 'x'}`, `{question: 'Budget?', answer: '5k'}`, `{name: 'email', value: 'x'}`: the label, the machine key and the value. */
function labelledField(record: Record<string, unknown>): { label: string; machineKey: string | null; value: unknown } | null {
	const valueKey = VALUE_KEYS.find((key) => Object.prototype.hasOwnProperty.call(record, key));
	if (valueKey === undefined) return null;
	const labels = LABEL_KEYS.map((key) => ownString(record, key)).filter((text): text is string => text !== null);
	if (labels.length === 0) return null;
	return { label: labels[0], machineKey: labels.find((text) => text !== labels[0]) ?? null, value: record[valueKey] };
}

/**
 * Applies one value under its label. Inside a nested object the parent names the thing: "company" +
 * "name" is the company's name, "name" + "first" the first name; a field of an unknown parent
 * (`ad.name`) is kept as an answer only.
 */
function emit(walk: Walk, parent: string | null, key: string, value: unknown): void {
	if (walk.values++ >= MAX_VALUES) return;
	if (parent === null) {
		applyLabelledValue(walk.lead, key, value);
		return;
	}
	const label = `${parent} ${key}`;
	const swapped = `${key} ${parent}`;
	const field = fieldForLabel(label) ?? fieldForLabel(swapped);
	applyLabelledValue(walk.lead, label, value);
	if (field && !fieldForLabel(label)) setLeadField(walk.lead, field, value);
}

/**
 * Objects under these keys are how prototype-pollution payloads reach Object.prototype through
 * path-based merges: never a form's data, so not read (as expandBracketKeys() does for `a[constructor]`).
 */
const PROTOTYPE_PATH_KEYS: ReadonlySet<string> = new Set(['constructor', 'prototype']);

function walkValue(walk: Walk, parent: string | null, key: string, value: unknown, depth: number): void {
	if ((isPlainObject(value) || Array.isArray(value)) && PROTOTYPE_PATH_KEYS.has(key)) return;
	if (isPlainObject(value)) {
		const field = labelledField(value);
		if (field) walkLabelledField(walk, field, depth);
		else if (depth < MAX_DEPTH) walkObject(walk, WRAPPERS.has(labelKey(key)) ? parent : parent === null ? key : `${parent} ${key}`, value, depth + 1);
		return;
	}
	if (Array.isArray(value) && value.some(isPlainObject)) {
		if (depth >= MAX_DEPTH) return;
		for (const item of value.slice(0, MAX_VALUES)) {
			if (!isPlainObject(item)) continue;
			const field = labelledField(item);
			if (field) walkLabelledField(walk, field, depth);
			else walkObject(walk, WRAPPERS.has(labelKey(key)) ? parent : parent === null ? key : `${parent} ${key}`, item, depth + 1);
		}
		return;
	}
	emit(walk, parent, key, value);
}

function walkLabelledField(walk: Walk, field: { label: string; machineKey: string | null; value: unknown }, depth: number): void {
	if (isPlainObject(field.value)) {
		// a compound answer ({first, last}, {city, country}) under its question
		if (depth < MAX_DEPTH) walkObject(walk, field.label, field.value, depth + 1);
		return;
	}
	emit(walk, null, field.label, field.value);
	// a machine key ("firstname") names the field when the human label ("Ваше имя") does not
	const byKey = field.machineKey && !fieldForLabel(field.label) ? fieldForLabel(field.machineKey) : null;
	if (byKey) setLeadField(walk.lead, byKey, field.value);
}

function walkObject(walk: Walk, parent: string | null, record: Record<string, unknown>, depth: number): void {
	for (const [key, value] of safeEntries(record)) walkValue(walk, parent, key, value, depth);
}

export function genericLeadFromBody(body: unknown, source = 'generic'): Lead {
	const lead = emptyLead(source, 'form');
	if (!isPlainObject(body)) return finalizeLead(lead);
	const record = Object.keys(body).some((key) => /\[[^[\]]*\]$/.test(key)) ? expandBracketKeys(safeClone(body) as Record<string, unknown>) : body;
	const { events, consent, ...fields } = record;
	walkObject({ lead, values: 0 }, null, fields, 0);
	// our own generic format: a website can post what the visitor did along with the form
	if (Array.isArray(events)) lead.events = coerceEvents(events);
	if (isPlainObject(consent) && 'marketing' in consent) setLeadField(lead, 'consent', consent.marketing, true);
	else if (consent !== undefined) applyLabelledValue(lead, 'consent', consent);
	return finalizeLead(lead);
}

/** The delivery body: parsed when it came as JSON or form-encoded text. */
function bodyOf(input: DeliveryInput): unknown {
	let body: unknown = input?.body;
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	return typeof body === 'string' ? parseTextBody(body) : body;
}

export const genericNormalizer: SourceNormalizer = {
	id: 'generic',
	displayName: 'Generic JSON or Form Post',
	channel: 'form',
	detect: (input: DeliveryInput) => isPlainObject(input.body) || (Array.isArray(input.body) && input.body.some(isPlainObject)),
	normalize(input: DeliveryInput): NormalizeResult {
		const body = bodyOf(input);
		const items = Array.isArray(body) ? body : [body];
		const leads = items.filter(isPlainObject).map((item) => genericLeadFromBody(item));
		return { leads: leads.length ? leads : [genericLeadFromBody({})], eventId: null, eventType: 'submission' };
	},
};
