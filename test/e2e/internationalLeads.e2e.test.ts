/**
 * Leads written in Persian, Arabic, Polish, Turkish and Thai, posted as ordinary form posts (labels
 * and answers in the lead's language and script, native digits where forms in that market send
 * them; the forms are in test/fixtures/payloads/international/) through Lead Intake Trigger → Lead Score → Lead Router inside the pinned real n8n.
 *
 * The expected values are written by hand from the forms below and the B2B SaaS preset's published
 * points (docs/scoring.md, Presets): work email 10, decision-maker title 20, company 5, more than 10
 * employees 5, 200 or more 10, phone 5; MQL at 40; a demo or quote request is a hand-raiser (SQL).
 */
import fs from 'fs';
import path from 'path';
import { N8nServer } from '../helpers/n8nServer';

jest.setTimeout(300_000);

const TERRITORY_TEAM = {
	member: [
		{ name: 'Darya', email: 'darya@sales.example', territories: 'IR', languages: 'fa' },
		{ name: 'Omar', email: 'omar@sales.example', territories: 'SA, AE, EG', languages: 'ar' },
		{ name: 'Piotr', email: 'piotr@sales.example', territories: 'PL', languages: 'pl' },
		{ name: 'Elif', email: 'elif@sales.example', territories: 'TR', languages: 'tr' },
		{ name: 'Somchai', email: 'somchai@sales.example', territories: 'TH', languages: 'th' },
	],
};

/** One owner speaks each language, named the way a sales manager would type it. */
const LANGUAGE_TEAM = {
	member: [
		{ name: 'Anna', email: 'anna@sales.example', languages: 'English, German' },
		{ name: 'Reza', email: 'reza@sales.example', languages: 'فارسی, Persian' },
		{ name: 'Layla', email: 'layla@sales.example', languages: 'ar' },
		{ name: 'Kasia', email: 'kasia@sales.example', languages: 'polski' },
		{ name: 'Mert', email: 'mert@sales.example', languages: 'Türkçe' },
		{ name: 'Nok', email: 'nok@sales.example', languages: 'th' },
	],
};

interface LeadCase {
	language: string;
	form: Record<string, string>;
	expected: { email: string; countryCode: string; phone: string; stage: string; fit: number; territoryOwner: string | null; languageOwner: string | null; consent?: boolean | null };
}

const form = (name: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'payloads', 'international', name), 'utf8'));

const CASES: LeadCase[] = [
	{
		language: 'fa',
		form: form('fa-demo-request.json'),
		// 10 + 20 + 5 + 5 + 10 + 5 = 55, under the fit cap of 60; the demo request makes it an SQL
		expected: { email: 'ali.rezaei@parsian-soft.ir', countryCode: 'IR', phone: '+989123456789', stage: 'sql', fit: 55, territoryOwner: 'Darya', languageOwner: 'Reza' },
	},
	{
		language: 'ar',
		form: form('ar-quote-request.json'),
		// 10 + 20 + 5 + 5 + 5 = 45 (51 employees is not 200 or more); the quote request makes it an SQL
		expected: { email: 'm.alotaibi@najd-tech.com.sa', countryCode: 'SA', phone: '+966501234567', stage: 'sql', fit: 45, territoryOwner: 'Omar', languageOwner: 'Layla' },
	},
	{
		language: 'pl',
		form: form('pl-board-president.json'),
		// 10 + 20 + 5 + 5 + 10 + 5 = 55: an MQL, no hand-raiser
		expected: { email: 'p.nowak@wisla-software.pl', countryCode: 'PL', phone: '+48600700800', stage: 'mql', fit: 55, territoryOwner: 'Piotr', languageOwner: 'Kasia' },
	},
	{
		language: 'tr',
		form: form('tr-general-manager.json'),
		expected: { email: 'ayse.yilmaz@anadolu-lojistik.com.tr', countryCode: 'TR', phone: '+905321234567', stage: 'mql', fit: 55, territoryOwner: 'Elif', languageOwner: 'Mert', consent: true },
	},
	{
		language: 'th',
		form: form('th-managing-director.json'),
		expected: { email: 'somchai@siam-foods.co.th', countryCode: 'TH', phone: '+66812345678', stage: 'mql', fit: 55, territoryOwner: 'Somchai', languageOwner: 'Nok' },
	},
	{
		language: 'pl',
		form: form('pl-student-no-consent.json'),
		// free email −10, student −30, phone +5: a Lead, never assigned; the refusal is not consent
		expected: { email: 'kasia.wojcik@gmail.com', countryCode: 'PL', phone: '+48501234567', stage: 'lead', fit: -35, territoryOwner: null, languageOwner: null, consent: false },
	},
];

