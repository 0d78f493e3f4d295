import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { leadFromItem } from '../../lib/lead/detect';
import { RoutingConfigError, RoutingStoreError, assignOwner, type Owner, type RoutingStore } from '../../lib/routing';
import { STAGE_NAMES_HELP, stageFromName, type Stage } from '../../lib/scoring/stages';
import { leadRouterRedisTest } from '../shared/redisCredentialTest';
import { leadRouterProperties } from './description';
import { readRoutingConfig, type RoutingConfig } from './config';
import { RouterStores, type StoreKind } from './transport/store';

/**
 * Executions started from the editor (Execute workflow, Execute step) and evaluation runs are
 * tests: they read the live turns, counts and sticky owners but do not change them.
 */
const TEST_MODES: ReadonlySet<string> = new Set(['manual', 'evaluation']);

/**
 * The outputs for the chosen parameters, in a fixed order: the chosen stages (SQL, MQL, Lead,
 * Disqualified), then "Other", then "Not Scored". Serialised into the `outputs` expression, so it
 * must stay self-contained.
 */
const configuredOutputs = (parameters: INodeParameters) => {
	const labels: Record<string, string> = { sql: 'SQL', mql: 'MQL', lead: 'Lead', disqualified: 'Disqualified' };
	const all = ['sql', 'mql', 'lead', 'disqualified'];
	const chosen = Array.isArray(parameters.stageOutputs) ? (parameters.stageOutputs as string[]) : all;
	const outputs: Array<{ type: 'main'; displayName: string; key: string }> = all
		.filter((stage) => chosen.includes(stage))
		.map((stage) => ({ type: 'main', displayName: labels[stage], key: stage }));
	if (parameters.unroutedStages === 'output' && outputs.length < all.length) outputs.push({ type: 'main', displayName: 'Other', key: 'other' });
	if (parameters.unscored === 'output') outputs.push({ type: 'main', displayName: 'Not Scored', key: 'notScored' });
	return outputs;
};

