/**
 * The Redis store against a real redis-server (Debian package), started by scripts/redis-test-server.sh.
 * Two RedisStore instances with their own ioredis connections stand for two n8n processes.
 */
import { execFileSync } from 'child_process';
import path from 'path';
import Redis from 'ioredis';
import {
	assignOwner,
	createRedisStore,
	MemoryStore,
	PreviewStore,
	redisKeyPrefix,
	redisOptionsFromCredentials,
	RedisStore,
	RoutingStoreError,
	validateRoutingOptions,
	validateTeam,
	type Assignment,
	type Owner,
	type RoutableLead,
	type RoutingOptions,
	type RoutingStore,
} from '../../../lib/routing';

jest.setTimeout(60_000);

const SCRIPT = path.join(__dirname, '..', '..', '..', 'scripts', 'redis-test-server.sh');
const NOW = new Date('2025-03-12T14:00:00Z');

let port = 0;
let processA: RedisStore;
let processB: RedisStore;
let admin: Redis;
let prefixCounter = 0;

/** a fresh namespace per test, as if it were another workflow */
function freshPrefix(): string {
	prefixCounter += 1;
	return redisKeyPrefix({ prefix: 'test', workflowId: `wf${prefixCounter}`, nodeName: 'Lead Router' });
}

/** two processes' stores on one namespace */
async function twoProcesses(prefix: string): Promise<[RedisStore, RedisStore]> {
	const a = await createRedisStore({ host: '127.0.0.1', port }, { keyPrefix: prefix });
	const b = await createRedisStore({ host: '127.0.0.1', port: String(port) }, { keyPrefix: prefix });
	return [a, b];
}

function lead(extra: Partial<RoutableLead> = {}): RoutableLead {
	return { email: null, country: null, answers: {}, ...extra };
}

function tally(assignments: Assignment[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const a of assignments) {
		const key = a.owner ? a.owner.id : 'none';
		counts[key] = (counts[key] ?? 0) + 1;
	}
	return counts;
}

/** `callers` concurrent callers, alternating between the two processes, each routing `each` leads */
async function hammer(callers: number, each: number, team: Owner[], options: RoutingOptions, stores: RoutingStore[], makeLead: (caller: number, i: number) => RoutableLead): Promise<Assignment[]> {
	const results = await Promise.all(
		Array.from({ length: callers }, async (_, caller) => {
			const store = stores[caller % stores.length];
			const out: Assignment[] = [];
			for (let i = 0; i < each; i++) out.push(await assignOwner(makeLead(caller, i), team, options, store, NOW));
			return out;
		}),
	);
	return results.flat();
}

const stores: RedisStore[] = [];

beforeAll(async () => {
	port = Number(execFileSync('bash', [SCRIPT, 'start'], { encoding: 'utf8', timeout: 240_000, stdio: ['ignore', 'pipe', 'inherit'] }).trim());
	expect(port).toBeGreaterThan(0);
	admin = new Redis({ host: '127.0.0.1', port, lazyConnect: true });
	await admin.connect();
	[processA, processB] = await twoProcesses(freshPrefix());
}, 300_000);

afterAll(async () => {
	for (const store of [processA, processB, ...stores]) await store?.close();
	await admin?.quit();
	if (port) execFileSync('bash', [SCRIPT, 'stop', String(port)], { stdio: 'inherit' });
});

async function pair(): Promise<[RedisStore, RedisStore]> {
	const created = await twoProcesses(freshPrefix());
	stores.push(...created);
	return created;
}

