/**
 * The statistics Lead Insights reports, written out so that each can be checked by hand:
 * Wilson intervals, ROC AUC (Mann–Whitney), ROC points.
 */

/** z for a two-sided 95 % interval: the 97.5th percentile of the standard normal. */
export const Z_95 = 1.959963984540054;

/**
 * Wilson score interval for `wins` out of `count` (Wilson 1927): unlike the normal
 * approximation it stays inside 0–1 and is honest for small counts and rates near 0 or 1.
 */
export function wilsonInterval(wins: number, count: number, z = Z_95): { low: number; high: number } | null {
	if (count <= 0) return null;
	const rate = wins / count;
	const z2 = z * z;
	const denominator = 1 + z2 / count;
	const centre = (rate + z2 / (2 * count)) / denominator;
	const half = (z * Math.sqrt((rate * (1 - rate)) / count + z2 / (4 * count * count))) / denominator;
	// at 0 or all wins the bound is exactly 0 or 1 (centre ∓ half cancel); rounding must not say otherwise
	return { low: wins <= 0 ? 0 : Math.max(0, centre - half), high: wins >= count ? 1 : Math.min(1, centre + half) };
}

/**
 * ROC AUC: the chance that a random won lead scores above a random lost one, ties counting one
 * half (the Mann–Whitney U statistic over wins × losses). Null without both classes.
 * O(n log n): ranks with ties averaged.
 */
export function rocAuc(scores: ArrayLike<number>, won: ArrayLike<number | boolean>): number | null {
	const n = scores.length;
	const order = new Uint32Array(n);
	for (let i = 0; i < n; i++) order[i] = i;
	order.sort((a, b) => scores[a] - scores[b]);
	let positives = 0;
	let rankSum = 0;
	let i = 0;
	while (i < n) {
		let j = i;
		while (j + 1 < n && scores[order[j + 1]] === scores[order[i]]) j++;
		// ranks i+1 … j+1 share their average
		const averageRank = (i + j + 2) / 2;
		for (let k = i; k <= j; k++) {
			if (won[order[k]]) {
				positives++;
				rankSum += averageRank;
			}
		}
		i = j + 1;
	}
	const negatives = n - positives;
	if (positives === 0 || negatives === 0) return null;
	return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** ROC points, one per distinct score from the highest down, starting at (0, 0). */
export function rocPoints(scores: ArrayLike<number>, won: ArrayLike<number | boolean>, maxPoints = 200): Array<{ threshold: number; truePositiveRate: number; falsePositiveRate: number }> {
	const n = scores.length;
	const order = Array.from({ length: n }, (_, index) => index).sort((a, b) => scores[b] - scores[a]);
	let positives = 0;
	for (let i = 0; i < n; i++) if (won[i]) positives++;
	const negatives = n - positives;
	if (positives === 0 || negatives === 0) return [];
	const points = [{ threshold: Infinity, truePositiveRate: 0, falsePositiveRate: 0 }];
	let tp = 0;
	let fp = 0;
	for (let i = 0; i < n; ) {
		const score = scores[order[i]];
		while (i < n && scores[order[i]] === score) {
			if (won[order[i]]) tp++;
			else fp++;
			i++;
		}
		points.push({ threshold: score, truePositiveRate: tp / positives, falsePositiveRate: fp / negatives });
	}
	if (points.length <= maxPoints) return points;
	// thinned evenly, keeping both ends, for the report's chart
	const step = (points.length - 1) / (maxPoints - 1);
	return Array.from({ length: maxPoints }, (_, index) => points[Math.round(index * step)]);
}

/** log(1 + e^x) without overflow. */
export function log1pExp(x: number): number {
	return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

export function sigmoid(x: number): number {
	return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}
