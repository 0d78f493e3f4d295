/* eslint-disable @typescript-eslint/no-require-imports */
import fs from 'fs';
import path from 'path';
import { execFileSync, spawn, type ChildProcess } from 'child_process';
import { runtime } from './n8nCli';
import { runtimeDir, type N8nRuntime } from './runtime';

type SqliteDatabase = { all(sql: string, params: unknown[], callback: (error: Error | null, rows: unknown[]) => void): void; close(): void };

/**
 * A real `n8n start` on loopback with its own user folder (SQLite), our package installed.
 * `options.runtime`: another n8n than the pinned one (e.g. runtime1x()), run on its own Node.
 */
export class N8nServer {
	readonly userFolder: string;
	readonly logFile: string;
	port = 0;
	private child: ChildProcess | null = null;
	private readonly other: N8nRuntime | null;

	/** `parentFolder`: where the user folder is made (the system's temp folder unless given) */
	constructor(parentFolder?: string, options: { runtime?: N8nRuntime } = {}) {
		this.other = options.runtime ?? null;
		this.userFolder = runtime.makeUserFolder('lq-n8n-', parentFolder);
		this.logFile = path.join(this.userFolder, 'n8n.log');
		runtime.installPackage(this.userFolder);
	}

	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	private get n8nDir(): string {
		return this.other ? this.other.dir : runtimeDir();
	}

