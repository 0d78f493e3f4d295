// Lead Insights benchmark: Learn Model on BENCH_INSIGHTS_LEADS (default 100,000) simulated leads
// with 200 features (the B2B SaaS preset's 12 rules and 24 activities, sources, countries and
// 33 form questions' answers), beside scikit-learn's LogisticRegression on the very same feature
// matrix and the same loss (L2, C = 1, unpenalised intercept). scikit-learn is Debian's
// python3-sklearn (`apt-get install -y python3-sklearn`), for this benchmark only; without it the
// row is skipped with a message.
//
// Run alone with `node scripts/bench/insights.mjs` (after `npm run build`), or as section 5 of
// `npm run bench` (BENCH_INSIGHTS=0 skips it). Each measurement runs in its own Node process, so
// that its peak memory is its own.
import { execFileSync, spawn } from 'child_process';
import { createRequire } from 'module';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { fileURLToPath } from 'url';

const require = createRequire(import.meta.url);
const thisFile = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(thisFile), '..', '..');
const libDir = process.env.BENCH_INSIGHTS_LIB ?? path.join(root, 'dist', 'lib');
const fromLib = (file) => require(path.join(libDir, file));

const SEED = 20261202;
const EXTRA_QUESTIONS = 30;
const C = 1;
const CANDIDATES = { source: true, country: true, answers: true, maxPerKind: 500 };
const PYTHON = '/usr/bin/python3';
const TARGETS = { aucWithin: 0.005, timeRatio: 2 };

function collectGarbage() {
	if (typeof globalThis.gc === 'function') globalThis.gc();
}

function leadsFromEnv() {
	const raw = process.env.BENCH_INSIGHTS_LEADS ?? (process.env.BENCH_QUICK === '1' ? '20000' : '100000');
	const value = Number(raw.replace(/[_,]/g, ''));
	if (!Number.isInteger(value) || value < 1000) throw new Error(`BENCH_INSIGHTS_LEADS must be a whole number of at least 1000, got "${raw}"`);
	return value;
}

// ---- worker side --------------------------------------------------------------------------

function simulate(leads) {
	const { simulateLeads } = fromLib('insights/simulator.js');
	return simulateLeads({ seed: SEED, leads, extraQuestions: EXTRA_QUESTIONS });
}

/** Learn Model end to end, as the node runs it: score every lead as of its submission, fit, check, calibrate. */
function learnTask({ leads }) {
	const { learnModel } = fromLib('insights/learn.js');
	const { PRESETS } = fromLib('scoring/presets.js');
	const population = simulate(leads);
	collectGarbage();
	const inputRssKb = process.memoryUsage().rss / 1024;
	const started = performance.now();
	const result = learnModel(population.rows, PRESETS.b2bSaas, { C, candidates: CANDIDATES });
	const ms = performance.now() - started;
	return {
		leads,
		ms,
		fitMs: result.fit.milliseconds,
		iterations: result.fit.iterations,
		features: result.fit.features,
		aucLearned: result.validation.aucLearned,
		aucBase: result.validation.aucBase,
		recommended: result.recommended,
		inputRssKb,
		peakKb: process.resourceUsage().maxRSS,
	};
}

/** The fit alone on the feature matrix Learn Model builds, and the matrix written out for scikit-learn. */
function fitTask({ leads, rounds, dir }) {
	const { candidateRules, featuresOf, buildFeatureMatrix } = fromLib('insights/features.js');
	const { fitLogistic, linearPredictor } = fromLib('insights/logistic.js');
	const { rocAuc } = fromLib('insights/stats.js');
	const { parseModel } = fromLib('scoring/model.js');
	const { PRESETS } = fromLib('scoring/presets.js');
	const base = parseModel(PRESETS.b2bSaas);
	const rows = simulate(leads).rows;
	// the simulator's leads come in time order and are all closed and dated: the learner's split is the first 70 %
	const split = Math.round(rows.length * 0.7);
	const taken = new Set([...base.rules.map((rule) => rule.id), ...Object.keys(base.events).map((type) => `event:${type}`)]);
	const features = featuresOf(base, candidateRules(rows.slice(0, split), CANDIDATES, taken));
	const { matrix } = buildFeatureMatrix(rows, base, features, 'submission', undefined);
	const labels = Uint8Array.from(rows, (row) => (row.outcome === 'won' ? 1 : 0));
	const subset = Int32Array.from({ length: split }, (_, index) => index);
	const times = [];
	let fit;
	for (let round = 0; round < rounds; round++) {
		collectGarbage();
		const started = performance.now();
		fit = fitLogistic(matrix, labels, { C, subset });
		times.push(performance.now() - started);
	}
	const z = linearPredictor(matrix, fit.weights, fit.intercept);
	const validationAuc = rocAuc(z.subarray(split), labels.subarray(split));
	fs.writeFileSync(path.join(dir, 'rowStart.bin'), Buffer.from(matrix.rowStart.buffer, matrix.rowStart.byteOffset, matrix.rowStart.byteLength));
	fs.writeFileSync(path.join(dir, 'colIndex.bin'), Buffer.from(matrix.colIndex.buffer, matrix.colIndex.byteOffset, matrix.colIndex.byteLength));
	fs.writeFileSync(path.join(dir, 'values.bin'), Buffer.from(matrix.values.buffer, matrix.values.byteOffset, matrix.values.byteLength));
	fs.writeFileSync(path.join(dir, 'labels.bin'), Buffer.from(labels.buffer));
	const ours = Float64Array.from([...fit.weights, fit.intercept]);
	fs.writeFileSync(path.join(dir, 'ours.bin'), Buffer.from(ours.buffer));
	return { leads, split, features: features.length, nonZerosPerRow: matrix.colIndex.length / matrix.rows, fitMs: Math.min(...times), fitRoundsMs: times, iterations: fit.iterations, converged: fit.converged, loss: fit.loss, validationAuc };
}

