/**
 * The scoring model a node's parameters choose (see modelChoice.ts), shared by Lead Score and Lead
 * Insights: a preset, the editor's custom rules or Model JSON, with the Options overrides applied.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { compileModel, type CompiledModel } from '../../lib/scoring/engine';
import { ModelValidationError, parseModel, type Operator, type ScoringModel, type ScoringModelInput } from '../../lib/scoring/model';
import { PRESETS, type PresetId } from '../../lib/scoring/presets';
import { parameterReader } from './parameters';

export type ModelSource = PresetId | 'custom' | 'json';

export interface ThresholdOverrides {
	mqlThreshold?: number;
	sqlThreshold?: number;
	sqlMinimumGrade?: string;
	halfLifeDays?: number;
	targetAccountDomains?: string;
	targetAccountPoints?: number;
	competitorDomains?: string;
}

function splitList(text: string | undefined): string[] {
	return (text ?? '')
		.split(/[,\n;]/)
		.map((part) => part.trim())
		.filter(Boolean);
}

/** Editor rows of the "Custom Rules" mode, as n8n hands them over. */
export function customModelFromParameters(parameters: IDataObject): ScoringModelInput {
	const ruleRows = ((parameters.rules as IDataObject | undefined)?.rule as IDataObject[] | undefined) ?? [];
	const eventRows = ((parameters.eventPoints as IDataObject | undefined)?.event as IDataObject[] | undefined) ?? [];
	const events: Record<string, { points: number; cap?: number }> = {};
	for (const row of eventRows) {
		const type = String(row.type === 'custom' ? row.customType ?? '' : row.type ?? '').trim();
		if (!type) continue;
		const cap = Number(row.cap ?? 0);
		events[type] = { points: Number(row.points ?? 0), ...(cap > 0 ? { cap } : {}) };
	}
	return {
		name: String(parameters.modelName || 'Custom rules'),
		version: String(parameters.modelVersion || '1'),
		thresholds: {
			mql: Number(parameters.mqlThreshold ?? 40),
			sql: Number(parameters.sqlThreshold ?? 80),
			sqlMinimumGrade: (parameters.sqlMinimumGrade as 'A' | 'B' | 'C' | 'D') ?? 'D',
		},
		rules: ruleRows.map((row, index) => {
			const field = row.field === 'answer' ? `answers.${String(row.answerLabel ?? '')}` : String(row.field ?? '');
			const cap = Number(row.cap ?? 0);
			const operator = String(row.operator ?? 'equals');
			const value = operator === 'hasFlag' ? row.flag : operator === 'greaterThan' || operator === 'lessThan' ? Number(row.value) : row.value;
			return {
				id: String(row.name || `rule_${index + 1}`),
				description: row.name ? String(row.name) : undefined,
				category: (row.category as 'fit' | 'engagement') ?? 'fit',
				field: operator === 'hasFlag' ? '' : field,
				operator: operator as Operator,
				...(operator === 'exists' || operator === 'notExists' ? {} : { value: value as string | number }),
				points: Number(row.points ?? 0),
				...(cap > 0 ? { cap } : {}),
				...(row.disqualify ? { disqualify: true } : {}),
			};
		}),
		events,
		decay: { halfLifeDays: Number(parameters.halfLifeDays ?? 0) > 0 ? Number(parameters.halfLifeDays) : null },
		handRaisers: (parameters.handRaisers as string[] | undefined) ?? [],
		disqualifyOn: (parameters.disqualifyOn as ScoringModelInput['disqualifyOn']) ?? [],
	};
}

/** Applies the editor's option overrides (thresholds, target accounts, competitors) to a model input. */
export function applyOverrides(input: ScoringModelInput, overrides: ThresholdOverrides): ScoringModelInput {
	const model: ScoringModelInput = { ...input, thresholds: { ...input.thresholds }, rules: [...(input.rules ?? [])] };
	if (overrides.mqlThreshold !== undefined) model.thresholds.mql = overrides.mqlThreshold;
	if (overrides.sqlThreshold !== undefined) model.thresholds.sql = overrides.sqlThreshold;
	if (overrides.sqlMinimumGrade) model.thresholds.sqlMinimumGrade = overrides.sqlMinimumGrade as 'A';
	if (overrides.halfLifeDays !== undefined) model.decay = { halfLifeDays: overrides.halfLifeDays > 0 ? overrides.halfLifeDays : null };
	const targets = splitList(overrides.targetAccountDomains);
	if (targets.length) {
		model.rules!.push({ id: 'target_account', description: 'Target account', category: 'fit', field: 'domain', operator: 'domainInList', value: targets, points: overrides.targetAccountPoints ?? 20 });
	}
	const competitors = splitList(overrides.competitorDomains);
	if (competitors.length) {
		model.rules!.push({ id: 'competitor', description: 'Competitor domain', category: 'fit', field: 'domain', operator: 'domainInList', value: competitors, points: 0, disqualify: true });
	}
	return model;
}

