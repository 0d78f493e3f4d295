/**
 * Property-based tests (fast-check, fixed seeds) for the scoring engine (lib/scoring): for arbitrary
 * valid models (the presets and random models with every operator) and arbitrary leads (realistic
 * and hostile values, activities around "now"), the promises of docs/scoring.md hold:
 *  - the reasons add up exactly to the total, points are whole numbers, caps appear as negative reasons;
 *  - the stage is one of the four and follows the documented order (disqualify, SQL, MQL, lead);
 *  - stages only move forward unless a downgrade is allowed; a disqualifying verdict always applies;
 *  - the same lead scored as of the same moment always gets the same score.
 * And a regex rule either is refused, naming the rule, before any lead is scored, or runs in linear
 * time (steps counted) on hostile fields, catastrophic patterns of the backtracking kind included.
 */
import fc from 'fast-check';
import { emptyLead, finalizeLead } from '../../../lib/lead/fields';
import type { AnswerValue, Lead, LeadEvent } from '../../../lib/lead/types';
import { compileModel, gradeForFit, scoreLead, type LeadScore, type ScoreOptions } from '../../../lib/scoring/engine';
import { KNOWN_EVENT_TYPES } from '../../../lib/scoring/events';
import { DEFAULT_HONEYPOT_KEYS, HYGIENE_FLAGS } from '../../../lib/scoring/hygiene';
import { GRADES, ModelValidationError, OPERATORS, parseModel, STAGES, type ScoringModel, type ScoringModelInput, type Stage } from '../../../lib/scoring/model';
import { compileLinearRegex } from '../../../lib/scoring/regex';
import { NOT_A_BUYER_TITLES, PRESETS, SENIOR_TITLES } from '../../../lib/scoring/presets';

const SEED = 20261121;
const DAY_MS = 86_400_000;
let casesRun = 0;

/* ------------------------------------------------------------------------------------------ */
/* Leads                                                                                        */
/* ------------------------------------------------------------------------------------------ */

const EVENT_TYPES = KNOWN_EVENT_TYPES.map((event) => event.type);
const HOSTILE_TEXT = ['', ' ', 'undefined', 'null', '__proto__', 'constructor', '<script>', '(a+)+$', '.*', 'c++', 'محمد', 'שלום', '\u202Eevil', '👩‍💻', 'x'.repeat(600)];

const emailArb = fc.oneof(
	fc.constant(null),
	fc.tuple(fc.constantFrom('ana', 'ben.okafor', 'info', 'sales', 'jo+tag', 'asdfgh', 'x'), fc.constantFrom('acme.io', 'bigcorp.com', 'gmail.com', 'outlook.com', 'yahoo.co.uk', 'mailinator.com', 'yopmail.com', 'sub.rival.com', 'rival.com', 'university.edu', 'example.co.uk')).map(([local, domain]) => `${local}@${domain}`),
	fc.constantFrom('not-an-email', 'a@b', '@acme.io', 'ana@@acme.io', 'ana..b@acme.io', 'undefined', 'محمد@مثال.مصر'),
	fc.emailAddress().map((email) => email.toLowerCase()),
);

const textArb = (words: readonly string[]) =>
	fc.oneof(
		{ weight: 3, arbitrary: fc.constant(null) },
		{ weight: 5, arbitrary: fc.constantFrom(...words) },
		{ weight: 2, arbitrary: fc.subarray([...words], { minLength: 1, maxLength: 3 }).map((parts) => parts.join(' ')) },
		{ weight: 1, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
		{ weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
	);

const TITLES = [...SENIOR_TITLES, ...NOT_A_BUYER_TITLES, 'Manager', 'Team Lead', 'Principal Engineer', 'Director of Sales', 'VP Marketing', 'Head of Growth', 'CTO & Co-founder', 'Marketing Manager', 'Engineer'];
const NAMES = ['Ana', 'Ben', 'Lee', 'Kim', 'Zoë', 'José', 'محمد', 'שרה', '李', 'Test', 'asdf', 'Qwerty', 'Bbbbbbbb', 'J0hn', 'Mary-Jane', "O'Brien", 'Ngozi'];
const COUNTRIES = ['DE', 'us', 'Germany', 'Brasil', 'GB', 'UK', 'Narnia', 'EMEA'];

const answerValueArb: fc.Arbitrary<AnswerValue> = fc.oneof(
	fc.constantFrom('51-200', '1,000+', '$5k', '2.5m', 'about 40 people', 'none', '10-50', 'yes', '', '€20.000', '0', '-5'),
	fc.integer({ min: -100_000, max: 10_000_000 }),
	fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }),
	fc.boolean(),
	fc.constant(null),
	fc.array(fc.constantFrom('Healthcare', 'Pharma', 'SaaS', 'Retail', 'x'), { maxLength: 4 }),
	fc.string({ maxLength: 30 }),
);

