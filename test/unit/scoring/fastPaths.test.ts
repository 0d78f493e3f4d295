/**
 * The shortcuts that make scoring a hundred thousand leads fast must give exactly what the plain
 * code gives. Each property compares a shortcut with the straightforward formula it replaced,
 * on arbitrary and hostile input (fast-check, fixed seeds).
 */
import fc from 'fast-check';
import { coerceLead } from '../../../lib/lead/detect';
import { cleanString, labelKey, safeSet, toIsoDate } from '../../../lib/lead/fields';
import { memoizeText } from '../../../lib/memo';
import { compileModel, scoreLead } from '../../../lib/scoring/engine';
import { looksLikeGibberish } from '../../../lib/scoring/hygiene';
import { parseModel } from '../../../lib/scoring/model';
import { PRESETS } from '../../../lib/scoring/presets';
import { daysAgo, makeLead, NOW } from '../../helpers/leads';

const SEED = 20261130;
const MISSING = new Set(['', 'undefined', 'null', 'none', 'n/a', 'na', '-']);

/** cleanString for a string, as it was written before the whitespace shortcut. */
function plainCleanString(value: string, maxLength = 2000): string | null {
	const trimmed = value.replace(/\s+/g, ' ').trim();
	if (MISSING.has(trimmed.toLowerCase())) return null;
	return trimmed.slice(0, maxLength).trim();
}

/** toIsoDate for a string, as it was written before the canonical-date shortcut. */
function plainToIsoDate(value: string): string | null {
	if (value === '') return null;
	const text = value.trim();
	let date: Date;
	if (/^\d{9,13}$/.test(text)) {
		const n = Number(value);
		date = new Date(n < 1e11 ? n * 1000 : n);
	} else {
		date = new Date(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(text) ? text.replace(' ', 'T') + 'Z' : text);
	}
	const time = date.getTime();
	if (!Number.isFinite(time) || time < 0 || time > 8.64e15) return null;
	return date.toISOString();
}

const whitespace = fc.constantFrom(' ', '  ', '\t', '\n', '\u00a0', '\u2003', '\u3000', '\ufeff', '\r\n');
const textWithSpaces = fc
	.array(fc.oneof(fc.string({ maxLength: 6 }), whitespace, fc.constantFrom('null', 'N/A', '-', 'Ünïcödé', 'عربي', 'x')), { maxLength: 8 })
	.map((parts) => parts.join(''));

describe('whitespace shortcut in cleanString', () => {
	test('gives what collapsing and trimming every value gives', () => {
		fc.assert(
			fc.property(textWithSpaces, fc.integer({ min: 1, max: 30 }), (text, maxLength) => {
				expect(cleanString(text, maxLength)).toBe(plainCleanString(text, maxLength));
			}),
			{ seed: SEED, numRuns: 3000 },
		);
	});
});

describe('canonical-date shortcut in toIsoDate', () => {
	const digits = (count: number, max = 9) => fc.array(fc.integer({ min: 0, max }), { minLength: count, maxLength: count }).map((list) => list.join(''));
	// the exact toISOString() shape with any digits: impossible days and hours included
	const isoShaped = fc.tuple(digits(4), digits(2), digits(2), digits(2), digits(2), digits(2), digits(3)).map(([y, mo, d, h, mi, s, ms]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`);

	test('gives what parsing and formatting every date gives', () => {
		fc.assert(
			fc.property(fc.oneof(isoShaped, fc.date({ noInvalidDate: true }).map((date) => date.toISOString())), (text) => {
				expect(toIsoDate(text)).toBe(plainToIsoDate(text));
			}),
			{ seed: SEED, numRuns: 5000 },
		);
	});

	test('days and hours that roll over still go through the calendar', () => {
		expect(toIsoDate('2026-02-30T00:00:00.000Z')).toBe('2026-03-02T00:00:00.000Z');
		expect(toIsoDate('2026-02-28T24:00:00.000Z')).toBe('2026-03-01T00:00:00.000Z');
		expect(toIsoDate('1969-12-31T23:59:59.999Z')).toBeNull();
	});
});

describe('remembered results', () => {
	test('a remembered function answers like the function, also for values it has forgotten', () => {
		let calls = 0;
		const upper = memoizeText((text: string) => {
			calls++;
			return text.length ? text.toUpperCase() : null;
		}, 3);
		for (const text of ['a', 'b', 'a', '', '', 'c', 'd', 'a']) expect(upper(text)).toBe(text.length ? text.toUpperCase() : null);
		// a, b, "" and c computed; d emptied the full table; a computed again
		expect(calls).toBe(6);
	});

	test('long strings are computed every time and never kept', () => {
		let calls = 0;
		const length = memoizeText((text: string) => ++calls && text.length, 10, 5);
		length('123456');
		length('123456');
		expect(calls).toBe(2);
	});

	test('labelKey and the gibberish check give the same answer the second time', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 40 }), (text) => {
				expect(labelKey(text)).toBe(labelKey(text));
				expect(looksLikeGibberish(text)).toBe(looksLikeGibberish(text));
			}),
			{ seed: SEED, numRuns: 2000 },
		);
	});
});

describe('answers keep every label', () => {
	test('"__proto__" becomes an own answer and the prototype is untouched', () => {
		const target: Record<string, unknown> = {};
		safeSet(target, '__proto__', 'x');
		safeSet(target, 'constructor', 'y');
		expect(Object.keys(target)).toEqual(['__proto__', 'constructor']);
		expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
		expect(({} as Record<string, unknown>).constructor).toBe(Object);
	});

	test('the first 500 answers are kept, "__proto__" not counted', () => {
		const answers: Record<string, unknown> = JSON.parse(`{"__proto__": "p", ${Array.from({ length: 600 }, (_, index) => `"q${index}": ${index}`).join(', ')}}`);
		const lead = coerceLead({ email: 'ana@example.com', answers });
		expect(Object.keys(lead.answers)).toHaveLength(500);
		expect(lead.answers.q499).toBe(499);
		expect(Object.prototype.hasOwnProperty.call(lead.answers, '__proto__')).toBe(false);
	});
});

describe('activity tallies are per lead', () => {
	const compiled = compileModel(parseModel(PRESETS.b2bSaas));

	test('a lead whose scoring failed half-way leaves nothing behind for the next lead', () => {
		const broken = makeLead({ events: [{ type: 'pricing_page_view', at: daysAgo(1) }, null as never] });
		expect(() => scoreLead(compiled, broken, { now: NOW })).toThrow();
		const lead = makeLead({ email: 'ana@acme.example', events: [{ type: 'pricing_page_view', at: daysAgo(1) }] });
		const fresh = compileModel(parseModel(PRESETS.b2bSaas));
		expect(scoreLead(compiled, lead, { now: NOW })).toEqual(scoreLead(fresh, lead, { now: NOW }));
	});

	test('scoring the same leads in any order gives the same scores', () => {
		const leads = Array.from({ length: 30 }, (_, index) =>
			makeLead({ email: `p${index}@acme.example`, events: Array.from({ length: index % 7 }, (_, e) => ({ type: ['page_view', 'pricing_page_view', 'demo_request', 'email_open'][(index + e) % 4], at: daysAgo((index * e) % 50) })) }),
		);
		const forward = leads.map((lead) => scoreLead(compiled, lead, { now: NOW }));
		const backward = [...leads].reverse().map((lead) => scoreLead(compiled, lead, { now: NOW })).reverse();
		expect(backward).toEqual(forward);
	});
});
