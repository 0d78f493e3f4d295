/**
 * L2-regularised logistic regression, fitted by Newton's method (IRLS) with a backtracking line
 * search. The loss is scikit-learn's LogisticRegression(penalty='l2', C) with an unpenalised
 * intercept:
 *
 *   f(w, b) = Σᵢ [log(1 + e^zᵢ) − yᵢ zᵢ] + ‖w‖² / (2C),   zᵢ = xᵢ·w + b
 *
 * Lead features are sparse (a rule fires or not, most activities are absent), so rows are kept
 * as a compressed sparse matrix and the Hessian XᵀDX is summed from each row's non-zero pairs:
 * n × (non-zeros per row)² per iteration, then one Cholesky solve of (features + 1)². Newton
 * needs about ten iterations where gradient methods need hundreds.
 */
import { sigmoid } from './stats';

/** Rows of a sparse matrix: row i's columns are colIndex[rowStart[i] … rowStart[i+1]), ascending. */
export interface SparseRows {
	rows: number;
	columns: number;
	rowStart: Int32Array;
	colIndex: Int32Array;
	values: Float64Array;
}

export interface LogisticFit {
	weights: Float64Array;
	intercept: number;
	iterations: number;
	/** how many times the Hessian was summed (the costly part) */
	hessians: number;
	converged: boolean;
	/** the loss f at the solution */
	loss: number;
}

export interface LogisticOptions {
	C?: number;
	maxIterations?: number;
	/** stop when the largest gradient entry is below this (scikit-learn's tol is 1e-4) */
	tolerance?: number;
	/** only these rows (indices), e.g. the training part; default all */
	subset?: Int32Array | null;
}

/** Builds SparseRows from per-row (column, value) lists; columns are sorted and zeros dropped. */
export function sparseFromRows(rowsOfPairs: Array<Array<[number, number]>>, columns: number): SparseRows {
	let nonZeros = 0;
	for (const row of rowsOfPairs) nonZeros += row.length;
	const rowStart = new Int32Array(rowsOfPairs.length + 1);
	const colIndex = new Int32Array(nonZeros);
	const values = new Float64Array(nonZeros);
	let at = 0;
	rowsOfPairs.forEach((row, index) => {
		row.sort((a, b) => a[0] - b[0]);
		for (const [column, value] of row) {
			if (value === 0) continue;
			colIndex[at] = column;
			values[at] = value;
			at++;
		}
		rowStart[index + 1] = at;
	});
	return { rows: rowsOfPairs.length, columns, rowStart, colIndex: colIndex.subarray(0, at), values: values.subarray(0, at) };
}

/** zᵢ = xᵢ·w + b for every row. */
export function linearPredictor(matrix: SparseRows, weights: ArrayLike<number>, intercept: number, out = new Float64Array(matrix.rows)): Float64Array {
	const { rowStart, colIndex, values } = matrix;
	for (let i = 0; i < matrix.rows; i++) {
		let z = intercept;
		for (let k = rowStart[i]; k < rowStart[i + 1]; k++) z += values[k] * weights[colIndex[k]];
		out[i] = z;
	}
	return out;
}

function allRows(count: number): Int32Array {
	const rows = new Int32Array(count);
	for (let i = 0; i < count; i++) rows[i] = i;
	return rows;
}

/** In-place Cholesky factorisation A = LLᵀ of a symmetric positive definite m × m matrix (lower triangle read and written); false when A is not positive definite. */
function choleskyFactor(matrix: Float64Array, m: number): boolean {
	for (let j = 0; j < m; j++) {
		let diagonal = matrix[j * m + j];
		for (let k = 0; k < j; k++) diagonal -= matrix[j * m + k] * matrix[j * m + k];
		if (!(diagonal > 0)) return false;
		const root = Math.sqrt(diagonal);
		matrix[j * m + j] = root;
		for (let i = j + 1; i < m; i++) {
			let sum = matrix[i * m + j];
			for (let k = 0; k < j; k++) sum -= matrix[i * m + k] * matrix[j * m + k];
			matrix[i * m + j] = sum / root;
		}
	}
	return true;
}

