/**
 * Attacks on the Lead Intake Trigger in the pinned, real n8n (`n8n start` on loopback, SQLite):
 * forged, missing, wrong-key, wrong-algorithm and replayed signatures (Calendly and HubSpot v3
 * included), a Mailchimp URL secret guessed or moved, a multipart post to a signed URL, oversize
 * and malformed bodies, and a burst of 1,000 deliveries of which 200 repeat earlier ones. What
 * counts is what n8n itself recorded: executions in its database and lines in its log file.
 */
import { createHash, createHmac } from 'crypto';
import fs from 'fs';
import path from 'path';
import { N8nServer } from '../helpers/n8nServer';
import {
	calendlyHeaders,
	hubSpotV3Headers,
	mailchimpFormBody,
	REQUEST_FIXTURES,
	REQUEST_SCHEMES,
	SCHEMES,
	signatureHeaders,
	signedFixtureBody,
	type RequestScheme,
	type Scheme,
} from '../helpers/signedDelivery';
import { runtimeDir } from '../helpers/runtime';

jest.setTimeout(240_000);

type AttackScheme = Scheme | RequestScheme;
/** every credential scheme the signed workflow has a trigger for */
const ALL_SCHEMES: AttackScheme[] = [...SCHEMES, ...REQUEST_SCHEMES];

/** recognisable, distinct per scheme, so a leak of any of them shows */
const secretOf = (scheme: AttackScheme) => `atk-${scheme}-S3cr3t-9f41c2d7`;
const VERIFY_TOKEN = 'atk-meta-verify-T0ken-55e1';
const credentialId = (scheme: AttackScheme) => `atkcred${scheme}`.padEnd(16, '0').slice(0, 16);

const SIGNED_WORKFLOW = 'LqAttackSigned01';
const OPEN_WORKFLOW = 'LqAttackOpenBody';
const LOAD_WORKFLOW = 'LqAttackLoad0001';
const triggerName = (scheme: AttackScheme) => `Intake ${scheme}`;

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'payloads', name), 'utf8');

/** every email address any request of this file carries: none may reach n8n's log */
const sentEmails = new Set<string>();
function remember(body: string): string {
	// linear: expand around each "@" (a regex over a megabyte of "x" would backtrack for hours)
	for (let at = body.indexOf('@'); at !== -1; at = body.indexOf('@', at + 1)) {
		const local = /[\w.+-]{1,64}$/.exec(body.slice(Math.max(0, at - 64), at))?.[0];
		const domain = /^[\w-]+(?:\.[\w-]+)+/.exec(body.slice(at + 1, at + 256))?.[0];
		if (local && domain) sentEmails.add(`${local}@${domain}`.toLowerCase());
	}
	return body;
}

function trigger(scheme: AttackScheme | 'open' | 'load', parameters: Record<string, unknown>, index: number, credential?: AttackScheme) {
	return {
		id: `atk-${scheme}-t`,
		name: scheme === 'open' || scheme === 'load' ? 'Lead Intake Trigger' : triggerName(scheme),
		type: 'n8n-nodes-lead-qualification.leadIntakeTrigger',
		typeVersion: 1,
		position: [0, index * 200],
		webhookId: `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
		parameters: { path: `atk-${scheme}`, responseMode: 'onReceived', source: 'auto', options: {}, ...parameters },
		...(credential ? { credentials: { leadWebhookSecretApi: { id: credentialId(credential), name: `Attack secret ${credential}` } } } : {}),
	};
}

function workflow(id: string, name: string, triggers: Array<ReturnType<typeof trigger>>) {
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [...triggers, { id: `${id}-received`, name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [400, 0], parameters: {} }],
		connections: Object.fromEntries(triggers.map((node) => [node.name, { main: [[{ node: 'Received', type: 'main', index: 0 }]] }])),
	};
}

const server = new N8nServer();

beforeAll(async () => {
	server.importCredentials(
		ALL_SCHEMES.map((scheme) => ({
			id: credentialId(scheme),
			name: `Attack secret ${scheme}`,
			type: 'leadWebhookSecretApi',
			data: { scheme, secret: secretOf(scheme), verifyToken: VERIFY_TOKEN, headerName: 'x-signature', timestampHeader: '', toleranceSeconds: 300, queryParameter: 'secret' },
		})),
	);
	const workflows = [
		// one workflow, one trigger per signature scheme: every execution it ever records is counted
		workflow(SIGNED_WORKFLOW, 'Attack: signed intake', ALL_SCHEMES.map((scheme, index) => trigger(scheme, { verification: 'signature' }, index, scheme))),
		workflow(OPEN_WORKFLOW, 'Attack: open intake', [trigger('open', { verification: 'none' }, 10)]),
		workflow(LOAD_WORKFLOW, 'Attack: load', [trigger('load', { verification: 'none' }, 11)]),
	];
	// one import for all three (n8n takes an array), then one publish each
	const file = path.join(server.userFolder, 'attack-workflows.json');
	fs.writeFileSync(file, JSON.stringify(workflows));
	server.cli(['import:workflow', `--input=${file}`]);
	server.publish(workflows.map((entry) => entry.id));
	await server.start();
	await server.waitForWebhooks([...ALL_SCHEMES.map((scheme) => `atk-${scheme}`), 'atk-open', 'atk-load']);
}, 300_000);

afterAll(async () => {
	await server.stop();
});

async function post(pathName: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
	if (typeof body === 'string') remember(body);
	// a request n8n never answers fails the test instead of hanging it
	const response = await fetch(`${server.baseUrl}/webhook/${pathName}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(60_000) });
	return { status: response.status, body: await response.text() };
}

