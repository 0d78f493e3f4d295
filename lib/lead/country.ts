/**
 * ISO 3166-1 alpha-2 codes from what a lead wrote in the country field: a name in any of our
 * users' languages and scripts ("ایران", "إيران", "Polska", "Türkiye", "ไทย", "Émirats arabes
 * unis"), an alpha-2 or alpha-3 code, a common abbreviation ("KSA", "UAE") or a flag emoji.
 * Names come from i18n-iso-countries, turned into lib/data/generated/countries.ts at build time.
 */
import { COUNTRY_DATA } from '../data/generated/countries';
import { memoizeText } from '../memo';
import { foldKey } from '../text/fold';

/**
 * What people write that i18n-iso-countries does not list (checked against its 7.14 names):
 * abbreviations, and the long official names of our markets' countries in their own languages.
 */
const COUNTRY_NAME_SUPPLEMENT: Record<string, readonly string[]> = {
	SA: ['KSA', 'المملكة العربية السعودية', 'المملكه العربيه السعوديه', 'Saudi', 'Suudi'],
	AE: ['الامارات', 'امارات', 'Emirates', 'BAE', 'EAU'],
	IR: ['جمهوری اسلامی ایران', 'الجمهورية الإسلامية الإيرانية', 'Persia'],
	TR: ['Türkiye Cumhuriyeti', 'Turkiye'],
	PL: ['Rzeczpospolita Polska'],
	TH: ['ราชอาณาจักรไทย', 'Siam'],
	GB: ['England', 'Scotland', 'Wales', 'Northern Ireland'],
	US: ['America', 'امریکا', 'آمریکا', 'أمريكا', 'امريكا', 'อเมริกา'],
	EG: ['جمهورية مصر العربية'],
	QA: ['دولة قطر'],
	KW: ['دولة الكويت'],
	OM: ['سلطنة عمان'],
	BH: ['مملكة البحرين'],
};

/** Words people put before a name ("ประเทศไทย" = "country Thailand", "کشور ایران", "دولة الكويت"), folded. */
const COUNTRY_WORD_PREFIXES = ['ประเทศ', 'کشور', 'دوله', 'بلد'].map(foldKey);

let nameToCode: Map<string, string | null> | undefined;

/** Folded name → code, null where two countries share a folded spelling (it then says nothing). */
function countryNames(): Map<string, string | null> {
	if (nameToCode) return nameToCode;
	const lookup = new Map<string, string | null>();
	const add = (name: string, code: string) => {
		const key = foldKey(name);
		if (!key) return;
		const known = lookup.get(key);
		if (known === undefined) lookup.set(key, code);
		else if (known !== code) lookup.set(key, null);
	};
	for (const [code, names] of Object.entries(COUNTRY_DATA.names)) for (const name of names) add(name, code);
	for (const [code, names] of Object.entries(COUNTRY_NAME_SUPPLEMENT)) for (const name of names) add(name, code);
	nameToCode = lookup;
	return lookup;
}

/** Regional indicator letters 🇦…🇿 (U+1F1E6…U+1F1FF): a flag emoji is two of them spelling the alpha-2 code. */
function codeFromFlag(text: string): string | null {
	const points = [...text];
	if (points.length !== 2) return null;
	const letters = points.map((point) => (point.codePointAt(0) as number) - 0x1f1e6);
	if (letters.some((letter) => letter < 0 || letter > 25)) return null;
	return String.fromCharCode(65 + letters[0], 65 + letters[1]);
}

/** Whether an alpha-2 code is an assigned ISO 3166-1 country. */
export function isCountryCode(code: string): boolean {
	return Object.prototype.hasOwnProperty.call(COUNTRY_DATA.names, code);
}

/**
 * The ISO 3166-1 alpha-2 code for a country as a person wrote it, or null when it is unclear
 * (unknown, ambiguous, or more than a country: "Tehran, Iran" stays null).
 */
export const countryCodeFor: (text: string) => string | null = memoizeText(countryCodeOf);

function countryCodeOf(text: string): string | null {
	const trimmed = text.trim();
	if (!trimmed || trimmed.length > 100) return null;
	const flag = codeFromFlag(trimmed);
	if (flag) return isCountryCode(flag) ? flag : null;
	if (/^[A-Za-z]{2,3}$/.test(trimmed)) {
		const upper = trimmed.toUpperCase();
		if (upper.length === 2 && isCountryCode(upper)) return upper;
		if (upper.length === 3 && Object.prototype.hasOwnProperty.call(COUNTRY_DATA.alpha3ToAlpha2, upper)) return COUNTRY_DATA.alpha3ToAlpha2[upper];
	}
	const names = countryNames();
	const key = foldKey(trimmed);
	const code = names.get(key);
	if (code !== undefined) return code;
	for (const prefix of COUNTRY_WORD_PREFIXES) {
		if (key.length > prefix.length && key.startsWith(prefix)) {
			const rest = names.get(key.slice(prefix.length));
			if (rest !== undefined) return rest;
		}
	}
	return null;
}
