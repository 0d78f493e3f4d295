// Shared by the npm scripts and the end-to-end tests: where the pinned n8n lives, how our
// package gets into an n8n user folder, and the environment n8n runs with.
const { execFileSync, spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const pkg = require(path.join(root, 'package.json'));
const runtimeDir = process.env.N8N_RUNTIME_DIR || path.join(root, '.cache', `n8n-${pkg.config.n8nVersion}`);
const n8nBin = path.join(runtimeDir, 'node_modules', 'n8n', 'bin', 'n8n');

function ensureRuntime() {
	execFileSync('bash', [path.join(root, 'scripts', 'ensure-n8n.sh')], { stdio: 'inherit' });
}

function newestMtime(dir) {
	let newest = 0;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
	}
	return newest;
}

/** Packs dist/ exactly as npm would publish it; reuses the tarball while dist/ is unchanged. */
function packPackage() {
	const dist = path.join(root, 'dist');
	if (!fs.existsSync(path.join(dist, 'nodes'))) throw new Error('dist/ is missing: run `npm run build` first');
	const packDir = path.join(root, '.cache', 'pack');
	const tarball = path.join(packDir, `${pkg.name}-${pkg.version}.tgz`);
	if (fs.existsSync(tarball) && fs.statSync(tarball).mtimeMs > newestMtime(dist) && fs.statSync(tarball).mtimeMs > fs.statSync(path.join(root, 'package.json')).mtimeMs) return tarball;
	fs.mkdirSync(packDir, { recursive: true });
	execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', packDir], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
	return tarball;
}

/**
 * Installs the packed package the way n8n's community-package installer leaves it:
 * under <userFolder>/.n8n/nodes/node_modules, resolving n8n-workflow and zod from the host.
 */
function installPackage(userFolder, tarball = packPackage()) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', pkg.name);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '--strip-components=1', '-C', target]);
	fs.writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [pkg.name]: pkg.version } }, null, 2));
	return target;
}

function makeUserFolder(prefix = 'lq-n8n-', parent = os.tmpdir()) {
	fs.mkdirSync(parent, { recursive: true });
	return fs.mkdtempSync(path.join(parent, prefix));
}

function n8nEnv(userFolder, extra = {}) {
	const env = { ...process.env };
	for (const key of Object.keys(env)) if (key.startsWith('N8N_') || key.startsWith('DB_') || key.startsWith('QUEUE_') || key === 'EXECUTIONS_MODE') delete env[key];
	return {
		...env,
		PATH: `${path.dirname(process.execPath)}:${env.PATH}`,
		NODE_ENV: 'production',
		N8N_USER_FOLDER: userFolder,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LOG_LEVEL: 'info',
		N8N_RUNNERS_MODE: 'internal',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
		...extra,
	};
}

/**
 * n8n 2.41.1's `execute` now and then dies of SIGSEGV while it shuts down, after the run has
 * finished and its JSON is printed (seen with two n8n processes on 2 cores).
 */
function printedRunBeforeCrash(signal, stdout) {
	return signal === 'SIGSEGV' && /^\{/m.test(String(stdout ?? ''));
}

/**
 * Runs one n8n CLI command to completion and returns its stdout. `n8n execute` starts a task-runner
 * broker, on 5679 unless told otherwise: a random port keeps it clear of anything left on that one.
 * n8n logs its errors to stdout, so a failure reports the end of both streams.
 */
function runN8n(args, { userFolder, env = {}, timeoutMs = 180000 } = {}) {
	const brokerPort = String(40000 + Math.floor(Math.random() * 20000));
	try {
		return execFileSync(process.execPath, [n8nBin, ...args], { env: n8nEnv(userFolder, { N8N_RUNNERS_BROKER_PORT: brokerPort, ...env }), encoding: 'utf8', timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
	} catch (error) {
		// callers parse the result, so a cut-off output still fails there
		if (args[0] === 'execute' && printedRunBeforeCrash(error.signal, error.stdout)) {
			process.stderr.write(`n8n ${args.join(' ')}: SIGSEGV during shutdown after printing its result; using that result\n`);
			return String(error.stdout);
		}
		const tail = (text) => String(text ?? '').slice(-3000);
		error.message = `${error.message}\n(exit status ${error.status}, signal ${error.signal})\n--- n8n stdout (end) ---\n${tail(error.stdout)}\n--- n8n stderr (end) ---\n${tail(error.stderr)}`;
		throw error;
	}
}

/** Starts a long-running n8n process (start, worker, webhook); output goes to logFile. */
function spawnN8n(args, { userFolder, env = {}, logFile }) {
	const out = fs.openSync(logFile, 'a');
	const child = spawn(process.execPath, [n8nBin, ...args], { env: n8nEnv(userFolder, env), stdio: ['ignore', out, out], detached: false });
	fs.closeSync(out);
	return child;
}

/**
 * Polls `url` until it answers one of `okStatuses`. `readyBody`: a response whose body matches
 * counts as ready whatever its status. `request` goes to fetch (method, headers).
 */
async function waitForHttp(url, { timeoutMs = 120000, okStatuses = [200], readyBody = null, request = undefined, intervalMs = 500 } = {}) {
	const deadline = Date.now() + timeoutMs;
	let lastError;
	while (Date.now() < deadline) {
		try {
			const response = await fetch(url, request);
			const body = await response.text();
			if (okStatuses.includes(response.status)) return;
			if (readyBody && readyBody.test(body)) return;
			lastError = new Error(`status ${response.status}`);
		} catch (error) {
			lastError = error;
		}
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
	throw new Error(`${url} did not answer in time: ${lastError && lastError.message}`);
}

/**
 * Waits until n8n serves the webhook at `url`. n8n answers a CORS preflight (OPTIONS with an
 * Origin) with 204 once the path is registered for any method and with an error status before;
 * a preflight starts no execution, so this works for every trigger whatever methods it accepts.
 */
function waitForWebhook(url, { timeoutMs = 120000 } = {}) {
	const request = { method: 'OPTIONS', headers: { origin: 'http://127.0.0.1', 'access-control-request-method': 'POST' } };
	return waitForHttp(url, { timeoutMs, okStatuses: [204], request, intervalMs: 250 });
}

function freePort() {
	return new Promise((resolve, reject) => {
		const server = require('net').createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
		server.on('error', reject);
	});
}

module.exports = { root, pkg, runtimeDir, n8nBin, ensureRuntime, packPackage, installPackage, makeUserFolder, n8nEnv, runN8n, printedRunBeforeCrash, spawnN8n, waitForHttp, waitForWebhook, freePort };
