/**
 * Duplicate keys and the lead journal in a real redis-server (Debian package), started by
 * scripts/redis-test-server.sh. Separate ioredis connections stand for separate n8n processes.
 */
import { execFileSync } from 'child_process';
import path from 'path';
import Redis from 'ioredis';
import { checkAndRecordInRedis, journalReceipt, markJournalDone, redisDeliveryKeyPrefix, replaceJournalItem, takeUnfinished, triggerScope, type LeadToRecord } from '../../../lib/intake/redisDeduplication';

jest.setTimeout(60_000);

const SCRIPT = path.join(__dirname, '..', '..', '..', 'scripts', 'redis-test-server.sh');
let port = 0;
let processes: Redis[] = [];
let scopeCounter = 0;

interface Trigger {
	workflowId: string;
	nodeId: string;
	/** "<workflow id>:<node id>", as in receipts and key prefixes */
	scope: string;
	prefix: string;
}

function freshTrigger(workflowId = `wf${++scopeCounter}`, nodeId = 'node-1'): Trigger {
	const scope = triggerScope(workflowId, nodeId);
	return { workflowId, nodeId, scope, prefix: redisDeliveryKeyPrefix(scope) };
}

const HOUR = 3600;
const DAY = 24 * HOUR;
/** record with delivery keys kept an hour and journal entries a week, unless told otherwise */
const record = (client: Redis, trigger: Trigger, leads: LeadToRecord[], now?: number, journalRetentionSeconds = 7 * DAY) =>
	checkAndRecordInRedis(client, trigger, leads, { keyTtlSeconds: HOUR, journalRetentionSeconds, now });

function lead(scope: string, keys: string[], journal = true): LeadToRecord {
	return { keys, journal: journal ? { field: keys[0], item: JSON.stringify({ lead: { email: `${keys[0]}@x.example` }, meta: { receipt: journalReceipt(scope, keys[0]) } }) } : null };
}

beforeAll(async () => {
	port = Number(execFileSync('bash', [SCRIPT, 'start'], { encoding: 'utf8' }).trim());
	processes = Array.from({ length: 4 }, () => new Redis({ host: '127.0.0.1', port }));
});

afterAll(async () => {
	processes.forEach((client) => client.disconnect());
	if (port) execFileSync('bash', [SCRIPT, 'stop', String(port)]);
});

test('the same delivery sent at once to four processes is accepted exactly once', async () => {
	const trigger = freshTrigger();
	for (let round = 0; round < 200; round++) {
		const keys = [`lq:typeform:id:token-${round}:form_response`];
		const outcomes = await Promise.all(processes.map((client) => record(client, trigger, [lead(trigger.scope, keys)])));
		expect(outcomes.filter((fresh) => fresh.length === 1)).toHaveLength(1);
	}
	const journal = await processes[0].hlen(`${trigger.prefix}journal`);
	expect(journal).toBe(200);
});

test('a lead is a repeat when any of its keys was seen; all its keys are recorded', async () => {
	const trigger = freshTrigger();
	const { scope, prefix } = trigger;
	expect(await record(processes[0], trigger, [lead(scope, ['a:bucket2', 'a:bucket1']), lead(scope, ['b:bucket2', 'b:bucket1'])])).toEqual([0, 1]);
	// next window: the same content's "previous bucket" key is the old current one
	expect(await record(processes[1], trigger, [lead(scope, ['a:bucket3', 'a:bucket2']), lead(scope, ['c:bucket3', 'c:bucket2'])])).toEqual([1]);
	expect(await processes[0].ttl(`${prefix}a:bucket3`)).toBeGreaterThan(3500);
});

test('only new leads are journaled; leads marked done leave the journal; unfinished ones are handed out once per wait', async () => {
	const trigger = freshTrigger();
	const { scope, prefix, workflowId } = trigger;
	const t0 = Date.now();
	await record(processes[0], trigger, [lead(scope, ['k1']), lead(scope, ['k2']), lead(scope, ['k3'])], t0);
	await record(processes[1], trigger, [lead(scope, ['k1'])], t0 + 10);
	expect(await processes[0].hlen(`${prefix}journal`)).toBe(3);

	expect(await markJournalDone(processes[2], [journalReceipt(scope, 'k1'), 'not-a-receipt', journalReceipt(scope, 'k1')])).toBe(1);

	// nothing is old enough yet
	expect((await takeUnfinished(processes[3], { workflowId, olderThanMs: 60_000, limit: 10, now: t0 + 30_000 }))).toEqual([]);
	const taken = (await takeUnfinished(processes[3], { workflowId, olderThanMs: 60_000, limit: 10, now: t0 + 61_000 }));
	expect(taken.map((item) => JSON.parse(item).meta.receipt).sort()).toEqual([journalReceipt(scope, 'k2'), journalReceipt(scope, 'k3')]);
	// handed out again only after another full wait
	expect((await takeUnfinished(processes[3], { workflowId, olderThanMs: 60_000, limit: 10, now: t0 + 90_000 }))).toEqual([]);
	await markJournalDone(processes[0], [journalReceipt(scope, 'k2')]);
	const later = (await takeUnfinished(processes[3], { workflowId, olderThanMs: 60_000, limit: 10, now: t0 + 200_000 }));
	expect(later.map((item) => JSON.parse(item).meta.receipt)).toEqual([journalReceipt(scope, 'k3')]);
});