export function modelInputFor(source: ModelSource, parameters: IDataObject): ScoringModelInput | string | IDataObject {
	if (source === 'json') return parameters.modelJson as string | IDataObject;
	if (source === 'custom') return customModelFromParameters(parameters);
	const preset = PRESETS[source];
	if (!preset) throw new Error(`Unknown scoring model "${String(source)}"`);
	return preset;
}

export function buildModel(source: ModelSource, parameters: IDataObject, overrides: ThresholdOverrides): ScoringModel {
	const input = modelInputFor(source, parameters);
	// JSON models are validated as written first, so error paths point into the user's JSON
	const base = source === 'json' ? parseModel(input) : (input as ScoringModelInput);
	return parseModel(applyOverrides(base as ScoringModelInput, overrides));
}

/** The Custom Rules parameters buildModel reads. */
const CUSTOM_MODEL_PARAMETERS = ['modelName', 'modelVersion', 'rules', 'eventPoints', 'mqlThreshold', 'sqlThreshold', 'sqlMinimumGrade', 'halfLifeDays', 'handRaisers', 'disqualifyOn'] as const;

/** The overrides an Options collection holds; Custom Rules set thresholds and decay in their own parameters. */
export function overridesFromOptions(source: ModelSource, options: IDataObject): ThresholdOverrides {
	return source === 'custom' ? { targetAccountDomains: options.targetAccountDomains as string, targetAccountPoints: options.targetAccountPoints as number, competitorDomains: options.competitorDomains as string } : (options as ThresholdOverrides);
}

function modelError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeOperationError {
	if (error instanceof ModelValidationError) {
		return new NodeOperationError(context.getNode(), error.message, {
			itemIndex,
			description: error.path ? `Fix the field at "${error.path}" in the scoring model. No lead was scored with the invalid model.` : 'No lead was scored with the invalid model.',
		});
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

function chosenParameters(context: IExecuteFunctions, source: ModelSource, itemIndex: number): IDataObject {
	const parameters: IDataObject = {};
	if (source === 'custom') {
		for (const name of CUSTOM_MODEL_PARAMETERS) parameters[name] = context.getNodeParameter(name, 0) as IDataObject;
	}
	if (source === 'json') parameters.modelJson = context.getNodeParameter('modelJson', itemIndex, '') as IDataObject | string;
	return parameters;
}

/** The model a node's parameters choose, checked (not compiled), for nodes that read it once per execution. */
export function chosenModel(context: IExecuteFunctions, options: IDataObject, itemIndex = 0): ScoringModel {
	const source = context.getNodeParameter('scoringModel', 0) as ModelSource;
	try {
		return buildModel(source, chosenParameters(context, source, itemIndex), overridesFromOptions(source, options));
	} catch (error) {
		throw modelError(context, error, itemIndex);
	}
}

/**
 * Compiles the model a node's parameters choose, for an item and its Options: once per distinct
 * configuration (usually once per execution). An invalid model is a NodeOperationError that says
 * where the mistake is; no lead is scored with it.
 */
export function modelCompiler(context: IExecuteFunctions): { source: ModelSource; compiledFor: (itemIndex: number, options: IDataObject) => CompiledModel } {
	const source = context.getNodeParameter('scoringModel', 0) as ModelSource;
	const readModelJson = source === 'json' ? parameterReader<IDataObject | string>(context, 'modelJson', '') : null;
	const customParameters = source === 'custom' ? chosenParameters(context, source, 0) : {};
	const models = new Map<string, CompiledModel>();
	let lastCompiled: { modelJson: unknown; options: IDataObject; compiled: CompiledModel } | null = null;
	const compiledFor = (itemIndex: number, options: IDataObject): CompiledModel => {
		const overrides = overridesFromOptions(source, options);
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
				throw modelError(context, error, itemIndex);
			}
			models.set(key, compiled);
		}
		lastCompiled = { modelJson, options, compiled };
		return compiled;
	};
	return { source, compiledFor };
}
