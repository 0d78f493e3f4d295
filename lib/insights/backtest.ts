/**
 * Backtest Model: every historical lead scored as it was at its submission (asOf.ts), then
 * measured against what became of it. Every figure is defined in docs/lead-insights.md
 * ("Backtest figures"), and each can be checked by hand on a few leads.
 */
import { calibratedProbability, compileModel, type LeadScore } from '../scoring/engine';
import { GRADES, STAGES, parseModel, type ScoringModel } from '../scoring/model';
import { scoreRowAsOf } from './asOf';
import { rocAuc, rocPoints, wilsonInterval } from './stats';
import { figuresAt, monthsSpanned, recommendThresholds, type StageInputs } from './thresholds';
import type { BacktestOptions, BacktestReport, DecileFigures, Dimension, GroupFigures, MissedWin, ModelLike, OutcomeRow, RateWithInterval, RuleFigures } from './types';

const NONE = '(none)';
const OTHER = '(other)';
/** fewer leads than this on either side of a rule and its sign is not judged */
const MIN_FOR_SIGN = 5;

function rate(wins: number, count: number): RateWithInterval {
	const interval = wilsonInterval(wins, count);
	return { count, wins, rate: count ? wins / count : null, low: interval?.low ?? null, high: interval?.high ?? null };
}

/** The values a lead has in a dimension: usually one, none ("(none)"), or several thank-you pages. */
function valuesOf(row: OutcomeRow, dimension: Dimension): string[] {
	const lead = row.lead;
	switch (dimension) {
		case 'source':
			return [lead.source || NONE];
		case 'channel':
			return [lead.channel];
		case 'form':
			return [lead.formName ?? lead.formId ?? NONE];
		case 'utmSource':
			return [lead.utm.source ?? NONE];
		case 'utmMedium':
			return [lead.utm.medium ?? NONE];
		case 'utmCampaign':
			return [lead.utm.campaign ?? NONE];
		case 'thankYouPage': {
			const pages = new Set<string>();
			for (const event of lead.events) if (event.type === 'thank_you_page_view') pages.add(event.value === null || event.value === undefined || event.value === '' ? '(unnamed)' : String(event.value));
			return pages.size ? [...pages] : [NONE];
		}
		case 'ad': {
			if (lead.utm.content) return [lead.utm.content];
			const click = lead.events.find((event) => event.type === 'ad_click' && event.value !== null && event.value !== undefined && event.value !== '');
			return [click ? String(click.value) : NONE];
		}
	}
}

export const DIMENSIONS: Dimension[] = ['source', 'channel', 'form', 'utmSource', 'utmMedium', 'utmCampaign', 'thankYouPage', 'ad'];

interface Group {
	leads: number;
	mqls: number;
	sqls: number;
	closed: number;
	wins: number;
	wonValue: number | null;
	cost: number | null;
}

function groupFigures(rows: OutcomeRow[], scores: LeadScore[], minGroupSize: number): GroupFigures[] {
	const result: GroupFigures[] = [];
	for (const dimension of DIMENSIONS) {
		const groups = new Map<string, Group>();
		rows.forEach((row, index) => {
			const stage = scores[index].stage;
			for (const value of valuesOf(row, dimension)) {
				let group = groups.get(value);
				if (!group) groups.set(value, (group = { leads: 0, mqls: 0, sqls: 0, closed: 0, wins: 0, wonValue: null, cost: null }));
				group.leads++;
				if (stage === 'mql' || stage === 'sql') group.mqls++;
				if (stage === 'sql') group.sqls++;
				if (row.outcome !== 'open') group.closed++;
				if (row.outcome === 'won') {
					group.wins++;
					if (typeof row.value === 'number' && Number.isFinite(row.value)) group.wonValue = (group.wonValue ?? 0) + row.value;
				}
				if (typeof row.costPerLead === 'number' && Number.isFinite(row.costPerLead)) group.cost = (group.cost ?? 0) + row.costPerLead;
			}
		});
		// small groups merged, so that a table of 300 ad names stays readable
		const merged = new Map<string, Group>();
		for (const [value, group] of groups) {
			const key = group.leads < minGroupSize ? OTHER : value;
			const into = merged.get(key);
			if (!into) merged.set(key, { ...group });
			else {
				into.leads += group.leads;
				into.mqls += group.mqls;
				into.sqls += group.sqls;
				into.closed += group.closed;
				into.wins += group.wins;
				if (group.wonValue !== null) into.wonValue = (into.wonValue ?? 0) + group.wonValue;
				if (group.cost !== null) into.cost = (into.cost ?? 0) + group.cost;
			}
		}
		const ordered = [...merged.entries()].sort((a, b) => b[1].leads - a[1].leads || (a[0] < b[0] ? -1 : 1));
		for (const [value, group] of ordered) {
			const interval = wilsonInterval(group.wins, group.closed);
			const per = (count: number) => (group.cost !== null && count > 0 ? group.cost / count : null);
			result.push({
				dimension,
				value,
				leads: group.leads,
				mqls: group.mqls,
				sqls: group.sqls,
				closed: group.closed,
				wins: group.wins,
				winRate: group.closed ? group.wins / group.closed : null,
				winRateLow: interval?.low ?? null,
				winRateHigh: interval?.high ?? null,
				wonValue: group.wonValue,
				cost: group.cost,
				costPerLead: per(group.leads),
				costPerMql: per(group.mqls),
				costPerSql: per(group.sqls),
				costPerWin: per(group.wins),
			});
		}
	}
	return result;
}

