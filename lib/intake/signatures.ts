/**
 * Webhook signature checks, one per vendor scheme. Pure: node's crypto only, no n8n imports.
 *
 * Every check takes the raw request body exactly as received (re-serialised JSON never matches),
 * the headers with lower-case names and, where the scheme needs it, the parsed body, the method
 * and URL (HubSpot v3) or the query (Mailchimp). Telegram signs nothing: its bot sends a shared
 * secret token in a header, compared like a password. It returns `{valid, reason}`; `reason` is safe to
 * show to users and never contains a secret or the expected signature. Comparisons are
 * constant-time, with the length checked first. docs/signatures.md describes every scheme.
 */
import { createHash, createHmac, timingSafeEqual } from 'crypto';

export interface SignatureInput {
	/** the raw request body; a string is read as UTF-8 */
	rawBody: Buffer | string | null | undefined;
	/** request headers, names in lower case */
	headers: Record<string, string | undefined>;
	/** the parsed body, for schemes that read a field of it (Google Ads); parsed from rawBody when absent */
	body?: unknown;
	/** the request method, for schemes that sign it (HubSpot v3); POST when absent */
	method?: string;
	/**
	 * the full URLs (scheme, host, path and query) the sender may have called, for schemes that sign
	 * the URL (HubSpot v3). Behind a proxy the public URL differs from the one n8n sees, so the
	 * caller passes every candidate; a signature over any of them is accepted.
	 */
	urls?: readonly string[];
	/** the parsed query string, for schemes that put a secret in the URL (Mailchimp) */
	query?: Record<string, unknown>;
}

export interface SignatureResult {
	valid: boolean;
	reason: string;
}

export interface ReplayOptions {
	/** how far the signed timestamp may be from `now`, in seconds, in either direction (default 300) */
	toleranceSeconds?: number;
	/** the current time in ms since the epoch (default Date.now()) */
	now?: number;
}

export interface GenericSignatureOptions extends ReplayOptions {
	/** header carrying the hex HMAC-SHA256 (default `x-signature`); `sha256=` in front is accepted */
	headerName?: string;
	/**
	 * header carrying a timestamp (seconds or ms since the epoch). When set, the signed content is
	 * `${timestamp}:${rawBody}` (as Webflow does) and the timestamp must be inside the replay window.
	 */
	timestampHeader?: string;
}

export const DEFAULT_REPLAY_TOLERANCE_SECONDS = 300;
export const DEFAULT_GENERIC_SIGNATURE_HEADER = 'x-signature';
/** Mailchimp signs nothing; its docs suggest a secret in the webhook URL's query string */
export const DEFAULT_URL_SECRET_PARAMETER = 'secret';

/**
 * n8n keeps the raw bytes of every request except multipart/form-data ones, which it parses
 * before the node runs: re-serialising the parsed fields would never give the signed bytes.
 */
export const RAW_BODY_UNAVAILABLE =
	'Raw request body is not available (n8n does not keep it for multipart/form-data posts), so the signature cannot be checked. Have the sender post JSON or form-urlencoded data.';

/**
 * What Telegram accepts as setWebhook's secret_token: "1-256 characters. Only characters A-Z, a-z,
 * 0-9, _ and - are allowed" (Bot API, setWebhook).
 */
export const TELEGRAM_SECRET_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;

const HEX_SHA256 = /^[0-9a-f]{64}$/i;
const BASE64_SHA256 = /^[A-Za-z0-9+/]{43}=$/;

function ok(reason = 'Signature is valid'): SignatureResult {
	return { valid: true, reason };
}

function fail(reason: string): SignatureResult {
	return { valid: false, reason };
}

function rawBuffer(rawBody: SignatureInput['rawBody']): Buffer | null {
	if (Buffer.isBuffer(rawBody)) return rawBody;
	if (typeof rawBody === 'string') return Buffer.from(rawBody, 'utf8');
	return null;
}

