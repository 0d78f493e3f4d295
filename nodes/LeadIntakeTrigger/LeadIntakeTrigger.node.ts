import {
	fromParameter,
	webhookDescriptionFields,
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { DEFAULT_MAX_BODY_KB, DeliveryReadError, DeliveryRejection, deliveryDuplicateKeys, leadItemJson, readDelivery, type AcceptedDelivery } from '../../lib/intake/delivery';
import { DEFAULT_DUPLICATE_WINDOW_MINUTES } from '../../lib/intake/deliveryKeys';
import { DEFAULT_JOURNAL_RETENTION_DAYS, journalRetentionSeconds } from '../../lib/intake/redisDeduplication';
import { computeLinkedInChallengeResponse, safeEqual, type SignatureSecrets } from '../../lib/intake/signatures';
import { lowerCaseHeaders } from '../../lib/lead/fields';
import { RoutingStoreError, type RedisCredentials } from '../../lib/routing';
import { conversationItemJson, conversationStoreOpener, conversationWindowMs, leadsNotToJournal, mergeConversations } from '../shared/conversations';
import { leadRouterRedisTest } from '../shared/redisCredentialTest';
import { leadWebhookSecretTest } from './credentialTest';
import { leadIntakeProperties } from './description';
import { filterNewLeads, forgetLeads, rejournalConversations, type DeduplicationContext, type DuplicateStore } from './transport/deduplication';

const CREDENTIAL = 'leadWebhookSecretApi';
const REDIS_CREDENTIAL = 'leadRouterRedisApi';

type RequestWithRawBody = ReturnType<IWebhookFunctions['getRequestObject']> & { rawBody?: Buffer };

function reply(context: IWebhookFunctions, status: number, body: IDataObject | string): IWebhookResponseData {
	const res = context.getResponseObject();
	if (typeof body === 'string') res.status(status).type('text/plain').send(body);
	else res.status(status).json(body);
	return { noWebhookResponse: true };
}

/**
 * Webhook fields read from the node's parameters. n8n 2.x resolves them natively when the
 * parameters hold no expression, so receiving a lead needs no expression sandbox for them;
 * older n8n versions, which lack these helpers, evaluate the same templates.
 */
function fromParameters<const K extends string>(names: readonly K[]): Record<K, string> {
	if (typeof webhookDescriptionFields === 'function' && typeof fromParameter === 'function') {
		return webhookDescriptionFields(Object.fromEntries(names.map((name) => [name, fromParameter(name)])) as Record<K, ReturnType<typeof fromParameter>>);
	}
	return Object.fromEntries(names.map((name) => [name, `={{$parameter["${name}"]}}`])) as Record<K, string>;
}

export class LeadIntakeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Lead Intake Trigger',
		name: 'leadIntakeTrigger',
		icon: { light: 'file:leadIntake.svg', dark: 'file:leadIntake.dark.svg' },
		group: ['trigger'],
		// version 2 behaves exactly as 1: n8n reads a version 1 webhook node's binary-data option with
		// an expression (a relic of its own Webhook node v1), which costs an expression sandbox per lead
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{ $parameter["source"] === "auto" ? "Any source" : $parameter["source"] }}',
		description: 'Receive leads from forms, newsletters, ad platforms and messaging apps, verify the sender and turn every payload into one lead format',
		defaults: { name: 'Lead Intake Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'leadWebhookSecretApi', required: true, testedBy: 'leadWebhookSecretTest', displayOptions: { show: { verification: ['signature'] } } },
			{ name: 'leadRouterRedisApi', required: true, testedBy: 'leadRouterRedisTest', displayOptions: { show: { duplicateStore: ['redis'] } } },
		],
		webhooks: [
			// an empty responseData makes n8n answer with our webhookResponse instead of the first item
			{ name: 'default', httpMethod: 'POST', responseData: '', isFullPath: true, ...fromParameters(['path', 'responseMode']) },
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', isFullPath: true, ...fromParameters(['path']) },
		],
		properties: leadIntakeProperties,
	};

	methods = {
		credentialTest: {
			leadRouterRedisTest,
			leadWebhookSecretTest,
		},
	};

	webhookMethods = {
		// Registration happens by hand in each tool's settings: n8n only has to know the URL is live.
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return this.getWorkflowStaticData('node').registeredPath === this.getNodeWebhookUrl('default');
			},
			async create(this: IHookFunctions): Promise<boolean> {
				this.getWorkflowStaticData('node').registeredPath = this.getNodeWebhookUrl('default');
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				delete this.getWorkflowStaticData('node').registeredPath;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const verification = this.getNodeParameter('verification', 'signature') as string;
		const credentials = verification === 'signature' ? ((await this.getCredentials(CREDENTIAL)) as SignatureSecrets & { scheme?: string; verifyToken?: string }) : null;
		if (this.getWebhookName() === 'setup') return handleSubscriptionCheck(this, credentials);

		const options = this.getNodeParameter('options', {}) as IDataObject;
		const req = this.getRequestObject() as RequestWithRawBody;
		const headers = lowerCaseHeaders(req.headers);
		const query = (this.getQueryData() ?? {}) as Record<string, unknown>;
		// n8n keeps no raw bytes of a multipart post; readDelivery then checks size and repeats on the
		// re-serialised fields, never a signature
		const rawBody: Buffer | null = Buffer.isBuffer(req.rawBody) ? req.rawBody : null;
		let accepted: AcceptedDelivery;
		try {
			accepted = readDelivery(
				{ rawBody, headers, body: this.getBodyData(), query, method: req.method, urls: credentials ? requestUrls(this, req, headers) : undefined },
				{
					source: this.getNodeParameter('source', 'auto') as string,
					maxBytes: Math.max(1, Number(options.maxBodyKb ?? DEFAULT_MAX_BODY_KB)) * 1024,
					signature: credentials ? { scheme: String(credentials.scheme ?? ''), secrets: credentials } : null,
				},
			);
		} catch (error) {
			if (error instanceof DeliveryRejection) {
				return reply(this, error.status, error.status === 401 ? { error: error.message, reason: error.reason ?? '' } : { error: error.message });
			}
			throw new NodeOperationError(this.getNode(), error instanceof DeliveryReadError ? error.cause : (error as Error), { description: 'The delivery could not be read as a lead' });
		}
		const { delivery, deliveryId } = accepted;
		// a chat's status update (delivered, read) or the business's own reply: nothing to start, nothing to retry
		if (accepted.ignored !== null) return reply(this, 200, { status: 'ignored', reason: accepted.ignored, deliveryId });

		const now = Date.now();
		const receivedAt = new Date(now).toISOString();
		// in every item, so each execution shows where its delivery was checked for repeats
		const duplicateStore: DuplicateStore | 'off' = options.dropDuplicates === false ? 'off' : (this.getNodeParameter('duplicateStore', 'database') as DuplicateStore);
		const itemFor = (leadIndex: number, receipt?: string): INodeExecutionData => ({
			json: leadItemJson(accepted, leadIndex, { receivedAt, duplicateStore, receipt, includeRawBody: options.includeRawBody === true }) as unknown as IDataObject,
		});
		const workflowId = String(this.getWorkflow().id ?? '');
		const staticData = this.getWorkflowStaticData('node');
		let fresh = delivery.leads.map((_, index) => index);
		const receipts = new Map<number, string>();
		let keys: string[][] = [];
		let deduplication: DeduplicationContext | null = null;
		if (duplicateStore !== 'off') {
			const windowMinutes = Number(options.duplicateWindowMinutes ?? DEFAULT_DUPLICATE_WINDOW_MINUTES);
			keys = deliveryDuplicateKeys(accepted, { windowMinutes, now });
			const useRedis = duplicateStore === 'redis';
			// one journal entry per conversation and delivery: its item is handed out again, not each message
			const notJournaled = leadsNotToJournal(delivery.leads, fresh);
			const journal = useRedis && options.keepUntilDone === true
				? (leadIndex: number, receipt: string) => {
						if (notJournaled.has(leadIndex)) return '';
						receipts.set(leadIndex, receipt);
						return JSON.stringify(itemFor(leadIndex, receipt).json);
					}
				: undefined;
			const journalRetention = journalRetentionSeconds(Number(options.keepLeadsDays ?? DEFAULT_JOURNAL_RETENTION_DAYS));
			const redis = useRedis ? { credentials: (await this.getCredentials(REDIS_CREDENTIAL)) as RedisCredentials, windowMinutes, journal, journalRetentionSeconds: journalRetention } : undefined;
			deduplication = { node: this.getNode(), workflowId, staticData, now, store: duplicateStore, redis };
			try {
				({ fresh } = await filterNewLeads(keys, deduplication));
			} catch (error) {
				// the sender retries a 503; accepting without the check could start a lead twice
				if (error instanceof RoutingStoreError) return reply(this, 503, { error: 'Duplicate check unavailable, please retry' });
				// a NodeOperationError (the chosen store cannot be used here) passes through unchanged: n8n answers 500, the sender retries
				throw new NodeOperationError(this.getNode(), error as Error, { description: 'The duplicate check failed' });
			}
		}
		if (fresh.length === 0) return reply(this, 200, { status: 'duplicate', deliveryId });

		// conversations are kept where repeats are: in Redis when every process must share them (read only for a chat lead)
		const conversationRedis = async (): Promise<RedisCredentials | undefined> => {
			if (deduplication?.redis) return deduplication.redis.credentials;
			return duplicateStore === 'off' && this.getNodeParameter('duplicateStore', 'database') === 'redis' ? ((await this.getCredentials(REDIS_CREDENTIAL)) as RedisCredentials) : undefined;
		};
		const merged = await mergeConversations(
			delivery.leads,
			fresh,
			conversationStoreOpener({ redis: conversationRedis, staticData, scope: `${workflowId}:${this.getNode().id}` }),
			{ windowMs: conversationWindowMs(options), now },
		);
		if (!merged.ok) {
			// the sender retries this delivery: what the duplicate check just recorded must not make that retry a repeat
			if (deduplication) await forgetLeads(fresh.map((leadIndex) => keys[leadIndex]), fresh.flatMap((leadIndex) => receipts.get(leadIndex) ?? []), deduplication).catch(() => undefined);
			if (merged.storeFailed) return reply(this, 503, { error: 'Conversation store unavailable, please retry' });
			throw new NodeOperationError(this.getNode(), merged.error, { description: 'The conversation could not be updated' });
		}
		const items: INodeExecutionData[] = [];
		const rejournal: Array<{ receipt: string; item: IDataObject }> = [];
		for (const output of merged.outputs) {
			if (output.kind === 'lead') items.push(itemFor(output.leadIndex, receipts.get(output.leadIndex)));
			else if (output.kind === 'conversation') {
				const receipt = receipts.get(output.leadIndexes[0]);
				const json = conversationItemJson(itemFor(output.leadIndexes[0], receipt).json, output);
				items.push({ json });
				if (receipt) rejournal.push({ receipt, item: json });
			}
		}
		if (deduplication?.redis) await rejournalConversations(deduplication.redis.credentials, rejournal);
		// every message of the delivery was already in its conversation: a retry by another route
		if (items.length === 0) return reply(this, 200, { status: 'duplicate', deliveryId });
		return {
			workflowData: [items],
			webhookResponse: { status: 'accepted', deliveryId, leads: items.length },
		};
	}
}

