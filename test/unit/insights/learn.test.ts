/**
 * Learn Model on simulated populations whose true conversion model is known (lib/insights/simulator.ts):
 * the oracle is the simulator's own truth (its effects and each lead's true chance), never the learner.
 */
import { backtest } from '../../../lib/insights/backtest';
import { learnModel } from '../../../lib/insights/learn';
import { simulateLeads, type SimulatedPopulation } from '../../../lib/insights/simulator';
import { rocAuc } from '../../../lib/insights/stats';
import { InsightsDataError, type LearnResult, type OutcomeRow } from '../../../lib/insights/types';
import { compileModel, scoreLead } from '../../../lib/scoring/engine';
import { parseModel } from '../../../lib/scoring/model';
import { PRESETS } from '../../../lib/scoring/presets';

const LEADS = 12_000;
jest.setTimeout(120_000);

describe('learnModel on a simulated population', () => {
	let population: SimulatedPopulation;
	let result: LearnResult;
	let validation: OutcomeRow[];
	let validationTruth: Float64Array;

	beforeAll(() => {
		population = simulateLeads({ seed: 11, leads: LEADS });
		result = learnModel(population.rows, PRESETS.b2bSaas, { candidates: { source: true, answers: true, country: true }, goal: { kind: 'sqlPrecision', atLeast: 0.5 } });
		// the simulator's rows are in time order, so the newest validationLeads rows are the validation part
		const split = population.rows.length - result.validation.validationLeads;
		validation = population.rows.slice(split);
		validationTruth = population.trueProbability.slice(split);
	});

	it('validates within 0.02 AUC of the true model on the newer leads', () => {
		const trueAuc = rocAuc(validationTruth, validation.map((row) => (row.outcome === 'won' ? 1 : 0)))!;
		expect(result.validation.validationLeads).toBe(3600);
		expect(validation[0].lead.submittedAt).toBe(result.validation.splitAt);
		expect(Math.abs(result.validation.aucLearned - trueAuc)).toBeLessThanOrEqual(0.02);
	});

	it('beats the B2B SaaS preset on that population, and says so', () => {
		expect(result.validation.aucLearned).toBeGreaterThan(result.validation.aucBase + 0.03);
		expect(result.recommended).toBe(true);
	});

	it('recovers the sign of every true effect of a real size (|log-odds| ≥ 0.3)', () => {
		const real = population.effects.filter((effect) => Math.abs(effect.logOdds) >= 0.3);
		expect(real.length).toBeGreaterThanOrEqual(14);
		for (const effect of real) {
			const coefficient = result.coefficients.find((candidate) => candidate.rule === effect.rule);
			expect({ effect: effect.name, sign: Math.sign(coefficient?.weight ?? 0) }).toEqual({ effect: effect.name, sign: Math.sign(effect.logOdds) });
		}
	});

	it('leaves countries, which have no effect in the simulated world, near zero', () => {
		const countries = result.coefficients.filter((coefficient) => coefficient.rule.startsWith('country_'));
		expect(countries.length).toBe(6);
		for (const country of countries) expect(Math.abs(country.weight)).toBeLessThan(0.25);
	});

	it('outputs Model JSON that Lead Score accepts as it is, with a likelihood', () => {
		const model = parseModel(JSON.parse(JSON.stringify(result.model)));
		expect(model.calibration).toEqual(result.calibration);
		const compiled = compileModel(model);
		const lead = validation.find((row) => row.lead.events.some((event) => event.type === 'demo_request'))!.lead;
		const score = scoreLead(compiled, lead, { now: new Date(lead.submittedAt!) });
		expect(score.stage).toBe('sql');
		expect(score.likelihood).toBeGreaterThan(0);
		expect(score.likelihood).toBeLessThan(100);
		for (const rule of model.rules) expect(Number.isInteger(rule.points)).toBe(true);
	});

	it('calibrates: on the leads it was fitted on, the mean likelihood equals the win rate (a property of the logistic maximum likelihood)', () => {
		const compiled = compileModel(parseModel(result.model));
		let predicted = 0;
		let wins = 0;
		for (const row of validation) {
			const events = row.lead.events.filter((event) => !event.at || event.at <= row.lead.submittedAt!);
			const score = scoreLead(compiled, { ...row.lead, events }, { now: new Date(row.lead.submittedAt!) });
			const total = score.total;
			predicted += 1 / (1 + Math.exp(-(result.calibration.method === 'logistic' ? result.calibration.intercept + result.calibration.slope * total : 0)));
			if (row.outcome === 'won') wins++;
		}
		expect(predicted / validation.length).toBeCloseTo(wins / validation.length, 3);
	});

	it('recommended thresholds meet their goal on a fresh sample from the same simulator', () => {
		const fresh = simulateLeads({ seed: 1011, leads: LEADS }).rows.filter((row) => row.lead.submittedAt! >= result.validation.splitAt);
		const report = backtest(fresh, result.model);
		// SQL: chosen for precision ≥ 50 %; MQL: the default goal, 80 % of wins caught
		expect(report.thresholds.sql.precision).toBeGreaterThanOrEqual(0.5);
		expect(report.thresholds.mql.recall).toBeGreaterThanOrEqual(0.8);
	});
});

describe('learnModel refuses data it cannot learn from', () => {
	const population = simulateLeads({ seed: 5, leads: 400 });
	const expectError = (rows: OutcomeRow[], missing: InsightsDataError['missing'], message: RegExp) => {
		let error: unknown;
		try {
			learnModel(rows, PRESETS.b2bSaas);
		} catch (thrown) {
			error = thrown;
		}
		expect(error).toBeInstanceOf(InsightsDataError);
		expect((error as InsightsDataError).missing).toBe(missing);
		expect((error as Error).message).toMatch(message);
	};

	it('too few wins', () => {
		const rows = population.rows.filter((row, index) => row.outcome === 'lost' || index < 100);
		const wins = rows.filter((row) => row.outcome === 'won').length;
		expect(wins).toBeLessThan(30);
		expectError(rows, 'wins', new RegExp(`Only ${wins} won leads .* at least 30 wins`));
	});

	it('one class only', () => {
		expectError(population.rows.filter((row) => row.outcome === 'lost'), 'wins', /All \d+ closed leads were lost/);
		expectError(population.rows.filter((row) => row.outcome === 'won'), 'losses', /All \d+ closed leads were won/);
	});

	it('no outcome at all', () => {
		expectError(population.rows.map((row) => ({ ...row, outcome: 'open' as const })), 'outcome', /None of the 400 leads has an outcome/);
		expectError([], 'rows', /No leads/);
	});

	it('no usable dates', () => {
		const undated = population.rows.map((row) => ({ ...row, closedAt: null, lead: { ...row.lead, submittedAt: null } }));
		expectError(undated, 'dates', /has a usable date/);
	});
});
