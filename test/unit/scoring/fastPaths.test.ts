/**
 * The shortcuts that make scoring a hundred thousand leads fast must give exactly what the plain
 * code gives. Each property compares a shortcut with the straightforward formula it replaced,
 * on arbitrary and hostile input (fast-check, fixed seeds).
 */
import fc from 'fast-check';
import { coerceLead } from '../../../lib/lead/detect';
import { cleanString, emptyLead, finalizeLead, labelKey, safeSet, toIsoDate } from '../../../lib/lead/fields';
import { memoizeText } from '../../../lib/memo';
import { buildFacts, compileModel, parseLooseNumber, resolveField, scoreLead } from '../../../lib/scoring/engine';
import { classifyEmail, computeFlags, looksLikeGibberish, ROLE_LOCAL_PARTS } from '../../../lib/scoring/hygiene';
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

describe('placeholder-word shortcut in cleanString', () => {
	// every spelling of the placeholders in any letter case, next to look-alikes and other short text
	const anyCase = (word: string) => fc.array(fc.boolean(), { minLength: word.length, maxLength: word.length }).map((upper) => [...word].map((char, index) => (upper[index] ? char.toUpperCase() : char)).join(''));
	const shortText = fc.oneof(
		fc.constantFrom(...MISSING).chain(anyCase),
		fc.constantFrom('nA', 'n/A', 'Nul', 'nulls', 'nones', 'undefine', 'undefinedx', 'u', 'n', '--', '–', 'Ana', 'US', 'uk', 'Noah', 'ÑA', 'İ', 'ǹa').chain(anyCase),
		fc.string({ maxLength: 10 }),
		fc.string({ unit: 'grapheme', maxLength: 10 }),
	);

	test('gives what lower-casing every value and looking it up gives', () => {
		fc.assert(
			fc.property(shortText, (text) => {
				expect(cleanString(text)).toBe(plainCleanString(text));
			}),
			{ seed: SEED, numRuns: 5000 },
		);
	});
});

describe('full name from first and last name', () => {
	const namePart = fc.oneof(fc.constant(null), fc.constant(''), fc.constantFrom('Ana', 'de la Cruz', 'ana'), fc.string({ maxLength: 8 }), fc.string({ minLength: 495, maxLength: 520 }).map((text) => text.replace(/\s/g, 'x')));

	test('is what joining the given parts with a space, cutting at 500 and trimming gives', () => {
		fc.assert(
			fc.property(namePart, namePart, (firstName, lastName) => {
				const lead = finalizeLead({ ...emptyLead('generic', 'form'), firstName, lastName });
				const plain = firstName || lastName ? [firstName, lastName].filter(Boolean).join(' ').slice(0, 500).trim() : null;
				expect(lead.fullName).toBe(plain);
			}),
			{ seed: SEED, numRuns: 3000 },
		);
	});
});

describe('role-address shortcut', () => {
	const roles = [...ROLE_LOCAL_PARTS];
	const localPart = fc.oneof(
		fc.constantFrom(...roles),
		fc.constantFrom(...roles).map((role) => `${role}s`),
		fc.tuple(fc.constantFrom(...roles), fc.stringMatching(/^[a-z0-9+.]{0,8}$/)).map(([role, tag]) => `${role}+${tag}`),
		fc.stringMatching(/^[a-z0-9+.-]{1,20}$/),
		fc.constantFrom('administrator', 'administrators', 'administrator+x', 'a+b+c', '+info'),
	);
	const domain = fc.constantFrom('acme.io', 'gmail.com', 'a+b.example', 'mailinator.com');

	test('flags exactly the addresses whose part before "@" and any "+tag" is a role name', () => {
		fc.assert(
			fc.property(localPart, domain, (local, host) => {
				const email = `${local}@${host}`;
				const lead = { ...emptyLead('generic', 'form'), email };
				const emailType = classifyEmail(email);
				const plain = emailType !== 'invalid' && ROLE_LOCAL_PARTS.has(email.slice(0, email.lastIndexOf('@')).replace(/\+.*$/, ''));
				expect(computeFlags(lead, emailType).includes('role_email')).toBe(plain);
			}),
			{ seed: SEED, numRuns: 5000 },
		);
	});
});

describe('answers read in place', () => {
	const label = fc.oneof(
		fc.constantFrom('Company size', 'company-size', 'COMPANY SIZE ', 'Number of employees', 'Team size', 'Headcount', 'Budget', 'Annual budget', 'budget', 'Industry', 'industry', '__proto__', 'constructor', '1', '02', 'Size'),
		fc.string({ maxLength: 12 }),
	);
	const value = fc.oneof(fc.constantFrom('51-200', '1,000+', '$5k', 'none', 'SaaS'), fc.integer({ min: -5, max: 5000 }), fc.constant(null), fc.boolean(), fc.array(fc.constantFrom('SaaS', 'x'), { maxLength: 2 }));
	const answers = fc.array(fc.tuple(label, value), { maxLength: 8 }).map((pairs) => {
		const result: Record<string, unknown> = {};
		for (const [key, answer] of pairs) safeSet(result, key, answer);
		return result;
	});

	/** As it was written before: one map from label key to answer (the last answer with a key wins, in the place of the first). */
	function plainFacts(given: Record<string, unknown>) {
		const byKey = new Map<string, unknown>();
		for (const key of Object.keys(given)) byKey.set(labelKey(key), given[key]);
		const find = (words: string[]) => {
			for (const [key, answer] of byKey) if (words.some((word) => key.includes(word))) return answer;
			return undefined;
		};
		return {
			byKey,
			companySize: byKey.size ? parseLooseNumber(find(['companysize', 'employees', 'teamsize', 'numberofemployees', 'headcount'])) : null,
			budget: byKey.size ? parseLooseNumber(find(['budget'])) : null,
		};
	}

	test('company size, budget and answers.<label> fields are what a map by label key gives', () => {
		fc.assert(
			fc.property(answers, label, (given, asked) => {
				const lead = { ...emptyLead('generic', 'form'), answers: given as never };
				const facts = buildFacts(lead);
				const plain = plainFacts(given);
				expect(facts.companySize).toBe(plain.companySize);
				expect(facts.budget).toBe(plain.budget);
				const expected = plain.byKey.get(labelKey(asked));
				expect(resolveField(facts, `answers.${asked}`)).toEqual(expected === undefined ? null : expected);
			}),
			{ seed: SEED, numRuns: 5000 },
		);
	});

	test('the last of two labels with the same key wins', () => {
		const facts = buildFacts({ ...emptyLead('generic', 'form'), answers: { 'Company size': '11-50', 'company-size': '501-1000' } });
		expect(facts.companySize).toBe(501);
		expect(resolveField(facts, 'answers.COMPANY SIZE')).toBe('501-1000');
	});
});