function header(input: SignatureInput, name: string): string | null {
	const headers = input.headers ?? {};
	const key = name.toLowerCase();
	const value = Object.prototype.hasOwnProperty.call(headers, key) ? headers[key] : undefined;
	if (typeof value !== 'string') return null;
	const trimmed = value.trim();
	return trimmed ? trimmed : null;
}

function hmac(secret: string, ...parts: Array<Buffer | string>): Buffer {
	const mac = createHmac('sha256', secret);
	for (const part of parts) mac.update(part);
	return mac.digest();
}

/** Constant-time equality of two strings; different lengths are unequal without comparing. */
export function safeEqual(a: string, b: string): boolean {
	const left = Buffer.from(a, 'utf8');
	const right = Buffer.from(b, 'utf8');
	if (left.length !== right.length) return false;
	return timingSafeEqual(left, right);
}

/**
 * Constant-time equality of a shared secret sent in clear (Google Ads' google_key, a URL secret):
 * the SHA-256 digests are compared, so equal lengths whatever the input and the secret's length
 * is not revealed either.
 */
export function secretEqual(provided: string, expected: string): boolean {
	const left = createHash('sha256').update(provided, 'utf8').digest();
	const right = createHash('sha256').update(expected, 'utf8').digest();
	return timingSafeEqual(left, right);
}

function missingSecret(secret: string | undefined): secret is undefined {
	return typeof secret !== 'string' || secret.length === 0;
}

/**
 * Splits `algo=value` when the header uses a prefix. Returns the value, or a failure when the
 * prefix names another algorithm.
 */
function stripPrefix(value: string, prefix: string, required: boolean): string | SignatureResult {
	const cut = value.indexOf('=');
	const looksPrefixed = cut > 0 && cut < 20 && /^[a-z0-9-]+$/i.test(value.slice(0, cut)) && !BASE64_SHA256.test(value);
	if (looksPrefixed) {
		if (value.slice(0, cut).toLowerCase() !== prefix) return fail('Unsupported signature algorithm');
		return value.slice(cut + 1).trim();
	}
	return required ? fail('Malformed signature header') : value;
}

function compareHex(provided: string, expected: Buffer): SignatureResult {
	if (!HEX_SHA256.test(provided)) return fail('Malformed signature');
	return safeEqual(provided.toLowerCase(), expected.toString('hex')) ? ok() : fail('Signature does not match');
}

function compareBase64(provided: string, expected: Buffer): SignatureResult {
	if (!BASE64_SHA256.test(provided)) return fail('Malformed signature');
	return safeEqual(provided, expected.toString('base64')) ? ok() : fail('Signature does not match');
}

/** Parses a timestamp header in seconds or milliseconds; returns ms or null. */
function timestampMs(value: string): number | null {
	if (!/^\d{9,16}$/.test(value)) return null;
	const n = Number(value);
	return n < 1e11 ? n * 1000 : n;
}

function checkReplayWindow(timestamp: number, options: ReplayOptions): SignatureResult | null {
	const tolerance = options.toleranceSeconds ?? DEFAULT_REPLAY_TOLERANCE_SECONDS;
	const now = options.now ?? Date.now();
	if (!Number.isFinite(tolerance) || tolerance < 0) return fail('Invalid replay window');
	return Math.abs(now - timestamp) > tolerance * 1000 ? fail('Timestamp is outside the allowed window') : null;
}

// ---------------------------------------------------------------------------------------------
// computeSignature helpers: what each vendor sends, for tests and for signing outgoing requests

/** `typeform-signature`: `sha256=` + base64 HMAC-SHA256 of the raw body. */
export function computeTypeformSignature(rawBody: Buffer | string, secret: string): string {
	return `sha256=${hmac(secret, rawBody).toString('base64')}`;
}

/** `tally-signature`: base64 HMAC-SHA256 of the raw body, no prefix. */
export function computeTallySignature(rawBody: Buffer | string, secret: string): string {
	return hmac(secret, rawBody).toString('base64');
}

