/**
 * The Lead Intake Trigger's duplicate check in front of n8n's deduplication service. The service
 * is replaced by a scripted fake (`jest.mock('n8n-core')`), so each test decides when the store
 * answers and when it fails; the expected outcomes are written by hand.
 */
import { execFileSync } from 'child_process';
import path from 'path';
import type { INode } from 'n8n-workflow';

interface FakeStore {
	checkProcessedAndRecord: jest.Mock<Promise<{ new: string[]; processed: string[] }>, [string[], ...unknown[]]>;
}

const host: { service: FakeStore | null } = { service: null };

jest.mock('n8n-core', () => ({
	DataDeduplicationService: {
		getInstance: () => {
			// n8n-core's own getInstance() asserts when the CLI never initialised the service
			if (!host.service) throw new Error('Instance needs to initialized before use. Make sure to call init()');
			return host.service;
		},
	},
}));

import { closeSharedRedisClients, filterNewLeads, MAX_STATIC_DATA_KEYS, type DeduplicationContext } from '../../../nodes/LeadIntakeTrigger/transport/deduplication';
import { markJournalDone, takeUnfinished, type RedisEvalClient } from '../../../lib/intake/redisDeduplication';

let nodeCounter = 0;
/** every test its own trigger node, so the process-wide memory of recent keys does not carry over */
function context(store: DeduplicationContext['store'], extra: Partial<DeduplicationContext> = {}): DeduplicationContext {
	const node = { id: `node-${++nodeCounter}`, name: 'Lead Intake Trigger', type: 'n8n-nodes-lead-qualification.leadIntakeTrigger', typeVersion: 2, position: [0, 0], parameters: {} } as INode;
	return { node, workflowId: 'wf-dedupe', staticData: {}, now: 1_700_000_000_000, store, ...extra };
}

/** A store that remembers keys like n8n's and fails the calls listed in `failCalls` (1-based). */
function scriptedStore(failCalls: number[]): FakeStore {
	const seen = new Set<string>();
	let calls = 0;
	return {
		checkProcessedAndRecord: jest.fn(async (keys: string[]) => {
			calls += 1;
			if (failCalls.includes(calls)) throw new Error('SQLITE_BUSY: database is locked');
			const result = { new: [] as string[], processed: [] as string[] };
			for (const key of keys) (seen.has(key) ? result.processed : result.new).push(key);
			keys.forEach((key) => seen.add(key));
			return result;
		}),
	};
}

afterEach(() => {
	host.service = null;
});

