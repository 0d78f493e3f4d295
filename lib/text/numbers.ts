/**
 * Numbers as people type them into forms (company size, budget), in any of our users' languages:
 * Persian, Arabic-Indic and Thai digits; thousands and decimal separators of every locale
 * (`1.000`, `1 000`, `1,5`, `1٬000٫5`, no-break and narrow no-break spaces, `1'000`); unit words
 * written as whole words (`5k`, `2,5 mln`, `5 tys. zł`, `50 bin TL`, `۵۰ میلیون تومان`,
 * `٥٠ ألف`, `5 ล้านบาท`), currency signs and codes ignored. Pure, no n8n imports.
 *
 * What a value means for scoring: a range or an open bound gives its **lower bound**:
 * "51-200" → 51, "5-10k" → 5000, "1000+" / "more than 500" / "powyżej 1 000" / "500'den fazla" /
 * "بیش از ۵۰۰" / "มากกว่า 500" → the number itself, and "less than 10" / "poniżej 10" / "10'dan az" /
 * "کمتر از ۱۰" / "น้อยกว่า 10" → 0.
 */
import { memoizeText } from '../memo';
import { foldKey, foldWords, toAsciiDigits } from './fold';

/** Longer answers are cut: the number people mean comes first, and the cut keeps the cost bounded. */
const MAX_NUMBER_TEXT = 120;

/** Powers of ten of unit words written after a number, keyed by their folded form (foldKey). */
const UNIT_WORDS: ReadonlyArray<readonly [number, readonly string[]]> = [
	[3, [
		'k', 'thousand', 'thousands', // en
		'tsd', 'tausend', // de
		'mille', // fr, it
		'mil', // es, pt ("5 mil" = 5 000; never the English slang for a million)
		'mila', // it
		'duizend', // nl
		'tys', 'tysiac', 'tysiace', 'tysiecy', // pl
		'bin', // tr
		'هزار', // fa
		'ألف', 'آلاف', // ar
	]],
	[6, [
		'm', 'mm', 'mn', 'million', 'millions', // en, fr
		'mio', 'millionen', // de
		'millon', 'millones', // es
		'milhao', 'milhoes', // pt
		'milione', 'milioni', // it
		'miljoen', // nl
		'mln', 'milion', 'miliony', 'milionow', // pl
		'milyon', // tr
		'میلیون', // fa
		'مليون', 'ملايين', // ar
	]],
	[9, [
		'bn', 'billion', 'billions', // en (short scale)
		'mrd', 'milliarde', 'milliarden', 'milliard', 'milliards', // de, fr
		'mld', 'miliard', 'miliardy', 'miliardow', // pl
		'milyar', 'milyard', // tr
		'میلیارد', // fa
		'مليار', 'مليارات', // ar
	]],
];
const UNIT_EXPONENT: ReadonlyMap<string, number> = new Map(UNIT_WORDS.flatMap(([exponent, words]) => words.map((word) => [foldKey(word), exponent] as const)));

/**
 * Thai writes no spaces between words, and has unit words for 10³ to 10⁶ that combine
 * ("พันล้าน" = 10⁹). They count only when what follows them is one of THAI_AFTER_UNIT or nothing.
 */
const THAI_UNITS: ReadonlyArray<readonly [string, number]> = [
	['พัน', 3],
	['หมื่น', 4],
	['แสน', 5],
	['ล้าน', 6],
];
/** baht, people, persons/cases, "more than", "and above", "or more" */
const THAI_AFTER_UNIT = ['บาท', 'คน', 'ราย', 'กว่า', 'ขึ้นไป', 'หรือมากกว่า'];

/**
 * Words before a number (folded, as foldWords gives them) that make it an upper bound, so the
 * range it opens starts at 0. One list for every language.
 */
