// `npm run bench`: how fast Lead Score scores, compared in one run with what it replaces (a
// hand-written Code node) and with its own limit (the scoring engine in a bare loop), plus how
// the cost grows with the number of leads and of rules. Every figure is a ratio against a
// baseline measured in the same run; nothing here passes or fails on a time.
//
// Tables go to stdout, progress to stderr, all figures to .cache/bench-results.json.
// BENCH_LEADS (default 100000) sets the number of leads; BENCH_EACH_ITEM_LEADS (default
// 10000, at most BENCH_LEADS) the smaller number for the Code node's per-item mode, which
// takes about 1 ms per lead and would otherwise dominate the run; BENCH_ROUNDS (default 2)
// how often each throughput variant runs (the best round counts: on a shared machine other
// processes only ever add time).
import { execFileSync, spawn } from 'child_process';
import { createRequire } from 'module';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { fileURLToPath } from 'url';
import { measureInRealN8n } from './bench/realN8n.mjs';
import { measureWebhookPath, webhookPathTable } from './bench/webhookPath.mjs';

const require = createRequire(import.meta.url);
const runtime = require('./lib/runtime.js');
const workerFile = fileURLToPath(new URL('./bench/worker.mjs', import.meta.url));

const SEED = 20261120;
// decay and hand-raiser windows are measured from a fixed moment, so every run scores alike
const SCORE_AS_OF = '2026-11-20T12:00:00.000Z';
const RULE_COUNTS = [10, 100, 1000];
const N8N_EXECUTE_TIMEOUT_MS = 15 * 60 * 1000;
const TARGETS = { throughputVsCode: 20, nodeVsBareLoop: 1.5 };

function positiveIntegerFromEnv(name, fallback) {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw.replace(/[_,]/g, ''));
	if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number above 0, got "${raw}"`);
	return value;
}

const leadCount = positiveIntegerFromEnv('BENCH_LEADS', 100_000);
const eachItemLeads = Math.min(leadCount, positiveIntegerFromEnv('BENCH_EACH_ITEM_LEADS', 10_000));
const growthSizes = [...new Set([...[1_000, 10_000, 100_000].filter((size) => size < leadCount), Math.min(leadCount, 100_000)])];
const ruleLeads = Math.min(leadCount, 10_000);
const rounds = positiveIntegerFromEnv('BENCH_ROUNDS', 2);

const startedAt = performance.now();
const log = (message) => process.stderr.write(`[bench ${((performance.now() - startedAt) / 1000).toFixed(0).padStart(4)}s] ${message}\n`);

// USER_HZ: the unit of /proc CPU times, 100 on every Linux the pinned n8n supports
const CLOCK_TICKS_PER_SECOND = 100;

/** Busy CPU seconds of the whole machine and of this process with its finished children (Linux /proc). */
function cpuSeconds() {
	const [, ...machineTicks] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
	const idleTicks = machineTicks[3] + machineTicks[4];
	const stat = fs.readFileSync('/proc/self/stat', 'utf8');
	// fields after the command name: utime, stime, cutime and cstime are the 12th to 15th
	const [utime, stime, cutime, cstime] = stat.slice(stat.lastIndexOf(')') + 2).split(' ').slice(11, 15).map(Number);
	return { system: (machineTicks.reduce((sum, ticks) => sum + ticks, 0) - idleTicks) / CLOCK_TICKS_PER_SECOND, ownTree: (utime + stime + cutime + cstime) / CLOCK_TICKS_PER_SECOND };
}

function runWorker(task, args) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--expose-gc', workerFile, task, JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'inherit'] });
		let stdout = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.on('error', reject);
		child.on('close', (code) => (code === 0 ? resolve(JSON.parse(stdout.trim().split('\n').pop())) : reject(new Error(`benchmark worker "${task}" exited with ${code}`))));
	});
}

// ---- formatting -------------------------------------------------------------------------

const integer = (value) => Math.round(value).toLocaleString('en-US');
const fixed = (value, digits = 1) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const megabytes = (kb) => `${integer(kb / 1024)} MB`;
const times = (value) => `${fixed(value, value < 10 ? 2 : 1)}×`;
const perSecond = (count, ms) => (count * 1000) / ms;

function table(headers, rows) {
	const cells = [headers, ...rows].map((row) => row.map(String));
	const widths = headers.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
	const line = (row) => `| ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ')} |`;
	return [line(cells[0]), `|${widths.map((width, column) => (column === 0 ? '-'.repeat(width + 2) : `${'-'.repeat(width + 1)}:`)).join('|')}|`, ...cells.slice(1).map(line)].join('\n');
}

