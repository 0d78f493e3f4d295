// Issue 16's target, measured at n8n's default settings in one run of one `n8n start`:
//   (1) generic: n8n's Webhook → Code (the hand-written scoring) → Switch on the stage
//   (2) intake:  n8n's Webhook (Raw Body) → Lead Intake → Lead Score → Lead Router
//   (3) trigger: Lead Intake Trigger → Lead Score → Lead Router
// Target: (2) reaches at least the requests/s of (1) with a lower p99.
//
// "n8n's default settings" means: SQLite, every execution saved, the isolated-vm expression
// engine with its eager sandbox, regular (not queue) mode, internal task runners, log level info,
// env access in expressions blocked. The only variables set are those that must be: ports and
// the user folder (so parallel runs do not collide), WEBHOOK_URL (the address autocannon calls),
// NODE_ENV=production (what n8n's Docker image and `npm start` of the package run with), and the
// four switches that stop n8n calling home (diagnostics, version notifications, templates,
// personalization: no internet here, and none of them is on the request path). The shared
// runtime's N8N_BLOCK_ENV_ACCESS_IN_NODE=false is removed (n8n's default blocks env access).
//
// All chains answer 200 at once (onReceived), as form builders need. Rounds alternate the chain
// order; between chains every accepted execution finishes first, so no chain's background work
// lands in another's measurement. Reported per chain: the median round and the spread.
//
// BENCH_INTAKE_SECONDS (default 10) per chain and round, BENCH_INTAKE_ROUNDS (default 3),
// BENCH_INTAKE_CONNECTIONS (default 10), BENCH_INTAKE_CHAINS (default generic,intake,trigger) a subset
// to run, BENCH_INTAKE_CPU_PROF=1 writes a V8 CPU profile of the
// n8n process into the user folder (printed at the end; not for the figures: profiling slows n8n).
import { createRequire } from 'module';
import { spawn } from 'child_process';
import fs from 'fs';
import path from 'path';
import { makeHandWrittenScorer } from './handWrittenScoring.mjs';
// the same 500 JSON posts as the webhook-path chains (flat form fields, some with activity)
import { sampleBodies } from './webhookPath.mjs';

const require = createRequire(import.meta.url);
const runtime = require('../lib/runtime.js');
const autocannon = require('autocannon');

const PACKAGE = 'n8n-nodes-lead-qualification';
const CHAINS = {
	generic: { id: 'LqBenchIntakeGen', path: 'bench-intake-generic', label: 'Webhook → Code → Switch' },
	intake: { id: 'LqBenchIntakeAct', path: 'bench-intake-action', label: 'Webhook (Raw Body) → Lead Intake → Lead Score → Lead Router' },
	intakeDeduped: { id: 'LqBenchIntakeDup', path: 'bench-intake-deduped', label: "Webhook (Raw Body) → Lead Intake with its default duplicate check (n8n's database) → Lead Score → Lead Router" },
	trigger: { id: 'LqBenchIntakeTrg', path: 'bench-intake-trigger', label: 'Lead Intake Trigger → Lead Score → Lead Router' },
};

