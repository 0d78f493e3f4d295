/**
 * Precision, recall and leads per month at a stage's threshold, and the threshold a goal asks
 * for. A stage is decided as the engine decides it (lib/scoring/engine.ts): a disqualified lead
 * is never selected, a hand-raiser is always an SQL, and an SQL by score also needs the model's
 * minimum grade.
 */
import { GRADES, type Grade } from '../scoring/model';
import { wilsonInterval } from './stats';
import type { RecommendedThresholds, ThresholdFigures, ThresholdGoal } from './types';

export interface StageInputs {
	total: number;
	/** 1 won, 0 lost, -1 open */
	outcome: 1 | 0 | -1;
	disqualified: boolean;
	handRaiser: boolean;
	grade: Grade;
}

const MONTH_MS = (365.25 / 12) * 86_400_000;

/** Months the submissions span (at least one): leads per month = leads ÷ this. */
export function monthsSpanned(times: ArrayLike<number>): number {
	let first = Infinity;
	let last = -Infinity;
	for (let i = 0; i < times.length; i++) {
		if (!Number.isFinite(times[i])) continue;
		first = Math.min(first, times[i]);
		last = Math.max(last, times[i]);
	}
	return first === Infinity ? 0 : Math.max(1, (last - first) / MONTH_MS);
}

function isSelected(lead: StageInputs, stage: 'mql' | 'sql', threshold: number, sqlMinimumGrade: Grade): boolean {
	if (lead.disqualified) return false;
	if (lead.handRaiser) return true;
	if (lead.total < threshold) return false;
	return stage === 'mql' || GRADES.indexOf(lead.grade) <= GRADES.indexOf(sqlMinimumGrade);
}

export function figuresAt(leads: StageInputs[], stage: 'mql' | 'sql', threshold: number, sqlMinimumGrade: Grade, months: number): ThresholdFigures {
	let selected = 0;
	let wins = 0;
	let allWins = 0;
	let everySelected = 0;
	for (const lead of leads) {
		const chosen = isSelected(lead, stage, threshold, sqlMinimumGrade);
		if (chosen) everySelected++;
		if (lead.outcome === -1) continue;
		if (lead.outcome === 1) allWins++;
		if (!chosen) continue;
		selected++;
		if (lead.outcome === 1) wins++;
	}
	const interval = wilsonInterval(wins, selected);
	return {
		stage,
		threshold,
		selected,
		wins,
		precision: selected ? wins / selected : null,
		precisionLow: interval?.low ?? null,
		precisionHigh: interval?.high ?? null,
		recall: allWins ? wins / allWins : null,
		leadsPerMonth: months > 0 ? everySelected / months : null,
	};
}

/**
 * The threshold that meets the goal with 95 % confidence (the Wilson interval's lower end, not
 * the rate seen, must reach it), so that it still holds on the next months' leads: for
 * sqlPrecision the lowest SQL threshold (most SQLs), for winRecall the highest threshold (fewest
 * leads passed on). The other threshold stays as it is, moved only to keep SQL ≥ MQL.
 */
export function recommendThresholds(leads: StageInputs[], goal: ThresholdGoal, current: { mql: number; sql: number; sqlMinimumGrade: Grade }, months: number): RecommendedThresholds {
	const stage: 'mql' | 'sql' = goal.kind === 'sqlPrecision' ? 'sql' : (goal.stage ?? 'mql');
	const candidates = [...new Set(leads.filter((lead) => lead.outcome !== -1 && !lead.disqualified).map((lead) => lead.total))].sort((a, b) => a - b);
	const allWins = leads.filter((lead) => lead.outcome === 1).length;
	const none = (reason: string): RecommendedThresholds => ({ goal, mql: null, sql: null, met: false, reason, atRecommended: null });
	if (!allWins) return none('no won leads to measure the goal on');
	if (!candidates.length) return none('no closed lead that is not disqualified');
	let chosen: number | null = null;
	if (goal.kind === 'sqlPrecision') {
		for (const threshold of candidates) {
			const figures = figuresAt(leads, 'sql', threshold, current.sqlMinimumGrade, months);
			if (figures.precisionLow !== null && figures.precisionLow >= goal.atLeast) {
				chosen = threshold;
				break;
			}
		}
		if (chosen === null) return none(`no SQL threshold makes SQLs convert at ${(goal.atLeast * 100).toFixed(1)} % or more with 95 % confidence${leads.some((lead) => lead.handRaiser && lead.outcome !== -1) ? ' (hand-raisers are SQLs at any score)' : ''}`);
	} else {
		for (let index = candidates.length - 1; index >= 0; index--) {
			const figures = figuresAt(leads, stage, candidates[index], current.sqlMinimumGrade, months);
			const interval = wilsonInterval(figures.wins, allWins);
			if (interval && interval.low >= goal.atLeast) {
				chosen = candidates[index];
				break;
			}
		}
		if (chosen === null) return none(`no ${stage.toUpperCase()} threshold catches ${(goal.atLeast * 100).toFixed(1)} % of wins with 95 % confidence${stage === 'sql' ? ` (SQLs by score also need grade ${current.sqlMinimumGrade} or better, and disqualified leads are never caught)` : ' (disqualified leads are never caught)'}`);
	}
	const mql = stage === 'mql' ? chosen : Math.min(current.mql, chosen);
	const sql = stage === 'sql' ? chosen : Math.max(current.sql, chosen);
	const atRecommended = figuresAt(leads, stage, chosen, current.sqlMinimumGrade, months);
	const what = goal.kind === 'sqlPrecision' ? `SQLs convert at ${(atRecommended.precision! * 100).toFixed(1)} % (95 % interval ${(atRecommended.precisionLow! * 100).toFixed(1)}–${(atRecommended.precisionHigh! * 100).toFixed(1)} %)` : `${stage.toUpperCase()}s or better catch ${(atRecommended.recall! * 100).toFixed(1)} % of wins`;
	return { goal, mql, sql, met: true, reason: `${stage.toUpperCase()} threshold ${chosen}: ${what}`, atRecommended };
}
