/**
 * The Redis conversation store against a real redis-server (Debian package), started by
 * scripts/redis-test-server.sh as in test/unit/routing/redis-store.test.ts. Each ioredis
 * connection stands for another n8n process. Expected ids and counts are typed out by hand.
 */
import { execFileSync } from 'child_process';
import path from 'path';
import Redis from 'ioredis';
import { updateConversation, type ConversationState } from '../../../lib/chat/conversation';
import { redisConversationKeyPrefix, redisConversationStore, type ConversationRedisClient } from '../../../lib/chat/stores';
import { connectRedis, RoutingStoreError } from '../../../lib/routing';
import { chatLead } from './chatLead';

jest.setTimeout(60_000);

const SCRIPT = path.join(__dirname, '..', '..', '..', 'scripts', 'redis-test-server.sh');
const DAY = 24 * 3600 * 1000;
const OPTIONS = { windowMs: DAY, now: Date.parse('2026-12-01T12:00:00.000Z') };
const wait = async (ms: number) => await new Promise<void>((resolve) => setTimeout(resolve, ms));

let port = 0;
let admin: Redis;
const clients: Redis[] = [];
let scopeCounter = 0;
const freshScope = () => `wf${++scopeCounter}:node`;

async function client(): Promise<Redis> {
	const connected = await connectRedis({ host: '127.0.0.1', port });
	clients.push(connected);
	return connected;
}

/** the state stored for `key`, read through the store without writing */
async function readState(redis: ConversationRedisClient, scope: string, key: string): Promise<ConversationState | null> {
	return await redisConversationStore(redis, scope, { wait }).update(key, (state) => ({ state: null, result: state }), 1000);
}

const ids = (count: number, prefix: string) => Array.from({ length: count }, (_, index) => `${prefix}${String(index + 1).padStart(2, '0')}`);

beforeAll(async () => {
	port = Number(execFileSync('bash', [SCRIPT, 'start'], { encoding: 'utf8', timeout: 240_000, stdio: ['ignore', 'pipe', 'inherit'] }).trim());
	expect(port).toBeGreaterThan(0);
	admin = new Redis({ host: '127.0.0.1', port, lazyConnect: true });
	await admin.connect();
}, 300_000);

afterAll(async () => {
	for (const connected of clients) await connected.quit().catch(() => undefined);
	await admin?.quit();
	if (port) execFileSync('bash', [SCRIPT, 'stop', String(port)], { stdio: 'inherit' });
});