function sameDigest(a, b) {
	return a.scored === b.scored && a.totalSum === b.totalSum && JSON.stringify(Object.entries(a.stages).sort()) === JSON.stringify(Object.entries(b.stages).sort());
}

// ---- run --------------------------------------------------------------------------------

if (Number(process.versions.node.split('.')[0]) < 24) {
	throw new Error(`Node ${process.versions.node} is first on PATH; run \`npm run bench\` so the node@24 devDependency is used`);
}

log(`leads: ${integer(leadCount)} (BENCH_LEADS), Code node per-item mode: ${integer(eachItemLeads)} (BENCH_EACH_ITEM_LEADS)`);
log('building dist/ (npm run build)');
execFileSync('npm', ['run', '--silent', 'build'], { cwd: runtime.root, stdio: ['ignore', 2, 2] });
runtime.ensureRuntime();

const cpuAtStart = cpuSeconds();
const measuringSince = performance.now();
log('bare loops, one fresh process each');
const engineLoopRounds = [];
const handWrittenLoopRounds = [];
for (let round = 0; round < rounds; round++) {
	engineLoopRounds.push(await runWorker('engineLoop', { count: leadCount, seed: SEED, nowIso: SCORE_AS_OF }));
	handWrittenLoopRounds.push(await runWorker('handWrittenLoop', { count: leadCount, seed: SEED, nowIso: SCORE_AS_OF }));
}
const fastest = (runs, timeOf) => runs.reduce((best, run) => (timeOf(run) < timeOf(best) ? run : best));
const engineLoop = { ...fastest(engineLoopRounds, (run) => run.coldDetectMs + run.coldScoreMs), peakKb: Math.max(...engineLoopRounds.map((run) => run.peakKb)), rounds: engineLoopRounds.map((run) => ({ ...run, digest: undefined })) };
const handWrittenLoop = { ...fastest(handWrittenLoopRounds, (run) => run.coldMs), peakKb: Math.max(...handWrittenLoopRounds.map((run) => run.peakKb)), rounds: handWrittenLoopRounds.map((run) => ({ ...run, digest: undefined })) };

log('real n8n: one `n8n execute` per workflow');
const { results: inN8n, runnerCpuSeconds } = await measureInRealN8n({
	variants: [
		{ variant: 'baseline', count: leadCount },
		{ variant: 'leadScore', count: leadCount },
		{ variant: 'codeAllItems', count: leadCount },
		{ variant: 'codeEachItem', count: eachItemLeads },
	],
	rounds,
	seed: SEED,
	nowIso: SCORE_AS_OF,
	log,
	timeoutMs: N8N_EXECUTE_TIMEOUT_MS,
});

log(`growth: ${growthSizes.map(integer).join(' / ')} leads, ${RULE_COUNTS.join(' / ')} rules on ${integer(ruleLeads)} leads (in-process WorkflowExecute)`);
const growth = await runWorker('growth', { sizes: growthSizes, ruleCounts: RULE_COUNTS, ruleLeads, seed: SEED, nowIso: SCORE_AS_OF });
const cpuAtEnd = cpuSeconds();

// ---- figures ----------------------------------------------------------------------------

const { baseline, leadScore, codeAllItems, codeEachItem } = inN8n;
const totalPeakKb = (variant) => variant.mainPeakKb + variant.runnerPeakKb;
const bareColdMs = engineLoop.coldDetectMs + engineLoop.coldScoreMs;
const bareWarmMs = engineLoop.warmDetectMs + engineLoop.warmScoreMs;
const largestGrowth = growth.byLeads[growth.byLeads.length - 1];

