/**
 * Smoke test on the n8n 1.x line (package.json config.n8nVersion1x, on its own Node 22, installed by
 * scripts/ensure-n8n-1x.sh): the packed package installed as n8n's community-package installer
 * leaves it, every node loads, Lead Score and Lead Router run in a workflow, a signed delivery goes
 * through the Lead Intake Trigger (versions 1 and 2) and through Webhook → Lead Intake, and two
 * WhatsApp messages from one person are one conversation with one owner.
 * The full suite runs on the pinned 2.x (test/e2e); this only proves the package works on 1.x.
 */
import fs from 'fs';
import path from 'path';
import { N8nServer } from '../helpers/n8nServer';
import { runtime1x } from '../helpers/runtime';
import { signatureHeaders } from '../helpers/signedDelivery';
import { whatsappStatusDelivery, whatsappTextDelivery } from '../helpers/whatsappDeliveries';

jest.setTimeout(300_000);

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { name: string; n8n: { nodes: string[]; credentials: string[] } };
const SECRET = 'smoke-1x-secret-4321';
const CREDENTIAL = { id: 'LqSmoke1xSecret1', name: 'Smoke secret' };
const META_SECRET = 'smoke-1x-meta-app-secret';
const META_CREDENTIAL = { id: 'LqSmoke1xMeta001', name: 'Smoke WhatsApp' };
const TEAM = { member: [{ name: 'Ana', email: 'ana@sales.example' }, { name: 'Ben', email: 'ben@sales.example' }, { name: 'Cara', email: 'cara@sales.example' }] };

const node = (id: string, name: string, type: string, typeVersion: number, x: number, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ id, name, type, typeVersion, position: [x, 0], parameters, ...extra });
const ours = (name: string) => `${pkg.name}.${name}`;
const signed = { credentials: { leadWebhookSecretApi: CREDENTIAL } };
const next = (to: string) => ({ main: [[{ node: to, type: 'main', index: 0 }]] });

// the leads and their expected stages are those of test/e2e/leadScore.e2e.test.ts (written by hand there)
// started by a webhook rather than by `n8n execute`, which would boot n8n once more
const SCORE_WORKFLOW = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'workflows', 'lead-score-e2e.json'), 'utf8')) as { id: string; nodes: Array<{ name: string }>; connections: Record<string, unknown> };
SCORE_WORKFLOW.id = 'LqSmoke1xScore01';
SCORE_WORKFLOW.nodes = SCORE_WORKFLOW.nodes.filter((each) => each.name !== 'Start');
SCORE_WORKFLOW.nodes.push(
	node('a0', 'Start', 'n8n-nodes-base.webhook', 2, -200, { httpMethod: 'POST', path: 'smoke-1x-score', responseMode: 'onReceived', options: {} }, { webhookId: '00000000-0000-4000-8000-000000000100' }),
	node('a5', 'Lead Router', ours('leadRouter'), 1, 800, { strategy: 'roundRobin', team: TEAM }),
);
SCORE_WORKFLOW.connections['Lead Score'] = next('Lead Router');

const triggerWorkflow = (id: string, typeVersion: number, pathName: string) => ({
	id,
	name: `Smoke trigger v${typeVersion}`,
	active: false,
	settings: { executionOrder: 'v1' },
	nodes: [
		node(`${id}-t`, 'Lead Intake Trigger', ours('leadIntakeTrigger'), typeVersion, 0, { path: pathName, verification: 'signature', source: 'auto', responseMode: 'onReceived', options: {} }, { webhookId: `00000000-0000-4000-8000-00000000010${typeVersion}`, ...signed }),
		node(`${id}-n`, 'Received', 'n8n-nodes-base.noOp', 1, 240, {}),
	],
	connections: { 'Lead Intake Trigger': next('Received') },
});

