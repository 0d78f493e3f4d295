import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPairedItemData,
} from 'n8n-workflow';
import { OUTCOME_NAMES_HELP } from '../../lib/insights/outcome';
import { backtest, InsightsDataError, learnModel, parseOutcome, type BacktestReport, type CandidateFeatures, type LearnResult, type Outcome, type OutcomeRow, type ScoreAt, type ThresholdGoal } from '../../lib/insights';
import { renderInsightsReport } from '../../lib/insights/report/html';
import { parseDate } from '../../lib/lead/dates';
import { parseYesNo } from '../../lib/lead/yesNo';
import { parseLooseNumber } from '../../lib/text/numbers';
import { foldKey } from '../../lib/text/fold';
import { chosenModel } from '../shared/buildModel';
import { hygieneReader, readLead, receivedAtOf } from '../shared/leadInput';
import { parameterReader } from '../shared/parameters';
import { leadInsightsProperties } from './description';

type Operation = 'backtest' | 'learn';

/** A field of an item by name, or by a dotted path into nested objects ("deal.stage"). */
function fieldOf(json: IDataObject, path: string): unknown {
	if (path in json) return json[path];
	let value: unknown = json;
	for (const part of path.split('.')) {
		if (!value || typeof value !== 'object' || Array.isArray(value) || !Object.prototype.hasOwnProperty.call(value, part)) return undefined;
		value = (value as IDataObject)[part];
	}
	return value;
}

function wordKeys(text: unknown): Set<string> {
	return new Set(
		String(text ?? '')
			.split(/[,\n;]/)
			.map((word) => foldKey(word))
			.filter(Boolean),
	);
}

interface OutcomeReading {
	type: 'status' | 'boolean';
	won: Set<string>;
	lost: Set<string>;
	open: Set<string>;
}

/** What an item's outcome value says; null when it says none of won, lost or open. */
function outcomeOf(value: unknown, reading: OutcomeReading): Outcome | null {
	if (value === undefined || value === null) return 'open';
	if (typeof value === 'string' && value.trim() === '') return 'open';
	if (reading.type === 'boolean') {
		if (typeof value === 'boolean') return value ? 'won' : 'lost';
		if (value === 1 || value === 0) return value === 1 ? 'won' : 'lost';
		if (typeof value !== 'string') return null;
		const answer = parseYesNo(value);
		return answer === null ? null : answer ? 'won' : 'lost';
	}
	if (typeof value === 'string') {
		const key = foldKey(value);
		if (reading.won.has(key)) return 'won';
		if (reading.lost.has(key)) return 'lost';
		if (reading.open.has(key)) return 'open';
	}
	const outcome = parseOutcome(value);
	if (outcome !== null || typeof value !== 'string') return outcome;
	// a yes/no in any language the package reads (Tak, Evet, نعم, بله, ใช่...) says won or lost
	const answer = parseYesNo(value);
	return answer === null ? null : answer ? 'won' : 'lost';
}

function goalOf(options: IDataObject): ThresholdGoal | null {
	const share = Number(options.goalPercent ?? 80) / 100;
	switch (options.goal) {
		case 'sqlPrecision':
			return { kind: 'sqlPrecision', atLeast: share };
		case 'winRecallMql':
			return { kind: 'winRecall', atLeast: share, stage: 'mql' };
		case 'winRecallSql':
			return { kind: 'winRecall', atLeast: share, stage: 'sql' };
		default:
			return null;
	}
}

function candidatesOf(options: IDataObject): CandidateFeatures | undefined {
	const chosen = (options.candidates as string[] | undefined) ?? [];
	if (!chosen.length) return undefined;
	return Object.fromEntries(chosen.map((name) => [name, true])) as CandidateFeatures;
}

const BACKTEST_TABLES = ['byStage', 'byGrade', 'deciles', 'roc', 'distribution', 'rules', 'groups', 'missedWins', 'calibration'] as const;