/** Solves LLᵀx = rhs with the factor above. */
function choleskySolve(factor: Float64Array, m: number, rhs: Float64Array): Float64Array {
	const x = new Float64Array(rhs);
	for (let i = 0; i < m; i++) {
		let sum = x[i];
		for (let k = 0; k < i; k++) sum -= factor[i * m + k] * x[k];
		x[i] = sum / factor[i * m + i];
	}
	for (let i = m - 1; i >= 0; i--) {
		let sum = x[i];
		for (let k = i + 1; k < m; k++) sum -= factor[k * m + i] * x[k];
		x[i] = sum / factor[i * m + i];
	}
	return x;
}

/**
 * Newton's method where the Hessian is rebuilt only while it pays: summing it costs
 * n × (non-zeros per row)², a gradient n × non-zeros, so a step with the last Hessian (a
 * "simplified Newton" step) is many times cheaper. Once the weights settle the Hessian barely
 * changes and the old one still shrinks the gradient fast; when a step shrinks it less than
 * REBUILD_BELOW, or fails the line search, the Hessian is rebuilt at the current point. Far from
 * the optimum (the largest gradient entry above SAMPLED_UNTIL of the first) it is summed over
 * every k-th row only, about SAMPLED_HESSIAN_ROWS of them, and scaled up: the step is a descent
 * direction all the same (the line search sees to it), and the gradient, hence the optimum, is
 * always exact.
 */
const REBUILD_BELOW = 0.5;
/** the sample's size (every k-th row), and until when it is used: the largest gradient entry above this share of the first */
const SAMPLED_HESSIAN_ROWS = 16_384;
const SAMPLED_UNTIL = 0.01;

