/**
 * docs/screenshots/lead-insights-workflow.png and lead-insights-node.png: the Monthly model review
 * sample and the Lead Insights node's parameters in the pinned n8n's editor, driven by
 * playwright-core and Debian's Chromium (as test/e2e/editor.e2e.test.ts does). Run `npm run build`
 * first; `node scripts/dev/screenshot-lead-insights-editor.mjs`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const runtime = require(path.join(root, 'scripts', 'lib', 'runtime.js'));
const { chromium, selectors } = require('playwright-core');

const shots = path.join(root, 'docs', 'screenshots');
const userFolder = runtime.makeUserFolder('lq-shot-');
runtime.installPackage(userFolder);
runtime.runN8n(['import:workflow', `--input=${path.join(root, 'workflows', 'monthly-model-review.json')}`], { userFolder });
const port = await runtime.freePort();
const logFile = path.join(userFolder, 'n8n.log');
const child = runtime.spawnN8n(['start'], { userFolder, logFile, env: { N8N_PORT: String(port), N8N_RUNNERS_BROKER_PORT: String(await runtime.freePort()) } });
const baseUrl = `http://127.0.0.1:${port}`;
let browser;
try {
	await runtime.waitForHttp(`${baseUrl}/healthz/readiness`, { timeoutMs: 240_000 });
	selectors.setTestIdAttribute('data-test-id');
	const executablePath = execFileSync('bash', [path.join(root, 'scripts', 'ensure-chromium.sh')], { encoding: 'utf8' }).trim();
	browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-dev-shm-usage'] });
	const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
	// a busy machine serves the editor's first page slowly
	page.setDefaultTimeout(180_000);
	page.setDefaultNavigationTimeout(180_000);
	await page.goto(`${baseUrl}/`);
	await page.waitForURL(/\/setup/, { timeout: 120_000 });
	await page.locator('input[name=email]').fill('owner@example.com');
	await page.locator('input[name=firstName]').fill('Olga');
	await page.locator('input[name=lastName]').fill('Owner');
	await page.locator('input[name=password]').fill('Password1234');
	await page.getByTestId('form-submit-button').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/setup'), { timeout: 120_000 });
	await page.goto(`${baseUrl}/workflow/LqSampleReview01`);
	await page.getByTestId('canvas-node').first().waitFor({ state: 'visible', timeout: 120_000 });
	await page.waitForTimeout(2000);
	// the canvas opens without the onboarding and survey dialogs in front of it
	await page.keyboard.press('Escape');
	await page.keyboard.press('1'); // zoom to fit
	await page.waitForTimeout(800);
	await page.screenshot({ path: path.join(shots, 'lead-insights-workflow.png') });
	await page.getByTestId('canvas-node').filter({ hasText: 'Learn Better Model' }).dblclick();
	await page.getByTestId('ndv').waitFor({ state: 'visible', timeout: 60_000 });
	await page.waitForTimeout(1500);
	await page.screenshot({ path: path.join(shots, 'lead-insights-node.png') });
	console.log('docs/screenshots/lead-insights-workflow.png, docs/screenshots/lead-insights-node.png');
} finally {
	await browser?.close();
	child.kill('SIGTERM');
	await new Promise((resolve) => child.once('exit', resolve));
	if (!fs.existsSync(path.join(shots, 'lead-insights-node.png'))) console.error(fs.readFileSync(logFile, 'utf8').slice(-3000));
}
