/**
 * The Lead Intake Trigger's duplicate check in front of n8n's deduplication service. The service
 * is replaced by a scripted fake (`jest.mock('n8n-core')`), so each test decides when the store
 * answers and when it fails; the expected outcomes are written by hand.
 */
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

import { filterNewLeads, MAX_STATIC_DATA_KEYS, type DeduplicationContext } from '../../../nodes/LeadIntakeTrigger/transport/deduplication';

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
