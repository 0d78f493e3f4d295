// n8n in queue mode on loopback, the way agencies scale it out: PostgreSQL and Redis (throwaway
// servers from Debian's packages), one main instance, one webhook processor and N workers of the
// pinned n8n, each process with its own user folder holding our installed package.
// Used by `npm run start:queue` and by the scale test.
const { execFileSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const runtime = require('./runtime.js');

const POSTGRES_SCRIPT = path.join(runtime.root, 'scripts', 'postgres-test-server.sh');
const REDIS_SCRIPT = path.join(runtime.root, 'scripts', 'redis-test-server.sh');

/**
 * A killed worker holds its jobs until the lock expires; n8n's defaults (60 s lock, 30 s stalled
 * check) are tuned for long workflows. Lead workflows take milliseconds, so a shorter lock hands a
 * dead worker's leads to a live one within seconds. Users can keep n8n's defaults.
 */
/**
 * n8n 2.x evaluates expressions in an isolated-vm sandbox ('vm'). By default it creates one per
 * execution, per delivery to any community trigger (only its own Webhook node is exempt) and per
 * credential read, used or not: that capped a webhook processor at about 4–7 deliveries/s on
 * 2 cores (measured). With N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true n8n creates a sandbox only
 * when an expression is evaluated, and the lead workflows here evaluate none (Lead Intake Trigger
 * version 2 declares its webhook fields natively). The sandbox stays for every expression that
 * does run. `npm run bench` compares that with n8n's default (webhook path).
 */
const DEFAULT_EXPRESSION_ENV = { N8N_EXPRESSION_ENGINE: 'vm', N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' };

const FAST_RECOVERY = { QUEUE_WORKER_LOCK_DURATION: '8000', QUEUE_WORKER_LOCK_RENEW_TIME: '2000', QUEUE_WORKER_STALLED_INTERVAL: '4000' };

function stopChild(child, timeoutMs = 20000) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve();
		});
		child.kill('SIGTERM');
	});
}

class QueueCluster {
	constructor({ workers = 2, workerConcurrency = 10, logDir, fastRecovery = true, env = {}, roleEnv = {} } = {}) {
		/** extra environment per role: main, webhook, worker */
		this.roleEnv = roleEnv;
		this.workerCount = workers;
		this.workerConcurrency = workerConcurrency;
		this.fastRecovery = fastRecovery;
		this.extraEnv = env;
		this.logDir = logDir || runtime.makeUserFolder('lq-queue-');
		this.postgresPort = 0;
		this.redisPort = 0;
		this.encryptionKey = crypto.randomBytes(24).toString('hex');
		this.main = null;
		this.webhook = null;
		this.workers = [];
		this.userFolders = {};
	}