const ANSWER_LABELS = ['Company size', 'Number of employees', 'Budget', 'What is your budget?', 'Industry', 'honeypot', '_gotcha', 'bot-field', 'Team size', 'Headcount', '__proto__', 'constructor', 'Message'];

function answersFrom(entries: Array<[string, AnswerValue]>): Record<string, AnswerValue> {
	const answers: Record<string, AnswerValue> = {};
	for (const [label, value] of entries) Object.defineProperty(answers, label, { value, enumerable: true, writable: true, configurable: true });
	return answers;
}

const eventTypeArb = fc.constantFrom(...EVENT_TYPES, 'demo_canceled', 'unknown_activity');
/** activity types named like Object.prototype properties, in about one lead in twenty: they must get no points, not NaN */
const hostileEventTypeArb = fc.oneof({ weight: 4, arbitrary: eventTypeArb }, { weight: 1, arbitrary: fc.constantFrom('constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf') });

/** activities from far in the past to a little in the future, some undated */
const eventsArb = (now: Date) =>
	fc.oneof({ weight: 19, arbitrary: fc.constant(eventTypeArb) }, { weight: 1, arbitrary: fc.constant(hostileEventTypeArb) }).chain((typeArb) => fc.array(
		fc.record({
			type: typeArb,
			at: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: -5 * 1440, max: 900 * 1440 }).map((minutesAgo) => new Date(now.getTime() - minutesAgo * 60_000).toISOString()) }, { weight: 1, arbitrary: fc.constant(null) }),
			value: fc.option(fc.oneof(fc.integer(), fc.string({ maxLength: 8 })), { nil: undefined }),
		}),
		{ maxLength: 25 },
	)).map((events) => events.map(({ value, ...event }): LeadEvent => (value === undefined ? event : { ...event, value })));

const leadArb = (now: Date): fc.Arbitrary<Lead> =>
	fc
		.record({
			email: emailArb,
			firstName: textArb(NAMES),
			lastName: textArb(NAMES),
			phone: fc.option(fc.constantFrom('+49 151 2345678', '555', 'call me'), { nil: null }),
			company: textArb(['Acme', 'BigCorp GmbH', 'Rival Inc', 'n/a']),
			jobTitle: textArb(TITLES),
			website: fc.option(fc.constantFrom('https://www.acme.io/about', 'acme.io', 'http://rival.com', 'not a url', 'https://sub.rival.com:8080/x'), { nil: null }),
			country: fc.option(fc.constantFrom(...COUNTRIES), { nil: null }),
			source: fc.constantFrom('typeform', 'generic', 'meta', 'hubspot', 'mailchimp'),
			channel: fc.constantFrom('form' as const, 'newsletter' as const, 'ad' as const, 'other' as const),
			consent: fc.record({ marketing: fc.constantFrom(true, false, null) }, { noNullPrototype: true }),
			utm: fc.record(
				{ source: fc.option(fc.constantFrom('google', 'linkedin', 'newsletter'), { nil: null }), medium: fc.constant(null), campaign: fc.option(fc.constantFrom('spring-demo', 'q1'), { nil: null }), term: fc.constant(null), content: fc.constant(null) },
				{ noNullPrototype: true },
			),
			answers: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...ANSWER_LABELS), fc.string({ maxLength: 12 })), answerValueArb), { maxLength: 6 }).map(answersFrom),
			events: eventsArb(now),
			submittedAt: fc.option(fc.integer({ min: -5 * 1440, max: 900 * 1440 }).map((minutesAgo) => new Date(now.getTime() - minutesAgo * 60_000).toISOString()), { nil: null }),
		}, { noNullPrototype: true })
		.map((fields) => finalizeLead({ ...emptyLead(fields.source, fields.channel), ...fields, fullName: null }));

/* ------------------------------------------------------------------------------------------ */
/* Models                                                                                       */
/* ------------------------------------------------------------------------------------------ */

