import { memoizeText } from '../memo';
import { foldKey, foldWords, toAsciiDigits } from '../text/fold';
import { labelMeaning, NOT_A_FIELD, type LabelField } from './labels';
import { countryCodeFor } from './country';
import { countryCodeForPhone, normalizePhone } from './phone';
import { parseDate } from './dates';
import { leadLanguage } from './language';
import { parseYesNo } from './yesNo';
import type { AnswerValue, Lead, LeadChannel, LeadUtm } from './types';

const MISSING_WORDS = new Set(['', 'undefined', 'null', 'none', 'n/a', 'na', '-']);
const LONGEST_MISSING_WORD = 9;

/**
 * Whether cleaned text is a placeholder for "no value". Every such word starts with "n", "u" or
 * "-", so other text is let through without making a lower-cased copy of it.
 */
function isMissingWord(text: string): boolean {
	if (text.length === 0) return true;
	if (text.length > LONGEST_MISSING_WORD) return false;
	const first = text.charCodeAt(0) | 0x20;
	if (first !== 0x6e && first !== 0x75 && first !== 0x2d) return false;
	return MISSING_WORDS.has(text.toLowerCase());
}
/** Whitespace that cleanString would change: at either end, doubled, or other than a plain space. */
const NEEDS_SPACE_CLEANUP = /^\s|\s$|\s\s|[^\S ]/;
/** The exact form toISOString() gives, with day and hour ranges that no calendar rolls over. */
const CANONICAL_ISO_DATE = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own keys that are safe to copy onto a plain object (no prototype pollution). */
export function safeEntries(value: Record<string, unknown>): Array<[string, unknown]> {
	return Object.keys(value)
		.filter((key) => key !== '__proto__')
		.map((key) => [key, value[key]]);
}

/** Assigns without ever touching the prototype, whatever the key. */
export function safeSet<T>(target: Record<string, T>, key: string, value: T): void {
	// only "__proto__" has a setter on a plain object; any other key assigned becomes an own property
	if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
	else target[key] = value;
}

/** Lists nested deeper than this are not read: form values are flat, and deep input must not exhaust the stack. */
const MAX_LIST_DEPTH = 8;

export function cleanString(value: unknown, maxLength = 2000, depth = 0): string | null {
	if (value === null || value === undefined) return null;
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (Array.isArray(value)) {
		if (depth >= MAX_LIST_DEPTH) return null;
		const parts = value.map((part) => cleanString(part, maxLength, depth + 1)).filter((p): p is string => !!p);
		return parts.length ? parts.join(', ').slice(0, maxLength).trim() : null;
	}
	if (typeof value !== 'string') return null;
	const trimmed = NEEDS_SPACE_CLEANUP.test(value) ? value.replace(/\s+/g, ' ').trim() : value;
	if (isMissingWord(trimmed)) return null;
	// cut first, then trim, so that a cut value never ends in a space
	return trimmed.slice(0, maxLength).trim();
}

export function normalizeEmail(value: unknown): string | null {
	const text = cleanString(value, 320);
	if (!text) return null;
	return text.replace(/^mailto:/i, '').replace(/\s+/g, '').toLowerCase() || null;
}

/**
 * A yes/no or consent answer in any of our users' languages (lib/lead/yesNo.ts): true only for a
 * clear yes, false for a clear no, null for anything else. Of ticked options sent as a list, one
 * that says no makes the answer a no.
 */
export function parseBoolean(value: unknown): boolean | null {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : null;
	if (Array.isArray(value)) {
		let answer: boolean | null = null;
		for (const option of value.slice(0, 50)) {
			const said = Array.isArray(option) ? null : parseBoolean(option);
			if (said === false) return false;
			if (said === true) answer = true;
		}
		return answer;
	}
	const text = cleanString(value);
	return text ? parseYesNo(text) : null;
}

/**
 * A date as an ISO string (UTC), or null. Dates already in toISOString() form (most event times)
 * are only range-checked; every other form is read by parseDate (lib/lead/dates.ts): ISO, epoch,
 * "YYYY-MM-DD HH:mm:ss", Jalali and Buddhist-era dates; a date that reads two ways is null.
 */
