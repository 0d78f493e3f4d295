// The webhook path as users run it: one real `n8n start` (SQLite, our packed package installed)
// with two published workflows, loaded over HTTP by autocannon at a fixed concurrency.
//   ours:    Lead Intake Trigger → Lead Score → Lead Router (round robin, 3 owners)
//   generic: n8n's Webhook → Code node (the hand-written scoring) → Switch on the stage
// Both acknowledge at once (200), as form builders need, so two figures matter: the
// acknowledgement rate and latency (autocannon), and the executions n8n finishes per second
// (counted in its database until every accepted request has run). Each pair runs with n8n's
// default of saving every execution, then with successful executions not saved.
import { createRequire } from 'module';
import fs from 'fs';
import path from 'path';
import { makeHandWrittenScorer } from './handWrittenScoring.mjs';

const require = createRequire(import.meta.url);
const runtime = require('../lib/runtime.js');
const autocannon = require('autocannon');

const OURS = 'LqBenchWebhookOu';
const GENERIC = 'LqBenchWebhookGe';

function workflows(nowIso) {
	const team = { member: ['Ana', 'Ben', 'Cara'].map((name) => ({ name, email: `${name.toLowerCase()}@sales.example` })) };
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
	return [
		{
			id: OURS,
			name: 'Bench: Lead Intake Trigger → Lead Score → Lead Router',
			active: false,
			settings: { executionOrder: 'v1' },
			nodes: [
				{ id: 'o1', name: 'Lead Intake Trigger', type: 'n8n-nodes-lead-qualification.leadIntakeTrigger', typeVersion: 2, position: [0, 0], webhookId: '20000000-0000-4000-8000-000000000001', parameters: { path: 'bench-ours', source: 'auto', verification: 'none', responseMode: 'onReceived', options: { dropDuplicates: false } } },
				{ id: 'o2', name: 'Lead Score', type: 'n8n-nodes-lead-qualification.leadScore', typeVersion: 1, position: [220, 0], parameters: { scoringModel: 'b2bSaas', options: { scoreAsOf: nowIso } } },
				{ id: 'o3', name: 'Lead Router', type: 'n8n-nodes-lead-qualification.leadRouter', typeVersion: 1, position: [440, 0], parameters: { team, strategy: 'roundRobin', store: 'memory', options: {} } },
			],
			connections: { 'Lead Intake Trigger': { main: [[{ node: 'Lead Score', type: 'main', index: 0 }]] }, 'Lead Score': { main: [[{ node: 'Lead Router', type: 'main', index: 0 }]] } },
		},
		{
			id: GENERIC,
			name: 'Bench: Webhook → Code → Switch',
			active: false,
			settings: { executionOrder: 'v1' },
			nodes: [
				{ id: 'g1', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: '20000000-0000-4000-8000-000000000002', parameters: { httpMethod: 'POST', path: 'bench-generic', responseMode: 'onReceived', options: {} } },
				{ id: 'g2', name: 'Code Scoring', type: 'n8n-nodes-base.code', typeVersion: 2, position: [220, 0], parameters: { mode: 'runOnceForEachItem', jsCode: code } },
				{ id: 'g3', name: 'By Stage', type: 'n8n-nodes-base.switch', typeVersion: 3.2, position: [440, 0], parameters: { rules: { values: ['sql', 'mql', 'lead'].map(stageRule) }, options: {} } },
			],
			connections: { Webhook: { main: [[{ node: 'Code Scoring', type: 'main', index: 0 }]] }, 'Code Scoring': { main: [[{ node: 'By Stage', type: 'main', index: 0 }]] } },
		},
	];
}

