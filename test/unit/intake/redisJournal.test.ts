/**
 * Duplicate keys and the lead journal in a real redis-server (Debian package), started by
 * scripts/redis-test-server.sh. Separate ioredis connections stand for separate n8n processes.
 */
import { execFileSync } from 'child_process';
import path from 'path';
import Redis from 'ioredis';
import { checkAndRecordInRedis, journalReceipt, markJournalDone, redisDeliveryKeyPrefix, takeUnfinished, type LeadToRecord } from '../../../lib/intake/redisDeduplication';

jest.setTimeout(60_000);

const SCRIPT = path.join(__dirname, '..', '..', '..', 'scripts', 'redis-test-server.sh');
let port = 0;
let processes: Redis[] = [];
let scopeCounter = 0;

const freshScope = () => `wf${++scopeCounter}:node-1`;

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
	const scope = freshScope();
	const prefix = redisDeliveryKeyPrefix(scope);
	for (let round = 0; round < 200; round++) {
		const keys = [`lq:typeform:id:token-${round}:form_response`];
		const outcomes = await Promise.all(processes.map((client) => checkAndRecordInRedis(client, prefix, [lead(scope, keys)], 3600)));
		expect(outcomes.filter((fresh) => fresh.length === 1)).toHaveLength(1);
	}
	const journal = await processes[0].hlen(`${prefix}journal`);
	expect(journal).toBe(200);
});

test('a lead is a repeat when any of its keys was seen; all its keys are recorded', async () => {
	const scope = freshScope();
	const prefix = redisDeliveryKeyPrefix(scope);
	expect(await checkAndRecordInRedis(processes[0], prefix, [lead(scope, ['a:bucket2', 'a:bucket1']), lead(scope, ['b:bucket2', 'b:bucket1'])], 3600)).toEqual([0, 1]);
	// next window: the same email's "previous bucket" key is the old current one
	expect(await checkAndRecordInRedis(processes[1], prefix, [lead(scope, ['a:bucket3', 'a:bucket2']), lead(scope, ['c:bucket3', 'c:bucket2'])], 3600)).toEqual([1]);
	expect(await processes[0].ttl(`${prefix}a:bucket3`)).toBeGreaterThan(3500);
});

test('only new leads are journaled; leads marked done leave the journal; unfinished ones are handed out once per wait', async () => {
	const scope = freshScope();
	const prefix = redisDeliveryKeyPrefix(scope);
	const t0 = 1_000_000;
	await checkAndRecordInRedis(processes[0], prefix, [lead(scope, ['k1']), lead(scope, ['k2']), lead(scope, ['k3'])], 3600, t0);
	await checkAndRecordInRedis(processes[1], prefix, [lead(scope, ['k1'])], 3600, t0 + 10);
	expect(await processes[0].hlen(`${prefix}journal`)).toBe(3);

	expect(await markJournalDone(processes[2], [journalReceipt(scope, 'k1'), 'not-a-receipt', journalReceipt(scope, 'k1')])).toBe(1);

	// nothing is old enough yet
	expect((await takeUnfinished(processes[3], { olderThanMs: 60_000, limit: 10, now: t0 + 30_000 })).filter((item) => item.includes(scope))).toEqual([]);
	const taken = (await takeUnfinished(processes[3], { olderThanMs: 60_000, limit: 10, now: t0 + 61_000 })).filter((item) => item.includes(scope));
	expect(taken.map((item) => JSON.parse(item).meta.receipt).sort()).toEqual([journalReceipt(scope, 'k2'), journalReceipt(scope, 'k3')]);
	// handed out again only after another full wait
	expect((await takeUnfinished(processes[3], { olderThanMs: 60_000, limit: 10, now: t0 + 90_000 })).filter((item) => item.includes(scope))).toEqual([]);
	await markJournalDone(processes[0], [journalReceipt(scope, 'k2')]);
	const later = (await takeUnfinished(processes[3], { olderThanMs: 60_000, limit: 10, now: t0 + 200_000 })).filter((item) => item.includes(scope));
	expect(later.map((item) => JSON.parse(item).meta.receipt)).toEqual([journalReceipt(scope, 'k3')]);
});

test('two recovery runs at the same moment never hand out the same lead', async () => {
	const scope = freshScope();
	const prefix = redisDeliveryKeyPrefix(scope);
	const leads = Array.from({ length: 300 }, (_, i) => lead(scope, [`r${i}`]));
	await checkAndRecordInRedis(processes[0], prefix, leads, 3600, 0);
	const [a, b] = await Promise.all([processes[1], processes[2]].map((client) => takeUnfinished(client, { olderThanMs: 1000, limit: 1000, now: 10_000 })));
	const mine = (items: string[]) => items.filter((item) => item.includes(scope));
	expect(mine(a).length + mine(b).length).toBe(300);
	expect(new Set([...mine(a), ...mine(b)]).size).toBe(300);
});

test('no journal entry is written when journaling is off', async () => {
	const scope = freshScope();
	const prefix = redisDeliveryKeyPrefix(scope);
	expect(await checkAndRecordInRedis(processes[0], prefix, [lead(scope, ['n1'], false)], 3600)).toEqual([0]);
	expect(await processes[0].exists(`${prefix}journal`)).toBe(0);
});
