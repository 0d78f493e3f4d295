/**
 * Dates as forms in our markets send them (lib/lead/dates.ts through toIsoDate in
 * lib/lead/fields.ts). Solar Hijri pairs are published ones, each with its source; Buddhist-era
 * years are Gregorian + 543 (Thai solar calendar, simple.wikipedia.org/wiki/Thai_solar_calendar;
 * "2567 converts to 2024", thinglishlifestyle.com/thailand/thai-year-calendar-converter/).
 */
import { parseDate } from '../../../lib/lead/dates';
import { toIsoDate } from '../../../lib/lead/fields';

function expectDates(cases: Array<[unknown, string | null]>): void {
	for (const [input, expected] of cases) expect([input, toIsoDate(input)]).toEqual([input, expected]);
}

describe('Solar Hijri (Jalali) dates against published pairs', () => {
	const published: Array<[string, string, string]> = [
		// 1 Farvardin 1403 = Wednesday 20 March 2024 (cloobarya.ir "تقویم سال ۱۴۰۳"; mokhatab24.ir news 33125)
		['1403/01/01', '2024-03-20', 'Nowruz 1403'],
		// Persian New Year 2023 on Tuesday 21 March (latestly.com, Persian New Year 2023)
		['1402/01/01', '2023-03-21', 'Nowruz 1402'],
		// 20 Ordibehesht 1403 = Thursday 9 May 2024 (eghtesadmosbat.ir page header)
		['1403/02/20', '2024-05-09', 'Ordibehesht'],
		// Yalda 1403: Friday 30 Azar = 20 December 2024 (modirmentor.com "شب یلدا ۱۴۰۳")
		['1403/09/30', '2024-12-20', 'Yalda 1403'],
		// 10 Azar 1403: 20 days before the pair above, by hand: 20 December − 20 days = 30 November 2024
		['1403/09/10', '2024-11-30', 'Azar 10'],
		// 30 Esfand 1403 (a leap year: "اسفند ماه ۱۴۰۳ سی روز کامل است") = Thursday 20 March 2025 (eghtesaad24.ir news 291964)
		['1403/12/30', '2025-03-20', 'leap day'],
		// Yalda 1404: Sunday 30 Azar = 21 December 2025 (raastan.ir news 11622)
		['1404/09/30', '2025-12-21', 'Yalda 1404'],
		// 20 Esfand 1404 = Wednesday 11 March 2026 (vista.ir page header)
		['1404/12/20', '2026-03-11', 'Esfand 1404'],
		// Yalda 1398: Saturday 30 Azar = 21 December 2019 (vipclubs.ir)
		['1398/09/30', '2019-12-21', 'Yalda 1398'],
		// the jalaali-js test suite (github.com/jalaali/jalaali-js, test.js): toGregorian and jalaaliToDateObject
		['1360/05/26', '1981-08-17', 'jalaali-js'],
		['1391/10/21', '2013-01-10', 'jalaali-js'],
		['1393/05/13', '2014-08-04', 'jalaali-js'],
		['1400/04/30', '2021-07-21', 'jalaali-js'],
		['1399/12/20', '2021-03-10', 'jalaali-js'],
		['1397/05/13', '2018-08-04', 'jalaali-js'],
	];

	test.each(published)('%s is %s (%s)', (jalali, gregorian) => {
		expect(toIsoDate(jalali)).toBe(`${gregorian}T00:00:00.000Z`);
	});

	test('written with Persian or Arabic-Indic digits, dashes or dots, day first, or with month names', () => {
		expectDates([
			['۱۴۰۳/۰۹/۱۰', '2024-11-30T00:00:00.000Z'],
			['١٤٠٣/٠٩/١٠', '2024-11-30T00:00:00.000Z'],
			['۱۴۰۳/۹/۱۰', '2024-11-30T00:00:00.000Z'],
			['1403-09-10', '2024-11-30T00:00:00.000Z'],
			['1403.09.10', '2024-11-30T00:00:00.000Z'],
			['10/09/1403', '2024-11-30T00:00:00.000Z'],
			['۱۰ آذر ۱۴۰۳', '2024-11-30T00:00:00.000Z'],
			// a right-to-left mark around the separators, as Persian keyboards type it
			['۱۴۰۳\u200f/۰۹\u200f/۱۰', '2024-11-30T00:00:00.000Z'],
			['1403/09/10 14:30', '2024-11-30T14:30:00.000Z'],
		]);
	});

	test('days the Jalali calendar does not have are null', () => {
		expectDates([
			// 1404 is not a leap year: its Esfand has 29 days (1 Farvardin 1405 follows 29 Esfand 1404)
			['1404/12/30', null],
			['1403/07/31', null],
			['1403/13/01', null],
			['1403/00/10', null],
			['1403/09/10 24:00', null],
		]);
	});
});

