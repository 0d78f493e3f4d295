/**
 * The nodes as a marketer meets them: the pinned n8n's real editor in headless Chromium (Debian's
 * package, driven by playwright-core; installed by scripts/ensure-chromium.sh when missing).
 * Each node is found from the node panel by the words people search for, added, and its
 * parameter panel is switched through its modes; every sample workflow is opened on the canvas.
 * Any console error from the editor (other than failed loads of outside resources, which this
 * offline machine cannot reach) fails the test. Screenshots go to test-results/screenshots, or to
 * docs/screenshots (used by the README) with UPDATE_SCREENSHOTS=1.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { chromium, selectors, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { N8nServer } from '../helpers/n8nServer';
import { runtime } from '../helpers/n8nCli';

jest.setTimeout(600_000);

const ROOT = path.join(__dirname, '..', '..');
const SHOTS = process.env.UPDATE_SCREENSHOTS ? path.join(ROOT, 'docs', 'screenshots') : path.join(ROOT, 'test-results', 'screenshots');
const WORKFLOWS_DIR = path.join(ROOT, 'workflows');
const workflows = fs
	.readdirSync(WORKFLOWS_DIR)
	.filter((file) => file.endsWith('.json'))
	.map((file) => ({ file, ...JSON.parse(fs.readFileSync(path.join(WORKFLOWS_DIR, file), 'utf8')) })) as Array<{ file: string; id: string; name: string; nodes: Array<{ name: string; type: string }> }>;

/** failed loads of outside resources (no internet here) are not editor errors */
const OFFLINE_NOISE = /Failed to load resource|net::ERR_|ERR_CERT|api\.n8n\.io|ENOTFOUND|getaddrinfo|telemetry|rudderstack|posthog/i;

const server = new N8nServer();
let browser: Browser;
let context: BrowserContext;
const consoleErrors: string[] = [];

function chromiumPath(): string {
	const script = path.join(ROOT, 'scripts', 'ensure-chromium.sh');
	return execFileSync('bash', [script], { encoding: 'utf8' }).trim();
}