describe('RedisStore with two processes sharing one Redis', () => {
	it('strict round robin: 300 leads from 30 concurrent callers on two connections give exactly 100 each', async () => {
		const team = validateTeam([
			{ id: 'ana', name: 'Ana' },
			{ id: 'bo', name: 'Bo' },
			{ id: 'cy', name: 'Cy' },
		]);
		const options = validateRoutingOptions({ strategy: 'roundRobin' }, team);
		const out = await hammer(30, 10, team, options, [processA, processB], (c, i) => lead({ email: `c${c}l${i}@example.org` }));
		expect(out).toHaveLength(300);
		expect(tally(out)).toEqual({ ana: 100, bo: 100, cy: 100 });
		expect(out.map((a) => a.turn as number).sort((x, y) => x - y)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
		for (const a of out) expect(a.owner?.id).toBe(['ana', 'bo', 'cy'][((a.turn as number) - 1) % 3]);
		for (const id of ['ana', 'bo', 'cy']) {
			expect(await processA.getDailyCount(id, '2025-03-12')).toBe(100);
			expect(await processB.getDailyCount(id, '2025-03-12')).toBe(100);
		}
	});

	it('weighted 3:1: 400 leads from 20 concurrent callers give exactly 300/100', async () => {
		const [a, b] = await pair();
		const team = validateTeam([
			{ id: 'ana', name: 'Ana', weight: 3 },
			{ id: 'bo', name: 'Bo', weight: 1 },
		]);
		const options = validateRoutingOptions({ strategy: 'weighted' }, team);
		const out = await hammer(20, 20, team, options, [a, b], () => lead());
		expect(tally(out)).toEqual({ ana: 300, bo: 100 });
	});

	it('daily caps hold across processes; the overflow goes to the fallback owner', async () => {
		const [a, b] = await pair();
		const team = validateTeam([
			{ id: 'ana', name: 'Ana', dailyCapacity: 10 },
			{ id: 'bo', name: 'Bo', dailyCapacity: 10 },
			{ id: 'cy', name: 'Cy', dailyCapacity: 10 },
		]);
		const options = validateRoutingOptions({ fallbackOwner: { id: 'dana', name: 'Dana', dailyCapacity: 15 } }, team);
		const out = await hammer(60, 1, team, options, [a, b], () => lead());
		expect(tally(out)).toEqual({ ana: 10, bo: 10, cy: 10, dana: 15, none: 15 });
		expect(out.filter((x) => x.fallback)).toHaveLength(15);
		for (const id of ['ana', 'bo', 'cy']) expect(await b.getDailyCount(id, '2025-03-12')).toBe(10);
		expect(await a.getDailyCount('dana', '2025-03-12')).toBe(15);
		expect(out.find((x) => x.owner === null)?.reason).toBe(
			'Nobody available (Ana reached the daily cap of 10; Bo reached the daily cap of 10; Cy reached the daily cap of 10), and the fallback owner Dana reached the daily cap of 15, so the lead stays unassigned',
		);
	});

	it('sticky by domain: one owner per company, even when its leads arrive at both processes at once', async () => {
		const [a, b] = await pair();
		const team = validateTeam([
			{ id: 'ana', name: 'Ana' },
			{ id: 'bo', name: 'Bo' },
			{ id: 'cy', name: 'Cy' },
		]);
		const options = validateRoutingOptions({ strategy: 'sticky', stickyBy: 'domain' }, team);
		const out = await hammer(30, 2, team, options, [a, b], (c, i) => lead({ email: `p${c}-${i}@${['acme.com', 'globex.com', 'initech.com'][c % 3]}` }));
		const byDomain = new Map<string, Set<string>>();
		out.forEach((x, index) => {
			const domain = ['acme.com', 'globex.com', 'initech.com'][Math.floor(index / 2) % 3];
			byDomain.set(domain, (byDomain.get(domain) ?? new Set()).add(x.owner?.id as string));
		});
		for (const owners of byDomain.values()) expect(owners.size).toBe(1);
		expect(out.filter((x) => x.strategy === 'sticky')).toHaveLength(57);
		expect(new Set([...byDomain.values()].map((s) => [...s][0])).size).toBe(3);
	});

	it('territory pools rotate in Redis too', async () => {
		const [a, b] = await pair();
		const team = validateTeam([
			{ id: 'ana', name: 'Ana', territories: 'DACH' },
			{ id: 'bo', name: 'Bo', territories: 'NA' },
			{ id: 'dee', name: 'Dee', territories: 'DE' },
		]);
		const options = validateRoutingOptions({ strategy: 'territory' }, team);
		const out = await hammer(10, 10, team, options, [a, b], (c) => lead({ country: c % 2 === 0 ? 'Germany' : 'US' }));
		expect(tally(out)).toEqual({ ana: 25, dee: 25, bo: 50 });
	});
});

describe('RedisStore and MemoryStore decide alike', () => {
	it('the same 60 leads get the same owners, turns and reasons from both stores', async () => {
		const team = validateTeam([
			{ id: 'ana', name: 'Ana', weight: 2, dailyCapacity: 6, territories: 'EMEA' },
			{ id: 'bo', name: 'Bo', weight: 1, outOfOffice: true },
			{ id: 'cy', name: 'Cy', weight: 1.5, dailyCapacity: 3, territories: 'NA' },
			{ id: 'kei', name: 'Kei', weight: 1, workingHours: { days: 'mon-fri', start: '09:00', end: '17:00', timeZone: 'Asia/Tokyo' } },
			{ id: 'dee', name: 'Dee', weight: 3, dailyCapacity: 4, territories: 'DE' },
		]);
		const [redisStore] = await pair();
		const memoryStore = new MemoryStore({});
		const seen = { fallback: 0, sticky: 0, rotation: 0, owners: new Set<string>() };
		for (const [day, strategy] of (['roundRobin', 'weighted', 'territory', 'sticky'] as const).entries()) {
			// a new day per strategy, so every strategy starts with empty caps
			const now = new Date(NOW.getTime() + day * 86400_000);
			const options = validateRoutingOptions({ strategy, stickyBy: 'domain', baseStrategy: 'weighted', fallbackOwner: 'kei' }, team);
			for (let i = 0; i < 15; i++) {
				const l = lead({ email: `p${i}@d${i % 4}.com`, country: ['DE', 'US', 'FR', null][i % 4] });
				const fromMemory = await assignOwner(l, team, options, memoryStore, now);
				const fromRedis = await assignOwner(l, team, options, redisStore, now);
				expect(fromRedis).toEqual(fromMemory);
				if (fromMemory.fallback) seen.fallback += 1;
				else if (fromMemory.strategy === 'sticky') seen.sticky += 1;
				else seen.rotation += 1;
				if (fromMemory.owner) seen.owners.add(fromMemory.owner.id);
			}
		}
		// the comparison covered rotations, sticky returns and fallbacks
		expect(seen.fallback).toBeGreaterThan(0);
		expect(seen.sticky).toBeGreaterThan(0);
		expect(seen.rotation).toBeGreaterThan(0);
		expect([...seen.owners].sort()).toEqual(['ana', 'cy', 'dee', 'kei']);
	});
});

describe('test runs on the Redis store', () => {
	it('PreviewStore reads the live rotation, caps and sticky owners from Redis and writes nothing there', async () => {
		const team = validateTeam([
			{ id: 'ana', name: 'Ana' },
			{ id: 'bo', name: 'Bo', weight: 2 },
			{ id: 'cy', name: 'Cy', dailyCapacity: 1 },
		]);
		const options = validateRoutingOptions({ strategy: 'sticky', baseStrategy: 'weighted' }, team);
		const [live] = await pair();
		const production: Assignment[] = [];
		for (const email of ['p1@a.example', 'p2@b.example', 'p3@c.example', 'p4@d.example']) production.push(await assignOwner(lead({ email }), team, options, live, NOW));
		const prefix = (live as unknown as { prefix: string }).prefix;
		const dump = async () => {
			const keys = (await admin.keys(`${prefix}*`)).sort();
			return Promise.all(keys.map(async (key) => [key, await admin.dump(key), await admin.pttl(key) > 0] as const));
		};
		const before = await dump();

		// the same leads routed on in memory from the same state give the oracle for the preview
		const memory = new MemoryStore({});
		for (const email of ['p1@a.example', 'p2@b.example', 'p3@c.example', 'p4@d.example']) await assignOwner(lead({ email }), team, options, memory, NOW);
		const leads = ['t1@x.example', 'p3@c.example', 't2@y.example', 't3@z.example', 't4@w.example'].map((email) => lead({ email }));
		const expected = [];
		for (const l of leads) expected.push(await assignOwner(l, team, options, memory, NOW));

		const preview = new PreviewStore(live);
		const got = [];
		for (const l of leads) got.push(await assignOwner(l, team, options, preview, NOW));
		expect(got).toEqual(expected);
		// p3 went to Cy in production, but Cy is at her cap of 1: the preview knows it from Redis
		expect(production[2].owner?.id).toBe('cy');
		expect(got[1].reason).toMatch(/belongs to Cy, but Cy reached the daily cap of 1/);
		expect(await dump()).toEqual(before);
	});
});

describe('RedisStore details', () => {
	it('the key prefix namespaces a router; only a shared rotation id shares one across workflows', () => {
		// the Key Prefix option's documented behaviour: same prefix, other workflow → other keys
		expect(redisKeyPrefix({ prefix: 'acme', workflowId: 'WF1', nodeName: 'Lead Router' })).toBe('acme:{WF1:Lead Router}:');
		expect(redisKeyPrefix({ prefix: 'acme', workflowId: 'WF2', nodeName: 'Lead Router' })).toBe('acme:{WF2:Lead Router}:');
		// Share Rotation Across Workflows = "emea" (config.ts scopes it as workflow "shared", node "emea")
		expect(redisKeyPrefix({ prefix: 'acme', workflowId: 'shared', nodeName: 'emea' })).toBe('acme:{shared:emea}:');
	});


	it('namespaces every key under the prefix with a cluster hash tag, keeps no raw emails, and lets day counts expire', async () => {
		const prefix = redisKeyPrefix({ prefix: 'acme', workflowId: 'WF9', nodeName: 'Route {SQL}' });
		expect(prefix).toBe('acme:{WF9:Route _SQL_}:');
		const store = await createRedisStore({ host: '127.0.0.1', port }, { keyPrefix: prefix });
		stores.push(store);
		const team = validateTeam([{ id: 'ana', name: 'Ana' }]);
		await assignOwner(lead({ email: 'pat@secret-corp.com' }), team, validateRoutingOptions({ strategy: 'sticky', stickyBy: 'domain' }, team), store, NOW);
		const keys = (await admin.keys('acme:*')).sort();
		expect(keys).toHaveLength(3);
		expect(keys.every((k) => k.startsWith(prefix))).toBe(true);
		expect(keys.some((k) => k.includes('secret'))).toBe(false);
		const countKey = keys.find((k) => k.includes(':n:')) as string;
		expect(countKey).toBe(`${prefix}n:2025-03-12:ana`);
		const ttl = await admin.ttl(countKey);
		expect(ttl).toBeGreaterThan(0);
		expect(ttl).toBeLessThanOrEqual(3 * 24 * 3600);
		const stickyKey = keys.find((k) => k.includes(':s:')) as string;
		expect(await admin.ttl(stickyKey)).toBeGreaterThan(89 * 24 * 3600);
	});

	it('reloads its scripts when Redis lost them (SCRIPT FLUSH, restart)', async () => {
		const [a] = await pair();
		expect(await a.takeCapacity('ana', '2025-03-12', 2)).toBe(true);
		await admin.script('FLUSH');
		expect(await a.takeCapacity('ana', '2025-03-12', 2)).toBe(true);
		expect(await a.takeCapacity('ana', '2025-03-12', 2)).toBe(false);
		expect(await a.getDailyCount('ana', '2025-03-12')).toBe(2);
		expect(await a.incrementDailyCount('bo', '2025-03-12')).toBe(1);
		await a.setSticky('k', 'bo', 0);
		expect(await a.getSticky('k')).toBe('bo');
	});

	it('uses the database number of the credential', async () => {
		const prefix = freshPrefix();
		const store = await createRedisStore({ host: '127.0.0.1', port, database: 3 }, { keyPrefix: prefix });
		stores.push(store);
		await store.incrementDailyCount('ana', '2025-03-12');
		const db3 = new Redis({ host: '127.0.0.1', port, db: 3 });
		try {
			expect(await db3.get(`${prefix}n:2025-03-12:ana`)).toBe('1');
			expect(await admin.get(`${prefix}n:2025-03-12:ana`)).toBeNull();
		} finally {
			await db3.quit();
		}
	});

	it('says clearly when Redis cannot be reached', async () => {
		const closedPort = port === 65000 ? 65001 : 65000;
		const attempt = createRedisStore({ host: '127.0.0.1', port: closedPort }, { keyPrefix: 'x:', connectTimeoutMs: 1000 });
		await expect(attempt).rejects.toBeInstanceOf(RoutingStoreError);
		await expect(createRedisStore({ host: '127.0.0.1', port: closedPort }, { keyPrefix: 'x:', connectTimeoutMs: 1000 })).rejects.toThrow(
			`Could not connect to Redis at 127.0.0.1:${closedPort}`,
		);
	});

	it('maps n8n redis credential fields to ioredis options', () => {
		const options = redisOptionsFromCredentials({ host: 'redis.internal', port: 6380, user: 'n8n', password: 'pw', database: 2, ssl: true, disableTlsVerification: true });
		expect(options).toMatchObject({ host: 'redis.internal', port: 6380, username: 'n8n', password: 'pw', db: 2, tls: { rejectUnauthorized: false }, lazyConnect: true });
		const plain = redisOptionsFromCredentials({ host: '', password: '', user: '' });
		expect(plain).toMatchObject({ host: 'localhost', port: 6379, db: 0 });
		expect(plain.password).toBeUndefined();
		expect(plain.username).toBeUndefined();
		expect(plain.tls).toBeUndefined();
	});
});