export function toIsoDate(value: unknown): string | null {
	if (value === null || value === undefined || value === '') return null;
	if (typeof value === 'string' && value.length === 24 && CANONICAL_ISO_DATE.test(value)) {
		// already what toISOString() would give; only the range check is left
		const time = Date.parse(value);
		return time >= 0 && time <= 8.64e15 ? value : null;
	}
	return parseDate(value);
}

/**
 * "Email Address " → "emailaddress", "ایمیل کاری" → "ایمیلکاری": how labels typed by form owners are
 * compared (rules' `answers.<label>`, honeypot names). Letters of every script are kept, folded.
 */
export const labelKey: (label: string) => string = foldKey;

export type MappableField =
	| LabelField
	| 'utmSource'
	| 'utmMedium'
	| 'utmCampaign'
	| 'utmTerm'
	| 'utmContent'
	| 'submittedAt'
	| 'externalId'
	| 'formId'
	| 'formName';

/**
 * Machine keys of the fields a vendor's envelope or tracking provides, compared with labelKey().
 * The labels people type for the lead's own fields live in lib/lead/labels.ts.
 */
export const FIELD_ALIASES: Partial<Record<MappableField, string[]>> = {
	utmSource: ['utmsource'],
	utmMedium: ['utmmedium'],
	utmCampaign: ['utmcampaign'],
	utmTerm: ['utmterm'],
	utmContent: ['utmcontent'],
	submittedAt: ['submittedat', 'submissiondate', 'createdat', 'timestamp', 'date', 'submittedon', 'createdtime'],
	externalId: ['id', 'submissionid', 'entryid', 'responseid', 'leadid', 'externalid'],
	formId: ['formid'],
	formName: ['formname', 'formtitle'],
};

const ALIAS_LOOKUP: Map<string, MappableField> = (() => {
	const lookup = new Map<string, MappableField>();
	for (const [field, aliases] of Object.entries(FIELD_ALIASES) as Array<[MappableField, string[]]>) {
		for (const alias of aliases) if (!lookup.has(alias)) lookup.set(alias, field);
	}
	return lookup;
})();

const UTM_SUFFIXES: Record<string, MappableField> = { source: 'utmSource', medium: 'utmMedium', campaign: 'utmCampaign', term: 'utmTerm', content: 'utmContent' };

/** Machine keys first (exact), then the label table (lib/lead/labels.ts); remembered per label text. */
const readLabel: (label: string) => MappableField | typeof NOT_A_FIELD | null = memoizeText((label: string) => {
	const key = labelKey(label);
	const machine = ALIAS_LOOKUP.get(key);
	if (machine) return machine;
	if (key.startsWith('utm') && Object.prototype.hasOwnProperty.call(UTM_SUFFIXES, key.slice(3))) return UTM_SUFFIXES[key.slice(3)];
	return labelMeaning(label);
});

/** Which canonical field a label stands for, or null (unknown, or a label that names something else such as "Confirm email"). */
export function fieldForLabel(label: string): MappableField | null {
	const meaning = readLabel(label);
	return meaning === NOT_A_FIELD ? null : meaning;
}

/** A label that names no field we know: only then may its value's shape say what it is. */
function isUnknownLabel(label: string): boolean {
	return readLabel(label) === null;
}

export function emptyUtm(): LeadUtm {
	return { source: null, medium: null, campaign: null, term: null, content: null };
}

export function emptyLead(source: string, channel: LeadChannel): Lead {
	return {
		email: null,
		firstName: null,
		lastName: null,
		fullName: null,
		phone: null,
		company: null,
		jobTitle: null,
		website: null,
		country: null,
		countryCode: null,
		city: null,
		message: null,
		language: null,
		source,
		channel,
		formId: null,
		formName: null,
		submittedAt: null,
		externalId: null,
		consent: { marketing: null },
		utm: emptyUtm(),
		answers: {},
		events: [],
	};
}

