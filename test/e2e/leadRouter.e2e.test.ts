/**
 * The Lead Router inside the pinned real n8n (`n8n start`, SQLite): leads are posted to a Webhook
 * node, split into items and routed; counts are read back from n8n's stored executions.
 * The Redis store is checked with two n8n processes (own user folders and databases) sharing one
 * real redis-server started by scripts/redis-test-server.sh.
 */
import { execFileSync } from 'child_process';
import path from 'path';
import { N8nServer } from '../helpers/n8nServer';

jest.setTimeout(600_000);

const REDIS_SCRIPT = path.join(__dirname, '..', '..', 'scripts', 'redis-test-server.sh');
const REDIS_CREDENTIAL_ID = 'LqRouterRedis001';

const TEAM = {
	member: [
		{ name: 'Ana', email: 'ana@sales.example', channelId: 'U-ANA' },
		{ name: 'Ben', email: 'ben@sales.example', channelId: 'U-BEN' },
		{ name: 'Cara', email: 'cara@sales.example', channelId: 'U-CARA' },
	],
};

type Routing = { owner: { id: string; name: string } | null; fallback: boolean; strategy: string; reason: string };

interface RouterCase {
	id: string;
	pathName: string;
	parameters: Record<string, unknown>;
	redis?: boolean;
}

let webhookCounter = 0;
function routerWorkflow({ id, pathName, parameters, redis }: RouterCase) {
	webhookCounter += 1;
	return {
		id,
		name: `Router ${pathName}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `${id}-w`,
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: `10000000-0000-4000-8000-${String(webhookCounter).padStart(12, '0')}`,
				parameters: { httpMethod: 'POST', path: pathName, responseMode: 'onReceived', options: {} },
			},
			{ id: `${id}-s`, name: 'Split Leads', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [220, 0], parameters: { fieldToSplitOut: 'body.leads', options: {} } },
			{
				id: `${id}-r`,
				name: 'Lead Router',
				type: 'n8n-nodes-lead-qualification.leadRouter',
				typeVersion: 1,
				position: [440, 0],
				parameters: { team: TEAM, ...parameters, ...(redis ? { store: 'redis' } : {}) },
				...(redis ? { credentials: { leadRouterRedisApi: { id: REDIS_CREDENTIAL_ID, name: 'Test Redis' } } } : {}),
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Split Leads', type: 'main', index: 0 }]] },
			'Split Leads': { main: [[{ node: 'Lead Router', type: 'main', index: 0 }]] },
		},
	};
}

const sqlLead = (i: number, extra: Record<string, unknown> = {}) => ({ lead: { email: `lead${i}@company${i}.example`, ...extra }, score: { stage: 'sql' } });

const WEIGHTED = { strategy: 'weighted', team: { member: [{ name: 'Senior', email: 'senior@sales.example', weight: 3 }, { name: 'Junior', email: 'junior@sales.example', weight: 1 }] } };
const CAPACITY = { strategy: 'roundRobin', team: { member: TEAM.member.map((member) => ({ ...member, dailyCapacity: 10 })) }, fallbackOwner: 'manager@sales.example' };

const CASES = {
	rrOne: { id: 'LqRouterRrOne001', pathName: 'router-rr-one', parameters: { strategy: 'roundRobin' } },
	rrMany: { id: 'LqRouterRrMany01', pathName: 'router-rr-many', parameters: { strategy: 'roundRobin' } },
	weighted: { id: 'LqRouterWeight01', pathName: 'router-weighted', parameters: WEIGHTED },
	capacity: { id: 'LqRouterCapaci01', pathName: 'router-capacity', parameters: CAPACITY },
	territory: {
		id: 'LqRouterTerrit01',
		pathName: 'router-territory',
		parameters: {
			strategy: 'territory',
			team: { member: [{ name: 'Dach', email: 'dach@sales.example', territories: 'DE, AT, CH' }, { name: 'Americas', email: 'am@sales.example', territories: 'NA, LATAM' }, { name: 'Health', email: 'health@sales.example' }] },
			territoryRules: { rule: [{ field: 'answers.Industry', value: 'Healthcare', ownerIds: 'health@sales.example' }] },
		},
	},
	sticky: { id: 'LqRouterSticky01', pathName: 'router-sticky', parameters: { strategy: 'sticky', baseStrategy: 'roundRobin', stickyBy: 'email' } },
	stickyMany: { id: 'LqRouterStickyM1', pathName: 'router-sticky-many', parameters: { strategy: 'sticky', baseStrategy: 'roundRobin', stickyBy: 'email' } },
	language: {
		id: 'LqRouterLangua01',
		pathName: 'router-language',
		parameters: {
			strategy: 'roundRobin',
			team: { member: [{ name: 'Ana', email: 'ana@sales.example', languages: 'en, polski' }, { name: 'Reza', email: 'reza@sales.example', languages: 'Persian, فارسی, fa' }, { name: 'Layla', email: 'layla@sales.example', languages: 'العربية' }] },
		},
	},
	redisRr: { id: 'LqRouterRedisRr1', pathName: 'router-redis-rr', parameters: { strategy: 'roundRobin' }, redis: true },
	redisWeighted: { id: 'LqRouterRedisWe1', pathName: 'router-redis-weighted', parameters: WEIGHTED, redis: true },
	redisCapacity: { id: 'LqRouterRedisCa1', pathName: 'router-redis-capacity', parameters: CAPACITY, redis: true },
} satisfies Record<string, RouterCase>;


const MEMORY_CASES: RouterCase[] = [CASES.rrOne, CASES.rrMany, CASES.weighted, CASES.capacity, CASES.territory, CASES.sticky, CASES.stickyMany, CASES.language];
const REDIS_CASES: RouterCase[] = [CASES.redisRr, CASES.redisWeighted, CASES.redisCapacity];

const serverA = new N8nServer();
const serverB = new N8nServer();
let redisPort = '';

async function post(server: N8nServer, pathName: string, leads: unknown[]): Promise<void> {
	const response = await fetch(`${server.baseUrl}/webhook/${pathName}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ leads }) });
	expect(response.status).toBe(200);
	await response.text();
}

