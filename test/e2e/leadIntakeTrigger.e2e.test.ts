import fs from 'fs';
import path from 'path';
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
	// one import for all workflows: every n8n CLI run boots n8n, which takes long on a busy machine
	const file = path.join(server.userFolder, 'intake-workflows.json');
	fs.writeFileSync(file, JSON.stringify(workflows));
	server.cli(['import:workflow', `--input=${file}`]);
	server.publish(workflows.map((workflow) => workflow.id));
	await server.start();
	await server.waitForWebhooks(['e2e-open', ...SCHEMES.map((scheme) => `e2e-${scheme}`)]);
}, 900_000);

afterAll(async () => {
	await server.stop();
});

async function post(pathName: string, body: string, headers: Record<string, string> = {}) {
	const response = await fetch(`${server.baseUrl}/webhook/${pathName}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
	return { status: response.status, body: await response.text() };
}

const signatureHeaders = (scheme: Scheme, body: string, timestamp = Date.now()) => signedHeaders(scheme, body, SECRET, timestamp);

const bodyFor = (scheme: Scheme) => signedFixtureBody(scheme, SECRET);

/**
 * What each signed fixture must become, read off the vendor's sample payload by hand (dates from
 * epoch values converted with `date -u -d @<seconds>`). Only the vendor's own fields: country
 * codes, languages and phone formats are derived, and tested where they are derived.
 */
const EXPECTED_SIGNED_LEADS: Record<Scheme, { leads: number; lead: Record<string, unknown> }> = {
	typeform: { leads: 1, lead: { source: 'typeform', channel: 'form', email: 'zoe.angstrom@example.com', company: 'Exempel AB', formId: 'Kq9pXy2R', formName: 'Book a demo', submittedAt: '2024-03-05T10:02:13.000Z', externalId: '4v9k2m1q8z0x7c6b5n4m3l2k1j0h9g8f' } },
	tally: { leads: 1, lead: { source: 'tally', channel: 'form', email: 'alice@example.com', formId: 'VwbNEw', formName: 'Webhook payload', submittedAt: '2023-06-28T15:00:21.000Z', externalId: '2wgx4n' } },
	// one notification, two leadgen ids; the answers come later from the Graph API
	meta: { leads: 2, lead: { source: 'meta', channel: 'ad', email: null, formId: '12312312312', submittedAt: '2015-08-21T01:26:24.000Z', externalId: '123123123123' } },
	webflow: { leads: 1, lead: { source: 'webflow', channel: 'form', email: 'zaphod@heartofgold.ai', firstName: 'Zaphod', lastName: 'Beeblebrox', formId: '65429eadebe8a9f3a30f62d0', formName: 'Contact Us', submittedAt: '2022-09-14T12:35:16.117Z', externalId: '6321ca84df3949bfc6752327' } },
	linkedin: { leads: 1, lead: { source: 'linkedin', channel: 'ad', email: null, formId: 'urn:li:versionedLeadGenForm:(urn:li:leadGenForm:1, 1)', submittedAt: '2023-06-07T23:59:18.881Z', externalId: 'urn:li:leadGenFormResponse:1a2b3c-4' } },
	googleads: { leads: 1, lead: { source: 'googleads', channel: 'ad', email: 'test@example.com', fullName: 'FirstName LastName', company: 'Example Co', jobTitle: 'Engineer', formId: '40000000000', externalId: 'TeSter-123-ABCDEFGHIJKLMNOPQRSTUVWXYZ-abcdefghijklmnopqrstuvwxyz-0123456789-AaBbCcDdEeFfGgHhIiJjKkLl' } },
	// HubSpot's form payload, signed with the generic HMAC scheme
	generic: { leads: 1, lead: { source: 'hubspot', channel: 'form', email: 'ada@example.co.uk', firstName: 'Ada', lastName: 'Lovelace', company: 'Analytical Engines Ltd', jobTitle: 'Head of Data', submittedAt: '2024-03-05T10:03:20.000Z' } },
};

describe('signature verification against the running n8n', () => {
	test.each(SCHEMES)('%s: a valid signature starts one execution with the expected lead', async (scheme) => {
		const body = bodyFor(scheme);
		const response = await post(`e2e-${scheme}`, body, signatureHeaders(scheme, body));
		expect(response.status).toBe(200);
		expect(JSON.parse(response.body)).toMatchObject({ status: 'accepted' });
		const executions = await server.executions(workflowId(scheme), { atLeast: 1 });
		expect(executions).toHaveLength(1);
		expect(executions[0].status).toBe('success');
		const items = await server.nodeOutput(executions[0].id, 'Received');
		expect(items).toHaveLength(EXPECTED_SIGNED_LEADS[scheme].leads);
		expect(items[0].lead).toMatchObject(EXPECTED_SIGNED_LEADS[scheme].lead);
		// the store the duplicate check used is part of every item
		expect(items[0].meta).toMatchObject({ verified: true, duplicateStore: 'database' });
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
	/** fixture → the lead's source, email, form id and submission id, read off the vendor's sample by hand */
	const AUTO_FIXTURES: Array<[string, { source: string; email: string | null; formId: string | null; externalId: string | null }]> = [
		['typeform/example-payload.json', { source: 'typeform', email: 'laura@example.com', formId: 'lT4Z3j', externalId: 'a3a12ec67a1365927098a606107fac15' }],
		['tally/example-payload.json', { source: 'tally', email: 'alice@example.com', formId: 'VwbNEw', externalId: '2wgx4n' }],
		['webflow/form-submission-v1.json', { source: 'webflow', email: 'some.one@home.com', formId: null, externalId: '6321ca84df3949bfc6752327' }],
		['elementor/advanced-data.json', { source: 'elementor', email: 'marie@example.fr', formId: '3f5a2c1', externalId: null }],
		['gravityforms/entry-all-fields.json', { source: 'gravityforms', email: 'grace.hopper@example.com', formId: '7', externalId: '1042' }],
		['hubspot/form-submission.json', { source: 'hubspot', email: 'ada@example.co.uk', formId: null, externalId: null }],
		['calendly/invitee-created.json', { source: 'calendly', email: 'test@example.com', formId: 'https://api.calendly.com/event_types/GBGBDCAADAEDCRZ2', externalId: 'https://api.calendly.com/scheduled_events/GBGBDCAADAEDCRZ2/invitees/AAAAAAAAAAAAAAAA' }],
		['meta/graph-lead.json', { source: 'meta', email: 'joe@example.com', formId: '987654321098765', externalId: '1234567890123456' }],
		['googleads/test-lead.json', { source: 'googleads', email: 'test@example.com', formId: '40000000000', externalId: 'TeSter-123-ABCDEFGHIJKLMNOPQRSTUVWXYZ-abcdefghijklmnopqrstuvwxyz-0123456789-AaBbCcDdEeFfGgHhIiJjKkLl' }],
		['linkedin/lead-created.json', { source: 'linkedin', email: null, formId: 'urn:li:versionedLeadGenForm:(urn:li:leadGenForm:1, 1)', externalId: 'urn:li:leadGenFormResponse:1a2b3c-4' }],
	];

	test('detects every source and reads each vendor sample into the expected lead', async () => {
		const before = (await server.executions(workflowId('open'))).length;
		for (const [file] of AUTO_FIXTURES) expect((await post('e2e-open', fixture(file))).status).toBe(200);
		const executions = await server.executions(workflowId('open'), { atLeast: before + AUTO_FIXTURES.length });
		expect(executions).toHaveLength(before + AUTO_FIXTURES.length);
		const leads: Array<Record<string, unknown>> = [];
		for (const execution of executions.slice(before)) {
			const [item] = await server.nodeOutput(execution.id, 'Received');
			leads.push(item.lead as Record<string, unknown>);
			expect(item.meta).toMatchObject({ verified: false, duplicateStore: 'database' });
		}
		const bySource = (a: { source: unknown }, b: { source: unknown }) => String(a.source).localeCompare(String(b.source));
		const received = leads.map(({ source, email, formId, externalId }) => ({ source, email, formId, externalId })).sort(bySource);
		expect(received).toEqual(AUTO_FIXTURES.map(([, expected]) => expected).sort(bySource));
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

	test('new submissions are new leads, whatever a constant "id" or an earlier sign-up of the same person says', async () => {
		const before = (await server.executions(workflowId('open'))).length;
		const stamp = Date.now();
		// a site posting its form's id as "id", and the same person twice: a newsletter sign-up, then a demo request
		const signUp = JSON.stringify({ id: 'site-form-1', email: `maryam.${stamp}@example.ir`, name: 'Maryam Ahmadi', newsletter: 'yes' });
		const demo = JSON.stringify({ id: 'site-form-1', email: `maryam.${stamp}@example.ir`, name: 'Maryam Ahmadi', message: 'Please book a demo' });
		const other = JSON.stringify({ id: 'site-form-1', email: `kemal.${stamp}@firma.com.tr`, name: 'Kemal Aydın' });
		const answers = [];
		for (const body of [signUp, demo, other, signUp]) answers.push(JSON.parse((await post('e2e-open', body)).body).status);
		expect(answers).toEqual(['accepted', 'accepted', 'accepted', 'duplicate']);
		const executions = await server.executions(workflowId('open'), { atLeast: before + 3 });
		expect(executions).toHaveLength(before + 3);
		const leads = await Promise.all(executions.slice(before).map(async (execution) => (await server.nodeOutput(execution.id, 'Received'))[0].lead));
		expect(leads).toEqual([
			expect.objectContaining({ source: 'generic', email: `maryam.${stamp}@example.ir`, fullName: 'Maryam Ahmadi', answers: expect.objectContaining({ newsletter: 'yes' }) }),
			expect.objectContaining({ source: 'generic', email: `maryam.${stamp}@example.ir`, fullName: 'Maryam Ahmadi', answers: expect.objectContaining({ message: 'Please book a demo' }) }),
			expect.objectContaining({ source: 'generic', email: `kemal.${stamp}@firma.com.tr`, fullName: 'Kemal Aydın' }),
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

describe('remembered deliveries after an n8n restart', () => {
	test("a delivery accepted before the restart is a duplicate after it: the keys live in n8n's database", async () => {
		const delivery = (email: string, submission: string) => JSON.stringify({ email, name: 'Rhea Start', form_id: 'contact', submission_id: submission });
		const body = delivery('restart.check@acme.io', `restart-${Date.now()}`);
		const before = (await server.executions(workflowId('open'))).length;
		expect(JSON.parse((await post('e2e-open', body)).body)).toMatchObject({ status: 'accepted' });
		const [execution] = (await server.executions(workflowId('open'), { atLeast: before + 1 })).slice(before);
		expect((await server.nodeOutput(execution.id, 'Received'))[0].meta).toMatchObject({ duplicateStore: 'database' });
		// n8n's deduplication table holds this trigger's keys
		const rows = await server.query<{ count: number }>('select count(*) as count from processed_data where workflowId = ?', [workflowId('open')]);
		expect(rows[0].count).toBeGreaterThan(0);

		await server.stop();
		await server.start();
		await server.waitForWebhooks(['e2e-open']);

		const again = await post('e2e-open', body);
		expect([again.status, JSON.parse(again.body).status]).toEqual([200, 'duplicate']);
		// and a new delivery still gets through after the restart
		const fresh = await post('e2e-open', delivery('restart.other@acme.io', `restart-other-${Date.now()}`));
		expect(JSON.parse(fresh.body)).toMatchObject({ status: 'accepted' });
		expect(await server.executions(workflowId('open'), { atLeast: before + 2 })).toHaveLength(before + 2);
	}, 900_000);
});
