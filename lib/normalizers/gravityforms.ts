/**
 * Gravity Forms Webhooks Add-On (https://docs.gravityforms.com/triggering-webhooks-form-submissions/).
 * "All Fields" posts the Entry Object (https://docs.gravityforms.com/entry-object/): `id`, `form_id`,
 * `date_created` (UTC, "YYYY-MM-DD HH:MM:SS"), `source_url`... and one key per field id, with
 * sub-inputs as "<field>.<input>" ("1.3" first name, "1.6" last name; "2.1".."2.6" an address).
 * "Select Fields" posts whatever keys the owner typed, which are treated as labels.
 */
import { cleanString, emptyLead, finalizeLead, isPlainObject, safeEntries, setLeadField } from '../lead/fields';
import type { Lead } from '../lead/types';
import { applyAnswer, applyUtmFromUrl, bodyRecord, idString, prop } from './shared';
import type { DeliveryInput, NormalizeResult, SourceNormalizer } from './types';

const SOURCE = 'gravityforms';

const FIELD_KEY = /^(\d+)(?:\.(\d+))?$/;
const GF_DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** Entry Object properties that describe the entry rather than answer a question. */
const ENTRY_META = new Set([
	'id',
	'form_id',
	'post_id',
	'date_created',
	'date_updated',
	'is_starred',
	'is_read',
	'ip',
	'source_url',
	'user_agent',
	'currency',
	'status',
	'created_by',
	'source_id',
	'payment_status',
	'payment_date',
	'payment_amount',
	'payment_method',
	'transaction_id',
	'transaction_type',
	'is_fulfilled',
	'partial_entry_id',
]);
const ENTRY_MARKERS = ['source_url', 'is_starred', 'is_read', 'created_by', 'user_agent', 'date_updated'];

const NAME_INPUTS: Record<string, { label: string; field?: 'firstName' | 'lastName' }> = {
	'2': { label: 'Prefix' },
	'3': { label: 'First', field: 'firstName' },
	'4': { label: 'Middle' },
	'6': { label: 'Last', field: 'lastName' },
	'8': { label: 'Suffix' },
};
const ADDRESS_INPUTS: Record<string, string> = {
	'1': 'Street Address',
	'2': 'Address Line 2',
	'3': 'City',
	'4': 'State / Province',
	'5': 'ZIP / Postal Code',
	'6': 'Country',
};

function detect(input: DeliveryInput): boolean {
	const body = bodyRecord(input);
	if (!body || prop(body, 'form_id') === undefined || prop(body, 'id') === undefined) return false;
	const created = prop(body, 'date_created');
	if (typeof created !== 'string' || !GF_DATE.test(created.trim())) return false;
	return ENTRY_MARKERS.some((key) => prop(body, key) !== undefined) || Object.keys(body).some((key) => FIELD_KEY.test(key));
}

/**
 * A bare field id says nothing about the question: the answer is kept under "Field <id>", whose
 * value may still be the email or the phone by its shape (lib/lead/fields.ts); a link is the website.
 */
function applyUnlabelled(lead: Lead, label: string, value: unknown): void {
	const text = cleanString(value);
	if (text && /^https?:\/\/\S+$/i.test(text)) setLeadField(lead, 'website', text);
	applyAnswer(lead, label, value);
}

function applyFieldGroups(lead: Lead, groups: Map<string, Map<string, unknown>>): void {
	for (const [fieldId, inputs] of groups) {
		const whole = inputs.get('');
		const subIds = [...inputs.keys()].filter((key) => key !== '');
		if (subIds.length === 0) {
			applyUnlabelled(lead, `Field ${fieldId}`, whole);
			continue;
		}
		// an address has a street (.1) or a postal code (.5); a name uses .3 and .6 without them
		const isAddress = inputs.has('1') || inputs.has('5');
		const isName = !isAddress && (inputs.has('3') || inputs.has('6'));
		for (const inputId of subIds) {
			const value = inputs.get(inputId);
			if (isName && NAME_INPUTS[inputId]) {
				const { label, field } = NAME_INPUTS[inputId];
				if (field) setLeadField(lead, field, value);
				applyAnswer(lead, `Name (${label})`, value);
			} else if (isAddress && ADDRESS_INPUTS[inputId]) {
				if (inputId === '6') setLeadField(lead, 'country', value);
				applyAnswer(lead, `Address (${ADDRESS_INPUTS[inputId]})`, value);
			} else {
				// checkbox choices ("5.1", "5.2"...) and other multi-input fields
				applyUnlabelled(lead, `Field ${fieldId}.${inputId}`, value);
			}
		}
	}
}

function leadFromEntry(entry: Record<string, unknown>): Lead {
	const lead = emptyLead(SOURCE, 'form');
	const groups = new Map<string, Map<string, unknown>>();
	for (const [key, value] of safeEntries(entry)) {
		if (ENTRY_META.has(key) || isPlainObject(value)) continue;
		if (value === '' || value === null) continue;
		const match = FIELD_KEY.exec(key);
		if (match) {
			const inputs = groups.get(match[1]) ?? new Map<string, unknown>();
			inputs.set(match[2] ?? '', value);
			groups.set(match[1], inputs);
		} else {
			applyAnswer(lead, key, value);
		}
	}
	applyFieldGroups(lead, groups);
	applyUtmFromUrl(lead, entry.source_url);
	lead.formId = idString(entry.form_id);
	lead.externalId = idString(entry.id);
	setLeadField(lead, 'submittedAt', entry.date_created);
	return finalizeLead(lead);
}

function normalize(input: DeliveryInput): NormalizeResult {
	const entry = bodyRecord(input) ?? {};
	const lead = leadFromEntry(entry);
	return { leads: [lead], eventId: lead.externalId, eventType: 'form_submission' };
}

export const gravityFormsNormalizer: SourceNormalizer = {
	id: SOURCE,
	displayName: 'Gravity Forms',
	channel: 'form',
	detect,
	normalize,
};