	/** The environment every process of the cluster shares (database, queue, encryption key). */
	sharedEnv() {
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.postgresPort),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: 'n8n',
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(this.redisPort),
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'warn',
			N8N_EXPRESSION_ENGINE: process.env.N8N_EXPRESSION_ENGINE || DEFAULT_EXPRESSION_ENV.N8N_EXPRESSION_ENGINE,
			N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: process.env.N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE || DEFAULT_EXPRESSION_ENV.N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE,
			...(this.fastRecovery ? FAST_RECOVERY : {}),
			...this.extraEnv,
		};
	}

	userFolder(role) {
		if (!this.userFolders[role]) {
			const folder = path.join(this.logDir, role);
			fs.mkdirSync(folder, { recursive: true });
			runtime.installPackage(folder);
			this.userFolders[role] = folder;
		}
		return this.userFolders[role];
	}

	logFile(role) {
		return path.join(this.logDir, `${role}.log`);
	}

	/** Starts PostgreSQL and Redis and migrates n8n's schema (the import commands do it). */
	async startServices() {
		this.postgresPort = Number(execFileSync('bash', [POSTGRES_SCRIPT, 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim());
		this.redisPort = Number(execFileSync('bash', [REDIS_SCRIPT, 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim());
	}

	cli(args) {
		return runtime.runN8n(args, { userFolder: this.userFolder('main'), env: this.sharedEnv(), timeoutMs: 300000 });
	}

	importCredentials(credentials) {
		const file = path.join(this.logDir, `credentials-${Date.now()}.json`);
		fs.writeFileSync(file, JSON.stringify(credentials));
		this.cli(['import:credentials', `--input=${file}`]);
		fs.rmSync(file);
	}

	importWorkflow(file, { publish = true } = {}) {
		this.cli(['import:workflow', `--input=${file}`]);
		if (publish) this.cli(['publish:workflow', `--id=${JSON.parse(fs.readFileSync(file, 'utf8')).id}`]);
	}

	async startMain({ receivesWebhooks = true } = {}) {
		this.mainPort = await runtime.freePort();
		this.webhookPort = this.webhookPort || (await runtime.freePort());
		this.main = runtime.spawnN8n(['start'], {
			userFolder: this.userFolder('main'),
			logFile: this.logFile('main'),
			env: {
				...this.sharedEnv(),
				N8N_PORT: String(this.mainPort),
				N8N_RUNNERS_BROKER_PORT: String(await runtime.freePort()),
				// the URL the editor shows for production webhooks: the webhook processor's
				WEBHOOK_URL: `http://127.0.0.1:${this.webhookPort}/`,
				N8N_DISABLE_PRODUCTION_MAIN_PROCESS: receivesWebhooks ? 'false' : 'true',
				...this.roleEnv.main,
			},
		});
		await runtime.waitForHttp(`http://127.0.0.1:${this.mainPort}/healthz`, { timeoutMs: 240000 });
	}

	async startWebhookProcessor() {
		this.webhookPort = this.webhookPort || (await runtime.freePort());
		this.webhook = runtime.spawnN8n(['webhook'], {
			userFolder: this.userFolder('webhook'),
			logFile: this.logFile('webhook'),
			env: { ...this.sharedEnv(), N8N_PORT: String(this.webhookPort), N8N_RUNNERS_BROKER_PORT: String(await runtime.freePort()), WEBHOOK_URL: `http://127.0.0.1:${this.webhookPort}/`, ...this.roleEnv.webhook },
		});
		await runtime.waitForHttp(`http://127.0.0.1:${this.webhookPort}/healthz`, { timeoutMs: 240000 });
	}

	/** Starts one more worker and waits until it takes jobs; returns its index. */
	async startWorker() {
		const index = this.workers.length;
		const role = `worker${index + 1}`;
		const worker = { role, child: null, healthPort: 0 };
		// reserve the slot before awaiting, so workers started together get distinct names
		this.workers.push(worker);
		worker.healthPort = await runtime.freePort();
		worker.child = runtime.spawnN8n(['worker', `--concurrency=${this.workerConcurrency}`], {
			userFolder: this.userFolder(role),
			logFile: this.logFile(role),
			env: { ...this.sharedEnv(), QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(worker.healthPort), N8N_RUNNERS_BROKER_PORT: String(await runtime.freePort()), ...this.roleEnv.worker },
		});
		await runtime.waitForHttp(`http://127.0.0.1:${worker.healthPort}/healthz/readiness`, { timeoutMs: 240000 });
		return index;
	}

	/** Starts main, webhook processor and the workers; services must be up and workflows imported. */
	async startProcesses({ mainReceivesWebhooks = true } = {}) {
		await this.startMain({ receivesWebhooks: mainReceivesWebhooks });
		await Promise.all([this.startWebhookProcessor(), ...Array.from({ length: this.workerCount }, () => this.startWorker())]);
	}

	/** SIGKILL, as when a machine or container dies: no graceful shutdown, jobs left mid-flight. */
	killWorker(index) {
		const worker = this.workers[index];
		worker.child.kill('SIGKILL');
		return new Promise((resolve) => (worker.child.exitCode !== null || worker.child.signalCode !== null ? resolve() : worker.child.once('exit', () => resolve())));
	}

	/** A graceful stop: the worker finishes its running jobs first, as on a scale-down. */
	async stopWorker(index) {
		await stopChild(this.workers[index].child, 60000);
	}

	async waitForWebhooks(paths, baseUrls = [this.webhookUrl()], timeoutMs = 180000) {
		for (const base of baseUrls) {
			for (const webhookPath of paths) {
				await runtime.waitForWebhook(`${base}/webhook/${webhookPath}`, { timeoutMs });
			}
		}
	}

	webhookUrl() {
		return `http://127.0.0.1:${this.webhookPort}`;
	}

	mainUrl() {
		return `http://127.0.0.1:${this.mainPort}`;
	}

	async stop() {
		await Promise.all(this.workers.map((worker) => stopChild(worker.child)));
		await stopChild(this.webhook);
		await stopChild(this.main);
		if (this.redisPort) execFileSync('bash', [REDIS_SCRIPT, 'stop', String(this.redisPort)], { stdio: 'ignore' });
		if (this.postgresPort) execFileSync('bash', [POSTGRES_SCRIPT, 'stop', String(this.postgresPort)], { stdio: 'ignore' });
		this.redisPort = 0;
		this.postgresPort = 0;
	}

	logs() {
		return Object.fromEntries(['main', 'webhook', ...this.workers.map((w) => w.role)].map((role) => [role, fs.existsSync(this.logFile(role)) ? fs.readFileSync(this.logFile(role), 'utf8') : '']));
	}
}

module.exports = { QueueCluster };
