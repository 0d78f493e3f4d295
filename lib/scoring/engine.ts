import { fieldForLabel, labelKey } from '../lead/fields';
import { memoizeText } from '../memo';
import { parseLooseNumber } from '../text/numbers';
import type { Lead, LeadEvent } from '../lead/types';
import { DEFAULT_HONEYPOT_KEYS, classifyEmail, computeFlags, domainInSet, emailDomain, type EmailType, type HygieneFlag, type HygieneOptions } from './hygiene';
import { GRADES, type Calibration, type Grade, type ScoringModel, type ScoringRule, type Stage } from './model';
import { compileLinearRegex } from './regex';
import { INTENT_TYPES, intentOfText, isConsentOrNewsletterText, isNewsletterFormName, type IntentType } from './intent';
import { foldForPhrases, jobLevelsOf } from './titles';
import { foldKey } from '../text/fold';

export interface ScoreReason {
	rule: string;
	category: 'fit' | 'engagement' | 'total';
	points: number;
	detail: string;
}

export interface LeadScore {
	total: number;
	fit: number;
	engagement: number;
	grade: Grade;
	stage: Stage;
	previousStage: Stage | null;
	stageChanged: boolean;
	handRaiser: string | null;
	model: { name: string; version: string };
	reasons: ScoreReason[];
	flags: HygieneFlag[];
	emailType: EmailType;
	scoredAt: string;
	/**
	 * Only with a model that has a calibration: the chance, in percent with one decimal, that a
	 * lead with this total converts (learned by Lead Insights from closed leads); null for a
	 * disqualified lead, which has left the funnel.
	 */
	likelihood?: number | null;
}

export interface ScoreOptions {
	/** the moment decay and hand-raiser windows are measured from */
	now: Date;
	previousStage?: Stage | null;
	allowDowngrade?: boolean;
	hygiene?: HygieneOptions;
	/** when the lead was received (the Lead Intake Trigger's meta.receivedAt): the submission's time when the lead has no submittedAt */
	receivedAt?: string | null;
}

/** Input to a regex rule is cut to this length: matching is linear in it (see regex.ts), and it is done per lead. */
export const MAX_REGEX_INPUT = 200;
const DAY_MS = 86_400_000;
const DEFAULT_HYGIENE: HygieneOptions = { honeypotKeys: DEFAULT_HONEYPOT_KEYS };
const STAGE_RANK: Record<Exclude<Stage, 'disqualified'>, number> = { lead: 0, mql: 1, sql: 2 };

/** Everything a rule can test: the lead's fields plus values derived once per lead. */
export interface LeadFacts {
	lead: Lead;
	emailType: EmailType;
	emailDomain: string | null;
	websiteDomain: string | null;
	flags: HygieneFlag[];
	companySize: number | null;
	budget: number | null;
	/** what the lead asked for in the form itself (its name, an answer, the message), if anything */
	request: LeadRequest | null;
	/** the lead's activities, plus its request as one more activity when none of that type came with it */
	events: LeadEvent[];
	/** answers by label key, built the first time a rule reads an answer (a model learned from a form can have hundreds of answer rules) */
	answersByKey: Map<string, unknown> | null;
}

/** A hand-raiser read from the form: an activity of `type`, dated at the submission. */
export interface LeadRequest {
	type: IntentType;
	/** where it was read, for the receipt: "the form name", "the message", "the answer to “How can we help?”" */
	where: string;
	/** the activity added to `events`; null when the lead already had an activity of this type */
	event: LeadEvent | null;
}

type FieldValue = string | number | boolean | null | Array<string | number>;
type FieldReader = (facts: LeadFacts) => FieldValue;
type Condition = (facts: LeadFacts) => number;
interface CompiledRule {
	rule: ScoringRule;
	/** how many times the rule matched (0 = did not fire); list-valued fields can match several times */
	matches: Condition;
	/** the receipt line when the rule matched once (the common case), built once per model */
	detail: string;
}