export function sampleBodies(count, nowIso) {
	const titles = ['VP Marketing', 'Marketing Manager', 'Student', 'CTO', 'Analyst'];
	const domains = ['bigcorp.example', 'gmail.com', 'startup.example', 'outlook.com'];
	return Array.from({ length: count }, (_, i) =>
		JSON.stringify({
			email: `person${i}@${domains[i % domains.length]}`,
			first_name: `Person${i}`,
			last_name: 'Example',
			company: i % 3 ? `Company ${i}` : '',
			job_title: titles[i % titles.length],
			'Company size': String([5, 50, 500][i % 3]),
			events: i % 4 === 0 ? [{ type: 'pricing_page_view', at: nowIso }] : [],
		}),
	);
}

async function sqliteCount(userFolder, workflowId) {
	const sqlite3 = require(path.join(runtime.runtimeDir, 'node_modules', 'sqlite3'));
	const db = new sqlite3.Database(path.join(userFolder, '.n8n', 'database.sqlite'), sqlite3.OPEN_READONLY);
	try {
		return await new Promise((resolve, reject) =>
			db.all("select status, count(*) as n from execution_entity where workflowId = ? group by status", [workflowId], (error, rows) => (error ? reject(error) : resolve(rows))),
		);
	} finally {
		db.close();
	}
}

function runAutocannon(options) {
	return new Promise((resolve, reject) => {
		const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
		autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false, outputStream: fs.createWriteStream('/dev/null') });
	});
}

/**
 * Runs both chains under each saving setting. Returns rows:
 * { chain, saving, requests, ackPerSecond, p50Ms, p99Ms, non2xx, executions, executionsPerSecond }.
 */
