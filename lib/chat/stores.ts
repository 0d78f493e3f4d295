/**
 * Where Lead Intake remembers conversations (see docs/chat-leads.md): the workflow's static data,
 * for one n8n process, or Redis, exact across processes. Pure of n8n: the node hands in its static
 * data object or a Redis connection. Keys hold a phone number (WhatsApp) or a user id, so they are
 * hashed before they are written anywhere.
 */
import { createHash, randomBytes } from 'crypto';
import { KeyLock } from '../keyLock';
import { isPlainObject } from '../lead/fields';
import { RoutingStoreError } from '../routing/store';
import type { ConversationState, ConversationStore } from './conversation';

/** How many conversations the workflow's static data keeps by default. */
export const DEFAULT_MAX_STATIC_CONVERSATIONS = 1000;
/**
 * UTF-8 bytes of the conversations in static data (as JSON) by default. n8n writes the whole
 * static data back with the workflow after every execution that changed it: this keeps that write
 * bounded (a short conversation is 2-5 KB; a long one up to about 60 KB).
 */
export const DEFAULT_MAX_STATIC_CONVERSATION_BYTES = 2 * 1024 * 1024;
/** The static data field the conversations live under. */
export const STATIC_DATA_CONVERSATIONS_FIELD = 'chatConversations';

/** sha-256 of the key: a phone number is not written as a key name */
function digest(key: string, length: number): string {
	return createHash('sha256').update(key).digest('base64url').slice(0, length);
}

function isConversationState(value: unknown): value is ConversationState {
	return (
		isPlainObject(value) &&
		value.version === 1 &&
		typeof value.conversationId === 'string' &&
		typeof value.firstMessageAt === 'string' &&
		typeof value.lastMessageAt === 'string' &&
		Array.isArray(value.messageIds) &&
		isPlainObject(value.lead) &&
		isPlainObject(value.lead.chat)
	);
}

/** > 0 when `a` has seen more of the conversation than `b`: a later last message, else more message ids. */
function compareStates(a: ConversationState, b: ConversationState): number {
	const byTime = (Date.parse(a.lastMessageAt) || 0) - (Date.parse(b.lastMessageAt) || 0);
	return byTime !== 0 ? byTime : a.messageIds.length - b.messageIds.length;
}

/* ------------------------------------------------------------------------------------------ */
/* Static data                                                                                  */
/* ------------------------------------------------------------------------------------------ */

/** One conversation as kept in static data: touched and expiry times (ms), the state. */
interface StoredConversation {
	t: number;
	x: number;
	s: ConversationState;
}

interface CachedConversation extends StoredConversation {
	/** UTF-8 bytes of the stored JSON, measured once */
	b: number;
}

export interface StaticDataConversationStoreOptions {
	/** at most this many conversations (expired ones go first, then those touched longest ago) */
	maxConversations?: number;
	/** at most this many UTF-8 bytes of conversations, forgotten in the same order */
	maxBytes?: number;
	/** the clock, for expiry (tests) */
	now?: () => number;
}

/**
 * The process's own copy of every scope's conversations. n8n hands each execution the static data
 * as saved after an earlier execution, and saves it only once the execution has finished, the
 * last to finish winning: two executions running at once would each miss the other's message.
 * Within one process this copy is the truth, and every write puts all of it into static data.
 */
const processCaches = new Map<string, Map<string, CachedConversation>>();
const keyLocks = new KeyLock();

/** Forgets this process's copies (tests stand for a restarted n8n with it). */
export function clearConversationCaches(): void {
	processCaches.clear();
}

const byteSize = (entry: StoredConversation) => Buffer.byteLength(JSON.stringify(entry));

/** Takes what static data holds that this process has not seen (after a restart, or written by another process). */
function foldStaticData(cache: Map<string, CachedConversation>, stored: unknown, now: number): void {
	if (!isPlainObject(stored)) return;
	for (const [hashed, entry] of Object.entries(stored)) {
		if (!isPlainObject(entry) || typeof entry.t !== 'number' || typeof entry.x !== 'number' || entry.x <= now || !isConversationState(entry.s)) continue;
		const cached = cache.get(hashed);
		if (cached?.s === entry.s) continue;
		if (cached && cached.x > now && compareStates(entry.s, cached.s) <= 0) continue;
		const loaded: StoredConversation = { t: entry.t, x: entry.x, s: entry.s };
		cache.set(hashed, { ...loaded, b: byteSize(loaded) });
	}
}

