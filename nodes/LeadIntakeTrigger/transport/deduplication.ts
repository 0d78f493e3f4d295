import type { IDataObject, INode } from 'n8n-workflow';
import { checkAndRecordInRedis, deliveryKeyTtlSeconds, journalReceipt, redisDeliveryKeyPrefix } from '../../../lib/intake/redisDeduplication';
import { connectRedis, RoutingStoreError, type RedisCredentials } from '../../../lib/routing';

interface DeduplicationService {
	checkProcessedAndRecord(items: string[], scope: 'node', contextData: { node: INode; workflow: { id: string } }, options: { mode: 'entries'; maxEntries?: number }): Promise<{ new: string[]; processed: string[] }>;
}

/** How many delivery keys n8n keeps per trigger node; older ones are forgotten first. */
export const MAX_REMEMBERED_KEYS = 20_000;
const RECENT_TTL_MS = 10 * 60_000;
const RECENT_MAX = 50_000;

/**
 * Keys this process saw in the last minutes. Retries often arrive while the first delivery is
 * still being recorded; checking here first (synchronously) closes that gap inside one process.
 */
const recentKeys = new Map<string, number>();
const scopeLocks = new Map<string, Promise<unknown>>();

function rememberRecent(keys: string[], now: number): void {
	for (const key of keys) recentKeys.set(key, now + RECENT_TTL_MS);
	if (recentKeys.size > RECENT_MAX) {
		for (const [key, expires] of recentKeys) {
			if (expires < now || recentKeys.size > RECENT_MAX) recentKeys.delete(key);
			else break;
		}
	}
}

function seenRecently(key: string, now: number): boolean {
	const expires = recentKeys.get(key);
	return expires !== undefined && expires >= now;
}

/** n8n reads, changes and writes its processed-data row; serialise that per trigger node within a process. */
async function withScopeLock<T>(scope: string, task: () => Promise<T>): Promise<T> {
	const previous = scopeLocks.get(scope) ?? Promise.resolve();
	const run = previous.then(task, task);
	const tail = run.catch(() => undefined);
	scopeLocks.set(scope, tail);
	try {
		return await run;
	} finally {
		if (scopeLocks.get(scope) === tail) scopeLocks.delete(scope);
	}
}

/**
 * n8n's own persistent deduplication store (the one behind `checkProcessedAndRecord` in regular
 * nodes; shared by every process on the same database). Webhook contexts do not expose the
 * helper, so the host's service is used directly; where it is not available (an n8n without it,
 * in-process tests), workflow static data is the fallback.
 */
function hostDeduplicationService(): DeduplicationService | null {
	try {
		const core = require('n8n-core') as { DataDeduplicationService?: { getInstance(): DeduplicationService } };
		return core.DataDeduplicationService?.getInstance() ?? null;
	} catch {
		return null;
	}
}

function staticDataStore(staticData: IDataObject, keys: string[]): { new: string[]; processed: string[] } {
	const stored = Array.isArray(staticData.deliveryKeys) ? (staticData.deliveryKeys as string[]) : [];
	const known = new Set(stored);
	const result = { new: [] as string[], processed: [] as string[] };
	for (const key of keys) {
		if (known.has(key)) result.processed.push(key);
		else {
			result.new.push(key);
			known.add(key);
			stored.push(key);
		}
	}
	staticData.deliveryKeys = stored.slice(-MAX_REMEMBERED_KEYS);
	return result;
}

export interface DeduplicationContext {
	node: INode;
	workflowId: string;
	staticData: IDataObject;
	now: number;
	/** set when the keys live in Redis (shared by every receiving process) instead of n8n's database */
	redis?: { credentials: RedisCredentials; windowMinutes: number; journal?: (leadIndex: number, receipt: string) => string };
}

type RedisClient = Awaited<ReturnType<typeof connectRedis>>;
/** One connection per Redis server and process: a webhook must not pay a TCP handshake per delivery. */
const redisClients = new Map<string, Promise<RedisClient>>();

async function sharedRedisClient(credentials: RedisCredentials): Promise<RedisClient> {
	const id = JSON.stringify([credentials.host, credentials.port, credentials.database, credentials.user, credentials.password, credentials.ssl, credentials.disableTlsVerification]);
	let client = redisClients.get(id);
	if (!client) {
		client = connectRedis(credentials);
		redisClients.set(id, client);
		client.then(
			(connected) => connected.on('end', () => redisClients.delete(id)),
			() => redisClients.delete(id),
		);
	}
	return await client;
}

/** Returns the indexes of the leads not received before, and records all of them. */
export async function filterNewLeads(keysPerLead: string[][], context: DeduplicationContext): Promise<{ fresh: number[]; store: 'n8n' | 'staticData' | 'redis' }> {
	const scope = `${context.workflowId}:${context.node.id}`;
	if (context.redis) {
		// one atomic script per delivery: no in-process shortcut needed, and a failed check remembers nothing
		let fresh: number[];
		try {
			const client = await sharedRedisClient(context.redis.credentials);
			const journal = context.redis.journal;
			const leads = keysPerLead.map((keys, index) => ({ keys, journal: journal ? { field: keys[0], item: journal(index, journalReceipt(scope, keys[0])) } : null }));
			fresh = await checkAndRecordInRedis(client, redisDeliveryKeyPrefix(scope), leads, deliveryKeyTtlSeconds(context.redis.windowMinutes), context.now);
		} catch (error) {
			throw error instanceof RoutingStoreError ? error : new RoutingStoreError(`The duplicate check in Redis failed: ${(error as Error).message}`);
		}
		return { fresh, store: 'redis' };
	}
	const duplicateByRecent = keysPerLead.map((keys) => keys.some((key) => seenRecently(`${scope}:${key}`, context.now)));
	rememberRecent(keysPerLead.flat().map((key) => `${scope}:${key}`), context.now);
	const allKeys = [...new Set(keysPerLead.flat())];
	const service = hostDeduplicationService();
	const outcome = await withScopeLock(scope, async () => {
		if (service && context.workflowId) {
			return await service.checkProcessedAndRecord(allKeys, 'node', { node: context.node, workflow: { id: context.workflowId } }, { mode: 'entries', maxEntries: MAX_REMEMBERED_KEYS });
		}
		return staticDataStore(context.staticData, allKeys);
	});
	const processed = new Set(outcome.processed);
	const fresh = keysPerLead.map((keys, index) => index).filter((index) => !duplicateByRecent[index] && !keysPerLead[index].some((key) => processed.has(key)));
	return { fresh, store: service && context.workflowId ? 'n8n' : 'staticData' };
}
