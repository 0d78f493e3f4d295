// Lead Router (issue 18): routing 100,000 leads in ONE n8n execution, with the memory store and with
// the Redis store, as leads per second, beside a bare loop of the same routing (assignOwner on a
// MemoryStore, no n8n) measured in the same run. The ratios are what to compare across machines.
//
// In-process through n8n-core's WorkflowExecute (the pinned n8n's copies, our nodes from dist/:
// `npm run build` first), as a production execution ('trigger' mode: a manual one would be a test
// run that saves nothing). Node time is n8n's own executionTime; Redis is a throwaway redis-server
// (scripts/redis-test-server.sh) on loopback, so a remote Redis adds its round trips per lead.
//
// Standalone: `node scripts/bench/routerOps.mjs`. In `npm run bench`: BENCH_ROUTER=0 skips it,
// BENCH_ROUTER_LEADS (default 100000; BENCH_QUICK=1: 10000) sets the leads, BENCH_ROUNDS the rounds.
import { execFileSync } from 'child_process';
import { createRequire } from 'module';
import path from 'path';
import { fileURLToPath } from 'url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// installs the resolution of n8n-workflow and ioredis from the pinned n8n for dist/
require('./inProcessN8n.cjs');
const { runtimeDir } = require('../lib/runtime.js');
const { additionalDataFor } = require('../lib/inProcessAdditionalData.js');
const requireFromRuntime = createRequire(path.join(runtimeDir, 'node_modules', 'n8n', 'package.json'));
const { WorkflowExecute, ExecutionLifecycleHooks } = requireFromRuntime('n8n-core');
const { Workflow } = requireFromRuntime('n8n-workflow');

const TEAM = ['ana', 'ben', 'cara', 'dan', 'eli'].map((name) => ({ name, email: `${name}@sales.example`, dailyCapacity: 0 }));

export function routerBenchSizes() {
	const fallback = process.env.BENCH_QUICK === '1' ? 10_000 : 100_000;
	const raw = process.env.BENCH_ROUTER_LEADS;
	const leads = raw ? Number(raw.replace(/[_,]/g, '')) : fallback;
	if (!Number.isInteger(leads) || leads < 1) throw new Error(`BENCH_ROUTER_LEADS must be a whole number above 0, got "${raw}"`);
	return { leads };
}

function leadsOf(count) {
	return Array.from({ length: count }, (_, i) => ({ json: { lead: { email: `lead${i}@company${i % 5000}.example`, country: ['PL', 'TR', 'IR', 'TH', 'SA'][i % 5] }, score: { stage: 'sql', total: 90 } } }));
}

class NodeTypes {
	constructor() {
		const { LeadRouter } = require(path.join(root, 'dist', 'nodes', 'LeadRouter', 'LeadRouter.node.js'));
		const base = (file) => new (Object.values(require(path.join(runtimeDir, 'node_modules', 'n8n-nodes-base', 'dist', 'nodes', file)))[0])();
		this.types = { 'n8n-nodes-lead-qualification.leadRouter': new LeadRouter(), 'n8n-nodes-base.manualTrigger': base('ManualTrigger/ManualTrigger.node.js'), 'n8n-nodes-base.noOp': base('NoOp/NoOp.node.js') };
	}
	getByName(type) {
		return this.types[type];
	}
	getByNameAndVersion(type) {
		return this.types[type];
	}
	getKnownTypes() {
		return {};
	}
}