const SKLEARN_SCRIPT = String.raw`
import json, sys, time
import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
import sklearn
d, rows, columns, split, C, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
indptr = np.fromfile(d + '/rowStart.bin', dtype=np.int32)
indices = np.fromfile(d + '/colIndex.bin', dtype=np.int32)
data = np.fromfile(d + '/values.bin', dtype=np.float64)
y = np.fromfile(d + '/labels.bin', dtype=np.uint8).astype(np.float64)
X = csr_matrix((data, indices, indptr), shape=(rows, columns))
ours = np.fromfile(d + '/ours.bin', dtype=np.float64)
out = {'version': sklearn.__version__}
def loss(w, b, Xt, yt):
    z = Xt @ w + b
    return float(np.sum(np.logaddexp(0, z) - yt * z) + 0.5 / C * np.dot(w, w))
for name, Xtrain in (('sparse', X[:split]), ('dense', X[:split].toarray())):
    best = None
    for _ in range(rounds):
        model = LogisticRegression(C=C, solver='lbfgs', max_iter=10000)
        started = time.perf_counter()
        model.fit(Xtrain, y[:split])
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    w, b = model.coef_[0], model.intercept_[0]
    out[name] = {'fitSeconds': best, 'iterations': int(model.n_iter_[0]), 'validationAuc': float(roc_auc_score(y[split:], X[split:] @ w + b)), 'loss': loss(w, b, X[:split], y[:split])}
out['oursValidationAuc'] = float(roc_auc_score(y[split:], X[split:] @ ours[:-1] + ours[-1]))
out['oursLoss'] = loss(ours[:-1], ours[-1], X[:split], y[:split])
print(json.dumps(out))
`;

