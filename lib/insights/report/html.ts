/**
 * The Lead Insights report: one self-contained HTML page (inline CSS and SVG, no script, no
 * external asset) from the figures of a backtest and, for Learn Model, of the learned model. Every
 * text that comes from leads or models (sources, campaigns, rule names, companies) is escaped.
 * Pure, no n8n imports.
 */
import type { BacktestReport, GroupFigures, LearnResult, ThresholdFigures } from '../types';
import { barChart, COLORS, escapeHtml, unitLineChart } from './svg';

export interface ReportInput {
	title?: string;
	/** when the report was made (ISO 8601); shown in the header */
	generatedAt: string;
	/** the checked model's backtest (Backtest Model), or the base model's (Learn Model) */
	backtest: BacktestReport;
	/** Learn Model: the learned model and, when given, its backtest on the validation leads */
	learned?: { result: LearnResult; backtest?: BacktestReport | null } | null;
	/** currency shown beside money figures, when the data has one */
	currency?: string | null;
}

const percent = (value: number | null | undefined, digits = 1) => (value === null || value === undefined || Number.isNaN(value) ? '–' : `${(value * 100).toFixed(digits)} %`);
const number = (value: number | null | undefined, digits = 0) =>
	value === null || value === undefined || Number.isNaN(value) ? '–' : value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const interval = (low: number | null, high: number | null) => (low === null || high === null ? '' : ` <span class="ci">(${percent(low, 0)}–${percent(high, 0)})</span>`);

