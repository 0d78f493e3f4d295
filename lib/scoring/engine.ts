import { labelKey } from '../lead/fields';
import type { Lead, LeadEvent } from '../lead/types';
import { DEFAULT_HONEYPOT_KEYS, classifyEmail, computeFlags, domainInSet, emailDomain, type EmailType, type HygieneFlag, type HygieneOptions } from './hygiene';
import { GRADES, type Grade, type ScoringModel, type ScoringRule, type Stage } from './model';

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
}

export interface ScoreOptions {
	/** the moment decay and hand-raiser windows are measured from */
	now: Date;
	previousStage?: Stage | null;
	allowDowngrade?: boolean;
	hygiene?: HygieneOptions;
}

/** Input to a regex rule is cut to this length so that matching time stays bounded. */
export const MAX_REGEX_INPUT = 200;
const DAY_MS = 86_400_000;
const STAGE_RANK: Record<Exclude<Stage, 'disqualified'>, number> = { lead: 0, mql: 1, sql: 2 };

/** Everything a rule can test: the lead's fields plus values derived once per lead. */
export interface LeadFacts {
	lead: Lead;
	emailType: EmailType;
	emailDomain: string | null;
	websiteDomain: string | null;
	flags: Set<HygieneFlag>;
	answerByKey: Map<string, unknown>;
	companySize: number | null;
	budget: number | null;
}

type FieldValue = string | number | boolean | null | Array<string | number>;
type Condition = (facts: LeadFacts) => number;
interface CompiledRule {
	rule: ScoringRule;
	/** how many times the rule matched (0 = did not fire); list-valued fields can match several times */
	matches: Condition;
}

export interface CompiledModel {
	model: ScoringModel;
	rules: CompiledRule[];
	handRaisers: Set<string>;
	disqualifyOn: Set<HygieneFlag>;
}

/** "51-200" → 51, "1,000+" → 1000, "$5k" → 5000, "2.5m" → 2500000 */
export function parseLooseNumber(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value !== 'string') return null;
	const match = /(-?\d[\d,.\s]*)\s*([km])?/i.exec(value.slice(0, 100));
	if (!match) return null;
	let digits = match[1].replace(/[\s,]/g, '');
	if ((digits.match(/\./g) ?? []).length > 1) digits = digits.replace(/\./g, '');
	const number = Number.parseFloat(digits);
	if (!Number.isFinite(number)) return null;
	const unit = match[2]?.toLowerCase();
	return unit === 'k' ? number * 1000 : unit === 'm' ? number * 1_000_000 : number;
}