/** null when the item has no stage; throws on a stage that is not one */
function stageOf(json: IDataObject, itemIndex: number, context: IExecuteFunctions): Stage | null {
	const score = json.score;
	const raw = score && typeof score === 'object' && !Array.isArray(score) ? (score as IDataObject).stage : undefined;
	if (raw === undefined || raw === null || raw === '') return null;
	const stage = typeof raw === 'string' ? stageFromName(raw) : null;
	if (!stage) {
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex}: score.stage is ${JSON.stringify(raw).slice(0, 40)}, which is not a stage`, {
			itemIndex,
			description: `${STAGE_NAMES_HELP} The Lead Score node sets score.stage.`,
		});
	}
	return stage;
}

function publicOwner(owner: Owner | null): IDataObject | null {
	if (!owner) return null;
	return { id: owner.id, name: owner.name, email: owner.email, channelId: owner.channelId };
}

export class LeadRouter implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Lead Router',
		name: 'leadRouter',
		icon: { light: 'file:leadRouter.svg', dark: 'file:leadRouter.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ {"roundRobin":"Round robin","weighted":"Weighted round robin","territory":"Territory","sticky":"Sticky"}[$parameter["strategy"]] }}',
		description: 'Branch leads by stage (SQL, MQL, Lead, Disqualified) and assign qualified leads to sales owners: round robin, weighted, territory, sticky, capacity and fallback',
		defaults: { name: 'Lead Router' },
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		credentials: [
			{
				name: 'leadRouterRedisApi',
				required: true,
				displayOptions: { show: { store: ['redis'] } },
				testedBy: 'leadRouterRedisTest',
			},
		],
		usableAsTool: true,
		properties: leadRouterProperties,
	};

	methods = {
		credentialTest: {
			leadRouterRedisTest,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const layout = configuredOutputs({
			stageOutputs: this.getNodeParameter('stageOutputs', 0) as string[],
			unroutedStages: this.getNodeParameter('unroutedStages', 0) as string,
			unscored: this.getNodeParameter('unscored', 0) as string,
		});
		const outputIndex = new Map(layout.map((output, index) => [output.key, index]));
		const returnData: INodeExecutionData[][] = layout.map(() => []);
		const assignStages = new Set(this.getNodeParameter('assignStages', 0) as string[]);
		const storeKind = this.getNodeParameter('store', 0) as StoreKind;
		const readConfig = readRoutingConfig(this);
		const testRun = TEST_MODES.has(this.getMode());
		const stores = new RouterStores(this, storeKind, { preview: testRun });

		// each item goes to the rotation of its own settings (Key Prefix, Share Rotation may be expressions)
		const storeFor = async (itemIndex: number, config: RoutingConfig): Promise<RoutingStore> => {
			try {
				return await stores.forScope(config.storeScope);
			} catch (error) {
				throw new NodeOperationError(this.getNode(), error as Error, {
					itemIndex,
					description: error instanceof RoutingStoreError ? 'Check the Lead Router Redis credential and that Redis is running.' : undefined,
				});
			}
		};

		try {
			for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
				const item = items[itemIndex];
				let stage: Stage | null = null;
				try {
					stage = stageOf(item.json, itemIndex, this);
					if (stage === null) {
						const notScored = outputIndex.get('notScored');
						if (notScored === undefined) {
							throw new NodeOperationError(this.getNode(), `Item ${itemIndex} has no score.stage`, {
								itemIndex,
								description: 'Put a Lead Score node before the Lead Router, or set "Items Without a Stage" to send such items to a "Not Scored" output.',
							});
						}
						returnData[notScored].push({ ...item, pairedItem: { item: itemIndex } });
						continue;
					}
					const target = outputIndex.get(stage) ?? outputIndex.get('other');
					if (target === undefined) continue;

					const routing: IDataObject = { stage, branch: layout[target].displayName, owner: null, strategy: null, reason: '', fallback: false, turn: null, assignedAt: null };
					if (assignStages.has(stage)) {
						const config = readConfig(itemIndex);
						const lead = leadFromItem(item.json);
						const now = new Date();
						const assignment = await assignOwner(lead, config.team, config.options, await storeFor(itemIndex, config), now);
						routing.owner = publicOwner(assignment.owner);
						routing.strategy = assignment.strategy;
						routing.reason = assignment.reason;
						routing.fallback = assignment.fallback;
						routing.turn = assignment.turn;
						routing.assignedAt = assignment.owner ? now.toISOString() : null;
						routing.language = assignment.language;
						routing.languageMatch = assignment.languageMatch;
						if (assignment.skipped.length) routing.skipped = assignment.skipped as unknown as IDataObject[];
						if (testRun) {
							routing.testRun = true;
							routing.reason = `Test run, nothing saved: ${assignment.reason}`;
						}
					} else {
						routing.reason = `Stage ${stage.toUpperCase()} is not assigned to an owner (see "Assign Owners For")`;
					}
					returnData[target].push({ ...item, json: { ...item.json, routing }, pairedItem: { item: itemIndex } });
				} catch (caught) {
					let error = caught as Error;
					if (error instanceof RoutingConfigError) {
						error = new NodeOperationError(this.getNode(), error.message, { itemIndex, description: `Fix the setting "${error.field}" of the Lead Router.` });
					} else if (!(error instanceof NodeOperationError)) {
						error = new NodeOperationError(this.getNode(), error, { itemIndex });
					}
					if (this.continueOnFail()) {
						// like the Switch node, a failed item goes to an output: its stage's when known, else the first
						const target = (stage && (outputIndex.get(stage) ?? outputIndex.get('other'))) ?? 0;
						if (returnData[target]) returnData[target].push({ json: { ...item.json, error: error.message }, pairedItem: { item: itemIndex } });
						continue;
					}
					throw error;
				}
			}
		} finally {
			await stores.close();
		}
		return returnData;
	}
}
