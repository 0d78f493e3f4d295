import { createHash } from 'crypto';
import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';
import { checkAndRecordInRedis, deliveryKeyTtlSeconds, journalReceipt, markJournalDone, redisDeliveryKeyPrefix, replaceJournalItem, triggerScope } from '../../../lib/intake/redisDeduplication';
import { KeyLock } from '../../../lib/keyLock';
import { connectRedis, RoutingStoreError, type RedisCredentials } from '../../../lib/routing';

interface DeduplicationService {
	checkProcessedAndRecord(items: string[], scope: 'node', contextData: { node: INode; workflow: { id: string } }, options: { mode: 'entries'; maxEntries?: number }): Promise<{ new: string[]; processed: string[] }>;
	removeProcessed(items: string[], scope: 'node', contextData: { node: INode; workflow: { id: string } }, options: { mode: 'entries' }): Promise<void>;
}

/** Where delivery keys are remembered: n8n's database, Redis, or the workflow's static data. */
export type DuplicateStore = 'database' | 'redis' | 'staticData';

/** How many delivery keys n8n's database keeps per trigger node; older ones are forgotten first. */
export const MAX_REMEMBERED_KEYS = 20_000;
/**
 * How many the workflow's static data keeps. n8n writes the whole static data back with the
 * workflow after each execution, so it stays small: 1,000 fixed-length digests, about 27 KB.
 */
export const MAX_STATIC_DATA_KEYS = 1000;
const STATIC_DATA_FIELD = 'deliveryKeyDigests';
/** what versions before the bound kept (the keys themselves, up to 20,000 of them) */
const LEGACY_STATIC_DATA_FIELD = 'deliveryKeys';
const RECENT_TTL_MS = 10 * 60_000;
const RECENT_MAX = 50_000;

/**
 * The store chosen for this trigger cannot be used at all (as opposed to: failed this once). No
 * silent fallback to a weaker store: the webhook fails (n8n answers 500, the sender retries) and
 * the reason is in n8n's log.
 */
function storeUnavailable(node: INode, reason: string): NodeOperationError {
	return new NodeOperationError(node, `The duplicate check cannot use the store chosen in Remember Deliveries In: ${reason}`, {
		description: "Choose another store under Remember Deliveries In (Redis, or This Workflow's Static Data for small volumes), or turn off Drop Repeated Deliveries",
	});
}

/**
 * Keys this process recorded in the last minutes. Workflow static data is read when a delivery
 * arrives and saved only after its execution, so a retry arriving in between would not see the
 * first delivery there. Keys are added only once the store has recorded them: a delivery whose
 * check failed was answered with an error, and its retry must run.
 */
const recentKeys = new Map<string, number>();
/** n8n reads, changes and writes its processed-data row; serialised per trigger node within a process */
const scopeLocks = new KeyLock();

