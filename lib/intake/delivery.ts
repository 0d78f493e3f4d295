/**
 * One delivery as both Lead Intake nodes handle it: size check, signature check, body parsing,
 * source detection and normalisation, splitting into leads, delivery id and duplicate keys, and
 * the `lead` items. The Lead Intake Trigger reads the request itself; the Lead Intake action node
 * reads what n8n's Webhook node (Raw Body), Form Trigger or a vendor trigger put in an item. No
 * n8n imports: the nodes turn a DeliveryRejection into an HTTP answer or a NodeOperationError.
 */
import { deliveryIdFor, duplicateKeysFor } from './deliveryKeys';
import { verifySignature, type SignatureSecrets } from './signatures';
import { isPlainObject, lowerCaseHeaders } from '../lead/fields';
import type { Lead } from '../lead/types';
import { normalizeDelivery, type NormalizedDelivery } from '../normalizers';
import { withoutGoogleKey } from '../normalizers/googleads';

export const DEFAULT_MAX_BODY_KB = 1024;

/** What was received, whoever received it. */
export interface ReceivedDelivery {
	/** the exact bytes received, or null when nobody kept them (multipart posts, a node without Raw Body) */
	rawBody: Buffer | null;
	/** request headers, names in lower case; empty for items no HTTP request carried */
	headers: Record<string, string>;
	/** the parsed body (an object, an array, or a string n8n did not parse) */
	body: unknown;
	query: Record<string, unknown>;
	method?: string;
	/** the URLs the sender may have called, for schemes that sign the URL (HubSpot v3) */
	urls?: readonly string[];
}

export interface ReadDeliveryOptions {
	/** a normalizer id, or 'auto' */
	source: string;
	maxBytes: number;
	/** the credential's scheme and secrets, or null when no signature is required */
	signature: { scheme: string; secrets: SignatureSecrets } | null;
	now?: number;
}

/**
 * A delivery that must not become a lead, with the HTTP status a receiver answers: 413 too large,
 * 401 signature, 400 unreadable body, 422 no lead in it. `reason` is safe to show: never a secret.
 */
export class DeliveryRejection extends Error {
	constructor(
		readonly status: 400 | 401 | 413 | 422,
		message: string,
		readonly reason?: string,
	) {
		super(message);
		this.name = 'DeliveryRejection';
	}
}

/** Thrown when a normalizer fails on a delivery it accepted: a bug or a shape nobody foresaw, not bad input. */
export class DeliveryReadError extends Error {
	constructor(readonly cause: Error) {
		super(cause.message);
		this.name = 'DeliveryReadError';
	}
}

export interface AcceptedDelivery {
	delivery: NormalizedDelivery;
	/** the parsed body without a shared secret in it (Google Ads' google_key) */
	body: unknown;
	/** the bytes received, or the body re-serialised when none were kept (size and repeat checks only) */
	bytes: Buffer;
	deliveryId: string;
	verified: boolean;
	/**
	 * Why a verified delivery holds no lead by design (a chat's status update, an echo of the
	 * business's reply): the receiver answers 200 and starts nothing. Null when it holds leads.
	 */
	ignored: string | null;
}

function isJsonContentType(contentType: string | undefined): boolean {
	return !!contentType && /\bjson\b/i.test(contentType);
}

/** Checks, parses and normalises one delivery; throws a DeliveryRejection for bad input. */
export function readDelivery(received: ReceivedDelivery, options: ReadDeliveryOptions): AcceptedDelivery {
	const headers = received.headers;
	let body = received.body;
	const bytes: Buffer = received.rawBody ?? Buffer.from(typeof body === 'string' ? body : JSON.stringify(body ?? {}));
	const declaredLength = Number(headers['content-length'] ?? 0);
	if (declaredLength > options.maxBytes || bytes.length > options.maxBytes) {
		throw new DeliveryRejection(413, `Payload too large: the limit is ${Math.round(options.maxBytes / 1024)} KB`);
	}

	if (options.signature) {
		const result = verifySignature(
			options.signature.scheme,
			{ rawBody: received.rawBody, headers, body, method: received.method, urls: received.urls, query: received.query },
			options.signature.secrets,
			options.now,
		);
		if (!result.valid) throw new DeliveryRejection(401, 'Signature check failed', result.reason);
	}

	// n8n leaves a JSON body unparsed in some cases (a wrong charset, a Webhook node with Raw Body only)
	if (
		isJsonContentType(headers['content-type']) &&
		bytes.length > 0 &&
		((!isPlainObject(body) && !Array.isArray(body)) || (isPlainObject(body) && Object.keys(body).length === 0 && bytes.toString('utf8').trim() !== '{}'))
	) {
		try {
			body = JSON.parse(bytes.toString('utf8'));
		} catch {
			throw new DeliveryRejection(400, 'Malformed JSON body');
		}
	}
	if (!isPlainObject(body) && !Array.isArray(body)) throw new DeliveryRejection(400, 'Expected a JSON object or a form post');

	// the shared secret goes no further than the check above: not into the lead, the raw output or the journal
	body = withoutGoogleKey(body);
	let delivery: NormalizedDelivery;
	try {
		delivery = normalizeDelivery({ body, headers, query: received.query }, options.source);
	} catch (error) {
		throw new DeliveryReadError(error as Error);
	}
	if (delivery.leads.length === 0 && !delivery.ignored) throw new DeliveryRejection(422, `No lead found in this ${delivery.source} delivery`);
	return { delivery, body, bytes, deliveryId: deliveryIdFor(delivery.eventId, bytes), verified: options.signature !== null, ignored: delivery.leads.length === 0 ? (delivery.ignored ?? null) : null };
}