/** Expired conversations go first, then those touched longest ago, until both bounds hold; `keep` stays. */
function prune(cache: Map<string, CachedConversation>, now: number, maxConversations: number, maxBytes: number, keep: string): void {
	let bytes = 0;
	for (const [hashed, entry] of cache) {
		if (entry.x <= now && hashed !== keep) cache.delete(hashed);
		else bytes += entry.b;
	}
	if (cache.size <= maxConversations && bytes <= maxBytes) return;
	const oldestFirst = [...cache].filter(([hashed]) => hashed !== keep).sort(([, a], [, b]) => a.t - b.t);
	for (const [hashed, entry] of oldestFirst) {
		if (cache.size <= maxConversations && bytes <= maxBytes) break;
		cache.delete(hashed);
		bytes -= entry.b;
	}
}

/**
 * Conversations in the workflow's static data (`this.getWorkflowStaticData('node')`), for one n8n
 * process: `scope` names the trigger (workflow and node ids). Exact within that process, whatever
 * the number of executions at once; with several processes receiving webhooks (queue mode with
 * webhook processes, several mains) each has its own copy, and the last execution to finish
 * overwrites the others' static data: use Redis there.
 */
export function staticDataConversationStore(staticData: Record<string, unknown>, scope: string, options: StaticDataConversationStoreOptions = {}): ConversationStore {
	const maxConversations = Math.max(1, Math.floor(options.maxConversations ?? DEFAULT_MAX_STATIC_CONVERSATIONS));
	const maxBytes = Math.max(1, Math.floor(options.maxBytes ?? DEFAULT_MAX_STATIC_CONVERSATION_BYTES));
	const clock = options.now ?? Date.now;
	return {
		async update(key, apply, ttlMs) {
			const hashed = digest(key, 24);
			return await keyLocks.run(`${scope}\u0000${hashed}`, () => {
				const now = clock();
				let cache = processCaches.get(scope);
				if (!cache) {
					cache = new Map();
					processCaches.set(scope, cache);
				}
				foldStaticData(cache, staticData[STATIC_DATA_CONVERSATIONS_FIELD], now);
				const current = cache.get(hashed);
				const { state, result } = apply(current && current.x > now ? current.s : null);
				if (state === null) return result;
				const entry: StoredConversation = { t: now, x: now + Math.max(1, ttlMs), s: state };
				cache.set(hashed, { ...entry, b: byteSize(entry) });
				prune(cache, now, maxConversations, maxBytes, hashed);
				const written: Record<string, StoredConversation> = {};
				for (const [name, { t, x, s }] of cache) written[name] = { t, x, s };
				// a new object on the top-level field: n8n's change tracking sees it and saves it
				staticData[STATIC_DATA_CONVERSATIONS_FIELD] = written;
				return result;
			});
		},
	};
}

/* ------------------------------------------------------------------------------------------ */
/* Redis                                                                                        */
/* ------------------------------------------------------------------------------------------ */

/** The one ioredis method the store uses. */
export interface ConversationRedisClient {
	eval(script: string, numKeys: number, ...args: Array<string | number>): Promise<unknown>;
}

export interface RedisConversationStoreOptions {
	/** the host's sleep (n8n's `sleep` in the node), so that lib/ keeps no timers of its own: the wait between tries for a held lock */
	wait: (ms: number) => Promise<void>;
	/** a lock whose holder died is free again after this long */
	lockTtlMs?: number;
	/** how long an update waits for the lock before it fails (and the delivery is retried) */
	maxWaitMs?: number;
}

export const DEFAULT_CONVERSATION_LOCK_TTL_MS = 5_000;
export const DEFAULT_CONVERSATION_LOCK_WAIT_MS = 10_000;
/** An update whose lock expired before it could write starts over at most this many times. */
const MAX_LOST_LOCKS = 3;

/** KEYS[1] lock, KEYS[2] state; ARGV[1] token, ARGV[2] lock TTL (ms). {1, state?} when taken, {0} when held by another. */
const ACQUIRE = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', tonumber(ARGV[2])) then
	local state = redis.call('GET', KEYS[2])
	if state then return {1, state} end
	return {1}