export async function measureWebhookPath({ durationSeconds = 15, connections = 10, nowIso, log = () => undefined }) {
	runtime.ensureRuntime();
	const rows = [];
	const bodies = sampleBodies(500, nowIso);
	const savings = [
		{ label: 'save all executions (n8n default)', env: {} },
		{ label: 'successful executions not saved', env: { EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none', EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'false' } },
		// n8n skips its expression sandbox while receiving a webhook only for its own Webhook node
		{ label: 'save all, expression engine legacy', env: { N8N_EXPRESSION_ENGINE: 'legacy' } },
		// keeps the isolated-vm engine, but builds a sandbox only when an expression is evaluated
		{ label: 'save all, expression sandbox on demand', env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' } },
	];
	const only = process.env.BENCH_WEBHOOK_SAVING;
	for (const saving of savings.filter((entry, index) => !only || String(index) === only)) {
		const userFolder = runtime.makeUserFolder();
		runtime.installPackage(userFolder);
		const files = workflows(nowIso).map((workflow) => {
			const file = path.join(userFolder, `${workflow.id}.json`);
			fs.writeFileSync(file, JSON.stringify(workflow));
			return [workflow.id, file];
		});
		for (const [id, file] of files) {
			runtime.runN8n(['import:workflow', `--input=${file}`], { userFolder, env: { N8N_LOG_LEVEL: 'error' } });
			runtime.runN8n(['publish:workflow', `--id=${id}`], { userFolder, env: { N8N_LOG_LEVEL: 'error' } });
		}
		const port = await runtime.freePort();
		const child = runtime.spawnN8n(['start'], {
			userFolder,
			logFile: path.join(userFolder, 'n8n.log'),
			env: { N8N_PORT: String(port), N8N_RUNNERS_BROKER_PORT: String(await runtime.freePort()), WEBHOOK_URL: `http://127.0.0.1:${port}/`, N8N_LOG_LEVEL: 'warn', ...saving.env },
		});
		try {
			const base = `http://127.0.0.1:${port}`;
			await runtime.waitForHttp(`${base}/healthz/readiness`, { timeoutMs: 180_000 });
			await runtime.waitForWebhook(`${base}/webhook/bench-generic`, { timeoutMs: 120_000 });
			await runtime.waitForWebhook(`${base}/webhook/bench-ours`, { timeoutMs: 120_000 });
			for (const [chain, pathName, workflowId] of [['Lead Intake Trigger → Lead Score → Lead Router', 'bench-ours', OURS], ['Webhook → Code → Switch', 'bench-generic', GENERIC]]) {
				// warm up: the Code node's task runner and our package load on first use
				await runAutocannon({ url: `${base}/webhook/${pathName}`, method: 'POST', connections: 2, amount: 40, headers: { 'content-type': 'application/json' }, body: bodies[0] });
				const unsaved = saving.env.EXECUTIONS_DATA_SAVE_ON_SUCCESS === 'none';
				if (unsaved) await new Promise((resolve) => setTimeout(resolve, 3000));
				else await waitSettled(userFolder, workflowId, 40, 60_000);
				const before = await totalExecutions(userFolder, workflowId);
				log(`webhook path: ${chain}, ${saving.label}, ${connections} connections for ${durationSeconds} s`);
				let next = 0;
				const started = performance.now();
				const result = await runAutocannon({
					url: `${base}/webhook/${pathName}`,
					method: 'POST',
					connections,
					duration: durationSeconds,
					headers: { 'content-type': 'application/json' },
					requests: [{ setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }) }],
				});
				const accepted = result['2xx'];
				const finishedAt = await waitSettled(userFolder, workflowId, before + accepted, Number(process.env.BENCH_WEBHOOK_DRAIN_MS || 600_000), unsaved);
				// unrecorded executions may still be running: let them finish before the next chain
				if (unsaved) await new Promise((resolve) => setTimeout(resolve, 10_000));
				const elapsedSeconds = ((finishedAt ?? started) - started) / 1000;
				rows.push({
					chain,
					saving: saving.label,
					requests: accepted,
					ackPerSecond: result.requests.average,
					p50Ms: result.latency.p50,
					p99Ms: result.latency.p99,
					non2xx: result.non2xx,
					executions: finishedAt ? accepted : null,
					executionsPerSecond: finishedAt ? accepted / elapsedSeconds : null,
				});
			}
		} finally {
			child.kill('SIGTERM');
			await new Promise((resolve) => child.once('exit', resolve));
		}
	}
	return rows;
}

async function totalExecutions(userFolder, workflowId) {
	return (await sqliteCount(userFolder, workflowId)).reduce((sum, row) => sum + row.n, 0);
}

/**
 * Waits until `count` executions have finished. With successful executions not saved, n8n 2.41.1
 * leaves their rows at status "running" (for either chain), so completions cannot be counted
 * there: the caller then reports only the acknowledgement figures.
 */
async function waitSettled(userFolder, workflowId, count, timeoutMs, unsaved = false) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const rows = await sqliteCount(userFolder, workflowId);
		const running = rows.filter((row) => ['new', 'running'].includes(row.status)).reduce((sum, row) => sum + row.n, 0);
		const done = rows.filter((row) => !['new', 'running'].includes(row.status)).reduce((sum, row) => sum + row.n, 0);
		if (unsaved) return null;
		if (running === 0 && done >= count) return performance.now();
		if (Date.now() > deadline) return null;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/** A markdown table of measureWebhookPath's rows, with each chain's figures against the generic chain. */
export function webhookPathTable(rows) {
	const lines = ['| Chain | n8n execution saving | Acknowledged req/s | p50 ms | p99 ms | Executions finished /s |', '|---|---|---:|---:|---:|---:|'];
	for (const row of rows) {
		const finished = row.executionsPerSecond == null ? 'n/a (not recorded)' : row.executionsPerSecond.toFixed(1);
		lines.push(`| ${row.chain} | ${row.saving} | ${row.ackPerSecond.toFixed(1)} | ${row.p50Ms} | ${row.p99Ms} | ${finished} |`);
	}
	return lines.join('\n');
}

// standalone: node scripts/bench/webhookPath.mjs
if (import.meta.url === `file://${process.argv[1]}`) {
	const rows = await measureWebhookPath({ nowIso: '2026-11-20T12:00:00.000Z', durationSeconds: Number(process.env.BENCH_WEBHOOK_SECONDS || 15), log: (message) => process.stderr.write(`${message}\n`) });
	console.log(webhookPathTable(rows));
}