function positiveInteger(name, fallback) {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number above 0, got "${raw}"`);
	return value;
}

/** Whether the built package has the Lead Intake action node (H1's work; the row is skipped until it exists). */
export function hasLeadIntakeNode() {
	const dist = path.join(runtime.root, 'dist', 'nodes', 'LeadIntake');
	return fs.existsSync(dist) && fs.readdirSync(dist).some((file) => file.endsWith('.node.js'));
}

function workflows(nowIso) {
	const team = { member: ['Ana', 'Ben', 'Cara'].map((name) => ({ name, email: `${name.toLowerCase()}@sales.example` })) };
	const scoreAndRoute = (prefix, x) => [
		{ id: `${prefix}s`, name: 'Lead Score', type: `${PACKAGE}.leadScore`, typeVersion: 1, position: [x, 0], parameters: { scoringModel: 'b2bSaas', options: { scoreAsOf: nowIso } } },
		{ id: `${prefix}r`, name: 'Lead Router', type: `${PACKAGE}.leadRouter`, typeVersion: 1, position: [x + 220, 0], parameters: { team, strategy: 'roundRobin', store: 'memory', options: {} } },
	];
	const link = (from, to) => ({ [from]: { main: [[{ node: to, type: 'main', index: 0 }]] } });
	const stageRule = (stage) => ({
		outputKey: stage,
		renameOutput: true,
		conditions: {
			options: { caseSensitive: true, typeValidation: 'strict', version: 2 },
			combinator: 'and',
			conditions: [{ leftValue: '={{ $json.score.stage }}', rightValue: stage, operator: { type: 'string', operation: 'equals' } }],
		},
	});
	const code = `const score = (${makeHandWrittenScorer.toString()})(Date.parse(${JSON.stringify(nowIso)}));\nconst body = $json.body || {};\nreturn { json: { lead: body, score: score(body) } };`;
	const all = [
		{
			id: CHAINS.generic.id,
			name: `Bench: ${CHAINS.generic.label}`,
			nodes: [
				{ id: 'g1', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: '30000000-0000-4000-8000-000000000001', parameters: { httpMethod: 'POST', path: CHAINS.generic.path, responseMode: 'onReceived', options: {} } },
				{ id: 'g2', name: 'Code Scoring', type: 'n8n-nodes-base.code', typeVersion: 2, position: [220, 0], parameters: { mode: 'runOnceForEachItem', jsCode: code } },
				{ id: 'g3', name: 'By Stage', type: 'n8n-nodes-base.switch', typeVersion: 3.2, position: [440, 0], parameters: { rules: { values: ['sql', 'mql', 'lead'].map(stageRule) }, options: {} } },
			],
			connections: { ...link('Webhook', 'Code Scoring'), ...link('Code Scoring', 'By Stage') },
		},
		{
			id: CHAINS.trigger.id,
			name: `Bench: ${CHAINS.trigger.label}`,
			nodes: [
				{ id: 't1', name: 'Lead Intake Trigger', type: `${PACKAGE}.leadIntakeTrigger`, typeVersion: 2, position: [0, 0], webhookId: '30000000-0000-4000-8000-000000000003', parameters: { path: CHAINS.trigger.path, source: 'auto', verification: 'none', responseMode: 'onReceived', options: { dropDuplicates: false } } },
				...scoreAndRoute('t', 220),
			],
			connections: { ...link('Lead Intake Trigger', 'Lead Score'), ...link('Lead Score', 'Lead Router') },
		},
	];
	if (hasLeadIntakeNode()) {
		all.push({
			id: CHAINS.intake.id,
			name: `Bench: ${CHAINS.intake.label}`,
			nodes: [
				{ id: 'i1', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: '30000000-0000-4000-8000-000000000002', parameters: { httpMethod: 'POST', path: CHAINS.intake.path, responseMode: 'onReceived', options: { rawBody: true } } },
				// the same settings as the trigger row: auto-detected source, no signature, no duplicate check
				{ id: 'i2', name: 'Lead Intake', type: `${PACKAGE}.leadIntake`, typeVersion: 1, position: [220, 0], parameters: { source: 'auto', verification: 'none', options: { dropDuplicates: false } } },
				...scoreAndRoute('i', 440),
			],
			connections: { ...link('Webhook', 'Lead Intake'), ...link('Lead Intake', 'Lead Score'), ...link('Lead Score', 'Lead Router') },
		});
		// the node as it comes: every delivery checked against and recorded in n8n's own deduplication table
		all.push({
			id: CHAINS.intakeDeduped.id,
			name: `Bench: ${CHAINS.intakeDeduped.label}`,
			nodes: [
				{ id: 'd1', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: '30000000-0000-4000-8000-000000000004', parameters: { httpMethod: 'POST', path: CHAINS.intakeDeduped.path, responseMode: 'onReceived', options: { rawBody: true } } },
				{ id: 'd2', name: 'Lead Intake', type: `${PACKAGE}.leadIntake`, typeVersion: 1, position: [220, 0], parameters: { source: 'auto', verification: 'none' } },
				...scoreAndRoute('d', 440),
			],
			connections: { ...link('Webhook', 'Lead Intake'), ...link('Lead Intake', 'Lead Score'), ...link('Lead Score', 'Lead Router') },
		});
	}
	return all.map((workflow) => ({ active: false, settings: { executionOrder: 'v1' }, ...workflow }));
}

/** n8n's defaults: the shared runtime's environment minus what it changes from them (see the top of this file). */
function defaultSettingsEnv(userFolder, extra) {
	const env = runtime.n8nEnv(userFolder, extra);
	delete env.N8N_BLOCK_ENV_ACCESS_IN_NODE;
	for (const key of Object.keys(env)) if (key.startsWith('N8N_EXPRESSION_') || key.startsWith('EXECUTIONS_')) delete env[key];
	return env;
}

async function executionCounts(userFolder, workflowId) {
	const sqlite3 = require(path.join(runtime.runtimeDir, 'node_modules', 'sqlite3'));
	const db = new sqlite3.Database(path.join(userFolder, '.n8n', 'database.sqlite'), sqlite3.OPEN_READONLY);
	try {
		const rows = await new Promise((resolve, reject) =>
			db.all('select status, count(*) as n from execution_entity where workflowId = ? group by status', [workflowId], (error, result) => (error ? reject(error) : resolve(result))),
		);
		const sum = (filter) => rows.filter(filter).reduce((total, row) => total + row.n, 0);
		return { total: sum(() => true), unfinished: sum((row) => ['new', 'running'].includes(row.status)), failed: sum((row) => ['error', 'crashed'].includes(row.status)) };
	} finally {
		db.close();
	}
}

/** Waits until `count` executions of the workflow have finished; returns when (performance.now()), or null on timeout. */
async function waitSettled(userFolder, workflowId, count, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const { total, unfinished } = await executionCounts(userFolder, workflowId);
		if (unfinished === 0 && total >= count) return performance.now();
		if (Date.now() > deadline) return null;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

function runAutocannon(options) {
	return new Promise((resolve, reject) => {
		const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
		autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false, outputStream: fs.createWriteStream('/dev/null') });
	});
}

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * Returns { chains: [{ key, label, rounds: [{ ackPerSecond, p50Ms, p99Ms, requests, non2xx, failedExecutions, executionsPerSecond }], median: {...} }],
 * settings, skipped, profile }.
 */
export async function measureIntakeChain({ nowIso, log = () => undefined } = {}) {
	const durationSeconds = positiveInteger('BENCH_INTAKE_SECONDS', 10);
	const rounds = positiveInteger('BENCH_INTAKE_ROUNDS', 3);
	const connections = positiveInteger('BENCH_INTAKE_CONNECTIONS', 10);
	const profile = process.env.BENCH_INTAKE_CPU_PROF === '1';
	runtime.ensureRuntime();
	const userFolder = runtime.makeUserFolder('lq-bench-intake-');
	runtime.installPackage(userFolder);
	const defined = workflows(nowIso);
	for (const workflow of defined) {
		const file = path.join(userFolder, `${workflow.id}.json`);
		fs.writeFileSync(file, JSON.stringify(workflow));
		runtime.runN8n(['import:workflow', `--input=${file}`], { userFolder, env: { N8N_LOG_LEVEL: 'error' } });
		runtime.runN8n(['publish:workflow', `--id=${workflow.id}`], { userFolder, env: { N8N_LOG_LEVEL: 'error' } });
	}
	const wanted = (process.env.BENCH_INTAKE_CHAINS || 'generic,intake,intakeDeduped,trigger').split(',').map((key) => key.trim());
	const keys = ['generic', 'intake', 'intakeDeduped', 'trigger'].filter((key) => wanted.includes(key) && defined.some((workflow) => workflow.id === CHAINS[key].id));
	const skipped = ['generic', 'intake', 'intakeDeduped', 'trigger'].filter((key) => wanted.includes(key) && !keys.includes(key)).map((key) => `${CHAINS[key].label}: dist/nodes/LeadIntake has no node yet`);

	const port = await runtime.freePort();
	const env = defaultSettingsEnv(userFolder, { N8N_PORT: String(port), N8N_RUNNERS_BROKER_PORT: String(await runtime.freePort()), WEBHOOK_URL: `http://127.0.0.1:${port}/` });
	const profileDir = path.join(userFolder, 'cpu-profiles');
	const nodeArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
	const logFile = fs.openSync(path.join(userFolder, 'n8n.log'), 'a');
	const child = spawn(process.execPath, [...nodeArgs, runtime.n8nBin, 'start'], { env, stdio: ['ignore', logFile, logFile] });
	fs.closeSync(logFile);
	const results = Object.fromEntries(keys.map((key) => [key, []]));
	const bodies = sampleBodies(500, nowIso);
	try {
		const base = `http://127.0.0.1:${port}`;
		await runtime.waitForHttp(`${base}/healthz/readiness`, { timeoutMs: 180_000 });
		for (const key of keys) await runtime.waitForWebhook(`${base}/webhook/${CHAINS[key].path}`, { timeoutMs: 120_000 });
		// warm up every chain: the Code node's task runner and our package load on first use
		for (const key of keys) {
			log(`intake chain: warming up ${CHAINS[key].label}`);
			await runAutocannon({ url: `${base}/webhook/${CHAINS[key].path}`, method: 'POST', connections: 2, amount: 100, headers: { 'content-type': 'application/json' }, body: bodies[1] });
			await waitSettled(userFolder, CHAINS[key].id, 100, 120_000);
		}
		for (let round = 0; round < rounds; round++) {
			// rotate the order, so no chain always runs first (or right after the slowest)
			const order = keys.map((_, index) => keys[(index + round) % keys.length]);
			for (const key of order) {
				const chain = CHAINS[key];
				const before = await executionCounts(userFolder, chain.id);
				log(`intake chain: ${chain.label}, round ${round + 1}/${rounds}, ${connections} connections for ${durationSeconds} s`);
				let next = 0;
				const started = performance.now();
				const result = await runAutocannon({
					url: `${base}/webhook/${chain.path}`,
					method: 'POST',
					connections,
					duration: durationSeconds,
					headers: { 'content-type': 'application/json' },
					// the deduplicated chain gets a new email in every request, so each one is a new lead that is checked and recorded
					requests: [{ setupRequest: (request) => ({ ...request, body: key === 'intakeDeduped' ? bodies[next % bodies.length].replace('"email":"person', `"email":"r${round}n${next++}-person`) : bodies[next++ % bodies.length] }) }],
				});
				const accepted = result['2xx'];
				const finishedAt = await waitSettled(userFolder, chain.id, before.total + accepted, Number(process.env.BENCH_WEBHOOK_DRAIN_MS || 600_000));
				const after = await executionCounts(userFolder, chain.id);
				results[key].push({
					ackPerSecond: result.requests.average,
					p50Ms: result.latency.p50,
					p99Ms: result.latency.p99,
					requests: accepted,
					non2xx: result.non2xx,
					failedExecutions: after.failed - before.failed,
					executionsPerSecond: finishedAt ? accepted / ((finishedAt - started) / 1000) : null,
				});
			}
		}
	} finally {
		child.kill('SIGINT');
		await new Promise((resolve) => child.once('exit', resolve));
	}
	const chains = keys.map((key) => {
		const runs = results[key];
		const pick = (field) => runs.map((run) => run[field]).filter((value) => value !== null);
		const summary = (field) => ({ median: median(pick(field)), min: Math.min(...pick(field)), max: Math.max(...pick(field)) });
		return { key, label: CHAINS[key].label, rounds: runs, ackPerSecond: summary('ackPerSecond'), p50Ms: summary('p50Ms'), p99Ms: summary('p99Ms'), executionsPerSecond: pick('executionsPerSecond').length ? summary('executionsPerSecond') : null, failedExecutions: runs.reduce((sum, run) => sum + run.failedExecutions, 0), non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0) };
	});
	const profiles = profile && fs.existsSync(profileDir) ? fs.readdirSync(profileDir).map((file) => path.join(profileDir, file)) : [];
	return { chains, skipped, settings: { durationSeconds, rounds, connections, env: 'n8n defaults (see scripts/bench/intakeChain.mjs)' }, profiles, userFolder };
}