function table(headers: string[], rows: string[][], numericFrom = 1): string {
	const head = headers.map((header, index) => `<th${index >= numericFrom ? ' class="n"' : ''}>${escapeHtml(header)}</th>`).join('');
	const body = rows.map((row) => `<tr>${row.map((cell, index) => `<td${index >= numericFrom ? ' class="n"' : ''}>${cell}</td>`).join('')}</tr>`).join('');
	return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function card(label: string, value: string, note = ''): string {
	return `<div class="card"><div class="label">${escapeHtml(label)}</div><div class="value">${value}</div>${note ? `<div class="note">${note}</div>` : ''}</div>`;
}

function thresholdRow(figures: ThresholdFigures): string[] {
	return [
		escapeHtml(figures.stage.toUpperCase()),
		number(figures.threshold),
		number(figures.selected),
		number(figures.wins),
		`${percent(figures.precision)}${interval(figures.precisionLow, figures.precisionHigh)}`,
		percent(figures.recall),
		number(figures.leadsPerMonth, 1),
	];
}

const THRESHOLD_HEADERS = ['Stage', 'Threshold', 'Closed leads at it or better', 'Wins', 'Win rate (precision)', 'Share of all wins (recall)', 'Leads per month'];

function money(value: number | null, currency: string | null | undefined): string {
	if (value === null) return '–';
	return `${number(value, value < 100 ? 2 : 0)}${currency ? ` ${escapeHtml(currency)}` : ''}`;
}

const DIMENSION_TITLES: Record<GroupFigures['dimension'], string> = {
	source: 'Source',
	channel: 'Channel',
	form: 'Form',
	utmSource: 'UTM source',
	utmMedium: 'UTM medium',
	utmCampaign: 'UTM campaign',
	thankYouPage: 'Thank-you page',
	ad: 'Ad',
};

function charts(report: BacktestReport, label: string): string {
	const distribution = barChart(
		`Score distribution by outcome (${label})`,
		report.distribution.map((bin) => ({ label: `${bin.from}–${bin.to}`, values: [{ value: bin.won, color: COLORS.won }, { value: bin.lost, color: COLORS.lost }] })),
		{ xTitle: 'Total score', yTitle: 'Closed leads', format: (value) => number(value), legend: [['Won', COLORS.won], ['Lost', COLORS.lost]] },
	);
	const lift = barChart(
		`Lift by score decile (${label})`,
		report.deciles.map((decile) => ({ label: String(decile.decile), values: [{ value: decile.lift, color: COLORS.bar }] })),
		{ xTitle: 'Score decile (1 = highest tenth)', yTitle: 'Lift (win rate ÷ average)', format: (value) => value.toFixed(1), reference: { value: 1, label: 'average' } },
	);
	const rocPoints: Array<[number, number]> = [[0, 0], ...report.roc.map((point) => [point.falsePositiveRate, point.truePositiveRate] as [number, number]), [1, 1]];
	rocPoints.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	const gains: Array<[number, number]> = [[0, 0], ...report.deciles.map((decile) => [decile.cumulativeLeadShare, decile.cumulativeWinShare] as [number, number])];
	const roc = unitLineChart(
		`ROC (AUC ${report.auc === null ? '–' : report.auc.toFixed(3)}) and gains (${label})`,
		[
			{ label: 'ROC', color: COLORS.line, points: rocPoints },
			{ label: 'Gains', color: COLORS.won, points: gains },
		],
		{ xTitle: 'Lost leads let through (ROC) / leads contacted (gains)', yTitle: 'Wins caught' },
	);
	const stages = barChart(
		`Conversion by stage (${label})`,
		report.byStage.map((stage) => ({ label: `${stage.stage.toUpperCase()} (${stage.count})`, values: [{ value: stage.rate ?? 0, color: COLORS.bar, low: stage.low, high: stage.high }] })),
		{ xTitle: 'Stage the model gave (closed leads)', yTitle: 'Win rate', format: (value) => percent(value, 0), max: 1, reference: report.baseRate === null ? undefined : { value: report.baseRate, label: 'all leads' } },
	);
	const sources = report.groups
		.filter((group) => group.dimension === 'source' && group.closed > 0)
		.sort((a, b) => b.closed - a.closed)
		.slice(0, 12);
	const bySource = barChart(
		`Conversion by source (${label})`,
		sources.map((group) => ({ label: group.value, values: [{ value: group.winRate ?? 0, color: COLORS.bar, low: group.winRateLow, high: group.winRateHigh }] })),
		{ xTitle: 'Source', yTitle: 'Win rate', format: (value) => percent(value, 0), max: 1, reference: report.baseRate === null ? undefined : { value: report.baseRate, label: 'all leads' } },
	);
	return `<div class="charts">${distribution}${lift}${roc}${stages}${bySource}</div>`;
}

/** A long table, folded away until the reader opens it (no script: HTML's own details element). */
function folded(title: string, content: string): string {
	return `<details><summary>${title}</summary>${content}</details>`;
}

function backtestSections(report: BacktestReport, label: string, currency: string | null | undefined, detail: 'all' | 'chartsOnly' = 'all'): string {
	const parts: string[] = [];
	parts.push(
		`<div class="cards">${card('Closed leads', number(report.counts.won + report.counts.lost), `${number(report.counts.won)} won, ${number(report.counts.lost)} lost, ${number(report.counts.open)} open`)}${card('Win rate', percent(report.baseRate))}${card(
			'ROC AUC',
			report.auc === null ? '–' : report.auc.toFixed(3),
			'0.5 is a coin toss, 1 a perfect ranking',
		)}${card('MQL: win rate / wins caught', `${percent(report.thresholds.mql.precision, 0)} / ${percent(report.thresholds.mql.recall, 0)}`, `at ${number(report.thresholds.mql.threshold)} points`)}${card(
			'SQL: win rate / wins caught',
			`${percent(report.thresholds.sql.precision, 0)} / ${percent(report.thresholds.sql.recall, 0)}`,
			`at ${number(report.thresholds.sql.threshold)} points`,
		)}</div>`,
	);
	parts.push(charts(report, label));
	if (detail === 'chartsOnly') return parts.join('\n');
	parts.push(`<h3>Thresholds</h3>${table(THRESHOLD_HEADERS, [thresholdRow(report.thresholds.mql), thresholdRow(report.thresholds.sql)])}`);
	if (report.recommended) {
		const recommended = report.recommended;
		parts.push(
			`<p class="${recommended.met ? 'ok' : 'warn'}"><strong>Recommended thresholds:</strong> MQL ${number(recommended.mql)}, SQL ${number(recommended.sql)}. ${escapeHtml(recommended.reason)}</p>` +
				(recommended.atRecommended ? table(THRESHOLD_HEADERS, [thresholdRow(recommended.atRecommended)]) : ''),
		);
	}
	parts.push(
		`<h3>Conversion by stage and grade</h3>${table(
			['Stage or grade', 'Leads', 'Closed', 'Wins', 'Win rate (95 % interval)'],
			[
				...report.byStage.map((row) => [escapeHtml(row.stage.toUpperCase()), number(row.leads), number(row.count), number(row.wins), `${percent(row.rate)}${interval(row.low, row.high)}`]),
				...report.byGrade.map((row) => [`Grade ${escapeHtml(row.grade)}`, number(row.leads), number(row.count), number(row.wins), `${percent(row.rate)}${interval(row.low, row.high)}`]),
			],
		)}`,
	);
	if (report.rules.length) {
		parts.push(
			folded(`Rules against the outcomes (${report.rules.length}; ${report.rules.filter((rule) => rule.signAgrees === false).length} disagree with the data)`, table(
				['Rule', 'Points', 'Fired among won', 'Fired among lost', 'Lift', 'Sign agrees'],
				report.rules.map((rule) => [
					`${escapeHtml(rule.description || rule.rule)}<br><code>${escapeHtml(rule.rule)}</code>`,
					number(rule.points),
					percent(rule.firedAmongWon, 0),
					percent(rule.firedAmongLost, 0),
					rule.lift === null ? '–' : rule.lift.toFixed(2),
					rule.signAgrees === null ? 'too few' : rule.signAgrees ? 'yes' : '<strong class="bad">no</strong>',
				]),
			)),
		);
	}
	const dimensions = [...new Set(report.groups.map((group) => group.dimension))];
	for (const dimension of dimensions) {
		const rows = report.groups.filter((group) => group.dimension === dimension).sort((a, b) => b.leads - a.leads);
		const hasCost = rows.some((row) => row.cost !== null);
		const headers = ['Value', 'Leads', 'MQLs', 'SQLs', 'Wins', 'Win rate (95 % interval)', ...(hasCost ? ['Cost per lead', 'per MQL', 'per SQL', 'per win'] : [])];
		parts.push(
			folded(`By ${escapeHtml(DIMENSION_TITLES[dimension] ?? dimension)} (${rows.length})`, table(
				headers,
				rows.map((row) => [
					escapeHtml(row.value),
					number(row.leads),
					number(row.mqls),
					number(row.sqls),
					number(row.wins),
					`${percent(row.winRate)}${interval(row.winRateLow, row.winRateHigh)}`,
					...(hasCost ? [money(row.costPerLead, currency), money(row.costPerMql, currency), money(row.costPerSql, currency), money(row.costPerWin, currency)] : []),
				]),
			)),
		);
	}
	if (report.missedWinsTotal > 0) {
		parts.push(
			folded(`Missed wins: won leads the model left at Lead or Disqualified (${number(report.missedWinsTotal)})`, table(
				['Lead', 'Source', 'Submitted', 'Score', 'Stage', 'Why'],
				report.missedWins.slice(0, 25).map((missed) => [
					escapeHtml([missed.company, missed.email ?? missed.externalId].filter(Boolean).join(' · ') || `row ${missed.row}`),
					escapeHtml(missed.source),
					escapeHtml(missed.submittedAt?.slice(0, 10) ?? '–'),
					`${number(missed.total)} (${escapeHtml(missed.grade)})`,
					escapeHtml(missed.stage.toUpperCase()),
					missed.reasons.length ? missed.reasons.map((reason) => escapeHtml(reason.detail ?? reason.rule)).join('; ') : '<span class="ci">no rule fired</span>',
				]),
				1,
			)),
		);
	}
	if (report.calibration?.length) {
		parts.push(
			`<h3>Likelihood: predicted against observed</h3>${table(
				['Score', 'Leads', 'Predicted', 'Observed'],
				report.calibration.map((bin) => [`${number(bin.from)}–${number(bin.to)}`, number(bin.leads), percent(bin.predicted), percent(bin.observed)]),
			)}`,
		);
	}
	return parts.join('\n');
}

function learnedSections(learned: NonNullable<ReportInput['learned']>, base: BacktestReport, currency: string | null | undefined): string {
	const { result } = learned;
	const validation = result.validation;
	const parts: string[] = [];
	parts.push(
		`<p class="${result.recommended ? 'ok' : 'warn'}"><strong>${result.recommended ? 'The learned model ranks the newer leads better than the current one.' : 'Keep the current model: the learned one does not validate better.'}</strong> ${escapeHtml(result.explanation)}</p>`,
	);
	parts.push(
		`<div class="cards">${card('Validation AUC, learned', validation.aucLearned.toFixed(3))}${card('Validation AUC, current', validation.aucBase.toFixed(3))}${card('Trained on', number(validation.trainLeads), `${number(validation.trainWins)} wins, older than ${escapeHtml(validation.splitAt.slice(0, 10))}`)}${card(
			'Validated on',
			number(validation.validationLeads),
			`${number(validation.validationWins)} wins, newer leads`,
		)}</div>`,
	);
	parts.push(`<h3>Thresholds chosen on the validation leads</h3>${table(THRESHOLD_HEADERS, [thresholdRow(validation.thresholds.mql), thresholdRow(validation.thresholds.sql)])}`);
	const coefficientRows = [...result.coefficients]
		.sort((a, b) => Math.abs(b.points) - Math.abs(a.points))
		.map((coefficient) => [
			`${escapeHtml(coefficient.description || coefficient.rule)}<br><code>${escapeHtml(coefficient.rule)}</code>`,
			escapeHtml(coefficient.kind),
			number(coefficient.points),
			coefficient.basePoints === null ? '–' : number(coefficient.basePoints),
			coefficient.oddsRatio.toFixed(2),
			number(coefficient.support),
		]);
	const coefficientHeaders = ['Rule', 'Kind', 'Points (learned)', 'Points (current)', 'Odds ratio', 'Training leads with it'];
	parts.push(`<h3>What the learned model gives points for (the ${Math.min(15, coefficientRows.length)} largest)</h3>${table(coefficientHeaders, coefficientRows.slice(0, 15))}`);
	if (coefficientRows.length > 15) parts.push(folded(`All ${coefficientRows.length} features`, table(coefficientHeaders, coefficientRows.slice(15))));
	if (learned.backtest) parts.push(`<h3>The learned model on the validation leads</h3>${backtestSections(learned.backtest, 'learned, validation', currency, 'chartsOnly')}`);
	parts.push(`<h2>The current model (${escapeHtml(base.model.name)} ${escapeHtml(base.model.version)}) on all leads</h2>${backtestSections(base, 'current model', currency)}`);
	parts.push(folded('Model JSON (paste into Lead Score → Scoring Model → Model JSON)', `<pre>${escapeHtml(JSON.stringify(result.model, null, 2))}</pre>`));
	return parts.join('\n');
}

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic","Noto Sans Thai",sans-serif;color:#1c2024;margin:0;background:#f9f9fb}
main{max-width:1180px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 8px;border-bottom:1px solid #e6e8eb;padding-bottom:4px}h3{font-size:15px;margin:24px 0 8px}
.meta{color:#60646c;margin:0 0 16px}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}
.card{background:#fff;border:1px solid #e6e8eb;border-radius:8px;padding:10px 14px;min-width:160px}
.card .label{color:#60646c;font-size:12px}.card .value{font-size:22px;font-weight:600}.card .note{color:#60646c;font-size:11px}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(560px,1fr));gap:12px}
.charts svg{background:#fff;border:1px solid #e6e8eb;border-radius:8px;max-width:100%;height:auto}
table{border-collapse:collapse;background:#fff;font-size:13px;margin:4px 0 8px}
th,td{border:1px solid #e6e8eb;padding:4px 8px;text-align:start;vertical-align:top}td.n,th.n{text-align:end;font-variant-numeric:tabular-nums}
.ci{color:#60646c;font-size:11px}.ok{border-inline-start:4px solid #30a46c;padding:6px 10px;background:#fff}.warn{border-inline-start:4px solid #f5a524;padding:6px 10px;background:#fff}.bad{color:#e5484d}
details{margin:8px 0}summary{cursor:pointer;font-weight:600;font-size:14px;padding:4px 0}code{font-size:11px;color:#60646c}pre{background:#fff;border:1px solid #e6e8eb;padding:12px;overflow:auto;font-size:12px;max-height:480px}`;

/** The whole report as one HTML document. */
export function renderInsightsReport(input: ReportInput): string {
	const report = input.backtest;
	const title = input.title ?? (input.learned ? 'Lead Insights: learned model' : 'Lead Insights: model backtest');
	const period = report.counts.firstSubmittedAt && report.counts.lastSubmittedAt ? `${report.counts.firstSubmittedAt.slice(0, 10)} to ${report.counts.lastSubmittedAt.slice(0, 10)}` : 'undated leads';
	const header = `<h1>${escapeHtml(title)}</h1><p class="meta">Model ${escapeHtml(report.model.name)} ${escapeHtml(report.model.version)} · ${number(report.counts.rows)} leads submitted ${escapeHtml(period)} · scored as of their ${report.scoreAt === 'submission' ? 'submission' : 'last activity'} · made ${escapeHtml(input.generatedAt.slice(0, 16).replace('T', ' '))} UTC</p>`;
	const body = input.learned ? learnedSections(input.learned, report, input.currency) : backtestSections(report, 'current model', input.currency);
	return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${header}
${body}
</main></body></html>
`;
}