const AT_MOST_BEFORE = [
	'less than', 'fewer than', 'under', 'below', 'up to', 'at most', 'max', 'maximum', // en
	'unter', 'weniger als', 'bis', 'bis zu', 'hochstens', // de
	'moins de', 'jusqu a', 'au plus', // fr
	'menos de', 'hasta', 'como maximo', // es
	'ate', 'abaixo de', 'no maximo', // pt
	'meno di', 'fino a', 'sotto', 'al massimo', // it
	'minder dan', 'tot', 'onder', 'hooguit', 'maximaal', // nl
	'ponizej', 'mniej niz', 'do', 'maksymalnie', 'najwyzej', // pl
	'en fazla', 'en cok', // tr
	'کمتر از', 'زیر', 'حداکثر', 'تا', // fa
	'أقل من', 'حتى', 'إلى', 'بحد أقصى', // ar
].map((phrase) => foldWords(phrase));
/** The same for Thai, matched without word boundaries: less than, not more than, lower than. */
const THAI_AT_MOST_BEFORE = ['น้อยกว่า', 'ไม่เกิน', 'ต่ำกว่า'].map((phrase) => foldWords(phrase));
/** Turkish puts "less than" after the number: "10'dan az", "10 kişiden az", "10'un altında". */
const AT_MOST_AFTER = /^(?:\S*\s+)?\S*(?:d[ae]n|t[ae]n)\s+az\b|^(?:\S*\s+)?alt(?:i|inda)\b|^(?:\S*\s+)?[ey]?[ae]\s+kadar\b/;