end
return {0}
`;

/**
 * KEYS[1] lock, KEYS[2] state; ARGV[1] token, ARGV[2] state JSON, ARGV[3] TTL (ms). Writes only
 * while the lock is still this caller's (0 otherwise: it expired and another may have written).
 */
const COMMIT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2], 'PX', tonumber(ARGV[3]))
redis.call('DEL', KEYS[1])
return 1
`;

/** KEYS[1] lock; ARGV[1] token. Frees the lock only if it is still this caller's. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** Every key of one trigger's conversations: one Redis Cluster slot per trigger (hash tag). */
export function redisConversationKeyPrefix(scope: string): string {
	return `leadIntakeChat:{${scope.replace(/[{}]/g, '_')}}:`;
}

function parseState(value: unknown): ConversationState | null {
	if (typeof value !== 'string') return null;
	try {
		const parsed: unknown = JSON.parse(value);
		// a value this store cannot read starts the conversation afresh rather than blocking it for good
		return isConversationState(parsed) ? parsed : null;
	} catch {
		return null;
	}
}

/**
 * Conversations in Redis, exact across every n8n process: an update takes a per-conversation lock
 * (SET NX PX with a random token), reads, applies and writes only while it still holds the lock
 * (one script), so no message is lost to a concurrent update. Redis failing throws
 * RoutingStoreError (the trigger answers with an error and the sender retries); errors of `apply`
 * pass through unchanged.
 */
export function redisConversationStore(client: ConversationRedisClient, scope: string, options: RedisConversationStoreOptions): ConversationStore {
	const prefix = redisConversationKeyPrefix(scope);
	const lockTtlMs = Math.max(100, Math.floor(options.lockTtlMs ?? DEFAULT_CONVERSATION_LOCK_TTL_MS));
	const maxWaitMs = Math.max(0, Math.floor(options.maxWaitMs ?? DEFAULT_CONVERSATION_LOCK_WAIT_MS));
	const call = async (script: string, keys: string[], args: Array<string | number>): Promise<unknown> => {
		try {
			return await client.eval(script, keys.length, ...keys, ...args);
		} catch (error) {
			throw new RoutingStoreError(`The conversation store in Redis failed: ${(error as Error).message}`);
		}
	};

	/** the lock and the state read under it */
	const acquire = async (lockKey: string, stateKey: string, token: string): Promise<ConversationState | null> => {
		const deadline = Date.now() + maxWaitMs;
		let delay = 2;
		for (;;) {
			const reply = (await call(ACQUIRE, [lockKey, stateKey], [token, lockTtlMs])) as unknown[];
			if (Number(reply?.[0]) === 1) return parseState(reply[1]);
			if (Date.now() >= deadline) throw new RoutingStoreError(`The conversation is being updated by another execution for longer than ${maxWaitMs} ms`);
			// jitter spreads waiters that were turned away at the same moment
			await options.wait(delay / 2 + Math.random() * delay);
			delay = Math.min(delay * 2, 100);
		}
	};

	return {
		async update(key, apply, ttlMs) {
			const hashed = digest(key, 43);
			const stateKey = `${prefix}c:${hashed}`;
			const lockKey = `${prefix}lock:${hashed}`;
			for (let attempt = 0; attempt <= MAX_LOST_LOCKS; attempt++) {
				const token = randomBytes(16).toString('hex');
				const previous = await acquire(lockKey, stateKey, token);
				let outcome: ReturnType<typeof apply>;
				try {
					outcome = apply(previous);
				} catch (error) {
					await call(RELEASE, [lockKey], [token]).catch(() => undefined);
					throw error;
				}
				if (outcome.state === null) {
					await call(RELEASE, [lockKey], [token]);
					return outcome.result;
				}
				const written = Number(await call(COMMIT, [lockKey, stateKey], [token, JSON.stringify(outcome.state), Math.max(1, Math.floor(ttlMs))]));
				if (written === 1) return outcome.result;
				// the lock expired before the write: another update may have run, so read and apply again
			}
			throw new RoutingStoreError(`The conversation could not be written: its lock expired ${MAX_LOST_LOCKS + 1} times (Redis too slow?)`);
		},
	};
}