export function toAnswerValue(value: unknown): AnswerValue {
	if (value === null || value === undefined) return null;
	// cut, then trim, so that the next node's coercion finds nothing left to change
	if (typeof value === 'string') return value.trim().slice(0, 5000).trimEnd();
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value === 'boolean') return value;
	if (Array.isArray(value)) return value.map((v) => cleanString(v) ?? '').filter(Boolean).slice(0, 200);
	if (isPlainObject(value)) return cleanString(stringifyShallow(value), 5000);
	return null;
}

/** JSON text of an answer object; objects nested too deeply for JSON.stringify's recursion are left out. */
function stringifyShallow(value: Record<string, unknown>): string | null {
	const within = (item: unknown, depth: number): unknown => {
		if (item === null || typeof item !== 'object') return item;
		if (depth >= MAX_LIST_DEPTH) return '…';
		if (Array.isArray(item)) return item.slice(0, 200).map((entry) => within(entry, depth + 1));
		const copy: Record<string, unknown> = {};
		for (const [key, entry] of safeEntries(item as Record<string, unknown>).slice(0, 200)) Object.defineProperty(copy, key, { value: within(entry, depth + 1), enumerable: true, writable: true, configurable: true });
		return copy;
	};
	try {
		return JSON.stringify(within(value, 0));
	} catch {
		return null;
	}
}

const EMAIL_SHAPE = /^(?:mailto:)?[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\].]{2,}$/i;
const PHONE_CHARACTERS = /^\+?[\d\s().\-/]+$/;
const DATE_LIKE = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$/;
/** "10 000 000", "1.000.000": an amount with grouped thousands, not a phone ("600 700 800" is a Polish phone). */
const GROUPED_AMOUNT = /^\d{1,2}(?:[ ,.]\d{3})+$/;

/** A single email address, nothing else. */
export function looksLikeEmail(value: unknown): boolean {
	return typeof value === 'string' && value.length <= 320 && EMAIL_SHAPE.test(value.trim());
}

/**
 * A phone number as people type one, in any digits: 7 to 15 digits with an international prefix,
 * a trunk 0 ("09123456789", "081 234 5678") or separators ("600 700 800"). Dates, amounts with
 * grouped thousands, dotted numbers (versions, addresses) and bare digit runs (ids) are not phones.
 */
export function looksLikePhone(value: unknown): boolean {
	if (typeof value !== 'string' || value.length > 40) return false;
	const text = toAsciiDigits(value.trim()).replace(/^tel:/i, '');
	if (!PHONE_CHARACTERS.test(text) || DATE_LIKE.test(text) || GROUPED_AMOUNT.test(text)) return false;
	const digits = text.replace(/\D/g, '').length;
	if (digits < 7 || digits > 15) return false;
	if (text.startsWith('+') || text.startsWith('0')) return true;
	return !text.includes('.') && /[\s()-]/.test(text);
}

/**
 * What the form said beyond its labelled fields, kept until finalizeLead decides: values of fields
 * whose label named nothing we know (a label seen later wins), and whether a bare "name" was asked.
 * Only leads being read from a form have this; a lead coerced again by the next node has none.
 */
interface FormReading {
	email: string | null;
	phone: string | null;
	/** several different values looked like an email (or a phone): which is the lead's is unknown */
	emailConflict: boolean;
	phoneConflict: boolean;
	/** a label named the whole name: it may be the missing part beside a first or last name */
	nameLabelled: boolean;
}
const formReadings = new WeakMap<Lead, FormReading>();

function formReading(lead: Lead): FormReading {
	let reading = formReadings.get(lead);
	if (!reading) {
		reading = { email: null, phone: null, emailConflict: false, phoneConflict: false, nameLabelled: false };
		formReadings.set(lead, reading);
	}
	return reading;
}

function noteValueShape(lead: Lead, value: unknown): void {
	const isEmail = looksLikeEmail(value);
	if (!isEmail && !looksLikePhone(value)) return;
	const reading = formReading(lead);
	if (isEmail) {
		const email = normalizeEmail(value);
		if (reading.email === null) reading.email = email;
		else if (reading.email !== email) reading.emailConflict = true;
	} else {
		const phone = cleanString(value, 500);
		const digits = phone && toAsciiDigits(phone).replace(/\D/g, '');
		if (reading.phone === null) reading.phone = phone;
		else if (toAsciiDigits(reading.phone).replace(/\D/g, '') !== digits) reading.phoneConflict = true;
	}
}