function rememberRecent(keys: string[], now: number): void {
	for (const key of keys) {
		recentKeys.delete(key);
		recentKeys.set(key, now + RECENT_TTL_MS);
	}
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


/**
 * n8n's own persistent deduplication store (the one behind `checkProcessedAndRecord` in regular
 * nodes and the Remove Duplicates node; shared by every process on the same database). Webhook
 * contexts do not expose that helper, so the host's service is used directly.
 */
function hostDeduplicationService(node: INode): DeduplicationService {
	// n8n's own copy of n8n-core, as resolved from n8n's entry point, is the one the CLI initialised;
	// the nearest copy (this package's folder upwards) is only another copy when a project that has
	// n8n-core of its own, such as this repository, also holds the n8n user folder
	// Deliberate exception to the restricted-imports rule: n8n-core is not a dependency of this
	// package but n8n's own module, present in every self-hosted n8n 2.x (which this package
	// requires), and the only way a trigger reaches n8n's deduplication table. Where it is
	// missing the user gets the error below and can choose Redis or static data instead.
	// eslint-disable-next-line no-restricted-syntax -- see above: n8n's own module, self-hosted n8n only
	const candidates: Array<() => unknown> = [() => require.main?.require('n8n-core'), () => require('n8n-core')];
	let reason = 'n8n-core could not be loaded';
	for (const load of candidates) {
		let core: { DataDeduplicationService?: { getInstance(): DeduplicationService } } | undefined;
		try {
			core = load() as typeof core;
		} catch (error) {
			reason = `n8n-core could not be loaded (${(error as Error).message})`;
			continue;
		}
		if (!core?.DataDeduplicationService) {
			reason = 'this n8n has no DataDeduplicationService';
			continue;
		}
		try {
			const service = core.DataDeduplicationService.getInstance();
			if (service) return service;
		} catch (error) {
			reason = (error as Error).message;
		}
	}
	throw storeUnavailable(node, `n8n's deduplication service is not available here: ${reason}`);
}

const digest = (key: string) => createHash('sha256').update(key).digest('base64url').slice(0, 24);

function staticDataStore(staticData: IDataObject, keys: string[]): { new: string[]; processed: string[] } {
	// n8n saves static data it sees changed, so only an existing legacy list is deleted
	if (LEGACY_STATIC_DATA_FIELD in staticData) delete staticData[LEGACY_STATIC_DATA_FIELD];
	const stored = Array.isArray(staticData[STATIC_DATA_FIELD]) ? (staticData[STATIC_DATA_FIELD] as string[]) : [];
	const known = new Set(stored);
	const result = { new: [] as string[], processed: [] as string[] };
	for (const key of keys) {
		const hashed = digest(key);
		if (known.has(hashed)) result.processed.push(key);
		else {
			result.new.push(key);
			known.add(hashed);
			stored.push(hashed);
		}
	}
	if (result.new.length > 0) staticData[STATIC_DATA_FIELD] = stored.slice(-MAX_STATIC_DATA_KEYS);
	return result;
}

export interface DeduplicationContext {
	node: INode;
	workflowId: string;
	staticData: IDataObject;
	now: number;
	store: DuplicateStore;
	/**
	 * with store 'database': n8n's processed-data helper of an execute context
	 * (`this.helpers.checkProcessedAndRecord`); triggers, whose context lacks it, use n8n's service
	 */
	checkProcessedAndRecord?: (keys: string[]) => Promise<{ new: string[]; processed: string[] }>;
	/** with store 'redis' (shared by every receiving process) */
	redis?: { credentials: RedisCredentials; windowMinutes: number; journalRetentionSeconds: number; journal?: (leadIndex: number, receipt: string) => string };
}

type RedisClient = Awaited<ReturnType<typeof connectRedis>>;
/** One connection per Redis server and process: a webhook must not pay a TCP handshake per delivery. */
const redisClients = new Map<string, Promise<RedisClient>>();

/** Also the Lead Intake nodes' conversation store's connection (nodes/shared/conversations.ts). */
export async function sharedRedisClient(credentials: RedisCredentials): Promise<RedisClient> {
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

/** Closes this process's Redis connections (tests; n8n closes them when it exits). */
export async function closeSharedRedisClients(): Promise<void> {
	const clients = [...redisClients.values()];
	redisClients.clear();
	await Promise.all(clients.map(async (pending) => await (await pending).quit().catch(() => undefined)));
}

async function filterInRedis(keysPerLead: string[][], context: DeduplicationContext): Promise<number[]> {
	const redis = context.redis;
	if (!redis) throw storeUnavailable(context.node, 'Redis needs a Lead Router Redis credential');
	// one atomic script per delivery: no in-process shortcut needed, and a failed check remembers nothing
	try {
		const client = await sharedRedisClient(redis.credentials);
		const scope = triggerScope(context.workflowId, context.node.id);
		const journal = redis.journal;
		const leads = keysPerLead.map((keys, index) => ({ keys, journal: journal ? { field: keys[0], item: journal(index, journalReceipt(scope, keys[0])) } : null }));
		return await checkAndRecordInRedis(client, { workflowId: context.workflowId, nodeId: context.node.id }, leads, {
			keyTtlSeconds: deliveryKeyTtlSeconds(redis.windowMinutes),
			journalRetentionSeconds: redis.journalRetentionSeconds,
			now: context.now,
		});
	} catch (error) {
		throw error instanceof RoutingStoreError ? error : new RoutingStoreError(`The duplicate check in Redis failed: ${(error as Error).message}`);
	}
}

/**
 * Returns the indexes of the leads not received before, and records all of them, in the store
 * the user chose. Throws a NodeOperationError when that store cannot be used here, and the
 * store's own error when it failed this time; either way nothing is remembered, so the sender's
 * retry is checked afresh.
 */
export async function filterNewLeads(keysPerLead: string[][], context: DeduplicationContext): Promise<{ fresh: number[]; store: DuplicateStore }> {
	if (context.store === 'redis') return { fresh: await filterInRedis(keysPerLead, context), store: 'redis' };
	const scope = `${context.workflowId}:${context.node.id}`;
	const helper = context.store === 'database' ? context.checkProcessedAndRecord : undefined;
	const service = context.store === 'database' && !helper ? hostDeduplicationService(context.node) : null;
	if (!service && !helper && context.store !== 'staticData') throw storeUnavailable(context.node, `unknown store "${String(context.store)}"`);
	if ((service || helper) && !context.workflowId) throw storeUnavailable(context.node, "n8n's deduplication table needs a saved workflow");
	const allKeys = [...new Set(keysPerLead.flat())];
	return await scopeLocks.run(scope, async () => {
		// n8n's helper records at once, and a key forgotten after a failed execution must not linger here
		const duplicateByRecent = keysPerLead.map((keys) => !helper && keys.some((key) => seenRecently(`${scope}:${key}`, context.now)));
		const outcome = helper
			? await helper(allKeys)
			: service
				? await service.checkProcessedAndRecord(allKeys, 'node', { node: context.node, workflow: { id: context.workflowId } }, { mode: 'entries', maxEntries: MAX_REMEMBERED_KEYS })
				: staticDataStore(context.staticData, allKeys);
		if (!helper) rememberRecent(allKeys.map((key) => `${scope}:${key}`), context.now);
		const processed = new Set(outcome.processed);
		const fresh = keysPerLead.map((_, index) => index).filter((index) => !duplicateByRecent[index] && !keysPerLead[index].some((key) => processed.has(key)));
		return { fresh, store: service || helper ? 'database' : 'staticData' };
	});
}

/**
 * Forgets the keys of leads this delivery recorded (and their journal entries), when a later step
 * of the same delivery failed and the sender was asked to retry: the retry must run, not count as
 * a repeat. Best effort: a key that cannot be forgotten makes the retry a repeat, as before.
 * `receipts` are the journal receipts given out for these leads (Keep Leads Until Done).
 */
export async function forgetLeads(keysPerLead: string[][], receipts: string[], context: DeduplicationContext): Promise<void> {
	const keys = [...new Set(keysPerLead.flat())];
	if (keys.length === 0) return;
	const scope = `${context.workflowId}:${context.node.id}`;
	for (const key of keys) recentKeys.delete(`${scope}:${key}`);
	if (context.store === 'redis') {
		if (!context.redis) return;
		const client = await sharedRedisClient(context.redis.credentials);
		const prefix = redisDeliveryKeyPrefix(triggerScope(context.workflowId, context.node.id));
		await client.del(...keys.map((key) => `${prefix}${key}`));
		if (receipts.length > 0) await markJournalDone(client, receipts);
		return;
	}
	if (context.store === 'staticData') {
		const forgotten = new Set(keys.map(digest));
		const stored = context.staticData[STATIC_DATA_FIELD];
		if (Array.isArray(stored)) context.staticData[STATIC_DATA_FIELD] = (stored as string[]).filter((hashed) => !forgotten.has(hashed));
		return;
	}
	// an execute context forgets through its own helper (the Lead Intake node's removeProcessed)
	if (context.checkProcessedAndRecord) return;
	await scopeLocks.run(scope, async () => {
		await hostDeduplicationService(context.node).removeProcessed(keys, 'node', { node: context.node, workflow: { id: context.workflowId } }, { mode: 'entries' });
	});
}

/**
 * Puts each conversation's merged item into the journal entry of its first new message, so Lead
 * Recovery hands out the conversation. Best effort: when Redis fails here, the entry keeps that
 * message's own item, which is still the lead (Lead Score and Lead Router read it as one message).
 */
export async function rejournalConversations(credentials: RedisCredentials, entries: Array<{ receipt: string; item: IDataObject }>): Promise<void> {
	if (entries.length === 0) return;
	try {
		const client = await sharedRedisClient(credentials);
		for (const { receipt, item } of entries) await replaceJournalItem(client, receipt, JSON.stringify(item));
	} catch {
		// see above: the lone message stays journaled
	}
}
