import {
	fromParameter,
	webhookDescriptionFields,
	NodeConnectionTypes,
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type ICredentialTestFunctions,
	type ICredentialsDecrypted,
	type IDataObject,
	type IHookFunctions,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { deliveryIdFor, duplicateKeysFor, DEFAULT_DUPLICATE_WINDOW_MINUTES } from '../../lib/intake/deliveryKeys';
import { DEFAULT_JOURNAL_RETENTION_DAYS, journalRetentionSeconds } from '../../lib/intake/redisDeduplication';
import { computeLinkedInChallengeResponse, findSignatureScheme, safeEqual, verifySignature, type SignatureSecrets } from '../../lib/intake/signatures';
import { isPlainObject, lowerCaseHeaders } from '../../lib/lead/fields';
import { normalizeDelivery } from '../../lib/normalizers';
import { withoutGoogleKey } from '../../lib/normalizers/googleads';
import { RoutingStoreError, type RedisCredentials } from '../../lib/routing';
import { leadRouterRedisTest } from '../shared/redisCredentialTest';
import { leadIntakeProperties } from './description';
import { filterNewLeads, type DuplicateStore } from './transport/deduplication';

const CREDENTIAL = 'leadWebhookSecretApi';
const REDIS_CREDENTIAL = 'leadRouterRedisApi';

type RequestWithRawBody = ReturnType<IWebhookFunctions['getRequestObject']> & { rawBody?: Buffer };

function reply(context: IWebhookFunctions, status: number, body: IDataObject | string): IWebhookResponseData {
	const res = context.getResponseObject();
	if (typeof body === 'string') res.status(status).type('text/plain').send(body);
	else res.status(status).json(body);
	return { noWebhookResponse: true };
}

function isJsonContentType(contentType: string | undefined): boolean {
	return !!contentType && /\bjson\b/i.test(contentType);
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
		description: 'Receive leads from forms, newsletters and ad platforms, verify the sender and turn every payload into one lead format',
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
			// no vendor offers an endpoint to check a webhook secret; we check what can be checked locally
			async leadWebhookSecretTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
				const data = (credential.data ?? {}) as ICredentialDataDecryptedObject;
				const scheme = findSignatureScheme(String(data.scheme ?? ''));
				if (!scheme || scheme.id === 'none') return { status: 'Error', message: 'Choose the service that sends the leads' };
				if (typeof data.secret !== 'string' || data.secret.trim().length < 6) return { status: 'Error', message: 'The secret is missing or shorter than 6 characters' };
				if (scheme.id === 'meta' && !data.verifyToken) return { status: 'Error', message: 'Meta also needs the Verify Token you typed in its webhook settings' };
				return { status: 'OK', message: `Ready to verify ${scheme.displayName} deliveries. The first signed delivery confirms the secret.` };
			},
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
		const maxBytes = Math.max(1, Number(options.maxBodyKb ?? 1024)) * 1024;
		const declaredLength = Number(headers['content-length'] ?? 0);
		let body: unknown = this.getBodyData();
		// n8n keeps no raw bytes of a multipart post; re-serialised fields serve size and repeat
		// checks only, never a signature check
		const receivedBytes: Buffer | null = Buffer.isBuffer(req.rawBody) ? req.rawBody : null;
		const rawBody: Buffer = receivedBytes ?? Buffer.from(typeof body === 'string' ? body : JSON.stringify(body ?? {}));
		if (declaredLength > maxBytes || rawBody.length > maxBytes) {
			return reply(this, 413, { error: `Payload too large: the limit is ${Math.round(maxBytes / 1024)} KB` });
		}

		if (credentials) {
			const query = (this.getQueryData() ?? {}) as Record<string, unknown>;
			const result = verifySignature(String(credentials.scheme ?? ''), { rawBody: receivedBytes, headers, body, method: req.method, urls: requestUrls(this, req, headers), query }, credentials);
			if (!result.valid) return reply(this, 401, { error: 'Signature check failed', reason: result.reason });
		}

		if (isJsonContentType(headers['content-type']) && rawBody.length > 0 && (!isPlainObject(body) && !Array.isArray(body) || (isPlainObject(body) && Object.keys(body).length === 0 && rawBody.toString('utf8').trim() !== '{}'))) {
			try {
				body = JSON.parse(rawBody.toString('utf8'));
			} catch {
				return reply(this, 400, { error: 'Malformed JSON body' });
			}
		}
		if (!isPlainObject(body) && !Array.isArray(body)) return reply(this, 400, { error: 'Expected a JSON object or a form post' });

		// the shared secret goes no further than the check above: not into the lead, the raw output or the journal
		body = withoutGoogleKey(body);
		const source = this.getNodeParameter('source', 'auto') as string;
		let delivery;
		try {
			delivery = normalizeDelivery({ body, headers, query: (this.getQueryData() ?? {}) as Record<string, unknown> }, source);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), error as Error, { description: 'The delivery could not be read as a lead' });
		}
		if (delivery.leads.length === 0) return reply(this, 422, { error: `No lead found in this ${delivery.source} delivery` });

		const now = Date.now();
		const deliveryId = deliveryIdFor(delivery.eventId, rawBody);
		const receivedAt = new Date(now).toISOString();
		// in every item, so each execution shows where its delivery was checked for repeats
		const duplicateStore: DuplicateStore | 'off' = options.dropDuplicates === false ? 'off' : (this.getNodeParameter('duplicateStore', 'database') as DuplicateStore);
		const itemFor = (leadIndex: number, receipt?: string): INodeExecutionData => ({
			json: {
				lead: delivery.leads[leadIndex] as unknown as IDataObject,
				meta: { source: delivery.source, eventType: delivery.eventType, receivedAt, deliveryId, verified: credentials !== null, leadIndex, leadCount: delivery.leads.length, duplicateStore, ...(receipt ? { receipt } : {}) },
				...(options.includeRawBody ? { raw: body as IDataObject } : {}),
			},
		});
		let fresh = delivery.leads.map((_, index) => index);
		const receipts = new Map<number, string>();
		if (duplicateStore !== 'off') {
			const windowMinutes = Number(options.duplicateWindowMinutes ?? DEFAULT_DUPLICATE_WINDOW_MINUTES);
			const keys = delivery.leads.map((lead, leadIndex) => duplicateKeysFor(lead, { source: delivery.source, eventId: delivery.eventId, eventType: delivery.eventType, rawBody, leadIndex }, { windowMinutes, now }));
			const useRedis = duplicateStore === 'redis';
			const journal = useRedis && options.keepUntilDone === true
				? (leadIndex: number, receipt: string) => {
						receipts.set(leadIndex, receipt);
						return JSON.stringify(itemFor(leadIndex, receipt).json);
					}
				: undefined;
			const journalRetention = journalRetentionSeconds(Number(options.keepLeadsDays ?? DEFAULT_JOURNAL_RETENTION_DAYS));
			const redis = useRedis ? { credentials: (await this.getCredentials(REDIS_CREDENTIAL)) as RedisCredentials, windowMinutes, journal, journalRetentionSeconds: journalRetention } : undefined;
			try {
				({ fresh } = await filterNewLeads(keys, { node: this.getNode(), workflowId: String(this.getWorkflow().id ?? ''), staticData: this.getWorkflowStaticData('node'), now, store: duplicateStore, redis }));
			} catch (error) {
				// the sender retries a 503; accepting without the check could start a lead twice
				if (error instanceof RoutingStoreError) return reply(this, 503, { error: 'Duplicate check unavailable, please retry' });
				// a NodeOperationError (the chosen store cannot be used here) passes through unchanged: n8n answers 500, the sender retries
				throw new NodeOperationError(this.getNode(), error as Error, { description: 'The duplicate check failed' });
			}
		}
		if (fresh.length === 0) return reply(this, 200, { status: 'duplicate', deliveryId });

		const items: INodeExecutionData[] = fresh.map((leadIndex) => itemFor(leadIndex, receipts.get(leadIndex)));
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