async function executionCount(workflowId: string): Promise<number> {
	return (await server.query<{ count: number }>('select count(*) as count from execution_entity where workflowId = ?', [workflowId]))[0].count;
}

/** n8n answers an accepted delivery before the execution is saved; give a wrongly started one time to show up */
async function settle(): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, 1500));
}

const hmac = (algorithm: 'sha1' | 'sha256' | 'sha512', secret: string, ...parts: string[]) => {
	const mac = createHmac(algorithm, secret);
	for (const part of parts) mac.update(part);
	return mac.digest();
};

/** what each vendor sends, for `body`, signed with `secret` */
const genuineHeaders = (scheme: Scheme, body: string, secret = secretOf(scheme), timestamp = Date.now()) => signatureHeaders(scheme, body, secret, timestamp);

/** the right secret and the right bytes, but another hash algorithm than the vendor's SHA-256 */
function wrongAlgorithmHeaders(scheme: Exclude<Scheme, 'googleads'>, body: string): Array<[string, Record<string, string>]> {
	const secret = secretOf(scheme);
	const timestamp = Date.now();
	switch (scheme) {
		case 'typeform':
			return [
				['sha1=', { 'typeform-signature': `sha1=${hmac('sha1', secret, body).toString('base64')}` }],
				['sha512=', { 'typeform-signature': `sha512=${hmac('sha512', secret, body).toString('base64')}` }],
				['sha256= with a SHA-512 value', { 'typeform-signature': `sha256=${hmac('sha512', secret, body).toString('base64')}` }],
			];
		case 'tally':
			return [
				['SHA-1', { 'tally-signature': hmac('sha1', secret, body).toString('base64') }],
				['SHA-512', { 'tally-signature': hmac('sha512', secret, body).toString('base64') }],
				['sha256= prefix on a SHA-1 value', { 'tally-signature': `sha256=${hmac('sha1', secret, body).toString('base64')}` }],
			];
		case 'meta':
			return [
				['sha1= (the legacy X-Hub-Signature)', { 'x-hub-signature-256': `sha1=${hmac('sha1', secret, body).toString('hex')}` }],
				['only the legacy x-hub-signature header', { 'x-hub-signature': `sha1=${hmac('sha1', secret, body).toString('hex')}` }],
				['sha512=', { 'x-hub-signature-256': `sha512=${hmac('sha512', secret, body).toString('hex')}` }],
			];
		case 'webflow':
			return [
				['SHA-1', { 'x-webflow-timestamp': String(timestamp), 'x-webflow-signature': hmac('sha1', secret, `${timestamp}:`, body).toString('hex') }],
				['SHA-512', { 'x-webflow-timestamp': String(timestamp), 'x-webflow-signature': hmac('sha512', secret, `${timestamp}:`, body).toString('hex') }],
				['sha256= prefix', { 'x-webflow-timestamp': String(timestamp), 'x-webflow-signature': `sha256=${hmac('sha256', secret, `${timestamp}:`, body).toString('hex')}` }],
			];
		case 'linkedin':
			return [
				['SHA-1', { 'x-li-signature': hmac('sha1', secret, 'hmacsha256=', body).toString('hex') }],
				['hmacsha1= prefix', { 'x-li-signature': `hmacsha1=${hmac('sha1', secret, 'hmacsha1=', body).toString('hex')}` }],
				['sha512=', { 'x-li-signature': `sha512=${hmac('sha512', secret, 'hmacsha256=', body).toString('hex')}` }],
			];
		case 'generic':
			return [
				['sha1=', { 'x-signature': `sha1=${hmac('sha1', secret, body).toString('hex')}` }],
				['bare SHA-1 hex', { 'x-signature': hmac('sha1', secret, body).toString('hex') }],
				['sha512=', { 'x-signature': `sha512=${hmac('sha512', secret, body).toString('hex')}` }],
			];
	}
}

