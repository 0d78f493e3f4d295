/**
 * Issue 18 operations on the Redis store against a real redis-server (scripts/redis-test-server.sh),
 * two RedisStore connections standing for two n8n processes, 30 concurrent callers. Expected counts
 * are worked out by hand in the comments.
 */
import { execFileSync } from 'child_process';
import path from 'path';
import Redis from 'ioredis';
import { assignOwner, createRedisStore, ownerDay, redisKeyPrefix, runOnce, teamStatus, validateRoutingOptions, validateTeam, type Assignment, type RedisStore } from '../../../lib/routing';

jest.setTimeout(120_000);

const SCRIPT = path.join(__dirname, '..', '..', '..', 'scripts', 'redis-test-server.sh');
const NOW = new Date('2025-03-12T14:00:00Z');
let port = 0;
let admin: Redis;
const opened: RedisStore[] = [];
let counter = 0;

async function twoProcesses(): Promise<[RedisStore, RedisStore]> {
	counter += 1;
	const prefix = redisKeyPrefix({ prefix: 'ops', workflowId: `wf${counter}`, nodeName: 'Lead Router' });
	const pair: [RedisStore, RedisStore] = [await createRedisStore({ host: '127.0.0.1', port }, { keyPrefix: prefix }), await createRedisStore({ host: '127.0.0.1', port }, { keyPrefix: prefix })];
	opened.push(...pair);
	return pair;
}

beforeAll(() => {
	port = Number(execFileSync('bash', [SCRIPT, 'start'], { encoding: 'utf8', timeout: 240_000, stdio: ['ignore', 'pipe', 'inherit'] }).trim());
	admin = new Redis({ host: '127.0.0.1', port });
}, 300_000);

afterAll(async () => {
	for (const store of opened) await store.close();
	admin?.disconnect();
	if (port) execFileSync('bash', [SCRIPT, 'stop', String(port)], { stdio: 'inherit' });
});

/** 30 callers at once, alternating between the two connections, each handling its share of `work` */
async function concurrently<T, R>(list: T[], stores: RedisStore[], work: (item: T, store: RedisStore) => Promise<R>): Promise<R[]> {
	const callers = 30;
	const results = await Promise.all(
		Array.from({ length: callers }, async (_, caller) => {
			const out: Array<[number, R]> = [];
			for (let i = caller; i < list.length; i += callers) out.push([i, await work(list[i], stores[caller % stores.length])]);
			return out;
		}),
	);
	return results.flat().sort((a, b) => a[0] - b[0]).map(([, result]) => result);
}

const team4 = () => validateTeam([{ id: 'ana', name: 'Ana' }, { id: 'ben', name: 'Ben' }, { id: 'cara', name: 'Cara' }, { id: 'dan', name: 'Dan' }]);
const lead = (i: number) => ({ email: `lead${i}@company${i}.example`, answers: {} });

test('300 leads re-assigned by 30 concurrent callers on two connections: never one owner twice; with turns given back the counts equal the leads held', async () => {
	const team = team4();
	const options = validateRoutingOptions({ strategy: 'roundRobin' }, team);
	const stores = await twoProcesses();
	const leads = Array.from({ length: 300 }, (_, i) => i);
	const first = await concurrently(leads, stores, (i, store) => assignOwner(lead(i), team, options, store, NOW));
	const history = first.map((a) => [a.owner?.id as string]);
	const day = ownerDay(team[0], NOW);
	for (let hop = 1; hop <= 3; hop++) {
		const next: Assignment[] = await concurrently(leads, stores, async (i, store) => {
			const had = history[i];
			await store.giveBack({ ownerId: had[had.length - 1], day, capacity: true, turn: false, onceKey: `ret:${i}:${hop}`, onceTtlSeconds: 600 });
			return assignOwner(lead(i), team, options, store, NOW, { exclude: new Set(had) });
		});
		next.forEach((a, i) => history[i].push(a.owner?.id as string));
	}
	// four owners, four assignments per lead: each lead had every owner exactly once
	for (const owners of history) expect([...owners].sort()).toEqual(['ana', 'ben', 'cara', 'dan']);
	const holds: Record<string, number> = {};
	for (const owners of history) holds[owners[3]] = (holds[owners[3]] ?? 0) + 1;
	const counts = Object.fromEntries(await Promise.all(team.map(async (owner) => [owner.id, await stores[0].getDailyCount(owner.id, day)] as const)));
	expect(counts).toEqual(holds);
	// a fifth re-assignment finds everyone tried and no fallback owner: stated, unassigned, never outside the team
	const fifth = await assignOwner(lead(0), team, options, stores[1], NOW, { exclude: new Set(history[0]) });
	expect(fifth.owner).toBeNull();
	expect(fifth.reason).toMatch(/Ana already had this lead.*no fallback owner is set/);
});

test('returned turns keep the rotation fair under concurrency: 300 leads, 30 of Ana’s returned twice each, 90 more leads → 120 each', async () => {
	const team = validateTeam([{ id: 'ana', name: 'Ana' }, { id: 'ben', name: 'Ben' }, { id: 'cara', name: 'Cara' }]);
	const options = validateRoutingOptions({ strategy: 'roundRobin' }, team);
	const stores = await twoProcesses();
	const first = await concurrently(Array.from({ length: 300 }, (_, i) => i), stores, (i, store) => assignOwner(lead(i), team, options, store, NOW));
	const day = ownerDay(team[0], NOW);
	const anas = first.map((a, i) => (a.owner?.id === 'ana' ? i : -1)).filter((i) => i >= 0).slice(0, 30);
	const returned = await concurrently([...anas, ...anas], stores, (i, store) => store.giveBack({ ownerId: 'ana', day, capacity: true, turn: true, onceKey: `ret:${i}`, onceTtlSeconds: 600 }));
	expect(returned.filter(Boolean)).toHaveLength(30);
	const status = await teamStatus(team, options, stores[0], NOW);
	expect(status.owners.map((o) => [o.id, o.leadsToday, o.owedTurns])).toEqual([['ana', 70, 30], ['ben', 100, 0], ['cara', 100, 0]]);
	expect(status.nextInTurn?.id).toBe('ana');
	const more = await concurrently(Array.from({ length: 90 }, (_, i) => 1000 + i), stores, (i, store) => assignOwner(lead(i), team, options, store, NOW));
	// Ana's 30 owed turns first, then 20 each in turn
	expect(more.filter((a) => a.owedTurn)).toHaveLength(30);
	const after = await teamStatus(team, options, stores[1], NOW);
	expect(after.owners.map((o) => [o.leadsToday, o.owedTurns])).toEqual([[120, 0], [120, 0], [120, 0]]);
});