const RULE_FIELDS = [
	'email', 'jobTitle', 'company', 'country', 'source', 'channel', 'firstName', 'phone', 'website', 'utm.campaign', 'utm.source', 'consent.marketing',
	'answers.Industry', 'answers.What is your budget?', 'answers.Company size', 'emailDomain', 'emailType', 'websiteDomain', 'domain', 'companySize', 'budget', 'eventTypes', 'flags',
	// hostile field names a model may contain: they must not break scoring either
	'constructor', '__proto__', 'toString', 'utm.constructor', 'answers.__proto__', 'consent.__proto__',
];
/** patterns that compile with the engine's `iu` flags */
const SAFE_REGEXES = ['^(ceo|cto|founder)\\b', '\\bvp\\b', 'director$', '^[a-z]+@', 'gmail\\.com$', '\\d{3,}', '^\\p{L}+$', 'ä|ö|ü', '(?:head of) sales', '^$', '[^@]+@[^@]+'];

type RuleInput = NonNullable<ScoringModelInput['rules']>[number];

const ruleValueArb = (operator: (typeof OPERATORS)[number]): fc.Arbitrary<RuleInput['value']> => {
	switch (operator) {
		case 'exists':
		case 'notExists':
			return fc.constant(undefined);
		case 'hasFlag':
			return fc.constantFrom(...HYGIENE_FLAGS);
		case 'greaterThan':
		case 'lessThan':
			return fc.oneof(fc.integer({ min: -100, max: 100_000 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }));
		case 'regex':
			return fc.constantFrom(...SAFE_REGEXES);
		case 'domainInList':
			return fc.oneof(fc.subarray(['rival.com', 'acme.io', '@gmail.com', 'www.bigcorp.com', 'edu'], { minLength: 1 }), fc.constant('rival.com, acme.io'));
		default:
			return fc.oneof(
				fc.subarray([...SENIOR_TITLES, 'business', 'free', 'DE', 'healthcare', 'true', 'c++', '(', '.*', 'free_email', 'pricing_page_view', 'typeform'], { minLength: 1, maxLength: 6 }),
				fc.constantFrom('business', 'ceo, founder', 'DE', 'true', 'Healthcare, Pharma', '__proto__'),
				fc.integer({ min: -5, max: 500 }),
				fc.boolean(),
			);
	}
};

const ruleArb = (index: number) =>
	fc.constantFrom(...OPERATORS).chain((operator) =>
		fc.record({
			id: fc.constant(`r${index}`),
			category: fc.constantFrom('fit' as const, 'engagement' as const),
			field: operator === 'hasFlag' ? fc.constant('') : fc.constantFrom(...RULE_FIELDS),
			operator: fc.constant(operator),
			value: ruleValueArb(operator),
			points: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: -40, max: 40 }) }, { weight: 1, arbitrary: fc.constantFrom(0.5, -0.5, 2.5, 1.4999, -7.51) }),
			cap: fc.option(fc.oneof(fc.nat({ max: 60 }), fc.constantFrom(0.5, 12.5)), { nil: undefined }),
			disqualify: fc.option(fc.boolean(), { freq: 3, nil: undefined }),
		}),
	);

/** a model cap: none or a whole number (fractions are refused, see the regression test below) */
const capArb = fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 4, arbitrary: fc.nat({ max: 150 }) });

const randomModelArb: fc.Arbitrary<ScoringModelInput> = fc
	.record({
		mql: fc.integer({ min: -20, max: 120 }),
		sqlAbove: fc.nat({ max: 100 }),
		sqlMinimumGrade: fc.constantFrom(...GRADES),
		c: fc.integer({ min: -20, max: 30 }),
		bAbove: fc.nat({ max: 30 }),
		aAbove: fc.nat({ max: 30 }),
		caps: fc.record({ fit: capArb, engagement: capArb, total: capArb }),
		ruleCount: fc.nat({ max: 12 }),
		events: fc.subarray(EVENT_TYPES).chain((types) =>
			fc.tuple(...types.map((type) => fc.record({ type: fc.constant(type), points: fc.integer({ min: -20, max: 50 }), cap: fc.option(fc.nat({ max: 80 }), { nil: undefined }) }))),
		),
		halfLifeDays: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 120 }), fc.constantFrom(0.5, 7.25)),
		handRaisers: fc.subarray([...EVENT_TYPES, 'pricing_request']),
		handRaiserWindowDays: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 365 })),
		disqualifyOn: fc.subarray([...HYGIENE_FLAGS]),
	})
	.chain((shape) =>
		fc.tuple(...Array.from({ length: shape.ruleCount }, (_, index) => ruleArb(index))).map((rules): ScoringModelInput => ({
			name: 'Random model',
			version: 7,
			thresholds: { mql: shape.mql, sql: shape.mql + shape.sqlAbove, sqlMinimumGrade: shape.sqlMinimumGrade },
			grades: { C: shape.c, B: shape.c + shape.bAbove, A: shape.c + shape.bAbove + shape.aAbove },
			caps: shape.caps,
			rules: rules.map(({ value, cap, disqualify, ...rule }) => ({ ...rule, ...(value === undefined ? {} : { value }), ...(cap === undefined ? {} : { cap }), ...(disqualify === undefined ? {} : { disqualify }) })),
			events: Object.fromEntries(shape.events.map(({ type, points, cap }) => [type, cap === undefined ? { points } : { points, cap }])),
			decay: { halfLifeDays: shape.halfLifeDays },
			handRaisers: shape.handRaisers,
			handRaiserWindowDays: shape.handRaiserWindowDays,
			disqualifyOn: shape.disqualifyOn,
		})),
	);