function chainWorkflow(id: string, pathName: string, webhookId: string, routerParameters: Record<string, unknown>) {
	return {
		id,
		name: `International ${pathName}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `${id}-t`,
				name: 'Lead Intake Trigger',
				type: 'n8n-nodes-lead-qualification.leadIntakeTrigger',
				typeVersion: 2,
				position: [0, 0],
				webhookId,
				parameters: { path: pathName, source: 'auto', verification: 'none', responseMode: 'onReceived', options: {} },
			},
			{ id: `${id}-s`, name: 'Lead Score', type: 'n8n-nodes-lead-qualification.leadScore', typeVersion: 1, position: [240, 0], parameters: { scoringModel: 'b2bSaas', options: {} } },
			{
				id: `${id}-r`,
				name: 'Lead Router',
				type: 'n8n-nodes-lead-qualification.leadRouter',
				typeVersion: 1,
				position: [480, 0],
				parameters: { stageOutputs: ['sql', 'mql', 'lead', 'disqualified'], assignStages: ['sql', 'mql'], fallbackOwner: 'manager@sales.example', store: 'memory', options: {}, ...routerParameters },
			},
		],
		connections: {
			'Lead Intake Trigger': { main: [[{ node: 'Lead Score', type: 'main', index: 0 }]] },
			'Lead Score': { main: [[{ node: 'Lead Router', type: 'main', index: 0 }]] },
		},
	};
}

const TERRITORY = { id: 'LqIntlTerritory1', path: 'intl-territory' };
const LANGUAGE = { id: 'LqIntlLanguage01', path: 'intl-language' };
// The user folder lives inside this repository, as `npm start`'s does: the package then finds the
// repository's own copy of n8n-core (a devDependency) before n8n's, and must still reach the
// deduplication service n8n initialised (Remember Deliveries In is n8n's database by default).
const server = new N8nServer(path.join(__dirname, '..', '..', '.cache', 'e2e-user-folders'));

beforeAll(async () => {
	const workflows = [
		chainWorkflow(TERRITORY.id, TERRITORY.path, '20000000-0000-4000-8000-000000000001', { strategy: 'territory', team: TERRITORY_TEAM }),
		chainWorkflow(LANGUAGE.id, LANGUAGE.path, '20000000-0000-4000-8000-000000000002', { strategy: 'roundRobin', team: LANGUAGE_TEAM }),
	];
	server.importWorkflows(workflows);
	server.publish(workflows.map((workflow) => workflow.id));
	await server.start();
	await server.waitForWebhooks([TERRITORY.path, LANGUAGE.path]);
});

afterAll(async () => {
	await server.stop();
});

const STAGE_OUTPUT: Record<string, number> = { sql: 0, mql: 1, lead: 2, disqualified: 3 };

/** Posts each form once, in order, and returns what Lead Router sent out for it. */
async function routeAll(pathName: string, workflowId: string): Promise<Array<Record<string, unknown>>> {
	const routed: Array<Record<string, unknown>> = [];
	for (const [index, { form, expected }] of CASES.entries()) {
		const response = await fetch(`${server.baseUrl}/webhook/${pathName}`, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(form) });
		expect(response.status).toBe(200);
		const executions = await server.executions(workflowId, { atLeast: index + 1 });
		const latest = executions[executions.length - 1];
		expect(latest.status).toBe('success');
		const [item] = await server.nodeOutput(latest.id, 'Lead Router', STAGE_OUTPUT[expected.stage]);
		expect(item).toBeDefined();
		routed.push(item);
	}
	return routed;
}

type RoutedLead = { email: string; countryCode: string | null; phone: string | null; language: string | null; consent: { marketing: boolean | null } };
type RoutedScore = { stage: string; fit: number };
type Routing = { owner: { name: string } | null };

test('each language: the lead is understood, scored like its English twin and routed by its country', async () => {
	const routed = await routeAll(TERRITORY.path, TERRITORY.id);
	const seen = routed.map((item, index) => {
		const lead = item.lead as RoutedLead;
		const score = item.score as RoutedScore;
		const routing = item.routing as Routing | undefined;
		const { expected } = CASES[index];
		return {
			email: lead.email,
			countryCode: lead.countryCode,
			phone: lead.phone,
			language: lead.language,
			stage: score.stage,
			fit: score.fit,
			owner: routing?.owner?.name ?? null,
			...(expected.consent !== undefined ? { consent: lead.consent.marketing } : {}),
		};
	});
	const wanted = CASES.map(({ language, expected }) => ({
		email: expected.email,
		countryCode: expected.countryCode,
		phone: expected.phone,
		language,
		stage: expected.stage,
		fit: expected.fit,
		owner: expected.territoryOwner,
		...(expected.consent !== undefined ? { consent: expected.consent } : {}),
	}));
	expect(seen).toEqual(wanted);
});

test('each language: a qualified lead goes to the team member who speaks it', async () => {
	const routed = await routeAll(LANGUAGE.path, LANGUAGE.id);
	expect(routed.map((item) => (item.routing as Routing | undefined)?.owner?.name ?? null)).toEqual(CASES.map(({ expected }) => expected.languageOwner));
});