const ratios = {
	leadScoreVsCodeAllItems: perSecond(leadCount, leadScore.nodeMs) / perSecond(leadCount, codeAllItems.nodeMs),
	leadScoreVsCodeEachItem: perSecond(leadCount, leadScore.nodeMs) / perSecond(eachItemLeads, codeEachItem.nodeMs),
	nodeVsBareLoopCold: leadScore.nodeMs / bareColdMs,
	nodeVsScoreLeadOnlyCold: leadScore.nodeMs / engineLoop.coldScoreMs,
	nodeVsBareLoopSteadyState: largestGrowth.nodeUsPerLead / largestGrowth.engineUsPerLead,
	peakMemoryLeadScoreVsCode: totalPeakKb(leadScore) / totalPeakKb(codeAllItems),
	// null when the Code node's run did not rise above the baseline (too few leads to tell)
	peakMemoryAboveBaselineLeadScoreVsCode: totalPeakKb(codeAllItems) > totalPeakKb(baseline) ? (totalPeakKb(leadScore) - totalPeakKb(baseline)) / (totalPeakKb(codeAllItems) - totalPeakKb(baseline)) : null,
};
const targets = [
	{ target: `Lead Score ≥ ${TARGETS.throughputVsCode}× Code node throughput (Code: run once for all items)`, measured: times(ratios.leadScoreVsCodeAllItems), met: ratios.leadScoreVsCodeAllItems >= TARGETS.throughputVsCode },
	{ target: `Lead Score ≥ ${TARGETS.throughputVsCode}× Code node throughput (Code: run once for each item)`, measured: times(ratios.leadScoreVsCodeEachItem), met: ratios.leadScoreVsCodeEachItem >= TARGETS.throughputVsCode },
	{ target: `Node time ≤ ${TARGETS.nodeVsBareLoop}× bare loop (leadFromItem + scoreLead, both cold)`, measured: times(ratios.nodeVsBareLoopCold), met: ratios.nodeVsBareLoopCold <= TARGETS.nodeVsBareLoop },
	{ target: `Node time ≤ ${TARGETS.nodeVsBareLoop}× bare loop (scoreLead only, both cold)`, measured: times(ratios.nodeVsScoreLeadOnlyCold), met: ratios.nodeVsScoreLeadOnlyCold <= TARGETS.nodeVsBareLoop },
	{ target: `Node time ≤ ${TARGETS.nodeVsBareLoop}× bare loop (steady state, ${integer(largestGrowth.leads)} leads)`, measured: times(ratios.nodeVsBareLoopSteadyState), met: ratios.nodeVsBareLoopSteadyState <= TARGETS.nodeVsBareLoop },
	{ target: 'Lead Score peak memory ≤ Code node (n8n + task runner)', measured: `${megabytes(totalPeakKb(leadScore))} vs ${megabytes(totalPeakKb(codeAllItems))}`, met: totalPeakKb(leadScore) <= totalPeakKb(codeAllItems) },
];
const checks = {
	leadScoreMatchesBareEngine: sameDigest(leadScore.digest, engineLoop.digest),
	codeNodeMatchesHandWrittenLoop: sameDigest(codeAllItems.digest, handWrittenLoop.digest),
};

const machine = {
	cpus: os.cpus().length,
	cpuModel: os.cpus()[0]?.model?.trim() ?? 'unknown',
	memoryGb: Math.round(os.totalmem() / 2 ** 30),
	platform: `${os.platform()} ${os.release()}`,
	node: process.versions.node,
	n8n: runtime.pkg.config.n8nVersion,
};
const measuredSeconds = (performance.now() - measuringSince) / 1000;
// CPU time the rest of the machine used while we measured, as a share of all cores
const otherCpuShare = Math.max(0, cpuAtEnd.system - cpuAtStart.system - (cpuAtEnd.ownTree - cpuAtStart.ownTree) - runnerCpuSeconds) / (measuredSeconds * machine.cpus);
machine.otherProcessesCpuShare = Number(otherCpuShare.toFixed(3));

// ---- report -----------------------------------------------------------------------------

