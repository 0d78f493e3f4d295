/**
 * Every sample workflow in workflows/ imported into the pinned n8n as shipped, published, and
 * driven over HTTP; assertions on where each lead ended, read from n8n's stored executions.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { N8nServer } from '../helpers/n8nServer';
import { runtimeDir } from '../helpers/runtime';

jest.setTimeout(600_000);

const WORKFLOWS_DIR = path.join(__dirname, '..', '..', 'workflows');
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'payloads');

interface WorkflowFile {
	id: string;
	name: string;
	nodes: Array<{ name: string; type: string; typeVersion: number; disabled?: boolean; credentials?: Record<string, unknown>; parameters: Record<string, unknown> }>;
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
}

const workflows: WorkflowFile[] = fs
	.readdirSync(WORKFLOWS_DIR)
	.filter((file) => file.endsWith('.json'))
	.map((file) => JSON.parse(fs.readFileSync(path.join(WORKFLOWS_DIR, file), 'utf8')));
const byName = (name: string) => {
	const found = workflows.find((workflow) => workflow.name === name);
	if (!found) throw new Error(`no sample workflow named ${name}`);
	return found;
};

describe('every sample workflow only uses what the package ships or n8n has', () => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const pkg = require('../../package.json');
	const ourNodes = new Map<string, number[]>();
	for (const file of pkg.n8n.nodes as string[]) {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const exported = require(path.join(__dirname, '..', '..', file));
		const description = new (Object.values(exported)[0] as new () => { description: { name: string; version: number | number[] } })().description;
		ourNodes.set(`n8n-nodes-lead-qualification.${description.name}`, ([] as number[]).concat(description.version));
	}
	const ourCredentials = new Set(
		(pkg.n8n.credentials as string[]).map((file) => {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const exported = require(path.join(__dirname, '..', '..', file));
			return new (Object.values(exported)[0] as new () => { name: string })().name;
		}),
	);
	// n8n-nodes-base loads ES modules that jest cannot require: read node versions in a plain Node 24 process
	const baseTypes = [...new Set(workflows.flatMap((workflow) => workflow.nodes.map((node) => node.type)).filter((type) => type.startsWith('n8n-nodes-base.')))];
	const probe = `
		const path = require('path');
		const base = path.join(process.argv[1], 'node_modules', 'n8n-nodes-base');
		const list = require(path.join(base, 'package.json')).n8n;
		const files = new Map(list.nodes.map((file) => [path.basename(file, '.node.js').toLowerCase(), file]));
		const versions = {};
		for (const type of JSON.parse(process.argv[2])) {
			const file = files.get(type.replace('n8n-nodes-base.', '').toLowerCase());
			if (!file) { versions[type] = null; continue; }
			const node = new (Object.values(require(path.join(base, file)))[0])();
			versions[type] = node.nodeVersions ? Object.keys(node.nodeVersions).map(Number) : [].concat(node.description.version);
		}
		const credentials = list.credentials.map((file) => path.basename(file, '.credentials.js').replace(/^./, (c) => c.toLowerCase()));
		process.stdout.write(JSON.stringify({ versions, credentials }));`;
	const probed = JSON.parse(execFileSync(process.execPath, ['-e', probe, runtimeDir(), JSON.stringify(baseTypes)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as { versions: Record<string, number[] | null>; credentials: string[] };
	const baseCredentials = new Set(probed.credentials);
	const baseNodeVersions = (type: string): number[] | null => probed.versions[type] ?? null;

	test.each(workflows.map((workflow) => [workflow.name, workflow] as const))('%s', (_name, workflow) => {
		expect(workflow.id).toMatch(/^[A-Za-z0-9]{16}$/);
		for (const node of workflow.nodes) {
			const versions = node.type.startsWith('n8n-nodes-lead-qualification.') ? ourNodes.get(node.type) : node.type.startsWith('n8n-nodes-base.') ? baseNodeVersions(node.type) : null;
			expect({ node: node.name, type: node.type, known: versions !== null && versions !== undefined }).toEqual({ node: node.name, type: node.type, known: true });
			expect({ node: node.name, versions, has: versions?.includes(node.typeVersion) }).toMatchObject({ node: node.name, has: true });
			for (const credentialType of Object.keys(node.credentials ?? {})) {
				expect({ node: node.name, credentialType, known: ourCredentials.has(credentialType) || baseCredentials.has(credentialType) }).toMatchObject({ known: true });
			}
			// steps that need an outside account are shipped disabled
			if (/slack|gmail|hubspot|mailchimp|pipedrive|emailSend|whatsApp|telegram/i.test(node.type)) expect({ node: node.name, disabled: node.disabled }).toEqual({ node: node.name, disabled: true });
		}
		for (const [from, outputs] of Object.entries(workflow.connections)) {
			expect(workflow.nodes.some((node) => node.name === from)).toBe(true);
			for (const target of outputs.main.flat()) expect({ from, to: target.node, exists: workflow.nodes.some((node) => node.name === target.node) }).toMatchObject({ exists: true });
		}
	});
});

describe('the sample workflows inside a real n8n', () => {
	const server = new N8nServer();

	const webhookPaths = workflows.flatMap((workflow) =>
		workflow.nodes.filter((node) => !node.disabled && typeof node.parameters.path === 'string' && /webhook|Trigger$/i.test(node.type)).map((node) => node.parameters.path as string),
	);

	beforeAll(async () => {
		server.importWorkflows(workflows);
		server.publish(workflows.map((workflow) => workflow.id));
		await server.start();
		await server.waitForWebhooks(webhookPaths, 180_000);
	});

	afterAll(async () => {
		await server.stop();
	});

	async function post(pathName: string, body: unknown, contentType = 'application/json') {
		const payload = contentType === 'application/json' ? JSON.stringify(body) : new URLSearchParams(body as Record<string, string>).toString();
		const response = await fetch(`${server.baseUrl}/webhook/${pathName}`, { method: 'POST', headers: { 'content-type': contentType }, body: payload, redirect: 'manual' });
		return { status: response.status, location: response.headers.get('location'), body: await response.text() };
	}

	/** executions of a workflow after `seen`, once `count` new ones have settled */
	async function newExecutions(workflowId: string, seen: number, count: number) {
		const rows = await server.executions(workflowId, { atLeast: seen + count, timeoutMs: 90_000 });
		expect(rows.length).toBe(seen + count);
		return rows.slice(seen);
	}

	/** the enabled nodes that ran, and the first output item of each */
	async function outcome(executionId: number) {
		const runData = await server.runData(executionId);
		const ran: Record<string, Record<string, unknown>> = {};
		for (const [node, runs] of Object.entries(runData)) {
			const first = runs[runs.length - 1]?.data?.main?.find((items) => items && items.length)?.[0];
			if (first) ran[node] = first.json;
		}
		return ran;
	}

	const counts: Record<string, number> = {};
	async function deliver(workflowName: string, pathName: string, body: unknown, contentType?: string) {
		const workflow = byName(workflowName);
		const seen = counts[workflow.id] ?? 0;
		const response = await post(pathName, body, contentType);
		const [execution] = await newExecutions(workflow.id, seen, 1);
		counts[workflow.id] = seen + 1;
		return { response, execution, ran: await outcome(execution.id) };
	}

	describe('Inbound lead qualification', () => {
		const WF = 'Inbound lead qualification';

		test('a German VP asking for a demo is an SQL: the EMEA owner is alerted, with the reasons', async () => {
			const { response, execution, ran } = await deliver(WF, 'inbound-leads', {
				email: 'Lena.Vogel@Bigcorp-Industries.de',
				first_name: 'Lena',
				last_name: 'Vogel',
				company: 'Bigcorp Industries',
				job_title: 'VP Marketing',
				country: 'DE',
				'How many employees?': '500-1000',
				events: [{ type: 'demo_request' }],
			});
			expect(response.status).toBe(200);
			expect(execution.status).toBe('success');
			expect((ran['Lead Score'].score as { stage: string }).stage).toBe('sql');
			const alert = ran['Alert Owner (Local)'];
			expect(alert.nextStep).toBe('Alert the assigned owner');
			expect(alert.alertTo).toBe('U0ANA000001');
			expect(alert.alert).toMatch(/^New SQL for Ana Lopez: Lena Vogel \(Bigcorp Industries\), score \d+ \/ grade [A-D]\. Why: .*Decision maker title/);
			// the Slack step ships disabled: n8n passes the item through without calling Slack
			expect(ran['Alert Owner on Slack']).toEqual(alert);
			expect(ran['Log and Stop (Local)']).toBeUndefined();
		});

		test('a Typeform response from the vendor docs is scored and lands in exactly one branch', async () => {
			const { ran } = await deliver(WF, 'inbound-leads', JSON.parse(fs.readFileSync(path.join(FIXTURES, 'typeform', 'lead-form.json'), 'utf8')));
			const ends = ['Alert Owner (Local)', 'Enter MQL Nurture (Local)', 'Add to Newsletter (Local)', 'Log and Stop (Local)'].filter((name) => ran[name]);
			expect(ends).toHaveLength(1);
			expect((ran['Lead Intake Trigger'].lead as { source: string }).source).toBe('typeform');
		});

		test('a disposable address is disqualified, logged and stops', async () => {
			const { ran } = await deliver(WF, 'inbound-leads', { email: 'bot123@mailinator.com', name: 'Test' });
			expect(ran['Log and Stop (Local)'].disqualifiedBecause).toMatch(/disposable_email/);
			expect(Object.keys(ran).filter((name) => name.endsWith('(Local)'))).toEqual(['Log and Stop (Local)']);
		});

		test('a bare newsletter-style lead goes to the newsletter list, unassigned', async () => {
			const { ran } = await deliver(WF, 'inbound-leads', { email: 'sam.reader@gmail.com', first_name: 'Sam' });
			expect(ran['Add to Newsletter (Local)'].nextStep).toBe('Add to the newsletter list');
			expect((ran['Add to Newsletter (Local)'].routing as { owner: unknown }).owner).toBeNull();
		});
	});

	describe('Thank-you page follow-up', () => {
		const WF = 'Thank-you page follow-up';

		test('the form is answered with a redirect to the thank-you page of its stage', async () => {
			const sql = await deliver(WF, 'thank-you-form', { email: 'cto@scaleup.example', first_name: 'Kai', last_name: 'Berg', company: 'ScaleUp', job_title: 'CTO', message: 'Please contact me for a demo', request: 'demo' }, 'application/x-www-form-urlencoded');
			const plain = await deliver(WF, 'thank-you-form', { email: 'jo@gmail.com', first_name: 'Jo' }, 'application/x-www-form-urlencoded');
			for (const { response, ran } of [sql, plain]) {
				expect(response.status).toBeGreaterThanOrEqual(300);
				expect(response.status).toBeLessThan(400);
				const stage = (ran['Lead Score'].score as { stage: string }).stage;
				const page = { sql: 'book-a-meeting', mql: 'webinar', lead: 'related-content', disqualified: 'plain' }[stage];
				expect(response.location).toContain(`https://www.yourcompany.example/thank-you/${page}?email=`);
				expect(response.location).toContain(`stage=${stage}`);
			}
			expect(plain.response.location).toContain('/thank-you/related-content?email=jo%40gmail.com&stage=lead');
		});

		test('booking a meeting on the thank-you page makes the lead an SQL and alerts sales', async () => {
			const { ran } = await deliver(WF, 'thank-you-activity', { email: 'mia@brightlabs.example', stage: 'mql', page: 'webinar', clicked: 'book-meeting' });
			expect((ran['Re-Score With Activity'].score as { stage: string }).stage).toBe('sql');
			expect(ran['Alert Owner (Local)'].nextStep).toBe('Alert the assigned owner');
			expect(ran['Follow-Up for That Page (Local)']).toBeUndefined();
		});

		test('reading a case study gets the follow-up made for that page; the stage never goes back', async () => {
			const { ran } = await deliver(WF, 'thank-you-activity', { email: 'noah@brightlabs.example', stage: 'mql', page: 'webinar', clicked: 'case-study' });
			const score = ran['Re-Score With Activity'].score as { stage: string; previousStage: string };
			expect(score.previousStage).toBe('mql');
			expect(score.stage).toBe('mql');
			expect(ran['Follow-Up for That Page (Local)'].followUpSubject).toBe('Your webinar seat + the case study everyone asks for');
		});
	});

	describe('MQL nurture sequence', () => {
		const WF = 'MQL nurture sequence';
		const start = (email: string) =>
			post('mql-nurture', { lead: { email, firstName: 'Ava', company: 'Northwind', jobTitle: 'Marketing Manager', country: 'US' }, score: { stage: 'mql', total: 45 }, stepWaitSeconds: 3600 });

		/** waits for the execution to wait at `step`, then resumes it through the email's tracked link */
		async function engage(executionId: number, step: number, event: string | null) {
			let link: string | undefined;
			for (let attempt = 0; attempt < 120 && !link; attempt++) {
				const [row] = await server.query<{ status: string }>('select status from execution_entity where id = ?', [executionId]);
				if (row.status === 'waiting') {
					const ran = await outcome(executionId);
					if (ran[`Add Engagement ${step}`] === undefined && ran[`Email ${step} (Local)`]) link = ran[`Email ${step} (Local)`].trackedLink as string;
				}
				if (!link) await new Promise((resolve) => setTimeout(resolve, 250));
			}
			expect(link).toBeDefined();
			const url = new URL(link as string);
			expect(url.pathname).toBe(`/webhook-waiting/${executionId}`);
			if (event) url.searchParams.set('event', event);
			else url.searchParams.delete('event');
			const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
			expect(response.status).toBe(200);
		}

		async function finished(executionId: number) {
			for (let attempt = 0; attempt < 240; attempt++) {
				const [row] = await server.query<{ status: string }>('select status from execution_entity where id = ?', [executionId]);
				if (row.status !== 'waiting' && row.status !== 'running' && row.status !== 'new') return row.status;
				await new Promise((resolve) => setTimeout(resolve, 250));
			}
			return 'timeout';
		}

		test('a lead that asks for a demo during the sequence leaves it at once and goes to sales', async () => {
			const workflow = byName(WF);
			const seen = counts[workflow.id] ?? 0;
			expect((await start('ava@northwind.example')).status).toBe(200);
			const [execution] = await newExecutions(workflow.id, seen, 1);
			counts[workflow.id] = seen + 1;
			await engage(execution.id, 1, 'email_click');
			await engage(execution.id, 2, 'demo_request');
			expect(await finished(execution.id)).toBe('success');
			const ran = await outcome(execution.id);
			expect((ran['Re-Score 2'].score as { stage: string }).stage).toBe('sql');
			expect(ran['Alert Owner (Local)'].nextStep).toBe('Left the sequence: alert the assigned owner');
			expect((ran['Alert Owner (Local)'].routing as { owner: { name: string } }).owner.name).toBe('Ben Okafor');
			expect(ran['Email 3 (Local)']).toBeUndefined();
		});

		test('after the last step, a lead that engaged is recycled and one that never did is disqualified as cold', async () => {
			const workflow = byName(WF);
			const seen = counts[workflow.id] ?? 0;
			await start('warm@contoso.example');
			await start('cold@fabrikam.example');
			const [warm, cold] = await newExecutions(workflow.id, seen, 2);
			counts[workflow.id] = seen + 2;
			for (const [step, event] of [[1, 'email_click'], [2, null], [3, null]] as const) await engage(warm.id, step, event);
			for (const step of [1, 2, 3]) await engage(cold.id, step, null);
			expect(await finished(warm.id)).toBe('success');
			expect(await finished(cold.id)).toBe('success');
			const warmRan = await outcome(warm.id);
			const coldRan = await outcome(cold.id);
			expect(warmRan['Recycle to Newsletter (Local)'].nextStep).toMatch(/recycle into the newsletter/);
			expect(coldRan['Disqualify as Cold (Local)'].finalStage).toBe('disqualified');
			expect(coldRan['Recycle to Newsletter (Local)']).toBeUndefined();
		});
	});

	describe('an unsubscribe in Mailchimp ends the running nurture of that email', () => {
		test('the waiting sequence is resumed with the unsubscribe and sends nothing more', async () => {
			const nurture = byName('MQL nurture sequence');
			const newsletter = byName('Newsletter sign-ups (Mailchimp)');
			const email = 'leaving@tailspin.example';
			const seen = counts[nurture.id] ?? 0;
			await post('mql-nurture', { lead: { email, firstName: 'Lee', company: 'Tailspin', country: 'GB' }, score: { stage: 'mql' }, stepWaitSeconds: 3600 });
			const [execution] = await newExecutions(nurture.id, seen, 1);
			counts[nurture.id] = seen + 1;
			for (let attempt = 0; attempt < 80; attempt++) {
				const [row] = await server.query<{ status: string }>('select status from execution_entity where id = ?', [execution.id]);
				if (row.status === 'waiting') break;
				await new Promise((resolve) => setTimeout(resolve, 250));
			}
			const unsubscribe = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'mailchimp', 'unsubscribe-flat.json'), 'utf8')) as Record<string, string>;
			for (const key of Object.keys(unsubscribe)) if (/email/i.test(key)) unsubscribe[key] = email;
			unsubscribe['data[id]'] = 'leaving0001';
			const { ran } = await deliver(newsletter.name, 'newsletter-signups', unsubscribe, 'application/x-www-form-urlencoded');
			expect(ran['Find Their Sequences'].email).toBe(email);
			let status = '';
			for (let attempt = 0; attempt < 120 && status !== 'success'; attempt++) {
				[{ status }] = await server.query<{ status: string }>('select status from execution_entity where id = ?', [execution.id]);
				await new Promise((resolve) => setTimeout(resolve, 250));
			}
			expect(status).toBe('success');
			const nurtureRan = await outcome(execution.id);
			expect(nurtureRan['Left: Unsubscribed (Local)'].nextStep).toBe('Unsubscribed: left the sequence, nothing more is sent');
			expect(nurtureRan['Re-Score 1']).toBeUndefined();
			expect(nurtureRan['Email 2 (Local)']).toBeUndefined();
		});
	});

	describe('Ad lead intake', () => {
		const WF = 'Ad lead intake (Meta and Google Ads)';

		test('a Meta Graph API lead and a Google Ads lead carry their cost per lead to the end', async () => {
			const meta = await deliver(WF, 'ad-leads', JSON.parse(fs.readFileSync(path.join(FIXTURES, 'meta', 'graph-lead.json'), 'utf8')));
			const google = await deliver(WF, 'ad-leads', JSON.parse(fs.readFileSync(path.join(FIXTURES, 'googleads', 'test-lead.json'), 'utf8')));
			for (const [{ ran }, platform, costPerLead] of [[meta, 'meta', 18.5], [google, 'googleads', 42]] as const) {
				const end = ['Alert Owner (Local)', 'Enter MQL Nurture (Local)', 'Add to Newsletter (Local)', 'Log and Stop (Local)'].find((name) => ran[name]) as string;
				expect(end).toBeDefined();
				expect(ran[end].ad).toMatchObject({ platform, costPerLead, currency: 'USD' });
				const events = (ran['Lead Score'].lead as { events: Array<{ type: string }> }).events;
				expect(events.filter((event) => event.type === 'ad_click')).toHaveLength(1);
			}
		});
	});

	describe('Newsletter sign-ups (Mailchimp)', () => {
		const WF = 'Newsletter sign-ups (Mailchimp)';
		const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, 'mailchimp', name), 'utf8')) as Record<string, string>;

		test('a subscribe starts the welcome series', async () => {
			const { ran } = await deliver(WF, 'newsletter-signups', fixture('subscribe-flat.json'), 'application/x-www-form-urlencoded');
			expect(ran['Welcome Series (Local)'].nextStep).toMatch(/^Start the welcome series/);
			expect(ran['Leave Every Sequence (Local)']).toBeUndefined();
		});

		test('an unsubscribe leaves every sequence and is not scored', async () => {
			const { ran } = await deliver(WF, 'newsletter-signups', fixture('unsubscribe-flat.json'), 'application/x-www-form-urlencoded');
			expect(ran['Leave Every Sequence (Local)'].nextStep).toBe('Unsubscribed (unsubscribe): stop every nurture sequence and send nothing more');
			expect(ran['Lead Score']).toBeUndefined();
		});
	});
});
