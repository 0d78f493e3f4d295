import { memoizeText } from '../memo';
import { parseDate } from './dates';
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

/** "Email Address " → "emailaddress": how labels typed by form owners are compared. */
export const labelKey: (label: string) => string = memoizeText(labelKeyOf);

function labelKeyOf(label: string): string {
	return label
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');
}

export type MappableField =
	| 'email'
	| 'firstName'
	| 'lastName'
	| 'fullName'
	| 'phone'
	| 'company'
	| 'jobTitle'
	| 'website'
	| 'country'
	| 'consent'
	| 'utmSource'
	| 'utmMedium'
	| 'utmCampaign'
	| 'utmTerm'
	| 'utmContent'
	| 'submittedAt'
	| 'externalId'
	| 'formId'
	| 'formName';

/** Common spellings of each canonical field, compared with labelKey(). Order matters: first match wins. */
export const FIELD_ALIASES: Record<MappableField, string[]> = {
	email: ['email', 'emailaddress', 'youremail', 'workemail', 'businessemail', 'companyemail', 'mail', 'emailid', 'contactemail', 'yourworkemail', 'emailadresse', 'correo'],
	firstName: ['firstname', 'fname', 'givenname', 'first', 'forename', 'vorname', 'prenom', 'yourfirstname', 'nombre'],
	lastName: ['lastname', 'lname', 'surname', 'familyname', 'last', 'nachname', 'yourlastname', 'apellido'],
	fullName: ['name', 'fullname', 'yourname', 'contactname', 'yourfullname', 'namesurname', 'firstandlastname'],
	phone: ['phone', 'phonenumber', 'telephone', 'tel', 'mobile', 'mobilephone', 'cellphone', 'mobilenumber', 'yourphone', 'telefon', 'whatsapp'],
	company: ['company', 'companyname', 'organization', 'organisation', 'org', 'business', 'businessname', 'employer', 'yourcompany', 'firma', 'account', 'accountname'],
	jobTitle: ['jobtitle', 'title', 'position', 'role', 'job', 'yourrole', 'yourjobtitle', 'designation', 'jobrole', 'jobfunction'],
	website: ['website', 'companywebsite', 'url', 'web', 'site', 'websiteurl', 'companyurl', 'yourwebsite', 'domain', 'companydomain'],
	country: ['country', 'countryname', 'countrycode', 'countryregion', 'yourcountry', 'land', 'pais'],
	consent: ['consent', 'marketingconsent', 'gdpr', 'gdprconsent', 'optin', 'marketingoptin', 'newsletteroptin', 'acceptmarketing', 'emailoptin', 'subscribe', 'newsletter'],
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

/** Which canonical field a label stands for, or null. Fuzzy only on whole-word containment of "email". */
export function fieldForLabel(label: string): MappableField | null {
	const key = labelKey(label);
	const exact = ALIAS_LOOKUP.get(key);
	if (exact) return exact;
	if (key.includes('email') && !key.includes('confirm') && !key.includes('optin')) return 'email';
	if (key.startsWith('utm') && key.length > 3) {
		const rest = key.slice(3);
		const utm = ({ source: 'utmSource', medium: 'utmMedium', campaign: 'utmCampaign', term: 'utmTerm', content: 'utmContent' } as const)[rest as 'source'];
		if (utm) return utm;
	}
	return null;
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
	if (typeof value === 'string') return value.trim().slice(0, 5000);
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

/**
 * Applies one labelled value to a lead: the first value seen for a canonical field wins,
 * and every value is also kept in `answers` under its (trimmed) label.
 */
export function applyLabelledValue(lead: Lead, label: string, value: unknown, keepAnswer = true): void {
	const trimmedLabel = label.replace(/\s+/g, ' ').trim().slice(0, 200);
	if (!trimmedLabel) return;
	if (keepAnswer) safeSet(lead.answers, trimmedLabel, toAnswerValue(value));
	const field = fieldForLabel(trimmedLabel);
	if (!field) return;
	setLeadField(lead, field, value);
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
		default:
			lead[field] = set(lead[field], cleanString(value, 500));
	}
}

function capitalizeWord(word: string): string {
	return word.charAt(0).toLocaleUpperCase() + word.slice(1);
}

/** Fills derived fields (full name ↔ first/last, website from email domain is NOT guessed) and trims. */
export function finalizeLead(lead: Lead): Lead {
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