/**
 * Closed leads ranked by score, highest first (ties in input order), cut into ten groups of
 * (nearly) equal size: the lead at rank r (from 0) is in decile ⌊10r/n⌋ + 1. Fewer than ten
 * closed leads leave the lowest deciles empty; those are left out.
 */
export function decileFigures(totals: number[], won: boolean[]): DecileFigures[] {
	const n = totals.length;
	const order = Array.from({ length: n }, (_, index) => index).sort((a, b) => totals[b] - totals[a] || a - b);
	const allWins = won.filter(Boolean).length;
	const baseRate = n ? allWins / n : 0;
	const deciles: DecileFigures[] = [];
	let cumulativeWins = 0;
	for (let decile = 1; decile <= 10; decile++) {
		const from = Math.ceil((n * (decile - 1)) / 10);
		const to = Math.ceil((n * decile) / 10);
		if (to <= from) continue;
		let wins = 0;
		let minScore = Infinity;
		let maxScore = -Infinity;
		for (let rank = from; rank < to; rank++) {
			const index = order[rank];
			if (won[index]) wins++;
			minScore = Math.min(minScore, totals[index]);
			maxScore = Math.max(maxScore, totals[index]);
		}
		cumulativeWins += wins;
		const winRate = wins / (to - from);
		deciles.push({ decile, leads: to - from, wins, minScore, maxScore, winRate, lift: baseRate ? winRate / baseRate : 0, cumulativeWinShare: allWins ? cumulativeWins / allWins : 0, cumulativeLeadShare: to / n });
	}
	return deciles;
}

function ruleFigures(model: ScoringModel, scores: LeadScore[], rows: OutcomeRow[]): RuleFigures[] {
	const definitions: Array<{ rule: string; description: string; points: number; disqualify: boolean }> = [
		...model.rules.map((rule) => ({ rule: rule.id, description: rule.description ?? rule.id, points: rule.points, disqualify: rule.disqualify === true })),
		...Object.entries(model.events).map(([type, event]) => ({ rule: `event:${type}`, description: type, points: event.points, disqualify: false })),
	];
	const firedWon = new Map<string, number>();
	const firedLost = new Map<string, number>();
	let wins = 0;
	let losses = 0;
	rows.forEach((row, index) => {
		if (row.outcome === 'open') return;
		const into = row.outcome === 'won' ? firedWon : firedLost;
		if (row.outcome === 'won') wins++;
		else losses++;
		const seen = new Set<string>();
		for (const reason of scores[index].reasons) {
			if (seen.has(reason.rule)) continue;
			seen.add(reason.rule);
			into.set(reason.rule, (into.get(reason.rule) ?? 0) + 1);
		}
	});
	const baseRate = wins + losses ? wins / (wins + losses) : 0;
	return definitions.map(({ rule, description, points, disqualify }) => {
		const won = firedWon.get(rule) ?? 0;
		const lost = firedLost.get(rule) ?? 0;
		const fired = won + lost;
		const notFired = wins + losses - fired;
		const rateFired = fired ? won / fired : 0;
		const rateNotFired = notFired ? (wins - won) / notFired : 0;
		const direction = disqualify ? -1 : Math.sign(points);
		const signAgrees = fired < MIN_FOR_SIGN || notFired < MIN_FOR_SIGN || direction === 0 ? null : direction > 0 ? rateFired > rateNotFired : rateFired < rateNotFired;
		return {
			rule,
			description,
			points,
			firedWon: won,
			firedLost: lost,
			firedAmongWon: wins ? won / wins : null,
			firedAmongLost: losses ? lost / losses : null,
			lift: fired && baseRate ? rateFired / baseRate : null,
			signAgrees,
		};
	});
}