const wallOverBaseline = (variant) => (variant.leads === baseline.leads ? integer(variant.wallMs - baseline.wallMs) : '—');
const memoryCells = (variant) => [megabytes(variant.mainPeakKb), megabytes(variant.runnerPeakKb), megabytes(totalPeakKb(variant))];
const out = [];
out.push(`Lead Score benchmark — ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, Node ${machine.node}, n8n ${machine.n8n}`);
out.push(`${integer(leadCount)} generated leads (seed ${SEED}), b2bSaas preset, scored as of ${SCORE_AS_OF}; best of ${rounds} round(s)`);
out.push(`Other processes on the machine used ${fixed(otherCpuShare * 100, 0)}% of its CPU while this ran${otherCpuShare > 0.1 ? ': times are noisier and slower than on an idle machine' : ''}.`);
out.push('');
out.push('1. Throughput. n8n rows: one real `n8n execute` each (own process, Code node through n8n\'s JS task runner);');
out.push('   time = the node\'s executionTime recorded by n8n. Bare loops: a fresh Node process each, first (cold) pass.');
out.push('   Times: best round; peak memory: highest round.');
out.push(
	table(
		['Variant', 'Leads', 'Time ms', 'Leads/s', 'Wall − baseline ms', 'Peak n8n', 'Peak runner', 'Peak total'],
		[
			['Lead Score node (b2bSaas)', integer(leadScore.leads), integer(leadScore.nodeMs), integer(perSecond(leadScore.leads, leadScore.nodeMs)), wallOverBaseline(leadScore), ...memoryCells(leadScore)],
			['Code node, run once for all items', integer(codeAllItems.leads), integer(codeAllItems.nodeMs), integer(perSecond(codeAllItems.leads, codeAllItems.nodeMs)), wallOverBaseline(codeAllItems), ...memoryCells(codeAllItems)],
			['Code node, run once for each item', integer(codeEachItem.leads), integer(codeEachItem.nodeMs), integer(perSecond(codeEachItem.leads, codeEachItem.nodeMs)), wallOverBaseline(codeEachItem), ...memoryCells(codeEachItem)],
			['Baseline workflow (no scoring node)', integer(baseline.leads), '—', '—', '0', ...memoryCells(baseline)],
			['Engine bare loop: leadFromItem + scoreLead', integer(leadCount), integer(bareColdMs), integer(perSecond(leadCount, bareColdMs)), '—', '—', '—', megabytes(engineLoop.peakKb)],
			['Engine bare loop: scoreLead only', integer(leadCount), integer(engineLoop.coldScoreMs), integer(perSecond(leadCount, engineLoop.coldScoreMs)), '—', '—', '—', '(same process)'],
			['Engine bare loop, warm (best of 2 more)', integer(leadCount), integer(bareWarmMs), integer(perSecond(leadCount, bareWarmMs)), '—', '—', '—', '—'],
			['Hand-written function, bare loop', integer(leadCount), integer(handWrittenLoop.coldMs), integer(perSecond(leadCount, handWrittenLoop.coldMs)), '—', '—', '—', megabytes(handWrittenLoop.peakKb)],
		],
	),
);
out.push('');
out.push(
	table(
		['Ratio', 'Measured'],
		[
			['Lead Score throughput ÷ Code node (all items)', times(ratios.leadScoreVsCodeAllItems)],
			['Lead Score throughput ÷ Code node (each item)', times(ratios.leadScoreVsCodeEachItem)],
			['Node time ÷ bare loop, leadFromItem + scoreLead (cold)', times(ratios.nodeVsBareLoopCold)],
			['Node time ÷ bare loop, scoreLead only (cold)', times(ratios.nodeVsScoreLeadOnlyCold)],
			[`Node time ÷ bare loop, steady state (${integer(largestGrowth.leads)} leads, in-process)`, times(ratios.nodeVsBareLoopSteadyState)],
			['Peak memory, Lead Score ÷ Code node (n8n + runner)', times(ratios.peakMemoryLeadScoreVsCode)],
			['Peak memory above baseline, Lead Score ÷ Code node', ratios.peakMemoryAboveBaselineLeadScoreVsCode === null ? '—' : times(ratios.peakMemoryAboveBaselineLeadScoreVsCode)],
		],
	),
);
out.push('');
out.push(table(['Target', 'Measured', 'Met'], targets.map(({ target, measured, met }) => [target, measured, met ? 'yes' : 'NO'])));
out.push('');
out.push(`Same scores from the Lead Score node and the bare engine: ${checks.leadScoreMatchesBareEngine ? 'yes' : 'NO'}; from the Code node and its bare loop: ${checks.codeNodeMatchesHandWrittenLoop ? 'yes' : 'NO'}`);
out.push('');
out.push('2. Growth (steady state: warmed up, median of repetitions; node = Lead Score in n8n-core WorkflowExecute in-process)');
out.push(
	table(
		['Leads', 'Engine µs/lead', 'Node µs/lead', 'Node ÷ engine', 'Repetitions'],
		growth.byLeads.map((row) => [integer(row.leads), fixed(row.engineUsPerLead), fixed(row.nodeUsPerLead), times(row.nodeUsPerLead / row.engineUsPerLead), row.repetitions]),
	),
);
out.push('');
const slope = (rows, index, key) => (index === 0 ? '—' : fixed(((rows[index][key] - rows[index - 1][key]) / (rows[index].rules - rows[index - 1].rules)) * 1000, 0));
out.push(
	table(
		['Custom rules (Model JSON)', 'Engine µs/lead', 'Node µs/lead', 'Node ÷ engine', 'Engine ns/rule/lead', 'Node ns/rule/lead'],
		growth.byRules.map((row, index, rows) => [`${integer(row.rules)} rules, ${integer(row.leads)} leads`, fixed(row.engineUsPerLead), fixed(row.nodeUsPerLead), times(row.nodeUsPerLead / row.engineUsPerLead), slope(rows, index, 'engineUsPerLead'), slope(rows, index, 'nodeUsPerLead')]),
	),
);
out.push('   ns/rule/lead: extra time per added rule per lead between this row and the one above (constant = linear growth).');

