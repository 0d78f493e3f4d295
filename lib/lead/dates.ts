/**
 * Dates as forms in our users' markets send them, as ISO 8601 strings (UTC): ISO dates and times,
 * epoch seconds and milliseconds, "YYYY-MM-DD HH:mm(:ss)", day-first and month-first dates when
 * only one reading is possible, Solar Hijri (Jalali) dates from Iranian forms ("1403/09/10",
 * "۱۴۰۳/۰۹/۱۰", "۱۰ آذر ۱۴۰۳") and Thai Buddhist-era dates ("10/09/2567", "2567-09-10",
 * "10 กันยายน 2567"). A date without a zone is read as UTC, like "YYYY-MM-DD". A date that could be
 * read two ways ("10/09/2024": 10 September or October 9) is null, never a guess. Pure, no n8n imports.
 */
import { toAsciiDigits } from '../text/fold';

const DAY_MS = 86_400_000;
/** The range of a JavaScript Date, from 1970 on: lead dates before the epoch are mistakes. */
const LATEST_TIME = 8.64e15;

/** Years that can only be Solar Hijri in a lead's date (Gregorian 1921–2121). */
const JALALI_YEARS = { from: 1300, to: 1500 };
/** Years that can only be Thai Buddhist era (Gregorian 1857–2157); BE = Gregorian + 543 since 1941. */
const BUDDHIST_YEARS = { from: 2400, to: 2700 };
const BUDDHIST_ERA_OFFSET = 543;

/** Persian month names of the Solar Hijri calendar, in order. */
const JALALI_MONTHS = ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'];
/** Thai month names, full and abbreviated (ม.ค. …), in order. */
const THAI_MONTHS = ['มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน', 'กรกฎาคม', 'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม'];
const THAI_MONTH_ABBREVIATIONS = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];
const MONTH_BY_NAME: ReadonlyMap<string, number> = new Map([
	...JALALI_MONTHS.map((name, index) => [name.replace(/\u064a/g, '\u06cc'), index + 1] as const),
	...THAI_MONTHS.map((name, index) => [name, index + 1] as const),
	...THAI_MONTH_ABBREVIATIONS.map((name, index) => [name, index + 1] as const),
]);

