/**
 * Lead Insights in the pinned n8n, through the sample workflows as shipped: simulated leads go in
 * through the inbound sample (stored in the Data Table lead_outcomes), their outcomes through
 * Record outcomes (plain JSON and HubSpot dealstage events), then Monthly model review backtests
 * and learns; the learned Model JSON is given to Lead Score, which adds score.likelihood.
 *
 * Oracles: the outcomes this test sends (counts of won and lost, which leads), the HubSpot
 * webhook event shape as HubSpot documents it (subscriptionType deal.propertyChange,
 * propertyName dealstage, propertyValue closedwon/closedlost, occurredAt in ms, objectId the
 * deal), the calibration formula of the model schema (1 / (1 + e^-(intercept + slope × total)))
 * and plain string checks on the HTML.
 */
import fs from 'fs';
import path from 'path';
import { simulateLeads } from '../../lib/insights/simulator';
import type { OutcomeRow } from '../../lib/insights/types';
import { N8nServer } from '../helpers/n8nServer';

jest.setTimeout(300_000);

const WORKFLOWS_DIR = path.join(__dirname, '..', '..', 'workflows');
type Node = { id: string; name: string; type: string; typeVersion: number; position: number[]; parameters: Record<string, unknown>; webhookId?: string; disabled?: boolean };
type Workflow = { id: string; name: string; nodes: Node[]; connections: Record<string, unknown>; [key: string]: unknown };
const sample = (file: string): Workflow => JSON.parse(fs.readFileSync(path.join(WORKFLOWS_DIR, file), 'utf8'));

const inbound = sample('inbound-lead-qualification.json');
const recordOutcomes = sample('record-outcomes.json');
const monthlyReview = sample('monthly-model-review.json');

/**
 * The shipped review, started by a webhook instead of its schedule (same node name, so the same
 * connections), and, after learning, Lead Score given the learned Model JSON as a user pastes it.
 */
const reviewNow: Workflow = {
	...monthlyReview,
	id: 'LqTestReviewNow1',
	name: 'Monthly model review (started by the test)',
	nodes: [
		...monthlyReview.nodes.map((node) =>
			node.name === 'First Monday of the Month'
				? { id: node.id, name: node.name, type: 'n8n-nodes-base.webhook', typeVersion: 2, position: node.position, parameters: { httpMethod: 'POST', path: 'test-monthly-review', responseMode: 'onReceived', options: {} }, webhookId: 'a1e5c2d4-7b8f-4c3a-9e1d-2f6b8a0c4d71' }
				: node,
		),
		{
			id: 'e0c1b5a2-1111-4d4d-9a9a-000000000002',
			name: 'A New Lead',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [1140, 620],
			parameters: {
				mode: 'manual',
				assignments: {
					assignments: [
						{
							id: 'f1',
							name: 'lead',
							value: '={{ { email: "dana.cho@bigcorp.example", firstName: "Dana", company: "Bigcorp", jobTitle: "VP Marketing", countryCode: "DE", events: [{ type: "pricing_page_view" }, { type: "demo_request" }] } }}',
							type: 'object',
						},
					],
				},
				options: {},
			},
		},
		{ id: 'e0c1b5a2-1111-4d4d-9a9a-000000000003', name: 'Lead Score With Learned Model', type: 'n8n-nodes-lead-qualification.leadScore', typeVersion: 1, position: [1360, 620], parameters: { scoringModel: 'json', modelJson: "={{ $('Learn Better Model').first().json.model }}", options: {} } },
	],
	connections: {
		...monthlyReview.connections,
		'Learn Better Model': { main: [[{ node: 'Both Reports', type: 'main', index: 1 }, { node: 'A New Lead', type: 'main', index: 0 }]] },
		'A New Lead': { main: [[{ node: 'Lead Score With Learned Model', type: 'main', index: 0 }]] },
	},
};