const modelArb: fc.Arbitrary<ScoringModel> = fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...Object.values(PRESETS)) }, { weight: 3, arbitrary: randomModelArb }).map((input) => parseModel(input));

const nowArb = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T23:59:59Z'), noInvalidDate: true });
const previousStageArb = fc.constantFrom<Stage | null | undefined>(undefined, null, 'lead', 'mql', 'sql', 'disqualified');
const hygieneArb = fc.option(
	fc.record({
		extraFreeMailDomains: fc.constant(new Set(['acme.io'])),
		extraDisposableDomains: fc.constant(new Set(['rival.com'])),
		honeypotKeys: fc.constant(DEFAULT_HONEYPOT_KEYS),
	}),
	{ nil: undefined },
);

interface Case {
	model: ScoringModel;
	lead: Lead;
	now: Date;
	previousStage: Stage | null | undefined;
	allowDowngrade: boolean | undefined;
	hygiene: ScoreOptions['hygiene'];
}

const caseArb: fc.Arbitrary<Case> = nowArb.chain((now) =>
	fc.record({
		model: modelArb,
		lead: leadArb(now),
		now: fc.constant(now),
		previousStage: previousStageArb,
		allowDowngrade: fc.constantFrom(undefined, false, true),
		hygiene: hygieneArb,
	}),
);

/* ------------------------------------------------------------------------------------------ */
/* Oracles                                                                                      */
/* ------------------------------------------------------------------------------------------ */

const RANK: Record<Exclude<Stage, 'disqualified'>, number> = { lead: 0, mql: 1, sql: 2 };
const sum = (points: number[]) => points.reduce((total, value) => total + value, 0);

function options(c: Case, withPrevious = true): ScoreOptions {
	return { now: c.now, hygiene: c.hygiene, ...(withPrevious ? { previousStage: c.previousStage, allowDowngrade: c.allowDowngrade } : {}) };
}

/**
 * The hand-raiser activity within the window, as docs/scoring.md defines it (first in list order): an
 * activity without a date is dated at the submission, and without either its age is unknown, so
 * it is within no window but the unlimited one.
 */
function expectedHandRaiser(model: ScoringModel, lead: Lead, now: Date): string | null {
	const window = model.handRaiserWindowDays === null ? Infinity : model.handRaiserWindowDays * DAY_MS;
	for (const event of lead.events) {
		if (!model.handRaisers.includes(event.type)) continue;
		const own = event.at === null ? NaN : Date.parse(event.at);
		const at = Number.isFinite(own) ? own : lead.submittedAt === null ? NaN : Date.parse(lead.submittedAt);
		const age = Number.isFinite(at) ? Math.max(0, now.getTime() - at) : Infinity;
		if (age <= window) return event.type;
	}
	return null;
}

/** the decision order of docs/scoring.md, from the score's own numbers */
function expectedStage(model: ScoringModel, score: LeadScore, lead: Lead, now: Date): Stage {
	const disqualifyingRules = new Set(model.rules.filter((rule) => rule.disqualify).map((rule) => rule.id));
	if (score.flags.some((flag) => model.disqualifyOn.includes(flag))) return 'disqualified';
	if (score.reasons.some((reason) => disqualifyingRules.has(reason.rule))) return 'disqualified';
	if (expectedHandRaiser(model, lead, now) !== null) return 'sql';
	if (score.total >= model.thresholds.sql && GRADES.indexOf(score.grade) <= GRADES.indexOf(model.thresholds.sqlMinimumGrade)) return 'sql';
	if (score.total >= model.thresholds.mql) return 'mql';
	return 'lead';
}

