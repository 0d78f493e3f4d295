/**
 * Folding of text written in any of our users' languages, so that what people type and what our
 * tables hold compare equal: case (Turkish dotted and dotless i included), Latin diacritics,
 * Arabic and Persian letter variants, tatweel and harakat, zero-width and direction marks, and
 * Persian, Arabic-Indic and Thai digits. Pure, no n8n imports.
 */
import { memoizeText } from '../memo';

/** Persian ۰–۹ (U+06F0), Arabic-Indic ٠–٩ (U+0660), Thai ๐–๙ (U+0E50), full-width ０–９ → 0–9. */
export function toAsciiDigits(text: string): string {
	if (!NON_ASCII_DIGIT.test(text)) return text;
	return text.replace(NON_ASCII_DIGITS, (digit) => {
		const code = digit.charCodeAt(0);
		if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0);
		if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660);
		if (code >= 0x0e50 && code <= 0x0e59) return String(code - 0x0e50);
		return String(code - 0xff10);
	});
}
const NON_ASCII_DIGIT = /[\u0660-\u0669\u06f0-\u06f9\u0e50-\u0e59\uff10-\uff19]/;
const NON_ASCII_DIGITS = /[\u0660-\u0669\u06f0-\u06f9\u0e50-\u0e59\uff10-\uff19]/g;

/** Marks that change nothing a reader sees: zero-width (non-)joiners, direction marks and embeddings, BOM, soft hyphen, Arabic tatweel. */
const INVISIBLE = /[\u00ad\u0640\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** Arabic harakat, superscript alef and Quranic marks: optional vowel signs. */
const ARABIC_MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]/g;
/** Latin combining diacritics left by NFKD (é → e, ą → a, ş → s, ğ → g). */
const LATIN_MARKS = /[\u0300-\u036f]/g;

/** One spelling per letter where Arabic and Persian keyboards differ, and letters that do not decompose. */
const LETTER_VARIANTS: Record<string, string> = {
	'\u064a': '\u06cc', // Arabic yeh ي → Persian yeh ی
	'\u0649': '\u06cc', // alef maksura ى → ی
	'\u0643': '\u06a9', // Arabic kaf ك → keheh ک
	'\u0629': '\u0647', // teh marbuta ة → heh ه
	'\u06c0': '\u0647', // heh with yeh ۀ → ه
	'\u0623': '\u0627', // أ → ا
	'\u0625': '\u0627', // إ → ا
	'\u0622': '\u0627', // آ → ا
	'\u0671': '\u0627', // ٱ → ا
	'\u0624': '\u0648', // ؤ → و
	'\u0626': '\u06cc', // ئ → ی
	'\u0131': 'i', // Turkish dotless ı
	'\u0142': 'l', // Polish ł
	'\u00df': 'ss',
	'\u00f8': 'o',
	'\u0111': 'd',
	'\u00e6': 'ae',
	'\u0153': 'oe',
};
const LETTER_VARIANT_PATTERN = new RegExp(`[${Object.keys(LETTER_VARIANTS).join('')}]`, 'g');

function foldTextOf(text: string): string {
	return toAsciiDigits(
		text
			// İ lower-cases to "i" + a combining dot outside Turkish; NFKD + LATIN_MARKS takes the dot away
			.normalize('NFKD')
			.replace(LATIN_MARKS, '')
			.replace(INVISIBLE, '')
			.replace(ARABIC_MARKS, '')
			.toLowerCase()
			.replace(LATIN_MARKS, '')
			.replace(LETTER_VARIANT_PATTERN, (letter) => LETTER_VARIANTS[letter])
			.normalize('NFC'),
	);
}

/**
 * Text folded for comparison, word boundaries kept as single spaces: "  Genel Müdür " →
 * "genel mudur", "مديرعامل" and "مدیر‌عامل" → "مدیرعامل", "PREZES ZARZĄDU" → "prezes zarzadu".
 * Punctuation becomes a space; letters, digits and combining marks of every script stay.
 */
export const foldWords: (text: string) => string = memoizeText((text: string) =>
	foldTextOf(text)
		.replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
		.trim(),
);

/** Folded text with no spaces or punctuation at all: how labels are compared ("E-mail Adresi:" → "emailadresi"). */
export const foldKey: (text: string) => string = memoizeText((text: string) => foldTextOf(text).replace(/[^\p{L}\p{M}\p{N}]+/gu, ''));