test("an open entry's item is replaced by the conversation it became; an entry marked done stays done", async () => {
	const trigger = freshTrigger();
	const { scope, workflowId } = trigger;
	const t0 = Date.now();
	await record(processes[0], trigger, [lead(scope, ['m1']), lead(scope, ['m2'])], t0);
	const conversation = JSON.stringify({ lead: { externalId: 'whatsapp:106540352242922:989121234567:2026-12-01T08:00:00.000Z' }, meta: { receipt: journalReceipt(scope, 'm1'), conversation: { messageCount: 3 } } });
	expect(await replaceJournalItem(processes[1], journalReceipt(scope, 'm1'), conversation)).toBe(true);
	await markJournalDone(processes[2], [journalReceipt(scope, 'm2')]);
	expect(await replaceJournalItem(processes[1], journalReceipt(scope, 'm2'), conversation)).toBe(false);
	expect(await replaceJournalItem(processes[1], 'not-a-receipt', conversation)).toBe(false);
	const taken = await takeUnfinished(processes[3], { workflowId, olderThanMs: 60_000, limit: 10, now: t0 + 61_000 });
	expect(taken).toEqual([conversation]);
});

test('two recovery runs at the same moment never hand out the same lead', async () => {
	const trigger = freshTrigger();
	const leads = Array.from({ length: 300 }, (_, i) => lead(trigger.scope, [`r${i}`]));
	const t0 = Date.now();
	await record(processes[0], trigger, leads, t0);
	const [a, b] = await Promise.all([processes[1], processes[2]].map((client) => takeUnfinished(client, { workflowId: trigger.workflowId, olderThanMs: 1000, limit: 1000, now: t0 + 10_000 })));
	expect(a.length + b.length).toBe(300);
	expect(new Set([...a, ...b]).size).toBe(300);
});

test('no journal entry is written when journaling is off', async () => {
	const trigger = freshTrigger();
	expect(await record(processes[0], trigger, [lead(trigger.scope, ['n1'], false)])).toEqual([0]);
	expect(await processes[0].exists(`${trigger.prefix}journal`)).toBe(0);
	expect(await processes[0].exists(`leadIntake:journals:{${trigger.workflowId}}`)).toBe(0);
});

test("Get Unfinished Leads hands out only its own workflow's leads", async () => {
	// two triggers in workflow A, one in workflow B, all with leads waiting long enough
	const a1 = freshTrigger('wfScopeA', 'intake-1');
	const a2 = freshTrigger('wfScopeA', 'intake-2');
	const b = freshTrigger('wfScopeB', 'intake-1');
	const t0 = Date.now();
	await record(processes[0], a1, [lead(a1.scope, ['a1-lead'])], t0);
	await record(processes[0], a2, [lead(a2.scope, ['a2-lead'])], t0);
	await record(processes[0], b, [lead(b.scope, ['b-lead'])], t0);
	const receiptsOf = (items: string[]) => items.map((item) => JSON.parse(item).meta.receipt).sort();
	expect(receiptsOf(await takeUnfinished(processes[1], { workflowId: 'wfScopeA', olderThanMs: 1000, limit: 10, now: t0 + 5000 }))).toEqual(['wfScopeA:intake-1|a1-lead', 'wfScopeA:intake-2|a2-lead']);
	expect(receiptsOf(await takeUnfinished(processes[1], { workflowId: 'wfScopeB', olderThanMs: 1000, limit: 10, now: t0 + 5000 }))).toEqual(['wfScopeB:intake-1|b-lead']);
	expect(await takeUnfinished(processes[1], { workflowId: 'wfNobody', olderThanMs: 1000, limit: 10, now: t0 + 5000 })).toEqual([]);
});

test('journaled leads expire: Redis keys carry the retention, and entries past it are deleted, not handed out', async () => {
	const trigger = freshTrigger();
	const { scope, prefix, workflowId } = trigger;
	const t0 = Date.now();
	const retention = 2 * DAY;
	await record(processes[0], trigger, [lead(scope, ['old'])], t0 - 3 * DAY * 1000, retention);
	// every journal key expires on its own when the trigger goes quiet: at most the retention from now
	for (const key of ['journal', 'pending', 'accepted']) {
		const ttl = await processes[0].ttl(`${prefix}${key}`);
		expect(ttl).toBeGreaterThan(retention - 60);
		expect(ttl).toBeLessThanOrEqual(retention);
	}
	// a lead accepted three days ago with a two-day retention is gone at the next write
	await record(processes[0], trigger, [lead(scope, ['new'])], t0, retention);
	expect(await processes[0].hkeys(`${prefix}journal`)).toEqual(['new']);
	// and one that outlives its retention without another write is gone when recovery looks
	await record(processes[0], trigger, [lead(scope, ['later'])], t0 + 1000, retention);
	expect(await takeUnfinished(processes[1], { workflowId, olderThanMs: 1000, limit: 10, now: t0 + 1000 + retention * 1000 + 1 })).toEqual([]);
	expect(await processes[0].hlen(`${prefix}journal`)).toBe(0);
});

test('entries journaled before the retention existed get one when recovery first sees them', async () => {
	const trigger = freshTrigger();
	const { scope, prefix, workflowId } = trigger;
	const t0 = Date.now();
	// what the previous version left behind: journal and pending without expiry, no acceptance times, no registry
	await processes[0].hset(`${prefix}journal`, 'legacy', JSON.stringify({ meta: { receipt: journalReceipt(scope, 'legacy') } }));
	await processes[0].zadd(`${prefix}pending`, t0 - 60_000, 'legacy');
	await record(processes[0], trigger, [lead(scope, ['current'])], t0);
	const taken = await takeUnfinished(processes[1], { workflowId, olderThanMs: 30_000, limit: 10, now: t0 });
	expect(taken.map((item) => JSON.parse(item).meta.receipt)).toEqual([journalReceipt(scope, 'legacy')]);
	expect(Number(await processes[0].zscore(`${prefix}accepted`, 'legacy'))).toBe(t0 - 60_000);
});