/**
 * The URLs the sender may have called, for schemes that sign the URL (HubSpot v3): n8n's public
 * webhook URL (WEBHOOK_URL, whose path prefix a proxy may strip) and the one the request names (a
 * proxy's X-Forwarded-* first), with the path and query as received.
 */
function requestUrls(context: IWebhookFunctions, req: RequestWithRawBody, headers: Record<string, string | undefined>): string[] {
	const pathAndQuery = req.originalUrl || req.url || '';
	const queryAt = pathAndQuery.indexOf('?');
	const urls: string[] = [];
	try {
		const published = context.getNodeWebhookUrl('default');
		if (published) urls.push(new URL(published).origin + pathAndQuery, published + (queryAt === -1 ? '' : pathAndQuery.slice(queryAt)));
	} catch {
		// no public URL configured: the request's own host is the only candidate
	}
	const firstOf = (value: string | undefined) => value?.split(',')[0].trim() || undefined;
	const host = firstOf(headers['x-forwarded-host']) ?? headers.host;
	const protocol = firstOf(headers['x-forwarded-proto']) ?? req.protocol ?? 'https';
	if (host) urls.push(`${protocol}://${host}${pathAndQuery}`);
	return [...new Set(urls)];
}

/** GET on the same URL: Meta's and LinkedIn's one-time URL checks, else a readiness answer. */
function handleSubscriptionCheck(context: IWebhookFunctions, credentials: (SignatureSecrets & { scheme?: string; verifyToken?: string }) | null): IWebhookResponseData {
	const query = (context.getQueryData() ?? {}) as IDataObject;
	if (query['hub.mode'] === 'subscribe') {
		const expected = credentials?.scheme === 'meta' ? String(credentials.verifyToken ?? '') : '';
		if (!expected || !safeEqual(String(query['hub.verify_token'] ?? ''), expected)) return reply(context, 403, { error: 'Verify token does not match' });
		return reply(context, 200, String(query['hub.challenge'] ?? ''));
	}
	if (typeof query.challengeCode === 'string') {
		if (credentials?.scheme !== 'linkedin' || !credentials.secret) return reply(context, 403, { error: 'LinkedIn validation needs a LinkedIn credential' });
		return reply(context, 200, { challengeCode: query.challengeCode, challengeResponse: computeLinkedInChallengeResponse(query.challengeCode, credentials.secret) });
	}
	return reply(context, 200, { status: 'ready', message: 'Lead Intake Trigger is listening. Send leads with POST.' });
}