/** every routed item of every execution of the workflow, once `count` executions have finished */
async function routedItems(server: N8nServer, workflowId: string, count: number, outputIndex = 0): Promise<Array<Record<string, unknown>>> {
	const executions = await server.executions(workflowId, { atLeast: count, timeoutMs: 120_000 });
	expect(executions).toHaveLength(count);
	expect(executions.map((execution) => execution.status)).toEqual(Array(count).fill('success'));
	const items: Array<Record<string, unknown>> = [];
	for (const execution of executions) items.push(...(await server.nodeOutput(execution.id, 'Lead Router', outputIndex)));
	return items;
}

function tally(items: Array<Record<string, unknown>>): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const item of items) {
		const owner = (item.routing as Routing).owner;
		const key = owner ? owner.id : 'unassigned';
		counts[key] = (counts[key] ?? 0) + 1;
	}
	return counts;
}

const batches = (total: number, size: number, make: (i: number) => unknown = sqlLead) =>
	Array.from({ length: total / size }, (_, batch) => Array.from({ length: size }, (_, i) => make(batch * size + i)));

beforeAll(async () => {
	redisPort = execFileSync('bash', [REDIS_SCRIPT, 'start'], { encoding: 'utf8' }).trim();
	const credential = { id: REDIS_CREDENTIAL_ID, name: 'Test Redis', type: 'leadRouterRedisApi', data: { host: '127.0.0.1', port: Number(redisPort), database: 0, password: '', user: '', ssl: false } };
	const memoryWorkflows = MEMORY_CASES.map(routerWorkflow);
	const redisWorkflows = REDIS_CASES.map(routerWorkflow);
	serverA.importCredentials([credential]);
	serverA.importWorkflows([...memoryWorkflows, ...redisWorkflows]);
	serverA.publish([...memoryWorkflows, ...redisWorkflows].map((workflow) => workflow.id));
	serverB.importCredentials([credential]);
	serverB.importWorkflows(redisWorkflows);
	serverB.publish(redisWorkflows.map((workflow) => workflow.id));
	await Promise.all([serverA.start(), serverB.start()]);
	await serverA.waitForWebhooks([...MEMORY_CASES, ...REDIS_CASES].map((c) => c.pathName), 180_000);
	await serverB.waitForWebhooks(REDIS_CASES.map((c) => c.pathName), 180_000);
});

afterAll(async () => {
	await Promise.all([serverA.stop(), serverB.stop()]);
	if (redisPort) execFileSync('bash', [REDIS_SCRIPT, 'stop', redisPort]);
});