export function backtest(rows: OutcomeRow[], modelInput: ModelLike, options: BacktestOptions = {}): BacktestReport {
	const model = parseModel(modelInput);
	const compiled = compileModel(model);
	const scoreAt = options.scoreAt ?? 'submission';
	const scores: LeadScore[] = [];
	const times: number[] = [];
	const inputs: StageInputs[] = [];
	let dropped = 0;
	let undated = 0;
	let first = Infinity;
	let last = -Infinity;
	for (const row of rows) {
		const scored = scoreRowAsOf(compiled, row, scoreAt, options.hygiene);
		scores.push(scored.score);
		dropped += scored.dropped;
		const time = scored.submitted ?? NaN;
		times.push(time);
		if (Number.isFinite(time)) {
			first = Math.min(first, time);
			last = Math.max(last, time);
		} else undated++;
		inputs.push({ total: scored.score.total, outcome: row.outcome === 'won' ? 1 : row.outcome === 'lost' ? 0 : -1, disqualified: scored.score.stage === 'disqualified', handRaiser: scored.score.handRaiser !== null, grade: scored.score.grade });
	}
	const closedIndex = rows.map((row, index) => (row.outcome === 'open' ? -1 : index)).filter((index) => index >= 0);
	const closedTotals = closedIndex.map((index) => scores[index].total);
	const closedWon = closedIndex.map((index) => rows[index].outcome === 'won');
	const wins = closedWon.filter(Boolean).length;
	const months = monthsSpanned(times);

	const byStage = STAGES.map((stage) => {
		const at = rows.map((_, index) => index).filter((index) => scores[index].stage === stage);
		const closed = at.filter((index) => rows[index].outcome !== 'open');
		return { stage, leads: at.length, ...rate(closed.filter((index) => rows[index].outcome === 'won').length, closed.length) };
	});
	const byGrade = GRADES.map((grade) => {
		const at = rows.map((_, index) => index).filter((index) => scores[index].grade === grade);
		const closed = at.filter((index) => rows[index].outcome !== 'open');
		return { grade, leads: at.length, ...rate(closed.filter((index) => rows[index].outcome === 'won').length, closed.length) };
	});

	const allTotals = scores.map((score) => score.total);
	const lowest = allTotals.reduce((low, total) => Math.min(low, total), allTotals.length ? Infinity : 0);
	const highest = allTotals.reduce((high, total) => Math.max(high, total), allTotals.length ? -Infinity : 0);
	const width = Math.max(1, Math.ceil((highest - lowest + 1) / 10));
	const distribution = Array.from({ length: Math.max(1, Math.ceil((highest - lowest + 1) / width)) }, (_, bin) => ({ from: lowest + bin * width, to: lowest + (bin + 1) * width, won: 0, lost: 0, open: 0 }));
	rows.forEach((row, index) => {
		distribution[Math.min(distribution.length - 1, Math.floor((scores[index].total - lowest) / width))][row.outcome]++;
	});

	const missed: MissedWin[] = [];
	rows.forEach((row, index) => {
		const score = scores[index];
		if (row.outcome !== 'won' || (score.stage !== 'lead' && score.stage !== 'disqualified')) return;
		missed.push({ row: index, externalId: row.lead.externalId, email: row.lead.email, company: row.lead.company, source: row.lead.source, submittedAt: row.lead.submittedAt, value: row.value ?? null, total: score.total, fit: score.fit, engagement: score.engagement, grade: score.grade, stage: score.stage, reasons: score.reasons });
	});
	missed.sort((a, b) => b.total - a.total || a.row - b.row);

	let calibration: BacktestReport['calibration'] = null;
	if (model.calibration) {
		const bins = Array.from({ length: 10 }, (_, bin) => ({ from: bin / 10, to: (bin + 1) / 10, leads: 0, predicted: 0, observed: 0 }));
		for (const index of closedIndex) {
			if (scores[index].stage === 'disqualified') continue;
			const probability = calibratedProbability(model.calibration, scores[index].total);
			const bin = bins[Math.min(9, Math.floor(probability * 10))];
			bin.leads++;
			bin.predicted += probability;
			if (rows[index].outcome === 'won') bin.observed++;
		}
		calibration = bins.filter((bin) => bin.leads > 0).map((bin) => ({ ...bin, predicted: bin.predicted / bin.leads, observed: bin.observed / bin.leads }));
	}

	const { thresholds } = model;
	return {
		model: { name: model.name, version: model.version },
		scoreAt,
		counts: {
			rows: rows.length,
			won: wins,
			lost: closedIndex.length - wins,
			open: rows.length - closedIndex.length,
			undated,
			droppedActivities: dropped,
			firstSubmittedAt: Number.isFinite(first) ? new Date(first).toISOString() : null,
			lastSubmittedAt: Number.isFinite(last) ? new Date(last).toISOString() : null,
			months,
		},
		baseRate: closedIndex.length ? wins / closedIndex.length : null,
		byStage,
		byGrade,
		auc: rocAuc(closedTotals, closedWon),
		roc: rocPoints(closedTotals, closedWon).map((point) => ({ ...point, threshold: Number.isFinite(point.threshold) ? point.threshold : highest + 1 })),
		deciles: decileFigures(closedTotals, closedWon),
		distribution,
		thresholds: { mql: figuresAt(inputs, 'mql', thresholds.mql, thresholds.sqlMinimumGrade, months), sql: figuresAt(inputs, 'sql', thresholds.sql, thresholds.sqlMinimumGrade, months) },
		recommended: options.goal ? recommendThresholds(inputs, options.goal, thresholds, months) : null,
		missedWins: missed.slice(0, options.maxMissedWins ?? 50),
		missedWinsTotal: missed.length,
		rules: ruleFigures(model, scores, rows),
		groups: groupFigures(rows, scores, options.minGroupSize ?? 1),
		calibration,
	};
}
