import { createHmac } from 'crypto';

import {
	computeGenericSignature,
	computeLinkedInChallengeResponse,
	computeLinkedInSignature,
	computeMetaSignature,
	computeTallySignature,
	computeTypeformSignature,
	computeWebflowSignature,
	findSignatureScheme,
	safeEqual,
	SIGNATURE_SCHEMES,
	verifyGenericSignature,
	verifyGoogleAdsKey,
	verifyLinkedInSignature,
	verifyMetaSignature,
	verifySignature,
	verifyTallySignature,
	verifyTypeformSignature,
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

describe('independent reference values', () => {
	it('computes vendor signatures the way the vendors document them', () => {
		const base64 = createHmac('sha256', SECRET).update(RAW).digest('base64');
		const hex = createHmac('sha256', SECRET).update(RAW).digest('hex');
		expect(computeTypeformSignature(RAW, SECRET)).toBe(`sha256=${base64}`);
		expect(computeTallySignature(RAW, SECRET)).toBe(base64);
		expect(computeMetaSignature(RAW, SECRET)).toBe(`sha256=${hex}`);
		expect(computeGenericSignature(RAW, SECRET)).toBe(hex);
		expect(computeWebflowSignature(RAW, SECRET, NOW)).toBe(createHmac('sha256', SECRET).update(`${NOW}:${RAW.toString('utf8')}`).digest('hex'));
		expect(computeLinkedInSignature(RAW, SECRET)).toBe(createHmac('sha256', SECRET).update(`hmacsha256=${RAW.toString('utf8')}`).digest('hex'));
		expect(computeLinkedInChallengeResponse('890e4665-4dfe-4ab1-b689-ed553bceeed0', SECRET)).toBe(
			createHmac('sha256', SECRET).update('890e4665-4dfe-4ab1-b689-ed553bceeed0').digest('hex'),
		);
	});

	it('safeEqual compares lengths first and contents after', () => {
		expect(safeEqual('abc', 'abc')).toBe(true);
		expect(safeEqual('abc', 'abd')).toBe(false);
		expect(safeEqual('abc', 'abcd')).toBe(false);
		expect(safeEqual('', '')).toBe(true);
	});
});

interface HmacCase {
	name: string;
	header: string;
	sign: (raw: Buffer, secret: string) => string;
	verify: (input: SignatureInput, secrets: { secret?: string }) => SignatureResult;
	wrongAlgorithm: string;
}

const HMAC_CASES: HmacCase[] = [
	{ name: 'typeform', header: 'typeform-signature', sign: computeTypeformSignature, verify: verifyTypeformSignature, wrongAlgorithm: 'sha1=' },
	{ name: 'tally', header: 'tally-signature', sign: computeTallySignature, verify: verifyTallySignature, wrongAlgorithm: 'sha1=' },
	{ name: 'meta', header: 'x-hub-signature-256', sign: computeMetaSignature, verify: verifyMetaSignature, wrongAlgorithm: 'sha1=' },
	{ name: 'linkedin', header: 'x-li-signature', sign: computeLinkedInSignature, verify: verifyLinkedInSignature, wrongAlgorithm: 'sha1=' },
	{
		name: 'generic',
		header: 'x-signature',
		sign: (raw, secret) => computeGenericSignature(raw, secret),
		verify: (signed, secrets) => verifyGenericSignature(signed, secrets),
		wrongAlgorithm: 'sha1=',
	},
];

describe.each(HMAC_CASES)('$name signatures', ({ header, sign, verify, wrongAlgorithm }) => {
	const good = () => sign(RAW, SECRET);

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
		expect(verify(input(null, { [header]: good() }), { secret: SECRET })).toEqual({ valid: false, reason: 'Raw request body is not available' });
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
		const sha1 = createHmac('sha1', SECRET).update(RAW).digest('hex');
		const result = verify(input(RAW, { [header]: `${wrongAlgorithm}${sha1}` }), { secret: SECRET });
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
		const sha1 = createHmac('sha1', SECRET).update(RAW).digest('hex');
		expect(verifyMetaSignature(input(RAW, { 'x-hub-signature-256': `sha1=${sha1}` }), { secret: SECRET })).toEqual({
			valid: false,
			reason: 'Unsupported signature algorithm',
		});
	});

	it('tally rejects a sha256= prefix (Tally sends none)', () => {
		const prefixed = `sha256=${computeTallySignature(RAW, SECRET)}`;
		expect(verifyTallySignature(input(RAW, { 'tally-signature': prefixed }), { secret: SECRET }).valid).toBe(false);
	});

	it('generic accepts the signature with or without sha256=, in either case', () => {
		const hex = computeGenericSignature(RAW, SECRET);
		for (const value of [hex, `sha256=${hex}`, hex.toUpperCase(), `SHA256=${hex}`]) {
			expect(verifyGenericSignature(input(RAW, { 'x-signature': value }), { secret: SECRET }).valid).toBe(true);
		}
	});

	it('linkedin signs "hmacsha256=" + body, not the bare body', () => {
		const bareBody = createHmac('sha256', SECRET).update(RAW).digest('hex');
		expect(verifyLinkedInSignature(input(RAW, { 'x-li-signature': bareBody }), { secret: SECRET }).valid).toBe(false);
		const signed = computeLinkedInSignature(RAW, SECRET);
		expect(verifyLinkedInSignature(input(RAW, { 'x-li-signature': `hmacsha256=${signed}` }), { secret: SECRET }).valid).toBe(true);
	});

	it('generic reads a configurable header name', () => {
		const hex = computeGenericSignature(RAW, SECRET);
		const headers = { 'x-acme-signature': hex };
		expect(verifyGenericSignature(input(RAW, headers), { secret: SECRET }, { headerName: 'X-Acme-Signature' }).valid).toBe(true);
		expect(verifyGenericSignature(input(RAW, headers), { secret: SECRET })).toEqual({ valid: false, reason: 'Missing x-signature header' });
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
});

describe('scheme metadata and dispatcher', () => {
	it('describes every scheme with its secret fields', () => {
		expect(SIGNATURE_SCHEMES.map((scheme) => scheme.id)).toEqual(['none', 'typeform', 'tally', 'meta', 'webflow', 'linkedin', 'googleads', 'generic']);
		for (const scheme of SIGNATURE_SCHEMES.filter((candidate) => candidate.id !== 'none')) {
			const secret = scheme.fields.find((field) => field.name === 'secret');
			expect(secret).toMatchObject({ secret: true, required: true });
		}
		expect(findSignatureScheme('webflow')?.fields.map((field) => field.name)).toEqual(['secret', 'toleranceSeconds']);
		expect(findSignatureScheme('generic')?.fields.map((field) => field.name)).toEqual(['secret', 'headerName', 'timestampHeader', 'toleranceSeconds']);
		expect(findSignatureScheme('meta')?.headers).toEqual(['x-hub-signature-256']);
		expect(findSignatureScheme('nope')).toBeUndefined();
	});

	it('routes each scheme to its verifier', () => {
		const timestamp = String(NOW);
		const cases: Array<[string, Record<string, string>]> = [
			['typeform', { 'typeform-signature': computeTypeformSignature(RAW, SECRET) }],
			['tally', { 'tally-signature': computeTallySignature(RAW, SECRET) }],
			['meta', { 'x-hub-signature-256': computeMetaSignature(RAW, SECRET) }],
			['webflow', { 'x-webflow-timestamp': timestamp, 'x-webflow-signature': computeWebflowSignature(RAW, SECRET, timestamp) }],
			['linkedin', { 'x-li-signature': computeLinkedInSignature(RAW, SECRET) }],
			['generic', { 'x-signature': computeGenericSignature(RAW, SECRET) }],
		];
		for (const [scheme, headers] of cases) {
			expect(verifySignature(scheme, input(RAW, headers), { secret: SECRET }, NOW)).toMatchObject({ valid: true });
			expect(verifySignature(scheme, input(TAMPERED, headers), { secret: SECRET }, NOW)).toMatchObject({ valid: false });
		}
		expect(verifySignature('googleads', input(null, {}, { google_key: SECRET }), { secret: SECRET }).valid).toBe(true);
		expect(verifySignature('none', input(null, {}), {}).valid).toBe(true);
		expect(verifySignature('md5', input(RAW, {}), { secret: SECRET })).toEqual({ valid: false, reason: 'Unknown signature scheme' });
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