describe('this-instance store inside one real n8n', () => {
	test('300 leads to 3 owners by strict round robin in one execution: exactly 100 each', async () => {
		await post(serverA, CASES.rrOne.pathName, batches(300, 300)[0]);
		const items = await routedItems(serverA, CASES.rrOne.id, 1);
		expect(items).toHaveLength(300);
		expect(tally(items)).toEqual({ 'ana@sales.example': 100, 'ben@sales.example': 100, 'cara@sales.example': 100 });
	});

	test('300 leads as 30 concurrent executions: still exactly 100 each', async () => {
		await Promise.all(batches(300, 10).map((leads) => post(serverA, CASES.rrMany.pathName, leads)));
		const items = await routedItems(serverA, CASES.rrMany.id, 30);
		expect(items).toHaveLength(300);
		expect(tally(items)).toEqual({ 'ana@sales.example': 100, 'ben@sales.example': 100, 'cara@sales.example': 100 });
		const turns = items.map((item) => Number(/turn (\d+)/.exec((item.routing as Routing).reason)?.[1]));
		expect(new Set(turns).size).toBe(300);
	});

	test('weights 3:1 over 400 leads in 20 concurrent executions: exactly 300 and 100', async () => {
		await Promise.all(batches(400, 20).map((leads) => post(serverA, CASES.weighted.pathName, leads)));
		expect(tally(await routedItems(serverA, CASES.weighted.id, 20))).toEqual({ 'senior@sales.example': 300, 'junior@sales.example': 100 });
	});

	test('a daily capacity of 10 is never exceeded; the overflow goes to the fallback owner', async () => {
		await Promise.all(batches(45, 5).map((leads) => post(serverA, CASES.capacity.pathName, leads)));
		const items = await routedItems(serverA, CASES.capacity.id, 9);
		expect(tally(items)).toEqual({ 'ana@sales.example': 10, 'ben@sales.example': 10, 'cara@sales.example': 10, 'fallback:manager@sales.example': 15 });
		expect(items.filter((item) => (item.routing as Routing).fallback)).toHaveLength(15);
	});

	test('territory and field rules hold under concurrency', async () => {
		const countries = ['DE', 'AT', 'US', 'BR', 'CH', 'MX'];
		const make = (i: number) => sqlLead(i, i % 5 === 0 ? { country: countries[i % 6], answers: { Industry: 'Healthcare' } } : { country: countries[i % 6] });
		await Promise.all(batches(60, 6, make).map((leads) => post(serverA, CASES.territory.pathName, leads)));
		const items = await routedItems(serverA, CASES.territory.id, 10);
		expect(items).toHaveLength(60);
		for (const item of items) {
			const lead = item.lead as { country: string; answers?: { Industry?: string } };
			const expected = lead.answers?.Industry === 'Healthcare' ? 'Health' : ['DE', 'AT', 'CH'].includes(lead.country) ? 'Dach' : 'Americas';
			expect({ country: lead.country, owner: (item.routing as Routing).owner?.name }).toEqual({ country: lead.country, owner: expected });
		}
	});

	test('sticky: the same email always returns to its first owner across concurrent executions', async () => {
		const emails = Array.from({ length: 15 }, (_, i) => `returning${i}@client${i}.example`);
		const delivery = () => emails.map((email) => ({ lead: { email }, score: { stage: 'sql' } }));
		await post(serverA, CASES.sticky.pathName, delivery());
		await Promise.all(Array.from({ length: 5 }, () => post(serverA, CASES.sticky.pathName, delivery())));
		const items = await routedItems(serverA, CASES.sticky.id, 6);
		const ownersByEmail = new Map<string, Set<string>>();
		for (const item of items) {
			const email = (item.lead as { email: string }).email;
			if (!ownersByEmail.has(email)) ownersByEmail.set(email, new Set());
			ownersByEmail.get(email)?.add(String((item.routing as Routing).owner?.id));
		}
		expect(ownersByEmail.size).toBe(15);
		expect([...ownersByEmail.values()].every((owners) => owners.size === 1)).toBe(true);
		expect(tally(items)).toEqual({ 'ana@sales.example': 30, 'ben@sales.example': 30, 'cara@sales.example': 30 });
	});
});