/** Markdown table: median of the rounds with [min–max], and the target's verdict. */
export function intakeChainTable(measured) {
	const range = ({ median: mid, min, max }, digits) => `${mid.toFixed(digits)} [${min.toFixed(digits)}–${max.toFixed(digits)}]`;
	const lines = ['| Chain | Acknowledged req/s | p50 ms | p99 ms | Executions finished /s | Failed executions |', '|---|---:|---:|---:|---:|---:|'];
	for (const chain of measured.chains) {
		lines.push(`| ${chain.label} | ${range(chain.ackPerSecond, 1)} | ${range(chain.p50Ms, 0)} | ${range(chain.p99Ms, 0)} | ${chain.executionsPerSecond ? range(chain.executionsPerSecond, 1) : 'n/a'} | ${chain.failedExecutions} |`);
	}
	const generic = measured.chains.find((chain) => chain.key === 'generic');
	const intake = measured.chains.find((chain) => chain.key === 'intake');
	const trigger = measured.chains.find((chain) => chain.key === 'trigger');
	const ratio = (a, b, field) => (a[field].median / b[field].median).toFixed(2);
	if (generic && intake) {
		const met = intake.ackPerSecond.median >= generic.ackPerSecond.median && intake.p99Ms.median < generic.p99Ms.median;
		lines.push('', `(2) ÷ (1): req/s ${ratio(intake, generic, 'ackPerSecond')}×, p99 ${ratio(intake, generic, 'p99Ms')}× — target (req/s ≥ 1×, lower p99): ${met ? 'met' : 'NOT met'}`);
	}
	const deduped = measured.chains.find((chain) => chain.key === 'intakeDeduped');
	if (generic && deduped) lines.push(`(2b) ÷ (1): req/s ${ratio(deduped, generic, 'ackPerSecond')}×, p99 ${ratio(deduped, generic, 'p99Ms')}× (Lead Intake's duplicate check on, as it comes)`);
	if (generic && trigger) lines.push(`(3) ÷ (1): req/s ${ratio(trigger, generic, 'ackPerSecond')}×, p99 ${ratio(trigger, generic, 'p99Ms')}×`);
	for (const note of measured.skipped) lines.push(`Skipped: ${note}`);
	lines.push(`Median of ${measured.settings.rounds} rounds [min–max], ${measured.settings.connections} connections, ${measured.settings.durationSeconds} s per chain and round; one \`n8n start\` at n8n's default settings.`);
	return lines.join('\n');
}

// standalone: node scripts/bench/intakeChain.mjs (after npm run build)
if (import.meta.url === `file://${process.argv[1]}`) {
	const measured = await measureIntakeChain({ nowIso: '2026-11-20T12:00:00.000Z', log: (message) => process.stderr.write(`${message}\n`) });
	console.log(intakeChainTable(measured));
	if (measured.profiles.length) console.log(`CPU profiles: ${measured.profiles.join(', ')}`);
	fs.writeFileSync(path.join(runtime.root, '.cache', 'bench-intake-chain.json'), `${JSON.stringify(measured, null, 2)}\n`);
}
