// `npm start`: build, install the pinned n8n if missing, import and publish every workflow in
// workflows/, then run n8n on 127.0.0.1:5678 with this package installed.
import { createRequire } from 'module';
import { execFileSync, spawn } from 'child_process';
import fs from 'fs';
import path from 'path';

const require = createRequire(import.meta.url);
const runtime = require('./lib/runtime.js');

const port = Number(process.env.N8N_PORT || 5678);
const userFolder = process.env.LQ_USER_FOLDER || path.join(runtime.root, '.cache', 'n8n-user');
const workflowsDir = path.join(runtime.root, 'workflows');

execFileSync('npm', ['run', '--silent', 'build'], { cwd: runtime.root, stdio: 'inherit' });
runtime.ensureRuntime();
runtime.installPackage(userFolder);

// expressions keep n8n's sandbox, created only when one runs (see docs/scale-out.md, The expression engine)
const env = { N8N_PORT: String(port), N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'warn', WEBHOOK_URL: `http://127.0.0.1:${port}/`, N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: process.env.N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE || 'true' };
const files = fs.existsSync(workflowsDir) ? fs.readdirSync(workflowsDir).filter((file) => file.endsWith('.json')).sort() : [];
const webhooks = [];
for (const file of files) {
	const workflow = JSON.parse(fs.readFileSync(path.join(workflowsDir, file), 'utf8'));
	runtime.runN8n(['import:workflow', `--input=${path.join(workflowsDir, file)}`], { userFolder, env: { N8N_LOG_LEVEL: 'error' } });
	let published = false;
	try {
		runtime.runN8n(['publish:workflow', `--id=${workflow.id}`], { userFolder, env: { N8N_LOG_LEVEL: 'error' } });
		published = true;
		console.log(`Imported and published: ${workflow.name}`);
	} catch (error) {
		console.log(`Imported (not published, it has no production trigger): ${workflow.name}`);
	}
	for (const node of workflow.nodes) {
		const webhookPath = node.parameters?.path;
		if (webhookPath && !node.disabled && /webhook|Trigger$/i.test(node.type)) {
			webhooks.push({ label: `${workflow.name} → ${node.name}`, url: `http://127.0.0.1:${port}/webhook/${webhookPath}`, published });
		}
	}
}

const child = spawn(process.execPath, [runtime.n8nBin, 'start'], { stdio: 'inherit', env: runtime.n8nEnv(userFolder, env) });
const stop = () => child.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => process.exit(code ?? 0));

// n8n answers /healthz before it has activated the published workflows: the URLs are printed
// only once every one of them is served, so a request sent right after gets through
const ready = async () => {
	await runtime.waitForHttp(`http://127.0.0.1:${port}/healthz`, { timeoutMs: 180000 });
	for (const { url, published } of webhooks) if (published) await runtime.waitForWebhook(url, { timeoutMs: 180000 });
};
ready().then(
	() => {
		console.log('\nn8n is running with n8n-nodes-lead-qualification installed.');
		console.log(`Editor:   http://127.0.0.1:${port}/  (first visit: create the owner account)`);
		for (const { label, url } of webhooks) console.log(`Webhook:  ${label}: ${url}`);
		console.log('Stop with Ctrl+C.\n');
	},
	(error) => {
		console.error(error.message);
		stop();
	},
);
