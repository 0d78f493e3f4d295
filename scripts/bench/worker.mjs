// One measurement per child process (started by scripts/bench.mjs with --expose-gc), so that
// each variant's peak memory is its own and one variant's garbage or JIT state never lands in
// another's figures. Usage: worker.mjs <task> '<json arguments>'; prints one JSON result.
import { createRequire } from 'module';
import path from 'path';
import { fileURLToPath } from 'url';
import { generateLeads } from './leads.mjs';
import { makeHandWrittenScorer } from './handWrittenScoring.mjs';
import { modelWithGeneratedRules } from './generatedModel.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const fromDist = (file) => require(path.join(root, 'dist', 'lib', file));

function collectGarbage() {
	if (typeof globalThis.gc === 'function') globalThis.gc();
}

function peakRssKb() {
	return process.resourceUsage().maxRSS;
}

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor((sorted.length - 1) / 2)];
}

function digestOf(scores) {
	const digest = { scored: 0, totalSum: 0, stages: {} };
	for (const score of scores) {
		digest.scored += 1;
		digest.totalSum += score.total;
		digest.stages[score.stage] = (digest.stages[score.stage] ?? 0) + 1;
	}
	return digest;
}

/** How many timed repetitions a size gets: small sizes need more to rise above timer noise. */
function repetitionsFor(count) {
	return Math.min(30, Math.max(3, Math.round(100_000 / count)));
}

// a 1,000-rule series takes seconds per repetition, and its spread is small
const RULE_SERIES_REPETITIONS = 3;

function engine() {
	const { leadFromItem } = fromDist('lead/detect.js');
	const { compileModel, scoreLead } = fromDist('scoring/engine.js');
	const { parseModel } = fromDist('scoring/model.js');
	const { PRESETS } = fromDist('scoring/presets.js');
	return { leadFromItem, compileModel, scoreLead, parseModel, PRESETS };
}

/**
 * (c) The engine in a bare loop over the same items the node gets: lead detection
 * (leadFromItem) and scoreLead, timed separately. The first pass runs on a cold JIT, as the
 * node does in a single n8n execution; the warm figures are the best of two more passes.
 */
function engineLoop({ count, seed, nowIso }) {
	const { leadFromItem, compileModel, scoreLead, parseModel, PRESETS } = engine();
	const items = generateLeads(count, seed, nowIso);
	const compiled = compileModel(parseModel(PRESETS.b2bSaas));
	const options = { now: new Date(nowIso) };
	const pass = () => {
		collectGarbage();
		const detectStart = performance.now();
		const leads = new Array(count);
		for (let index = 0; index < count; index++) leads[index] = leadFromItem(items[index]);
		const scoreStart = performance.now();
		const scores = new Array(count);
		for (let index = 0; index < count; index++) scores[index] = scoreLead(compiled, leads[index], options);
		const end = performance.now();
		return { detectMs: scoreStart - detectStart, scoreMs: end - scoreStart, scores };
	};
	const cold = pass();
	const peakKb = peakRssKb();
	const warm = [pass(), pass()];
	return {
		count,
		coldDetectMs: cold.detectMs,
		coldScoreMs: cold.scoreMs,
		warmDetectMs: Math.min(...warm.map((run) => run.detectMs)),
		warmScoreMs: Math.min(...warm.map((run) => run.scoreMs)),
		peakKb,
		digest: digestOf(cold.scores),
	};
}

/** The Code node's hand-written function in a bare loop: what the Code node costs without n8n around it. */
function handWrittenLoop({ count, seed, nowIso }) {
	const items = generateLeads(count, seed, nowIso);
	const score = makeHandWrittenScorer(Date.parse(nowIso));
	const pass = () => {
		collectGarbage();
		const start = performance.now();
		const scores = new Array(count);
		for (let index = 0; index < count; index++) scores[index] = score(items[index].lead);
		return { ms: performance.now() - start, scores };
	};
	const cold = pass();
	const peakKb = peakRssKb();
	const warm = [pass(), pass()];
	return { count, coldMs: cold.ms, warmMs: Math.min(...warm.map((run) => run.ms)), peakKb, digest: digestOf(cold.scores) };
}

