import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';

import type { ICredentialDataDecryptedObject, ICredentialTestFunctions, IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { LeadWebhookSecretApi } from '../../credentials/LeadWebhookSecretApi.credentials';
import { withoutGoogleKey } from '../../lib/normalizers/googleads';
import { leadWebhookSecretTest } from '../../nodes/LeadIntakeTrigger/credentialTest';
import { LeadIntakeTrigger } from '../../nodes/LeadIntakeTrigger/LeadIntakeTrigger.node';
import {
	computeCalendlySignature,
	computeGenericSignature,
	computeHubSpotV3Signature,
	computeLinkedInChallengeResponse,
	computeLineSignature,
	computeLinkedInSignature,
	computeMetaSignature,
	computeTallySignature,
	computeTypeformSignature,
	computeWebflowSignature,
	findSignatureScheme,
	hubSpotSignedUrl,
	RAW_BODY_UNAVAILABLE,
	safeEqual,
	schemeNeedsRawBody,
	secretEqual,
	SIGNATURE_SCHEMES,
	verifyCalendlySignature,
	verifyGenericSignature,
	verifyGoogleAdsKey,
	verifyHubSpotV3Signature,
	verifyLineSignature,
	verifyLinkedInSignature,
	verifyMetaSignature,
	verifySignature,
	verifyTallySignature,
	verifyTelegramSecretToken,
	verifyTypeformSignature,
	verifyUrlSecret,
	verifyWebflowSignature,
	type SignatureInput,
	type SignatureResult,
} from '../../lib/intake/signatures';

const SECRET = 'whsec_test_0123456789';
const WRONG_SECRET = 'whsec_other_9876543210';
const RAW = Buffer.from('{"event_id":"LtWXD3crgy","event_type":"form_response","name":"Zoë Ångström"}', 'utf8');
const TAMPERED = Buffer.from('{"event_id":"LtWXD3crgy","event_type":"form_response","name":"Zoe Angstrom"}', 'utf8');
const NOW = 1_709_633_000_000;

function input(rawBody: Buffer | string | null, headers: Record<string, string>, body?: unknown): SignatureInput {
	return { rawBody, headers, body };
}

/** Nothing secret leaks into a reason, whatever the outcome. */
function expectSafe(result: SignatureResult, ...secrets: string[]): void {
	for (const secret of secrets) expect(result.reason).not.toContain(secret);
	expect(result.reason.length).toBeGreaterThan(0);
}

/**
 * What each vendor sends for RAW signed with SECRET (at NOW where a timestamp is signed), computed
 * by hand with openssl, not with our code, e.g.
 *   printf '%s' "$RAW" | openssl dgst -sha256 -hmac "$SECRET" -binary | base64      (Typeform, Tally)
 *   printf 'hmacsha256=%s' "$RAW" | openssl dgst -sha256 -hmac "$SECRET"            (LinkedIn)
 *   printf '1709633000.%s' "$RAW" | openssl dgst -sha256 -hmac "$SECRET"            (Calendly)
 * None of these vendors publishes a sample signature with its secret and body.
 */
const BY_HAND = {
	base64: 'MLBLZ5Bhc9KeLXg/WOqNPuRNm12/T9yJHgp9VpR4fCc=',
	hex: '30b04b67906173d29e2d783f58ea8d3ee44d9b5dbf4fdc891e0a7d5694787c27',
	linkedin: 'b7da6adb6175a97ebf8209728ea85a7bfe275e67f9b848a57f777fa22c5ebd9a',
	/** over "1709633000000:" + RAW */
	webflow: '4da75a00a2a25d17f10de7cc9c48a25214749da8e738f5784ddc3fd938ecc4d0',
	/** over "1709633000:" + RAW */
	genericWithSeconds: 'd7c836b676b97de1ccfbf6ec0c0586c7301e5ef6042266a74f517dfe48953b82',
	/** over "1709633000." + RAW */
	calendly: '5b580b9a230796f5a21e1970e36eb42024382fe1d35633b98aff9b2ffbd4071e',
	/** base64 over "POST" + "https://n8n.example.com/webhook/leads?ref=a:b/c&x=%20y" + RAW + "1709633000000" */
	hubspot: 'FFstO+zV5TTbnXuwsN3whOkMgO8/pLHsk2EemiHw7mw=',
	/** over "890e4665-4dfe-4ab1-b689-ed553bceeed0" (the challengeCode in LinkedIn's webhook docs) */
	linkedinChallenge: 'be0f1ac43a1e62781b3fa07dc17b8f086b0df86bcfb52fa6894f8b4ee9d7ecd9',
	sha1hex: 'f8db6a3f7f9c6b90749b8e262425154714fc45d8',
};
const NOW_SECONDS = 1_709_633_000;

describe('published and hand-computed reference values', () => {
	it('Meta (X-Hub-Signature-256): the example GitHub publishes for the same header', () => {
		// https://docs.github.com/webhooks/using-webhooks/validating-webhook-deliveries, "Testing the
		// webhook payload validation": secret "It's a Secret to Everybody", payload "Hello, World!"
		const published = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
		expect(computeMetaSignature('Hello, World!', "It's a Secret to Everybody")).toBe(published);
		expect(verifyMetaSignature(input('Hello, World!', { 'x-hub-signature-256': published }), { secret: "It's a Secret to Everybody" })).toEqual({ valid: true, reason: 'Signature is valid' });
		expect(verifyMetaSignature(input('Hello, World?', { 'x-hub-signature-256': published }), { secret: "It's a Secret to Everybody" }).valid).toBe(false);
	});

	it('HubSpot v3: the value in HubSpot\'s official Python SDK test', () => {
		// HubSpot/hubspot-api-python tests/spec/utils/test_signature.py, test_get_signature__v3
		expect(computeHubSpotV3Signature('POST', 'https://www.example.com/webhook_uri', "{'example_field':'example_value'}", 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy', 15000000)).toBe(
			'HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=',
		);
	});

	it('HubSpot v3: a test delivery from HubSpot, as published in a third-party SDK test', () => {
		// slickteam hubspot-api-java, HubSpotWebHookSignatureUtilsTest (HubSpot's "Test" button payload:
		// eventId 100, propertyValue "sample-value"); reproduced by hand with openssl
		const body = '[{"eventId":100,"subscriptionId":2439752,"portalId":8136442,"occurredAt":1704970386905,"subscriptionType":"deal.propertyChange","attemptNumber":0,"objectId":123,"changeSource":"CRM","propertyName":"dealstage","propertyValue":"sample-value"}]';
		const headers = { 'x-hubspot-signature-v3': 'IirHW2rKOnmjwy3EF7Czp86mGntxQZVDVhKTlGj5jx8=', 'x-hubspot-request-timestamp': '1704975585199' };
		const delivery = { ...input(body, headers), method: 'POST', urls: ['https://api.beta/webhooks'] };
		const secret = { secret: '3da21a3d-5964-494c-a638-c56abb76d825' };
		expect(verifyHubSpotV3Signature(delivery, secret, { now: 1704975585199 + 60_000 })).toEqual({ valid: true, reason: 'Signature is valid' });
		// more than HubSpot's five minutes later, the same delivery is a replay
		expect(verifyHubSpotV3Signature(delivery, secret, { now: 1704975585199 + 301_000 }).reason).toBe('Timestamp is outside the allowed window');
		expect(verifyHubSpotV3Signature({ ...delivery, urls: ['https://api.beta/webhooks/'] }, secret, { now: 1704975585199 }).valid).toBe(false);
		expect(verifyHubSpotV3Signature({ ...delivery, method: 'PUT' }, secret, { now: 1704975585199 }).valid).toBe(false);
	});

	it('HubSpot v3 decodes exactly the escapes in HubSpot\'s table before signing the URL', () => {
		expect(hubSpotSignedUrl('https://h.example/p%3Fq?a=%3a%2F%3f%40%21%24%27%28%29%2a%2C%3B')).toBe("https://h.example/p?q?a=:/?@!$'()*,;");
		// not in the table: spaces, ampersands, equals signs, plus signs and non-ASCII stay escaped
		expect(hubSpotSignedUrl('https://h.example/?x=%20%26%3D%2B%C3%A9')).toBe('https://h.example/?x=%20%26%3D%2B%C3%A9');
		const headers = { 'x-hubspot-signature-v3': BY_HAND.hubspot, 'x-hubspot-request-timestamp': String(NOW) };
		const sentTo = 'https://n8n.example.com/webhook/leads?ref=a%3Ab%2Fc&x=%20y';
		expect(verifyHubSpotV3Signature({ ...input(RAW, headers), urls: [sentTo] }, { secret: SECRET }, { now: NOW }).valid).toBe(true);
		// any candidate URL may match (n8n behind a proxy sees another host than HubSpot called)
		expect(verifyHubSpotV3Signature({ ...input(RAW, headers), urls: ['http://127.0.0.1:5678/webhook/leads', sentTo] }, { secret: SECRET }, { now: NOW }).valid).toBe(true);
		expect(verifyHubSpotV3Signature({ ...input(RAW, headers), urls: ['http://127.0.0.1:5678/webhook/leads'] }, { secret: SECRET }, { now: NOW })).toEqual({ valid: false, reason: 'Signature does not match' });
		expect(verifyHubSpotV3Signature(input(RAW, headers), { secret: SECRET }, { now: NOW })).toEqual({ valid: false, reason: 'Request URL is not available' });
		expect(computeHubSpotV3Signature('post', sentTo, RAW, SECRET, NOW)).toBe(BY_HAND.hubspot);
	});

	it('LINE (x-line-signature): the values in LINE\'s own SDK tests', () => {
		// line/line-bot-sdk-nodejs test/validate-signature.spec.ts: secret "test_secret", body
		// JSON.stringify({hello: "world"}), a valid signature and the same with two letters' case flipped
		const nodeSdk = { body: '{"hello":"world"}', secret: 'test_secret', valid: 't7Hn4ZDHqs6e+wdvI5TyQIvzie0DmMUmuXEBqyyE/tM=', invalid: 't7Hn4ZDHqs6e+wdvi5TyQivzie0DmMUmuXEBqyyE/tM=' };
		expect(computeLineSignature(nodeSdk.body, nodeSdk.secret)).toBe(nodeSdk.valid);
		expect(verifyLineSignature(input(nodeSdk.body, { 'x-line-signature': nodeSdk.valid }), { secret: nodeSdk.secret })).toEqual({ valid: true, reason: 'Signature is valid' });
		expect(verifyLineSignature(input(nodeSdk.body, { 'x-line-signature': nodeSdk.invalid }), { secret: nodeSdk.secret })).toEqual({ valid: false, reason: 'Signature does not match' });
		// line/line-bot-sdk-python tests/test_signature.py: SignatureValidator('channel_secret'), body 'bodybodybodybody'
		const pythonSdk = { body: 'bodybodybodybody', secret: 'channel_secret', valid: '/gg9a+LvFevTH1sd7XCQycD7tsWclCsInj7MhBHxN7k=' };
		expect(computeLineSignature(pythonSdk.body, pythonSdk.secret)).toBe(pythonSdk.valid);
		expect(verifySignature('line', input(pythonSdk.body, { 'x-line-signature': pythonSdk.valid }), { secret: pythonSdk.secret }).valid).toBe(true);
		expect(verifySignature('line', input(pythonSdk.body, { 'x-line-signature': 'invalid_signature' }), { secret: pythonSdk.secret })).toEqual({ valid: false, reason: 'Malformed signature' });
	});

	it('every other scheme signs what its vendor documents (values computed by hand with openssl)', () => {
		expect(computeTypeformSignature(RAW, SECRET)).toBe(`sha256=${BY_HAND.base64}`);
		expect(computeLineSignature(RAW, SECRET)).toBe(BY_HAND.base64);
		expect(computeTallySignature(RAW, SECRET)).toBe(BY_HAND.base64);
		expect(computeMetaSignature(RAW, SECRET)).toBe(`sha256=${BY_HAND.hex}`);
		expect(computeGenericSignature(RAW, SECRET)).toBe(BY_HAND.hex);
		expect(computeGenericSignature(RAW, SECRET, NOW_SECONDS)).toBe(BY_HAND.genericWithSeconds);
		expect(computeWebflowSignature(RAW, SECRET, NOW)).toBe(BY_HAND.webflow);
		expect(computeLinkedInSignature(RAW, SECRET)).toBe(BY_HAND.linkedin);
		expect(computeLinkedInChallengeResponse('890e4665-4dfe-4ab1-b689-ed553bceeed0', SECRET)).toBe(BY_HAND.linkedinChallenge);
		expect(computeCalendlySignature(RAW, SECRET, NOW_SECONDS)).toBe(`t=${NOW_SECONDS},v1=${BY_HAND.calendly}`);
	});

	it('the verifiers accept those hand-computed values', () => {
		const secrets = { secret: SECRET };
		expect(verifyTypeformSignature(input(RAW, { 'typeform-signature': `sha256=${BY_HAND.base64}` }), secrets).valid).toBe(true);
		expect(verifyTallySignature(input(RAW, { 'tally-signature': BY_HAND.base64 }), secrets).valid).toBe(true);
		expect(verifyLineSignature(input(RAW, { 'x-line-signature': BY_HAND.base64 }), secrets).valid).toBe(true);
		expect(verifyMetaSignature(input(RAW, { 'x-hub-signature-256': `sha256=${BY_HAND.hex}` }), secrets).valid).toBe(true);
		expect(verifyGenericSignature(input(RAW, { 'x-signature': BY_HAND.hex }), secrets).valid).toBe(true);
		expect(verifyGenericSignature(input(RAW, { 'x-signature': BY_HAND.genericWithSeconds, 'x-ts': String(NOW_SECONDS) }), secrets, { timestampHeader: 'x-ts', now: NOW }).valid).toBe(true);
		expect(verifyWebflowSignature(input(RAW, { 'x-webflow-signature': BY_HAND.webflow, 'x-webflow-timestamp': String(NOW) }), secrets, { now: NOW }).valid).toBe(true);
		expect(verifyLinkedInSignature(input(RAW, { 'x-li-signature': BY_HAND.linkedin }), secrets).valid).toBe(true);
		expect(verifyCalendlySignature(input(RAW, { 'calendly-webhook-signature': `t=${NOW_SECONDS},v1=${BY_HAND.calendly}` }), secrets, { now: NOW }).valid).toBe(true);
	});

	it('safeEqual and secretEqual compare lengths and contents', () => {
		expect(safeEqual('abc', 'abc')).toBe(true);
		expect(safeEqual('abc', 'abd')).toBe(false);
		expect(safeEqual('abc', 'abcd')).toBe(false);
		expect(safeEqual('', '')).toBe(true);
		expect(secretEqual('abc', 'abc')).toBe(true);
		expect(secretEqual('abc', 'abcd')).toBe(false);
		expect(secretEqual('abc', 'ABC')).toBe(false);
	});
});

interface HmacCase {
	name: string;
	header: string;
	/** the header for RAW signed with SECRET, computed by hand (BY_HAND) */
	genuine: string;
	sign: (raw: Buffer, secret: string) => string;
	verify: (input: SignatureInput, secrets: { secret?: string }) => SignatureResult;
	wrongAlgorithm: string;
}

const HMAC_CASES: HmacCase[] = [
	{ name: 'typeform', header: 'typeform-signature', genuine: `sha256=${BY_HAND.base64}`, sign: computeTypeformSignature, verify: verifyTypeformSignature, wrongAlgorithm: 'sha1=' },
	{ name: 'tally', header: 'tally-signature', genuine: BY_HAND.base64, sign: computeTallySignature, verify: verifyTallySignature, wrongAlgorithm: 'sha1=' },
	{ name: 'line', header: 'x-line-signature', genuine: BY_HAND.base64, sign: computeLineSignature, verify: verifyLineSignature, wrongAlgorithm: 'sha1=' },
	{ name: 'meta', header: 'x-hub-signature-256', genuine: `sha256=${BY_HAND.hex}`, sign: computeMetaSignature, verify: verifyMetaSignature, wrongAlgorithm: 'sha1=' },
	{ name: 'linkedin', header: 'x-li-signature', genuine: BY_HAND.linkedin, sign: computeLinkedInSignature, verify: verifyLinkedInSignature, wrongAlgorithm: 'sha1=' },
	{
		name: 'generic',
		header: 'x-signature',
		genuine: BY_HAND.hex,
		sign: (raw, secret) => computeGenericSignature(raw, secret),
		verify: (signed, secrets) => verifyGenericSignature(signed, secrets),
		wrongAlgorithm: 'sha1=',
	},
];

describe.each(HMAC_CASES)('$name signatures', ({ header, genuine, sign, verify, wrongAlgorithm }) => {
	const good = () => genuine;

	it('accepts a valid signature (Buffer or string body)', () => {
		const result = verify(input(RAW, { [header]: good() }), { secret: SECRET });
		expect(result).toEqual({ valid: true, reason: 'Signature is valid' });
		expect(verify(input(RAW.toString('utf8'), { [header]: good() }), { secret: SECRET }).valid).toBe(true);
	});

	it('rejects a tampered body', () => {
		const result = verify(input(TAMPERED, { [header]: good() }), { secret: SECRET });
		expect(result).toEqual({ valid: false, reason: 'Signature does not match' });
	});

	it('rejects a signature made with another secret', () => {
		const result = verify(input(RAW, { [header]: sign(RAW, WRONG_SECRET) }), { secret: SECRET });
		expect(result.valid).toBe(false);
		expectSafe(result, SECRET, good(), good().replace(/^sha256=/, ''));
	});

	it('rejects a missing header, naming the header', () => {
		const result = verify(input(RAW, {}), { secret: SECRET });
		expect(result).toEqual({ valid: false, reason: `Missing ${header} header` });
	});

	it('rejects a missing secret and a missing raw body', () => {
		expect(verify(input(RAW, { [header]: good() }), { secret: '' }).valid).toBe(false);
		expect(verify(input(RAW, { [header]: good() }), {}).valid).toBe(false);
		expect(verify(input(null, { [header]: good() }), { secret: SECRET })).toEqual({ valid: false, reason: RAW_BODY_UNAVAILABLE });
	});

	it.each([
		['truncated', (value: string) => value.slice(0, -6)],
		['too long', (value: string) => `${value}00`],
		['garbage', () => 'not-a-signature'],
		['non-hex / non-base64 characters', (value: string) => value.replace(/[0-9a-f]$/i, 'Z').replace(/=$/, '!')],
		['empty after the prefix', (value: string) => (value.includes('=') && value.indexOf('=') < 12 ? value.slice(0, value.indexOf('=') + 1) : ' ')],
	])('rejects a %s signature without throwing', (_label, mangle) => {
		let result: SignatureResult | undefined;
		expect(() => {
			result = verify(input(RAW, { [header]: mangle(good()) }), { secret: SECRET });
		}).not.toThrow();
		expect(result?.valid).toBe(false);
		expectSafe(result!, SECRET, good());
	});

	it(`rejects a ${wrongAlgorithm} signature`, () => {
		const result = verify(input(RAW, { [header]: `${wrongAlgorithm}${BY_HAND.sha1hex}` }), { secret: SECRET });
		expect(result.valid).toBe(false);
	});
});

describe('prefix rules', () => {
	it('typeform and meta require the sha256= prefix', () => {
		const bareTypeform = computeTypeformSignature(RAW, SECRET).replace('sha256=', '');
		expect(verifyTypeformSignature(input(RAW, { 'typeform-signature': bareTypeform }), { secret: SECRET }).valid).toBe(false);
		const bareMeta = computeMetaSignature(RAW, SECRET).replace('sha256=', '');
		expect(verifyMetaSignature(input(RAW, { 'x-hub-signature-256': bareMeta }), { secret: SECRET }).valid).toBe(false);
	});

	it('meta reports a sha1 header as an unsupported algorithm', () => {
		expect(verifyMetaSignature(input(RAW, { 'x-hub-signature-256': `sha1=${BY_HAND.sha1hex}` }), { secret: SECRET })).toEqual({
			valid: false,
			reason: 'Unsupported signature algorithm',
		});
	});

	it('tally rejects a sha256= prefix (Tally sends none)', () => {
		const prefixed = `sha256=${computeTallySignature(RAW, SECRET)}`;
		expect(verifyTallySignature(input(RAW, { 'tally-signature': prefixed }), { secret: SECRET }).valid).toBe(false);
	});

	it('line rejects a sha256= prefix and a hex digest (LINE sends bare base64)', () => {
		expect(verifyLineSignature(input(RAW, { 'x-line-signature': `sha256=${BY_HAND.base64}` }), { secret: SECRET }).valid).toBe(false);
		expect(verifyLineSignature(input(RAW, { 'x-line-signature': BY_HAND.hex }), { secret: SECRET })).toEqual({ valid: false, reason: 'Malformed signature' });
	});

	it('generic accepts the signature with or without sha256=, in either case', () => {
		const hex = computeGenericSignature(RAW, SECRET);
		for (const value of [hex, `sha256=${hex}`, hex.toUpperCase(), `SHA256=${hex}`]) {
			expect(verifyGenericSignature(input(RAW, { 'x-signature': value }), { secret: SECRET }).valid).toBe(true);
		}
	});

	it('linkedin: the header is exactly the bare hex of HMAC("hmacsha256=" + body), nothing else', () => {
		// LinkedIn's webhook-validation page: the header value "is the HMACSHA256 hash of the ...
		// POST body prefixed by hmacsha256="; the prefix is part of what is signed, not of the header
		expect(verifyLinkedInSignature(input(RAW, { 'x-li-signature': BY_HAND.linkedin }), { secret: SECRET }).valid).toBe(true);
		expect(verifyLinkedInSignature(input(RAW, { 'x-li-signature': BY_HAND.linkedin.toUpperCase() }), { secret: SECRET }).valid).toBe(true);
		// the body's own HMAC, bare or with the prefix put into the header, is not what LinkedIn sends
		expect(verifyLinkedInSignature(input(RAW, { 'x-li-signature': BY_HAND.hex }), { secret: SECRET }).valid).toBe(false);
		expect(verifyLinkedInSignature(input(RAW, { 'x-li-signature': `hmacsha256=${BY_HAND.hex}` }), { secret: SECRET }).valid).toBe(false);
		expect(verifyLinkedInSignature(input(RAW, { 'x-li-signature': `hmacsha256=${BY_HAND.linkedin}` }), { secret: SECRET })).toEqual({ valid: false, reason: 'Malformed signature' });
	});

	it('generic reads a configurable header name', () => {
		const hex = computeGenericSignature(RAW, SECRET);
		const headers = { 'x-acme-signature': hex };
		expect(verifyGenericSignature(input(RAW, headers), { secret: SECRET }, { headerName: 'X-Acme-Signature' }).valid).toBe(true);
		expect(verifyGenericSignature(input(RAW, headers), { secret: SECRET })).toEqual({ valid: false, reason: 'Missing x-signature header' });
	});
});

/**
 * HMAC-SHA256 of `data` keyed with `key`, by openssl in a child process: an oracle independent of
 * node's crypto and of our helpers (`openssl dgst -sha256 -hmac KEY -binary`).
 */
function opensslHmac(data: string | Buffer, key: string): Buffer {
	return execFileSync('openssl', ['dgst', '-sha256', '-hmac', key, '-binary'], { input: data });
}

const META_APP_SECRET = 'a3f1c9e0b7d24e6f8a5c1b9d0e2f4a6c';
/**
 * The text-message example of Meta's WhatsApp "messages webhook reference"
 * (developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages),
 * as Meta posts it: compact JSON.
 */
const WHATSAPP_TEXT = JSON.stringify({
	object: 'whatsapp_business_account',
	entry: [
		{
			id: '102290129340398',
			changes: [
				{
					value: {
						messaging_product: 'whatsapp',
						metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
						contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' }],
						messages: [{ from: '16505551234', id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=', timestamp: '1749416383', type: 'text', text: { body: 'Does it come in another color?' } }],
					},
					field: 'messages',
				},
			],
		},
	],
});
/**
 * An Instagram messaging notification in the shape of Meta's "Instagram Platform Webhook
 * Notification Examples" (messaging payload), with made-up ids and a Persian message.
 */
const INSTAGRAM_MESSAGE = JSON.stringify({
	object: 'instagram',
	entry: [
		{
			id: '17841405822304914',
			time: 1764640800,
			messaging: [{ sender: { id: '1254459154682919' }, recipient: { id: '17841405822304914' }, timestamp: 1764640799000, message: { mid: 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDA1ODIyMzA0OTE0', text: 'سلام، قیمت پکیج سالانه چنده؟' } }],
		},
	],
});

describe('meta scheme for WhatsApp Business Cloud API and Instagram messaging (x-hub-signature-256, the app secret)', () => {
	const signed = (body: string) => `sha256=${opensslHmac(body, META_APP_SECRET).toString('hex')}`;

	it.each([
		['WhatsApp text message', WHATSAPP_TEXT],
		['Instagram message (UTF-8 Persian text)', INSTAGRAM_MESSAGE],
	])('%s: the signature openssl computes over the bytes is valid, the same body with one changed character is not', (_label, body) => {
		expect(verifySignature('meta', input(body, { 'x-hub-signature-256': signed(body) }), { secret: META_APP_SECRET })).toEqual({ valid: true, reason: 'Signature is valid' });
		expect(verifySignature('meta', input(Buffer.from(body, 'utf8'), { 'x-hub-signature-256': signed(body) }), { secret: META_APP_SECRET }).valid).toBe(true);
		const forged = body.replace('"text"', '"texT"');
		expect(verifySignature('meta', input(forged, { 'x-hub-signature-256': signed(body) }), { secret: META_APP_SECRET })).toEqual({ valid: false, reason: 'Signature does not match' });
	});

	it('WhatsApp: forged, missing, wrong-length, no secret and no raw body all fail, naming the cause', () => {
		const header = signed(WHATSAPP_TEXT);
		const check = (raw: string | null, headers: Record<string, string>, secret?: string) => verifySignature('meta', input(raw, headers), { secret });
		expect(check(WHATSAPP_TEXT, { 'x-hub-signature-256': `sha256=${opensslHmac(WHATSAPP_TEXT, 'another-app-secret').toString('hex')}` }, META_APP_SECRET)).toEqual({ valid: false, reason: 'Signature does not match' });
		expect(check(WHATSAPP_TEXT, {}, META_APP_SECRET)).toEqual({ valid: false, reason: 'Missing x-hub-signature-256 header' });
		expect(check(WHATSAPP_TEXT, { 'x-hub-signature-256': header.slice(0, -2) }, META_APP_SECRET)).toEqual({ valid: false, reason: 'Malformed signature' });
		expect(check(WHATSAPP_TEXT, { 'x-hub-signature-256': `${header}00` }, META_APP_SECRET)).toEqual({ valid: false, reason: 'Malformed signature' });
		expect(check(WHATSAPP_TEXT, { 'x-hub-signature-256': header }, '')).toEqual({ valid: false, reason: 'No app secret configured' });
		expect(check(null, { 'x-hub-signature-256': header }, META_APP_SECRET)).toEqual({ valid: false, reason: RAW_BODY_UNAVAILABLE });
	});
});

describe('telegram secret token (x-telegram-bot-api-secret-token)', () => {
	// setWebhook's secret_token: 1-256 characters, A-Z a-z 0-9 _ - (Telegram Bot API); Telegram signs nothing
	const TOKEN = 'tg_Lead-Intake_7Qx2mP9vR4';
	const check = (headers: Record<string, string>, secret: string | undefined = TOKEN, raw: string | null = '{"update_id":10000}') => verifyTelegramSecretToken(input(raw, headers), { secret });

	it('accepts the token it was given, through the dispatcher too', () => {
		expect(check({ 'x-telegram-bot-api-secret-token': TOKEN })).toEqual({ valid: true, reason: 'Secret token is valid' });
		expect(verifySignature('telegram', input('{}', { 'x-telegram-bot-api-secret-token': TOKEN }), { secret: TOKEN }).valid).toBe(true);
		// 256 characters is the longest Telegram allows
		const longest = 'A'.repeat(256);
		expect(check({ 'x-telegram-bot-api-secret-token': longest }, longest).valid).toBe(true);
	});

	it('needs no raw body: the token covers the sender, not the bytes (n8n keeps none for multipart)', () => {
		expect(check({ 'x-telegram-bot-api-secret-token': TOKEN }, TOKEN, null)).toEqual({ valid: true, reason: 'Secret token is valid' });
	});

	it('rejects a forged, shorter, longer or differently cased token with one reason that echoes nothing', () => {
		for (const forged of ['tg_Lead-Intake_7Qx2mP9vR5', TOKEN.slice(0, -1), `${TOKEN}0`, TOKEN.toLowerCase(), 'x']) {
			const result = check({ 'x-telegram-bot-api-secret-token': forged });
			expect(result).toEqual({ valid: false, reason: 'Secret token does not match' });
			expectSafe(result, TOKEN, forged);
		}
	});

	it('rejects a missing header, a token Telegram could never send, and a missing secret', () => {
		expect(check({})).toEqual({ valid: false, reason: 'Missing x-telegram-bot-api-secret-token header' });
		expect(check({ 'x-telegram-bot-api-secret-token': '' })).toEqual({ valid: false, reason: 'Missing x-telegram-bot-api-secret-token header' });
		for (const impossible of [`${TOKEN}!`, 'A'.repeat(257), 'token with spaces']) {
			expect(check({ 'x-telegram-bot-api-secret-token': impossible })).toEqual({ valid: false, reason: 'Malformed x-telegram-bot-api-secret-token header' });
		}
		expect(check({ 'x-telegram-bot-api-secret-token': TOKEN }, '')).toEqual({ valid: false, reason: 'No secret token configured' });
		expect(verifyTelegramSecretToken(input(null, { 'x-telegram-bot-api-secret-token': TOKEN }), {})).toEqual({ valid: false, reason: 'No secret token configured' });
		// a token in another header (or the URL) does not count
		expect(check({ 'x-secret-token': TOKEN }).valid).toBe(false);
	});
});

describe('webflow signatures', () => {
	const headers = (timestamp: number | string, signature = computeWebflowSignature(RAW, SECRET, timestamp)) => ({
		'x-webflow-timestamp': String(timestamp),
		'x-webflow-signature': signature,
	});

	it('accepts a fresh, valid signature', () => {
		expect(verifyWebflowSignature(input(RAW, headers(NOW - 1000)), { secret: SECRET }, { now: NOW }).valid).toBe(true);
	});

	it('rejects a tampered body and a wrong secret', () => {
		expect(verifyWebflowSignature(input(TAMPERED, headers(NOW)), { secret: SECRET }, { now: NOW }).valid).toBe(false);
		expect(verifyWebflowSignature(input(RAW, headers(NOW)), { secret: WRONG_SECRET }, { now: NOW }).valid).toBe(false);
	});

	it('rejects a signature over another timestamp', () => {
		const signedEarlier = computeWebflowSignature(RAW, SECRET, NOW - 10);
		expect(verifyWebflowSignature(input(RAW, headers(NOW, signedEarlier)), { secret: SECRET }, { now: NOW }).valid).toBe(false);
	});

	it.each([
		['too old', NOW - 301_000],
		['too far in the future', NOW + 301_000],
	])('rejects a timestamp %s for the default 300 s window', (_label, timestamp) => {
		expect(verifyWebflowSignature(input(RAW, headers(timestamp)), { secret: SECRET }, { now: NOW })).toEqual({
			valid: false,
			reason: 'Timestamp is outside the allowed window',
		});
	});

	it('honours a custom window, both directions', () => {
		expect(verifyWebflowSignature(input(RAW, headers(NOW - 299_000)), { secret: SECRET }, { now: NOW }).valid).toBe(true);
		expect(verifyWebflowSignature(input(RAW, headers(NOW - 61_000)), { secret: SECRET }, { now: NOW, toleranceSeconds: 60 }).valid).toBe(false);
		expect(verifyWebflowSignature(input(RAW, headers(NOW + 59_000)), { secret: SECRET }, { now: NOW, toleranceSeconds: 60 }).valid).toBe(true);
	});

	it('rejects missing or malformed timestamps and signatures without throwing', () => {
		const signature = computeWebflowSignature(RAW, SECRET, NOW);
		expect(verifyWebflowSignature(input(RAW, { 'x-webflow-signature': signature }), { secret: SECRET }, { now: NOW }).reason).toBe(
			'Missing x-webflow-timestamp header',
		);
		expect(verifyWebflowSignature(input(RAW, { 'x-webflow-timestamp': String(NOW) }), { secret: SECRET }, { now: NOW }).reason).toBe(
			'Missing x-webflow-signature header',
		);
		expect(verifyWebflowSignature(input(RAW, headers('yesterday', signature)), { secret: SECRET }, { now: NOW }).valid).toBe(false);
		expect(verifyWebflowSignature(input(RAW, headers(NOW, 'abc')), { secret: SECRET }, { now: NOW }).valid).toBe(false);
	});
});

describe('generic signatures with a timestamp header', () => {
	const options = { timestampHeader: 'X-Timestamp', now: NOW };
	const seconds = Math.floor(NOW / 1000);

	it('accepts "timestamp:body" signed with a timestamp in seconds or ms', () => {
		for (const timestamp of [seconds, NOW]) {
			const headers = { 'x-timestamp': String(timestamp), 'x-signature': computeGenericSignature(RAW, SECRET, timestamp) };
			expect(verifyGenericSignature(input(RAW, headers), { secret: SECRET }, options).valid).toBe(true);
		}
	});

	it('rejects a replay outside the window and a body-only signature', () => {
		const old = seconds - 301;
		const replayed = { 'x-timestamp': String(old), 'x-signature': computeGenericSignature(RAW, SECRET, old) };
		expect(verifyGenericSignature(input(RAW, replayed), { secret: SECRET }, options)).toEqual({
			valid: false,
			reason: 'Timestamp is outside the allowed window',
		});
		const bodyOnly = { 'x-timestamp': String(seconds), 'x-signature': computeGenericSignature(RAW, SECRET) };
		expect(verifyGenericSignature(input(RAW, bodyOnly), { secret: SECRET }, options).valid).toBe(false);
		expect(verifyGenericSignature(input(RAW, { 'x-signature': computeGenericSignature(RAW, SECRET, seconds) }), { secret: SECRET }, options).reason).toBe(
			'Missing x-timestamp header',
		);
	});
});

describe('calendly signatures', () => {
	const signed = (v1 = BY_HAND.calendly, t: number | string = NOW_SECONDS) => ({ 'calendly-webhook-signature': `t=${t},v1=${v1}` });

	it('accepts the hand-computed signature, with spaces or reordered pairs, and a second v1 during key rotation', () => {
		expect(verifyCalendlySignature(input(RAW, signed()), { secret: SECRET }, { now: NOW })).toEqual({ valid: true, reason: 'Signature is valid' });
		expect(verifyCalendlySignature(input(RAW, { 'calendly-webhook-signature': `v1=${BY_HAND.calendly}, t=${NOW_SECONDS}` }), { secret: SECRET }, { now: NOW }).valid).toBe(true);
		expect(verifyCalendlySignature(input(RAW, { 'calendly-webhook-signature': `t=${NOW_SECONDS},v1=${'0'.repeat(64)},v1=${BY_HAND.calendly}` }), { secret: SECRET }, { now: NOW }).valid).toBe(true);
	});

	it('rejects a tampered body, another key, the body-only HMAC and a signature over another timestamp', () => {
		expect(verifyCalendlySignature(input(TAMPERED, signed()), { secret: SECRET }, { now: NOW })).toEqual({ valid: false, reason: 'Signature does not match' });
		expect(verifyCalendlySignature(input(RAW, signed()), { secret: WRONG_SECRET }, { now: NOW }).valid).toBe(false);
		expect(verifyCalendlySignature(input(RAW, signed(BY_HAND.hex)), { secret: SECRET }, { now: NOW }).valid).toBe(false);
		expect(verifyCalendlySignature(input(RAW, signed(BY_HAND.calendly, NOW_SECONDS + 1)), { secret: SECRET }, { now: NOW }).valid).toBe(false);
	});

	it.each([
		['too old', NOW - 301_000],
		['too far in the future', NOW + 301_000],
	])('rejects a delivery %s for the replay window', (_label, now) => {
		expect(verifyCalendlySignature(input(RAW, signed()), { secret: SECRET }, { now })).toEqual({ valid: false, reason: 'Timestamp is outside the allowed window' });
		expect(verifyCalendlySignature(input(RAW, signed()), { secret: SECRET }, { now: NOW + 179_000, toleranceSeconds: 180 }).valid).toBe(true);
	});

	it.each([
		['no header', {}],
		['no t', { 'calendly-webhook-signature': `v1=${BY_HAND.calendly}` }],
		['no v1', { 'calendly-webhook-signature': `t=${NOW_SECONDS}` }],
		['t in milliseconds', { 'calendly-webhook-signature': `t=${NOW},v1=${BY_HAND.calendly}` }],
		['t twice', { 'calendly-webhook-signature': `t=${NOW_SECONDS},t=${NOW_SECONDS},v1=${BY_HAND.calendly}` }],
		['a base64 v1', { 'calendly-webhook-signature': `t=${NOW_SECONDS},v1=${BY_HAND.base64}` }],
		['garbage', { 'calendly-webhook-signature': 'sha256=abc' }],
	])('rejects %s without throwing or echoing the key', (_label, headers) => {
		const result = verifyCalendlySignature(input(RAW, headers as Record<string, string>), { secret: SECRET }, { now: NOW });
		expect(result.valid).toBe(false);
		expectSafe(result, SECRET, BY_HAND.calendly);
	});

	it('needs the raw body and a key', () => {
		expect(verifyCalendlySignature(input(null, signed()), { secret: SECRET }, { now: NOW }).reason).toBe(RAW_BODY_UNAVAILABLE);
		expect(verifyCalendlySignature(input(RAW, signed()), { secret: '' }, { now: NOW }).valid).toBe(false);
	});
});

describe('hubspot v3 signatures', () => {
	const URL_SENT_TO = 'https://n8n.example.com/webhook/leads?ref=a%3Ab%2Fc&x=%20y';
	const delivery = (headers: Record<string, string>, rawBody: Buffer | null = RAW) => ({ ...input(rawBody, headers), method: 'POST', urls: [URL_SENT_TO] });
	const genuine = { 'x-hubspot-signature-v3': BY_HAND.hubspot, 'x-hubspot-request-timestamp': String(NOW) };

	it('rejects a tampered body, another secret, a stale or future timestamp and a changed timestamp', () => {
		expect(verifyHubSpotV3Signature(delivery(genuine, TAMPERED), { secret: SECRET }, { now: NOW })).toEqual({ valid: false, reason: 'Signature does not match' });
		expect(verifyHubSpotV3Signature(delivery(genuine), { secret: WRONG_SECRET }, { now: NOW }).valid).toBe(false);
		expect(verifyHubSpotV3Signature(delivery(genuine), { secret: SECRET }, { now: NOW + 301_000 }).reason).toBe('Timestamp is outside the allowed window');
		expect(verifyHubSpotV3Signature(delivery(genuine), { secret: SECRET }, { now: NOW - 301_000 }).reason).toBe('Timestamp is outside the allowed window');
		expect(verifyHubSpotV3Signature(delivery({ ...genuine, 'x-hubspot-request-timestamp': String(NOW + 1) }), { secret: SECRET }, { now: NOW }).valid).toBe(false);
	});

	it.each([
		['no signature', { 'x-hubspot-request-timestamp': String(NOW) }, 'Missing x-hubspot-signature-v3 header'],
		['no timestamp', { 'x-hubspot-signature-v3': BY_HAND.hubspot }, 'Missing x-hubspot-request-timestamp header'],
		['a timestamp that is not a number', { ...genuine, 'x-hubspot-request-timestamp': 'now' }, 'Malformed x-hubspot-request-timestamp header'],
		['a hex signature (v1/v2 style)', { ...genuine, 'x-hubspot-signature-v3': BY_HAND.hex }, 'Malformed signature'],
	])('rejects %s', (_label, headers, reason) => {
		const result = verifyHubSpotV3Signature(delivery(headers as Record<string, string>), { secret: SECRET }, { now: NOW });
		expect(result).toEqual({ valid: false, reason });
	});

	it('needs the raw body and a secret', () => {
		expect(verifyHubSpotV3Signature(delivery(genuine, null), { secret: SECRET }, { now: NOW }).reason).toBe(RAW_BODY_UNAVAILABLE);
		expect(verifyHubSpotV3Signature(delivery(genuine), {}, { now: NOW }).valid).toBe(false);
	});
});

describe('mailchimp: a secret in the URL', () => {
	const URL_SECRET = 'mc-9f4b2d7e51c0a83b';

	it('accepts the secret from the query, in the configured parameter', () => {
		expect(verifyUrlSecret({ ...input(null, {}), query: { secret: URL_SECRET } }, { secret: URL_SECRET })).toEqual({ valid: true, reason: 'URL secret is valid' });
		expect(verifyUrlSecret({ ...input(null, {}), query: { key: URL_SECRET } }, { secret: URL_SECRET, queryParameter: 'key' }).valid).toBe(true);
	});

	it('rejects a missing, wrong, shorter, longer, differently cased, repeated or misplaced secret without echoing it', () => {
		const cases: Array<[Record<string, unknown>, Record<string, string>, unknown]> = [
			[{}, {}, undefined],
			[{ secret: 'mc-9f4b2d7e51c0a83c' }, {}, undefined],
			[{ secret: 'mc-9f4b' }, {}, undefined],
			[{ secret: `${URL_SECRET}0` }, {}, undefined],
			[{ secret: URL_SECRET.toUpperCase() }, {}, undefined],
			[{ secret: [URL_SECRET, URL_SECRET] }, {}, undefined],
			[{ secret: '' }, {}, undefined],
			[{ Secret: URL_SECRET }, {}, undefined],
			[{}, { secret: URL_SECRET }, undefined],
			[{}, {}, { secret: URL_SECRET }],
		];
		for (const [query, headers, body] of cases) {
			const result = verifyUrlSecret({ ...input(null, headers, body), query }, { secret: URL_SECRET });
			expect(result.valid).toBe(false);
			expectSafe(result, URL_SECRET);
		}
		expect(verifyUrlSecret({ ...input(null, {}), query: { secret: URL_SECRET } }, { secret: '' }).valid).toBe(false);
	});
});

describe('google ads key', () => {
	const KEY = 'gk_live_5f2a9c';

	it('accepts the configured key from the parsed body or the raw body', () => {
		expect(verifyGoogleAdsKey(input(null, {}, { lead_id: 'x', google_key: KEY }), { secret: KEY })).toEqual({ valid: true, reason: 'Key is valid' });
		expect(verifyGoogleAdsKey(input(JSON.stringify({ google_key: KEY }), {}), { secret: KEY }).valid).toBe(true);
	});

	it('rejects a wrong, shorter, longer or missing key without echoing either', () => {
		for (const key of ['gk_live_5f2a9d', 'gk', `${KEY}0`]) {
			const result = verifyGoogleAdsKey(input(null, {}, { google_key: key }), { secret: KEY });
			expect(result).toEqual({ valid: false, reason: 'Key does not match' });
			expectSafe(result, KEY, key);
		}
		expect(verifyGoogleAdsKey(input(null, {}, { lead_id: 'x' }), { secret: KEY }).reason).toBe('Missing google_key in the request body');
		expect(verifyGoogleAdsKey(input('not json', {}), { secret: KEY }).valid).toBe(false);
		expect(verifyGoogleAdsKey(input(null, {}, { google_key: 12345 }), { secret: '12345' }).valid).toBe(false);
		expect(verifyGoogleAdsKey(input(null, {}, { google_key: KEY }), { secret: '' }).valid).toBe(false);
	});

	it('withoutGoogleKey drops only the key, leaves the input untouched and keeps bodies without it as they are', () => {
		const body = { lead_id: 'x', google_key: KEY, user_column_data: [{ column_id: 'EMAIL', string_value: 'a@b.example' }] };
		expect(withoutGoogleKey(body)).toEqual({ lead_id: 'x', user_column_data: [{ column_id: 'EMAIL', string_value: 'a@b.example' }] });
		expect(body.google_key).toBe(KEY);
		const plain = { lead_id: 'y' };
		expect(withoutGoogleKey(plain)).toBe(plain);
		expect(withoutGoogleKey([{ google_key: KEY, n: 1 }])).toEqual([{ n: 1 }]);
		expect(withoutGoogleKey('text')).toBe('text');
	});
});

describe('scheme metadata and dispatcher', () => {
	it('describes every scheme with its secret fields', () => {
		expect(SIGNATURE_SCHEMES.map((scheme) => scheme.id)).toEqual(['none', 'typeform', 'tally', 'meta', 'line', 'telegram', 'webflow', 'linkedin', 'calendly', 'hubspot', 'googleads', 'mailchimp', 'generic']);
		for (const scheme of SIGNATURE_SCHEMES.filter((candidate) => candidate.id !== 'none')) {
			const secret = scheme.fields.find((field) => field.name === 'secret');
			expect(secret).toMatchObject({ secret: true, required: true });
		}
		expect(findSignatureScheme('webflow')?.fields.map((field) => field.name)).toEqual(['secret', 'toleranceSeconds']);
		expect(findSignatureScheme('generic')?.fields.map((field) => field.name)).toEqual(['secret', 'headerName', 'timestampHeader', 'toleranceSeconds']);
		expect(findSignatureScheme('meta')?.headers).toEqual(['x-hub-signature-256']);
		expect(findSignatureScheme('meta')?.displayName).toBe('Meta (Facebook Lead Ads, WhatsApp, Instagram)');
		expect(findSignatureScheme('line')?.headers).toEqual(['x-line-signature']);
		expect(findSignatureScheme('telegram')?.headers).toEqual(['x-telegram-bot-api-secret-token']);
		expect(findSignatureScheme('telegram')?.fields.map((field) => field.name)).toEqual(['secret']);
		expect(findSignatureScheme('calendly')?.fields.map((field) => field.name)).toEqual(['secret', 'toleranceSeconds']);
		expect(findSignatureScheme('hubspot')?.headers).toEqual(['x-hubspot-signature-v3', 'x-hubspot-request-timestamp']);
		expect(findSignatureScheme('mailchimp')?.fields.map((field) => field.name)).toEqual(['secret', 'queryParameter']);
		expect(findSignatureScheme('nope')).toBeUndefined();
	});

	it('the credential offers exactly the schemes the dispatcher knows, with their fields', () => {
		const properties = new LeadWebhookSecretApi().properties;
		const offered = (properties.find((property) => property.name === 'scheme')?.options ?? []).map((option) => (option as { value: string }).value);
		expect([...offered].sort()).toEqual(SIGNATURE_SCHEMES.map((scheme) => scheme.id).filter((id) => id !== 'none').sort());
		for (const scheme of SIGNATURE_SCHEMES) {
			for (const field of scheme.fields.filter((candidate) => candidate.name !== 'secret')) {
				const property = properties.find((candidate) => candidate.name === field.name);
				expect({ scheme: scheme.id, field: field.name, shownFor: property?.displayOptions?.show?.scheme }).toEqual({ scheme: scheme.id, field: field.name, shownFor: expect.arrayContaining([scheme.id]) });
			}
		}
	});

	it('routes each scheme to its verifier', () => {
		const timestamp = String(NOW);
		const cases: Array<[string, Record<string, string>]> = [
			['typeform', { 'typeform-signature': computeTypeformSignature(RAW, SECRET) }],
			['tally', { 'tally-signature': computeTallySignature(RAW, SECRET) }],
			['meta', { 'x-hub-signature-256': computeMetaSignature(RAW, SECRET) }],
			['line', { 'x-line-signature': BY_HAND.base64 }],
			['webflow', { 'x-webflow-timestamp': timestamp, 'x-webflow-signature': computeWebflowSignature(RAW, SECRET, timestamp) }],
			['linkedin', { 'x-li-signature': BY_HAND.linkedin }],
			['calendly', { 'calendly-webhook-signature': `t=${NOW_SECONDS},v1=${BY_HAND.calendly}` }],
			['hubspot', { 'x-hubspot-signature-v3': BY_HAND.hubspot, 'x-hubspot-request-timestamp': String(NOW) }],
			['generic', { 'x-signature': computeGenericSignature(RAW, SECRET) }],
		];
		const urls = ['https://n8n.example.com/webhook/leads?ref=a%3Ab%2Fc&x=%20y'];
		for (const [scheme, headers] of cases) {
			expect({ scheme, ...verifySignature(scheme, { ...input(RAW, headers), urls }, { secret: SECRET }, NOW) }).toMatchObject({ scheme, valid: true });
			expect({ scheme, ...verifySignature(scheme, { ...input(TAMPERED, headers), urls }, { secret: SECRET }, NOW) }).toMatchObject({ scheme, valid: false });
		}
		expect(verifySignature('mailchimp', { ...input(null, {}), query: { secret: SECRET } }, { secret: SECRET }).valid).toBe(true);
		expect(verifySignature('mailchimp', { ...input(null, {}), query: { s: SECRET } }, { secret: SECRET, queryParameter: 's' }).valid).toBe(true);
		expect(verifySignature('googleads', input(null, {}, { google_key: SECRET }), { secret: SECRET }).valid).toBe(true);
		expect(verifySignature('telegram', input(null, { 'x-telegram-bot-api-secret-token': 'tg_token' }), { secret: 'tg_token' }).valid).toBe(true);
		expect(verifySignature('telegram', input(null, { 'x-telegram-bot-api-secret-token': 'tg_token' }), { secret: 'tg_other' }).valid).toBe(false);
		expect(verifySignature('none', input(null, {}), {}).valid).toBe(true);
		expect(verifySignature('md5', input(RAW, {}), { secret: SECRET })).toEqual({ valid: false, reason: 'Unknown signature scheme' });
	});

	it('the credential names Meta\'s three webhook senders, LINE and Telegram', () => {
		const scheme = new LeadWebhookSecretApi().properties.find((property) => property.name === 'scheme');
		const names = Object.fromEntries((scheme?.options ?? []).map((option) => [(option as { value: string }).value, option.name]));
		expect(names).toMatchObject({ meta: 'Meta (Facebook Lead Ads, WhatsApp, Instagram)', line: 'LINE Messaging API', telegram: 'Telegram Bot (Secret Token)' });
		const verifyToken = new LeadWebhookSecretApi().properties.find((property) => property.name === 'verifyToken');
		expect(verifyToken?.displayOptions?.show?.scheme).toEqual(['meta']);
	});

	it('the credential test checks a Telegram token against Telegram\'s alphabet and asks Meta for its Verify Token', async () => {
		const test = (data: ICredentialDataDecryptedObject) => leadWebhookSecretTest.call({} as ICredentialTestFunctions, { id: 'c1', name: 'Lead Webhook Secret', type: 'leadWebhookSecretApi', data });
		expect(await test({ scheme: 'telegram', secret: 'tg_Lead-Intake_7Qx2mP9vR4' })).toEqual({ status: 'OK', message: 'Ready to verify Telegram Bot (Secret Token) deliveries. The first signed delivery confirms the secret.' });
		expect((await test({ scheme: 'telegram', secret: 'has spaces and !' })).status).toBe('Error');
		expect((await test({ scheme: 'telegram', secret: 'A'.repeat(257) })).status).toBe('Error');
		expect((await test({ scheme: 'line', secret: '8c1d4e5f6a7b8c9d0e1f2a3b4c5d6e7f' })).status).toBe('OK');
		expect((await test({ scheme: 'meta', secret: 'a3f1c9e0b7d24e6f' })).status).toBe('Error');
		expect((await test({ scheme: 'meta', secret: 'a3f1c9e0b7d24e6f', verifyToken: 'meatyhamhock' })).status).toBe('OK');
	});

	it('passes the replay window and generic options through', () => {
		const old = String(NOW - 120_000);
		const webflow = { 'x-webflow-timestamp': old, 'x-webflow-signature': computeWebflowSignature(RAW, SECRET, old) };
		expect(verifySignature('webflow', input(RAW, webflow), { secret: SECRET }, NOW).valid).toBe(true);
		expect(verifySignature('webflow', input(RAW, webflow), { secret: SECRET, toleranceSeconds: 60 }, NOW).valid).toBe(false);
		const generic = { 'x-hook-ts': old, 'x-hook-sig': computeGenericSignature(RAW, SECRET, old) };
		const secrets = { secret: SECRET, headerName: 'x-hook-sig', timestampHeader: 'x-hook-ts', toleranceSeconds: 60 };
		expect(verifySignature('generic', input(RAW, generic), secrets, NOW).valid).toBe(false);
		expect(verifySignature('generic', input(RAW, generic), { ...secrets, toleranceSeconds: 300 }, NOW).valid).toBe(true);
	});
});

/** The Lead Intake Trigger's webhook with n8n's request, response and parameters stubbed. */
interface Delivery {
	scheme: string;
	secret: string;
	body: unknown;
	/** what n8n keeps of the request bytes: nothing for multipart/form-data */
	rawBody?: Buffer;
	headers?: Record<string, string>;
	query?: Record<string, unknown>;
	originalUrl?: string;
	/** what n8n says the node's production URL is (from WEBHOOK_URL) */
	publishedUrl?: string;
	/** 'setup' for the GET on the same path (Meta's and LinkedIn's URL checks); 'default' (POST) when absent */
	webhookName?: string;
	/** the credential's Verify Token (Meta) */
	verifyToken?: string;
}

async function receive(delivery: Delivery): Promise<{ result: IWebhookResponseData; status?: number; answer?: unknown }> {
	const sent: { status?: number; answer?: unknown } = {};
	const response = {
		status(code: number) {
			sent.status = code;
			return response;
		},
		type() {
			return response;
		},
		send(answer: unknown) {
			sent.answer = answer;
			return response;
		},
		json(answer: unknown) {
			sent.answer = answer;
			return response;
		},
	};
	const originalUrl = delivery.originalUrl ?? '/webhook/leads';
	const request = { headers: { host: '127.0.0.1:5678', ...delivery.headers }, rawBody: delivery.rawBody, method: 'POST', originalUrl, url: originalUrl, protocol: 'http' };
	const parameters: Record<string, unknown> = { verification: 'signature', source: 'auto', duplicateStore: 'database', options: { dropDuplicates: false, includeRawBody: true } };
	const context = {
		getNodeParameter: (name: string, fallback?: unknown) => parameters[name] ?? fallback,
		getCredentials: async () => ({ scheme: delivery.scheme, secret: delivery.secret, verifyToken: delivery.verifyToken, toleranceSeconds: 300 }),
		getWebhookName: () => delivery.webhookName ?? 'default',
		getRequestObject: () => request,
		getResponseObject: () => response,
		getBodyData: () => delivery.body,
		getQueryData: () => delivery.query ?? {},
		getNode: () => ({ name: 'Lead Intake Trigger', type: 'n8n-nodes-lead-qualification.leadIntakeTrigger' }),
		getWorkflow: () => ({ id: 'wf-signatures' }),
		getWorkflowStaticData: () => ({}),
		getNodeWebhookUrl: () => delivery.publishedUrl ?? 'https://n8n.example.com/webhook/leads',
	} as unknown as IWebhookFunctions;
	const result = await new LeadIntakeTrigger().webhook.call(context);
	return { result, ...sent };
}

const payload = (source: string, name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'payloads', source, name), 'utf8');
const emitted = (result: IWebhookResponseData) => (result.workflowData?.[0] ?? []).map((item) => item.json as IDataObject);

describe('Lead Intake Trigger: what reaches the signature check, and what leaves the node', () => {
	it('a multipart post (no raw body kept by n8n) gets 401 saying the raw body is not available, not a mismatch', async () => {
		// the fields as n8n parses them from multipart/form-data; the sender signed bytes n8n never kept
		const answer = await receive({
			scheme: 'generic',
			secret: SECRET,
			body: { email: 'ada@example.com', name: 'Ada Lovelace' },
			headers: { 'content-type': 'multipart/form-data; boundary=xyz', 'x-signature': BY_HAND.hex },
		});
		expect(answer.status).toBe(401);
		expect(answer.answer).toEqual({ error: 'Signature check failed', reason: RAW_BODY_UNAVAILABLE });
		expect(answer.result.workflowData).toBeUndefined();
	});

	it('a JSON post is checked against the bytes n8n received, not a re-serialisation', async () => {
		const body = JSON.parse(RAW.toString('utf8')) as IDataObject;
		const answer = await receive({ scheme: 'generic', secret: SECRET, body: { ...body, email: 'zoe@example.com' }, rawBody: RAW, headers: { 'content-type': 'application/json', 'x-signature': BY_HAND.hex } });
		// the parsed body differs from the signed bytes only to show which one is checked
		expect(answer.status).toBeUndefined();
		expect(emitted(answer.result)).toHaveLength(1);
	});

	it('Google Ads: google_key is in no emitted item, neither in the lead nor in the raw body', async () => {
		const KEY = 'gk-live-7Qx2-unit';
		const text = JSON.stringify({ ...JSON.parse(payload('googleads', 'test-lead.json')), google_key: KEY });
		const answer = await receive({ scheme: 'googleads', secret: KEY, body: JSON.parse(text), rawBody: Buffer.from(text), headers: { 'content-type': 'application/json' } });
		const [item] = emitted(answer.result);
		expect((item.lead as IDataObject).email).toBe('test@example.com');
		expect(item.raw).toMatchObject({ lead_id: expect.any(String), user_column_data: expect.any(Array) });
		expect(item.raw).not.toHaveProperty('google_key');
		expect(JSON.stringify(answer.result)).not.toContain(KEY);
	});

	it('HubSpot v3: signed over n8n\'s public URL, or over the host a proxy forwarded, with the query as received', async () => {
		const text = payload('hubspot', 'form-submission.json');
		const originalUrl = '/webhook/leads?campaign=spring%3A2026';
		const deliver = (headers: Record<string, string>) => receive({ scheme: 'hubspot', secret: SECRET, body: JSON.parse(text), rawBody: Buffer.from(text), headers: { 'content-type': 'application/json', ...headers }, originalUrl });
		const signedFor = (url: string, timestamp = Date.now()) => ({ 'x-hubspot-request-timestamp': String(timestamp), 'x-hubspot-signature-v3': computeHubSpotV3Signature('POST', url, text, SECRET, timestamp) });

		expect(emitted((await deliver(signedFor(`https://n8n.example.com${originalUrl}`))).result)).toHaveLength(1);
		const proxied = await deliver({ ...signedFor(`https://leads.example.org${originalUrl}`), 'x-forwarded-host': 'leads.example.org', 'x-forwarded-proto': 'https' });
		expect(emitted(proxied.result)).toHaveLength(1);
		const elsewhere = await deliver(signedFor(`https://other.example.net${originalUrl}`));
		expect([elsewhere.status, elsewhere.answer]).toEqual([401, { error: 'Signature check failed', reason: 'Signature does not match' }]);
		const stale = await deliver(signedFor(`https://n8n.example.com${originalUrl}`, Date.now() - 6 * 60_000));
		expect(stale.status).toBe(401);
		// WEBHOOK_URL with a path prefix the proxy strips: HubSpot called the published URL
		const prefixed = await receive({
			scheme: 'hubspot',
			secret: SECRET,
			body: JSON.parse(text),
			rawBody: Buffer.from(text),
			headers: { 'content-type': 'application/json', ...signedFor('https://example.com/n8n/webhook/leads?campaign=spring%3A2026') },
			originalUrl,
			publishedUrl: 'https://example.com/n8n/webhook/leads',
		});
		expect(emitted(prefixed.result)).toHaveLength(1);
	});

	it('Calendly: a fresh signature starts the workflow, another key gets 401', async () => {
		const text = payload('calendly', 'invitee-created.json');
		const seconds = Math.floor(Date.now() / 1000);
		const deliver = (key: string) => receive({ scheme: 'calendly', secret: SECRET, body: JSON.parse(text), rawBody: Buffer.from(text), headers: { 'content-type': 'application/json', 'calendly-webhook-signature': computeCalendlySignature(text, key, seconds) } });
		expect(emitted((await deliver(SECRET)).result)).toHaveLength(1);
		expect((await deliver(WRONG_SECRET)).status).toBe(401);
	});

	it('WhatsApp set-up: Meta\'s GET verify request gets hub.challenge back only with the credential\'s Verify Token', async () => {
		// the query Meta sends when "Verify and save" is pressed in the app's WhatsApp > Configuration
		// (values from Meta's Graph API webhooks "Getting started": 1158201444, meatyhamhock)
		const verify = (query: Record<string, unknown>, scheme = 'meta', verifyToken = 'meatyhamhock') =>
			receive({ scheme, secret: META_APP_SECRET, verifyToken, body: {}, query, webhookName: 'setup' });
		const subscribe = { 'hub.mode': 'subscribe', 'hub.challenge': '1158201444', 'hub.verify_token': 'meatyhamhock' };
		const accepted = await verify(subscribe);
		expect([accepted.status, accepted.answer]).toEqual([200, '1158201444']);
		expect(accepted.result.workflowData).toBeUndefined();
		for (const [query, scheme, token] of [
			[{ ...subscribe, 'hub.verify_token': 'meatyhamhocks' }, 'meta', 'meatyhamhock'],
			[{ 'hub.mode': 'subscribe', 'hub.challenge': '1158201444' }, 'meta', 'meatyhamhock'],
			// no Verify Token in the credential: nothing can match, not even an empty hub.verify_token
			[{ ...subscribe, 'hub.verify_token': '' }, 'meta', ''],
			[subscribe, 'line', 'meatyhamhock'],
		] as const) {
			const refused = await verify(query, scheme, token);
			expect({ scheme, token, status: refused.status, answer: refused.answer }).toEqual({ scheme, token, status: 403, answer: { error: 'Verify token does not match' } });
		}
	});

	it('WhatsApp: a delivery signed with another app secret gets 401 and starts nothing; the right one passes the check', async () => {
		const deliver = (key: string) =>
			receive({ scheme: 'meta', secret: META_APP_SECRET, body: JSON.parse(WHATSAPP_TEXT), rawBody: Buffer.from(WHATSAPP_TEXT), headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${opensslHmac(WHATSAPP_TEXT, key).toString('hex')}` } });
		const forged = await deliver('another-app-secret');
		expect([forged.status, forged.answer, forged.result.workflowData]).toEqual([401, { error: 'Signature check failed', reason: 'Signature does not match' }, undefined]);
		const genuine = await deliver(META_APP_SECRET);
		expect(genuine.status).not.toBe(401);
	});

	it('LINE and Telegram: the right signature or token starts the workflow, a forged or missing one gets 401', async () => {
		const text = JSON.stringify({ email: 'somchai@example.co.th', name: 'สมชาย ใจดี', message: 'ขอใบเสนอราคาหน่อยครับ' });
		const post = (scheme: string, secret: string, headers: Record<string, string>) => receive({ scheme, secret, body: JSON.parse(text), rawBody: Buffer.from(text), headers: { 'content-type': 'application/json', ...headers } });
		const channelSecret = '8c1d4e5f6a7b8c9d0e1f2a3b4c5d6e7f';
		expect(emitted((await post('line', channelSecret, { 'x-line-signature': opensslHmac(text, channelSecret).toString('base64') })).result)).toHaveLength(1);
		expect((await post('line', channelSecret, { 'x-line-signature': opensslHmac(text, 'other-channel-secret').toString('base64') })).status).toBe(401);
		expect((await post('line', channelSecret, {})).status).toBe(401);

		const token = 'tg_Lead-Intake_7Qx2mP9vR4';
		const telegram = await post('telegram', token, { 'x-telegram-bot-api-secret-token': token });
		expect(emitted(telegram.result)).toHaveLength(1);
		expect(JSON.stringify(telegram.result)).not.toContain(token);
		for (const headers of [{ 'x-telegram-bot-api-secret-token': `${token}x` }, {}] as Array<Record<string, string>>) {
			const refused = await post('telegram', token, headers);
			expect([refused.status, refused.result.workflowData]).toEqual([401, undefined]);
			expect(JSON.stringify(refused.answer)).not.toContain(token);
		}
	});

	it('Mailchimp: the secret in the URL admits a form post; none or a wrong one gets 401', async () => {
		const form = JSON.parse(payload('mailchimp', 'subscribe-flat.json')) as Record<string, string>;
		const raw = Buffer.from(new URLSearchParams(form).toString());
		const deliver = (query: Record<string, unknown>) => receive({ scheme: 'mailchimp', secret: 'mc-url-secret-4711', body: form, rawBody: raw, headers: { 'content-type': 'application/x-www-form-urlencoded' }, query });
		const accepted = await deliver({ secret: 'mc-url-secret-4711' });
		expect((emitted(accepted.result)[0].lead as IDataObject).email).toBe('api@mailchimp.com');
		expect(JSON.stringify(accepted.result)).not.toContain('mc-url-secret-4711');
		for (const query of [{}, { secret: 'mc-url-secret-4712' }]) expect((await deliver(query)).status).toBe(401);
	});
});

describe('which schemes need the raw body', () => {
	it('a token in a header, a secret in the URL or in the body: no raw body; every other scheme signs the bytes', () => {
		// written out by hand from each vendor's scheme (docs/signatures.md)
		expect(SIGNATURE_SCHEMES.filter((scheme) => !schemeNeedsRawBody(scheme.id)).map((scheme) => scheme.id).sort()).toEqual(['googleads', 'mailchimp', 'none', 'telegram']);
		expect(schemeNeedsRawBody('no-such-scheme')).toBe(true);
	});

	it.each(SIGNATURE_SCHEMES.filter((scheme) => scheme.id !== 'none').map((scheme) => [scheme.id] as const))('%s: the table agrees with what its check does without a raw body', (id) => {
		const result = verifySignature(id, { rawBody: null, headers: {}, body: {}, query: {} }, { secret: 'a-secret' });
		expect(result.valid).toBe(false);
		expect(result.reason === RAW_BODY_UNAVAILABLE).toBe(schemeNeedsRawBody(id));
	});
});