/**
 * Which field a labelled value fills. The label decides, except between email and phone, where an
 * unmistakable value wins: "Email or phone: +48 601 234 567" is the phone.
 */
function fieldForValue(field: MappableField, value: unknown): MappableField {
	if (field === 'email' && !looksLikeEmail(value) && looksLikePhone(value)) return 'phone';
	if (field === 'phone' && looksLikeEmail(value)) return 'email';
	return field;
}

/**
 * Applies one labelled value to a lead: the first value seen for a canonical field wins,
 * and every value is also kept in `answers` under its (trimmed) label. A value whose label names
 * nothing we know may still be the email or the phone by its shape (see finalizeLead).
 */
export function applyLabelledValue(lead: Lead, label: string, value: unknown, keepAnswer = true): void {
	const trimmedLabel = label.replace(/\s+/g, ' ').trim().slice(0, 200);
	if (!trimmedLabel) return;
	if (keepAnswer) safeSet(lead.answers, trimmedLabel, toAnswerValue(value));
	const field = fieldForLabel(trimmedLabel);
	// a ticked box answers a yes/no question ("Do you have a favourite city we have not listed?"): it is consent or an answer, never a name or a city
	if (field && (typeof value !== 'boolean' || field === 'consent')) setLeadField(lead, fieldForValue(field, value), value);
	else if (!field && isUnknownLabel(trimmedLabel)) noteValueShape(lead, value);
	if (field === 'fullName') formReading(lead).nameLabelled = true;
}

export function setLeadField(lead: Lead, field: MappableField, value: unknown, overwrite = false): void {
	const set = (current: string | null, next: string | null) => (overwrite || current === null ? next ?? current : current);
	switch (field) {
		case 'email':
			lead.email = set(lead.email, normalizeEmail(value));
			return;
		case 'consent':
			if (overwrite || lead.consent.marketing === null) lead.consent.marketing = parseBoolean(value) ?? lead.consent.marketing;
			return;
		case 'submittedAt':
			lead.submittedAt = set(lead.submittedAt, toIsoDate(value));
			return;
		case 'utmSource':
			lead.utm.source = set(lead.utm.source, cleanString(value, 500));
			return;
		case 'utmMedium':
			lead.utm.medium = set(lead.utm.medium, cleanString(value, 500));
			return;
		case 'utmCampaign':
			lead.utm.campaign = set(lead.utm.campaign, cleanString(value, 500));
			return;
		case 'utmTerm':
			lead.utm.term = set(lead.utm.term, cleanString(value, 500));
			return;
		case 'utmContent':
			lead.utm.content = set(lead.utm.content, cleanString(value, 500));
			return;
		case 'message':
			// a longer message stays whole in `answers`
			lead.message = set(lead.message, cleanString(value, 1000));
			return;
		case 'companySize':
		case 'budget':
			// not lead fields: Lead Score reads these answers by their label
			return;
		default:
			lead[field] = set(lead[field], cleanString(value, 500));
	}
}

function capitalizeWord(word: string): string {
	return word.charAt(0).toLocaleUpperCase() + word.slice(1);
}

/**
 * An email or phone read from its value alone fills the field only when no label named it and the
 * unlabelled values agree: two different addresses without a label leave the email unknown (null).
 * Forms pair a bare "name" with one other part: "Vorname" + "Name", "Prénom" + "Nom" (the name is
 * the surname), "Nome" + "Cognome", "Nombre" + "Apellidos", "نام" + "نام خانوادگی", "Ad" + "Soyad",
 * "ชื่อ" + "นามสกุล" (the name is the given name). A name that does not hold the other part is the
 * missing part, and the full name is both.
 */