/** a fixture with one more field in front, so each attack sends bytes of its own */
function bodyFor(scheme: Scheme, tag: string): string {
	return signedFixtureBody(scheme, secretOf(scheme), (text) => text.replace('{', `{"attack_tag": "${tag}", `));
}

interface Attempt {
	name: string;
	response: { status: number; body: string };
}
const attempts: Attempt[] = [];

describe('signature attacks: 401, and n8n records no execution', () => {
	const SIGNED: Array<Exclude<Scheme, 'googleads'>> = ['typeform', 'tally', 'meta', 'webflow', 'linkedin', 'generic'];

	test.each(SIGNED)('%s: forged body, missing, empty, wrong-secret and garbage signatures', async (scheme) => {
		const original = bodyFor(scheme, `${scheme}-original`);
		const forged = original.replace(`"${scheme}-original"`, `"${scheme}-origina1"`);
		expect(forged).not.toBe(original);
		const genuineForOriginal = genuineHeaders(scheme, original);
		const signatureHeader = Object.keys(genuineForOriginal).find((name) => name !== 'x-webflow-timestamp') as string;
		const cases: Array<[string, string, Record<string, string>]> = [
			['the genuine signature of another body (one character changed)', forged, genuineForOriginal],
			['no signature header', original, scheme === 'webflow' ? { 'x-webflow-timestamp': String(Date.now()) } : {}],
			['an empty signature header', original, { ...genuineForOriginal, [signatureHeader]: '' }],
			['signed with another secret', original, genuineHeaders(scheme, original, `${secretOf(scheme)}-x`)],
			['signed with the secret of another scheme', original, genuineHeaders(scheme, original, secretOf(scheme === 'typeform' ? 'tally' : 'typeform'))],
			['a signature of the right length made of zeros', original, { ...genuineForOriginal, [signatureHeader]: zeroed(genuineForOriginal[signatureHeader]) }],
			['the genuine signature cut short by one character', original, { ...genuineForOriginal, [signatureHeader]: genuineForOriginal[signatureHeader].slice(0, -2) + genuineForOriginal[signatureHeader].slice(-1) }],
			// hex is case-insensitive, base64 is not: swapping the case of a base64 signature changes it
			...(scheme === 'typeform' || scheme === 'tally' ? [['the base64 signature with its letter case swapped', original, { ...genuineForOriginal, [signatureHeader]: swapCase(genuineForOriginal[signatureHeader], scheme === 'typeform' ? 7 : 0) }] as [string, string, Record<string, string>]] : []),
		];
		for (const [name, body, headers] of cases) {
			const response = await post(`atk-${scheme}`, body, headers);
			attempts.push({ name: `${scheme}: ${name}`, response });
		}
		for (const [index, [name]] of cases.entries()) {
			const { response } = attempts[attempts.length - cases.length + index];
			expect({ name, status: response.status }).toEqual({ name, status: 401 });
		}
	});

	test.each(SIGNED)('%s: the right secret and bytes with a wrong algorithm (SHA-1, SHA-512, wrong prefix)', async (scheme) => {
		const body = bodyFor(scheme, `${scheme}-algorithm`);
		const statuses: Array<[string, number]> = [];
		for (const [name, headers] of wrongAlgorithmHeaders(scheme, body)) {
			const response = await post(`atk-${scheme}`, body, headers);
			attempts.push({ name: `${scheme}: ${name}`, response });
			statuses.push([name, response.status]);
		}
		expect(statuses).toEqual(statuses.map(([name]) => [name, 401]));
	});

	test('webflow: a correctly signed delivery replayed outside the 5-minute window, in either direction', async () => {
		const cases: Array<[string, number]> = [
			['15 minutes old', Date.now() - 15 * 60_000],
			['6 minutes old', Date.now() - 6 * 60_000],
			['10 minutes in the future', Date.now() + 10 * 60_000],
			['a day old, in seconds', Math.floor((Date.now() - 86_400_000) / 1000)],
		];
		const statuses: Array<[string, number]> = [];
		for (const [name, timestamp] of cases) {
			const body = bodyFor('webflow', `replay-${name}`);
			const response = await post('atk-webflow', body, genuineHeaders('webflow', body, secretOf('webflow'), timestamp));
			attempts.push({ name: `webflow replay: ${name}`, response });
			statuses.push([name, response.status]);
		}
		// a timestamp that is not a number, and one that does not match the signed one
		const body = bodyFor('webflow', 'replay-mismatch');
		const signed = genuineHeaders('webflow', body, secretOf('webflow'), Date.now() - 20 * 60_000);
		for (const [name, headers] of [
			['a timestamp that is not a number', { ...signed, 'x-webflow-timestamp': 'yesterday' }],
			['a fresh timestamp on an old signature', { ...signed, 'x-webflow-timestamp': String(Date.now()) }],
		] as Array<[string, Record<string, string>]>) {
			const response = await post('atk-webflow', body, headers);
			attempts.push({ name: `webflow replay: ${name}`, response });
			statuses.push([name, response.status]);
		}
		expect(statuses).toEqual(statuses.map(([name]) => [name, 401]));
	});

	test('googleads: a wrong, missing, differently cased or non-string google_key', async () => {
		const base = JSON.parse(bodyFor('googleads', 'key')) as Record<string, unknown>;
		const { google_key: _key, ...withoutKey } = base;
		const cases: Array<[string, string]> = [
			['a wrong key', JSON.stringify({ ...base, google_key: 'guess' })],
			['no key', JSON.stringify(withoutKey)],
			['the key in upper case', JSON.stringify({ ...base, google_key: secretOf('googleads').toUpperCase() })],
			['the key with a trailing space', JSON.stringify({ ...base, google_key: `${secretOf('googleads')} ` })],
			['the key as a list', JSON.stringify({ ...base, google_key: [secretOf('googleads')] })],
			['the key only in a header', JSON.stringify(withoutKey)],
		];
		const statuses: Array<[string, number]> = [];
		for (const [name, body] of cases) {
			const response = await post('atk-googleads', body, name === 'the key only in a header' ? { google_key: secretOf('googleads'), 'x-goog-key': secretOf('googleads') } : {});
			attempts.push({ name: `googleads: ${name}`, response });
			statuses.push([name, response.status]);
		}
		expect(statuses).toEqual(statuses.map(([name]) => [name, 401]));
	});

	test('calendly: forged, replayed, re-timed, body-only and malformed signatures', async () => {
		const original = requestBodyFor('calendly', 'calendly-original');
		const forged = original.replace('"calendly-original"', '"calendly-origina1"');
		const key = secretOf('calendly');
		const genuine = calendlyHeaders(original, key);
		const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(genuine['calendly-webhook-signature']) ?? [];
		expect(v1).toBeDefined();
		const cases: Array<[string, string, Record<string, string>]> = [
			['the genuine signature of another body', forged, genuine],
			['no signature header', original, {}],
			['signed with another key', original, calendlyHeaders(original, `${key}-x`)],
			['a signature of the right length made of zeros', original, { 'calendly-webhook-signature': `t=${t},v1=${'0'.repeat(64)}` }],
			['the signature moved to a fresher timestamp', original, { 'calendly-webhook-signature': `t=${Number(t) + 60},v1=${v1}` }],
			['correctly signed 15 minutes ago', original, calendlyHeaders(original, key, Date.now() - 15 * 60_000)],
			['correctly signed 10 minutes in the future', original, calendlyHeaders(original, key, Date.now() + 10 * 60_000)],
			['the HMAC of the body alone (Generic HMAC style)', original, { 'calendly-webhook-signature': `t=${t},v1=${createHmac('sha256', key).update(original).digest('hex')}` }],
			['the timestamp in milliseconds', original, { 'calendly-webhook-signature': `t=${Date.now()},v1=${v1}` }],
			['sha256= instead of t=…,v1=…', original, { 'calendly-webhook-signature': `sha256=${v1}` }],
		];
		expect(await statusesOf('calendly', cases)).toEqual(cases.map(([name]) => [name, 401]));
	});

	test('hubspot v3: forged, replayed, signed for another URL, v2-style and missing-timestamp signatures', async () => {
		const original = requestBodyFor('hubspot', 'hubspot-original');
		const forged = original.replace('"hubspot-original"', '"hubspot-origina1"');
		const secret = secretOf('hubspot');
		const url = `${server.baseUrl}/webhook/atk-hubspot`;
		const genuine = hubSpotV3Headers(original, secret, url);
		const cases: Array<[string, string, Record<string, string>]> = [
			['the genuine signature of another body', forged, genuine],
			['no signature headers', original, {}],
			['no timestamp header', original, { 'x-hubspot-signature-v3': genuine['x-hubspot-signature-v3'] }],
			['signed with another secret', original, hubSpotV3Headers(original, `${secret}-x`, url)],
			['signed for another URL of the same app', original, hubSpotV3Headers(original, secret, `${server.baseUrl}/webhook/atk-other`)],
			['signed for the same URL with a query the request lacks', original, hubSpotV3Headers(original, secret, `${url}?portal=1`)],
			['correctly signed 6 minutes ago', original, hubSpotV3Headers(original, secret, url, Date.now() - 6 * 60_000)],
			['a fresh timestamp on an old signature', original, { ...hubSpotV3Headers(original, secret, url, Date.now() - 6 * 60_000), 'x-hubspot-request-timestamp': String(Date.now()) }],
			['a v2 signature (hex SHA-256 of secret + method + URL + body)', original, { 'x-hubspot-signature-version': 'v2', 'x-hubspot-signature': createHash('sha256').update(`${secret}POST${url}${original}`).digest('hex') }],
		];
		expect(await statusesOf('hubspot', cases)).toEqual(cases.map(([name]) => [name, 401]));
	});

	test('mailchimp: the URL secret missing, guessed, differently cased, repeated or sent elsewhere', async () => {
		const secret = secretOf('mailchimp');
		const form = mailchimpFormBody();
		const cases: Array<[string, string, string, Record<string, string>]> = [
			['no secret', 'atk-mailchimp', form, {}],
			['a guessed secret', 'atk-mailchimp?secret=guess', form, {}],
			['the secret in upper case', `atk-mailchimp?secret=${secret.toUpperCase()}`, form, {}],
			['the secret under another parameter', `atk-mailchimp?key=${secret}`, form, {}],
			['the secret twice, once wrong', `atk-mailchimp?secret=guess&secret=${secret}`, form, {}],
			['the secret only in a header', 'atk-mailchimp', form, { secret }],
			['the secret only in the body', 'atk-mailchimp', `${form}&secret=${secret}`, {}],
		];
		const statuses: Array<[string, number]> = [];
		for (const [name, pathName, body, headers] of cases) {
			const response = await post(pathName, body, { 'content-type': 'application/x-www-form-urlencoded', ...headers });
			attempts.push({ name: `mailchimp: ${name}`, response });
			statuses.push([name, response.status]);
		}
		expect(statuses).toEqual(statuses.map(([name]) => [name, 401]));
	});

	test('a multipart post to a signed URL, signed over its exact bytes, is refused because n8n keeps no raw body', async () => {
		const boundary = 'atkBoundary7MA4YWxkTrZu0gW';
		const body = [`--${boundary}`, 'Content-Disposition: form-data; name="email"', '', 'multipart.lead@attack.example', `--${boundary}`, 'Content-Disposition: form-data; name="name"', '', 'Mia Multipart', `--${boundary}--`, ''].join('\r\n');
		const response = await post('atk-generic', body, { 'content-type': `multipart/form-data; boundary=${boundary}`, ...genuineHeaders('generic', body) });
		attempts.push({ name: 'generic: multipart/form-data', response });
		expect(response.status).toBe(401);
		expect((JSON.parse(response.body) as { reason: string }).reason).toMatch(/^Raw request body is not available/);
	});

	test('every refusal says why without the secret, and not one execution was recorded', async () => {
		expect(attempts.length).toBeGreaterThanOrEqual(90);
		for (const { name, response } of attempts) {
			expect({ name, status: response.status }).toEqual({ name, status: 401 });
			const answer = JSON.parse(response.body) as { error: string; reason: string };
			expect(answer.error).toBe('Signature check failed');
			expect(typeof answer.reason).toBe('string');
			for (const scheme of ALL_SCHEMES) expect(response.body).not.toContain(secretOf(scheme));
		}
		await settle();
		expect(await executionCount(SIGNED_WORKFLOW)).toBe(0);
	});

	test('control: the same endpoints accept genuine deliveries (one execution each), and an exact replay of one is dropped', async () => {
		for (const scheme of SCHEMES) {
			const body = bodyFor(scheme, `${scheme}-genuine`);
			const headers = genuineHeaders(scheme, body);
			const response = await post(`atk-${scheme}`, body, headers);
			expect({ scheme, status: response.status }).toEqual({ scheme, status: 200 });
			expect(JSON.parse(response.body)).toMatchObject({ status: 'accepted' });
			// the same bytes with the same signature again, as a replaying attacker (or a vendor retry) would send them
			const replay = await post(`atk-${scheme}`, body, headers);
			expect({ scheme, status: replay.status, body: JSON.parse(replay.body).status }).toEqual({ scheme, status: 200, body: 'duplicate' });
		}
		const genuineRequests: Array<[RequestScheme, string, string, Record<string, string>]> = [
			['calendly', 'atk-calendly', requestBodyFor('calendly', 'calendly-genuine'), {}],
			['hubspot', 'atk-hubspot', requestBodyFor('hubspot', 'hubspot-genuine'), {}],
			['mailchimp', `atk-mailchimp?secret=${secretOf('mailchimp')}`, mailchimpFormBody(), { 'content-type': 'application/x-www-form-urlencoded' }],
		];
		for (const [scheme, pathName, body, headers] of genuineRequests) {
			const signed = { ...headers, ...requestHeaders(scheme, body) };
			const response = await post(pathName, body, signed);
			expect({ scheme, status: response.status }).toEqual({ scheme, status: 200 });
			expect(JSON.parse(response.body)).toMatchObject({ status: 'accepted' });
			const replay = await post(pathName, body, signed);
			expect({ scheme, status: replay.status, body: JSON.parse(replay.body).status }).toEqual({ scheme, status: 200, body: 'duplicate' });
		}
		const executions = await server.executions(SIGNED_WORKFLOW, { atLeast: ALL_SCHEMES.length, timeoutMs: 60_000 });
		await settle();
		expect(await executionCount(SIGNED_WORKFLOW)).toBe(ALL_SCHEMES.length);
		const started: string[] = [];
		for (const execution of executions) {
			expect(execution.status).toBe('success');
			const runData = await server.runData(execution.id);
			started.push(...ALL_SCHEMES.filter((scheme) => runData[triggerName(scheme)] !== undefined));
		}
		expect(started.sort()).toEqual([...ALL_SCHEMES].sort());
	});
});