const WORKFLOWS = {
	chat: {
		id: 'LqSmoke1xChat001',
		name: 'Smoke WhatsApp → Lead Score → Lead Router',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			node('w1', 'WhatsApp', ours('leadIntakeTrigger'), 2, 0, { path: 'smoke-1x-chat', verification: 'signature', source: 'auto', responseMode: 'onReceived', options: {} }, { webhookId: '00000000-0000-4000-8000-000000000401', credentials: { leadWebhookSecretApi: META_CREDENTIAL } }),
			node('w2', 'Lead Score', ours('leadScore'), 1, 240, { scoringModel: 'b2bSaas', options: {} }),
			node('w3', 'Lead Router', ours('leadRouter'), 1, 480, { strategy: 'roundRobin', assignStages: ['sql', 'mql', 'lead'], team: TEAM }),
		],
		connections: { WhatsApp: next('Lead Score'), 'Lead Score': next('Lead Router') },
	},
	triggerV1: triggerWorkflow('LqSmoke1xTrigV01', 1, 'smoke-1x-trigger-v1'),
	triggerV2: triggerWorkflow('LqSmoke1xTrigV02', 2, 'smoke-1x-trigger-v2'),
	intake: {
		id: 'LqSmoke1xIntake1',
		name: 'Smoke Webhook → Lead Intake',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			node('i1', 'Webhook', 'n8n-nodes-base.webhook', 2, 0, { httpMethod: 'POST', path: 'smoke-1x-intake', responseMode: 'onReceived', options: { rawBody: true } }, { webhookId: '00000000-0000-4000-8000-000000000201' }),
			node('i2', 'Lead Intake', ours('leadIntake'), 1, 240, { verification: 'signature', source: 'auto', duplicateStore: 'database', options: {} }, signed),
			node('i3', 'Lead Score', ours('leadScore'), 1, 480, { scoringModel: 'b2bSaas', options: {} }),
		],
		connections: { Webhook: next('Lead Intake'), 'Lead Intake': next('Lead Score') },
	},
	insights: {
		id: 'LqSmoke1xInsight',
		name: 'Smoke Webhook → Split Out → Lead Insights',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			node('h1', 'Webhook', 'n8n-nodes-base.webhook', 2, 0, { httpMethod: 'POST', path: 'smoke-1x-insights', responseMode: 'onReceived', options: {} }, { webhookId: '00000000-0000-4000-8000-000000000301' }),
			node('h2', 'Split Out', 'n8n-nodes-base.splitOut', 1, 240, { fieldToSplitOut: 'body.history', include: 'noOtherFields', options: {} }),
			node('h3', 'Lead Insights', ours('leadInsights'), 1, 480, { operation: 'backtest', scoringModel: 'b2bSaas', outcomeType: 'status', outcomeField: 'outcome', options: {} }),
		],
		connections: { Webhook: next('Split Out'), 'Split Out': next('Lead Insights') },
	},
};
const PATHS = ['smoke-1x-chat', 'smoke-1x-score', 'smoke-1x-trigger-v1', 'smoke-1x-trigger-v2', 'smoke-1x-intake', 'smoke-1x-insights'];

// HubSpot's published form payload signed with the generic HMAC scheme; the expected lead is the one
// test/e2e/leadIntakeTrigger.e2e.test.ts reads off that payload by hand
const BODY = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'payloads', 'hubspot', 'form-submission.json'), 'utf8');
const EXPECTED_LEAD = { source: 'hubspot', channel: 'form', email: 'ada@example.co.uk', firstName: 'Ada', lastName: 'Lovelace', company: 'Analytical Engines Ltd', jobTitle: 'Head of Data', submittedAt: '2024-03-05T10:03:20.000Z' };

const server = new N8nServer(undefined, { runtime: runtime1x() });

beforeAll(async () => {
	server.importCredentials([
		{ ...CREDENTIAL, type: 'leadWebhookSecretApi', data: { scheme: 'generic', secret: SECRET, headerName: 'x-signature', timestampHeader: '', toleranceSeconds: 300 } },
		{ ...META_CREDENTIAL, type: 'leadWebhookSecretApi', data: { scheme: 'meta', secret: META_SECRET, verifyToken: 'smoke-verify' } },
	]);
	const file = path.join(server.userFolder, 'smoke-workflows.json');
	fs.writeFileSync(file, JSON.stringify([SCORE_WORKFLOW, ...Object.values(WORKFLOWS)]));
	server.cli(['import:workflow', `--input=${file}`]);
	server.publish([SCORE_WORKFLOW.id, ...Object.values(WORKFLOWS).map((workflow) => workflow.id)]);
	await server.start();
	await server.waitForWebhooks(PATHS);
}, 900_000);