function applyFormReading(lead: Lead): void {
	const reading = formReadings.get(lead);
	if (!reading) return;
	formReadings.delete(lead);
	if (lead.email === null && !reading.emailConflict) lead.email = reading.email;
	if (lead.phone === null && !reading.phoneConflict) lead.phone = reading.phone;
	const { fullName, firstName, lastName } = lead;
	if (!reading.nameLabelled || !fullName || (firstName === null) === (lastName === null)) return;
	const other = (firstName ?? lastName) as string;
	if (foldWords(fullName).includes(foldWords(other))) return;
	if (firstName !== null) lead.lastName = fullName;
	else lead.firstName = fullName;
	lead.fullName = `${lead.firstName} ${lead.lastName}`.slice(0, 500).trim();
}

/** Fills derived fields (full name ↔ first/last, website from email domain is NOT guessed) and trims. */
export function finalizeLead(lead: Lead): Lead {
	applyFormReading(lead);
	if (!lead.fullName && (lead.firstName || lead.lastName)) {
		const joined = lead.firstName && lead.lastName ? `${lead.firstName} ${lead.lastName}` : (lead.firstName || lead.lastName) as string;
		lead.fullName = joined.slice(0, 500).trim();
	}
	if (lead.fullName && !lead.firstName && !lead.lastName) {
		const parts = lead.fullName.split(' ').filter(Boolean);
		if (parts.length > 1) {
			lead.firstName = parts[0];
			lead.lastName = parts.slice(1).join(' ');
		} else if (parts.length === 1) {
			lead.firstName = parts[0];
		}
	}
	if (lead.firstName && /^[a-z]/.test(lead.firstName) && lead.firstName === lead.firstName.toLowerCase()) {
		lead.firstName = capitalizeWord(lead.firstName);
	}
	if (lead.country && lead.country.length === 2) lead.country = lead.country.toUpperCase();
	// the code from the country as written, else from an international phone; the phone in E.164 only where the country is certain
	lead.countryCode = (lead.countryCode && countryCodeFor(lead.countryCode)) || (lead.country && countryCodeFor(lead.country)) || (lead.phone && countryCodeForPhone(lead.phone)) || null;
	if (lead.phone) lead.phone = normalizePhone(lead.phone, lead.countryCode);
	lead.language = leadLanguage(lead);
	return lead;
}

/** Maps a flat record of label → value (a form post, a CSV row) onto a lead. */
export function leadFromFlatRecord(record: Record<string, unknown>, source: string, channel: LeadChannel): Lead {
	const lead = emptyLead(source, channel);
	for (const [label, value] of safeEntries(record)) {
		if (isPlainObject(value)) continue;
		applyLabelledValue(lead, label, value);
	}
	return finalizeLead(lead);
}

export function lowerCaseHeaders(headers: unknown): Record<string, string> {
	const result: Record<string, string> = {};
	if (!isPlainObject(headers)) return result;
	for (const [key, value] of safeEntries(headers)) {
		const text = Array.isArray(value) ? value.join(', ') : typeof value === 'string' ? value : value == null ? '' : String(value);
		safeSet(result, key.toLowerCase(), text);
	}
	return result;
}

/** Turns `data[merges][FNAME]=x` style keys (form-encoded bodies) into nested objects. */
export function expandBracketKeys(record: Record<string, unknown>): Record<string, unknown> {
	const result: Record<string, unknown> = {};
	for (const [key, value] of safeEntries(record)) {
		const match = /^([^[\]]+)((?:\[[^[\]]*\])+)$/.exec(key);
		if (!match) {
			safeSet(result, key, value);
			continue;
		}
		const path = [match[1], ...match[2].slice(1, -1).split('][')];
		let cursor: Record<string, unknown> = result;
		for (let i = 0; i < path.length - 1; i++) {
			const part = path[i];
			if (part === '__proto__' || part === 'constructor' || part === 'prototype') break;
			if (!isPlainObject(cursor[part])) safeSet(cursor, part, {});
			cursor = cursor[part] as Record<string, unknown>;
		}
		const last = path[path.length - 1];
		if (last !== '__proto__') safeSet(cursor, last, value);
	}
	return result;
}