function backtestSummary(report: BacktestReport): IDataObject {
	return {
		operation: 'backtest',
		model: report.model,
		scoreAt: report.scoreAt,
		counts: report.counts,
		baseRate: report.baseRate,
		auc: report.auc,
		thresholds: report.thresholds,
		recommended: report.recommended,
		byStage: report.byStage,
		byGrade: report.byGrade,
		missedWinsTotal: report.missedWinsTotal,
	} as unknown as IDataObject;
}

function learnSummary(result: LearnResult, base: BacktestReport): IDataObject {
	return {
		operation: 'learn',
		recommended: result.recommended,
		explanation: result.explanation,
		baseModel: base.model,
		validation: result.validation,
		model: result.model,
		calibration: result.calibration,
		intercept: result.intercept,
		fit: result.fit,
		skipped: result.skipped,
	} as unknown as IDataObject;
}

/** The leads the learner validated on: submitted at or after the split. */
function validationRows(rows: OutcomeRow[], splitAt: string): OutcomeRow[] {
	const split = Date.parse(splitAt);
	return rows.filter((row) => {
		const at = Date.parse(row.lead.submittedAt ?? row.receivedAt ?? '');
		return Number.isFinite(at) && at >= split;
	});
}

export class LeadInsights implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Lead Insights',
		name: 'leadInsights',
		icon: { light: 'file:leadInsights.svg', dark: 'file:leadInsights.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ {"backtest":"Backtest model","learn":"Learn model"}[$parameter["operation"]] }}',
		description: 'Check a scoring model against won and lost leads, learn a better one as Model JSON, and report it with charts',
		defaults: { name: 'Lead Insights' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		properties: leadInsightsProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const operation = this.getNodeParameter('operation', 0) as Operation;
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const outcomeField = String(this.getNodeParameter('outcomeField', 0, 'outcome')).trim();
		const reading: OutcomeReading = {
			type: this.getNodeParameter('outcomeType', 0, 'status') as OutcomeReading['type'],
			won: wordKeys(this.getNodeParameter('wonWords', 0, '')),
			lost: wordKeys(this.getNodeParameter('lostWords', 0, '')),
			open: wordKeys(this.getNodeParameter('openWords', 0, '')),
		};
		const valueField = String(this.getNodeParameter('valueField', 0, '')).trim();
		const closedAtField = String(this.getNodeParameter('closedAtField', 0, '')).trim();
		const costPerLeadField = String(this.getNodeParameter('costPerLeadField', 0, '')).trim();
		const readMapping = parameterReader<IDataObject>(this, 'fieldMapping', {});
		const hygiene = hygieneReader()(options);
		const model = chosenModel(this, options);
		const startedAtIso = new Date().toISOString();

		const rows: OutcomeRow[] = [];
		const used: IPairedItemData[] = [];
		const failed: INodeExecutionData[] = [];
		let itemsWithOutcomeField = 0;
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const json = items[itemIndex].json;
			try {
				const raw = fieldOf(json, outcomeField);
				if (raw !== undefined) itemsWithOutcomeField++;
				const outcome = outcomeOf(raw, reading);
				if (outcome === null) {
					throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: the outcome in "${outcomeField}" is "${String(raw).slice(0, 40)}", which is not won, lost or open`, {
						itemIndex,
						description:
							reading.type === 'boolean'
								? 'A yes/no outcome is true or false, yes or no (in any language the package reads), 1 or 0; empty means still open.'
								: `Add the word to "Won Words", "Lost Words" or "Open Words". ${OUTCOME_NAMES_HELP} Yes/no in any language the package reads also works; an empty outcome means still open.`,
					});
				}
				const number = (field: string, label: string): number | null => {
					if (!field) return null;
					const value = fieldOf(json, field);
					if (value === undefined || value === null || value === '') return null;
					const parsed = parseLooseNumber(value);
					if (parsed === null) throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: "${label}" (${field}) is not a number`, { itemIndex });
					return parsed;
				};
				let closedAt: string | null = null;
				if (closedAtField) {
					const value = fieldOf(json, closedAtField);
					if (value !== undefined && value !== null && value !== '') {
						closedAt = parseDate(value);
						if (!closedAt) throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: "Close Date Field" (${closedAtField}) is not a date`, { itemIndex });
					}
				}
				rows.push({
					lead: readLead(json, readMapping(itemIndex), itemIndex, this),
					outcome,
					value: number(valueField, 'Deal Value Field'),
					closedAt,
					costPerLead: number(costPerLeadField, 'Cost per Lead Field'),
					receivedAt: receivedAtOf(json, startedAtIso),
				});
				used.push({ item: itemIndex });
			} catch (error) {
				if (this.continueOnFail()) {
					failed.push({ json: { ...json, error: (error as Error).message }, pairedItem: { item: itemIndex } });
					continue;
				}
				throw error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			}
		}

		const scoreAt = (options.scoreAt as ScoreAt | undefined) ?? 'submission';
		const goal = goalOf(options);
		const output: INodeExecutionData[] = [];
		try {
			const base = backtest(rows, model, { scoreAt, goal, hygiene });
			let summary: IDataObject;
			let tables: Array<[string, unknown]>;
			let learned: { result: LearnResult; backtest: BacktestReport | null } | null = null;
			if (operation === 'learn') {
				const result = learnModel(rows, model, {
					scoreAt,
					hygiene,
					goal: goal ?? undefined,
					C: options.C === undefined ? undefined : Number(options.C),
					validationShare: options.validationPercent === undefined ? undefined : Number(options.validationPercent) / 100,
					candidates: candidatesOf(options),
				});
				const validation = validationRows(rows, result.validation.splitAt);
				let learnedBacktest: BacktestReport | null = null;
				try {
					learnedBacktest = validation.length ? backtest(validation, result.model, { scoreAt, hygiene }) : null;
				} catch (error) {
					// the validation part alone may hold too few of one outcome for a backtest; the report then shows the learner's own figures
					if (!(error instanceof InsightsDataError)) throw new NodeOperationError(this.getNode(), error as Error);
				}
				learned = { result, backtest: learnedBacktest };
				summary = learnSummary(result, base);
				tables = [
					['coefficients', result.coefficients],
					['validationThresholds', [result.validation.thresholds.mql, result.validation.thresholds.sql]],
				];
			} else {
				summary = backtestSummary(base);
				tables = BACKTEST_TABLES.map((name) => [name, base[name]]);
			}
			const item: INodeExecutionData = { json: summary, pairedItem: used };
			if (options.report !== false) {
				const html = renderInsightsReport({ generatedAt: startedAtIso, backtest: base, learned, currency: (options.currency as string) || null });
				const fileName = `lead-insights-${operation}-${startedAtIso.slice(0, 10)}.html`;
				const binaryPropertyName = String(options.binaryPropertyName || 'data');
				item.binary = { [binaryPropertyName]: await this.helpers.prepareBinaryData(Buffer.from(html, 'utf8'), fileName, 'text/html') };
			}
			output.push(item);
			if (options.tableItems === true) {
				for (const [table, tableRows] of tables) output.push({ json: { operation, table, rows: (tableRows ?? []) as IDataObject[] }, pairedItem: used });
			}
		} catch (error) {
			const noOutcomeField = itemsWithOutcomeField === 0 && rows.length > 0;
			const nodeError =
				error instanceof InsightsDataError
					? new NodeOperationError(this.getNode(), error.message, {
							description: noOutcomeField
								? `No item has a field "${outcomeField}": check "Outcome Field".`
								: 'Lead Insights needs closed leads of both outcomes, with dates: give it more history, or check "Outcome Field" and the outcome words.',
						})
					: error instanceof NodeOperationError
						? error
						: new NodeOperationError(this.getNode(), error as Error);
			if (!this.continueOnFail()) throw nodeError;
			output.push({ json: { operation, error: nodeError.message }, pairedItem: used });
		}
		return [[...output, ...failed]];
	}
}