/** Marks that right-to-left text carries around digits and separators without being seen. */
const INVISIBLE_MARKS = /[\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const EPOCH = /^\d{9,13}$/;
/** y-m-d, d/m/y or m/d/y with one separator kind, and an optional time (no zone: UTC). */
const NUMERIC_DATE = /^(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
/** "10 آذر 1403", "10 กันยายน 2567", "10 ก.ย. 2567" (the Thai era marker พ.ศ. may stand before the year). */
const NAMED_MONTH_DATE = /^(\d{1,2})\s+([\p{L}\p{M}.]+?)\s+(?:พ\.ศ\.\s*)?(\d{4})$/u;

/** Accepts ISO strings, "YYYY-MM-DD HH:mm:ss", epoch seconds or milliseconds, Jalali and Buddhist-era dates, Date objects. */
export function parseDate(value: unknown): string | null {
	if (typeof value === 'number') return isoOfTime(value < 1e11 ? value * 1000 : value);
	if (value instanceof Date) return isoOfTime(value.getTime());
	if (typeof value !== 'string' || value === '') return null;
	const text = toAsciiDigits(value).replace(INVISIBLE_MARKS, '').trim();
	if (EPOCH.test(text)) {
		const epoch = Number(text);
		return isoOfTime(epoch < 1e11 ? epoch * 1000 : epoch);
	}
	const numeric = NUMERIC_DATE.exec(text);
	if (numeric) return isoOfTime(numericDateTime(numeric));
	const named = NAMED_MONTH_DATE.exec(text);
	if (named) return isoOfTime(namedMonthDateTime(named));
	return isoOfTime(new Date(text).getTime());
}

function isoOfTime(time: number | null): string | null {
	if (time === null || !Number.isFinite(time) || time < 0 || time > LATEST_TIME) return null;
	return new Date(time).toISOString();
}

function numericDateTime(match: RegExpExecArray): number | null {
	const [, first, separator, second, third, hours, minutes, seconds] = match;
	const time = timeOfDay(hours, minutes, seconds);
	if (time === null) return null;
	if (first.length === 4) {
		if (third.length > 2) return null;
		return dateTime(Number(first), Number(second), Number(third), time);
	}
	if (third.length !== 4 || first.length > 2) return null;
	const year = Number(third);
	const a = Number(first);
	const b = Number(second);
	// Iranian and Thai forms write the day first; a Gregorian date is read only one way when only one way is possible
	if (isJalaliYear(year) || isBuddhistYear(year)) return dateTime(year, b, a, time);
	if (a === b || (a > 12 && b <= 12)) return dateTime(year, b, a, time);
	if (b > 12 && a <= 12) return dateTime(year, a, b, time);
	// dots are the day-first convention (de, pl, tr, nl): no locale writes month.day.year
	if (separator === '.') return dateTime(year, b, a, time);
	return null;
}

function namedMonthDateTime(match: RegExpExecArray): number | null {
	const month = MONTH_BY_NAME.get(match[2].replace(/\u064a/g, '\u06cc'));
	if (month === undefined) return null;
	const year = Number(match[3]);
	const isJalaliMonth = /^[\u0600-\u06ff]/.test(match[2]);
	// a Persian month name belongs to a Jalali year, a Thai one to a Buddhist-era or Gregorian year
	if (isJalaliMonth !== isJalaliYear(year)) return null;
	return dateTime(year, month, Number(match[1]), 0);
}

function timeOfDay(hours: string | undefined, minutes: string | undefined, seconds: string | undefined): number | null {
	if (hours === undefined) return 0;
	const h = Number(hours);
	const m = Number(minutes);
	const s = seconds === undefined ? 0 : Number(seconds);
	if (h > 23 || m > 59 || s > 59) return null;
	return ((h * 60 + m) * 60 + s) * 1000;
}

/** The UTC time of a date in whichever calendar its year belongs to, or null when that calendar has no such day. */
function dateTime(year: number, month: number, day: number, timeOfDayMs: number): number | null {
	if (month < 1 || month > 12 || day < 1) return null;
	if (isJalaliYear(year)) return day <= jalaliMonthLength(year, month) ? jalaliToUtc(year, month, day) + timeOfDayMs : null;
	const gregorianYear = isBuddhistYear(year) ? year - BUDDHIST_ERA_OFFSET : year;
	const time = Date.UTC(gregorianYear, month - 1, day);
	// Date.UTC rolls 30 February over into March; a day the calendar does not have is no date
	if (new Date(time).getUTCDate() !== day) return null;
	return time + timeOfDayMs;
}

function isJalaliYear(year: number): boolean {
	return year >= JALALI_YEARS.from && year < JALALI_YEARS.to;
}

function isBuddhistYear(year: number): boolean {
	return year >= BUDDHIST_YEARS.from && year < BUDDHIST_YEARS.to;
}

/*
 * Solar Hijri → Gregorian by the arithmetic 33-year cycle (8 leap years in 33), the algorithm
 * behind the widespread jdf converter, counted here from 1 January 1600 = 11 Dey 978. It agrees
 * with the official (astronomical) Iranian calendar for the years a lead can carry
 * (JALALI_YEARS); the tests check it against published pairs of dates.
 */
const JALALI_EPOCH_YEAR = 979;
const GREGORIAN_1600 = Date.UTC(1600, 0, 1);
/** Days from 1 January 1600 to the day before 1 Farvardin 979. */
const DAYS_BEFORE_EPOCH_YEAR = 78;

/** Whether a Jalali year has 366 days (Esfand 30): years 0, 4, … 28 of each 33-year cycle counted from 979. */
function isJalaliLeapYear(year: number): boolean {
	const inCycle = (((year - JALALI_EPOCH_YEAR) % 33) + 33) % 33;
	return inCycle % 4 === 0 && inCycle !== 32;
}

function jalaliMonthLength(year: number, month: number): number {
	if (month <= 6) return 31;
	if (month <= 11) return 30;
	return isJalaliLeapYear(year) ? 30 : 29;
}

/** The UTC midnight of a Jalali date (years from 979 on). */
function jalaliToUtc(year: number, month: number, day: number): number {
	const years = year - JALALI_EPOCH_YEAR;
	const leapDays = 8 * Math.floor(years / 33) + Math.floor(((years % 33) + 3) / 4);
	const daysBeforeMonth = month <= 7 ? (month - 1) * 31 : 186 + (month - 7) * 30;
	return GREGORIAN_1600 + (365 * years + leapDays + DAYS_BEFORE_EPOCH_YEAR + daysBeforeMonth + day) * DAY_MS;
}