describe('n8n database store', () => {
	test('a delivery whose check failed is not a duplicate when the sender retries it', async () => {
		host.service = scriptedStore([1]);
		const ctx = context('database');
		const keys = [['lq:typeform:id:tok-1:form_response']];
		await expect(filterNewLeads(keys, ctx)).rejects.toThrow('SQLITE_BUSY');
		// the retry: the lead never ran, so it must run now
		expect((await filterNewLeads(keys, ctx)).fresh).toEqual([0]);
		// and the retry after that one is the duplicate
		expect((await filterNewLeads(keys, ctx)).fresh).toEqual([]);
	});

	test('a lead is new only when none of its keys was recorded; the answer names the store', async () => {
		host.service = scriptedStore([]);
		const ctx = context('database');
		expect(await filterNewLeads([['a:2', 'a:1'], ['b:2', 'b:1']], ctx)).toEqual({ fresh: [0, 1], store: 'database' });
		expect(await filterNewLeads([['a:3', 'a:2'], ['c:3', 'c:2']], ctx)).toEqual({ fresh: [1], store: 'database' });
	});

	test('n8n without its deduplication service: a clear error, not a silent fallback to static data', async () => {
		const ctx = context('database');
		await expect(filterNewLeads([['k']], ctx)).rejects.toThrow(/n8n's deduplication service is not available/);
		expect(ctx.staticData).toEqual({});
	});

	test('two copies of one delivery at the same moment: exactly one is new', async () => {
		host.service = scriptedStore([]);
		const ctx = context('database');
		const outcomes = await Promise.all([1, 2, 3, 4].map(() => filterNewLeads([['same-key']], ctx)));
		expect(outcomes.map((outcome) => outcome.fresh.length).sort()).toEqual([0, 0, 0, 1]);
	});
});

describe("n8n database store through the execute context's helper (Lead Intake action node)", () => {
	test("the helper is used instead of n8n's service, and a key it forgot again is new at once", async () => {
		// no host.service: an action node never reaches into n8n-core
		const store = scriptedStore([]);
		const forgotten = new Set<string>();
		const helper = jest.fn(async (keys: string[]) => {
			const outcome = await store.checkProcessedAndRecord(keys.filter((key) => !forgotten.has(key)));
			for (const key of keys.filter((key) => forgotten.has(key))) {
				forgotten.delete(key);
				outcome.new.push(key);
			}
			return outcome;
		});
		const ctx = context('database', { checkProcessedAndRecord: helper });
		expect(await filterNewLeads([['t:1']], ctx)).toEqual({ fresh: [0], store: 'database' });
		expect(await filterNewLeads([['t:1']], ctx)).toEqual({ fresh: [], store: 'database' });
		// the node failed after recording and removed the key (removeProcessed): the sender's retry runs
		forgotten.add('t:1');
		expect(await filterNewLeads([['t:1']], ctx)).toEqual({ fresh: [0], store: 'database' });
		expect(helper).toHaveBeenCalledTimes(3);
	});

	test('a failing helper remembers nothing: the retry is new', async () => {
		const store = scriptedStore([1]);
		const ctx = context('database', { checkProcessedAndRecord: async (keys) => await store.checkProcessedAndRecord(keys) });
		await expect(filterNewLeads([['u:1']], ctx)).rejects.toThrow('SQLITE_BUSY');
		expect((await filterNewLeads([['u:1']], ctx)).fresh).toEqual([0]);
	});

	test('concurrent copies in one process: exactly one is new', async () => {
		const store = scriptedStore([]);
		const ctx = context('database', { checkProcessedAndRecord: async (keys) => await store.checkProcessedAndRecord(keys) });
		const outcomes = await Promise.all([1, 2, 3].map(() => filterNewLeads([['v:1']], ctx)));
		expect(outcomes.map((outcome) => outcome.fresh.length).sort()).toEqual([0, 0, 1]);
	});
});

describe('workflow static data store', () => {
	test('remembers across deliveries and says so', async () => {
		const ctx = context('staticData');
		expect(await filterNewLeads([['x']], ctx)).toEqual({ fresh: [0], store: 'staticData' });
		expect(await filterNewLeads([['x'], ['y']], ctx)).toEqual({ fresh: [1], store: 'staticData' });
	});

	test('stays small: at most MAX_STATIC_DATA_KEYS keys of fixed length, oldest forgotten first', async () => {
		expect(MAX_STATIC_DATA_KEYS).toBe(1000);
		const ctx = context('staticData');
		const longKey = (i: number) => `lq:generic:id:${'x'.repeat(400)}-${i}:submission`;
		for (let i = 0; i < 3000; i++) await filterNewLeads([[longKey(i)]], { ...ctx, now: ctx.now + i });
		// 1,000 keys of 400+ characters would be 400 KB; stored as 24-character digests plus JSON quotes and commas
		expect(JSON.stringify(ctx.staticData).length).toBeLessThan(28_000);
		// an hour later (past the in-process memory of recent keys): the newest are remembered, the oldest forgotten
		expect((await filterNewLeads([[longKey(2999)], [longKey(2000)], [longKey(1999)]], { ...ctx, now: ctx.now + 60 * 60_000 })).fresh).toEqual([2]);
	});
});

describe('Redis store (a real redis-server from scripts/redis-test-server.sh)', () => {
	const SCRIPT = path.join(__dirname, '..', '..', '..', 'scripts', 'redis-test-server.sh');
	let port = 0;
	let admin: RedisEvalClient & { quit(): Promise<unknown> };

	beforeAll(async () => {
		port = Number(execFileSync('bash', [SCRIPT, 'start'], { encoding: 'utf8' }).trim());
		const { default: Redis } = await import('ioredis');
		admin = new Redis({ host: '127.0.0.1', port });
	}, 60_000);

	afterAll(async () => {
		await closeSharedRedisClients();
		await admin?.quit();
		if (port) execFileSync('bash', [SCRIPT, 'stop', String(port)]);
	});

	test("journaled leads are handed out to their own workflow's recovery only, and leave when marked done", async () => {
		const acceptedAt = Date.now() - 10 * 60_000;
		const ctx = context('redis', {
			workflowId: 'wfRedisOwn',
			now: acceptedAt,
			redis: {
				credentials: { host: '127.0.0.1', port, database: 0 } as never,
				windowMinutes: 60,
				journalRetentionSeconds: 7 * 24 * 3600,
				journal: (leadIndex, receipt) => JSON.stringify({ lead: { email: `lead${leadIndex}@example.pl` }, meta: { receipt } }),
			},
		});
		expect(await filterNewLeads([['lq:typeform:id:t1:form_response'], ['lq:typeform:id:t2:form_response']], ctx)).toEqual({ fresh: [0, 1], store: 'redis' });
		expect(await filterNewLeads([['lq:typeform:id:t1:form_response']], { ...ctx, now: acceptedAt + 1000 })).toEqual({ fresh: [], store: 'redis' });

		expect(await takeUnfinished(admin, { workflowId: 'wfSomeoneElse', olderThanMs: 60_000, limit: 10 })).toEqual([]);
		const taken = (await takeUnfinished(admin, { workflowId: 'wfRedisOwn', olderThanMs: 60_000, limit: 10 })).map((text) => JSON.parse(text));
		const receipt = (id: string) => `wfRedisOwn:${ctx.node.id}|lq:typeform:id:${id}:form_response`;
		expect(taken.map((item) => item.meta.receipt).sort()).toEqual([receipt('t1'), receipt('t2')]);
		expect(await markJournalDone(admin, [receipt('t1'), receipt('t2')])).toBe(2);
	});
});

test('static data: the unbounded key list of earlier versions is dropped at the first delivery', async () => {
	const ctx = context('staticData', { staticData: { deliveryKeys: Array.from({ length: 20_000 }, (_, i) => `lq:generic:email:${i}`), registeredPath: 'http://n8n/webhook/leads' } });
	expect((await filterNewLeads([['k']], ctx)).fresh).toEqual([0]);
	expect(Object.keys(ctx.staticData).sort()).toEqual(['deliveryKeyDigests', 'registeredPath']);
});