function expectAccounting(model: ScoringModel, score: LeadScore): void {
	const points = score.reasons.map((reason) => reason.points);
	expect(points.every(Number.isFinite)).toBe(true);
	// the reasons add up exactly to the total, and to fit and engagement per category
	expect(sum(points)).toBe(score.total);
	expect(sum(score.reasons.filter((reason) => reason.category === 'fit').map((reason) => reason.points))).toBe(score.fit);
	expect(sum(score.reasons.filter((reason) => reason.category === 'engagement').map((reason) => reason.points))).toBe(score.engagement);
	expect(score.total).toBe(score.fit + score.engagement + sum(score.reasons.filter((reason) => reason.category === 'total').map((reason) => reason.points)));
	// whole points
	for (const reason of score.reasons) if (!Number.isInteger(reason.points)) throw new Error(`reason ${reason.rule} has ${reason.points} points`);
	// each rule, activity type and cap gives at most one reason; only disqualifying rules may give 0 points
	const names = score.reasons.map((reason) => reason.rule);
	expect(new Set(names).size).toBe(names.length);
	const disqualifyingRules = new Set(model.rules.filter((rule) => rule.disqualify).map((rule) => rule.id));
	for (const reason of score.reasons) if (reason.points === 0) expect(disqualifyingRules.has(reason.rule)).toBe(true);
	// caps only ever lower a category, and show up as negative reasons
	if (model.caps.fit !== null) expect(score.fit).toBeLessThanOrEqual(model.caps.fit);
	if (model.caps.engagement !== null) expect(score.engagement).toBeLessThanOrEqual(model.caps.engagement);
	if (model.caps.total !== null) expect(score.total).toBeLessThanOrEqual(model.caps.total);
	for (const reason of score.reasons) if (reason.rule.startsWith('cap:')) expect(reason.points).toBeLessThan(0);
	expect(score.grade).toBe(gradeForFit(score.fit, model.grades));
	const grade = score.fit >= model.grades.A ? 'A' : score.fit >= model.grades.B ? 'B' : score.fit >= model.grades.C ? 'C' : 'D';
	expect(score.grade).toBe(grade);
}

const counted = <T>(predicate: (value: T) => void) => (value: T) => {
	casesRun++;
	predicate(value);
};

/* ------------------------------------------------------------------------------------------ */
/* Properties                                                                                   */
/* ------------------------------------------------------------------------------------------ */