	/** the environment of an n8n of `this.other`: its own Node first on PATH, its own settings */
	private otherEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
		const other = this.other as N8nRuntime;
		const env = runtime.n8nEnv(this.userFolder, { ...other.env, ...extra });
		return { ...env, PATH: `${path.dirname(other.nodeBin)}:${process.env.PATH}` };
	}

	private otherBin(): string {
		return path.join(this.n8nDir, 'node_modules', 'n8n', 'bin', 'n8n');
	}

	cli(args: string[]): string {
		if (!this.other) return runtime.runN8n(args, { userFolder: this.userFolder });
		const brokerPort = String(40000 + Math.floor(Math.random() * 20000));
		try {
			return execFileSync(this.other.nodeBin, [this.otherBin(), ...args], { env: this.otherEnv({ N8N_RUNNERS_BROKER_PORT: brokerPort }), encoding: 'utf8', timeout: 180_000, maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
		} catch (error) {
			const failed = error as Error & { stdout?: string; stderr?: string; status?: number; signal?: string };
			failed.message = `${failed.message}\n(n8n ${this.other.version}, exit status ${failed.status}, signal ${failed.signal})\n--- stdout (end) ---\n${String(failed.stdout ?? '').slice(-3000)}\n--- stderr (end) ---\n${String(failed.stderr ?? '').slice(-3000)}`;
			throw failed;
		}
	}

	importWorkflows(workflows: object[]): void {
		for (const workflow of workflows) {
			const file = path.join(this.userFolder, `wf-${(workflow as { id: string }).id}.json`);
			fs.writeFileSync(file, JSON.stringify(workflow));
			this.cli(['import:workflow', `--input=${file}`]);
		}
	}

	importCredentials(credentials: object[]): void {
		const file = path.join(this.userFolder, 'credentials.json');
		fs.writeFileSync(file, JSON.stringify(credentials));
		this.cli(['import:credentials', `--input=${file}`]);
	}

	/**
	 * Publishes (activates) imported workflows before `start()`, as `n8n publish:workflow` does (its
	 * WorkflowRepository.publishVersion: the current version, which must be in the workflow history,
	 * becomes the active one), in one database write instead of one n8n boot per workflow.
	 */
	publish(workflowIds: string[]): void {
		if (workflowIds.length === 0) return;
		if (this.child) {
			// a running n8n activates only what it reads at start: publish through n8n itself
			for (const id of workflowIds) this.cli(this.other ? this.other.publishArgs(id) : ['publish:workflow', `--id=${id}`]);
			return;
		}
		const marks = workflowIds.map(() => '?').join(', ');
		const changed = this.write(
			`update workflow_entity set active = 1, activeVersionId = versionId
			 where id in (${marks}) and isArchived = 0
			 and exists (select 1 from workflow_history h where h.workflowId = workflow_entity.id and h.versionId = workflow_entity.versionId)`,
			workflowIds,
		);
		if (changed !== workflowIds.length) throw new Error(`published ${changed} of the workflows ${workflowIds.join(', ')}: each must be imported, not archived, with its version in the history`);
	}

	/** one write to this server's database with its runtime's own Node and sqlite3; returns the rows changed */
	private write(sql: string, params: unknown[]): number {
		const script = `const sqlite3 = require(process.argv[1]); const db = new sqlite3.Database(process.argv[2]);
db.run(process.argv[3], JSON.parse(process.argv[4]), function (error) { if (error) { console.error(error.message); process.exit(1); } process.stdout.write(String(this.changes)); db.close(); });`;
		const nodeBin = this.other ? this.other.nodeBin : process.execPath;
		const stdout = execFileSync(nodeBin, ['-e', script, path.join(this.n8nDir, 'node_modules', 'sqlite3'), path.join(this.userFolder, '.n8n', 'database.sqlite'), sql, JSON.stringify(params)], { encoding: 'utf8' });
		return Number(stdout);
	}

	async start(env: Record<string, string> = {}): Promise<void> {
		this.port = await runtime.freePort();
		const brokerPort = await runtime.freePort();
		const serverEnv = { N8N_PORT: String(this.port), N8N_RUNNERS_BROKER_PORT: String(brokerPort), WEBHOOK_URL: `http://127.0.0.1:${this.port}/`, N8N_LOG_LEVEL: 'info', ...env };
		if (this.other) {
			const out = fs.openSync(this.logFile, 'a');
			this.child = spawn(this.other.nodeBin, [this.otherBin(), 'start'], { env: this.otherEnv(serverEnv), stdio: ['ignore', out, out] });
			fs.closeSync(out);
		} else {
			this.child = runtime.spawnN8n(['start'], { userFolder: this.userFolder, logFile: this.logFile, env: serverEnv });
		}
		await runtime.waitForHttp(`${this.baseUrl}/healthz`, { timeoutMs: 180_000 });
	}

	/** Published workflows are activated after n8n reports healthy; a preflight on each path tells when. */
	async waitForWebhooks(paths: string[], timeoutMs = 120_000): Promise<void> {
		for (const webhookPath of paths) await runtime.waitForWebhook(`${this.baseUrl}/webhook/${webhookPath}`, { timeoutMs });
	}

	async stop(): Promise<void> {
		const child = this.child;
		if (!child || child.exitCode !== null) return;
		await new Promise<void>((resolve) => {
			const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
			child.once('exit', () => {
				clearTimeout(timer);
				resolve();
			});
			child.kill('SIGTERM');
		});
	}

	async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
		const database = path.join(this.userFolder, '.n8n', 'database.sqlite');
		// that runtime's sqlite3 is built for its own Node, so the query runs there
		if (this.other) return this.queryWithOtherNode<T>(database, sql, params);
		const sqlite3 = require(path.join(runtimeDir(), 'node_modules', 'sqlite3'));
		const db: SqliteDatabase = new sqlite3.Database(database, sqlite3.OPEN_READONLY);
		try {
			return await new Promise<T[]>((resolve, reject) => db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows as T[]))));
		} finally {
			db.close();
		}
	}

	private async queryWithOtherNode<T>(database: string, sql: string, params: unknown[]): Promise<T[]> {
		const script = `const sqlite3 = require(process.argv[1]); const db = new sqlite3.Database(process.argv[2], sqlite3.OPEN_READONLY);
db.all(process.argv[3], JSON.parse(process.argv[4]), (error, rows) => { if (error) { console.error(error.message); process.exit(1); } process.stdout.write(JSON.stringify(rows)); db.close(); });`;
		const stdout = await new Promise<string>((resolve, reject) => {
			const child = spawn((this.other as N8nRuntime).nodeBin, ['-e', script, path.join(this.n8nDir, 'node_modules', 'sqlite3'), database, sql, JSON.stringify(params)], { stdio: ['ignore', 'pipe', 'pipe'] });
			let out = '';
			let err = '';
			child.stdout.on('data', (chunk) => (out += chunk));
			child.stderr.on('data', (chunk) => (err += chunk));
			child.on('error', reject);
			child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`sqlite query failed: ${err}`))));
		});
		return JSON.parse(stdout) as T[];
	}

	/** Waits until the workflow has `count` finished executions (or the timeout passes) and returns them. */
	async executions(workflowId: string, { atLeast = 0, timeoutMs = 20_000 } = {}): Promise<Array<{ id: number; status: string }>> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const rows = await this.query<{ id: number; status: string; finished: number }>('select id, status, finished from execution_entity where workflowId = ? order by id', [workflowId]);
			const settled = rows.every((row) => row.status !== 'running' && row.status !== 'new');
			if ((rows.length >= atLeast && settled) || Date.now() > deadline) return rows;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/** n8n's stored execution data of one execution: per node name, its runs. */
	async runData(executionId: number): Promise<Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> }; error?: { message: string } }>>> {
		const [row] = await this.query<{ data: string }>('select data from execution_data where executionId = ?', [executionId]);
		const { parse } = require(path.join(this.n8nDir, 'node_modules', 'flatted'));
		return parse(row.data).resultData.runData;
	}

	/** The output items of one node in one execution, read from n8n's stored execution data. */
	async nodeOutput(executionId: number, nodeName: string, outputIndex = 0): Promise<Array<Record<string, unknown>>> {
		const [row] = await this.query<{ data: string }>('select data from execution_data where executionId = ?', [executionId]);
		const { parse } = require(path.join(this.n8nDir, 'node_modules', 'flatted'));
		const data = parse(row.data);
		const runs = data.resultData.runData[nodeName] ?? [];
		return (runs[0]?.data?.main?.[outputIndex] ?? []).map((item: { json: Record<string, unknown> }) => item.json);
	}

	log(): string {
		return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, 'utf8') : '';
	}
}
