// Throughput inside the real, pinned n8n: each variant is one workflow, imported into a fresh
// user folder with our packed package installed, and run with `n8n execute`, a separate n8n
// process per run. In n8n 2.x the Code node runs JavaScript only through n8n's task runner (a
// child process n8n starts), which n8n-core's WorkflowExecute alone cannot provide; this is the
// one harness in which the Code node and Lead Score both run exactly as they do for users.
import { spawn } from 'child_process';
import { createRequire } from 'module';
import fs from 'fs';
import path from 'path';
import { fileURLToPath } from 'url';
import { generateLeads } from './leads.mjs';
import { makeHandWrittenScorer } from './handWrittenScoring.mjs';

const require = createRequire(import.meta.url);
const runtime = require('../lib/runtime.js');
const probeFile = fileURLToPath(new URL('./n8nExecuteProbe.cjs', import.meta.url));

const PROC_POLL_MS = 100;
const WARM_UP_ID = 'LqBenchWarmUp000';

function leadGeneratorNode(count, seed, nowIso) {
	return {
		id: 'generate',
		name: 'Generate Leads',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [200, 0],
		parameters: { mode: 'runOnceForAllItems', jsCode: `${generateLeads.toString()}\nreturn generateLeads(${count}, ${seed}, ${JSON.stringify(nowIso)}).map((json) => ({ json }));` },
	};
}

/** The scoring node of each variant; every workflow is Manual Trigger → Generate Leads → this node. */
function scoringNodes(nowIso) {
	const nowMs = `Date.parse(${JSON.stringify(nowIso)})`;
	return {
		baseline: { name: 'No Scoring', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} },
		leadScore: { name: 'Lead Score', type: 'n8n-nodes-lead-qualification.leadScore', typeVersion: 1, parameters: { scoringModel: 'b2bSaas', options: { scoreAsOf: nowIso } } },
		codeAllItems: {
			name: 'Code Scoring',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			parameters: { mode: 'runOnceForAllItems', jsCode: `${makeHandWrittenScorer.toString()}\nconst score = makeHandWrittenScorer(${nowMs});\nreturn $input.all().map((item) => ({ json: { ...item.json, score: score(item.json.lead) } }));` },
		},
		codeEachItem: {
			name: 'Code Scoring',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			// this mode runs the code once per item, so the tables are rebuilt per item as well
			parameters: { mode: 'runOnceForEachItem', jsCode: `${makeHandWrittenScorer.toString()}\nreturn { json: { ...$json, score: makeHandWrittenScorer(${nowMs})($json.lead) } };` },
		},
	};
}

function workflowFor(id, variant, scoringNode, { count, seed, nowIso }) {
	const generator = leadGeneratorNode(count, seed, nowIso);
	return {
		id,
		name: `Benchmark: ${variant}`,
		active: false,
		// the run data of 100,000 leads is not worth writing to the database for a benchmark
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'none', saveDataErrorExecution: 'none', saveManualExecutions: false, saveExecutionProgress: false },
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			generator,
			{ id: 'score', position: [400, 0], ...scoringNode },
		],
		connections: {
			Start: { main: [[{ node: generator.name, type: 'main', index: 0 }]] },
			[generator.name]: { main: [[{ node: scoringNode.name, type: 'main', index: 0 }]] },
		},
	};
}

function processTree(rootPid) {
	const children = new Map();
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			// the command name may contain spaces and parentheses: the fields after it are fixed
			const parentPid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			if (!children.has(parentPid)) children.set(parentPid, []);
			children.get(parentPid).push(Number(entry));
		} catch {
			// the process ended while we were looking
		}
	}
	const tree = [rootPid];
	for (let index = 0; index < tree.length; index++) tree.push(...(children.get(tree[index]) ?? []));
	return tree;
}

// USER_HZ: the unit of /proc CPU times, 100 on every Linux the pinned n8n supports
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * Peak resident memory (VmHWM) of a process and all its descendants, and the CPU time of the
 * task runner, sampled while they run. n8n does not wait for its runner to exit, so the
 * runner's CPU time never reaches the benchmark's own children's total: it is counted here.
 */
function watchProcessTree(rootPid) {
	const seen = new Map();
	const sample = () => {
		for (const pid of processTree(rootPid)) {
			try {
				const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
				const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
				const highWater = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
				const [utime, stime] = stat.slice(stat.lastIndexOf(')') + 2).split(' ').slice(11, 13).map(Number);
				const known = seen.get(pid) ?? { peakKb: 0, cpuSeconds: 0, command: fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean) };
				known.peakKb = Math.max(known.peakKb, highWater);
				known.cpuSeconds = (utime + stime) / CLOCK_TICKS_PER_SECOND;
				seen.set(pid, known);
			} catch {
				// the process ended between listing and reading
			}
		}
	};
	sample();
	const timer = setInterval(sample, PROC_POLL_MS);
	return {
		stop() {
			clearInterval(timer);
			// other descendants are short-lived shells (n8n probing for python3), not part of the run
			const runners = [...seen].filter(([pid, info]) => pid !== rootPid && info.command.some((part) => part.includes('task-runner')));
			return {
				mainSampledPeakKb: seen.get(rootPid)?.peakKb ?? 0,
				runnerPeakKb: runners.reduce((sum, [, info]) => sum + info.peakKb, 0),
				runnerCpuSeconds: runners.reduce((sum, [, info]) => sum + info.cpuSeconds, 0),
			};
		},
	};
}