async function newPage(): Promise<Page> {
	const page = await context.newPage();
	page.on('console', (message) => {
		if (message.type() === 'error' && !OFFLINE_NOISE.test(message.text())) consoleErrors.push(`${page.url()}: ${message.text()}`);
	});
	page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: uncaught ${error.message}`));
	return page;
}

async function shot(page: Page, name: string): Promise<void> {
	fs.mkdirSync(SHOTS, { recursive: true });
	await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

beforeAll(async () => {
	const executablePath = chromiumPath();
	server.importWorkflows(workflows);
	await server.start();
	await runtime.waitForHttp(`${server.baseUrl}/healthz/readiness`, { timeoutMs: 180_000 });
	selectors.setTestIdAttribute('data-test-id');
	browser = await chromium.launch({
		executablePath,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
	});
	context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
	// the owner account, created the way a new user does on the first visit
	const page = await newPage();
	await page.goto(`${server.baseUrl}/`);
	await page.waitForURL(/\/setup/, { timeout: 60_000 });
	await page.locator('input[name=email]').fill('owner@example.com');
	await page.locator('input[name=firstName]').fill('Olga');
	await page.locator('input[name=lastName]').fill('Owner');
	await page.locator('input[name=password]').fill('Password1234');
	await page.getByTestId('form-submit-button').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/setup'), { timeout: 60_000 });
	await page.close();
});

afterAll(async () => {
	await browser?.close();
	await server.stop();
});

afterEach(() => {
	const errors = consoleErrors.splice(0);
	expect(errors).toEqual([]);
});

async function openNodeCreator(page: Page, search: string): Promise<string[]> {
	const searchBar = page.getByTestId('node-creator-search-bar');
	if (!(await searchBar.isVisible())) await page.getByTestId('node-creator-plus-button').click();
	await searchBar.fill(search);
	await page.waitForTimeout(600);
	return (await page.getByTestId('node-creator-item-name').allInnerTexts()).map((text) => text.trim());
}

/** adds the node from the node panel and returns with its parameter panel open */
async function addNode(page: Page, displayName: string, search: string, action?: string): Promise<void> {
	await openNodeCreator(page, search);
	await page.getByTestId('node-creator-item-name').getByText(displayName, { exact: true }).first().click();
	// community nodes first show their details card
	const addButton = page.getByRole('button', { name: 'Add to workflow' });
	if (await addButton.isVisible({ timeout: 3000 }).catch(() => false)) await addButton.click();
	// nodes with operations show their details first: pick the action that adds the node
	if (action) await page.getByText(action, { exact: true }).last().click();
	await page.getByTestId('ndv').waitFor({ state: 'visible', timeout: 30_000 });
	await page.getByTestId('node-parameters').waitFor({ state: 'visible' });
}

/** picks every option of an options parameter in turn; the panel must re-render each time */
async function cycleOptions(page: Page, parameter: string, optionNames: string[], shotPrefix?: string): Promise<void> {
	for (const optionName of optionNames) {
		await page.getByTestId(`parameter-input-${parameter}`).click();
		const option = page.locator('.el-select-dropdown__item:visible, [role="option"]:visible').filter({ hasText: optionName }).first();
		await option.click();
		await page.waitForTimeout(400);
		await expect(page.getByTestId('node-parameters').isVisible()).resolves.toBe(true);
		const shown = await page.getByTestId(`parameter-input-${parameter}`).locator('input').first().inputValue();
		expect({ parameter, shown }).toEqual({ parameter, shown: optionName });
		if (shotPrefix) await shot(page, `${shotPrefix}-${optionName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/-$/, '')}`);
	}
}

async function parameterLabels(page: Page): Promise<string[]> {
	return (await page.getByTestId('node-parameters').getByTestId('parameter-item').allInnerTexts()).map((text) => text.split('\n')[0].trim());
}

describe('the node panel finds our nodes by the words marketers use', () => {
	const searches: Array<[string, string]> = [
		['lead', 'Lead Score'],
		['lead', 'Lead Router'],
		['lead', 'Lead Intake Trigger'],
		['MQL', 'Lead Score'],
		['score', 'Lead Score'],
		['round robin', 'Lead Router'],
		['Typeform', 'Lead Intake Trigger'],
		['Mailchimp', 'Lead Intake Trigger'],
		['territory', 'Lead Router'],
		['lead', 'Lead Recovery'],
		['crash', 'Lead Recovery'],
	];
	test.each(searches)('"%s" finds %s', async (search, displayName) => {
		const page = await newPage();
		await page.goto(`${server.baseUrl}/workflow/new`);
		expect(await openNodeCreator(page, search)).toContain(displayName);
		await page.close();
	});
});

describe('each node added from the panel renders its parameters in every mode', () => {
	test('Lead Score: every scoring model', async () => {
		const page = await newPage();
		await page.goto(`${server.baseUrl}/workflow/new`);
		await addNode(page, 'Lead Score', 'lead score');
		expect(await parameterLabels(page)).toEqual(expect.arrayContaining(['Scoring Model', 'Map Lead Fields', 'Options']));
		await shot(page, 'lead-score');
		await cycleOptions(page, 'scoringModel', ['Custom Rules', 'Model JSON', 'E-Commerce', 'Services / Agency', 'B2B SaaS']);
		await cycleOptions(page, 'scoringModel', ['Custom Rules'], 'lead-score');
		await page.close();
	});

	test('Lead Router: every strategy, team input and state store', async () => {
		const page = await newPage();
		await page.goto(`${server.baseUrl}/workflow/new`);
		await addNode(page, 'Lead Router', 'round robin', 'Assign leads to owners');
		expect(await parameterLabels(page)).toEqual(expect.arrayContaining(['Outputs', 'Assign Owners For', 'Strategy', 'Team', 'Fallback Owner', 'State Store']));
		await cycleOptions(page, 'strategy', ['Weighted Round Robin', 'Territory', 'Sticky', 'Round Robin']);
		await cycleOptions(page, 'teamInput', ['JSON', 'Define Below']);
		await cycleOptions(page, 'store', ['Redis', 'This Instance (In Memory)']);
		await page.getByTestId('parameter-input-store').click();
		await page.locator('.el-select-dropdown__item:visible, [role="option"]:visible').filter({ hasText: 'Redis' }).first().click();
		await page.waitForTimeout(400);
		// the Redis store asks for its credential
		await expect(page.getByTestId('ndv').getByText('Credential for Lead Router Redis API').first().isVisible()).resolves.toBe(true);
		await cycleOptions(page, 'strategy', ['Territory'], 'lead-router');
		await page.close();
	});

	test('Lead Intake Trigger: sources, verification and response modes', async () => {
		const page = await newPage();
		await page.goto(`${server.baseUrl}/workflow/new`);
		await addNode(page, 'Lead Intake Trigger', 'Typeform');
		// n8n shows the field the credential depends on (Verification) inside the credential block
		expect(await parameterLabels(page)).toEqual(expect.arrayContaining(['Path', 'Source', 'Respond', 'Options']));
		await expect(page.getByTestId('node-parameters').getByText('Verification', { exact: true }).isVisible()).resolves.toBe(true);
		await cycleOptions(page, 'verification', ['No Verification', 'Check Signature']);
		await expect(page.getByTestId('ndv').getByText('Credential for Lead Webhook Secret API').first().isVisible()).resolves.toBe(true);
		await cycleOptions(page, 'responseMode', ['Using "Respond to Webhook" Node', 'Immediately']);
		await cycleOptions(page, 'source', ['Typeform', 'Mailchimp', 'Detect Automatically'], 'lead-intake-trigger');
		// remembering deliveries in Redis asks for the Redis credential
		await cycleOptions(page, 'duplicateStore', ['Redis (Shared by All Processes)']);
		await expect(page.getByTestId('ndv').getByText('Credential for Lead Router Redis API').first().isVisible()).resolves.toBe(true);
		await cycleOptions(page, 'duplicateStore', ['Database']);
		await page.close();
	});

	test('Lead Recovery: both operations', async () => {
		const page = await newPage();
		await page.goto(`${server.baseUrl}/workflow/new`);
		await addNode(page, 'Lead Recovery', 'lead recovery', 'Mark leads as done');
		await page.getByTestId('ndv').getByText(/Lead Router Redis/).first().waitFor({ state: 'visible', timeout: 10_000 });
		await cycleOptions(page, 'operation', ['Get Unfinished Leads']);
		expect(await parameterLabels(page)).toEqual(expect.arrayContaining(['Unfinished After (Minutes)', 'Limit']));
		await cycleOptions(page, 'operation', ['Mark as Done'], 'lead-recovery');
		expect(await parameterLabels(page)).not.toContain('Limit');
		await page.close();
	});
});

describe('each credential opens in n8n\'s credential dialog', () => {
	async function openCredential(page: Page, displayName: string): Promise<void> {
		await page.goto(`${server.baseUrl}/home/credentials/create`);
		const typeInput = page.getByTestId('new-credential-type-select').locator('input').first();
		await typeInput.waitFor({ state: 'visible', timeout: 30_000 });
		await typeInput.fill(displayName.split(' ')[0]);
		await page.locator('[role="option"]:visible, .el-select-dropdown__item:visible').filter({ hasText: displayName }).first().click();
		await page.getByTestId('new-credential-type-button').click();
		await page.getByTestId('editCredential-modal').waitFor({ state: 'visible', timeout: 30_000 });
	}

	test('Lead Webhook Secret: every sender shows the fields it needs, and the credential test passes', async () => {
		const page = await newPage();
		await openCredential(page, 'Lead Webhook Secret API');
		const modal = page.getByTestId('editCredential-modal');
		const fieldsFor: Array<[string, string[]]> = [
			['Meta (Facebook Lead Ads, WhatsApp, Instagram)', ['secret', 'verifyToken']],
			['Generic HMAC-SHA256 (Any Other Tool)', ['secret', 'headerName', 'timestampHeader']],
			['Typeform', ['secret']],
		];
		for (const [sender, fields] of fieldsFor) {
			await page.getByTestId('parameter-input-scheme').click();
			await page.locator('[role="option"]:visible, .el-select-dropdown__item:visible').filter({ hasText: sender }).first().click();
			await page.waitForTimeout(300);
			const shown: string[] = [];
			for (const field of fields) if (await modal.getByTestId(`parameter-input-${field}`).isVisible()) shown.push(field);
			expect({ sender, shown }).toEqual({ sender, shown: fields });
		}
		await shot(page, 'credential-lead-webhook-secret');
		// n8n runs the credential's test on save; ours checks what can be checked locally
		await page.getByTestId('parameter-input-secret').locator('input').first().fill('a-long-typeform-secret');
		await page.getByTestId('credential-save-button').click();
		await expect(modal.getByTestId('credentials-config-container-test-success').waitFor({ state: 'visible', timeout: 30_000 }).then(() => true)).resolves.toBe(true);
		await page.close();
	});

	test('Lead Router Redis: the same fields as n8n\'s Redis credential', async () => {
		const page = await newPage();
		await openCredential(page, 'Lead Router Redis API');
		const modal = page.getByTestId('editCredential-modal');
		const fields = ['password', 'user', 'host', 'port', 'database', 'ssl'];
		const shown: string[] = [];
		for (const field of fields) if (await modal.getByTestId(`parameter-input-${field}`).isVisible()) shown.push(field);
		expect(shown).toEqual(fields);
		await shot(page, 'credential-lead-router-redis');
		await page.close();
	});
});

describe('every sample workflow opens on the canvas with every node and its icon', () => {
	test.each(workflows.map((workflow) => [workflow.name, workflow] as const))('%s', async (_name, workflow) => {
		const page = await newPage();
		await page.goto(`${server.baseUrl}/workflow/${workflow.id}`);
		const expected = workflow.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote').map((node) => node.name);
		await page.getByTestId('canvas-node').first().waitFor({ state: 'visible', timeout: 60_000 });
		await page.waitForTimeout(1500);
		const shown = await page.getByTestId('canvas-node').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-node-name')));
		expect(shown.filter((name) => name && !name.startsWith('Sticky') && !['About', 'Local Defaults'].includes(name)).sort()).toEqual([...expected].sort());
		// our nodes' icons are SVG files served by n8n: each must have loaded
		for (const node of workflow.nodes.filter((n) => n.type.startsWith('n8n-nodes-lead-qualification.'))) {
			const icon = page.locator(`[data-test-id="canvas-node"][data-node-name="${node.name}"] img`).first();
			await icon.waitFor({ state: 'attached', timeout: 15_000 });
			const loaded = await icon.evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).complete && (img as unknown as { naturalWidth: number }).naturalWidth > 0);
			expect({ node: node.name, iconLoaded: loaded }).toEqual({ node: node.name, iconLoaded: true });
		}
		await page.getByTestId('zoom-to-fit').click();
		await page.waitForTimeout(600);
		await shot(page, `workflow-${workflow.file.replace(/\.json$/, '')}`);
		await page.close();
	});
});