/**
 * Time per lead at several lead counts and model sizes, through the engine's bare loop and
 * through the node in n8n-core's WorkflowExecute (in this process; see inProcessN8n.cjs).
 * Steady-state figures: both are warmed up first and each figure is a median of repetitions.
 */
async function growth({ sizes, ruleCounts, ruleLeads, seed, nowIso }) {
	const { leadFromItem, compileModel, scoreLead, parseModel, PRESETS } = engine();
	const { runItemsThroughNode } = require('./inProcessN8n.cjs');
	const largest = Math.max(...sizes, ruleLeads);
	const allItems = generateLeads(largest, seed, nowIso).map((json) => ({ json }));
	const options = { now: new Date(nowIso) };

	// keeps every lead with its score, as the node's output items do (and as the cold loop does):
	// dropping the leads would leave the engine less to garbage-collect than the node
	const timeEngine = (compiled, items) => {
		const start = performance.now();
		const leads = new Array(items.length);
		const scores = new Array(items.length);
		for (let index = 0; index < items.length; index++) {
			leads[index] = leadFromItem(items[index].json);
			scores[index] = scoreLead(compiled, leads[index], options);
		}
		return performance.now() - start;
	};
	const timeNode = async (parameters, items) => {
		const { executionTimeMs, output } = await runItemsThroughNode({ name: 'Lead Score', type: 'n8n-nodes-lead-qualification.leadScore', parameters }, items);
		if (output.length !== items.length || !output.every((item) => item.json.score)) throw new Error('Lead Score did not score every item in-process');
		return executionTimeMs;
	};
	// garbage is collected once per series, not before every repetition: right after a full
	// collection V8 has shrunk its young generation, which makes the next small run look slower
	const measure = async (compiled, parameters, items, repetitions) => {
		collectGarbage();
		timeEngine(compiled, items);
		await timeNode(parameters, items);
		const engineMs = [];
		const nodeMs = [];
		for (let round = 0; round < repetitions; round++) {
			engineMs.push(timeEngine(compiled, items));
			nodeMs.push(await timeNode(parameters, items));
		}
		return { leads: items.length, repetitions, engineUsPerLead: (median(engineMs) * 1000) / items.length, nodeUsPerLead: (median(nodeMs) * 1000) / items.length };
	};

	const presetCompiled = compileModel(parseModel(PRESETS.b2bSaas));
	const presetParameters = { scoringModel: 'b2bSaas', options: { scoreAsOf: nowIso } };
	const warmUp = allItems.slice(0, 2000);
	for (let round = 0; round < 3; round++) {
		timeEngine(presetCompiled, warmUp);
		await timeNode(presetParameters, warmUp);
	}

	const byLeads = [];
	for (const size of sizes) byLeads.push(await measure(presetCompiled, presetParameters, allItems.slice(0, size), repetitionsFor(size)));

	const byRules = [];
	const ruleItems = allItems.slice(0, ruleLeads);
	for (const ruleCount of ruleCounts) {
		const model = modelWithGeneratedRules(PRESETS.b2bSaas, ruleCount);
		const compiled = compileModel(parseModel(model));
		const parameters = { scoringModel: 'json', modelJson: JSON.stringify(model), options: { scoreAsOf: nowIso } };
		byRules.push({ rules: ruleCount, ...(await measure(compiled, parameters, ruleItems, RULE_SERIES_REPETITIONS)) });
	}
	return { byLeads, byRules };
}

const tasks = { engineLoop, handWrittenLoop, growth };
const [task, argumentsJson] = process.argv.slice(2);
if (!tasks[task]) throw new Error(`unknown benchmark task "${task}"`);
const result = await tasks[task](JSON.parse(argumentsJson));
process.stdout.write(`${JSON.stringify(result)}\n`);