function sklearnAvailable() {
	try {
		execFileSync(PYTHON, ['-c', 'import sklearn, scipy, numpy'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

// ---- parent side ------------------------------------------------------------------------------

function runWorker(task, args) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--expose-gc', thisFile, 'worker', task, JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'inherit'] });
		let stdout = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.on('error', reject);
		child.on('close', (code) => (code === 0 ? resolve(JSON.parse(stdout.trim().split('\n').pop())) : reject(new Error(`insights benchmark worker "${task}" exited with ${code}`))));
	});
}

/** Runs the Lead Insights measurements; `leadScorePeakKb` (the engine loop's peak on 100,000 leads) is shown beside Learn Model's. */
export async function measureInsights({ log = (message) => process.stderr.write(`${message}\n`), rounds = 2 } = {}) {
	const leads = leadsFromEnv();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-insights-bench-'));
	try {
		log(`Lead Insights: Learn Model on ${leads.toLocaleString('en-US')} simulated leads (own process)`);
		const learn = await runWorker('learn', { leads });
		log('Lead Insights: the fit alone, and the feature matrix for scikit-learn');
		const fit = await runWorker('fit', { leads, rounds, dir });
		let sklearn = null;
		let sklearnSkipped = null;
		if (!sklearnAvailable()) sklearnSkipped = `scikit-learn not found for ${PYTHON}: \`apt-get install -y python3-sklearn\` (Debian) to compare`;
		else {
			log('Lead Insights: scikit-learn LogisticRegression (lbfgs) on the same matrix, sparse and dense');
			const script = path.join(dir, 'compare_with_sklearn.py');
			fs.writeFileSync(script, SKLEARN_SCRIPT);
			const output = execFileSync(PYTHON, [script, dir, String(leads), String(fit.features), String(fit.split), String(C), String(rounds)], { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' } });
			sklearn = JSON.parse(output.trim().split('\n').pop());
		}
		return { leads, features: fit.features, C, learn, fit, sklearn, sklearnSkipped };
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

const integer = (value) => Math.round(value).toLocaleString('en-US');
const megabytes = (kb) => `${integer(kb / 1024)} MB`;

export function insightsTargets(result) {
	if (!result.sklearn) return [];
	const fastest = Math.min(result.sklearn.sparse.fitSeconds, result.sklearn.dense.fitSeconds) * 1000;
	const bestAuc = Math.max(result.sklearn.sparse.validationAuc, result.sklearn.dense.validationAuc);
	return [
		{ target: `Learn Model fit AUC within ${TARGETS.aucWithin} of scikit-learn's`, measured: `${result.fit.validationAuc.toFixed(4)} vs ${bestAuc.toFixed(4)}`, met: Math.abs(result.fit.validationAuc - bestAuc) <= TARGETS.aucWithin },
		{ target: `Learn Model fit time ≤ ${TARGETS.timeRatio}× scikit-learn's (faster of sparse and dense)`, measured: `${integer(result.fit.fitMs)} ms vs ${integer(fastest)} ms (${(result.fit.fitMs / fastest).toFixed(2)}×)`, met: result.fit.fitMs <= TARGETS.timeRatio * fastest },
	];
}

export function insightsTable(result, { leadScorePeakKb = null, table }) {
	const out = [];
	const { learn, fit, sklearn } = result;
	out.push(`${integer(result.leads)} simulated leads (seed ${SEED}), ${result.features} features (${fit.nonZerosPerRow.toFixed(1)} non-zero per lead), L2 with C = ${result.C}; train on the older 70 %, AUC on the newer 30 %`);
	const rows = [
		['Lead Insights: Learn Model, end to end (score as of submission, fit, check, calibrate)', integer(learn.ms), '—', learn.aucLearned.toFixed(4), megabytes(learn.peakKb)],
		[`Lead Insights: the fit alone (Newton, sparse rows; best of ${fit.fitRoundsMs.length})`, integer(fit.fitMs), String(fit.iterations), fit.validationAuc.toFixed(4), '(same process as matrix)'],
	];
	if (sklearn) {
		rows.push([`scikit-learn ${sklearn.version} LogisticRegression lbfgs, sparse CSR`, integer(sklearn.sparse.fitSeconds * 1000), String(sklearn.sparse.iterations), sklearn.sparse.validationAuc.toFixed(4), '—']);
		rows.push([`scikit-learn ${sklearn.version} LogisticRegression lbfgs, dense`, integer(sklearn.dense.fitSeconds * 1000), String(sklearn.dense.iterations), sklearn.dense.validationAuc.toFixed(4), '—']);
	}
	rows.push(['B2B SaaS preset (the base model), same validation leads', '—', '—', learn.aucBase.toFixed(4), '—']);
	if (leadScorePeakKb) rows.push(['Lead Score engine loop, 100,000 leads (section 1)', '—', '—', '—', megabytes(leadScorePeakKb)]);
	out.push(table(['Variant', 'Time ms', 'Iterations', 'Validation AUC', 'Peak memory'], rows));
	out.push(`   End to end: ${integer(learn.fitMs)} ms of it fitting, ${learn.iterations} Newton iterations; the input (${integer(result.leads)} leads in memory) took ${megabytes(learn.inputRssKb)} before learning.`);
	if (sklearn) {
		out.push(`   Loss at the solution (Σ log-loss + ‖w‖²/2C on the training part): ours ${sklearn.oursLoss.toFixed(3)}, scikit-learn ${sklearn.sparse.loss.toFixed(3)}; our weights' AUC by scikit-learn's roc_auc_score: ${sklearn.oursValidationAuc.toFixed(4)}.`);
		out.push('   scikit-learn: default tol (1e-4), one thread (OMP/OpenBLAS threads = 1), fit() time only, best of the rounds.');
	} else out.push(`   ${result.sklearnSkipped}`);
	return out.join('\n');
}

function simpleTable(headers, rows) {
	const cells = [headers, ...rows].map((row) => row.map(String));
	const widths = headers.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
	const line = (row) => `| ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ')} |`;
	return [line(cells[0]), `|${widths.map((width, column) => (column === 0 ? '-'.repeat(width + 2) : `${'-'.repeat(width + 1)}:`)).join('|')}|`, ...cells.slice(1).map(line)].join('\n');
}

if (process.argv[1] === thisFile) {
	if (process.argv[2] === 'worker') {
		const task = process.argv[3];
		const args = JSON.parse(process.argv[4]);
		const result = task === 'learn' ? learnTask(args) : task === 'fit' ? fitTask(args) : null;
		if (!result) throw new Error(`unknown task ${task}`);
		process.stdout.write(`${JSON.stringify(result)}\n`);
	} else {
		const result = await measureInsights({ rounds: Number(process.env.BENCH_ROUNDS ?? 2) });
		process.stdout.write(`${insightsTable(result, { table: simpleTable })}\n`);
		for (const { target, measured, met } of insightsTargets(result)) process.stdout.write(`${met ? 'met ' : 'NOT met'}  ${target}: ${measured}\n`);
		fs.mkdirSync(path.join(root, '.cache'), { recursive: true });
		fs.writeFileSync(path.join(root, '.cache', 'bench-insights.json'), `${JSON.stringify(result, null, 2)}\n`);
	}
}
