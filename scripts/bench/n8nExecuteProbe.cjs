// Preloaded into the real `n8n execute` process (NODE_OPTIONS=--require) by the benchmark.
//
// Why: `n8n execute` prints the whole run data as indented JSON. With 100,000 scored leads
// that is hundreds of megabytes, and serialising it would dwarf (and at some size crash) the
// run being measured. The workflow itself runs untouched; only after it has finished is the
// result handed to the CLI reduced to what the benchmark reads: each node's own
// executionTime as n8n measured it, its item counts, a digest of the scores (to check that
// every variant scored every lead), and this process's peak memory.
const Module = require('module');

const PROBE_KEY = '__leadQualificationBenchProbe';

function scoreDigest(items) {
	const digest = { scored: 0, totalSum: 0, stages: {} };
	for (const item of items) {
		const score = item && item.json && item.json.score;
		if (!score || typeof score.total !== 'number') continue;
		digest.scored += 1;
		digest.totalSum += score.total;
		digest.stages[score.stage] = (digest.stages[score.stage] || 0) + 1;
	}
	return digest;
}

function summarise(run) {
	const runData = run.data.resultData.runData;
	const nodes = {};
	for (const [name, tasks] of Object.entries(runData)) {
		nodes[name] = tasks.map((task) => {
			const outputs = (task.data && task.data.main) || [];
			return {
				executionTime: task.executionTime,
				executionStatus: task.executionStatus,
				itemsPerOutput: outputs.map((items) => (items ? items.length : 0)),
				digest: scoreDigest(outputs[0] || []),
				error: task.error ? task.error.message : undefined,
			};
		});
	}
	const usage = process.resourceUsage();
	return {
		...run,
		data: {
			...run.data,
			resultData: { ...run.data.resultData, runData: {} },
			executionData: undefined,
		},
		[PROBE_KEY]: { nodes, mainMaxRssKb: usage.maxRSS, startedAt: run.startedAt, stoppedAt: run.stoppedAt },
	};
}

const originalLoad = Module._load;
Module._load = function loadAndPatch(request, parent, isMain) {
	const exported = originalLoad.call(this, request, parent, isMain);
	// an own-property check: reading a missing export of a half-loaded module makes Node warn
	const ActiveExecutions = exported && Object.prototype.hasOwnProperty.call(exported, 'ActiveExecutions') ? exported.ActiveExecutions : undefined;
	if (typeof ActiveExecutions === 'function' && ActiveExecutions.prototype.getPostExecutePromise && !ActiveExecutions.prototype[PROBE_KEY]) {
		const original = ActiveExecutions.prototype.getPostExecutePromise;
		ActiveExecutions.prototype.getPostExecutePromise = async function summarisedPostExecutePromise(executionId) {
			const run = await original.call(this, executionId);
			return run ? summarise(run) : run;
		};
		ActiveExecutions.prototype[PROBE_KEY] = true;
		Module._load = originalLoad;
	}
	return exported;
};