describe('scoreLead on arbitrary models and leads', () => {
	test('the generators produce what the properties need', () => {
		const sample = fc.sample(caseArb, { seed: SEED, numRuns: 300 });
		const scores = sample.map((c) => scoreLead(compileModel(c.model), c.lead, options(c)));
		const stages = new Set(scores.map((score) => score.stage));
		expect([...stages].sort()).toEqual([...STAGES].sort());
		expect(scores.some((score) => score.reasons.some((reason) => reason.rule.startsWith('cap:')))).toBe(true);
		expect(scores.some((score) => score.handRaiser !== null)).toBe(true);
		expect(sample.some((c) => c.previousStage === 'sql') && sample.some((c) => c.allowDowngrade === true)).toBe(true);
		expect(sample.some((c) => c.model.rules.some((rule) => rule.operator === 'regex'))).toBe(true);
	});

	test('reasons add up exactly to the total; points are whole; caps and grade are consistent', () => {
		fc.assert(
			fc.property(
				caseArb,
				counted((c: Case) => {
					const score = scoreLead(compileModel(c.model), c.lead, options(c));
					expectAccounting(c.model, score);
					expect(STAGES).toContain(score.stage);
					expect(GRADES).toContain(score.grade);
					expect(['business', 'free', 'disposable', 'invalid', 'missing']).toContain(score.emailType);
					for (const flag of score.flags) expect(HYGIENE_FLAGS).toContain(flag);
					// flagged exactly when an activity has neither its own date nor the submission's
					const dated = (text: string | null) => text !== null && Number.isFinite(Date.parse(text));
					expect(score.flags.includes('undated_activity')).toBe(!dated(c.lead.submittedAt) && c.lead.events.some((event) => !dated(event.at)));
					expect(new Set(score.flags).size).toBe(score.flags.length);
					expect(score.model).toEqual({ name: c.model.name, version: c.model.version });
					expect(score.scoredAt).toBe(c.now.toISOString());
				}),
			),
			{ seed: SEED, numRuns: 1500 },
		);
	});

	test('the stage follows the documented order: disqualify, hand-raiser or SQL threshold and grade, MQL threshold, lead', () => {
		fc.assert(
			fc.property(
				caseArb,
				counted((c: Case) => {
					const score = scoreLead(compileModel(c.model), c.lead, options(c, false));
					expect(score.previousStage).toBeNull();
					expect(score.stageChanged).toBe(false);
					expect(score.stage).toBe(expectedStage(c.model, score, c.lead, c.now));
					const handRaiser = expectedHandRaiser(c.model, c.lead, c.now);
					expect(score.handRaiser).toBe(score.stage === 'sql' ? handRaiser : null);
				}),
			),
			{ seed: SEED + 1, numRuns: 1000 },
		);
	});

	test('stages only move forward unless a downgrade is allowed; a disqualifying verdict always applies', () => {
		fc.assert(
			fc.property(
				caseArb,
				counted((c: Case) => {
					const compiled = compileModel(c.model);
					const fresh = scoreLead(compiled, c.lead, options(c, false)).stage;
					const score = scoreLead(compiled, c.lead, options(c));
					const previous = c.previousStage ?? null;
					expect(score.previousStage).toBe(previous);
					expect(score.stageChanged).toBe(previous !== null && previous !== score.stage);
					if (fresh === 'disqualified') {
						expect(score.stage).toBe('disqualified');
					} else if (previous !== null && previous !== 'disqualified' && !c.allowDowngrade) {
						// forward only: never below the previous stage
						expect(score.stage).not.toBe('disqualified');
						const stage = score.stage as Exclude<Stage, 'disqualified'>;
						expect(RANK[stage]).toBeGreaterThanOrEqual(RANK[previous]);
						expect(RANK[stage]).toBe(Math.max(RANK[previous], RANK[fresh]));
					} else if (c.allowDowngrade) {
						expect(score.stage).toBe(fresh);
					}
				}),
			),
			{ seed: SEED + 2, numRuns: 1000 },
		);
	});

	test('deterministic: the same lead scored as of the same moment gets the same score, whatever was scored in between', () => {
		fc.assert(
			fc.property(
				fc.tuple(caseArb, leadArb(new Date('2026-11-20T12:00:00Z'))),
				counted(([c, other]: [Case, Lead]) => {
					const before = JSON.stringify(c.lead);
					const first = scoreLead(compileModel(c.model), c.lead, options(c));
					scoreLead(compileModel(c.model), other, options(c));
					const recompiled = compileModel(parseModel(JSON.parse(JSON.stringify(c.model))));
					const again = scoreLead(recompiled, JSON.parse(before) as Lead, { ...options(c), now: new Date(c.now.getTime()) });
					expect(JSON.stringify(again)).toBe(JSON.stringify(first));
					// scoring does not change the lead
					expect(JSON.stringify(c.lead)).toBe(before);
				}),
			),
			{ seed: SEED + 3, numRuns: 500 },
		);
	});
});

/* ------------------------------------------------------------------------------------------ */
/* Catastrophic regular expressions                                                            */
/* ------------------------------------------------------------------------------------------ */

function regexModel(patterns: string[]): ScoringModelInput {
	return {
		name: 'Regex model',
		version: '1',
		thresholds: { mql: 10, sql: 20 },
		rules: patterns.map((value, index) => ({ id: `re${index}`, category: 'fit' as const, field: 'jobTitle', operator: 'regex' as const, value, points: 5 })),
	};
}

function refusal(patterns: string[]): ModelValidationError | null {
	try {
		parseModel(regexModel(patterns));
		return null;
	} catch (error) {
		if (!(error instanceof ModelValidationError)) throw error;
		return error;
	}
}

/** the field of a lead that makes backtracking explode on these patterns, at the length rules read */
const HOSTILE_TITLES = ['a'.repeat(200), `${'a'.repeat(199)}!`, `${'ab'.repeat(99)}!`, `${'x'.repeat(199)}y`, `${'1'.repeat(199)}.`, `${'a '.repeat(99)}!`];

/** at most every state entered once and every thread advanced once per character */
function expectLinearSteps(pattern: string): void {
	const regex = compileLinearRegex(pattern);
	for (const title of HOSTILE_TITLES) {
		regex.test(title);
		expect(regex.lastSteps).toBeLessThanOrEqual((title.length + 1) * 2 * regex.size);
	}
}