/** Separators inside one number. Spaces group thousands only (`1 000`), never join two numbers (`5 10`). */
const GROUPING_SPACE = /[ \u00a0\u2007\u2009\u202f]/;
const NUMBER_PATTERN = /\d+(?:[.,\u060c\u066b\u066c'\u2019 \u00a0\u2007\u2009\u202f]\d+)*/g;
/** Marks that can sit between digits in right-to-left text without being seen. */
const INVISIBLE_MARKS = /[\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
/**
 * Persian keyboards type the decimal sign ٫ as a slash: "۲/۵ میلیون" is 2.5 million. Only between
 * Persian or Arabic-Indic digits, and only a single slash (two make a date, "۱۴۰۳/۰۹/۱۰").
 */
const PERSIAN_SLASH_DECIMAL = /(?<![/\u0660-\u0669\u06f0-\u06f9])([\u0660-\u0669\u06f0-\u06f9]+)\/(?=[\u0660-\u0669\u06f0-\u06f9]+(?![/\u0660-\u0669\u06f0-\u06f9]))/g;
const RANGE_DASH = /^\s*(?:[-\u2010-\u2015~]|to|bis|do|a|à|hasta|até|tot|ile|تا|الی|إلى|ถึง)\s*(?=\d)/iu;

/** "51-200" → 51, "1,000+" → 1000, "$5k" → 5000, "2.5m" → 2500000, "powyżej 1 000" → 1000, "۵۰ میلیون تومان" → 50000000. */
export function parseLooseNumber(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value !== 'string') return null;
	return parseNumberText(value);
}

const parseNumberText = memoizeText((value: string): number | null => {
	const cut = value.slice(0, MAX_NUMBER_TEXT);
	const text = toAsciiDigits(cut.includes('/') ? cut.replace(PERSIAN_SLASH_DECIMAL, '$1\u066b') : cut).replace(INVISIBLE_MARKS, '');
	const match = firstNumber(text);
	if (!match) return null;
	const { digits, length } = readDigits(match[0]);
	const start = match.index;
	const rest = text.slice(start + length);
	let exponent = unitExponentAfter(rest);
	if (exponent === 0) {
		// "5-10k": the unit after a range's upper bound is its lower bound's unit too
		const dash = RANGE_DASH.exec(rest);
		const upper = dash ? firstNumber(rest.slice(dash[0].length)) : null;
		if (dash && upper && upper.index === 0) exponent = unitExponentAfter(rest.slice(dash[0].length + readDigits(upper[0]).length));
	}
	const negative = (text[start - 1] === '-' || text[start - 1] === '\u2212') && !/[\p{L}\p{N}]/u.test(text[start - 2] ?? '');
	if (!negative && isAtMost(text.slice(Math.max(0, start - 24), start), rest)) return 0;
	// scaled in decimal notation, so that "1.1k" is 1100 and not 1100.0000000000002
	const number = Number(`${negative ? '-' : ''}${digits}e${exponent}`);
	return Number.isFinite(number) ? number : null;
});

function firstNumber(text: string): RegExpExecArray | null {
	NUMBER_PATTERN.lastIndex = 0;
	return NUMBER_PATTERN.exec(text);
}

/**
 * The digits of a run of digits and separators, in plain decimal notation, and how many characters
 * of the run belong to the number. The decimal separator is the Arabic decimal sign ٫ where there
 * is one; else the last `.` or `,` when it is the only one of its kind and follows other grouping
 * (`1.234,5`, `1,234.5`, `1 234,5`); a lone `.` or `,` followed by exactly three digits groups
 * thousands (`1.000`, `1,000`), any other is decimal (`1,5`, `2.5`, `0.500`).
 */
function readDigits(run: string): { digits: string; length: number } {
	const parts = run.split(/(\D)/);
	const groups: string[] = [];
	const separators: string[] = [];
	for (let i = 0; i < parts.length; i++) (i % 2 === 0 ? groups : separators).push(parts[i]);
	// a space or an apostrophe only groups thousands, after a first group of at most three digits
	for (let i = 0; i < separators.length; i++) {
		if (isGroupingOnly(separators[i]) && (groups[i + 1].length !== 3 || groups[0].length > 3)) {
			groups.length = i + 1;
			separators.length = i;
			break;
		}
	}
	const length = groups.reduce((sum, group) => sum + group.length, 0) + separators.length;
	const decimalAt = decimalSeparatorIndex(groups, separators);
	const integerGroups = decimalAt >= 0 ? groups.slice(0, decimalAt + 1) : groups;
	const wellGrouped = integerGroups.length === 1 || (integerGroups[0].length <= 3 && integerGroups.slice(1).every((group) => group.length === 3));
	if (wellGrouped) return { digits: integerGroups.join('') + (decimalAt >= 0 ? `.${groups[decimalAt + 1]}` : ''), length };
	// "1.2.3", "12,34,567": not thousands; the first group, with a decimal part if one follows
	const decimal = separators[0] === '.' || separators[0] === ',' || separators[0] === '\u066b';
	return decimal ? { digits: `${groups[0]}.${groups[1]}`, length: groups[0].length + 1 + groups[1].length } : { digits: groups[0], length: groups[0].length };
}

function isGroupingOnly(separator: string): boolean {
	return GROUPING_SPACE.test(separator) || separator === "'" || separator === '\u2019' || separator === '\u066c';
}

/** Where the decimal separator is among `separators`, or -1. */
function decimalSeparatorIndex(groups: string[], separators: string[]): number {
	const decimalSign = separators.indexOf('\u066b');
	if (decimalSign >= 0) return decimalSign;
	const last = separators.length - 1;
	const kind = asPunctuation(separators[last]);
	if (kind !== '.' && kind !== ',') return -1;
	if (separators.some((separator, i) => i < last && asPunctuation(separator) === kind)) return -1;
	if (last > 0) return last;
	const looksLikeThousands = groups[1].length === 3 && groups[0].length <= 3 && groups[0] !== '0';
	return looksLikeThousands ? -1 : last;
}

/** The Arabic comma ، separates like `,`. */
function asPunctuation(separator: string | undefined): string | undefined {
	return separator === '\u060c' ? ',' : separator;
}

/** The power of ten of the unit word right after a number ("k", "mln", "tys.", "میلیون", "ล้าน"), or 0. */
function unitExponentAfter(rest: string): number {
	const word = /^[\s\u00a0\u202f]*([\p{L}\p{M}]+)/u.exec(rest)?.[1];
	if (!word) return 0;
	if (/^[\u0e00-\u0e7f]/.test(word)) return thaiUnitExponent(word);
	return UNIT_EXPONENT.get(foldKey(word)) ?? 0;
}

function thaiUnitExponent(word: string): number {
	let exponent = 0;
	let rest = word;
	for (let found = true; found; ) {
		found = false;
		for (const [unit, power] of THAI_UNITS) {
			if (rest.startsWith(unit)) {
				exponent += power;
				rest = rest.slice(unit.length);
				found = true;
			}
		}
	}
	return rest === '' || THAI_AFTER_UNIT.some((after) => rest.startsWith(after)) ? exponent : 0;
}

/** Whether the words around a number make it an upper bound ("less than 10", "10'dan az"). */
function isAtMost(before: string, after: string): boolean {
	if (/[<\u2264][\s\p{Sc}]*$/u.test(before)) return true;
	const foldedBefore = foldWords(before);
	if (foldedBefore) {
		const padded = ` ${foldedBefore}`;
		if (AT_MOST_BEFORE.some((phrase) => padded.endsWith(` ${phrase}`))) return true;
		if (THAI_AT_MOST_BEFORE.some((phrase) => foldedBefore.endsWith(phrase))) return true;
	}
	return AT_MOST_AFTER.test(foldWords(after.slice(0, 30)));
}