/**
 * `x-hub-signature-256`: `sha256=` + hex HMAC-SHA256 of the raw body, keyed with the app secret.
 * The same for every Meta webhook: Facebook Lead Ads, WhatsApp Business Cloud API, Instagram messaging.
 */
export function computeMetaSignature(rawBody: Buffer | string, appSecret: string): string {
	return `sha256=${hmac(appSecret, rawBody).toString('hex')}`;
}

/**
 * `x-line-signature`: base64 HMAC-SHA256 of the raw body, keyed with the channel secret, no prefix
 * (LINE Developers, "Verify webhook signature": https://developers.line.biz/en/docs/messaging-api/verify-webhook-signature).
 */
export function computeLineSignature(rawBody: Buffer | string, channelSecret: string): string {
	return hmac(channelSecret, rawBody).toString('base64');
}

/** `x-webflow-signature`: hex HMAC-SHA256 of `${timestamp}:${rawBody}`, timestamp in ms. */
export function computeWebflowSignature(rawBody: Buffer | string, secret: string, timestamp: number | string): string {
	return hmac(secret, `${timestamp}:`, rawBody).toString('hex');
}

/**
 * `x-li-signature`: the bare hex HMAC-SHA256, keyed with the app's client secret, of the raw body
 * prefixed with the literal `hmacsha256=`. LinkedIn: "The value of this header is the HMACSHA256
 * hash of the JSON-encoded string representation of the POST body prefixed by hmacsha256= ...
 * you must compute the signature on the POST body prefixed by hmacsha256="
 * (https://learn.microsoft.com/en-us/linkedin/shared/api-guide/webhook-validation).
 */
export function computeLinkedInSignature(rawBody: Buffer | string, clientSecret: string): string {
	return hmac(clientSecret, 'hmacsha256=', rawBody).toString('hex');
}

/** LinkedIn's GET endpoint validation: hex HMAC-SHA256 of the challengeCode. */
export function computeLinkedInChallengeResponse(challengeCode: string, clientSecret: string): string {
	return hmac(clientSecret, challengeCode).toString('hex');
}

/** `calendly-webhook-signature`: `t=<seconds>,v1=<hex HMAC-SHA256 of "t.body">`, keyed with the webhook signing key. */
export function computeCalendlySignature(rawBody: Buffer | string, signingKey: string, timestampSeconds: number | string): string {
	return `t=${timestampSeconds},v1=${hmac(signingKey, `${timestampSeconds}.`, rawBody).toString('hex')}`;
}

/**
 * HubSpot decodes these percent-escapes in the URL before signing it (its "Validate the v3
 * request signature" table); every other escape stays as sent.
 */
const HUBSPOT_DECODED_ESCAPES: Record<string, string> = {
	'%3A': ':',
	'%2F': '/',
	'%3F': '?',
	'%40': '@',
	'%21': '!',
	'%24': '$',
	'%27': "'",
	'%28': '(',
	'%29': ')',
	'%2A': '*',
	'%2C': ',',
	'%3B': ';',
};