describe('a catastrophic regex in a model rule', () => {
	const CLASSIC = ['(a+)+$', '(a*)*b', '(a|a)*$', '(a|aa)+$', '([a-zA-Z]+)*$', '(.*a){12}', '^(\\w+\\s?)*$', '(x+x+)+y', '((ab)*)+$', '(\\d+)*\\.', '^(([a-z])+.)+[A-Z]([a-z])+$', '(a)\\1', '(?<x>a)\\k<x>'];

	test.each(CLASSIC)('%s is refused naming the rule, or scores in linear time', (pattern) => {
		const error = refusal([pattern]);
		if (/\\[1-9k]/.test(pattern)) {
			// back-references need backtracking: refused before any lead is scored
			expect(error?.path).toBe('rules[0].value');
			expect(error?.message).toMatch(/^Invalid scoring model at "rules\[0\]\.value": rule "re0": regex uses a back-reference/);
			// the model JSON route refuses it the same way
			expect(() => parseModel(JSON.stringify(regexModel([pattern])))).toThrow(ModelValidationError);
			return;
		}
		expect(error).toBeNull();
		expectLinearSteps(pattern);
		const compiled = compileModel(parseModel(regexModel([pattern])));
		for (const jobTitle of HOSTILE_TITLES) {
			const score = scoreLead(compiled, finalizeLead({ ...emptyLead('generic', 'form'), jobTitle, email: 'a@acme.io' }), { now: new Date('2026-11-20T12:00:00Z') });
			expect([0, 5]).toContain(score.fit);
		}
	});

	/** nested quantifiers and quantified alternations, inside random safe text */
	const atom = fc.constantFrom('a', '\\w', '[a-z]', '.', '\\d', '\\s', '(?:ab)', 'x', '[^@]');
	const inner = fc.constantFrom('+', '*', '{1,}', '{2,}', '+?', '*?');
	const outer = fc.constantFrom('+', '*', '{1,}', '{2,5}', '{10}', '+?', '*?');
	const literal = fc.stringMatching(/^[a-z0-9 ]{0,6}$/);
	const evilCore = fc.oneof(
		fc.tuple(atom, inner, outer).map(([a, q1, q2]) => `(${a}${q1})${q2}`),
		fc.tuple(atom, inner, outer).map(([a, q1, q2]) => `(?:${a}${q1}x?)${q2}`),
		fc.tuple(atom, atom, outer).map(([a, b, q2]) => `(${a}|${b})${q2}`),
		fc.tuple(atom, inner, outer, outer).map(([a, q1, q2, q3]) => `((${a}${q1})${q2})${q3}`),
		fc.tuple(atom, inner, outer).map(([a, q1, q2]) => `(?<g>${a}${q1})${q2}`),
		// adjacent overlapping repetitions: as slow as nested ones for a backtracking engine
		fc.tuple(atom, fc.integer({ min: 2, max: 6 }), fc.constantFrom('+', '*', '{1,20}', '?')).map(([a, times, q]) => `${a}${q}`.repeat(times)),
	);
	const evilPattern = fc.tuple(fc.constantFrom('', '^', '\\b'), literal, evilCore, literal, fc.constantFrom('', '$', '!')).map((parts) => parts.join(''));
	const backReference = fc.tuple(atom, fc.constantFrom('\\1', '\\1+', '(?:\\1)*')).map(([a, reference]) => `(${a}+)${reference}`);

	test('every generated nested or adjacent repetition is accepted and runs in linear steps on hostile fields, among safe rules', () => {
		fc.assert(
			fc.property(
				fc.tuple(fc.array(fc.constantFrom(...SAFE_REGEXES), { maxLength: 4 }), evilPattern),
				counted(([safe, evil]: [string[], string]) => {
					expect(() => new RegExp(evil, 'iu')).not.toThrow();
					expect(refusal([...safe, evil])).toBeNull();
					expectLinearSteps(evil);
				}),
			),
			{ seed: SEED + 4, numRuns: 600 },
		);
	});

	test('a back-reference is refused at its own rule, among safe rules', () => {
		fc.assert(
			fc.property(
				fc.tuple(fc.array(fc.constantFrom(...SAFE_REGEXES), { maxLength: 4 }), backReference),
				counted(([safe, evil]: [string[], string]) => {
					const error = refusal([...safe, evil]);
					expect(error?.path).toBe(`rules[${safe.length}].value`);
					expect(error?.message).toContain(`rule "re${safe.length}": regex uses a back-reference`);
				}),
			),
			{ seed: SEED + 6, numRuns: 200 },
		);
	});

	test('any pattern string is either refused with a ModelValidationError or compiles and scores, hostile fields included', () => {
		const regexText = fc.string({ unit: fc.constantFrom('a', 'b', '(', ')', '|', '+', '*', '?', '{', '}', '2', ',', '[', ']', '\\', '-', '^', '$', '.', 'w', 'd', ':', '<', '>', 'k', '1', 'u', 'p', 'L'), maxLength: 24 });
		const titles = ['Head of Sales (EMEA) – a|b*c', ...HOSTILE_TITLES];
		fc.assert(
			fc.property(
				regexText,
				counted((pattern: string) => {
					let model: ScoringModel;
					try {
						model = parseModel(regexModel([pattern]));
					} catch (error) {
						expect(error).toBeInstanceOf(ModelValidationError);
						return;
					}
					const compiled = compileModel(model);
					for (const jobTitle of titles) {
						const lead = finalizeLead({ ...emptyLead('generic', 'form'), jobTitle, email: 'a@acme.io' });
						const score = scoreLead(compiled, lead, { now: new Date('2026-11-20T12:00:00Z') });
						expect([0, 5]).toContain(score.fit);
					}
					expectLinearSteps(pattern);
				}),
			),
			{ seed: SEED + 5, numRuns: 800 },
		);
	});
});