// 3. the webhook path, last: it runs its own n8n servers under load (BENCH_WEBHOOK=0 skips it)
let webhookPath = null;
if (process.env.BENCH_WEBHOOK !== '0') {
	webhookPath = await measureWebhookPath({ nowIso: SCORE_AS_OF, durationSeconds: positiveIntegerFromEnv('BENCH_WEBHOOK_SECONDS', 15), connections: 10, log });
	out.push('');
	out.push('3. Webhook path at 10 concurrent connections (autocannon; real `n8n start`, SQLite; both chains answer 200 at once)');
	out.push(webhookPathTable(webhookPath));
	const byChain = (chain, saving) => webhookPath.find((row) => row.chain.startsWith(chain) && row.saving === saving);
	for (const saving of [...new Set(webhookPath.map((row) => row.saving))]) {
		const ours = byChain('Lead Intake', saving);
		const generic = byChain('Webhook', saving);
		if (ours && generic) out.push(`   ${saving}: acknowledged req/s ours ÷ generic ${times(ours.ackPerSecond / generic.ackPerSecond)}, p99 ours ÷ generic ${times(ours.p99Ms / generic.p99Ms)}${ours.executionsPerSecond && generic.executionsPerSecond ? `, executions/s ours ÷ generic ${times(ours.executionsPerSecond / generic.executionsPerSecond)}` : ''}`);
	}
}

// 4. issue 16's target at n8n's default settings: Webhook → Code → Switch, Webhook (Raw Body) → Lead
// Intake → Lead Score → Lead Router, and the trigger chain, in one n8n (BENCH_INTAKE=0 skips it;
// figures also in .cache/bench-intake-chain.json)
if (process.env.BENCH_INTAKE !== '0') {
	const { measureIntakeChain, intakeChainTable } = await import('./bench/intakeChain.mjs');
	const intakeChain = await measureIntakeChain({ nowIso: SCORE_AS_OF, log });
	fs.writeFileSync(path.join(runtime.root, '.cache', 'bench-intake-chain.json'), `${JSON.stringify(intakeChain, null, 2)}\n`);
	out.push('', "4. Lead Intake after n8n's Webhook node, at n8n's default settings (autocannon; one real `n8n start`, SQLite; all chains answer 200 at once)", intakeChainTable(intakeChain));
}