/** The duplicate keys of every lead of a delivery (see duplicateKeysFor), in lead order. */
export function deliveryDuplicateKeys(accepted: AcceptedDelivery, options: { windowMinutes: number; now: number }): string[][] {
	const { delivery, bytes } = accepted;
	return delivery.leads.map((lead, leadIndex) => duplicateKeysFor(lead, { source: delivery.source, eventId: delivery.eventId, eventType: delivery.eventType, rawBody: bytes, leadIndex }, options));
}

/** Where repeated deliveries were checked, as shown in `meta.duplicateStore`. */
export type DuplicateStoreName = 'database' | 'redis' | 'staticData' | 'off';

export interface LeadItemMeta {
	source: string;
	eventType: string | null;
	receivedAt: string;
	deliveryId: string;
	verified: boolean;
	leadIndex: number;
	leadCount: number;
	duplicateStore: DuplicateStoreName;
	receipt?: string;
}

export interface LeadItemJson {
	lead: Lead;
	meta: LeadItemMeta;
	raw?: unknown;
	[key: string]: unknown;
}

/** The item both nodes output for one lead of a delivery. */
export function leadItemJson(
	accepted: AcceptedDelivery,
	leadIndex: number,
	options: { receivedAt: string; duplicateStore: DuplicateStoreName; receipt?: string; includeRawBody?: boolean },
): LeadItemJson {
	const { delivery } = accepted;
	return {
		lead: delivery.leads[leadIndex],
		meta: {
			source: delivery.source,
			eventType: delivery.eventType,
			receivedAt: options.receivedAt,
			deliveryId: accepted.deliveryId,
			verified: accepted.verified,
			leadIndex,
			leadCount: delivery.leads.length,
			duplicateStore: options.duplicateStore,
			...(options.receipt ? { receipt: options.receipt } : {}),
		},
		...(options.includeRawBody ? { raw: accepted.body } : {}),
	};
}

/**
 * Whether an item is what n8n's Webhook node outputs for a request: `headers`, `body` (and
 * `params`, `query`) side by side. Form Trigger and vendor trigger items are the answers themselves.
 */
export function isWebhookItem(json: Record<string, unknown>): boolean {
	return isPlainObject(json.headers) && 'body' in json && (isPlainObject(json.query) || isPlainObject(json.params) || json.query === undefined);
}

/**
 * What an item says was received. `rawBody` is the Webhook node's Raw Body (its binary data), or
 * null. An item of a Form Trigger or vendor trigger is its own body, with no headers.
 */
export function receivedFromItem(json: Record<string, unknown>, rawBody: Buffer | null): ReceivedDelivery {
	if (!isWebhookItem(json)) return { rawBody: null, headers: {}, body: json, query: {} };
	const headers = lowerCaseHeaders(json.headers as Record<string, unknown>);
	return { rawBody, headers, body: json.body, query: isPlainObject(json.query) ? (json.query as Record<string, unknown>) : {}, method: 'POST' };
}

/** Why a lead counts as a repeat, from the kind of key it was recognised by (see duplicateKeysFor). */
export function duplicateReason(keys: readonly string[]): { reason: 'sameSubmissionId' | 'sameEvent' | 'sameContent'; description: string } {
	const key = keys[0] ?? '';
	if (/^lq:[^:]+:id:/.test(key)) return { reason: 'sameSubmissionId', description: 'A lead with the same submission ID was received before' };
	if (/^lq:[^:]+:event:/.test(key)) return { reason: 'sameEvent', description: 'The same event (its delivery ID) was received before' };
	return { reason: 'sameContent', description: 'The same answers from the same person on the same form were received within the duplicate window' };
}

/**
 * The URLs a sender may have called to reach a Webhook node whose item this is, for schemes that
 * sign the URL (HubSpot v3): the host the request named (a proxy's X-Forwarded-* first) and the
 * instance's base URL, with each webhook path (production and test) and the query as received.
 * The Webhook node keeps no request URL, so its query is re-encoded in the order received.
 */
export function webhookItemUrls(received: Pick<ReceivedDelivery, 'headers' | 'query'>, webhookPaths: readonly string[], baseUrls: readonly string[] = []): string[] {
	const firstOf = (value: string | undefined) => value?.split(',')[0].trim() || undefined;
	const host = firstOf(received.headers['x-forwarded-host']) ?? received.headers.host;
	const protocol = firstOf(received.headers['x-forwarded-proto']) ?? 'https';
	const origins = [...(host ? [`${protocol}://${host}`] : []), ...baseUrls.map((url) => url.replace(/\/+$/, ''))];
	const pairs: string[] = [];
	for (const [name, value] of Object.entries(received.query)) {
		for (const one of Array.isArray(value) ? value : [value]) if (one !== undefined && one !== null) pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(one))}`);
	}
	const query = pairs.join('&');
	const urls: string[] = [];
	for (const origin of origins) {
		for (const webhookPath of webhookPaths) {
			const trimmed = webhookPath.replace(/^\/+/, '');
			for (const prefix of ['webhook', 'webhook-test']) urls.push(`${origin}/${prefix}/${trimmed}${query ? `?${query}` : ''}`);
		}
	}
	return [...new Set(urls)];
}