/* ------------------------------------------------------------------------------------------ */
/* Regressions: bugs these properties found, fixed                                              */
/* ------------------------------------------------------------------------------------------ */

describe('regressions found by these properties', () => {
	const now = new Date('2026-11-20T12:00:00Z');
	const b2b = compileModel(parseModel(PRESETS.b2bSaas));

	test('an activity named "constructor" gets no points instead of making the score NaN', () => {
		const lead = finalizeLead({ ...emptyLead('generic', 'form'), email: 'ana@acme.io', events: [{ type: 'constructor', at: null }, { type: 'pricing_page_view', at: null }] });
		const score = scoreLead(b2b, lead, { now });
		// before the fix: total NaN and a reason {"rule": "event:constructor", "points": NaN}
		expect(Number.isFinite(score.total)).toBe(true);
	});

	test('a fractional cap still gives whole points (or is refused)', () => {
		const input: ScoringModelInput = { name: 'm', version: '1', thresholds: { mql: 1, sql: 2 }, caps: { fit: 12.5 }, rules: [{ id: 'r', category: 'fit', field: 'email', operator: 'exists', points: 20 }] };
		let model: ScoringModel;
		try {
			model = parseModel(input);
		} catch (error) {
			expect(error).toBeInstanceOf(ModelValidationError);
			return;
		}
		const score = scoreLead(compileModel(model), finalizeLead({ ...emptyLead('generic', 'form'), email: 'ana@acme.io' }), { now });
		// before the fix: reasons [20, -7.5], fit and total 12.5
		for (const reason of score.reasons) expect(Number.isInteger(reason.points)).toBe(true);
	});

	// Each of these passed the old static check and then backtracked for seconds to hours on a lead
	// whose field is a run of "a" (or digits, or word characters); the rules' engine runs them in linear steps.
	test.each([
		['a*a*a*b', '3 stars: ~27 s on 500 × "a"'],
		['\\w*\\w*\\w*\\w*\\w*\\w*!', '6 stars: ~13 s on 60 × "a"'],
		['\\d+\\d+\\d+\\d+\\d+x', '5 pluses: ~11 s on 100 × "1"'],
		[`${'a?'.repeat(30)}${'a'.repeat(30)}`, 'optional atoms: ~20 s on 30 × "a", doubling per extra "a?"'],
		['\\w{1,20}\\w{1,20}\\w{1,20}\\w{1,20}\\w{1,20}!', 'bounded repetitions: ~16 s on 200 × "a"'],
	])('%s runs in linear steps (%s with backtracking)', (pattern) => {
		expect(refusal([pattern])).toBeNull();
		expectLinearSteps(pattern);
	});

	test('a regex the engine cannot compile ("\\-") is refused by parseModel, naming the rule', () => {
		// before the fix: parseModel accepted it and compileModel threw "Invalid regular expression: /\-/iu: Invalid escape"
		expect(() => compileModel(parseModel(regexModel(['^co\\-founder'])))).toThrow(/rules\[0\]\.value": rule "re0"/);
	});
});

afterAll(() => {
	// eslint-disable-next-line no-console
	console.log(`scoring properties: ${casesRun} cases`);
});