/** The simulated history: 180 leads over a year, about half won (seed 11 gives 83 won, 97 lost). */
const population = simulateLeads({ seed: 11, leads: 180, baseLogOdds: -1.6 });
const rows: OutcomeRow[] = population.rows.map((row, index) =>
	// a campaign name with markup: the report must show it as text
	index === 5 ? { ...row, lead: { ...row.lead, utm: { ...row.lead.utm, campaign: '<script>alert("x")</script>' } } } : row,
);
const won = rows.filter((row) => row.outcome === 'won');
const lost = rows.filter((row) => row.outcome === 'lost');

/** A lead as a website form posts it (flat fields, the activities list, the submission time). */
function formBody(row: OutcomeRow): Record<string, unknown> {
	const lead = row.lead;
	return {
		email: lead.email,
		first_name: lead.firstName,
		last_name: lead.lastName,
		company: lead.company,
		job_title: lead.jobTitle,
		phone: lead.phone,
		country: lead.countryCode,
		submitted_at: lead.submittedAt,
		form_name: lead.formName,
		utm_source: lead.utm.source,
		utm_medium: lead.utm.medium,
		utm_campaign: lead.utm.campaign,
		...lead.answers,
		events: lead.events,
	};
}

const closedAtOf = (row: OutcomeRow) => row.closedAt ?? new Date(Date.parse(row.lead.submittedAt as string) + 30 * 86_400_000).toISOString();