/** the letter case of everything after the first `from` characters (a "sha256=" prefix stays) */
function swapCase(text: string, from: number): string {
	return text.slice(0, from) + [...text.slice(from)].map((char) => (char === char.toUpperCase() ? char.toLowerCase() : char.toUpperCase())).join('');
}

/** a request-signed scheme's fixture with one more field in front, so each attack sends bytes of its own */
function requestBodyFor(scheme: Exclude<RequestScheme, 'mailchimp'>, tag: string): string {
	return fixture(REQUEST_FIXTURES[scheme]).replace('{', `{"attack_tag": "${tag}", `);
}

/** what Calendly or HubSpot sends for `body` posted to its attack URL (Mailchimp: nothing, the secret is in the URL) */
function requestHeaders(scheme: RequestScheme, body: string): Record<string, string> {
	if (scheme === 'calendly') return calendlyHeaders(body, secretOf('calendly'));
	if (scheme === 'hubspot') return hubSpotV3Headers(body, secretOf('hubspot'), `${server.baseUrl}/webhook/atk-hubspot`);
	return {};
}

/** posts each case to the scheme's attack URL, records it, and returns [name, status] pairs */
async function statusesOf(scheme: AttackScheme, cases: Array<[string, string, Record<string, string>]>): Promise<Array<[string, number]>> {
	const statuses: Array<[string, number]> = [];
	for (const [name, body, headers] of cases) {
		const response = await post(`atk-${scheme}`, body, headers);
		attempts.push({ name: `${scheme}: ${name}`, response });
		statuses.push([name, response.status]);
	}
	return statuses;
}

