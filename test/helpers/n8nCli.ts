/* eslint-disable @typescript-eslint/no-require-imports */
import fs from 'fs';
import path from 'path';

interface RuntimeModule {
	root: string;
	installPackage(userFolder: string): string;
	makeUserFolder(prefix?: string, parent?: string): string;
	n8nEnv(userFolder: string, extra?: Record<string, string>): Record<string, string>;
	runN8n(args: string[], options: { userFolder: string; env?: Record<string, string>; timeoutMs?: number }): string;
	spawnN8n(args: string[], options: { userFolder: string; env?: Record<string, string>; logFile: string }): import('child_process').ChildProcess;
	waitForHttp(url: string, options?: { timeoutMs?: number; okStatuses?: number[]; readyBody?: RegExp | null }): Promise<void>;
	waitForWebhook(url: string, options?: { timeoutMs?: number }): Promise<void>;
	freePort(): Promise<number>;
}

export const runtime: RuntimeModule = require('../../scripts/lib/runtime.js');

/** A fresh n8n user folder (own SQLite database) with our packed package installed. */
export function freshN8n(): { userFolder: string; run(args: string[], env?: Record<string, string>): string } {
	const userFolder = runtime.makeUserFolder();
	runtime.installPackage(userFolder);
	return { userFolder, run: (args, env) => runtime.runN8n(args, { userFolder, env }) };
}

/** `n8n execute --rawOutput` prints log lines before the run's JSON. */
export function parseRawOutput(stdout: string): { data: { resultData: { runData: Record<string, Array<{ data?: { main: Array<Array<{ json: Record<string, unknown>; pairedItem?: unknown }> | null> }; error?: { message: string } }>>; error?: { message: string } } } } {
	const start = stdout.search(/^\{/m);
	if (start === -1) throw new Error(`no JSON in n8n output:\n${stdout.slice(-2000)}`);
	return JSON.parse(stdout.slice(start));
}

export function importWorkflowObject(n8n: { userFolder: string; run(args: string[]): string }, workflow: object): void {
	const file = path.join(n8n.userFolder, `workflow-${Math.random().toString(36).slice(2)}.json`);
	fs.writeFileSync(file, JSON.stringify(workflow));
	n8n.run(['import:workflow', `--input=${file}`]);
}