describe('the memory store keeps the workflow small, and language routing, inside a real n8n', () => {
	test('3,000 new sticky emails: n8n saves at most 2,000 entries and under 136 KiB of static data, and the newest still return to their owner', async () => {
		const emails = Array.from({ length: 3000 }, (_, i) => `buyer${i}@client${i}.example`);
		await post(serverA, CASES.stickyMany.pathName, emails.map((email) => ({ lead: { email }, score: { stage: 'sql' } })));
		const first = await routedItems(serverA, CASES.stickyMany.id, 1);
		expect(first).toHaveLength(3000);
		// n8n saves the static data in the execution's last hooks: wait until it is there
		let saved = '';
		for (let attempt = 0; attempt < 100 && !saved.includes('leadRouter'); attempt++) {
			const [row] = await serverA.query<{ staticData: string | null }>('SELECT staticData FROM workflow_entity WHERE id = ?', [CASES.stickyMany.id]);
			saved = String(row?.staticData ?? '');
			if (!saved.includes('leadRouter')) await new Promise((resolve) => setTimeout(resolve, 200));
		}
		expect(Buffer.byteLength(saved)).toBeLessThan(136 * 1024);
		const sticky = (JSON.parse(saved) as Record<string, { leadRouter?: { sticky?: Record<string, unknown> } }>)['node:Lead Router']?.leadRouter?.sticky ?? {};
		expect(Object.keys(sticky).length).toBeGreaterThan(1000);
		expect(Object.keys(sticky).length).toBeLessThanOrEqual(2000);
		// the last lead (turn 3,000 → Cara) comes back after a restart-free second execution: sticky
		await post(serverA, CASES.stickyMany.pathName, [{ lead: { email: emails[2999] }, score: { stage: 'sql' } }]);
		const items = await routedItems(serverA, CASES.stickyMany.id, 2);
		const again = items.find((item, i) => i >= 3000 && (item.lead as { email: string }).email === emails[2999]);
		expect(again?.routing).toMatchObject({ strategy: 'sticky', owner: { name: 'Cara' } });
	});

	test('a lead with a language goes to a member who speaks it', async () => {
		const leads = [sqlLead(1, { language: 'fa' }), sqlLead(2, { language: 'ar' }), sqlLead(3, { language: 'pl' }), sqlLead(4, { language: 'fa' })];
		await post(serverA, CASES.language.pathName, leads);
		const items = await routedItems(serverA, CASES.language.id, 1);
		expect(items.map((item) => [(item.routing as Routing).owner?.name, item.routing && (item.routing as { language: string }).language])).toEqual([
			['Reza', 'fa'],
			['Layla', 'ar'],
			['Ana', 'pl'],
			['Reza', 'fa'],
		]);
	});
});

describe('Redis store shared by two n8n processes', () => {
	test('300 leads by strict round robin, 15 executions on each process at once: exactly 100 each', async () => {
		await Promise.all(batches(300, 10).map((leads, i) => post(i % 2 ? serverB : serverA, CASES.redisRr.pathName, leads)));
		const items = [...(await routedItems(serverA, CASES.redisRr.id, 15)), ...(await routedItems(serverB, CASES.redisRr.id, 15))];
		expect(items).toHaveLength(300);
		expect(tally(items)).toEqual({ 'ana@sales.example': 100, 'ben@sales.example': 100, 'cara@sales.example': 100 });
	});

	test('weights 3:1 over 400 leads across both processes: exactly 300 and 100', async () => {
		await Promise.all(batches(400, 20).map((leads, i) => post(i % 2 ? serverB : serverA, CASES.redisWeighted.pathName, leads)));
		const items = [...(await routedItems(serverA, CASES.redisWeighted.id, 10)), ...(await routedItems(serverB, CASES.redisWeighted.id, 10))];
		expect(tally(items)).toEqual({ 'senior@sales.example': 300, 'junior@sales.example': 100 });
	});

	test('a daily capacity shared by both processes is never exceeded', async () => {
		await Promise.all(batches(60, 5).map((leads, i) => post(i % 2 ? serverB : serverA, CASES.redisCapacity.pathName, leads)));
		const items = [...(await routedItems(serverA, CASES.redisCapacity.id, 6)), ...(await routedItems(serverB, CASES.redisCapacity.id, 6))];
		expect(tally(items)).toEqual({ 'ana@sales.example': 10, 'ben@sales.example': 10, 'cara@sales.example': 10, 'fallback:manager@sales.example': 30 });
	});
});
