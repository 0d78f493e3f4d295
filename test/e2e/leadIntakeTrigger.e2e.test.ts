import fs from 'fs';
import path from 'path';
import { normalizeDelivery } from '../../lib/normalizers';
import { N8nServer } from '../helpers/n8nServer';
import { SCHEMES, SIGNED_FIXTURES, signatureHeaders as signedHeaders, signedFixtureBody, type Scheme } from '../helpers/signedDelivery';

jest.setTimeout(300_000);

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'payloads', name), 'utf8');
const SECRET = 'e2e-secret-value-1234';


function intakeWorkflow(id: string, pathName: string, parameters: Record<string, unknown>, credentialId?: string) {
	return {
		id,
		name: `Intake ${pathName}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `${id}-t`,
				name: 'Lead Intake Trigger',
				type: 'n8n-nodes-lead-qualification.leadIntakeTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: `00000000-0000-4000-8000-${id.slice(-12).padStart(12, '0').toLowerCase().replace(/[^0-9a-f]/g, 'a')}`,
				parameters: { path: pathName, ...parameters },
				...(credentialId ? { credentials: { leadWebhookSecretApi: { id: credentialId, name: `Secret ${credentialId}` } } } : {}),
			},
			{ id: `${id}-n`, name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} },
		],
		connections: { 'Lead Intake Trigger': { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
	};
}

const server = new N8nServer();
const workflowId = (scheme: string) => `LqIntake${scheme.padEnd(8, 'x').slice(0, 8)}`;

beforeAll(async () => {
	server.importCredentials(
		SCHEMES.map((scheme) => ({
			id: `cred${scheme}`.padEnd(16, '0').slice(0, 16),
			name: `Secret cred${scheme}`,
			type: 'leadWebhookSecretApi',
			data: { scheme, secret: SECRET, verifyToken: 'meta-verify-token', headerName: 'x-signature', timestampHeader: '', toleranceSeconds: 300 },
		})),
	);
	const workflows = [
		intakeWorkflow(workflowId('open'), 'e2e-open', { verification: 'none', source: 'auto', responseMode: 'onReceived', options: {} }),
		...SCHEMES.map((scheme) => intakeWorkflow(workflowId(scheme), `e2e-${scheme}`, { verification: 'signature', source: 'auto', responseMode: 'onReceived', options: {} }, `cred${scheme}`.padEnd(16, '0').slice(0, 16))),
	];
	server.importWorkflows(workflows);
	server.publish(workflows.map((workflow) => workflow.id));
	await server.start();
	await server.waitForWebhooks(['e2e-open', ...SCHEMES.map((scheme) => `e2e-${scheme}`)]);
});

afterAll(async () => {
	await server.stop();
});

async function post(pathName: string, body: string, headers: Record<string, string> = {}) {
	const response = await fetch(`${server.baseUrl}/webhook/${pathName}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
	return { status: response.status, body: await response.text() };
}

const signatureHeaders = (scheme: Scheme, body: string, timestamp = Date.now()) => signedHeaders(scheme, body, SECRET, timestamp);

const bodyFor = (scheme: Scheme) => signedFixtureBody(scheme, SECRET);

describe('signature verification against the running n8n', () => {
	test.each(SCHEMES)('%s: a valid signature starts one execution with the normalized lead', async (scheme) => {
		const body = bodyFor(scheme);
		const response = await post(`e2e-${scheme}`, body, signatureHeaders(scheme, body));
		expect(response.status).toBe(200);
		expect(JSON.parse(response.body)).toMatchObject({ status: 'accepted' });
		const executions = await server.executions(workflowId(scheme), { atLeast: 1 });
		expect(executions).toHaveLength(1);
		expect(executions[0].status).toBe('success');
		const [item] = await server.nodeOutput(executions[0].id, 'Received');
		const expected = normalizeDelivery({ body: JSON.parse(body), headers: {}, query: {} }).leads[0];
		expect(item.lead).toEqual(JSON.parse(JSON.stringify(expected)));
		expect(item.meta).toMatchObject({ verified: true });
	});

	test.each(SCHEMES.filter((scheme) => scheme !== 'googleads'))('%s: forged, missing and wrong-algorithm signatures get 401 and start nothing', async (scheme) => {
		const before = (await server.executions(workflowId(scheme))).length;
		const body = bodyFor(scheme).replace(/"/, '"x_forged": 1, "');
		const genuine = signatureHeaders(scheme, bodyFor(scheme));
		const forged = await post(`e2e-${scheme}`, body, genuine);
		const missing = await post(`e2e-${scheme}`, body);
		const headerName = Object.keys(genuine).find((name) => name !== 'x-webflow-timestamp') as string;
		const sha1 = await post(`e2e-${scheme}`, body, { ...genuine, [headerName]: 'sha1=' + 'a'.repeat(40) });
		expect([forged.status, missing.status, sha1.status]).toEqual([401, 401, 401]);
		expect(forged.body).not.toContain(SECRET);
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(await server.executions(workflowId(scheme))).toHaveLength(before);
	});

	test('googleads: a wrong google_key gets 401', async () => {
		const before = (await server.executions(workflowId('googleads'))).length;
		const response = await post('e2e-googleads', JSON.stringify({ ...JSON.parse(fixture(SIGNED_FIXTURES.googleads)), google_key: 'guess' }));
		expect(response.status).toBe(401);
		expect(await server.executions(workflowId('googleads'))).toHaveLength(before);
	});

	test('webflow: a correctly signed delivery replayed outside the window gets 401', async () => {
		const before = (await server.executions(workflowId('webflow'))).length;
		const body = fixture(SIGNED_FIXTURES.webflow).replace('{', '{"replay": true,');
		const response = await post('e2e-webflow', body, signatureHeaders('webflow', body, Date.now() - 15 * 60_000));
		expect(response.status).toBe(401);
		expect(await server.executions(workflowId('webflow'))).toHaveLength(before);
	});

	test('meta: the GET subscription check echoes the challenge only with the right verify token', async () => {
		const ok = await fetch(`${server.baseUrl}/webhook/e2e-meta?hub.mode=subscribe&hub.verify_token=meta-verify-token&hub.challenge=1158201444`);
		expect([ok.status, await ok.text()]).toEqual([200, '1158201444']);
		const bad = await fetch(`${server.baseUrl}/webhook/e2e-meta?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444`);
		expect(bad.status).toBe(403);
	});
});

describe('an open (unsigned) intake URL', () => {
	const AUTO_FIXTURES: Array<[string, string]> = [
		['typeform', 'typeform/example-payload.json'],
		['tally', 'tally/example-payload.json'],
		['webflow', 'webflow/form-submission-v1.json'],
		['elementor', 'elementor/advanced-data.json'],
		['gravityforms', 'gravityforms/entry-all-fields.json'],
		['hubspot', 'hubspot/form-submission.json'],
		['calendly', 'calendly/invitee-created.json'],
		['meta', 'meta/graph-lead.json'],
		['googleads', 'googleads/test-lead.json'],
		['linkedin', 'linkedin/lead-created.json'],
	];

	test('detects every source and normalizes exactly as the pure normalizers do', async () => {
		const before = (await server.executions(workflowId('open'))).length;
		for (const [, file] of AUTO_FIXTURES) expect((await post('e2e-open', fixture(file))).status).toBe(200);
		const executions = await server.executions(workflowId('open'), { atLeast: before + AUTO_FIXTURES.length });
		expect(executions).toHaveLength(before + AUTO_FIXTURES.length);
		const sources: string[] = [];
		for (const execution of executions.slice(before)) {
			const [item] = await server.nodeOutput(execution.id, 'Received');
			sources.push((item.lead as { source: string }).source);
			expect(item.meta).toMatchObject({ verified: false });
		}
		expect(sources.sort()).toEqual(AUTO_FIXTURES.map(([source]) => source).sort());
	});

	test('form-encoded posts (Mailchimp, Jotform) are read from the real request body', async () => {
		const before = (await server.executions(workflowId('open'))).length;
		for (const file of ['mailchimp/subscribe-flat.json', 'jotform/contact-form.json']) {
			const fields = JSON.parse(fixture(file)) as Record<string, string>;
			const response = await fetch(`${server.baseUrl}/webhook/e2e-open`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
			expect(response.status).toBe(200);
		}
		const executions = await server.executions(workflowId('open'), { atLeast: before + 2 });
		const leads = await Promise.all(executions.slice(before).map(async (execution) => (await server.nodeOutput(execution.id, 'Received'))[0].lead as { source: string; email: string; channel: string }));
		expect(leads.map((lead) => [lead.source, lead.email, lead.channel])).toEqual([
			['mailchimp', 'api@mailchimp.com', 'newsletter'],
			['jotform', 'jan.kowalski@example.pl', 'form'],
		]);
	});

	test('a delivery repeated five times starts exactly one execution', async () => {
		const before = (await server.executions(workflowId('open'))).length;
		const body = JSON.stringify({ email: 'repeat.me@acme.io', name: 'Rita Peat', form_id: 'contact', submission_id: `sub-${Date.now()}` });
		const statuses = [];
		for (let i = 0; i < 5; i++) statuses.push((await post('e2e-open', body)).status);
		expect(statuses).toEqual([200, 200, 200, 200, 200]);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(await server.executions(workflowId('open'), { atLeast: before + 1 })).toHaveLength(before + 1);
	});

	test('a 5 MB body gets 413 and malformed JSON a 4xx, without starting anything', async () => {
		const before = (await server.executions(workflowId('open'))).length;
		const huge = JSON.stringify({ email: 'big@acme.io', notes: 'x'.repeat(5 * 1024 * 1024) });
		expect((await post('e2e-open', huge)).status).toBe(413);
		// n8n parses JSON bodies before any trigger runs and answers 422 "Failed to parse request body"
		const malformed = await post('e2e-open', '{"email": "broken@acme.io", ');
		expect(malformed.status).toBe(422);
		expect(malformed.body).toContain('Failed to parse request body');
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(await server.executions(workflowId('open'))).toHaveLength(before);
		const health = await fetch(`${server.baseUrl}/healthz`);
		expect(health.status).toBe(200);
	});
});
