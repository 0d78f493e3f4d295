// `npm run start:queue`: n8n in queue mode on this machine, with this package installed in every
// process: throwaway PostgreSQL and Redis (Debian packages, installed when missing and run as
// root), one main instance, one webhook processor and LQ_WORKERS workers (default 2). The sample
// workflows are imported and published. Ctrl+C stops everything and deletes the databases.
import { createRequire } from 'module';
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';

const require = createRequire(import.meta.url);
const runtime = require('./lib/runtime.js');
const { QueueCluster } = require('./lib/queueCluster.js');

const workers = Math.max(1, Number(process.env.LQ_WORKERS || 2));
const workflowsDir = path.join(runtime.root, 'workflows');

execFileSync('npm', ['run', '--silent', 'build'], { cwd: runtime.root, stdio: 'inherit' });
runtime.ensureRuntime();

// n8n's own lock timings: a dead worker's jobs fail after its 60 s lock, as in production
const cluster = new QueueCluster({ workers, fastRecovery: false });
let stopping = false;
async function stop(code = 0) {
	if (stopping) return;
	stopping = true;
	console.log('\nStopping n8n, PostgreSQL and Redis…');
	await cluster.stop();
	process.exit(code);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

try {
	await cluster.startServices();
	const webhooks = [];
	for (const file of fs.readdirSync(workflowsDir).filter((name) => name.endsWith('.json')).sort()) {
		const workflow = JSON.parse(fs.readFileSync(path.join(workflowsDir, file), 'utf8'));
		try {
			cluster.importWorkflow(path.join(workflowsDir, file));
			console.log(`Imported and published: ${workflow.name}`);
		} catch {
			console.log(`Imported (not published, it has no production trigger): ${workflow.name}`);
		}
		for (const node of workflow.nodes) {
			if (node.parameters?.path && !node.disabled && /webhook|Trigger$/i.test(node.type)) webhooks.push(`${workflow.name} → ${node.name}: /webhook/${node.parameters.path}`);
		}
	}
	await cluster.startProcesses({ mainReceivesWebhooks: false });
	console.log(`\nn8n queue mode is running with n8n-nodes-lead-qualification in every process.`);
	console.log(`Editor (main):      ${cluster.mainUrl()}/  (first visit: create the owner account)`);
	console.log(`Webhook processor:  ${cluster.webhookUrl()}/webhook/…`);
	for (const line of webhooks) console.log(`  ${line}`);
	console.log(`Workers:            ${workers}, ${cluster.workerConcurrency} executions each`);
	console.log(`PostgreSQL:         127.0.0.1:${cluster.postgresPort} (database n8n, user n8n, password n8n)`);
	console.log(`Redis:              127.0.0.1:${cluster.redisPort} (use it in the Lead Router Redis credential)`);
	console.log(`Logs:               ${cluster.logDir}`);
	console.log('Stop with Ctrl+C.\n');
	const children = [cluster.main, cluster.webhook, ...cluster.workers.map((worker) => worker.child)];
	for (const child of children) child.on('exit', (code, signal) => !stopping && console.error(`An n8n process exited (${signal ?? code}); see ${cluster.logDir}`));
} catch (error) {
	console.error(error.message);
	await stop(1);
}
