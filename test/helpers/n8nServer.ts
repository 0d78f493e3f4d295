/* eslint-disable @typescript-eslint/no-require-imports */
import fs from 'fs';
import path from 'path';
import type { ChildProcess } from 'child_process';
import { runtime } from './n8nCli';
import { runtimeDir } from './runtime';

type SqliteDatabase = { all(sql: string, params: unknown[], callback: (error: Error | null, rows: unknown[]) => void): void; close(): void };

/** A real `n8n start` on loopback with its own user folder (SQLite), our package installed. */
export class N8nServer {
	readonly userFolder: string;
	readonly logFile: string;
	port = 0;
	private child: ChildProcess | null = null;

	/** `parentFolder`: where the user folder is made (the system's temp folder unless given) */
	constructor(parentFolder?: string) {
		this.userFolder = runtime.makeUserFolder('lq-n8n-', parentFolder);
		this.logFile = path.join(this.userFolder, 'n8n.log');
		runtime.installPackage(this.userFolder);
	}

	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	cli(args: string[]): string {
		return runtime.runN8n(args, { userFolder: this.userFolder });
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

	publish(workflowIds: string[]): void {
		for (const id of workflowIds) this.cli(['publish:workflow', `--id=${id}`]);
	}

	async start(env: Record<string, string> = {}): Promise<void> {
		this.port = await runtime.freePort();
		const brokerPort = await runtime.freePort();
		this.child = runtime.spawnN8n(['start'], {
			userFolder: this.userFolder,
			logFile: this.logFile,
			env: { N8N_PORT: String(this.port), N8N_RUNNERS_BROKER_PORT: String(brokerPort), WEBHOOK_URL: `http://127.0.0.1:${this.port}/`, N8N_LOG_LEVEL: 'info', ...env },
		});
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
		const sqlite3 = require(path.join(runtimeDir(), 'node_modules', 'sqlite3'));
		const db: SqliteDatabase = new sqlite3.Database(path.join(this.userFolder, '.n8n', 'database.sqlite'), sqlite3.OPEN_READONLY);
		try {
			return await new Promise<T[]>((resolve, reject) => db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows as T[]))));
		} finally {
			db.close();
		}
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
		const { parse } = require(path.join(runtimeDir(), 'node_modules', 'flatted'));
		return parse(row.data).resultData.runData;
	}

	/** The output items of one node in one execution, read from n8n's stored execution data. */
	async nodeOutput(executionId: number, nodeName: string, outputIndex = 0): Promise<Array<Record<string, unknown>>> {
		const [row] = await this.query<{ data: string }>('select data from execution_data where executionId = ?', [executionId]);
		const { parse } = require(path.join(runtimeDir(), 'node_modules', 'flatted'));
		const data = parse(row.data);
		const runs = data.resultData.runData[nodeName] ?? [];
		return (runs[0]?.data?.main?.[outputIndex] ?? []).map((item: { json: Record<string, unknown> }) => item.json);
	}

	log(): string {
		return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, 'utf8') : '';
	}
}