/** the same length and alphabet, all zeros (a "sha256=" prefix and base64 padding stay) */
function zeroed(signature: string): string {
	const prefix = /^sha256=/.exec(signature)?.[0] ?? '';
	return prefix + signature.slice(prefix.length).replace(/[A-Za-z0-9+/]/g, '0');
}

describe('bodies n8n or the trigger must refuse', () => {
	test('a 1.5 MB body gets 413 (also correctly signed), and nothing starts', async () => {
		const huge = JSON.stringify({ email: 'huge.body@attack.example', notes: 'x'.repeat(1_500_000) });
		expect((await post('atk-open', huge)).status).toBe(413);
		expect((await post('atk-generic', huge, genuineHeaders('generic', huge))).status).toBe(413);
		// a body just over the default 1 MB limit (1,024 KB) is refused too
		const justOver = JSON.stringify({ email: 'just.over@attack.example', notes: 'y'.repeat(1024 * 1024) });
		expect((await post('atk-open', justOver)).status).toBe(413);
		await settle();
		expect(await executionCount(OPEN_WORKFLOW)).toBe(0);
		expect(await executionCount(SIGNED_WORKFLOW)).toBe(ALL_SCHEMES.length);
	});

	test('malformed JSON gets a 4xx and starts nothing', async () => {
		// n8n's own body parser answers these (422 "Failed to parse request body") before any node
		// runs, so the trigger never sees them; the contract is a client error and no execution.
		const bodies: Array<string | Buffer> = ['{"email": "broken@attack.example", ', '{"email": "a@attack.example"}}', "{'email': 'single@attack.example'}", '{"email": "nan@attack.example", "n": NaN}', Buffer.from([0x7b, 0xff, 0xfe, 0x7d])];
		for (const body of bodies) {
			const response = await post('atk-open', body);
			expect(response.status).toBeGreaterThanOrEqual(400);
			expect(response.status).toBeLessThan(500);
		}
		// the same on a signed endpoint, correctly signed: still refused before the signature matters
		const signedBroken = '{"email": "signed.broken@attack.example", ';
		const response = await post('atk-generic', signedBroken, genuineHeaders('generic', signedBroken));
		expect(response.status).toBeGreaterThanOrEqual(400);
		expect(response.status).toBeLessThan(500);
		await settle();
		expect(await executionCount(OPEN_WORKFLOW)).toBe(0);
		expect(await executionCount(SIGNED_WORKFLOW)).toBe(ALL_SCHEMES.length);
		expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
	});

	test('prototype-pollution keys in a delivery are read as data: a normal execution, a lead without them', async () => {
		const body = '{"email": "proto.keys@attack.example", "name": "Pat Proto", "submission_id": "proto-1", "__proto__": {"polluted": "yes", "email": "proto@evil.example"}, "constructor": {"prototype": {"polluted": "yes"}}}';
		const response = await post('atk-open', body);
		expect(response.status).toBe(200);
		const [execution] = await server.executions(OPEN_WORKFLOW, { atLeast: 1, timeoutMs: 30_000 });
		expect(execution.status).toBe('success');
		const [item] = await server.nodeOutput(execution.id, 'Received');
		expect((item.lead as { email: string }).email).toBe('proto.keys@attack.example');
		expect(JSON.stringify(item.lead)).not.toContain('polluted');
		// the next, ordinary delivery is not affected by anything the first one carried
		expect((await post('atk-open', '{"email": "after.proto@attack.example", "submission_id": "proto-2"}')).status).toBe(200);
		const executions = await server.executions(OPEN_WORKFLOW, { atLeast: 2, timeoutMs: 30_000 });
		const [after] = await server.nodeOutput(executions[1].id, 'Received');
		expect(after.lead).toMatchObject({ email: 'after.proto@attack.example', fullName: null });
		expect(JSON.stringify(after)).not.toContain('polluted');
	});

	// n8n parses a 10 KB body nested 5,000 levels deep; reading it must not overflow the stack
	// (lists deeper than 8 levels are not read; the regression test is in the normalizer properties)
	test('a body nested 5,000 levels deep gets a client error (or is read), never a 500 and an error execution', async () => {
		const before = await server.query<{ id: number }>('select id from execution_entity where workflowId = ?', [OPEN_WORKFLOW]);
		const deep = `{"email": ${'['.repeat(5000)}"deep@attack.example"${']'.repeat(5000)}, "submission_id": "deep-1"}`;
		const response = await post('atk-open', deep);
		await settle();
		const errors = await server.query<{ id: number }>("select id from execution_entity where workflowId = ? and status != 'success' and id > ?", [OPEN_WORKFLOW, Math.max(0, ...before.map((row) => row.id))]);
		expect(response.status).toBeLessThan(500);
		expect(errors).toEqual([]);
	});

	test('after hostile bodies n8n is up and the next ordinary delivery goes through', async () => {
		expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
		const response = await post('atk-open', '{"email": "after.hostile@attack.example", "submission_id": "after-hostile"}');
		expect(response.status).toBe(200);
		expect(JSON.parse(response.body)).toMatchObject({ status: 'accepted', leads: 1 });
	});
});

