/**
 * The Lead Intake action node in the pinned n8n, behind n8n's own nodes: Webhook (Raw Body) →
 * Lead Intake → Lead Score, a Form Trigger → Lead Intake, and a Webhook without Raw Body. Outcomes
 * are read from n8n's stored executions and the HTTP answers the sender gets.
 */
import fs from 'fs';
import path from 'path';
import { N8nServer } from '../helpers/n8nServer';
import { signatureHeaders, signedFixtureBody } from '../helpers/signedDelivery';

jest.setTimeout(300_000);

const SECRET = 'e2e-intake-secret-5678';
const CREDENTIAL_ID = 'credIntakeTypef0';
const SIGNED_WF = 'LqIntakeActSign1';
const RAWLESS_WF = 'LqIntakeActNoRaw';
const FORM_WF = 'LqIntakeActForm1';
const SIGNED_PATH = 'e2e-intake-signed';
const RAWLESS_PATH = 'e2e-intake-no-raw';
/** a Form Trigger (2.2) without a custom path is served under its webhook id */
const FORM_PATH = '00000000-0000-4000-8000-0000000000c1';
const RESPOND_WF = 'LqIntakeActResp1';
const RESPOND_PATH = 'e2e-intake-respond';

const node = (id: string, name: string, type: string, typeVersion: number, x: number, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
	id,
	name,
	type,
	typeVersion,
	position: [x, 0],
	parameters,
	...extra,
});

const intakeNode = (id: string, parameters: Record<string, unknown>) =>
	node(id, 'Lead Intake', 'n8n-nodes-lead-qualification.leadIntake', 1, 240, parameters, parameters.verification === 'none' ? {} : { credentials: { leadWebhookSecretApi: { id: CREDENTIAL_ID, name: 'Typeform secret' } } });
const scoreNode = (id: string) => node(id, 'Lead Score', 'n8n-nodes-lead-qualification.leadScore', 1, 480, { scoringModel: 'b2bSaas', options: {} });
const duplicatesNode = (id: string) => node(id, 'Duplicates', 'n8n-nodes-base.noOp', 1, 480, {});
const webhookNode = (id: string, pathName: string, options: Record<string, unknown>) =>
	node(id, 'Webhook', 'n8n-nodes-base.webhook', 2.1, 0, { httpMethod: 'POST', path: pathName, responseMode: 'lastNode', options }, { webhookId: `00000000-0000-4000-8000-${id.padStart(12, '0')}` });

const respond = (id: string, name: string, body: string, responseCode: number) =>
	node(id, name, 'n8n-nodes-base.respondToWebhook', 1.5, 480, { respondWith: 'text', responseBody: body, options: { responseCode } });

const chain = (first: string) => ({
	[first]: { main: [[{ node: 'Lead Intake', type: 'main', index: 0 }]] },
	'Lead Intake': { main: [[{ node: 'Lead Score', type: 'main', index: 0 }], [{ node: 'Duplicates', type: 'main', index: 0 }]] },
});

const workflows = [
	{
		// the pattern docs/lead-intake.md recommends: the sender gets 401 for a bad signature
		id: RESPOND_WF,
		name: 'Lead Intake answering through Respond to Webhook',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			node('d1', 'Webhook', 'n8n-nodes-base.webhook', 2.1, 0, { httpMethod: 'POST', path: RESPOND_PATH, responseMode: 'responseNode', options: { rawBody: true } }, { webhookId: '00000000-0000-4000-8000-0000000000d1' }),
			{ ...intakeNode('d2', { verification: 'signature', source: 'auto', duplicateStore: 'database', options: {} }), onError: 'continueErrorOutput' },
			respond('d3', 'Accepted', 'accepted', 200),
			respond('d4', 'Already Received', 'duplicate', 200),
			respond('d5', 'Refuse', 'refused', 401),
		],
		connections: {
			Webhook: { main: [[{ node: 'Lead Intake', type: 'main', index: 0 }]] },
			'Lead Intake': { main: [[{ node: 'Accepted', type: 'main', index: 0 }], [{ node: 'Already Received', type: 'main', index: 0 }], [{ node: 'Refuse', type: 'main', index: 0 }]] },
		},
	},
	{
		id: SIGNED_WF,
		name: 'Lead Intake after a Webhook with Raw Body',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [webhookNode('a1', SIGNED_PATH, { rawBody: true }), intakeNode('a2', { verification: 'signature', source: 'auto', duplicateStore: 'database', options: {} }), scoreNode('a3'), duplicatesNode('a4')],
		connections: chain('Webhook'),
	},
	{
		id: RAWLESS_WF,
		name: 'Lead Intake after a Webhook without Raw Body',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [webhookNode('b1', RAWLESS_PATH, {}), intakeNode('b2', { verification: 'signature', source: 'auto', options: {} }), scoreNode('b3'), duplicatesNode('b4')],
		connections: chain('Webhook'),
	},
	{
		id: FORM_WF,
		name: 'Lead Intake after a Form Trigger',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			node(
				'c1',
				'Form Trigger',
				'n8n-nodes-base.formTrigger',
				2.2,
				0,
				{
					formTitle: 'Book a demo',
					formFields: {
						values: [
							{ fieldLabel: 'Email', fieldType: 'email', requiredField: true },
							{ fieldLabel: 'First Name' },
							{ fieldLabel: 'Company' },
							{ fieldLabel: 'Job Title' },
						],
					},
					options: {},
				},
				{ webhookId: FORM_PATH },
			),
			intakeNode('c2', { verification: 'none', source: 'auto', duplicateStore: 'database', options: {} }),
			scoreNode('c3'),
			duplicatesNode('c4'),
		],
		connections: chain('Form Trigger'),
	},
];

