/**
 * docs/screenshots/lead-insights-report.png: the Lead Insights backtest report of a simulated
 * history (lib/insights/simulator, seed 11, 1,200 leads over a year) with the B2B SaaS preset,
 * rendered by Chromium. Run `npm run build` first; `node scripts/dev/screenshot-lead-insights.mjs`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const { simulateLeads, backtest } = require(path.join(root, 'dist/lib/insights'));
const { renderInsightsReport } = require(path.join(root, 'dist/lib/insights/report/html'));
const { PRESETS } = require(path.join(root, 'dist/lib/scoring/presets'));
const { chromium } = require('playwright-core');

const { rows } = simulateLeads({ seed: 11, leads: 1200, baseLogOdds: -2 });
const report = backtest(rows, PRESETS.b2bSaas, { goal: { kind: 'winRecall', atLeast: 0.8, stage: 'mql' } });
const html = renderInsightsReport({ generatedAt: '2026-12-01T07:00:00Z', backtest: report, currency: 'USD' });
const htmlFile = path.join(root, '.cache', 'lead-insights-report.html');
fs.mkdirSync(path.dirname(htmlFile), { recursive: true });
fs.writeFileSync(htmlFile, html);

const executablePath = execFileSync('bash', [path.join(root, 'scripts', 'ensure-chromium.sh')], { encoding: 'utf8' }).trim();
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
try {
	const page = await browser.newPage({ viewport: { width: 1240, height: 900 } });
	await page.goto(`file://${htmlFile}`);
	const out = path.join(root, 'docs', 'screenshots', 'lead-insights-report.png');
	await page.screenshot({ path: out, fullPage: true });
	console.log(`${path.relative(root, out)}: AUC ${report.auc.toFixed(3)}, ${report.counts.won} won, ${report.counts.lost} lost`);
} finally {
	await browser.close();
}