export function fitLogistic(matrix: SparseRows, labels: ArrayLike<number>, options: LogisticOptions = {}): LogisticFit {
	const C = options.C ?? 1;
	if (!(C > 0)) throw new Error('C must be above 0');
	const maxIterations = options.maxIterations ?? 100;
	const tolerance = options.tolerance ?? 1e-5;
	const rows = options.subset ?? allRows(matrix.rows);
	const { rowStart, colIndex, values } = matrix;
	const m = matrix.columns;
	const size = m + 1; // the intercept is the last unknown
	const lambda = 1 / C;

	let weights = new Float64Array(m);
	let intercept = 0;
	// start at the base rate: the intercept alone
	let positives = 0;
	for (let r = 0; r < rows.length; r++) if (labels[rows[r]]) positives++;
	if (positives > 0 && positives < rows.length) intercept = Math.log(positives / (rows.length - positives));

	const z = new Float64Array(matrix.rows);
	const trialZ = new Float64Array(matrix.rows);
	const gradient = new Float64Array(size);
	const trialGradient = new Float64Array(size);
	/** the loss at (w, b), leaving each row's zᵢ in `zOut` and the gradient in `gradientOut` (one pass: a Newton step is mostly accepted whole) */
	const evaluate = (w: Float64Array, b: number, zOut: Float64Array, gradientOut: Float64Array): number => {
		gradientOut.fill(0);
		let loss = 0;
		for (let r = 0; r < rows.length; r++) {
			const i = rows[r];
			const start = rowStart[i];
			const end = rowStart[i + 1];
			let zi = b;
			for (let k = start; k < end; k++) zi += values[k] * w[colIndex[k]];
			zOut[i] = zi;
			const won = labels[i] ? 1 : 0;
			// log(1 + e^z) and 1/(1 + e^−z) from one exponential, without overflow
			const e = Math.exp(-Math.abs(zi));
			loss += (zi > 0 ? zi : 0) + Math.log1p(e) - won * zi;
			const residual = (zi >= 0 ? 1 / (1 + e) : e / (1 + e)) - won;
			for (let k = start; k < end; k++) gradientOut[colIndex[k]] += residual * values[k];
			gradientOut[m] += residual;
		}
		let norm = 0;
		for (let j = 0; j < m; j++) {
			norm += w[j] * w[j];
			gradientOut[j] += lambda * w[j];
		}
		return loss + (lambda * norm) / 2;
	};

	// while far from the optimum a Hessian summed over a sample of the rows points as well as the full one, at a fraction of the cost
	const sampleStride = Math.max(1, Math.ceil(rows.length / SAMPLED_HESSIAN_ROWS));
	let sampled = sampleStride > 1;

	let loss = evaluate(weights, intercept, z, gradient);
	const hessian = new Float64Array(size * size);
	const trial = new Float64Array(m);
	let iterations = 0;
	let converged = false;
	let haveFactor = false;
	let freshFactor = false;
	let firstLargest = Infinity;
	let previousLargest = Infinity;
	let hessians = 0;
	while (iterations < maxIterations) {
		let largest = 0;
		for (let j = 0; j < size; j++) largest = Math.max(largest, Math.abs(gradient[j]));
		if (firstLargest === Infinity) firstLargest = largest;
		if (largest < tolerance) {
			converged = true;
			break;
		}
		if (!haveFactor || largest > REBUILD_BELOW * previousLargest) {
			if (sampled && largest < SAMPLED_UNTIL * firstLargest) sampled = false;
			const stride = sampled ? sampleStride : 1;
			let used = 0;
			hessian.fill(0);
			for (let r = 0; r < rows.length; r += stride) {
				const i = rows[r];
				used++;
				const p = sigmoid(z[i]);
				const d = p * (1 - p);
				const end = rowStart[i + 1];
				for (let k = rowStart[i]; k < end; k++) {
					const dva = d * values[k];
					const rowOffset = colIndex[k] * size;
					// upper triangle only: columns ascend within a row
					for (let l = k; l < end; l++) hessian[rowOffset + colIndex[l]] += dva * values[l];
					hessian[rowOffset + m] += dva;
				}
				hessian[m * size + m] += d;
			}
			const scale = rows.length / used;
			for (let a = 0; a < size; a++) {
				for (let b = a; b < size; b++) hessian[a * size + b] *= scale;
				if (a < m) hessian[a * size + a] += lambda;
			}
			// mirror into the lower triangle, which the factorisation reads; a feature no training lead has keeps λ on its diagonal, so H stays positive definite
			for (let a = 0; a < size; a++) for (let b = a + 1; b < size; b++) hessian[b * size + a] = hessian[a * size + b];
			if (!choleskyFactor(hessian, size)) break;
			haveFactor = true;
			freshFactor = true;
			hessians++;
		} else freshFactor = false;
		previousLargest = largest;
		const negativeGradient = new Float64Array(size);
		for (let j = 0; j < size; j++) negativeGradient[j] = -gradient[j];
		const step = choleskySolve(hessian, size, negativeGradient);
		let slope = 0;
		for (let j = 0; j < size; j++) slope += step[j] * gradient[j];
		let t = 1;
		let accepted = false;
		for (let halving = 0; halving < 30 && slope < 0; halving++) {
			for (let j = 0; j < m; j++) trial[j] = weights[j] + t * step[j];
			const trialIntercept = intercept + t * step[m];
			const trialLoss = evaluate(trial, trialIntercept, trialZ, trialGradient);
			if (trialLoss <= loss + 1e-4 * t * slope) {
				const improvement = loss - trialLoss;
				weights = new Float64Array(trial);
				intercept = trialIntercept;
				loss = trialLoss;
				z.set(trialZ);
				gradient.set(trialGradient);
				accepted = true;
				iterations++;
				if (improvement <= 1e-13 * Math.max(1, Math.abs(loss))) converged = true;
				break;
			}
			t /= 2;
		}
		if (!accepted) {
			if (!freshFactor || sampled) {
				// the old or sampled Hessian pointed nowhere useful: rebuild it in full here and try again
				haveFactor = false;
				sampled = false;
				continue;
			}
			// no decrease along Newton's own direction: at the optimum up to rounding
			converged = true;
			break;
		}
		if (converged) break;
	}
	return { weights, intercept, iterations, hessians, converged, loss };
}

/** Scores (linear predictor) of the given rows. */
export function predictLogit(matrix: SparseRows, fit: Pick<LogisticFit, 'weights' | 'intercept'>): Float64Array {
	return linearPredictor(matrix, fit.weights, fit.intercept);
}
