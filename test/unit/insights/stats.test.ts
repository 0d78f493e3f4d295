import { fitLogistic, sparseFromRows } from '../../../lib/insights/logistic';
import { rocAuc, wilsonInterval } from '../../../lib/insights/stats';

describe('Wilson score interval', () => {
	// Newcombe RG, "Two-sided confidence intervals for the single proportion: comparison of seven
	// methods", Statistics in Medicine 1998;17:857–872, Table I, method 3 (score method without
	// continuity correction), four decimals as published.
	it.each([
		[81, 263, 0.2553, 0.3662],
		[15, 148, 0.0624, 0.1605],
		[0, 20, 0, 0.1611],
		[1, 29, 0.0061, 0.1718],
	])('%i of %i: %f – %f (Newcombe 1998)', (wins, count, low, high) => {
		const interval = wilsonInterval(wins, count)!;
		expect(interval.low).toBeCloseTo(low, 4);
		expect(interval.high).toBeCloseTo(high, 4);
	});

	it('3 of 10 by hand: centre 0.492073/1.384146 = 0.355502, half 1.959964·√(0.021 + 0.009604)/1.384146 = 0.247722', () => {
		const interval = wilsonInterval(3, 10)!;
		expect(interval.low).toBeCloseTo(0.10778, 4);
		expect(interval.high).toBeCloseTo(0.603224, 4);
	});

	it('none of none has no interval', () => {
		expect(wilsonInterval(0, 0)).toBeNull();
	});
});

describe('ROC AUC', () => {
	it('five leads by hand: won 80, 50; lost 60, 50, 20 → (1+1+1 + 0+0.5+1) / 6 = 0.75', () => {
		expect(rocAuc([80, 60, 50, 50, 20], [1, 0, 1, 0, 0])).toBe(0.75);
	});

	it('a perfect ranking is 1, a reversed one 0, all tied 0.5', () => {
		expect(rocAuc([3, 2, 1, 0], [1, 1, 0, 0])).toBe(1);
		expect(rocAuc([0, 1, 2, 3], [1, 1, 0, 0])).toBe(0);
		expect(rocAuc([5, 5, 5, 5], [1, 0, 1, 0])).toBe(0.5);
	});

	it('one class only has no AUC', () => {
		expect(rocAuc([1, 2], [1, 1])).toBeNull();
	});
});

describe('logistic regression', () => {
	it('with one yes/no feature and (almost) no penalty, recovers the log-odds of each group', () => {
		// x = 0: 1 won of 4 → intercept = ln(1/3) = −1.0986123; x = 1: 3 of 4 → ln 3, so the weight is
		// ln 3 − ln(1/3) = 2 ln 3 = 2.1972246 (the maximum-likelihood estimate of a saturated model)
		const rows: Array<Array<[number, number]>> = [[], [], [], [], [[0, 1]], [[0, 1]], [[0, 1]], [[0, 1]]];
		const labels = [1, 0, 0, 0, 1, 1, 1, 0];
		const fit = fitLogistic(sparseFromRows(rows, 1), labels, { C: 1e9, tolerance: 1e-10 });
		expect(fit.converged).toBe(true);
		expect(fit.intercept).toBeCloseTo(-1.0986123, 6);
		expect(fit.weights[0]).toBeCloseTo(2.1972246, 6);
	});

	it('the L2 penalty pulls the weight toward 0 and leaves the intercept free', () => {
		// at the optimum: Σ(p − y) = 0 for the intercept, Σ(p − y)x + w/C = 0 for the weight
		const rows: Array<Array<[number, number]>> = [[], [], [], [], [[0, 1]], [[0, 1]], [[0, 1]], [[0, 1]]];
		const labels = [1, 0, 0, 0, 1, 1, 1, 0];
		const fit = fitLogistic(sparseFromRows(rows, 1), labels, { C: 0.5, tolerance: 1e-12 });
		const p0 = 1 / (1 + Math.exp(-fit.intercept));
		const p1 = 1 / (1 + Math.exp(-(fit.intercept + fit.weights[0])));
		expect(4 * p0 + 4 * p1).toBeCloseTo(4, 8);
		expect(4 * p1 - 3 + fit.weights[0] / 0.5).toBeCloseTo(0, 8);
		expect(fit.weights[0]).toBeGreaterThan(0);
		expect(fit.weights[0]).toBeLessThan(2.1972246);
	});
});
