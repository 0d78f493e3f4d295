/**
 * Learn Model: an L2-regularised logistic regression over features Lead Score can run
 * (features.ts), trained on the older closed leads and judged on the newer ones, turned into
 * whole points, thresholds and a calibration. See docs/lead-insights.md.
 */
import { compileModel } from '../scoring/engine';
import { parseModel, type Calibration, type ScoringModel, type ScoringModelInput, type ScoringRule } from '../scoring/model';
import { scoreRowAsOf } from './asOf';
import { buildFeatureMatrix, candidateRules, featuresOf } from './features';
import { fitLogistic } from './logistic';
import { log1pExp, rocAuc } from './stats';
import { figuresAt, monthsSpanned, recommendThresholds, type StageInputs } from './thresholds';
import { InsightsDataError, type Coefficient, type LearnOptions, type LearnResult, type ModelLike, type OutcomeRow, type ThresholdGoal } from './types';

const DEFAULT_MQL_GOAL: ThresholdGoal = { kind: 'winRecall', atLeast: 0.8, stage: 'mql' };
const DEFAULT_SQL_GOAL: ThresholdGoal = { kind: 'winRecall', atLeast: 0.5, stage: 'sql' };

function stageInputs(row: OutcomeRow, score: ReturnType<typeof scoreRowAsOf>['score']): StageInputs {
	return { total: score.total, outcome: row.outcome === 'won' ? 1 : row.outcome === 'lost' ? 0 : -1, disqualified: score.stage === 'disqualified', handRaiser: score.handRaiser !== null, grade: score.grade };
}

/** The score at or above which `share` of the values lie (values sorted ascending). */
function upperQuantile(sorted: number[], share: number): number {
	if (!sorted.length) return 0;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(sorted.length * (1 - share))))];
}

