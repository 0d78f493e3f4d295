/**
 * Lead Recovery run by n8n's own engine (n8n-core WorkflowExecute, in-process) against a real
 * redis-server: journal entries written the way the Lead Intake Trigger writes them.
 */
import { execFileSync } from 'child_process';
import path from 'path';
import Redis from 'ioredis';
import { checkAndRecordInRedis, journalReceipt, redisDeliveryKeyPrefix, triggerScope } from '../../lib/intake/redisDeduplication';
import { itemsThrough, runWorkflow } from '../helpers/workflowRunner';

jest.setTimeout(60_000);

const SCRIPT = path.join(__dirname, '..', '..', 'scripts', 'redis-test-server.sh');
let port = 0;
let admin: Redis;

const recovery = (parameters: Record<string, unknown>, extra = {}) => ({ type: 'n8n-nodes-lead-qualification.leadRecovery', parameters: parameters as never, credentials: { leadRouterRedisApi: { id: '1', name: 'Redis' } }, ...extra });
const credentials = () => ({ leadRouterRedisApi: { host: '127.0.0.1', port, database: 0 } });

/** the workflow id test/helpers/workflowRunner gives every workflow it runs */
const RUNNER_WORKFLOW_ID = 'test-workflow';

/** journals `count` leads of the trigger "<workflowId>:<nodeId>" as accepted at `acceptedAt` and returns their items */
async function journal(trigger: string, count: number, acceptedAt: number): Promise<Array<Record<string, unknown>>> {
	const [workflowId, nodeId] = trigger.split(':');
	const scope = triggerScope(workflowId, nodeId);
	const items = Array.from({ length: count }, (_, i) => ({ lead: { email: `p${i}@${nodeId}.example` }, meta: { source: 'typeform', receipt: journalReceipt(scope, `key-${i}`) } }));
	const client = new Redis({ host: '127.0.0.1', port });
	await checkAndRecordInRedis(client, { workflowId, nodeId }, items.map((item, i) => ({ keys: [`key-${i}`], journal: { field: `key-${i}`, item: JSON.stringify(item) } })), { keyTtlSeconds: 3600, journalRetentionSeconds: 7 * 24 * 3600, now: acceptedAt });
	client.disconnect();
	return items;
}

beforeAll(() => {
	port = Number(execFileSync('bash', [SCRIPT, 'start'], { encoding: 'utf8' }).trim());
	admin = new Redis({ host: '127.0.0.1', port });
});

afterAll(() => {
	admin.disconnect();
	if (port) execFileSync('bash', [SCRIPT, 'stop', String(port)]);
});

/** the JSON of the items a Lead Recovery with these parameters outputs */
async function run(parameters: Record<string, unknown>): Promise<Array<Record<string, unknown>>> {
	const result = await runWorkflow(itemsThrough(recovery(parameters), [{}]), {}, credentials());
	return (result.outputOf('Under Test')[0] ?? []).map((item) => item.json);
}

beforeEach(async () => {
	await admin.flushall();
});

test('Mark as Done passes every item through unchanged, paired, and closes the journaled ones', async () => {
	const items = await journal('wfA:intake', 3, Date.now());
	const input = [...items, { lead: { email: 'not-journaled@x.example' } }];
	const run = await runWorkflow(itemsThrough(recovery({ operation: 'markDone' }), input), {}, credentials());
	const [out] = run.outputOf('Under Test');
	expect(out.map((item) => item.json)).toEqual(input);
	expect(out.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
	expect(await admin.hlen(`${redisDeliveryKeyPrefix('wfA:intake')}journal`)).toBe(0);
	expect(await admin.zcard(`${redisDeliveryKeyPrefix('wfA:intake')}pending`)).toBe(0);
	expect(await admin.zcard(`${redisDeliveryKeyPrefix('wfA:intake')}accepted`)).toBe(0);
});

test('Get Unfinished Leads outputs only leads older than the wait, marked as recovered, and not again right after', async () => {
	// by default (Lead Workflow ID = {{ $workflow.id }}) the leads of the workflow the node runs in
	const old = await journal(`${RUNNER_WORKFLOW_ID}:intakeB`, 2, Date.now() - 5 * 60_000);
	await journal(`${RUNNER_WORKFLOW_ID}:intakeC`, 1, Date.now());
	const first = await runWorkflow(itemsThrough(recovery({ operation: 'getUnfinished', olderThanMinutes: 2, limit: 50 }), [{}]), {}, credentials());
	const [out] = first.outputOf('Under Test');
	expect(out.map((item) => item.json)).toEqual(old.map((item) => ({ ...item, meta: { ...(item.meta as object), recovered: true } })));
	expect(out.every((item) => JSON.stringify(item.pairedItem) === JSON.stringify({ item: 0 }))).toBe(true);
	const again = await runWorkflow(itemsThrough(recovery({ operation: 'getUnfinished', olderThanMinutes: 2, limit: 50 }), [{}]), {}, credentials());
	expect(again.outputOf('Under Test')[0] ?? []).toEqual([]);
});

test("Get Unfinished Leads never hands out another workflow's leads; a Lead Workflow ID picks the workflow", async () => {
	const elsewhere = await journal('wfOther:intake', 2, Date.now() - 5 * 60_000);
	const own = await run({ operation: 'getUnfinished', olderThanMinutes: 2, limit: 50 });
	expect(own).toEqual([]);
	const named = await run({ operation: 'getUnfinished', leadWorkflowId: 'wfOther', olderThanMinutes: 2, limit: 50 });
	expect(named.map((json) => (json.meta as { receipt: string }).receipt)).toEqual(elsewhere.map((item) => (item.meta as { receipt: string }).receipt));
	const blank = await runWorkflow(itemsThrough(recovery({ operation: 'getUnfinished', leadWorkflowId: ' ', olderThanMinutes: 2, limit: 50 }), [{}]), {}, credentials());
	expect(blank.errorOf('Under Test')).toBe('Lead Workflow ID is empty');
});

test('Get Unfinished Leads hands out at most Limit leads per run', async () => {
	await journal(`${RUNNER_WORKFLOW_ID}:intakeD`, 7, Date.now() - 10 * 60_000);
	const run = await runWorkflow(itemsThrough(recovery({ operation: 'getUnfinished', olderThanMinutes: 1, limit: 5 }), [{}]), {}, credentials());
	expect(run.outputOf('Under Test')[0]).toHaveLength(5);
});

test('Redis out of reach: a clear error, or with Continue On Fail every item out with its error', async () => {
	const closed = { leadRouterRedisApi: { host: '127.0.0.1', port: 1, database: 0 } };
	const input = [{ lead: { email: 'a@x.example' } }, { lead: { email: 'b@x.example' } }];
	const failing = await runWorkflow(itemsThrough(recovery({ operation: 'markDone' }), input), {}, closed);
	expect(failing.errorOf('Under Test')).toMatch(/Lead Recovery could not use Redis: Could not connect to Redis at 127\.0\.0\.1:1/);
	const continuing = await runWorkflow(itemsThrough(recovery({ operation: 'markDone' }, { continueOnFail: true }), input), {}, closed);
	const [out] = continuing.outputOf('Under Test');
	expect(out.map((item) => item.json.lead)).toEqual(input.map((item) => item.lead));
	expect(out.every((item) => /could not use Redis/.test(String(item.json.error)))).toBe(true);
	expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
});