afterAll(async () => {
	await server.stop();
});

async function post(pathName: string, body: string, headers: Record<string, string>) {
	const response = await fetch(`${server.baseUrl}/webhook/${pathName}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
	return { status: response.status, body: await response.text() };
}

async function onlyExecution(workflowId: string) {
	const executions = await server.executions(workflowId, { atLeast: 1, timeoutMs: 90_000 });
	expect(executions.map((execution) => execution.status)).toEqual(['success']);
	return executions[0].id;
}

test(`n8n ${runtime1x().version} loads every node and credential of the package`, () => {
	// what n8n writes for its editor once it has loaded every node (served only to a signed-in user)
	const typesOf = (file: string) => new Set((JSON.parse(fs.readFileSync(path.join(server.userFolder, '.cache', 'n8n', 'public', 'types', file), 'utf8')) as Array<{ name: string }>).map((type) => type.name));
	const nodes = typesOf('nodes.json');
	const credentials = typesOf('credentials.json');
	const lowerFirst = (name: string) => name.replace(/^./, (letter) => letter.toLowerCase());
	const declaredNodes = pkg.n8n.nodes.map((file) => ours(lowerFirst(path.basename(file, '.node.js'))));
	const declaredCredentials = pkg.n8n.credentials.map((file) => lowerFirst(path.basename(file, '.credentials.js')));
	expect(declaredNodes.length).toBeGreaterThan(0);
	expect(declaredNodes.filter((name) => !nodes.has(name))).toEqual([]);
	expect(declaredCredentials.filter((name) => !credentials.has(name))).toEqual([]);
});

test('Lead Score and Lead Router run in a workflow', async () => {
	const response = await fetch(`${server.baseUrl}/webhook/smoke-1x-score`, { method: 'POST' });
	expect(response.status).toBe(200);
	const runData = await server.runData(await onlyExecution(SCORE_WORKFLOW.id));
	const scored = runData['Lead Score'][0].data!.main![0]!;
	expect(scored.map(({ json }) => [(json.lead as { email: string }).email, (json.score as { stage: string }).stage])).toEqual([
		['ana.ruiz@bigcorp.com', 'sql'],
		['jo.smith@gmail.com', 'lead'],
		['kim@mailinator.com', 'disqualified'],
		['sam@acme.io', 'sql'],
	]);
	// outputs SQL, MQL, Lead, Disqualified; round robin gives the two SQLs the first two members
	const [sql, mql, lead, disqualified] = runData['Lead Router'][0].data!.main!;
	expect(sql!.map(({ json }) => [(json.lead as { email: string }).email, (json.routing as { owner: { name: string } }).owner.name])).toEqual([
		['ana.ruiz@bigcorp.com', 'Ana'],
		['sam@acme.io', 'Ben'],
	]);
	expect([mql!.length, lead!.length, disqualified!.length]).toEqual([0, 1, 1]);
});

test.each([
	['1', WORKFLOWS.triggerV1.id, 'smoke-1x-trigger-v1'],
	['2', WORKFLOWS.triggerV2.id, 'smoke-1x-trigger-v2'],
])('Lead Intake Trigger version %s: a signed delivery becomes one lead, a forged one gets 401', async (_version, workflowId, pathName) => {
	const forged = await post(pathName, BODY.replace('{', '{"x_forged": 1,'), signatureHeaders('generic', BODY, SECRET));
	expect(forged.status).toBe(401);
	const response = await post(pathName, BODY, signatureHeaders('generic', BODY, SECRET));
	expect(response.status).toBe(200);
	expect(JSON.parse(response.body)).toMatchObject({ status: 'accepted' });
	const items = await server.nodeOutput(await onlyExecution(workflowId), 'Received');
	expect(items).toHaveLength(1);
	expect(items[0].lead).toMatchObject(EXPECTED_LEAD);
	expect(items[0].meta).toMatchObject({ verified: true, duplicateStore: 'database' });
});

test('Webhook (Raw Body) → Lead Intake → Lead Score: a signed delivery becomes one scored lead', async () => {
	const response = await post('smoke-1x-intake', BODY, signatureHeaders('generic', BODY, SECRET));
	expect(response.status).toBe(200);
	const items = await server.nodeOutput(await onlyExecution(WORKFLOWS.intake.id), 'Lead Score');
	expect(items).toHaveLength(1);
	expect(items[0].lead).toMatchObject(EXPECTED_LEAD);
	expect(items[0].score).toEqual(expect.objectContaining({ stage: expect.any(String) }));
});

test('Lead Insights backtests closed leads and attaches its HTML report', async () => {
	// 30 of the 40 won leads are senior buyers who viewed pricing, against 10 of the 40 lost ones
	const history = Array.from({ length: 80 }, (_, index) => {
		const won = index % 2 === 0;
		const strong = won ? index % 8 !== 0 : index % 8 === 1;
		const submittedAt = new Date(Date.UTC(2025, 0, 1 + index * 2)).toISOString();
		const lead = strong
			? { email: `buyer${index}@bigcorp${index}.example`, jobTitle: 'CEO', company: `Bigcorp ${index}`, submittedAt, events: [{ type: 'pricing_page_view', at: submittedAt }] }
			: { email: `student${index}@gmail.com`, jobTitle: 'Student', submittedAt, events: [] };
		return { lead, outcome: won ? 'won' : 'lost' };
	});
	const response = await post('smoke-1x-insights', JSON.stringify({ history }), {});
	expect(response.status).toBe(200);
	const runData = await server.runData(await onlyExecution(WORKFLOWS.insights.id));
	const [summary] = runData['Lead Insights'][0].data!.main![0]!;
	expect(summary.json).toMatchObject({ operation: 'backtest', counts: { rows: 80, won: 40, lost: 40, open: 0 } });
	expect(summary.json.auc as number).toBeGreaterThan(0.65);
	expect((summary as { binary?: Record<string, unknown> }).binary?.data).toMatchObject({ mimeType: 'text/html' });
});

// a WhatsApp Cloud API text message in the shape of Meta's published example, from an Iranian number
const whatsappMessage = (n: number, text: string) => whatsappTextDelivery({ waId: '989121234567', name: 'Sara Ahmadi', id: `wamid.SMOKE1X${n}`, timestampSeconds: 1764662400 + n * 60, text });

test('WhatsApp: two messages from one person are one lead with one owner; a status update starts nothing', async () => {
	for (const [n, text] of [[1, 'سلام'], [2, 'قیمتش چنده؟']] as const) {
		const body = whatsappMessage(n, text);
		const response = await post('smoke-1x-chat', body, signatureHeaders('meta', body, META_SECRET));
		expect(response.status).toBe(200);
		await server.executions(WORKFLOWS.chat.id, { atLeast: n, timeoutMs: 90_000 });
	}
	const statuses = whatsappStatusDelivery({ waId: '989121234567', id: 'wamid.SMOKE1X1', status: 'read', timestampSeconds: 1764662500 });
	const ignored = await post('smoke-1x-chat', statuses, signatureHeaders('meta', statuses, META_SECRET));
	expect([ignored.status, JSON.parse(ignored.body).status]).toEqual([200, 'ignored']);
	const executions = await server.executions(WORKFLOWS.chat.id, { atLeast: 2, timeoutMs: 90_000 });
	expect(executions.map((execution) => execution.status)).toEqual(['success', 'success']);
	const routed = await Promise.all(
		[...executions].sort((a, b) => Number(a.id) - Number(b.id)).map(async (execution) => {
			const outputs = (await server.runData(execution.id))['Lead Router'][0].data!.main!;
			return outputs.flat().map((item) => item!.json)[0] as { lead: { externalId: string; phone: string; chat: { messages: unknown[] } }; meta: { conversation: { outcome: string; messageCount: number } }; routing: { owner: { name: string } } };
		}),
	);
	expect(routed.map((json) => [json.meta.conversation.outcome, json.meta.conversation.messageCount, json.lead.chat.messages.length, json.lead.phone, json.routing.owner.name])).toEqual([
		['new', 1, 1, '+989121234567', 'Ana'],
		['updated', 2, 2, '+989121234567', 'Ana'],
	]);
	expect(routed[1].lead.externalId).toBe(routed[0].lead.externalId);
});