interface CompiledEventRule {
	type: string;
	ruleId: string;
	points: number;
	cap: number | undefined;
	/** receipt lines by (count, decayed, capped), built when first needed */
	details: Array<string | undefined>;
}

export interface CompiledModel {
	model: ScoringModel;
	rules: CompiledRule[];
	handRaisers: Set<string>;
	disqualifyOn: Set<HygieneFlag>;
	/** the model's activity types, numbered */
	eventIndex: Map<string, number>;
	eventRules: CompiledEventRule[];
	/** per-type sums while one lead is scored (scoring is synchronous); zeroed at the start of each lead */
	eventTally: { points: Float64Array; count: Uint32Array; decayed: Uint8Array; seen: number[] };
}

/** Company size and budget as people type them, in every language: see lib/text/numbers.ts. */
export { parseLooseNumber };

function websiteHost(website: string | null): string | null {
	if (!website) return null;
	const host = website.toLowerCase().replace(/^[a-z]+:\/\//, '').split(/[/?#:]/)[0];
	return host.replace(/^www\./, '') || null;
}

/**
 * Answers by label key. Labels that differ only in case, spacing or accents share a key; the
 * last of them wins. Answers are walked in place (for...in, no key list) because this runs for
 * every lead.
 */
function answersByLabelKey(answers: Lead['answers']): Map<string, unknown> {
	const byKey = new Map<string, unknown>();
	for (const label in answers) if (Object.prototype.hasOwnProperty.call(answers, label)) byKey.set(labelKey(label), answers[label]);
	return byKey;
}

/** The answer of the first label that names `field` in the label table (the last answer with that label key, as above). */
function findAnswer(answers: Lead['answers'], field: 'companySize' | 'budget'): unknown {
	let wantedKey: string | undefined;
	let value: unknown;
	for (const label in answers) {
		if (!Object.prototype.hasOwnProperty.call(answers, label)) continue;
		const key = labelKey(label);
		if (wantedKey === undefined ? fieldForLabel(label) === field : key === wantedKey) {
			wantedKey = key;
			value = answers[label];
		}
	}
	return value;
}

/**
 * `receivedAt` dates a request read from a form that came without its submission time, as it
 * dates the form's undated activities; without either, the request is undated like them.
 */
export function buildFacts(lead: Lead, hygiene: HygieneOptions = {}, receivedAt: string | null = null): LeadFacts {
	const emailType = classifyEmail(lead.email, hygiene);
	const flags = computeFlags(lead, emailType, hygiene);
	const request = requestOf(lead, receivedAt);
	return {
		lead,
		emailType,
		emailDomain: emailDomain(lead.email),
		websiteDomain: websiteHost(lead.website),
		flags,
		companySize: parseLooseNumber(findAnswer(lead.answers, 'companySize')),
		budget: parseLooseNumber(findAnswer(lead.answers, 'budget')),
		request,
		events: request?.event ? [...lead.events, request.event] : lead.events,
		answersByKey: null,
	};
}

/**
 * What the lead asked for in the form: a demo, a quote, a consultation, prices or a call from
 * sales, read from the form name, the message and the answers that are not contact details
 * (lib/scoring/intent.ts). A newsletter sign-up asks for nothing, and neither does a consent
 * checkbox. The most specific request wins (INTENT_TYPES order).
 */
function requestOf(lead: Lead, receivedAt: string | null): LeadRequest | null {
	if (lead.channel === 'newsletter' || (lead.formName && isNewsletterFormName(lead.formName))) return null;
	let best: IntentType | null = null;
	let where = '';
	const consider = (type: IntentType | null, from: string) => {
		if (type !== null && (best === null || INTENT_TYPES.indexOf(type) < INTENT_TYPES.indexOf(best))) {
			best = type;
			where = from;
		}
	};
	if (lead.formName) consider(intentOfText(lead.formName), 'the form name');
	if (lead.message) consider(intentOfText(lead.message), 'the message');
	const answers = lead.answers;
	for (const label in answers) {
		if (!Object.prototype.hasOwnProperty.call(answers, label)) continue;
		const value = answers[label];
		// contact details, consent and the message (read above) are not requests
		if (value === null || typeof value === 'number' || value === false || value === lead.message || fieldForLabel(label) !== null || isConsentOrNewsletterText(label)) continue;
		if (typeof value === 'string') {
			if (!isConsentOrNewsletterText(value)) consider(intentOfText(value), `the answer to “${label}”`);
		} else if (value === true) {
			// a ticked box or a yes/no question: its label says what was asked for
			consider(intentOfText(label), `the answer to “${label}”`);
		} else {
			for (const choice of value) if (!isConsentOrNewsletterText(choice)) consider(intentOfText(choice), `the answer to “${label}”`);
		}
	}
	if (best === null) return null;
	const type: IntentType = best;
	const alreadyThere = lead.events.some((event) => event.type === type);
	const at = lead.submittedAt ?? (receivedAt !== null && parseTime(receivedAt) !== null ? receivedAt : null);
	return { type, where, event: alreadyThere ? null : { type, at } };
}

/** Resolves a rule's field: canonical fields, `utm.x`, `consent.marketing`, `answers.<label>` and derived facts. */
export function resolveField(facts: LeadFacts, field: string): FieldValue {
	return fieldReader(field)(facts);
}

function fieldReader(field: string): FieldReader {
	switch (field) {
		case 'emailType':
			return (facts) => facts.emailType;
		case 'emailDomain':
			return (facts) => facts.emailDomain;
		case 'websiteDomain':
			return (facts) => facts.websiteDomain;
		case 'companySize':
			return (facts) => facts.companySize;
		case 'budget':
			return (facts) => facts.budget;
		case 'flags':
			return (facts) => [...facts.flags];
		case 'eventTypes':
			return (facts) => facts.events.map((event) => event.type);
		case 'jobLevel':
			// the levels the job title says in any language (lib/scoring/titles.ts); shared, never changed
			return (facts) => (facts.lead.jobTitle ? (jobLevelsOf(facts.lead.jobTitle) as FieldValue) : null);
	}
	if (field.startsWith('answers.')) {
		const key = labelKey(field.slice(8));
		return (facts) => {
			const value = (facts.answersByKey ??= answersByLabelKey(facts.lead.answers)).get(key);
			return value === undefined ? null : (value as FieldValue);
		};
	}
	const [head, tail] = field.split('.', 2);
	return (facts) => {
		const base = (facts.lead as unknown as Record<string, unknown>)[head];
		const value = tail !== undefined && base && typeof base === 'object' && !Array.isArray(base) ? (base as Record<string, unknown>)[tail] : tail === undefined ? base : undefined;
		if (value === undefined) return null;
		if (typeof value === 'object' && value !== null && !Array.isArray(value)) return null;
		return value as FieldValue;
	};
}

function toList(value: ScoringRule['value']): string[] {
	if (value === undefined || value === null) return [];
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
	return list.map((item) => String(item).trim().toLowerCase()).filter(Boolean);
}

function escapeRegex(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isEmpty(value: FieldValue): boolean {
	return value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** Applies a per-value test to a scalar or to every element of a list, counting matches. */
function countMatches(value: FieldValue, test: (raw: string | number | boolean) => boolean): number {
	if (value === null) return 0;
	if (!Array.isArray(value)) return test(value) ? 1 : 0;
	let count = 0;
	for (const item of value) if (test(item)) count++;
	return count;
}

/**
 * A per-value test on the folded text of a value, remembered per distinct text: rules are
 * pure, and the same titles, countries and answers come back in lead after lead. `fold` is
 * applied to the rule's words the same way, so "GENEL MÜDÜR" meets "genel müdür", "مديرعامل"
 * meets "مدیر‌عامل", and Persian, Arabic-Indic and Thai digits meet ASCII ones.
 */
function textTest(fold: (text: string) => string, test: (folded: string) => boolean): (raw: string | number | boolean) => boolean {
	const remembered = memoizeText((text: string) => test(fold(text)), 2000, 500);
	return (raw) => remembered(typeof raw === 'string' ? raw : String(raw));
}

/**
 * Text as equals and inList compare it: folded, without spaces or punctuation (Persian writes
 * one word with a space, a zero-width non-joiner or neither; Thai does not space words). Text
 * that is all punctuation ("-", "?") is compared as written.
 */
function equalityKey(text: string): string {
	return foldKey(text) || text.trim().toLowerCase();
}

function foldedList(value: ScoringRule['value'], fold: (text: string) => string): string[] {
	return toList(value).map(fold).filter(Boolean);
}

const THAI_LETTER = /[\u0e00-\u0e7f]/;
const ARABIC_LETTER = /[\u0600-\u06ff]/;

/**
 * A pattern for `contains` over text folded with foldForPhrases: whole words or phrases, so "cto"
 * does not match "director"; Thai words anywhere in Thai text, which has no spaces between
 * words; an Arabic-script phrase also without its spaces ("مدیر عامل" in "مدیرعامل").
 */
function containsPattern(words: string[]): RegExp | null {
	if (!words.length) return null;
	const alternatives = words.map((word) => {
		const escaped = escapeRegex(word);
		if (THAI_LETTER.test(word)) return escaped;
		const spaced = ARABIC_LETTER.test(word) ? escaped.replace(/ /g, ' ?') : escaped;
		return `(?<![\\p{L}\\p{M}\\p{N}])${spaced}(?![\\p{L}\\p{M}\\p{N}])`;
	});
	return new RegExp(alternatives.join('|'), 'u');
}

function compileRule(rule: ScoringRule): Condition {
	const field = rule.field;
	const get = fieldReader(field);
	switch (rule.operator) {
		case 'exists':
			return (facts) => (isEmpty(get(facts)) ? 0 : 1);
		case 'notExists':
			return (facts) => (isEmpty(get(facts)) ? 1 : 0);
		case 'hasFlag': {
			const flag = String(rule.value) as HygieneFlag;
			return (facts) => (facts.flags.includes(flag) ? 1 : 0);
		}
		case 'equals':
		case 'notEquals': {
			const expected = equalityKey(String(rule.value));
			const negate = rule.operator === 'notEquals';
			const test = textTest(equalityKey, (key) => key === expected);
			return (facts) => {
				const hit = countMatches(get(facts), test) > 0;
				return hit !== negate ? 1 : 0;
			};
		}
		case 'inList':
		case 'notInList': {
			const list = new Set(foldedList(rule.value, equalityKey));
			const negate = rule.operator === 'notInList';
			const test = textTest(equalityKey, (key) => list.has(key));
			return (facts) => {
				const value = get(facts);
				if (negate) return isEmpty(value) || countMatches(value, test) === 0 ? 1 : 0;
				return countMatches(value, test);
			};
		}
		case 'contains':
		case 'notContains': {
			const pattern = containsPattern(foldedList(rule.value, foldForPhrases));
			const negate = rule.operator === 'notContains';
			const test = pattern ? textTest(foldForPhrases, (folded) => pattern.test(folded.slice(0, 2000))) : () => false;
			return (facts) => {
				const count = countMatches(get(facts), test);
				if (negate) return count === 0 ? 1 : 0;
				return count;
			};
		}
		case 'domainInList': {
			const domains = new Set(toList(rule.value).map((d) => d.replace(/^@/, '').replace(/^www\./, '')));
			return (facts) => {
				if (field === 'emailDomain' || field === 'email') return facts.emailDomain && domainInSet(facts.emailDomain, domains) ? 1 : 0;
				if (field === 'website' || field === 'websiteDomain') return facts.websiteDomain && domainInSet(facts.websiteDomain, domains) ? 1 : 0;
				const own = [facts.emailDomain, facts.websiteDomain].filter((d): d is string => !!d);
				return own.some((domain) => domainInSet(domain, domains)) ? 1 : 0;
			};
		}
		case 'greaterThan':
		case 'lessThan': {
			const limit = Number(rule.value);
			const greater = rule.operator === 'greaterThan';
			return (facts) => {
				const number = parseLooseNumber(get(facts));
				if (number === null) return 0;
				return (greater ? number > limit : number < limit) ? 1 : 0;
			};
		}
		case 'regex': {
			// never V8's backtracking RegExp: some patterns take seconds on 200 characters
			const pattern = compileLinearRegex(String(rule.value));
			const test = memoizeText((text: string) => pattern.test(text.slice(0, MAX_REGEX_INPUT)), 2000, 500);
			return (facts) => countMatches(get(facts), (raw) => test(String(raw)));
		}
	}
}

export function compileModel(model: ScoringModel): CompiledModel {
	// own keys only: an activity called "constructor" must not find Object.prototype's
	const eventTypes = Object.keys(model.events);
	const eventRules = eventTypes.map((type): CompiledEventRule => ({ type, ruleId: `event:${type}`, points: model.events[type].points, cap: model.events[type].cap, details: [] }));
	return {
		model,
		rules: model.rules.map((rule) => ({ rule, matches: compileRule(rule), detail: ruleDetail(rule, 1) })),
		handRaisers: new Set(model.handRaisers),
		disqualifyOn: new Set(model.disqualifyOn),
		eventIndex: new Map(eventTypes.map((type, index) => [type, index])),
		eventRules,
		eventTally: { points: new Float64Array(eventTypes.length), count: new Uint32Array(eventTypes.length), decayed: new Uint8Array(eventTypes.length), seen: [] },
	};
}

/** Most leads repeat an activity only a few times, so their receipt lines are kept once per model. */
const REMEMBERED_EVENT_COUNTS = 32;

function eventDetail(compiled: CompiledModel, index: number, count: number, decayed: boolean, capped: boolean): string {
	const eventRule = compiled.eventRules[index];
	const slot = count * 4 + (decayed ? 2 : 0) + (capped ? 1 : 0);
	const known = count <= REMEMBERED_EVENT_COUNTS ? eventRule.details[slot] : undefined;
	if (known !== undefined) return known;
	const halfLife = compiled.model.decay.halfLifeDays;
	const detail = `${eventRule.type} ×${count}${decayed ? `, decayed (half-life ${halfLife} days)` : ''}${capped ? `, capped at ${eventRule.cap}` : ''}`;
	if (count <= REMEMBERED_EVENT_COUNTS) eventRule.details[slot] = detail;
	return detail;
}

function ruleDetail(rule: ScoringRule, count: number): string {
	return (rule.description ?? rule.id) + (count > 1 ? ` (×${count})` : '') + (rule.disqualify ? ' — disqualifies' : '');
}

export function gradeForFit(fit: number, grades: ScoringModel['grades']): Grade {
	if (fit >= grades.A) return 'A';
	if (fit >= grades.B) return 'B';
	if (fit >= grades.C) return 'C';
	return 'D';
}

function parseTime(text: string | null): number | null {
	if (!text) return null;
	const time = Date.parse(text);
	return Number.isFinite(time) ? time : null;
}

/**
 * When an activity happened: its own date, else the submission's (an activity sent without a
 * date came with the form), else null. Never "now": an undated activity would then never decay,
 * and one undated demo request would keep a lead SQL for ever.
 */
function eventTime(event: LeadEvent, submittedTime: number | null): number | null {
	return parseTime(event.at) ?? submittedTime;
}

function hasUndatedActivity(events: LeadEvent[]): boolean {
	return events.some((event) => parseTime(event.at) === null);
}

function capReason(category: 'fit' | 'engagement' | 'total', raw: number, cap: number | null): ScoreReason | null {
	if (cap === null || raw <= cap) return null;
	return { rule: `cap:${category}`, category, points: cap - raw, detail: `${category === 'total' ? 'Total' : category === 'fit' ? 'Fit' : 'Engagement'} capped at ${cap} (was ${raw})` };
}

let lastTime = NaN;
let lastIso = '';
/** A whole run scores as of one moment: format it once, not once per lead. */
function isoTime(date: Date): string {
	const time = date.getTime();
	if (time !== lastTime) {
		lastIso = date.toISOString();
		lastTime = time;
	}
	return lastIso;
}

const sum = (reasons: ScoreReason[]) => reasons.reduce((total, reason) => total + reason.points, 0);

function decide(compiled: CompiledModel, total: number, grade: Grade, flags: HygieneFlag[], firedDisqualifier: string | null, handRaiser: string | null): Stage {
	const { thresholds } = compiled.model;
	for (const flag of flags) if (compiled.disqualifyOn.has(flag)) return 'disqualified';
	if (firedDisqualifier) return 'disqualified';
	if (handRaiser) return 'sql';
	if (total >= thresholds.sql && GRADES.indexOf(grade) <= GRADES.indexOf(thresholds.sqlMinimumGrade)) return 'sql';
	if (total >= thresholds.mql) return 'mql';
	return 'lead';
}

/**
 * Scores one lead. Points are whole numbers so that `reasons` add up exactly to `total`;
 * caps appear as their own negative reasons.
 */
export function scoreLead(compiled: CompiledModel, lead: Lead, options: ScoreOptions): LeadScore {
	const { model } = compiled;
	const now = options.now.getTime();
	const facts = buildFacts(lead, options.hygiene ?? DEFAULT_HYGIENE, options.receivedAt ?? null);
	// before the rules run: undated_activity can be scored or disqualify
	const submittedTime = facts.events.length ? (parseTime(lead.submittedAt) ?? parseTime(options.receivedAt ?? null)) : null;
	if (submittedTime === null && hasUndatedActivity(facts.events)) facts.flags.push('undated_activity');
	const fitReasons: ScoreReason[] = [];
	const engagementReasons: ScoreReason[] = [];
	let disqualifiedBy: string | null = null;

	for (let ruleIndex = 0; ruleIndex < compiled.rules.length; ruleIndex++) {
		const { rule, matches } = compiled.rules[ruleIndex];
		const count = matches(facts);
		if (count === 0) continue;
		if (rule.disqualify) disqualifiedBy ??= rule.id;
		let points = rule.points * count;
		if (rule.cap !== undefined && Math.abs(points) > rule.cap) points = Math.sign(points) * rule.cap;
		points = Math.round(points);
		if (points === 0 && !rule.disqualify) continue;
		const detail = count === 1 ? compiled.rules[ruleIndex].detail : ruleDetail(rule, count);
		(rule.category === 'fit' ? fitReasons : engagementReasons).push({ rule: rule.id, category: rule.category, points, detail });
	}

	const halfLife = model.decay.halfLifeDays;
	let handRaiser: string | null = null;
	const windowMs = model.handRaiserWindowDays === null ? Infinity : model.handRaiserWindowDays * DAY_MS;
	// per activity type, in the order the lead first did it; scratch arrays, not objects, because
	// this runs for every lead of a run
	const tally = compiled.eventTally;
	for (const index of tally.seen) {
		tally.points[index] = 0;
		tally.count[index] = 0;
		tally.decayed[index] = 0;
	}
	tally.seen.length = 0;
	for (const event of facts.events) {
		const type = event.type;
		const time = eventTime(event, submittedTime);
		// an activity of unknown age counts as older than any window or half-life (flag undated_activity)
		const ageMs = time === null ? Infinity : Math.max(0, now - time);
		if (handRaiser === null && ageMs <= windowMs && compiled.handRaisers.has(type)) handRaiser = type;
		const index = compiled.eventIndex.get(type);
		if (index === undefined) continue;
		const factor = halfLife ? Math.pow(0.5, ageMs / DAY_MS / halfLife) : 1;
		if (tally.count[index] === 0) tally.seen.push(index);
		tally.points[index] += compiled.eventRules[index].points * factor;
		tally.count[index] += 1;
		if (factor < 0.995) tally.decayed[index] = 1;
	}
	for (const index of tally.seen) {
		const { cap } = compiled.eventRules[index];
		let points = tally.points[index];
		const count = tally.count[index];
		const decayed = tally.decayed[index] === 1;
		const capped = cap !== undefined && Math.abs(points) > cap;
		if (capped) points = Math.sign(points) * (cap as number);
		points = Math.round(points);
		if (points === 0) continue;
		let detail = eventDetail(compiled, index, count, decayed, capped);
		if (facts.request?.event && facts.request.type === compiled.eventRules[index].type) detail += `, asked for in ${facts.request.where}`;
		engagementReasons.push({ rule: compiled.eventRules[index].ruleId, category: 'engagement', points, detail });
	}

	const fitCap = capReason('fit', sum(fitReasons), model.caps.fit);
	if (fitCap) fitReasons.push(fitCap);
	const engagementCap = capReason('engagement', sum(engagementReasons), model.caps.engagement);
	if (engagementCap) engagementReasons.push(engagementCap);
	const fit = sum(fitReasons);
	const engagement = sum(engagementReasons);
	const reasons = fitReasons;
	for (const reason of engagementReasons) reasons.push(reason);
	const totalCap = capReason('total', fit + engagement, model.caps.total);
	if (totalCap) reasons.push(totalCap);
	const total = sum(reasons);

	const grade = gradeForFit(fit, model.grades);
	const computed = decide(compiled, total, grade, facts.flags, disqualifiedBy, handRaiser);
	const previousStage = options.previousStage ?? null;
	let stage = computed;
	// a disqualifying verdict always applies; otherwise stages only move forward unless allowed
	if (!options.allowDowngrade && computed !== 'disqualified' && previousStage && previousStage !== 'disqualified') {
		if (STAGE_RANK[previousStage] > STAGE_RANK[computed]) stage = previousStage;
	}

	const score: LeadScore = {
		total,
		fit,
		engagement,
		grade,
		stage,
		previousStage,
		stageChanged: previousStage !== null && previousStage !== stage,
		handRaiser: stage === 'sql' ? handRaiser : null,
		model: { name: model.name, version: model.version },
		reasons,
		flags: facts.flags,
		emailType: facts.emailType,
		scoredAt: isoTime(options.now),
	};
	// only models learned by Lead Insights carry one, so the usual run pays nothing for it
	if (model.calibration) score.likelihood = stage === 'disqualified' ? null : likelihoodPercent(model.calibration, total);
	return score;
}

/** The calibration's probability for a total, 0–1 (see calibrationSchema in model.ts). */
export function calibratedProbability(calibration: Calibration, total: number): number {
	if (calibration.method === 'logistic') return 1 / (1 + Math.exp(-(calibration.intercept + calibration.slope * total)));
	const points = calibration.points;
	if (total <= points[0].score) return points[0].probability;
	const last = points[points.length - 1];
	if (total >= last.score) return last.probability;
	let low = 0;
	let high = points.length - 1;
	while (high - low > 1) {
		const middle = (low + high) >> 1;
		if (points[middle].score <= total) low = middle;
		else high = middle;
	}
	const from = points[low];
	const to = points[high];
	return from.probability + ((to.probability - from.probability) * (total - from.score)) / (to.score - from.score);
}

/** Percent with one decimal, as score.likelihood carries it. */
export function likelihoodPercent(calibration: Calibration, total: number): number {
	return Math.round(calibratedProbability(calibration, total) * 1000) / 10;
}
