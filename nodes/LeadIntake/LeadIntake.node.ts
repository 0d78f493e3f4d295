import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import {
	DEFAULT_MAX_BODY_KB,
	DeliveryReadError,
	DeliveryRejection,
	deliveryDuplicateKeys,
	duplicateReason,
	isWebhookItem,
	leadItemJson,
	readDelivery,
	receivedFromItem,
	webhookItemUrls,
	type AcceptedDelivery,
	type ReceivedDelivery,
} from '../../lib/intake/delivery';
import { DEFAULT_DUPLICATE_WINDOW_MINUTES } from '../../lib/intake/deliveryKeys';
import { DEFAULT_JOURNAL_RETENTION_DAYS, journalRetentionSeconds } from '../../lib/intake/redisDeduplication';
import { schemeNeedsRawBody, type SignatureSecrets } from '../../lib/intake/signatures';
import { sourceForTriggerNode } from '../../lib/normalizers';
import { RoutingStoreError, type RedisCredentials } from '../../lib/routing';
import {
	conversationItemJson,
	conversationStoreOpener,
	conversationWindowMs,
	leadsNotToJournal,
	mergeConversations,
	SAME_MESSAGE_DESCRIPTION,
	type IntakeOutput,
} from '../shared/conversations';
import { leadRouterRedisTest } from '../shared/redisCredentialTest';
import { filterNewLeads, forgetLeads, MAX_REMEMBERED_KEYS, rejournalConversations, type DeduplicationContext } from '../LeadIntakeTrigger/transport/deduplication';
import { leadWebhookSecretTest } from '../LeadIntakeTrigger/credentialTest';
import { leadIntakeActionProperties } from './description';

const CREDENTIAL = 'leadWebhookSecretApi';
const REDIS_CREDENTIAL = 'leadRouterRedisApi';
const RAW_BODY_HELP =
	"Open the Webhook node, click Add Option and turn on Raw Body. Items from a Form Trigger or a vendor trigger (which checks its sender itself) carry no signature: set Verification to No Verification for them. n8n keeps no raw body of multipart/form-data posts: have the sender post JSON or form-urlencoded data.";

type DuplicateStore = 'database' | 'redis';

/** A delivery that failed here, with what the user should see; never the secret or the lead's data. */
function intakeError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	if (error instanceof DeliveryRejection) {
		if (error.status === 401) {
			return new NodeOperationError(context.getNode(), `Signature check failed for item ${itemIndex}: ${error.reason ?? 'invalid signature'}`, {
				itemIndex,
				description: 'The delivery is not signed with the secret in the Lead Webhook Secret credential, so it gives no lead. Check the credential\'s Sender and Secret; a forged delivery is rejected on purpose.',
			});
		}
		return new NodeOperationError(context.getNode(), `${error.message} (item ${itemIndex})`, { itemIndex });
	}
	if (error instanceof RoutingStoreError) {
		return new NodeOperationError(context.getNode(), `The duplicate check is unavailable: ${error.message}`, { itemIndex, description: 'Nothing was remembered about this delivery: retrying it runs the check again.' });
	}
	const cause = error instanceof DeliveryReadError ? error.cause : (error as Error);
	return new NodeOperationError(context.getNode(), cause, { itemIndex, description: 'The delivery could not be read as a lead' });
}

/** The Duplicates item of a delivery that holds no lead by design (a chat's status update): why, and where it came from. */
function ignoredItemJson(accepted: AcceptedDelivery, options: { receivedAt: string; duplicateStore: DuplicateStore | 'off' }): IDataObject {
	const { delivery } = accepted;
	return {
		meta: { source: delivery.source, eventType: delivery.eventType, receivedAt: options.receivedAt, deliveryId: accepted.deliveryId, verified: accepted.verified, leadIndex: null, leadCount: 0, duplicateStore: options.duplicateStore },
		duplicate: { reason: 'notALead', description: `This delivery holds no lead: ${accepted.ignored ?? 'nothing to read'}`, deliveryId: accepted.deliveryId, store: options.duplicateStore },
	};
}