describe('redisConversationStore', () => {
	it('30 concurrent updates of one conversation from 30 connections end with exactly 30 messages', async () => {
		const scope = freshScope();
		const connections = await Promise.all(Array.from({ length: 30 }, async () => await client()));
		const expected = ids(30, 'wamid.S');
		const merges = await Promise.all(
			connections.map(async (connection, index) => {
				const lead = chatLead(expected[index], `2026-12-01T10:00:${String(index + 1).padStart(2, '0')}.000Z`, `message ${index + 1}`);
				return await updateConversation(redisConversationStore(connection, scope, { wait }), lead, OPTIONS);
			}),
		);
		expect(merges.filter((merge) => merge.outcome === 'new')).toHaveLength(1);
		expect(merges.filter((merge) => merge.outcome === 'updated')).toHaveLength(29);
		const state = await readState(admin, scope, 'whatsapp:106540352242922:989121234567');
		expect(state?.lead.chat?.messages.map((message) => message.id)).toEqual(expected);
		expect([...(state?.messageIds ?? [])].sort()).toEqual(expected);
		expect(state?.lead.events).toHaveLength(30);
		// whichever update came first, the conversation is named after the earliest message
		expect(state?.lead.chat?.firstMessageAt).toBe('2026-12-01T10:00:01.000Z');
		expect(state?.lead.chat?.lastMessageAt).toBe('2026-12-01T10:00:30.000Z');
	});

	it('drops a retried message from another connection, and stores the conversation under a hashed key with its TTL', async () => {
		const scope = freshScope();
		const [a, b] = [await client(), await client()];
		const lead = chatLead('wamid.T1', '2026-12-01T10:00:00.000Z', 'hi');
		expect((await updateConversation(redisConversationStore(a, scope, { wait }), lead, OPTIONS)).outcome).toBe('new');
		expect((await updateConversation(redisConversationStore(b, scope, { wait }), lead, OPTIONS)).outcome).toBe('repeated');
		const keys = await admin.keys(`${redisConversationKeyPrefix(scope)}*`);
		expect(keys).toHaveLength(1);
		expect(keys[0]).not.toContain('989121234567');
		const ttl = await admin.pttl(keys[0]);
		// the window (24 h) plus an hour
		expect(ttl).toBeGreaterThan(24 * 3600 * 1000);
		expect(ttl).toBeLessThanOrEqual(25 * 3600 * 1000);
	});

	it('reads and applies again when its lock expired before it could write (the write is fenced by the lock token)', async () => {
		const scope = freshScope();
		const connection = await client();
		const prefix = redisConversationKeyPrefix(scope);
		let commits = 0;
		// the first write finds its lock gone, as if it had stalled past the lock's TTL
		const stalling: ConversationRedisClient = {
			async eval(script, numKeys, ...args) {
				if (script.includes("redis.call('SET', KEYS[2], ARGV[2]") && commits++ === 0) await admin.del(String(args[0]));
				return await connection.eval(script, numKeys, ...args);
			},
		};
		await updateConversation(redisConversationStore(connection, scope, { wait }), chatLead('wamid.U1', '2026-12-01T10:00:00.000Z', 'one'), OPTIONS);
		let applied = 0;
		const merge = await redisConversationStore(stalling, scope, { wait }).update(
			'whatsapp:106540352242922:989121234567',
			(state) => {
				applied += 1;
				return { state: state && { ...state, messageIds: [...state.messageIds, `extra${applied}`] }, result: applied };
			},
			60_000,
		);
		expect(merge).toBe(2);
		expect(commits).toBe(2);
		const state = await readState(admin, scope, 'whatsapp:106540352242922:989121234567');
		expect(state?.messageIds).toEqual(['wamid.U1', 'extra2']);
		expect(await admin.keys(`${prefix}lock:*`)).toEqual([]);
	});

	it('fails with RoutingStoreError when another holds the lock for longer than it may wait', async () => {
		const scope = freshScope();
		const connection = await client();
		const digest = (await import('crypto')).createHash('sha256').update('whatsapp:106540352242922:989121234567').digest('base64url');
		await admin.set(`${redisConversationKeyPrefix(scope)}lock:${digest}`, 'someone-else', 'PX', 60_000);
		const update = updateConversation(redisConversationStore(connection, scope, { wait, maxWaitMs: 50 }), chatLead('wamid.V1', '2026-12-01T10:00:00.000Z', 'hi'), OPTIONS);
		await expect(update).rejects.toBeInstanceOf(RoutingStoreError);
		await admin.del(`${redisConversationKeyPrefix(scope)}lock:${digest}`);
	});

	it('lets an error of apply through and frees the lock', async () => {
		const scope = freshScope();
		const store = redisConversationStore(await client(), scope, { wait, maxWaitMs: 0 });
		await expect(
			store.update('k', () => {
				throw new TypeError('broken lead');
			}, 1000),
		).rejects.toThrow(TypeError);
		expect(await admin.keys(`${redisConversationKeyPrefix(scope)}*`)).toEqual([]);
		await expect(store.update('k', () => ({ state: null, result: 'free' }), 1000)).resolves.toBe('free');
	});

	it('throws RoutingStoreError when the Redis server is gone', async () => {
		const ownPort = Number(execFileSync('bash', [SCRIPT, 'start'], { encoding: 'utf8', timeout: 240_000, stdio: ['ignore', 'pipe', 'inherit'] }).trim());
		const connection = await connectRedis({ host: '127.0.0.1', port: ownPort });
		try {
			const store = redisConversationStore(connection, freshScope(), { wait });
			expect((await updateConversation(store, chatLead('wamid.W1', '2026-12-01T10:00:00.000Z', 'hi'), OPTIONS)).outcome).toBe('new');
			execFileSync('bash', [SCRIPT, 'stop', String(ownPort)], { stdio: 'inherit' });
			await expect(updateConversation(store, chatLead('wamid.W2', '2026-12-01T10:01:00.000Z', 'hi'), OPTIONS)).rejects.toBeInstanceOf(RoutingStoreError);
		} finally {
			connection.disconnect();
		}
	});
});