const server = new N8nServer();

beforeAll(async () => {
	server.importCredentials([{ id: CREDENTIAL_ID, name: 'Typeform secret', type: 'leadWebhookSecretApi', data: { scheme: 'typeform', secret: SECRET } }]);
	const file = path.join(server.userFolder, 'lead-intake-workflows.json');
	fs.writeFileSync(file, JSON.stringify(workflows));
	server.cli(['import:workflow', `--input=${file}`]);
	server.publish(workflows.map((workflow) => workflow.id));
	await server.start();
	await server.waitForWebhooks([SIGNED_PATH, RAWLESS_PATH, RESPOND_PATH]);
	// a Form Trigger is served under /form/, which waitForWebhooks does not look at
	for (let attempt = 0; attempt < 240; attempt++) {
		const response = await fetch(`${server.baseUrl}/form/${FORM_PATH}`).catch(() => null);
		if (response && response.status !== 404) break;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}, 900_000);

afterAll(async () => {
	await server.stop();
});

async function post(pathName: string, body: string, headers: Record<string, string> = {}) {
	const response = await fetch(`${server.baseUrl}/webhook/${pathName}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
	return { status: response.status, body: await response.text() };
}

const seen: Record<string, number> = {};
/** the execution the last request started, once it has settled */
async function lastExecution(workflowId: string) {
	const rows = await server.executions(workflowId, { atLeast: (seen[workflowId] ?? 0) + 1, timeoutMs: 90_000 });
	expect(rows.length).toBe((seen[workflowId] ?? 0) + 1);
	seen[workflowId] = rows.length;
	return rows[rows.length - 1];
}

/**
 * The lead in Typeform's sample (test/fixtures/payloads/typeform/lead-form.json), read off the
 * payload by hand (as in leadIntakeTrigger.e2e.test.ts): the answers and the form's own ids.
 */
const TYPEFORM_LEAD = {
	source: 'typeform',
	channel: 'form',
	email: 'zoe.angstrom@example.com',
	company: 'Exempel AB',
	formId: 'Kq9pXy2R',
	formName: 'Book a demo',
	submittedAt: '2024-03-05T10:02:13.000Z',
	externalId: '4v9k2m1q8z0x7c6b5n4m3l2k1j0h9g8f',
};

describe('Webhook (Raw Body) → Lead Intake → Lead Score', () => {
	const body = signedFixtureBody('typeform', SECRET);

	test('a signed delivery becomes one scored lead', async () => {
		const response = await post(SIGNED_PATH, body, signatureHeaders('typeform', body, SECRET));
		expect(response.status).toBe(200);
		const execution = await lastExecution(SIGNED_WF);
		expect(execution.status).toBe('success');
		const leads = await server.nodeOutput(execution.id, 'Lead Intake', 0);
		expect(leads).toHaveLength(1);
		expect(leads[0].lead).toMatchObject(TYPEFORM_LEAD);
		expect(leads[0].meta).toMatchObject({ source: 'typeform', verified: true, leadIndex: 0, leadCount: 1, duplicateStore: 'database' });
		expect(await server.nodeOutput(execution.id, 'Lead Intake', 1)).toEqual([]);
		const scored = await server.nodeOutput(execution.id, 'Lead Score', 0);
		expect(scored).toHaveLength(1);
		expect(scored[0].score).toEqual(expect.objectContaining({ stage: expect.any(String) }));
	});

	test('the same delivery again goes to the Duplicates output with its reason, and no lead is scored', async () => {
		const response = await post(SIGNED_PATH, body, signatureHeaders('typeform', body, SECRET));
		expect(response.status).toBe(200);
		const execution = await lastExecution(SIGNED_WF);
		expect(await server.nodeOutput(execution.id, 'Lead Intake', 0)).toEqual([]);
		const duplicates = await server.nodeOutput(execution.id, 'Lead Intake', 1);
		expect(duplicates).toHaveLength(1);
		expect(duplicates[0].lead).toMatchObject({ email: TYPEFORM_LEAD.email });
		// Typeform's token is the submission id: the repeat is recognised by it
		expect(duplicates[0].duplicate).toMatchObject({ reason: 'sameSubmissionId', store: 'database' });
		expect(await server.nodeOutput(execution.id, 'Lead Score', 0)).toEqual([]);
	});

	test('a forged delivery gives no lead, the sender gets 500 and the execution error names the signature check', async () => {
		const forged = body.replace('Exempel AB', 'Mallory Ltd');
		expect(forged).not.toBe(body);
		const response = await post(SIGNED_PATH, forged, signatureHeaders('typeform', body, SECRET));
		// Respond: When Last Node Finishes: n8n answers a failed execution with 500 (the sender retries)
		expect(response.status).toBe(500);
		const execution = await lastExecution(SIGNED_WF);
		expect(execution.status).toBe('error');
		const runData = await server.runData(execution.id);
		expect(runData['Lead Intake'][0].error?.message).toMatch(/^Signature check failed for item 0/);
		expect(runData['Lead Score']).toBeUndefined();
		expect(JSON.stringify(runData)).not.toContain(SECRET);
	});
});

test('a Webhook without Raw Body fails with an error naming the Raw Body option, not a signature mismatch', async () => {
	const body = signedFixtureBody('typeform', SECRET);
	const response = await post(RAWLESS_PATH, body, signatureHeaders('typeform', body, SECRET));
	expect(response.status).toBeGreaterThanOrEqual(400);
	const execution = await lastExecution(RAWLESS_WF);
	const runData = await server.runData(execution.id);
	const message = runData['Lead Intake'][0].error?.message ?? '';
	expect(message).toContain('Raw Body');
	expect(message).not.toMatch(/signature check failed|mismatch/i);
	expect(runData['Lead Score']).toBeUndefined();
});

test('a Form Trigger submission (posted to the form URL) becomes a scored lead', async () => {
	const form = new FormData();
	form.append('field-0', 'kai.berg@scaleup.example');
	form.append('field-1', 'Kai');
	form.append('field-2', 'ScaleUp GmbH');
	form.append('field-3', 'CTO');
	const response = await fetch(`${server.baseUrl}/form/${FORM_PATH}`, { method: 'POST', body: form });
	expect(response.status).toBe(200);
	const execution = await lastExecution(FORM_WF);
	expect(execution.status).toBe('success');
	const leads = await server.nodeOutput(execution.id, 'Lead Intake', 0);
	expect(leads).toHaveLength(1);
	// the answers typed into the form above
	expect(leads[0].lead).toMatchObject({ email: 'kai.berg@scaleup.example', firstName: 'Kai', company: 'ScaleUp GmbH', jobTitle: 'CTO' });
	expect(leads[0].meta).toMatchObject({ verified: false });
	expect(await server.nodeOutput(execution.id, 'Lead Score', 0)).toHaveLength(1);
});

test("with Respond to Webhook and the node's error output, a forged delivery is answered 401 and a repeat 200", async () => {
	const body = signedFixtureBody('tally', SECRET);
	const typeform = signedFixtureBody('typeform', SECRET);
	const signed = await post(RESPOND_PATH, typeform, signatureHeaders('typeform', typeform, SECRET));
	expect(signed).toEqual({ status: 200, body: 'accepted' });
	await lastExecution(RESPOND_WF);
	const repeat = await post(RESPOND_PATH, typeform, signatureHeaders('typeform', typeform, SECRET));
	expect(repeat).toEqual({ status: 200, body: 'duplicate' });
	await lastExecution(RESPOND_WF);
	// signed with the right secret but for another sender's scheme: the Typeform check finds no signature
	const forged = await post(RESPOND_PATH, body, signatureHeaders('tally', body, SECRET));
	expect(forged).toEqual({ status: 401, body: 'refused' });
	const execution = await lastExecution(RESPOND_WF);
	const refused = await server.nodeOutput(execution.id, 'Lead Intake', 2);
	expect(refused).toHaveLength(1);
	expect(String(refused[0].error)).toMatch(/^Signature check failed for item 0/);
	expect(refused[0].lead).toBeUndefined();
	expect(await server.nodeOutput(execution.id, 'Lead Intake', 0)).toEqual([]);
});