describe('a burst of 1,000 deliveries, 200 of them repeats of earlier ones, 20 at a time', () => {
	const UNIQUE = 800;
	const REPEATS = 200;
	const CONCURRENCY = 20;
	const tag = Date.now().toString(36);
	const typeformBase = JSON.parse(fixture('typeform/lead-form.json')) as { event_id: string; form_response: { token: string; answers: Array<{ type: string; email?: string }> } };
	const tallyBase = JSON.parse(fixture('tally/example-payload.json')) as { eventId: string; data: { responseId: string; submissionId: string; fields: Array<{ type: string; value: unknown }> } };

	/** the i-th unique lead, in the shape of one of several senders; `identity` is what the lead must carry */
	function uniqueDelivery(i: number): { body: string; email: string } {
		const email = `load.${i}.${tag}@burst.example`;
		switch (i % 10) {
			case 0:
			case 1: {
				const body = structuredClone(typeformBase);
				body.event_id = `evt-${tag}-${i}`;
				body.form_response.token = `tok-${tag}-${i}`;
				for (const answer of body.form_response.answers) if (answer.type === 'email') answer.email = email;
				return { body: JSON.stringify(body), email };
			}
			case 2: {
				const body = structuredClone(tallyBase);
				body.eventId = `evt-${tag}-${i}`;
				body.data.responseId = `resp-${tag}-${i}`;
				body.data.submissionId = `resp-${tag}-${i}`;
				for (const field of body.data.fields) if (field.type === 'INPUT_EMAIL') field.value = email;
				return { body: JSON.stringify(body), email };
			}
			case 3:
				// no id at all: the same email on the same form within the duplicate window is the same lead
				return { body: JSON.stringify({ email, name: `Load Lead ${i}`, form_id: 'burst-contact' }), email };
			default:
				return { body: JSON.stringify({ email, name: `Load Lead ${i}`, company: 'Burst Inc', submission_id: `sub-${tag}-${i}` }), email };
		}
	}

	/** a repeat: the same bytes (a retry), or the same delivery serialised differently (a re-send) */
	function repeatOf(body: string, k: number): string {
		if (k % 2 === 0) return body;
		return JSON.stringify(JSON.parse(body), null, 1);
	}

	test('exactly one successful execution per unique lead (800), every repeat answered "duplicate"', async () => {
		const originals = Array.from({ length: UNIQUE }, (_, i) => uniqueDelivery(i));
		// send order: originals in order; each repeat soon after its original (racing it inside the
		// window of 20 concurrent requests) or much later (after it was recorded)
		const schedule: Array<{ seq: number; body: string; of: number }> = originals.map((delivery, i) => ({ seq: i * 10, body: delivery.body, of: i }));
		for (let k = 0; k < REPEATS; k++) {
			const of = (k * 4 + 1) % UNIQUE;
			const gap = k % 2 === 0 ? 1 + (k % 7) : 10 * (30 + (k % 50));
			schedule.push({ seq: of * 10 + gap, body: repeatOf(originals[of].body, k >> 1), of });
		}
		schedule.sort((a, b) => a.seq - b.seq);
		expect(schedule).toHaveLength(UNIQUE + REPEATS);
		for (const { body } of schedule) remember(body);

		const answers: Array<{ of: number; status: number; answer: string }> = new Array(schedule.length);
		let next = 0;
		await Promise.all(
			Array.from({ length: CONCURRENCY }, async () => {
				while (next < schedule.length) {
					const index = next++;
					const { body, of } = schedule[index];
					const response = await fetch(`${server.baseUrl}/webhook/atk-load`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(60_000) });
					const text = await response.text();
					answers[index] = { of, status: response.status, answer: response.status === 200 ? (JSON.parse(text) as { status: string }).status : text.slice(0, 200) };
				}
			}),
		);

		expect(answers.filter((a) => a.status !== 200)).toEqual([]);
		// per unique lead: exactly one "accepted", whatever order its copies arrived in
		const acceptedPerLead = new Map<number, number>();
		for (const { of, answer } of answers) if (answer === 'accepted') acceptedPerLead.set(of, (acceptedPerLead.get(of) ?? 0) + 1);
		expect(acceptedPerLead.size).toBe(UNIQUE);
		expect([...acceptedPerLead.values()].every((count) => count === 1)).toBe(true);
		expect(answers.filter((a) => a.answer === 'duplicate')).toHaveLength(REPEATS);

		// what n8n recorded: 800 successful executions, one per lead
		const executions = await server.executions(LOAD_WORKFLOW, { atLeast: UNIQUE, timeoutMs: 150_000 });
		await settle();
		expect(await executionCount(LOAD_WORKFLOW)).toBe(UNIQUE);
		expect(executions.filter((execution) => execution.status !== 'success')).toEqual([]);
		const emails = await receivedEmails(LOAD_WORKFLOW);
		expect(emails).toHaveLength(UNIQUE);
		expect(new Set(emails)).toEqual(new Set(originals.map((delivery) => delivery.email)));
	});
});