describe('Thai Buddhist-era dates', () => {
	test('day first or year first, Thai digits and month names', () => {
		expectDates([
			['10/09/2567', '2024-09-10T00:00:00.000Z'],
			['2567-09-10', '2024-09-10T00:00:00.000Z'],
			['2567/09/10', '2024-09-10T00:00:00.000Z'],
			['๑๐/๐๙/๒๕๖๗', '2024-09-10T00:00:00.000Z'],
			['10 กันยายน 2567', '2024-09-10T00:00:00.000Z'],
			['10 ก.ย. 2567', '2024-09-10T00:00:00.000Z'],
			['10 กันยายน พ.ศ. 2567', '2024-09-10T00:00:00.000Z'],
			['29/02/2567', '2024-02-29T00:00:00.000Z'],
			// 2566 is 2023, which has no 29 February
			['29/02/2566', null],
			['10/13/2567', null],
		]);
	});
});

describe('Gregorian dates', () => {
	test('one reading only, or null', () => {
		expectDates([
			['25/12/2024', '2024-12-25T00:00:00.000Z'],
			['12/25/2024', '2024-12-25T00:00:00.000Z'],
			['05/05/2024', '2024-05-05T00:00:00.000Z'],
			// day first by convention wherever dots are written (de, pl, tr, nl)
			['10.09.2024', '2024-09-10T00:00:00.000Z'],
			// 10 September or October 9: no way to tell
			['10/09/2024', null],
			['10-09-2024', null],
			['2024/09/10', '2024-09-10T00:00:00.000Z'],
			['30/02/2024', null],
		]);
	});

	test('what toIsoDate always read keeps its meaning', () => {
		expectDates([
			['2026-11-30T10:00:00.000Z', '2026-11-30T10:00:00.000Z'],
			['2026-11-30T10:00:00+02:00', '2026-11-30T08:00:00.000Z'],
			['2026-11-30', '2026-11-30T00:00:00.000Z'],
			['2026-11-30 10:15', '2026-11-30T10:15:00.000Z'],
			['2026-11-30 10:15:30', '2026-11-30T10:15:30.000Z'],
			// 1 700 000 000 s after the epoch: 2023-11-14T22:13:20Z (1.7e9 / 86400 = 19675 days + 80000 s)
			['1700000000', '2023-11-14T22:13:20.000Z'],
			[1_700_000_000, '2023-11-14T22:13:20.000Z'],
			[1_700_000_000_000, '2023-11-14T22:13:20.000Z'],
			[new Date(Date.UTC(2026, 10, 30)), '2026-11-30T00:00:00.000Z'],
			['1969-12-31', null],
			['not a date', null],
			['', null],
			[null, null],
			[undefined, null],
			[{}, null],
		]);
	});

	test('parseDate reads what toIsoDate hands it', () => {
		expect(parseDate('۱۴۰۳/۰۱/۰۱')).toBe('2024-03-20T00:00:00.000Z');
		expect(parseDate(Number.NaN)).toBeNull();
	});
});