function websiteHost(website: string | null): string | null {
	if (!website) return null;
	const host = website.toLowerCase().replace(/^[a-z]+:\/\//, '').split(/[/?#:]/)[0];
	return host.replace(/^www\./, '') || null;
}

function findAnswer(answerByKey: Map<string, unknown>, words: string[]): unknown {
	for (const [key, value] of answerByKey) if (words.some((word) => key.includes(word))) return value;
	return undefined;
}

export function buildFacts(lead: Lead, hygiene: HygieneOptions = {}): LeadFacts {
	const emailType = classifyEmail(lead.email, hygiene);
	const answerByKey = new Map<string, unknown>();
	for (const label of Object.keys(lead.answers)) answerByKey.set(labelKey(label), lead.answers[label]);
	return {
		lead,
		emailType,
		emailDomain: emailDomain(lead.email),
		websiteDomain: websiteHost(lead.website),
		flags: new Set(computeFlags(lead, emailType, hygiene)),
		answerByKey,
		companySize: parseLooseNumber(findAnswer(answerByKey, ['companysize', 'employees', 'teamsize', 'numberofemployees', 'headcount'])),
		budget: parseLooseNumber(findAnswer(answerByKey, ['budget'])),
	};
}

/** Resolves a rule's field: canonical fields, `utm.x`, `consent.marketing`, `answers.<label>` and derived facts. */
export function resolveField(facts: LeadFacts, field: string): FieldValue {
	switch (field) {
		case 'emailType':
			return facts.emailType;
		case 'emailDomain':
			return facts.emailDomain;
		case 'websiteDomain':
			return facts.websiteDomain;
		case 'companySize':
			return facts.companySize;
		case 'budget':
			return facts.budget;
		case 'flags':
			return [...facts.flags];
		case 'eventTypes':
			return facts.lead.events.map((event) => event.type);
	}
	if (field.startsWith('answers.')) {
		const value = facts.answerByKey.get(labelKey(field.slice(8)));
		return value === undefined ? null : (value as FieldValue);
	}
	const [head, tail] = field.split('.', 2);
	const base = (facts.lead as unknown as Record<string, unknown>)[head];
	const value = tail !== undefined && base && typeof base === 'object' && !Array.isArray(base) ? (base as Record<string, unknown>)[tail] : tail === undefined ? base : undefined;
	if (value === undefined) return null;
	if (typeof value === 'object' && value !== null && !Array.isArray(value)) return null;
	return value as FieldValue;
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
function countMatches(value: FieldValue, test: (text: string, raw: string | number | boolean) => boolean): number {
	if (value === null) return 0;
	if (Array.isArray(value)) return value.reduce<number>((count, item) => count + (test(String(item).toLowerCase(), item) ? 1 : 0), 0);
	return test(String(value).toLowerCase(), value) ? 1 : 0;
}

function compileRule(rule: ScoringRule): Condition {
	const field = rule.field;
	const get = (facts: LeadFacts) => resolveField(facts, field);
	switch (rule.operator) {
		case 'exists':
			return (facts) => (isEmpty(get(facts)) ? 0 : 1);
		case 'notExists':
			return (facts) => (isEmpty(get(facts)) ? 1 : 0);
		case 'hasFlag': {
			const flag = String(rule.value) as HygieneFlag;
			return (facts) => (facts.flags.has(flag) ? 1 : 0);
		}
		case 'equals':
		case 'notEquals': {
			const expected = String(rule.value).trim().toLowerCase();
			const negate = rule.operator === 'notEquals';
			return (facts) => {
				const value = get(facts);
				const hit = countMatches(value, (text) => text.trim() === expected) > 0;
				return hit !== negate ? 1 : 0;
			};
		}
		case 'inList':
		case 'notInList': {
			const list = new Set(toList(rule.value));
			const negate = rule.operator === 'notInList';
			return (facts) => {
				const value = get(facts);
				if (negate) return isEmpty(value) || countMatches(value, (text) => list.has(text.trim())) === 0 ? 1 : 0;
				return countMatches(value, (text) => list.has(text.trim()));
			};
		}
		case 'contains':
		case 'notContains': {
			const words = toList(rule.value);
			// whole words or phrases, so "cto" does not match "director"
			const pattern = words.length ? new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${words.map(escapeRegex).join('|')})(?=$|[^\\p{L}\\p{N}])`, 'iu') : null;
			const negate = rule.operator === 'notContains';
			return (facts) => {
				const value = get(facts);
				const count = pattern ? countMatches(value, (text) => pattern.test(text.slice(0, 2000))) : 0;
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
			const pattern = new RegExp(String(rule.value), 'iu');
			return (facts) => countMatches(get(facts), (_text, raw) => pattern.test(String(raw).slice(0, MAX_REGEX_INPUT)));
		}
	}
}

export function compileModel(model: ScoringModel): CompiledModel {
	return {
		model,
		rules: model.rules.map((rule) => ({ rule, matches: compileRule(rule) })),
		handRaisers: new Set(model.handRaisers),
		disqualifyOn: new Set(model.disqualifyOn),
	};
}

export function gradeForFit(fit: number, grades: ScoringModel['grades']): Grade {
	if (fit >= grades.A) return 'A';
	if (fit >= grades.B) return 'B';
	if (fit >= grades.C) return 'C';
	return 'D';
}

function eventTime(event: LeadEvent, now: number): number {
	if (!event.at) return now;
	const time = Date.parse(event.at);
	return Number.isFinite(time) ? time : now;
}

function capReason(category: 'fit' | 'engagement' | 'total', raw: number, cap: number | null): ScoreReason | null {
	if (cap === null || raw <= cap) return null;
	return { rule: `cap:${category}`, category, points: cap - raw, detail: `${category === 'total' ? 'Total' : category === 'fit' ? 'Fit' : 'Engagement'} capped at ${cap} (was ${raw})` };
}

const sum = (reasons: ScoreReason[]) => reasons.reduce((total, reason) => total + reason.points, 0);

function decide(compiled: CompiledModel, total: number, grade: Grade, flags: Set<HygieneFlag>, firedDisqualifier: string | null, handRaiser: string | null): Stage {
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
	const facts = buildFacts(lead, options.hygiene ?? { honeypotKeys: DEFAULT_HONEYPOT_KEYS });
	const fitReasons: ScoreReason[] = [];
	const engagementReasons: ScoreReason[] = [];
	let disqualifiedBy: string | null = null;

	for (const { rule, matches } of compiled.rules) {
		const count = matches(facts);
		if (count === 0) continue;
		if (rule.disqualify) disqualifiedBy ??= rule.id;
		let points = rule.points * count;
		if (rule.cap !== undefined && Math.abs(points) > rule.cap) points = Math.sign(points) * rule.cap;
		points = Math.round(points);
		if (points === 0 && !rule.disqualify) continue;
		const detail = (rule.description ?? rule.id) + (count > 1 ? ` (×${count})` : '') + (rule.disqualify ? ' — disqualifies' : '');
		(rule.category === 'fit' ? fitReasons : engagementReasons).push({ rule: rule.id, category: rule.category, points, detail });
	}

	const halfLife = model.decay.halfLifeDays;
	const perType = new Map<string, { points: number; count: number; decayed: boolean }>();
	let handRaiser: string | null = null;
	const windowMs = model.handRaiserWindowDays === null ? Infinity : model.handRaiserWindowDays * DAY_MS;
	for (const event of lead.events) {
		const type = event.type;
		const ageMs = Math.max(0, now - eventTime(event, now));
		if (compiled.handRaisers.has(type) && ageMs <= windowMs && handRaiser === null) handRaiser = type;
		// own keys only: an activity called "constructor" must not find Object.prototype's
		const eventRule = Object.prototype.hasOwnProperty.call(model.events, type) ? model.events[type] : undefined;
		if (!eventRule) continue;
		const factor = halfLife ? Math.pow(0.5, ageMs / DAY_MS / halfLife) : 1;
		const entry = perType.get(type) ?? { points: 0, count: 0, decayed: false };
		entry.points += eventRule.points * factor;
		entry.count += 1;
		entry.decayed ||= factor < 0.995;
		perType.set(type, entry);
	}
	for (const [type, entry] of perType) {
		const cap = model.events[type].cap;
		let points = entry.points;
		const capped = cap !== undefined && Math.abs(points) > cap;
		if (capped) points = Math.sign(points) * (cap as number);
		points = Math.round(points);
		if (points === 0) continue;
		const detail = `${type} ×${entry.count}${entry.decayed ? `, decayed (half-life ${halfLife} days)` : ''}${capped ? `, capped at ${cap}` : ''}`;
		engagementReasons.push({ rule: `event:${type}`, category: 'engagement', points, detail });
	}

	const fitCap = capReason('fit', sum(fitReasons), model.caps.fit);
	if (fitCap) fitReasons.push(fitCap);
	const engagementCap = capReason('engagement', sum(engagementReasons), model.caps.engagement);
	if (engagementCap) engagementReasons.push(engagementCap);
	const fit = sum(fitReasons);
	const engagement = sum(engagementReasons);
	const reasons = [...fitReasons, ...engagementReasons];
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

	return {
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
		flags: [...facts.flags],
		emailType: facts.emailType,
		scoredAt: options.now.toISOString(),
	};
}
