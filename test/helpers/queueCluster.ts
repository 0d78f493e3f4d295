/* eslint-disable @typescript-eslint/no-require-imports */
import path from 'path';
import { runtimeDir } from './runtime';

export interface QueueClusterHandle {
	logDir: string;
	postgresPort: number;
	redisPort: number;
	workers: Array<{ role: string; child: import('child_process').ChildProcess; healthPort: number }>;
	startServices(): Promise<void>;
	importCredentials(credentials: object[]): void;
	importWorkflow(file: string, options?: { publish?: boolean }): void;
	startProcesses(options?: { mainReceivesWebhooks?: boolean }): Promise<void>;
	startWorker(): Promise<number>;
	stopWorker(index: number): Promise<void>;
	killWorker(index: number): Promise<void>;
	waitForWebhooks(paths: string[], baseUrls?: string[], timeoutMs?: number): Promise<void>;
	webhookUrl(): string;
	mainUrl(): string;
	stop(): Promise<void>;
	logs(): Record<string, string>;
}

const { QueueCluster } = require('../../scripts/lib/queueCluster.js') as {
	QueueCluster: new (options?: { workers?: number; workerConcurrency?: number; fastRecovery?: boolean; env?: Record<string, string> }) => QueueClusterHandle;
};

export { QueueCluster };

type PgClient = { connect(): Promise<void>; query(sql: string, params?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>; end(): Promise<void> };

/** Runs one query against the cluster's PostgreSQL with the `pg` driver n8n itself ships. */
export async function queryPostgres<T = Record<string, unknown>>(port: number, sql: string, params: unknown[] = []): Promise<T[]> {
	const { Client } = require(path.join(runtimeDir(), 'node_modules', 'pg')) as { Client: new (options: object) => PgClient };
	const client = new Client({ host: '127.0.0.1', port, user: 'n8n', password: 'n8n', database: 'n8n' });
	await client.connect();
	try {
		return (await client.query(sql, params)).rows as T[];
	} finally {
		await client.end();
	}
}

/** n8n stores execution data flattened (the `flatted` format); this is its run data per node. */
export function parseExecutionData(data: string): { resultData: { runData: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> } }>> } } {
	const { parse } = require(path.join(runtimeDir(), 'node_modules', 'flatted')) as { parse(text: string): ReturnType<typeof parseExecutionData> };
	return parse(data);
}