let counter = 0;
async function routeInOneExecution(nodeTypes, parameters, items, credentials) {
	const router = { id: '3', name: 'Lead Router', type: 'n8n-nodes-lead-qualification.leadRouter', typeVersion: 1, position: [400, 0], parameters, credentials: credentials ? { leadRouterRedisApi: { id: '1', name: 'Redis' } } : undefined };
	const nodes = [
		{ id: '1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{ id: '2', name: 'Leads', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [200, 0], parameters: {} },
		router,
	];
	const connections = { Start: { main: [[{ node: 'Leads', type: 'main', index: 0 }]] }, Leads: { main: [[{ node: 'Lead Router', type: 'main', index: 0 }]] } };
	const id = `bench-router-${++counter}`;
	const workflow = new Workflow({ id, name: 'router bench', nodes, connections, active: true, nodeTypes, staticData: {} });
	const hooks = new ExecutionLifecycleHooks('trigger', id, { id, name: 'router bench', nodes, connections, active: true, settings: {}, createdAt: new Date(), updatedAt: new Date(), isArchived: false, activeVersionId: null });
	const run = await new WorkflowExecute(additionalDataFor(hooks, id, 'the router benchmark', credentials ?? {}), 'trigger').run({ workflow, pinData: { Leads: items } });
	const task = run.data.resultData.runData['Lead Router']?.[0];
	if (!task || task.error) throw new Error(`Lead Router failed: ${task?.error?.message ?? run.data.resultData.error?.message}`);
	const routed = task.data.main[0];
	if (routed.length !== items.length || routed.some((item) => !item.json.routing.owner)) throw new Error('Lead Router did not assign every lead');
	return task.executionTime;
}

async function bareLoop(count) {
	const { assignOwner, MemoryStore, validateRoutingOptions, validateTeam } = require(path.join(root, 'dist', 'lib', 'routing', 'index.js'));
	const team = validateTeam(TEAM);
	const options = validateRoutingOptions({ strategy: 'roundRobin' }, team);
	const store = new MemoryStore({});
	const leads = leadsOf(count).map((item) => item.json.lead);
	const started = performance.now();
	for (const lead of leads) await assignOwner(lead, team, options, store);
	return performance.now() - started;
}

export async function measureRouterOps({ leads, rounds = 2, log = () => undefined }) {
	const nodeTypes = new NodeTypes();
	const items = leadsOf(leads);
	const parameters = (store, extra = {}) => ({ strategy: 'roundRobin', store, team: { member: TEAM }, ...extra });
	const best = async (label, measure) => {
		let ms = Infinity;
		for (let round = 0; round < rounds; round++) {
			const took = await measure();
			log(`router ${label}: ${leads.toLocaleString('en-US')} leads in ${Math.round(took)} ms`);
			ms = Math.min(ms, took);
		}
		return ms;
	};
	const results = {};
	results.bareLoop = await best('bare loop (assignOwner, MemoryStore)', () => bareLoop(leads));
	results.memory = await best('node, memory store', () => routeInOneExecution(nodeTypes, parameters('memory'), items));
	results.memoryWithAudit = await best('node, memory store, Audit output, SLA', () => routeInOneExecution(nodeTypes, parameters('memory', { auditOutput: true, options: { respondWithinMinutes: 15 } }), items));
	const port = Number(execFileSync('bash', [path.join(root, 'scripts', 'redis-test-server.sh'), 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim());
	try {
		const credentials = { leadRouterRedisApi: { host: '127.0.0.1', port, database: 0 } };
		let prefix = 0;
		// a fresh key prefix per round, so every round starts from an empty stream and rotation
		results.redis = await best('node, Redis store (audit stream on)', () => routeInOneExecution(nodeTypes, parameters('redis', { options: { keyPrefix: `bench${++prefix}` } }), items, credentials));
		results.redisNoAudit = await best('node, Redis store (audit stream off)', () => routeInOneExecution(nodeTypes, parameters('redis', { options: { keyPrefix: `bench${++prefix}`, auditStream: false } }), items, credentials));
	} finally {
		execFileSync('bash', [path.join(root, 'scripts', 'redis-test-server.sh'), 'stop', String(port)], { stdio: 'inherit' });
	}
	const perSecond = (ms) => Math.round((leads * 1000) / ms);
	return {
		leads,
		ms: results,
		leadsPerSecond: Object.fromEntries(Object.entries(results).map(([key, ms]) => [key, perSecond(ms)])),
		ratios: { memoryNodeVsBareLoop: results.memory / results.bareLoop, redisVsMemory: results.redis / results.memory, auditStreamCost: results.redis / results.redisNoAudit },
	};
}

export function routerOpsTable(result) {
	const rows = [
		['Bare loop: assignOwner on a MemoryStore (no n8n)', 'bareLoop'],
		['Lead Router node, memory store', 'memory'],
		['Lead Router node, memory store, Audit output and respondBy', 'memoryWithAudit'],
		['Lead Router node, Redis store (loopback), audit stream on', 'redis'],
		['Lead Router node, Redis store (loopback), audit stream off', 'redisNoAudit'],
	];
	const n = (value) => Math.round(value).toLocaleString('en-US');
	const lines = [`| ${result.leads.toLocaleString('en-US')} leads in one execution | ms | leads/s | × bare loop |`, '| --- | ---: | ---: | ---: |'];
	for (const [label, key] of rows) lines.push(`| ${label} | ${n(result.ms[key])} | ${n(result.leadsPerSecond[key])} | ${(result.ms[key] / result.ms.bareLoop).toFixed(2)}× |`);
	lines.push('', `Redis store ÷ memory store: ${result.ratios.redisVsMemory.toFixed(2)}× the time; the audit stream adds ${((result.ratios.auditStreamCost - 1) * 100).toFixed(0)} %.`);
	return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const result = await measureRouterOps({ ...routerBenchSizes(), rounds: Number(process.env.BENCH_ROUNDS ?? 2), log: (message) => process.stderr.write(`${message}\n`) });
	process.stdout.write(`${routerOpsTable(result)}\n`);
}