test('the audit stream drops entries older than its age limit (MINID) and keeps about its length (MAXLEN ~)', async () => {
	const [store] = await twoProcesses();
	const now = Date.now();
	await store.appendAudit([{ leadKey: 'e:a', event: '{"n":1}' }, { leadKey: 'e:b', event: '{"n":2}' }], { maxEntries: 1000, maxAgeSeconds: 0 }, now);
	expect(await admin.xlen(store.auditKey())).toBe(2);
	// an hour later with a 60-second age limit: both earlier entries are older than the limit
	await store.appendAudit([{ leadKey: 'e:a', event: '{"n":3}' }], { maxEntries: 1000, maxAgeSeconds: 60 }, now + 3600_000);
	// the new entry's id is Redis' clock (now), not the hour later, so the MINID of (now + 1 h − 60 s) trims it too
	expect(await admin.xlen(store.auditKey())).toBe(0);
	await store.appendAudit(Array.from({ length: 250 }, (_, i) => ({ leadKey: 'e:a', event: `{"n":${i}}` })), { maxEntries: 100, maxAgeSeconds: 0 });
	const length = await admin.xlen(store.auditKey());
	expect(length).toBeGreaterThanOrEqual(100);
	expect(length).toBeLessThanOrEqual(200);
	expect((await store.readAudit(['e:a'], 1000)).length).toBe(length);
	expect(await store.readAudit(['e:zzz'], 1000)).toEqual([]);
});

test('Reassign once per routing object: 30 concurrent callers reassign the same 100 leads twice each → each lead moves once', async () => {
	const team = team4();
	const options = validateRoutingOptions({ strategy: 'roundRobin' }, team);
	const stores = await twoProcesses();
	const leads = Array.from({ length: 100 }, (_, i) => i);
	const first = await concurrently(leads, stores, (i, store) => assignOwner(lead(i), team, options, store, NOW));
	const day = ownerDay(team[0], NOW);
	let works = 0;
	// every lead twice, side by side: neighbouring callers (on the two connections) reassign it at the same moment
	const twice = leads.flatMap((i) => [i, i]);
	const outcomes = await concurrently(twice, stores, async (i, store) => {
		const outcome = await runOnce(
			store,
			`re:lead${i}:0`,
			async () => {
				works += 1;
				// what the node does inside the claim: give the count back, then the next owner who did not have it
				await store.giveBack({ ownerId: first[i].owner?.id as string, day, capacity: true, turn: false, onceKey: `ret:lead${i}`, onceTtlSeconds: 600 });
				return await assignOwner(lead(i), team, options, store, NOW, { exclude: new Set([first[i].owner?.id as string]) });
			},
			(assignment) => assignment.owner?.id as string,
			{ ttlSeconds: 7 * 86400, wait: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)) },
		);
		return { i, owner: outcome.repeated ? outcome.saved : (outcome.value.owner?.id as string), repeated: outcome.repeated };
	});
	expect(works).toBe(100);
	expect(outcomes.filter((o) => o.repeated)).toHaveLength(100);
	const newOwner = new Map<number, Set<string>>();
	for (const o of outcomes) newOwner.set(o.i, (newOwner.get(o.i) ?? new Set()).add(o.owner));
	for (const i of leads) {
		// exactly one new owner per lead, on the team, not the one who had it
		expect(newOwner.get(i)?.size).toBe(1);
		const [owner] = [...(newOwner.get(i) as Set<string>)];
		expect(['ana', 'ben', 'cara', 'dan']).toContain(owner);
		expect(owner).not.toBe(first[i].owner?.id);
	}
	// counts by hand: 100 leads, each counted once on its holder (25 each first; each move gave one back
	// and took one); a second move of any lead would count 101 or more
	const holds: Record<string, number> = {};
	for (const i of leads) {
		const [owner] = [...(newOwner.get(i) as Set<string>)];
		holds[owner] = (holds[owner] ?? 0) + 1;
	}
	const counts = Object.fromEntries(await Promise.all(team.map(async (owner) => [owner.id, await stores[1].getDailyCount(owner.id, day)] as const)));
	expect(counts).toEqual(holds);
	expect(Object.values(counts).reduce((sum, n) => sum + n, 0)).toBe(100);
	// the rotation handed out 100 turns, then 100 more for the moves: the next lead is turn 201
	expect((await assignOwner(lead(999), team, options, stores[0], NOW)).turn).toBe(201);
	// the results are kept with an expiry of 7 days, under the router's prefix
	const keys = await admin.keys(`ops:{wf${counter}:Lead Router}:done:*`);
	expect(keys).toHaveLength(100);
	const ttl = await admin.ttl(keys[0]);
	expect(ttl).toBeGreaterThan(7 * 86400 - 60);
	expect(ttl).toBeLessThanOrEqual(7 * 86400);
});