// 5. issue 18: lead-to-account matching, 10,000 accounts, µs per lead against a plain Map lookup in the
// same run (BENCH_ACCOUNTS=0 skips it; BENCH_ACCOUNT_LEADS, BENCH_ACCOUNTS_COUNT; figures also in .cache/bench-accounts.json)
if (process.env.BENCH_ACCOUNTS !== '0') {
	const { measureAccountMatching, accountMatchingTable, accountBenchSizes } = await import('./bench/accounts.mjs');
	const accountMatching = measureAccountMatching({ ...accountBenchSizes(), rounds: Math.max(2, rounds), log });
	fs.writeFileSync(path.join(runtime.root, '.cache', 'bench-accounts.json'), `${JSON.stringify(accountMatching, null, 2)}\n`);
	out.push('', '5. Lead-to-account matching (lib/routing/accounts.ts; one process, index built once, generated accounts and leads)', accountMatchingTable(accountMatching));
}

// 6. issue 18: the Lead Router routing 100,000 leads in one execution, memory and Redis store, leads/s beside a
// bare loop of the same routing (BENCH_ROUTER=0 skips it; BENCH_ROUTER_LEADS; figures also in .cache/bench-router.json)
if (process.env.BENCH_ROUTER !== '0') {
	const { measureRouterOps, routerOpsTable, routerBenchSizes } = await import('./bench/routerOps.mjs');
	const routerOps = await measureRouterOps({ ...routerBenchSizes(), rounds, log });
	fs.writeFileSync(path.join(runtime.root, '.cache', 'bench-router.json'), `${JSON.stringify(routerOps, null, 2)}\n`);
	out.push('', '6. Lead Router: leads routed in one n8n execution (in-process WorkflowExecute, production mode, round robin over 5 owners)', routerOpsTable(routerOps));
}

// 7. issue 17: Lead Insights' Learn Model on 100,000 simulated leads × 200 features beside scikit-learn's
// LogisticRegression on the same matrix (BENCH_INSIGHTS=0 skips it; BENCH_INSIGHTS_LEADS; figures also in .cache/bench-insights.json)
if (process.env.BENCH_INSIGHTS !== '0') {
	const { measureInsights, insightsTable, insightsTargets } = await import('./bench/insights.mjs');
	const insights = await measureInsights({ rounds, log });
	fs.writeFileSync(path.join(runtime.root, '.cache', 'bench-insights.json'), `${JSON.stringify(insights, null, 2)}\n`);
	out.push('', '7. Lead Insights: Learn Model (own processes; scikit-learn from Debian python3-sklearn when installed)', insightsTable(insights, { leadScorePeakKb: engineLoop.peakKb, table }));
	for (const { target, measured, met } of insightsTargets(insights)) out.push(`   ${met ? 'met' : 'NOT met'}: ${target}: ${measured}`);
}

const durationSeconds = (performance.now() - startedAt) / 1000;
out.push('');
out.push(`Total benchmark time: ${fixed(durationSeconds, 0)} s. Figures: .cache/bench-results.json`);
process.stdout.write(`${out.join('\n')}\n`);

const resultsFile = path.join(runtime.root, '.cache', 'bench-results.json');
fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
fs.writeFileSync(
	resultsFile,
	`${JSON.stringify(
		{
			generatedAt: new Date().toISOString(),
			machine,
			config: { leads: leadCount, eachItemLeads, rounds, seed: SEED, scoreAsOf: SCORE_AS_OF, growthSizes, ruleCounts: RULE_COUNTS, ruleLeads },
			harness: {
				throughput: 'real n8n (pinned) with the packed package: one `n8n execute --id` per workflow (Manual Trigger → Code node generating the leads → scoring node); node time = executionTime in n8n run data; peak memory = max RSS of the n8n process and VmHWM of its task runner',
				bareLoops: 'fresh Node process per loop; cold = first pass, warm = best of two more passes; peak = process max RSS after the cold pass',
				growth: 'one Node process: the engine loop and Lead Score run through n8n-core WorkflowExecute (the pinned n8n copies) in-process; warmed up, median of repetitions',
			},
			throughput: { inN8n, engineLoop, handWrittenLoop },
			ratios,
			targets,
			checks,
			growth,
			webhookPath,
			durationSeconds,
		},
		null,
		2,
	)}\n`,
);
