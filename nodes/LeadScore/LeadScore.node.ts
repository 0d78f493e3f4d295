import {
	isObjectEmpty,
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { coerceEvents, isWebhookNodeOutput, leadFromItem } from '../../lib/lead/detect';
import { normalizeEmail, cleanString, labelKey } from '../../lib/lead/fields';
import type { Lead } from '../../lib/lead/types';
import { compileModel, scoreLead, type CompiledModel } from '../../lib/scoring/engine';
import { ModelValidationError } from '../../lib/scoring/model';
import { DEFAULT_HONEYPOT_KEYS, type HygieneOptions } from '../../lib/scoring/hygiene';
import { STAGE_NAMES_HELP, stageFromName, type Stage } from '../../lib/scoring/stages';
import { parameterReader } from '../shared/parameters';
import { buildModel, type ModelSource, type ThresholdOverrides } from './buildModel';
import { leadScoreProperties } from './description';

const MAPPABLE_TEXT_FIELDS = ['company', 'country', 'firstName', 'jobTitle', 'lastName', 'phone', 'website'] as const;

function domainSet(text: unknown): ReadonlySet<string> | undefined {
	const domains = String(text ?? '')
		.split(/[,\n;\s]+/)
		.map((domain) => domain.trim().toLowerCase().replace(/^@/, ''))
		.filter(Boolean);
	return domains.length ? new Set(domains) : undefined;
}

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

function applyMapping(lead: Lead, mapping: IDataObject, itemIndex: number, context: IExecuteFunctions): void {
	if (mapping.email !== undefined && mapping.email !== '') lead.email = normalizeEmail(mapping.email);
	for (const field of MAPPABLE_TEXT_FIELDS) {
		if (mapping[field] !== undefined && mapping[field] !== '') lead[field] = cleanString(mapping[field], 500);
	}
	if (mapping.firstName || mapping.lastName) lead.fullName = [lead.firstName, lead.lastName].filter(Boolean).join(' ') || null;
	if (mapping.events !== undefined && mapping.events !== '' && mapping.events !== '[]') {
		let events = mapping.events;
		if (typeof events === 'string') {
			try {
				events = JSON.parse(events);
			} catch {
				throw new NodeOperationError(context.getNode(), `Item ${itemIndex}: "Activities (Events)" is not valid JSON`, { itemIndex });
			}
		}
		if (!Array.isArray(events)) {
			throw new NodeOperationError(context.getNode(), `Item ${itemIndex}: "Activities (Events)" must be a list of activities`, {
				itemIndex,
				description: 'Example: [{"type": "pricing_page_view", "at": "2026-11-20T10:00:00Z"}]',
			});
		}
		lead.events = coerceEvents(events);
	}
}

/**
 * When the lead was received, which dates its activities (and a request read from the form) when
 * the form sent no submission time: the Lead Intake Trigger's meta.receivedAt, or, for the output
 * of n8n's Webhook node, the start of this execution, which that delivery started.
 */
function receivedAtOf(json: IDataObject, executionStartedAt: string): string | null {
	const meta = json.meta;
	if (meta && typeof meta === 'object' && !Array.isArray(meta)) {
		const receivedAt = (meta as IDataObject).receivedAt;
		if (typeof receivedAt === 'string') return receivedAt;
	}
	return isWebhookNodeOutput(json) ? executionStartedAt : null;
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
		subtitle: '={{ {"b2bSaas":"B2B SaaS preset","ecommerce":"E-commerce preset","servicesAgency":"Services / Agency preset","custom":"Custom rules","json":"Model JSON"}[$parameter["scoringModel"]] }}',
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
		const source = this.getNodeParameter('scoringModel', 0) as ModelSource;
		const readOptions = parameterReader<IDataObject>(this, 'options', {});
		const readMapping = parameterReader<IDataObject>(this, 'fieldMapping', {});
		const readModelJson = source === 'json' ? parameterReader<IDataObject | string>(this, 'modelJson', '') : null;
		const customParameters: IDataObject = {};
		if (source === 'custom') {
			for (const name of ['modelName', 'modelVersion', 'rules', 'eventPoints', 'mqlThreshold', 'sqlThreshold', 'sqlMinimumGrade', 'halfLifeDays', 'handRaisers', 'disqualifyOn']) {
				customParameters[name] = this.getNodeParameter(name, 0) as IDataObject;
			}
		}

		// one compiled model per distinct configuration: usually exactly one per execution
		const models = new Map<string, CompiledModel>();
		const hygieneCache = new Map<string, HygieneOptions>();
		let lastCompiled: { modelJson: unknown; options: IDataObject; compiled: CompiledModel } | null = null;
		const compiledFor = (itemIndex: number, options: IDataObject): CompiledModel => {
			const overrides: ThresholdOverrides = source === 'custom' ? { targetAccountDomains: options.targetAccountDomains as string, targetAccountPoints: options.targetAccountPoints as number, competitorDomains: options.competitorDomains as string } : (options as ThresholdOverrides);
			const modelJson = readModelJson ? readModelJson(itemIndex) : null;
			// parameters without expressions come back as the same values for every item: skip re-keying them
			if (lastCompiled && lastCompiled.modelJson === modelJson && lastCompiled.options === options) return lastCompiled.compiled;
			const parameters = readModelJson ? { ...customParameters, modelJson } : customParameters;
			const key = JSON.stringify([parameters.modelJson ?? null, overrides]);
			let compiled = models.get(key);
			if (!compiled) {
				try {
					compiled = compileModel(buildModel(source, parameters, overrides));
				} catch (error) {
					if (error instanceof ModelValidationError) {
						throw new NodeOperationError(this.getNode(), error.message, {
							itemIndex,
							description: error.path ? `Fix the field at "${error.path}" in the scoring model. No lead was scored with the invalid model.` : 'No lead was scored with the invalid model.',
						});
					}
					throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
				}
				models.set(key, compiled);
			}
			lastCompiled = { modelJson, options, compiled };
			return compiled;
		};
		let lastHygiene: { options: IDataObject; hygiene: HygieneOptions } | null = null;
		const hygieneFor = (options: IDataObject): HygieneOptions => {
			if (lastHygiene && lastHygiene.options === options) return lastHygiene.hygiene;
			const key = JSON.stringify([options.honeypotFields, options.extraFreeMailDomains, options.extraDisposableDomains]);
			let hygiene = hygieneCache.get(key);
			if (!hygiene) {
				hygiene = {
					honeypotKeys: options.honeypotFields === undefined ? DEFAULT_HONEYPOT_KEYS : new Set(String(options.honeypotFields).split(',').map((name) => labelKey(name)).filter(Boolean)),
					extraFreeMailDomains: domainSet(options.extraFreeMailDomains),
					extraDisposableDomains: domainSet(options.extraDisposableDomains),
				};
				hygieneCache.set(key, hygiene);
			}
			lastHygiene = { options, hygiene };
			return hygiene;
		};

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
				const lead = leadFromItem(json);
				const mapping = readMapping(itemIndex);
				if (!isObjectEmpty(mapping)) applyMapping(lead, mapping, itemIndex, this);
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