function executeOnce(userFolder, workflowId, timeoutMs) {
	return new Promise((resolve, reject) => {
		const startedAt = performance.now();
		const child = spawn(process.execPath, [runtime.n8nBin, 'execute', `--id=${workflowId}`, '--rawOutput'], {
			env: runtime.n8nEnv(userFolder, { NODE_OPTIONS: [`--require ${probeFile}`, process.env.BENCH_N8N_NODE_OPTIONS ?? ''].join(' ').trim(), EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none' }),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const tree = watchProcessTree(child.pid);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('error', reject);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			const wallMs = performance.now() - startedAt;
			const processTreeFigures = tree.stop();
			const jsonStart = stdout.search(/^\{/m);
			if ((code !== 0 && !runtime.printedRunBeforeCrash(signal, stdout)) || jsonStart === -1) {
				reject(new Error(`n8n execute of ${workflowId} failed (${signal ?? `exit ${code}`}):\n${(stderr + stdout).slice(-3000)}`));
				return;
			}
			let run;
			try {
				run = JSON.parse(stdout.slice(jsonStart));
			} catch (error) {
				reject(new Error(`n8n execute of ${workflowId} printed no complete run (${signal ?? `exit ${code}`}): ${error.message}`));
				return;
			}
			resolve({ wallMs, run, processTreeFigures });
		});
	});
}

/**
 * Runs every variant `rounds` times (interleaved, so a burst of load on the machine hits all
 * variants alike) in the real n8n and returns, per variant: the scoring node's own
 * executionTime as n8n recorded it and the wall time of the whole `n8n execute` (each the best
 * round: other processes only ever add time), and peak memory of the n8n process and of its
 * task runner (the highest round). Also returns the CPU seconds all task runners used.
 */
export async function measureInRealN8n({ variants, rounds, seed, nowIso, log, timeoutMs }) {
	const userFolder = runtime.makeUserFolder('lq-bench-');
	try {
		runtime.installPackage(userFolder);
		const nodes = scoringNodes(nowIso);
		const workflowDir = path.join(userFolder, 'bench-workflows');
		fs.mkdirSync(workflowDir);
		const ids = {};
		variants.forEach(({ variant, count }, index) => {
			ids[variant] = `LqBench${String(index).padStart(9, '0')}`;
			fs.writeFileSync(path.join(workflowDir, `${variant}.json`), JSON.stringify(workflowFor(ids[variant], variant, nodes[variant], { count, seed, nowIso })));
		});
		fs.writeFileSync(path.join(workflowDir, 'warm-up.json'), JSON.stringify(workflowFor(WARM_UP_ID, 'warm-up', nodes.baseline, { count: 1, seed, nowIso })));
		log(`importing ${variants.length} benchmark workflows into a fresh n8n user folder`);
		runtime.runN8n(['import:workflow', '--separate', `--input=${workflowDir}`], { userFolder });
		// the first `n8n execute` after an import is seconds slower (caches, files read for the
		// first time); a throw-away run keeps that out of the wall times compared below
		log('n8n execute: warm-up run (not measured)');
		let runnerCpuSeconds = (await executeOnce(userFolder, WARM_UP_ID, timeoutMs)).processTreeFigures.runnerCpuSeconds;

		const runs = Object.fromEntries(variants.map(({ variant }) => [variant, []]));
		for (let round = 1; round <= rounds; round++) {
			for (const { variant, count } of variants) {
				log(`n8n execute: ${variant} with ${count.toLocaleString('en-US')} leads (round ${round} of ${rounds})`);
				const { wallMs, run, processTreeFigures } = await executeOnce(userFolder, ids[variant], timeoutMs);
				runnerCpuSeconds += processTreeFigures.runnerCpuSeconds;
				const probe = run.__leadQualificationBenchProbe;
				if (run.data.resultData.error) throw new Error(`${variant}: ${run.data.resultData.error.message}`);
				const scoringTask = probe.nodes[nodes[variant].name][0];
				if (scoringTask.error) throw new Error(`${variant}: ${scoringTask.error}`);
				if (scoringTask.itemsPerOutput[0] !== count) throw new Error(`${variant}: ${scoringTask.itemsPerOutput[0]} items out of ${count}`);
				runs[variant].push({
					nodeMs: scoringTask.executionTime,
					generatorMs: probe.nodes['Generate Leads'][0].executionTime,
					wallMs,
					digest: scoringTask.digest,
					mainPeakKb: Math.max(probe.mainMaxRssKb, processTreeFigures.mainSampledPeakKb),
					runnerPeakKb: processTreeFigures.runnerPeakKb,
				});
			}
		}

		const results = {};
		for (const { variant, count } of variants) {
			const all = runs[variant];
			const highest = (key) => Math.max(...all.map((run) => run[key]));
			const lowest = (key) => Math.min(...all.map((run) => run[key]));
			results[variant] = {
				leads: count,
				nodeName: nodes[variant].name,
				nodeType: nodes[variant].type,
				nodeMs: lowest('nodeMs'),
				wallMs: lowest('wallMs'),
				mainPeakKb: highest('mainPeakKb'),
				runnerPeakKb: highest('runnerPeakKb'),
				digest: all[0].digest,
				rounds: all.map((run) => ({ ...run, digest: undefined })),
			};
		}
		return { results, runnerCpuSeconds };
	} finally {
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}
