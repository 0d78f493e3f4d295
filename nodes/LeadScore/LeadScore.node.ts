import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { scoreLead } from '../../lib/scoring/engine';
import { STAGE_NAMES_HELP, stageFromName, type Stage } from '../../lib/scoring/stages';
import { modelCompiler } from '../shared/buildModel';
import { hygieneReader, readLead, receivedAtOf } from '../shared/leadInput';
import { MODEL_SUBTITLE } from '../shared/modelChoice';
import { parameterReader } from '../shared/parameters';
import { leadScoreProperties } from './description';

function toStage(value: unknown, itemIndex: number, context: IExecuteFunctions): Stage | null {
	if (value === undefined || value === null || value === '') return null;
	const text = String(value).trim();
	const stage = stageFromName(text);
	if (!stage) {
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex}: "Previous Stage" is "${text.slice(0, 40)}", which is not a stage`, {
			itemIndex,
			description: STAGE_NAMES_HELP,
		});
	}
	return stage;
}

function previousStageOf(json: IDataObject): unknown {
	const score = json.score as IDataObject | undefined;
	if (score && typeof score === 'object' && typeof score.stage === 'string') return score.stage;
	return json.previousStage ?? json.stage;
}

export class LeadScore implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Lead Score',
		name: 'leadScore',
		icon: { light: 'file:leadScore.svg', dark: 'file:leadScore.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: MODEL_SUBTITLE,
		description: 'Score and qualify leads: fit and engagement points, decay, grade and stage (Lead, MQL, SQL, Disqualified) with a receipt of every rule',
		defaults: { name: 'Lead Score' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		properties: leadScoreProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const returnData: INodeExecutionData[] = [];
		const readOptions = parameterReader<IDataObject>(this, 'options', {});
		const readMapping = parameterReader<IDataObject>(this, 'fieldMapping', {});
		const { compiledFor } = modelCompiler(this);
		const hygieneFor = hygieneReader();

		const startedAt = new Date();
		const startedAtIso = startedAt.toISOString();
		let lastScoreAsOf = null as { text: unknown; date: Date } | null;
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const item = items[itemIndex];
			try {
				const options = readOptions(itemIndex);
				const compiled = compiledFor(itemIndex, options);
				let now = startedAt;
				if (options.scoreAsOf) {
					if (lastScoreAsOf?.text !== options.scoreAsOf) lastScoreAsOf = { text: options.scoreAsOf, date: new Date(options.scoreAsOf as string) };
					now = lastScoreAsOf.date;
					if (Number.isNaN(now.getTime())) {
						throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: "Score As Of" is not a date`, { itemIndex });
					}
				}
				const json = item.json;
				const lead = readLead(json, readMapping(itemIndex), itemIndex, this);
				const previousStage = toStage(options.previousStage || previousStageOf(json), itemIndex, this);
				const score = scoreLead(compiled, lead, { now, previousStage, allowDowngrade: options.allowDowngrade === true, hygiene: hygieneFor(options), receivedAt: receivedAtOf(json, startedAtIso) });
				const newFieldsOnly = options.output === 'newFieldsOnly';
				const result = (newFieldsOnly ? { lead, score } : { ...json, lead, score }) as unknown as IDataObject;
				const output: INodeExecutionData = { json: result, pairedItem: { item: itemIndex } };
				if (!newFieldsOnly && item.binary) output.binary = item.binary;
				returnData.push(output);
			} catch (error) {
				if (this.continueOnFail()) {
					returnData.push({ json: { ...item.json, error: (error as Error).message }, pairedItem: { item: itemIndex } });
					continue;
				}
				throw error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			}
		}
		return [returnData];
	}
}