/** the lead email of every execution of a workflow, read from n8n's stored execution data in one query */
async function receivedEmails(workflowId: string): Promise<string[]> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { parse } = require(path.join(runtimeDir(), 'node_modules', 'flatted')) as { parse(text: string): { resultData: { runData: Record<string, Array<{ data?: { main?: Array<Array<{ json: { lead?: { email?: string } } }>> } }>> } } };
	const rows = await server.query<{ data: string }>('select d.data as data from execution_data d join execution_entity e on e.id = d.executionId where e.workflowId = ?', [workflowId]);
	return rows.map((row) => {
		const items = parse(row.data).resultData.runData.Received?.[0]?.data?.main?.[0] ?? [];
		expect(items).toHaveLength(1);
		return String(items[0].json.lead?.email);
	});
}

describe("n8n's log at its default level (info)", () => {
	test('contains no secret and no lead email address', async () => {
		// give n8n a moment to write what the last requests made it log
		await settle();
		const log = server.log();
		// the log is really being written: n8n's start-up lines are there
		expect(log).toMatch(/Editor is now accessible|n8n ready|Version: /);
		expect(sentEmails.size).toBeGreaterThan(UNIQUE_EMAILS_AT_LEAST);
		const lower = log.toLowerCase();
		for (const scheme of ALL_SCHEMES) expect(log).not.toContain(secretOf(scheme));
		expect(log).not.toContain(VERIFY_TOKEN);
		const leaked = [...sentEmails].filter((email) => lower.includes(email));
		expect(leaked).toEqual([]);
	});
});

const UNIQUE_EMAILS_AT_LEAST = 800;
