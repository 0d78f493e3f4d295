/**
 * Lead Score's score.likelihood from a model's calibration. Expected values by hand:
 * logistic: 1 / (1 + e^−(intercept + slope × total)); table: straight lines between the points.
 */
import { compileModel, scoreLead } from '../../../lib/scoring/engine';
import { ModelValidationError, parseModel, type ScoringModelInput } from '../../../lib/scoring/model';
import { makeLead, NOW } from '../../helpers/leads';

const BASE: ScoringModelInput = {
	name: 'Calibrated',
	version: '1',
	thresholds: { mql: 20, sql: 60 },
	rules: [
		{ id: 'company_given', category: 'fit', field: 'company', operator: 'exists', points: 20 },
		{ id: 'phone_given', category: 'fit', field: 'phone', operator: 'exists', points: 20 },
		{ id: 'student', category: 'fit', field: 'jobTitle', operator: 'contains', value: 'student', points: 0, disqualify: true },
	],
};

function likelihoodOf(calibration: ScoringModelInput['calibration'], lead = makeLead({ email: 'anna@example.org' })) {
	return scoreLead(compileModel(parseModel({ ...BASE, calibration })), lead, { now: NOW });
}

describe('score.likelihood', () => {
	const withCompanyAndPhone = makeLead({ email: 'anna@example.org', company: 'Acme', phone: '+48 600 100 200' });
	const withCompany = makeLead({ email: 'anna@example.org', company: 'Acme' });

	it('is absent without a calibration, so existing outputs do not change', () => {
		const score = scoreLead(compileModel(parseModel(BASE)), withCompany, { now: NOW });
		expect('likelihood' in score).toBe(false);
	});

	it('logistic: total 40 with intercept −2 and slope 0.05 → 1/(1+e⁰) = 50.0 %', () => {
		expect(likelihoodOf({ method: 'logistic', intercept: -2, slope: 0.05 }, withCompanyAndPhone).likelihood).toBe(50);
	});

	it('logistic: total 0 → 1/(1+e²) = 0.1192029 → 11.9 %; total 20 → 1/(1+e¹) = 0.2689414 → 26.9 %', () => {
		expect(likelihoodOf({ method: 'logistic', intercept: -2, slope: 0.05 }).likelihood).toBe(11.9);
		expect(likelihoodOf({ method: 'logistic', intercept: -2, slope: 0.05 }, withCompany).likelihood).toBe(26.9);
	});

	it('table: between points on the straight line, flat beyond the ends', () => {
		const table = { method: 'table' as const, points: [{ score: 10, probability: 0.1 }, { score: 30, probability: 0.3 }, { score: 50, probability: 0.5 }] };
		// total 20: halfway from (10, 0.1) to (30, 0.3) → 0.2
		expect(likelihoodOf(table, withCompany).likelihood).toBe(20);
		// total 40: halfway from (30, 0.3) to (50, 0.5) → 0.4
		expect(likelihoodOf(table, withCompanyAndPhone).likelihood).toBe(40);
		// total 0: below the first point → 0.1
		expect(likelihoodOf(table).likelihood).toBe(10);
		expect(likelihoodOf({ method: 'table', points: [{ score: 0, probability: 0.05 }, { score: 30, probability: 0.25 }] }, withCompanyAndPhone).likelihood).toBe(25);
	});

	it('is null for a disqualified lead, which has left the funnel', () => {
		const student = makeLead({ email: 'anna@example.org', company: 'Acme', jobTitle: 'Student' });
		const score = likelihoodOf({ method: 'logistic', intercept: -2, slope: 0.05 }, student);
		expect(score.stage).toBe('disqualified');
		expect(score.likelihood).toBeNull();
	});
});

describe('calibration in Model JSON', () => {
	const refused = (calibration: unknown) => {
		try {
			parseModel({ ...BASE, calibration });
		} catch (error) {
			expect(error).toBeInstanceOf(ModelValidationError);
			return (error as Error).message;
		}
		throw new Error('accepted');
	};

	it('refuses points out of order, falling probabilities, probabilities outside 0–1 and unknown methods, naming the path', () => {
		expect(refused({ method: 'table', points: [{ score: 30, probability: 0.3 }, { score: 10, probability: 0.1 }] })).toBe('Invalid scoring model at "calibration.points": calibration points must be sorted by score, each score once');
		expect(refused({ method: 'table', points: [{ score: 10, probability: 0.3 }, { score: 30, probability: 0.1 }] })).toBe('Invalid scoring model at "calibration.points": calibration probabilities must not fall as the score rises');
		expect(refused({ method: 'table', points: [{ score: 10, probability: 1.5 }] })).toMatch(/^Invalid scoring model at "calibration\.points\[0\]\.probability"/);
		expect(refused({ method: 'isotonic', points: [] })).toMatch(/^Invalid scoring model at "calibration\.method"/);
		expect(refused({ method: 'logistic', intercept: -2 })).toMatch(/^Invalid scoring model at "calibration\.slope"/);
	});

	it('keeps what it accepts', () => {
		expect(parseModel({ ...BASE, calibration: { method: 'logistic', intercept: -2.5, slope: 0.07, leads: 1200, wins: 300 } }).calibration).toEqual({ method: 'logistic', intercept: -2.5, slope: 0.07, leads: 1200, wins: 300 });
	});
});