/** The URL as HubSpot puts it into the v3 signature. */
export function hubSpotSignedUrl(url: string): string {
	return url.replace(/%(?:3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (escape) => HUBSPOT_DECODED_ESCAPES[escape.toUpperCase()]);
}

/** `x-hubspot-signature-v3`: base64 HMAC-SHA256 of method + URL + raw body + `x-hubspot-request-timestamp`, keyed with the app's client secret. */
export function computeHubSpotV3Signature(method: string, url: string, rawBody: Buffer | string, clientSecret: string, timestamp: number | string): string {
	return hmac(clientSecret, method.toUpperCase(), hubSpotSignedUrl(url), rawBody, String(timestamp)).toString('base64');
}

/** Generic: hex HMAC-SHA256 of the raw body, or of `${timestamp}:${rawBody}` when a timestamp is used. */
export function computeGenericSignature(rawBody: Buffer | string, secret: string, timestamp?: number | string): string {
	return (timestamp === undefined ? hmac(secret, rawBody) : hmac(secret, `${timestamp}:`, rawBody)).toString('hex');
}

// ---------------------------------------------------------------------------------------------
// verifiers

export function verifyTypeformSignature(input: SignatureInput, secrets: { secret?: string }): SignatureResult {
	if (missingSecret(secrets.secret)) return fail('No signing secret configured');
	const raw = rawBuffer(input.rawBody);
	if (!raw) return fail(RAW_BODY_UNAVAILABLE);
	const value = header(input, 'typeform-signature');
	if (!value) return fail('Missing typeform-signature header');
	const provided = stripPrefix(value, 'sha256', true);
	if (typeof provided !== 'string') return provided;
	return compareBase64(provided, hmac(secrets.secret, raw));
}

export function verifyTallySignature(input: SignatureInput, secrets: { secret?: string }): SignatureResult {
	if (missingSecret(secrets.secret)) return fail('No signing secret configured');
	const raw = rawBuffer(input.rawBody);
	if (!raw) return fail(RAW_BODY_UNAVAILABLE);
	const value = header(input, 'tally-signature');
	if (!value) return fail('Missing tally-signature header');
	return compareBase64(value, hmac(secrets.secret, raw));
}

export function verifyMetaSignature(input: SignatureInput, secrets: { secret?: string }): SignatureResult {
	if (missingSecret(secrets.secret)) return fail('No app secret configured');
	const raw = rawBuffer(input.rawBody);
	if (!raw) return fail(RAW_BODY_UNAVAILABLE);
	const value = header(input, 'x-hub-signature-256');
	if (!value) return fail('Missing x-hub-signature-256 header');
	const provided = stripPrefix(value, 'sha256', true);
	if (typeof provided !== 'string') return provided;
	return compareHex(provided, hmac(secrets.secret, raw));
}

export function verifyLineSignature(input: SignatureInput, secrets: { secret?: string }): SignatureResult {
	if (missingSecret(secrets.secret)) return fail('No channel secret configured');
	const raw = rawBuffer(input.rawBody);
	if (!raw) return fail(RAW_BODY_UNAVAILABLE);
	const value = header(input, 'x-line-signature');
	if (!value) return fail('Missing x-line-signature header');
	return compareBase64(value, hmac(secrets.secret, raw));
}

/**
 * Telegram signs nothing: the bot sends the secret_token given to setWebhook, as it is, in
 * `x-telegram-bot-api-secret-token`. The body is not covered, so no raw body is needed.
 */
export function verifyTelegramSecretToken(input: SignatureInput, secrets: { secret?: string }): SignatureResult {
	if (missingSecret(secrets.secret)) return fail('No secret token configured');
	const value = header(input, 'x-telegram-bot-api-secret-token');
	if (!value) return fail('Missing x-telegram-bot-api-secret-token header');
	if (!TELEGRAM_SECRET_TOKEN.test(value)) return fail('Malformed x-telegram-bot-api-secret-token header');
	return secretEqual(value, secrets.secret) ? ok('Secret token is valid') : fail('Secret token does not match');
}

export function verifyWebflowSignature(input: SignatureInput, secrets: { secret?: string }, options: ReplayOptions = {}): SignatureResult {
	if (missingSecret(secrets.secret)) return fail('No signing secret configured');
	const raw = rawBuffer(input.rawBody);
	if (!raw) return fail(RAW_BODY_UNAVAILABLE);
	const signature = header(input, 'x-webflow-signature');
	if (!signature) return fail('Missing x-webflow-signature header');
	const timestampText = header(input, 'x-webflow-timestamp');
	if (!timestampText) return fail('Missing x-webflow-timestamp header');
	const timestamp = timestampMs(timestampText);
	if (timestamp === null) return fail('Malformed x-webflow-timestamp header');
	const replay = checkReplayWindow(timestamp, options);
	if (replay) return replay;
	return compareHex(signature, hmac(secrets.secret, `${timestampText}:`, raw));
}

export function verifyLinkedInSignature(input: SignatureInput, secrets: { secret?: string }): SignatureResult {
	if (missingSecret(secrets.secret)) return fail('No client secret configured');
	const raw = rawBuffer(input.rawBody);
	if (!raw) return fail(RAW_BODY_UNAVAILABLE);
	const value = header(input, 'x-li-signature');
	if (!value) return fail('Missing x-li-signature header');
	// the prefix belongs to the signed content only: the header is the bare hex digest
	return compareHex(value, hmac(secrets.secret, 'hmacsha256=', raw));
}

/** Calendly's header: comma-separated `key=value` pairs, `t` once, `v1` once or more. */
function calendlyHeaderParts(value: string): { timestamp: string | null; signatures: string[] } {
	let timestamp: string | null = null;
	const signatures: string[] = [];
	for (const part of value.split(',')) {
		const cut = part.indexOf('=');
		if (cut <= 0) continue;
		const key = part.slice(0, cut).trim();
		const entry = part.slice(cut + 1).trim();
		if (key === 't') timestamp = timestamp === null ? entry : '';
		else if (key === 'v1') signatures.push(entry);
	}
	return { timestamp, signatures };
}

export function verifyCalendlySignature(input: SignatureInput, secrets: { secret?: string }, options: ReplayOptions = {}): SignatureResult {
	if (missingSecret(secrets.secret)) return fail('No webhook signing key configured');
	const raw = rawBuffer(input.rawBody);
	if (!raw) return fail(RAW_BODY_UNAVAILABLE);
	const value = header(input, 'calendly-webhook-signature');
	if (!value) return fail('Missing calendly-webhook-signature header');
	const { timestamp, signatures } = calendlyHeaderParts(value);
	// t is in seconds; a millisecond value is not what Calendly sends
	if (!timestamp || !/^\d{9,11}$/.test(timestamp) || signatures.length === 0) return fail('Malformed calendly-webhook-signature header');
	const replay = checkReplayWindow(Number(timestamp) * 1000, options);
	if (replay) return replay;
	const expected = hmac(secrets.secret, `${timestamp}.`, raw);
	const results = signatures.map((signature) => compareHex(signature, expected));
	return results.find((result) => result.valid) ?? results[0];
}

export function verifyHubSpotV3Signature(input: SignatureInput, secrets: { secret?: string }, options: ReplayOptions = {}): SignatureResult {
	if (missingSecret(secrets.secret)) return fail('No client secret configured');
	const raw = rawBuffer(input.rawBody);
	if (!raw) return fail(RAW_BODY_UNAVAILABLE);
	const signature = header(input, 'x-hubspot-signature-v3');
	if (!signature) return fail('Missing x-hubspot-signature-v3 header');
	const timestampText = header(input, 'x-hubspot-request-timestamp');
	if (!timestampText) return fail('Missing x-hubspot-request-timestamp header');
	const timestamp = timestampMs(timestampText);
	if (timestamp === null) return fail('Malformed x-hubspot-request-timestamp header');
	const replay = checkReplayWindow(timestamp, options);
	if (replay) return replay;
	if (!BASE64_SHA256.test(signature)) return fail('Malformed signature');
	const urls = (input.urls ?? []).filter((url): url is string => typeof url === 'string' && url.length > 0);
	if (urls.length === 0) return fail('Request URL is not available');
	const method = (input.method || 'POST').toUpperCase();
	const secret = secrets.secret;
	// every candidate is compared, so the time taken does not tell which URL matched
	const matches = urls.map((url) => safeEqual(signature, hmac(secret, method, hubSpotSignedUrl(url), raw, timestampText).toString('base64')));
	return matches.includes(true) ? ok() : fail('Signature does not match');
}

/** Mailchimp (and any tool that cannot sign): a secret query parameter on the webhook URL. */
export function verifyUrlSecret(input: SignatureInput, secrets: { secret?: string; queryParameter?: string }): SignatureResult {
	if (missingSecret(secrets.secret)) return fail('No URL secret configured');
	const name = (secrets.queryParameter || DEFAULT_URL_SECRET_PARAMETER).trim();
	const query = input.query ?? {};
	const value = Object.prototype.hasOwnProperty.call(query, name) ? query[name] : undefined;
	if (Array.isArray(value)) return fail(`More than one ${name} query parameter`);
	if (typeof value !== 'string' || value.length === 0) return fail(`Missing ${name} query parameter`);
	return secretEqual(value, secrets.secret) ? ok('URL secret is valid') : fail('URL secret does not match');
}

function parsedBody(input: SignatureInput): unknown {
	if (input.body !== undefined && input.body !== null && typeof input.body !== 'string') return input.body;
	const raw = typeof input.body === 'string' ? input.body : rawBuffer(input.rawBody)?.toString('utf8');
	if (!raw) return null;
	try {
		return JSON.parse(raw) as unknown;
	} catch {
		return null;
	}
}

/** Google Ads lead forms put the configured key in the body as `google_key`. */
export function verifyGoogleAdsKey(input: SignatureInput, secrets: { secret?: string }): SignatureResult {
	if (missingSecret(secrets.secret)) return fail('No webhook key configured');
	const body = parsedBody(input);
	const key = typeof body === 'object' && body !== null && !Array.isArray(body) && Object.prototype.hasOwnProperty.call(body, 'google_key') ? (body as Record<string, unknown>).google_key : undefined;
	if (typeof key !== 'string' || key.length === 0) return fail('Missing google_key in the request body');
	return secretEqual(key, secrets.secret) ? ok('Key is valid') : fail('Key does not match');
}

export function verifyGenericSignature(input: SignatureInput, secrets: { secret?: string }, options: GenericSignatureOptions = {}): SignatureResult {
	if (missingSecret(secrets.secret)) return fail('No signing secret configured');
	const raw = rawBuffer(input.rawBody);
	if (!raw) return fail(RAW_BODY_UNAVAILABLE);
	const headerName = (options.headerName || DEFAULT_GENERIC_SIGNATURE_HEADER).toLowerCase();
	const value = header(input, headerName);
	if (!value) return fail(`Missing ${headerName} header`);
	const provided = stripPrefix(value, 'sha256', false);
	if (typeof provided !== 'string') return provided;
	if (!options.timestampHeader) return compareHex(provided, hmac(secrets.secret, raw));

	const timestampName = options.timestampHeader.toLowerCase();
	const timestampText = header(input, timestampName);
	if (!timestampText) return fail(`Missing ${timestampName} header`);
	const timestamp = timestampMs(timestampText);
	if (timestamp === null) return fail(`Malformed ${timestampName} header`);
	const replay = checkReplayWindow(timestamp, options);
	if (replay) return replay;
	return compareHex(provided, hmac(secrets.secret, `${timestampText}:`, raw));
}

// ---------------------------------------------------------------------------------------------
// scheme metadata, for credentials and nodes

export type SignatureSchemeId =
	| 'none'
	| 'typeform'
	| 'tally'
	| 'meta'
	| 'line'
	| 'telegram'
	| 'webflow'
	| 'linkedin'
	| 'calendly'
	| 'hubspot'
	| 'googleads'
	| 'mailchimp'
	| 'generic';

export interface SignatureSecrets {
	secret?: string;
	headerName?: string;
	timestampHeader?: string;
	toleranceSeconds?: number;
	queryParameter?: string;
}

export interface SignatureSchemeField {
	name: keyof SignatureSecrets;
	displayName: string;
	/** hide the value (password field) */
	secret: boolean;
	required: boolean;
	default?: string | number;
	description: string;
}

export interface SignatureScheme {
	id: SignatureSchemeId;
	displayName: string;
	description: string;
	/** the headers the vendor sends, lower case */
	headers: string[];
	fields: SignatureSchemeField[];
	/**
	 * false when the check reads no raw body: a token in a header (Telegram), a secret in the URL
	 * (Mailchimp) or in the parsed body (Google Ads); absent means the exact bytes received are signed
	 */
	signsRawBody?: false;
}

function secretField(displayName: string, description: string): SignatureSchemeField {
	return { name: 'secret', displayName, secret: true, required: true, description };
}

const TOLERANCE_FIELD: SignatureSchemeField = {
	name: 'toleranceSeconds',
	displayName: 'Replay Window (Seconds)',
	secret: false,
	required: false,
	default: DEFAULT_REPLAY_TOLERANCE_SECONDS,
	description: 'Reject deliveries whose timestamp is further than this from now, in either direction',
};

export const SIGNATURE_SCHEMES: readonly SignatureScheme[] = [
	{ id: 'none', displayName: 'None', description: 'Accept deliveries without checking a signature', headers: [], fields: [], signsRawBody: false },
	{
		id: 'typeform',
		displayName: 'Typeform',
		description: 'typeform-signature: sha256=<base64 HMAC-SHA256 of the body>',
		headers: ['typeform-signature'],
		fields: [secretField('Secret', 'The secret set on the Typeform webhook')],
	},
	{
		id: 'tally',
		displayName: 'Tally',
		description: 'tally-signature: <base64 HMAC-SHA256 of the body>',
		headers: ['tally-signature'],
		fields: [secretField('Signing Secret', 'The signing secret of the Tally webhook')],
	},
	{
		id: 'meta',
		displayName: 'Meta (Facebook Lead Ads, WhatsApp, Instagram)',
		description: 'x-hub-signature-256: sha256=<hex HMAC-SHA256 of the body>, for Facebook Lead Ads, the WhatsApp Business Cloud API and Instagram messaging',
		headers: ['x-hub-signature-256'],
		fields: [secretField('App Secret', 'The App Secret of the Meta app that owns the webhook')],
	},
	{
		id: 'line',
		displayName: 'LINE Messaging API',
		description: 'x-line-signature: <base64 HMAC-SHA256 of the body>',
		headers: ['x-line-signature'],
		fields: [secretField('Channel Secret', 'The channel secret of the LINE Messaging API channel (Basic settings)')],
	},
	{
		id: 'telegram',
		displayName: 'Telegram Bot (Secret Token)',
		description: 'x-telegram-bot-api-secret-token equals the secret_token set with setWebhook; Telegram signs nothing',
		headers: ['x-telegram-bot-api-secret-token'],
		fields: [secretField('Secret Token', 'The secret_token passed to setWebhook: 1-256 characters A-Z, a-z, 0-9, _ and -')],
		signsRawBody: false,
	},
	{
		id: 'webflow',
		displayName: 'Webflow',
		description: 'x-webflow-signature: <hex HMAC-SHA256 of "timestamp:body">, x-webflow-timestamp in ms',
		headers: ['x-webflow-signature', 'x-webflow-timestamp'],
		fields: [secretField('Secret', 'The webhook secret, or the OAuth app client secret for app-created webhooks'), TOLERANCE_FIELD],
	},
	{
		id: 'linkedin',
		displayName: 'LinkedIn',
		description: 'x-li-signature: <hex HMAC-SHA256 of "hmacsha256=" + body>',
		headers: ['x-li-signature'],
		fields: [secretField('Client Secret', 'The client secret of the LinkedIn app')],
	},
	{
		id: 'calendly',
		displayName: 'Calendly',
		description: 'calendly-webhook-signature: t=<seconds>,v1=<hex HMAC-SHA256 of "t.body">',
		headers: ['calendly-webhook-signature'],
		fields: [secretField('Webhook Signing Key', 'The signing_key of the webhook subscription, or the OAuth app\'s webhook signing key'), TOLERANCE_FIELD],
	},
	{
		id: 'hubspot',
		displayName: 'HubSpot (Signature v3)',
		description: 'x-hubspot-signature-v3: <base64 HMAC-SHA256 of method + URL + body + x-hubspot-request-timestamp>',
		headers: ['x-hubspot-signature-v3', 'x-hubspot-request-timestamp'],
		fields: [secretField('Client Secret', 'The client secret of the HubSpot app that sends the webhooks'), TOLERANCE_FIELD],
	},
	{
		id: 'googleads',
		displayName: 'Google Ads Lead Forms',
		description: 'google_key in the JSON body equals the key set on the lead form',
		headers: [],
		fields: [secretField('Webhook Key', 'The key entered next to the webhook URL in the lead form')],
		signsRawBody: false,
	},
	{
		id: 'mailchimp',
		displayName: 'Mailchimp (Secret in the URL)',
		description: 'The webhook URL carries ?secret=<value>; Mailchimp signs nothing',
		headers: [],
		signsRawBody: false,
		fields: [
			secretField('URL Secret', 'A long random value, appended to the webhook URL as ?secret=<value> in Mailchimp'),
			{
				name: 'queryParameter',
				displayName: 'URL Parameter',
				secret: false,
				required: false,
				default: DEFAULT_URL_SECRET_PARAMETER,
				description: 'Name of the query parameter that carries the secret',
			},
		],
	},
	{
		id: 'generic',
		displayName: 'Generic HMAC-SHA256',
		description: 'A header with the hex HMAC-SHA256 of the body (sha256= prefix optional), optionally with a timestamp',
		headers: [DEFAULT_GENERIC_SIGNATURE_HEADER],
		fields: [
			secretField('Secret', 'The shared secret used to sign deliveries'),
			{
				name: 'headerName',
				displayName: 'Signature Header',
				secret: false,
				required: false,
				default: DEFAULT_GENERIC_SIGNATURE_HEADER,
				description: 'Header that carries the signature',
			},
			{
				name: 'timestampHeader',
				displayName: 'Timestamp Header',
				secret: false,
				required: false,
				default: '',
				description: 'Optional header with a timestamp; when set, "timestamp:body" is signed and old deliveries are rejected',
			},
			TOLERANCE_FIELD,
		],
	},
];

export function findSignatureScheme(id: string): SignatureScheme | undefined {
	return SIGNATURE_SCHEMES.find((scheme) => scheme.id === id);
}

/** Whether a scheme's check needs the raw body (see SignatureScheme.signsRawBody); an unknown scheme is treated as one that does. */
export function schemeNeedsRawBody(id: string): boolean {
	return findSignatureScheme(id)?.signsRawBody !== false;
}

/** Runs the check for a scheme id; `now` is taken as a parameter for deterministic tests. */
export function verifySignature(scheme: SignatureSchemeId | string, input: SignatureInput, secrets: SignatureSecrets, now?: number): SignatureResult {
	const replay: ReplayOptions = { toleranceSeconds: secrets.toleranceSeconds, now };
	switch (scheme) {
		case 'none':
			return ok('Signature check disabled');
		case 'typeform':
			return verifyTypeformSignature(input, secrets);
		case 'tally':
			return verifyTallySignature(input, secrets);
		case 'meta':
			return verifyMetaSignature(input, secrets);
		case 'line':
			return verifyLineSignature(input, secrets);
		case 'telegram':
			return verifyTelegramSecretToken(input, secrets);
		case 'webflow':
			return verifyWebflowSignature(input, secrets, replay);
		case 'linkedin':
			return verifyLinkedInSignature(input, secrets);
		case 'calendly':
			return verifyCalendlySignature(input, secrets, replay);
		case 'hubspot':
			return verifyHubSpotV3Signature(input, secrets, replay);
		case 'googleads':
			return verifyGoogleAdsKey(input, secrets);
		case 'mailchimp':
			return verifyUrlSecret(input, secrets);
		case 'generic':
			return verifyGenericSignature(input, secrets, { ...replay, headerName: secrets.headerName, timestampHeader: secrets.timestampHeader });
		default:
			return fail('Unknown signature scheme');
	}
}
