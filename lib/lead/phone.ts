/**
 * Phone numbers in E.164 ("+989123456789") when the country is certain: from an explicit "+" or
 * "00" prefix, or from the lead's country code for the local forms people type ("0912 345 6789",
 * "0532 123 45 67", "081 234 5678", "600 700 800"). Numbering plans (calling code, trunk prefix,
 * possible lengths, valid-number pattern) come from libphonenumber-js's metadata, turned into
 * lib/data/generated/phones.ts at build time. What does not fit a plan stays as written: a phone
 * left alone is better than a wrong one.
 */
import { PHONE_DATA } from '../data/generated/phones';
import { memoizeText } from '../memo';
import { toAsciiDigits } from '../text/fold';

const compiled = new Map<string, RegExp>();
/** Patterns are compiled once, on first use: most runs see a handful of countries. */
function regex(pattern: string, anchoredAtStartOnly = false): RegExp {
	const key = anchoredAtStartOnly ? `^${pattern}` : pattern;
	let compiledPattern = compiled.get(key);
	if (!compiledPattern) {
		compiledPattern = new RegExp(anchoredAtStartOnly ? `^(?:${pattern})` : `^(?:${pattern})$`);
		compiled.set(key, compiledPattern);
	}
	return compiledPattern;
}

function planOf(countryCode: string) {
	return Object.prototype.hasOwnProperty.call(PHONE_DATA.plans, countryCode) ? PHONE_DATA.plans[countryCode] : undefined;
}

/**
 * Whether a national (significant) number is a valid number of a country's plan: of a possible
 * length, matching the plan's general pattern and one of its number types (fixed line, mobile,
 * toll free...), as libphonenumber's isValidNumber decides.
 */
function isValidNational(national: string, countryCode: string): boolean {
	const plan = planOf(countryCode);
	if (!plan) return false;
	const [, , possibleLengths, pattern, typesPattern] = plan;
	return possibleLengths.includes(national.length) && regex(pattern).test(national) && (typesPattern === '' || regex(typesPattern).test(national));
}

/**
 * The country a national number belongs to among those that share its calling code (+1, +44,
 * +7...), as libphonenumber-js's getCountryByNationalNumber decides: the first, in the metadata's
 * order (main country first), whose leading digits or number types it matches.
 */
function countryOfNational(callingCode: string, national: string): string | null {
	const countries = Object.prototype.hasOwnProperty.call(PHONE_DATA.callingCodes, callingCode) ? PHONE_DATA.callingCodes[callingCode] : [];
	for (const country of countries) {
		if (!isValidNational(national, country)) continue;
		const leadingDigits = PHONE_DATA.plans[country][5];
		if (countries.length === 1 || leadingDigits === '' || regex(leadingDigits, true).test(national)) return country;
	}
	return null;
}

/** Calling codes are prefix-free (ITU-T E.164), so the first of 1, 2 or 3 digits that is one is the one. */
function splitCallingCode(digits: string): [callingCode: string, national: string] | null {
	for (let length = 1; length <= 3 && length < digits.length; length++) {
		const callingCode = digits.slice(0, length);
		if (Object.prototype.hasOwnProperty.call(PHONE_DATA.callingCodes, callingCode)) return [callingCode, digits.slice(length)];
	}
	return null;
}

/** Digits, spaces and the punctuation people put in phone numbers; a leading "+" (maybe in brackets). Letters ("ext. 12") make it unclear. */
const PHONE_SHAPE = /^\(?\+?[\d\s().\-/\u00a0]{4,40}$/;

interface ParsedPhone {
	international: boolean;
	digits: string;
}

function parse(phone: string): ParsedPhone | null {
	const text = toAsciiDigits(phone).trim();
	if (!PHONE_SHAPE.test(text)) return null;
	const plus = text.startsWith('+') || text.startsWith('(+');
	const digits = text.replace(/\D/g, '');
	if (plus) return { international: true, digits };
	if (digits.startsWith('00')) return { international: true, digits: digits.slice(2) };
	return { international: false, digits };
}

/** E.164 of an international number: "+98 912 345 6789", "0090 532 123 45 67", "+98 (0) 912 345 6789". */
function internationalE164(digits: string): { e164: string; country: string } | null {
	const split = splitCallingCode(digits);
	if (!split) return null;
	const [callingCode, national] = split;
	const country = countryOfNational(callingCode, national);
	if (country) return { e164: `+${callingCode}${national}`, country };
	// the trunk prefix kept after the calling code, as in "+98 (0)912..." or "+90 0532..."
	const mainCountry = PHONE_DATA.callingCodes[callingCode][0];
	const trunk = planOf(mainCountry)?.[1];
	if (trunk && national.startsWith(trunk)) {
		const withoutTrunk = national.slice(trunk.length);
		const trunkCountry = countryOfNational(callingCode, withoutTrunk);
		if (trunkCountry) return { e164: `+${callingCode}${withoutTrunk}`, country: trunkCountry };
	}
	return null;
}

/** E.164 of a number written without "+"/"00", read in a known country's plan. */
function nationalE164(digits: string, countryCode: string): string | null {
	const plan = planOf(countryCode);
	if (!plan) return null;
	const [callingCode, trunk] = plan;
	// "0912 345 6789": the trunk prefix people dial at home
	if (trunk && digits.startsWith(trunk) && isValidNational(digits.slice(trunk.length), countryCode)) return `+${callingCode}${digits.slice(trunk.length)}`;
	// "912 345 6789", "600 700 800"
	if (isValidNational(digits, countryCode)) return `+${callingCode}${digits}`;
	// "98 912 345 6789": the calling code typed without "+"
	if (digits.startsWith(callingCode) && isValidNational(digits.slice(callingCode.length), countryCode)) return `+${digits}`;
	return null;
}

/**
 * The phone in E.164, or null when it is unclear: not a phone, no "+"/"00" prefix and no known
 * country, or not a valid number of that country's plan. `countryCode` is ISO 3166-1 alpha-2.
 */
export function toE164(phone: string, countryCode: string | null): string | null {
	const parsed = parse(phone);
	if (!parsed) return null;
	if (parsed.international) return internationalE164(parsed.digits)?.e164 ?? null;
	return countryCode ? nationalE164(parsed.digits, countryCode.toUpperCase()) : null;
}

/** The country an international number ("+98…", "0048…") belongs to, or null (no prefix, unknown, or a shared calling code that does not tell). */
export const countryCodeForPhone: (phone: string) => string | null = memoizeText((phone: string) => {
	const parsed = parse(phone);
	if (!parsed || !parsed.international) return null;
	return internationalE164(parsed.digits)?.country ?? null;
});

/**
 * Already in E.164's shape: toE164 gives such a number back unchanged when valid, and it stays as
 * written when not; only a trunk 0 typed after the calling code without spaces ("+980912…") is
 * left uncorrected.
 */
const E164_SHAPE = /^\+[1-9]\d{6,14}$/;

/** The phone as E.164 when certain, else exactly as the person wrote it. */
export function normalizePhone(phone: string, countryCode: string | null): string {
	// leads passed on by an earlier node (Lead Score after the trigger) come back this way
	if (E164_SHAPE.test(phone)) return phone;
	return toE164(phone, countryCode) ?? phone;
}