/** Platt scaling: a one-feature logistic regression of the outcome on the total score. */
function plattCalibration(totals: number[], won: Uint8Array): Extract<Calibration, { method: 'logistic' }> {
	const rowStart = Int32Array.from({ length: totals.length + 1 }, (_, index) => index);
	const fit = fitLogistic({ rows: totals.length, columns: 1, rowStart, colIndex: new Int32Array(totals.length), values: Float64Array.from(totals) }, won, { C: 1e6 });
	let wins = 0;
	for (const value of won) wins += value;
	return { method: 'logistic', intercept: round(fit.intercept, 6), slope: round(fit.weights[0], 6), leads: totals.length, wins };
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function check(condition: boolean, message: string, missing: InsightsDataError['missing']): void {
	if (!condition) throw new InsightsDataError(message, missing);
}

export function learnModel(rows: OutcomeRow[], baseModel: ModelLike, options: LearnOptions = {}): LearnResult {
	const base: ScoringModel = parseModel(baseModel);
	const scoreAt = options.scoreAt ?? 'submission';
	const minimum = options.minimumPerClass ?? 30;
	const validationShare = options.validationShare ?? 0.3;
	const scale = (options.pointsToDoubleOdds ?? 10) / Math.LN2;
	check(validationShare > 0 && validationShare < 1, 'the validation share must be between 0 and 1', 'rows');

	const closed = rows.filter((row) => row.outcome === 'won' || row.outcome === 'lost');
	const open = rows.length - closed.length;
	const wins = closed.filter((row) => row.outcome === 'won').length;
	check(rows.length > 0, 'No leads to learn from: Lead Insights needs historical leads, one item each, with their outcome.', 'rows');
	check(closed.length > 0, `None of the ${rows.length} leads has an outcome of won or lost (all open): learning needs closed deals.`, 'outcome');
	check(wins > 0, `All ${closed.length} closed leads were lost: learning needs won leads too (at least ${minimum}).`, 'wins');
	check(wins < closed.length, `All ${closed.length} closed leads were won: learning needs lost leads too (at least ${minimum}).`, 'losses');
	check(wins >= minimum, `Only ${wins} won leads among ${closed.length} closed ones: learning needs at least ${minimum} wins (and ${minimum} losses) to tell what wins.`, 'wins');
	check(closed.length - wins >= minimum, `Only ${closed.length - wins} lost leads among ${closed.length} closed ones: learning needs at least ${minimum} losses (and ${minimum} wins).`, 'losses');

	// a time split: the newest leads are the ones the model will meet next
	const probeBase = compileModel(base);
	const dated: Array<{ row: OutcomeRow; time: number }> = [];
	for (const row of closed) {
		const time = Date.parse(row.lead.submittedAt ?? row.receivedAt ?? row.closedAt ?? '');
		if (Number.isFinite(time)) dated.push({ row, time });
	}
	const undated = closed.length - dated.length;
	check(dated.length > 0, `None of the ${closed.length} closed leads has a usable date (submittedAt, receivedAt or a close date): learning splits by time, older leads to learn, newer to check.`, 'dates');
	dated.sort((a, b) => a.time - b.time);
	const datedWins = dated.filter((entry) => entry.row.outcome === 'won').length;
	check(datedWins >= minimum && dated.length - datedWins >= minimum, `Only ${dated.length} of the ${closed.length} closed leads have a usable date (${datedWins} won, ${dated.length - datedWins} lost): learning needs at least ${minimum} of each with a submission or close date.`, 'dates');
	const splitIndex = Math.round(dated.length * (1 - validationShare));
	const ordered = dated.map((entry) => entry.row);
	const trainRows = ordered.slice(0, splitIndex);
	const validationRows = ordered.slice(splitIndex);
	const countWins = (part: OutcomeRow[]) => part.filter((row) => row.outcome === 'won').length;
	const trainWins = countWins(trainRows);
	const validationWins = countWins(validationRows);
	check(trainWins > 0 && trainWins < trainRows.length, `The older ${trainRows.length} leads (to learn from) have ${trainWins ? 'no lost' : 'no won'} lead: the outcomes are not spread over time.`, trainWins ? 'losses' : 'wins');
	check(validationWins > 0 && validationWins < validationRows.length, `The newer ${validationRows.length} leads (to check the model on) have ${validationWins ? 'no lost' : 'no won'} lead: the outcomes are not spread over time.`, validationWins ? 'losses' : 'wins');

	const candidates = options.candidates ? candidateRules(trainRows, options.candidates, new Set([...base.rules.map((rule) => rule.id), ...Object.keys(base.events).map((type) => `event:${type}`)])) : [];
	const features = featuresOf(base, candidates);
	const { matrix } = buildFeatureMatrix(ordered, base, features, scoreAt, options.hygiene);
	const labels = Uint8Array.from(ordered, (row) => (row.outcome === 'won' ? 1 : 0));
	const trainSubset = Int32Array.from({ length: splitIndex }, (_, index) => index);
	const fitStarted = performance.now();
	const fit = fitLogistic(matrix, labels, { C: options.C ?? 1, subset: trainSubset });
	const fitMilliseconds = performance.now() - fitStarted;

	// weights → whole points: pointsToDoubleOdds points double the odds of winning
	const rules: ScoringRule[] = [];
	const events: ScoringModelInput['events'] = {};
	const coefficients: Coefficient[] = [];
	const support = new Uint32Array(features.length);
	for (let k = 0; k < matrix.rowStart[splitIndex]; k++) support[matrix.colIndex[k]]++;
	features.forEach((feature, index) => {
		const weight = fit.weights[index];
		const points = Math.round(weight * scale);
		coefficients.push({ rule: feature.id, description: feature.description, kind: feature.kind, weight, points, basePoints: feature.basePoints, support: support[index], oddsRatio: Math.exp(weight) });
		if (feature.rule) {
			if (points === 0 && !feature.rule.disqualify) return;
			const cap = feature.capCount === null ? undefined : Math.round(Math.abs(points) * feature.capCount);
			rules.push({ ...feature.rule, points, cap });
		} else if (points !== 0) {
			const cap = feature.capCount === null ? undefined : Math.round(Math.abs(points) * feature.capCount);
			events[feature.eventType!] = { points, ...(cap !== undefined ? { cap } : {}) };
		}
	});

	// grades from the fit part of the training leads' learned score: A the top 10 %, B the next 20 %, C the next 30 %
	const fitRules = new Map(rules.filter((rule) => rule.category === 'fit').map((rule) => [rule.id, rule]));
	const fitTotals: number[] = [];
	for (let i = 0; i < splitIndex; i++) {
		let fitTotal = 0;
		for (let k = matrix.rowStart[i]; k < matrix.rowStart[i + 1]; k++) {
			const rule = fitRules.get(features[matrix.colIndex[k]].id);
			if (!rule) continue;
			let points = rule.points * matrix.values[k];
			if (rule.cap !== undefined && Math.abs(points) > rule.cap) points = Math.sign(points) * rule.cap;
			fitTotal += Math.round(points);
		}
		fitTotals.push(fitTotal);
	}
	fitTotals.sort((a, b) => a - b);
	const gradeA = upperQuantile(fitTotals, 0.1);
	const gradeB = Math.min(gradeA, upperQuantile(fitTotals, 0.3));
	const gradeC = Math.min(gradeB, upperQuantile(fitTotals, 0.6));

	const newest = ordered[ordered.length - 1].lead.submittedAt ?? ordered[ordered.length - 1].closedAt ?? '';
	const draft: ScoringModelInput = {
		name: (options.name ?? `${base.name} (learned)`).slice(0, 100),
		version: options.version ?? (newest.slice(0, 10) || '1'),
		description: `Learned by Lead Insights from ${trainRows.length} closed leads (${trainWins} won) and checked on the ${validationRows.length} newer ones; ${options.pointsToDoubleOdds ?? 10} points double the odds of winning.`,
		thresholds: { mql: 0, sql: 0, sqlMinimumGrade: 'D' },
		grades: { A: gradeA, B: gradeB, C: gradeC },
		caps: { fit: null, engagement: null, total: null },
		rules,
		events,
		decay: { halfLifeDays: base.decay.halfLifeDays },
		handRaisers: base.handRaisers,
		handRaiserWindowDays: base.handRaiserWindowDays,
		disqualifyOn: base.disqualifyOn,
	};

	// the validation part, scored by the engine as Lead Score will score it: whole points, hand-raisers, disqualifiers
	const learnedCompiled = compileModel(parseModel(draft));
	const learnedInputs: StageInputs[] = [];
	const baseTotals: number[] = [];
	const learnedTotals: number[] = [];
	const validationLabels = new Uint8Array(validationRows.length);
	const validationTimes = new Float64Array(validationRows.length);
	validationRows.forEach((row, index) => {
		const learned = scoreRowAsOf(learnedCompiled, row, scoreAt, options.hygiene);
		const baseScore = scoreRowAsOf(probeBase, row, scoreAt, options.hygiene).score;
		learnedInputs.push(stageInputs(row, learned.score));
		learnedTotals.push(learned.score.total);
		baseTotals.push(baseScore.total);
		validationLabels[index] = row.outcome === 'won' ? 1 : 0;
		validationTimes[index] = learned.time ?? NaN;
	});
	const aucLearned = rocAuc(learnedTotals, validationLabels) ?? 0.5;
	const aucBase = rocAuc(baseTotals, validationLabels) ?? 0.5;
	const calibration = plattCalibration(learnedTotals, validationLabels);
	let logLoss = 0;
	for (let i = 0; i < learnedTotals.length; i++) {
		const z = calibration.intercept + calibration.slope * learnedTotals[i];
		logLoss += log1pExp(z) - (validationLabels[i] ? z : 0);
	}
	logLoss /= learnedTotals.length;

	const months = monthsSpanned(validationTimes);
	const mqlGoal = options.goal && !(options.goal.kind === 'sqlPrecision' || options.goal.stage === 'sql') ? options.goal : DEFAULT_MQL_GOAL;
	const sqlGoal = options.goal && (options.goal.kind === 'sqlPrecision' || options.goal.stage === 'sql') ? options.goal : DEFAULT_SQL_GOAL;
	const lowest = learnedTotals.reduce((low, total) => Math.min(low, total), Infinity);
	const mqlPick = recommendThresholds(learnedInputs, mqlGoal, { mql: lowest, sql: lowest, sqlMinimumGrade: 'D' }, months);
	const mql = mqlPick.mql ?? upperQuantile([...learnedTotals].sort((a, b) => a - b), 0.3);
	const sqlPick = recommendThresholds(learnedInputs, sqlGoal, { mql, sql: mql, sqlMinimumGrade: 'D' }, months);
	const sql = Math.max(mql, sqlPick.sql ?? upperQuantile([...learnedTotals].sort((a, b) => a - b), 0.1));
	const model: ScoringModelInput = { ...draft, thresholds: { mql, sql, sqlMinimumGrade: 'D' }, calibration };
	parseModel(model); // the output must be a model Lead Score accepts as it is

	const recommended = aucLearned > aucBase;
	const top = [...coefficients].filter((c) => c.points !== 0).sort((a, b) => Math.abs(b.points) - Math.abs(a.points)).slice(0, 5);
	const explanation =
		`Validation AUC on the ${validationRows.length} newest closed leads: learned ${aucLearned.toFixed(3)}, ${base.name} ${aucBase.toFixed(3)}. ` +
		(recommended ? 'The learned model ranks won leads above lost ones more often: recommended. ' : 'The learned model does not validate better than the current one: keep the current model. ') +
		`Strongest signals: ${top.map((c) => `${c.description} ${c.points > 0 ? '+' : ''}${c.points}`).join(', ') || 'none'}. ` +
		`MQL at ${mql} (${mqlPick.met ? mqlPick.reason : 'goal not met on validation; the top 30 % by score'}), SQL at ${sql} (${sqlPick.met ? sqlPick.reason : 'goal not met on validation; the top 10 % by score'}).`;

	return {
		model,
		calibration,
		validation: {
			aucLearned,
			aucBase,
			logLossLearned: logLoss,
			trainLeads: trainRows.length,
			trainWins,
			validationLeads: validationRows.length,
			validationWins,
			splitAt: validationRows[0].lead.submittedAt ?? validationRows[0].closedAt ?? '',
			thresholds: { mql: figuresAt(learnedInputs, 'mql', mql, 'D', months), sql: figuresAt(learnedInputs, 'sql', sql, 'D', months) },
		},
		recommended,
		explanation,
		coefficients,
		intercept: fit.intercept,
		fit: { iterations: fit.iterations, converged: fit.converged, features: features.length, milliseconds: fitMilliseconds },
		skipped: { open, undated },
	};
}