describe('Lead Insights through the sample workflows in a real n8n', () => {
	const server = new N8nServer();
	let reviewRan: Record<string, Array<{ json: Record<string, unknown>; binary?: Record<string, { mimeType: string; fileName?: string; id?: string; data?: string }> }>> = {};

	async function post(pathName: string, body: unknown) {
		const response = await fetch(`${server.baseUrl}/webhook/${pathName}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		await response.text();
		return response.status;
	}

	async function inBatches<T>(list: T[], size: number, send: (item: T) => Promise<number>) {
		const statuses: number[] = [];
		for (let start = 0; start < list.length; start += size) statuses.push(...(await Promise.all(list.slice(start, start + size).map(send))));
		return statuses;
	}

	async function settled(workflowId: string, count: number) {
		const executions = await server.executions(workflowId, { atLeast: count, timeoutMs: 120_000 });
		expect(executions.filter((execution) => execution.status !== 'success')).toEqual([]);
		expect(executions.length).toBe(count);
		return executions;
	}

	/** Every output item of every node of one execution, with binary metadata. */
	async function itemsOf(executionId: number) {
		const runData = (await server.runData(executionId)) as unknown as Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown>; binary?: Record<string, never> }> | null> } }>>;
		const out: typeof reviewRan = {};
		for (const [node, runs] of Object.entries(runData)) out[node] = runs.flatMap((run) => (run.data?.main ?? []).flatMap((items) => items ?? []));
		return out;
	}

	function binaryText(binary: { id?: string; data?: string }): string {
		if (binary.data && !binary.id) return Buffer.from(binary.data, 'base64').toString('utf8');
		const id = String(binary.id);
		const relative = id.replace(/^filesystem(-v2)?:/, '');
		for (const base of [path.join(server.userFolder, '.n8n', 'binaryData'), path.join(server.userFolder, '.n8n', 'storage'), path.join(server.userFolder, '.n8n')]) {
			const file = path.join(base, relative);
			if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
		}
		throw new Error(`binary data ${id} not found under ${server.userFolder}`);
	}

	beforeAll(async () => {
		expect(won.length).toBeGreaterThanOrEqual(60);
		expect(lost.length).toBeGreaterThanOrEqual(60);
		// one import for all (each n8n command starts a process)
		const file = path.join(server.userFolder, 'lead-insights-workflows.json');
		fs.writeFileSync(file, JSON.stringify([inbound, recordOutcomes, monthlyReview, reviewNow]));
		server.cli(['import:workflow', `--input=${file}`]);
		server.publish([inbound.id, recordOutcomes.id, reviewNow.id]);
		await server.start();
		await server.waitForWebhooks(['inbound-leads', 'lead-outcomes', 'test-monthly-review'], 180_000);
	});

	afterAll(async () => {
		await server.stop();
	});

	test('the inbound sample stores every scored lead in the Data Table lead_outcomes', async () => {
		// a form posts one lead; here six posts of 30 leads at once (one execution each), which also race to create the table
		const batches = Array.from({ length: Math.ceil(rows.length / 30) }, (_, index) => rows.slice(index * 30, index * 30 + 30));
		const statuses = await inBatches(batches, 6, (batch) => post('inbound-leads', batch.map(formBody)));
		expect(statuses.every((status) => status === 200)).toBe(true);
		await settled(inbound.id, batches.length);
		const [table] = await server.query<{ id: string }>("select id from data_table where name = 'lead_outcomes'");
		expect(table).toBeDefined();
		const stored = await server.query<{ contact: string; lead: string; stage: string }>(`select contact, lead, stage from data_table_user_${table.id}`);
		expect(stored).toHaveLength(rows.length);
		const byContact = new Map(stored.map((row) => [row.contact, row]));
		for (const row of rows.slice(0, 10)) {
			const kept = JSON.parse(byContact.get(row.lead.email as string)!.lead);
			expect({ email: kept.email, submittedAt: kept.submittedAt, events: kept.events.length }).toEqual({ email: row.lead.email, submittedAt: row.lead.submittedAt, events: row.lead.events.length });
		}
	});

	test('Record outcomes stores plain JSON and HubSpot dealstage outcomes next to the lead; an event without a contact is not stored', async () => {
		const viaJson = rows.slice(0, 10);
		const viaHubSpot = rows.slice(10);
		const statuses = await inBatches(viaJson, 6, (row) => post('lead-outcomes', { email: row.lead.email, outcome: row.outcome, value: row.outcome === 'won' ? 12000 : null, closedAt: closedAtOf(row) }));
		expect(statuses.every((status) => status === 200)).toBe(true);
		// HubSpot's webhook batch: the deal's id and new stage; the contact's email added by the sender
		const events = viaHubSpot.map((row, index) => ({
			eventId: 9000 + index,
			subscriptionId: 92894,
			portalId: 5799819,
			appId: 186886,
			occurredAt: Date.parse(closedAtOf(row)),
			subscriptionType: 'deal.propertyChange',
			attemptNumber: 0,
			objectId: 697680000 + index,
			propertyName: 'dealstage',
			propertyValue: row.outcome === 'won' ? 'closedwon' : 'closedlost',
			changeSource: 'CRM_UI',
			email: row.lead.email,
		}));
		const noContact = { ...events[0], eventId: 9998, objectId: 697689998, email: undefined };
		const amountChange = { ...events[1], eventId: 9999, propertyName: 'amount', propertyValue: '2000' };
		// HubSpot sends at most 100 events per request
		expect(await post('lead-outcomes', events.slice(0, 100))).toBe(200);
		expect(await post('lead-outcomes', [...events.slice(100), noContact, amountChange])).toBe(200);
		const executions = await settled(recordOutcomes.id, viaJson.length + 2);

		const [table] = await server.query<{ id: string }>("select id from data_table where name = 'lead_outcomes'");
		const stored = await server.query<{ contact: string; outcome: string; dealId: string | null; lead: string | null }>(`select contact, outcome, dealId, lead from data_table_user_${table.id}`);
		expect(stored).toHaveLength(rows.length);
		const outcomeOf = new Map(stored.map((row) => [row.contact, row]));
		for (const row of viaJson) expect([row.lead.email, outcomeOf.get(row.lead.email as string)?.outcome]).toEqual([row.lead.email, row.outcome]);
		viaHubSpot.forEach((row, index) => {
			expect([row.lead.email, outcomeOf.get(row.lead.email as string)?.outcome, outcomeOf.get(row.lead.email as string)?.dealId]).toEqual([row.lead.email, row.outcome === 'won' ? 'closedwon' : 'closedlost', String(697680000 + index)]);
		});
		expect(stored.every((row) => row.lead)).toBe(true);
		const hubspotRun = await itemsOf(executions[executions.length - 1].id);
		expect(hubspotRun['Unmatched Outcome (Local)']).toHaveLength(1);
		expect(hubspotRun['Unmatched Outcome (Local)'][0].json.dealId).toBe('697689998');
	});

	test('Monthly model review backtests and learns, and attaches a self-contained HTML report to each', async () => {
		expect(await post('test-monthly-review', {})).toBe(200);
		const [execution] = await settled(reviewNow.id, 1);
		reviewRan = await itemsOf(execution.id);

		const [backtest] = reviewRan['Backtest Current Model'];
		const counts = backtest.json.counts as { rows: number; won: number; lost: number; open: number };
		expect(counts).toMatchObject({ rows: rows.length, won: won.length, lost: lost.length, open: 0 });
		expect(backtest.json.auc).toEqual(expect.any(Number));

		const [learned] = reviewRan['Learn Better Model'];
		expect(learned.json.operation).toBe('learn');
		expect(typeof learned.json.recommended).toBe('boolean');
		expect((learned.json.model as { calibration?: { method: string } }).calibration?.method).toMatch(/^(logistic|table)$/);

		const emails = reviewRan['Email Report (Local)'];
		expect(emails.map((email) => email.json.operation)).toEqual(['backtest', 'learn']);
		for (const email of emails) {
			const report = email.binary?.data;
			expect(report?.mimeType).toBe('text/html');
			expect(report?.fileName).toMatch(/^lead-insights-(backtest|learn)-\d{4}-\d{2}-\d{2}\.html$/);
			const html = binaryText(report!);
			expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
			expect((html.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(5);
			for (const chart of ['Score distribution by outcome', 'Lift by score decile', 'ROC (AUC', 'Conversion by stage', 'Conversion by source']) expect(html).toContain(chart);
			// self-contained: no script, no external asset
			expect(html).not.toMatch(/<script|src=["']?https?:|href=["']?https?:|@import|url\(/i);
			// the campaign name with markup is shown as text
			expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
			if (email.json.operation === 'backtest') fs.writeFileSync(path.join(server.userFolder, 'report-backtest.html'), html);
		}
		expect(reviewRan['Send Report by Email']).toEqual(emails.map((email) => expect.objectContaining({ json: email.json })));
	});

	test('the learned Model JSON runs in Lead Score as it is and adds score.likelihood', () => {
		const learned = reviewRan['Learn Better Model']?.[0]?.json;
		expect(learned).toBeDefined();
		const model = learned!.model as { name: string; calibration: { method: string; intercept?: number; slope?: number } };
		expect(reviewRan['Lead Score With Learned Model']).toHaveLength(1);
		const score = reviewRan['Lead Score With Learned Model'][0].json.score as { total: number; stage: string; likelihood: number | null; model: { name: string } };
		expect(score.model.name).toBe(model.name);
		expect(score.stage).not.toBe('disqualified');
		expect(score.likelihood).toEqual(expect.any(Number));
		expect(score.likelihood).toBeGreaterThanOrEqual(0);
		expect(score.likelihood).toBeLessThanOrEqual(100);
		if (model.calibration.method === 'logistic') {
			// the schema's formula, by hand: 1 / (1 + e^-(intercept + slope × total)), in percent
			const expected = 100 / (1 + Math.exp(-((model.calibration.intercept as number) + (model.calibration.slope as number) * score.total)));
			expect(score.likelihood).toBeCloseTo(expected, 1);
		}
	});
});