/** The paths of the Webhook nodes before this one, for HubSpot's signed URL. */
function webhookPaths(context: IExecuteFunctions): string[] {
	const parents = context.getParentNodes(context.getNode().name, { includeNodeParameters: true });
	return parents.filter((parent) => parent.type === 'n8n-nodes-base.webhook' && typeof parent.parameters?.path === 'string').map((parent) => String(parent.parameters?.path));
}

/** The source an n8n trigger connected straight to this node outputs, or null. */
function sourceOfTriggerBefore(context: IExecuteFunctions): string | null {
	const parents = context.getParentNodes(context.getNode().name, { depth: 1 });
	return parents.length === 1 ? sourceForTriggerNode(parents[0].type) : null;
}

export class LeadIntake implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Lead Intake',
		name: 'leadIntake',
		icon: { light: 'file:leadIntake.svg', dark: 'file:leadIntake.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["source"] === "auto" ? "Any source" : $parameter["source"] }}',
		description: "Turn what n8n's Webhook node, Form Trigger or a vendor trigger received into leads: verify the sender, drop repeated deliveries, one lead format",
		defaults: { name: 'Lead Intake' },
		inputs: [NodeConnectionTypes.Main],
		// like Switch's extra output: evaluated when the editor draws the node, not per delivery
		outputs: `={{ ($parameter.options || {}).duplicatesOutput === false ? [{ type: "${NodeConnectionTypes.Main}", displayName: "Leads" }] : [{ type: "${NodeConnectionTypes.Main}", displayName: "Leads" }, { type: "${NodeConnectionTypes.Main}", displayName: "Duplicates" }] }}`,
		credentials: [
			{ name: CREDENTIAL, required: true, testedBy: 'leadWebhookSecretTest', displayOptions: { show: { verification: ['signature'] } } },
			{ name: REDIS_CREDENTIAL, required: true, testedBy: 'leadRouterRedisTest', displayOptions: { show: { duplicateStore: ['redis'] } } },
		],
		usableAsTool: true,
		properties: leadIntakeActionProperties,
	};

	methods = {
		credentialTest: {
			leadRouterRedisTest,
			leadWebhookSecretTest,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const withDuplicatesOutput = options.duplicatesOutput !== false;
		const leads: INodeExecutionData[] = [];
		const duplicates: INodeExecutionData[] = [];
		const checkSignature = this.getNodeParameter('verification', 0, 'signature') === 'signature';
		const credentials = checkSignature ? ((await this.getCredentials(CREDENTIAL)) as SignatureSecrets & { scheme?: string }) : null;
		const dropDuplicates = options.dropDuplicates !== false;
		const duplicateStore: DuplicateStore | 'off' = dropDuplicates ? (this.getNodeParameter('duplicateStore', 0, 'database') as DuplicateStore) : 'off';
		// conversations are kept in Redis too when it is chosen, even with Drop Repeated Deliveries off
		const redisCredentials = this.getNodeParameter('duplicateStore', 0, 'database') === 'redis' ? ((await this.getCredentials(REDIS_CREDENTIAL)) as RedisCredentials) : undefined;
		const windowMinutes = Number(options.duplicateWindowMinutes ?? DEFAULT_DUPLICATE_WINDOW_MINUTES);
		const binaryPropertyName = String(options.binaryPropertyName || 'data');
		const source = this.getNodeParameter('source', 0, 'auto') as string;
		// n8n's Typeform, JotForm and Wufoo triggers hand on the bare answers by default: only the node that made them says whose they are
		const triggerSource = source === 'auto' ? sourceOfTriggerBefore(this) : null;
		const maxBytes = Math.max(1, Number(options.maxBodyKb ?? DEFAULT_MAX_BODY_KB)) * 1024;
		const workflowId = String(this.getWorkflow().id ?? '');
		const windowMs = conversationWindowMs(options);
		// with Redis for repeats, conversations are shared by every worker too; else kept with the workflow
		const openConversationStore = conversationStoreOpener({ redis: async () => redisCredentials, staticData: this.getWorkflowStaticData('node'), scope: `${workflowId}:${this.getNode().name}` });
		// keys this run recorded in n8n's database: forgotten again if the node fails, so the sender's retry runs
		const recorded: string[] = [];
		let dropped = 0;

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const item = items[itemIndex];
			try {
				const json = item.json as Record<string, unknown>;
				const binary = item.binary?.[binaryPropertyName];
				const rawBody = binary && isWebhookItem(json) ? await this.helpers.getBinaryDataBuffer(itemIndex, binaryPropertyName) : null;
				const received: ReceivedDelivery = receivedFromItem(json, rawBody);
				// only HubSpot signs the URL, which the Webhook node's item does not keep
				if (credentials?.scheme === 'hubspot' && isWebhookItem(json)) received.urls = webhookItemUrls(received, webhookPaths(this), [this.getInstanceBaseUrl()]);
				// a Webhook item's headers suffice for a token in a header (Telegram); a trigger's item has neither
				if (credentials && received.rawBody === null && (schemeNeedsRawBody(String(credentials.scheme ?? '')) || !isWebhookItem(json))) {
					throw new NodeOperationError(
						this.getNode(),
						isWebhookItem(json)
							? `Item ${itemIndex} has no raw body, so its signature cannot be checked: turn on the Webhook node's Raw Body option`
							: `Item ${itemIndex} did not come from a Webhook node with its Raw Body option, so there is no signature to check`,
						{ itemIndex, description: RAW_BODY_HELP },
					);
				}
				const now = Date.now();
				const itemSource = triggerSource && !isWebhookItem(json) ? triggerSource : source;
				const accepted: AcceptedDelivery = readDelivery(received, { source: itemSource, maxBytes, signature: credentials ? { scheme: String(credentials.scheme ?? ''), secrets: credentials } : null, now });
				const receivedAt = new Date(now).toISOString();
				if (accepted.ignored !== null) {
					// a chat's status update (delivered, read): no lead, and nothing to retry
					dropped++;
					if (withDuplicatesOutput) duplicates.push({ json: ignoredItemJson(accepted, { receivedAt, duplicateStore }), pairedItem: { item: itemIndex } });
					continue;
				}
				const receipts = new Map<number, string>();
				const itemFor = (leadIndex: number, receipt?: string) =>
					leadItemJson(accepted, leadIndex, { receivedAt, duplicateStore, receipt, includeRawBody: options.includeRawBody === true }) as unknown as IDataObject;
				let fresh = accepted.delivery.leads.map((_, index) => index);
				const keys = duplicateStore === 'off' ? [] : deliveryDuplicateKeys(accepted, { windowMinutes, now });
				let deduplication: DeduplicationContext | null = null;
				if (duplicateStore !== 'off') {
					// one journal entry per conversation and delivery, as in the trigger
					const notJournaled = leadsNotToJournal(accepted.delivery.leads, fresh);
					const journal =
						duplicateStore === 'redis' && options.keepUntilDone === true
							? (leadIndex: number, receipt: string) => {
									if (notJournaled.has(leadIndex)) return '';
									receipts.set(leadIndex, receipt);
									return JSON.stringify(itemFor(leadIndex, receipt));
								}
							: undefined;
					deduplication = {
						node: this.getNode(),
						workflowId,
						staticData: {},
						now,
						store: duplicateStore,
						checkProcessedAndRecord: async (allKeys) => {
							const outcome = await this.helpers.checkProcessedAndRecord(allKeys, 'node', { mode: 'entries', maxEntries: MAX_REMEMBERED_KEYS });
							recorded.push(...outcome.new.map(String));
							return { new: outcome.new.map(String), processed: outcome.processed.map(String) };
						},
						redis: redisCredentials && duplicateStore === 'redis'
							? { credentials: redisCredentials, windowMinutes, journal, journalRetentionSeconds: journalRetentionSeconds(Number(options.keepLeadsDays ?? DEFAULT_JOURNAL_RETENTION_DAYS)) }
							: undefined,
					};
					({ fresh } = await filterNewLeads(keys, deduplication));
				}
				const merged = await mergeConversations(accepted.delivery.leads, fresh, openConversationStore, { windowMs, now });
				if (!merged.ok) {
					// the sender's retry (or a re-run) must add these messages, not meet them as repeats
					const freshKeys = fresh.flatMap((leadIndex) => keys[leadIndex] ?? []);
					if (deduplication?.store === 'redis') {
						await forgetLeads(fresh.map((leadIndex) => keys[leadIndex]), fresh.flatMap((leadIndex) => receipts.get(leadIndex) ?? []), deduplication).catch(() => undefined);
					} else if (deduplication && freshKeys.length > 0) {
						await this.helpers.removeProcessed(freshKeys, 'node', { mode: 'entries' }).catch(() => undefined);
						const forgotten = new Set(freshKeys);
						recorded.splice(0, recorded.length, ...recorded.filter((key) => !forgotten.has(key)));
					}
					throw new NodeOperationError(this.getNode(), `${merged.storeFailed ? 'The conversation store is unavailable' : 'The conversation could not be updated'}: ${merged.error.message} (item ${itemIndex})`, {
						itemIndex,
						description: 'The conversation was not updated and the duplicate check forgot this delivery: retrying it adds the message again.',
					});
				}
				const duplicateItem = (leadIndex: number, reason: string, description: string, lead?: IDataObject): INodeExecutionData => ({
					json: { ...itemFor(leadIndex), ...(lead ? { lead } : {}), duplicate: { reason, description, deliveryId: accepted.deliveryId, store: duplicateStore } },
					pairedItem: { item: itemIndex },
				});
				const freshSet = new Set(fresh);
				const rejournal: Array<{ receipt: string; item: IDataObject }> = [];
				const output = new Map<number, IntakeOutput[]>();
				for (const one of merged.outputs) {
					const first = one.kind === 'lead' ? one.leadIndex : one.leadIndexes[0];
					output.set(first, [...(output.get(first) ?? []), one]);
				}
				accepted.delivery.leads.forEach((_, leadIndex) => {
					for (const one of output.get(leadIndex) ?? []) {
						if (one.kind === 'lead') leads.push({ json: itemFor(leadIndex, receipts.get(leadIndex)), pairedItem: { item: itemIndex } });
						else if (one.kind === 'conversation') {
							const json = conversationItemJson(itemFor(leadIndex, receipts.get(leadIndex)), one);
							leads.push({ json, pairedItem: { item: itemIndex } });
							const receipt = receipts.get(leadIndex);
							if (receipt) rejournal.push({ receipt, item: json });
						}
						else {
							dropped++;
							if (withDuplicatesOutput) duplicates.push(duplicateItem(leadIndex, 'sameMessage', SAME_MESSAGE_DESCRIPTION, one.lead as unknown as IDataObject));
						}
					}
					if (freshSet.has(leadIndex)) return;
					dropped++;
					if (!withDuplicatesOutput) return;
					const { reason, description } = duplicateReason(keys[leadIndex]);
					duplicates.push(duplicateItem(leadIndex, reason, description));
				});
				if (deduplication?.redis) await rejournalConversations(deduplication.redis.credentials, rejournal);
			} catch (error) {
				const failure = intakeError(this, error, itemIndex);
				if (this.continueOnFail()) {
					leads.push({ json: { error: failure.message, ...(failure.description ? { details: failure.description } : {}) }, pairedItem: { item: itemIndex } });
					continue;
				}
				if (recorded.length > 0) await this.helpers.removeProcessed(recorded, 'node', { mode: 'entries' }).catch(() => undefined);
				throw failure;
			}
		}

		if (dropped > 0 && !withDuplicatesOutput) {
			this.addExecutionHints({
				message: `${dropped} repeated ${dropped === 1 ? 'delivery or status update was' : 'deliveries or status updates were'} dropped. Turn on the Duplicates Output option to see why.`,
				location: 'outputPane',
			});
		}
		return withDuplicatesOutput ? [leads, duplicates] : [leads];
	}
}
