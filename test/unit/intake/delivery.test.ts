/**
 * The per-delivery processing both Lead Intake nodes share (lib/intake/delivery.ts): what an item
 * of n8n's Webhook node or Form Trigger says was received, signature check, parsing, splitting
 * into leads, duplicate keys and the lead item. Expected values are published signatures, values
 * computed by hand with openssl, and fields read off the vendor samples by hand.
 */
import fs from 'fs';
import path from 'path';
import {
	DeliveryRejection,
	deliveryDuplicateKeys,
	duplicateReason,
	isWebhookItem,
	leadItemJson,
	readDelivery,
	receivedFromItem,
	webhookItemUrls,
	type ReceivedDelivery,
	type ReadDeliveryOptions,
} from '../../../lib/intake/delivery';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'payloads', name));
const NOW = Date.UTC(2024, 2, 5, 10, 5, 0);
const OPEN: ReadDeliveryOptions = { source: 'auto', maxBytes: 1024 * 1024, signature: null, now: NOW };

function rejection(run: () => unknown): DeliveryRejection {
	try {
		run();
	} catch (error) {
		if (error instanceof DeliveryRejection) return error;
		throw error;
	}
	throw new Error('expected a DeliveryRejection');
}

/** An item exactly as n8n's Webhook node (v2, Raw Body on) outputs it: see its webhook() in n8n-nodes-base. */
function webhookItem(raw: Buffer, headers: Record<string, string>) {
	return { json: { headers: { host: 'n8n.example.com', 'content-type': 'application/json', ...headers }, params: {}, query: {}, body: JSON.parse(raw.toString('utf8')) }, raw };
}

describe('what an item says was received', () => {
	test("n8n's Webhook node: headers (lower-cased), the parsed body and the query; the raw body from its binary data", () => {
		const raw = Buffer.from('{"email":"a@example.com"}');
		const received = receivedFromItem({ headers: { 'Typeform-Signature': 'sha256=x', Host: 'h' }, params: {}, query: { a: '1' }, body: { email: 'a@example.com' } }, raw);
		expect(received).toEqual({ rawBody: raw, headers: { 'typeform-signature': 'sha256=x', host: 'h' }, body: { email: 'a@example.com' }, query: { a: '1' }, method: 'POST' });
	});

	test('a Form Trigger item is its own body, with no headers and no raw body', () => {
		const json = { Email: 'kai@scaleup.example', 'First Name': 'Kai', submittedAt: '2026-12-02T00:00:00.000+00:00', formMode: 'production' };
		expect(isWebhookItem(json)).toBe(false);
		expect(receivedFromItem(json, Buffer.from('ignored'))).toEqual({ rawBody: null, headers: {}, body: json, query: {} });
	});

	test('a form field named "headers" or "body" alone does not make an item a webhook item', () => {
		expect(isWebhookItem({ headers: 'x', body: 'y' })).toBe(false);
		expect(isWebhookItem({ body: { a: 1 } })).toBe(false);
	});
});

describe('signatures', () => {
	test("Meta's scheme with the example GitHub publishes for the same header: checked before the body is parsed", () => {
		// https://docs.github.com/webhooks/using-webhooks/validating-webhook-deliveries: secret
		// "It's a Secret to Everybody", payload "Hello, World!"
		const published = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
		const signature = { scheme: 'meta', secrets: { secret: "It's a Secret to Everybody" } };
		const received: ReceivedDelivery = { rawBody: Buffer.from('Hello, World!'), headers: { 'x-hub-signature-256': published, 'content-type': 'text/plain' }, body: 'Hello, World!', query: {} };
		// signed correctly, but no lead can be read from plain text: 400, never 401
		expect(rejection(() => readDelivery(received, { ...OPEN, signature })).status).toBe(400);
		const forged = { ...received, rawBody: Buffer.from('Hello, World?') };
		expect(rejection(() => readDelivery(forged, { ...OPEN, signature }))).toMatchObject({ status: 401, message: 'Signature check failed', reason: 'Signature does not match' });
	});

	test("HubSpot v3: HubSpot's test delivery as published in a third-party SDK test passes the check", () => {
		// slickteam hubspot-api-java, HubSpotWebHookSignatureUtilsTest (as in test/unit/signatures.test.ts)
		const body = '[{"eventId":100,"subscriptionId":2439752,"portalId":8136442,"occurredAt":1704970386905,"subscriptionType":"deal.propertyChange","attemptNumber":0,"objectId":123,"changeSource":"CRM","propertyName":"dealstage","propertyValue":"sample-value"}]';
		const received: ReceivedDelivery = {
			rawBody: Buffer.from(body),
			headers: { 'x-hubspot-signature-v3': 'IirHW2rKOnmjwy3EF7Czp86mGntxQZVDVhKTlGj5jx8=', 'x-hubspot-request-timestamp': '1704975585199', 'content-type': 'application/json' },
			body: JSON.parse(body),
			query: {},
			method: 'POST',
			urls: ['https://api.beta/webhooks'],
		};
		const signature = { scheme: 'hubspot', secrets: { secret: '3da21a3d-5964-494c-a638-c56abb76d825' } };
		let status: number | 'accepted' = 'accepted';
		try {
			readDelivery(received, { ...OPEN, signature, now: 1704975585199 + 60_000 });
		} catch (error) {
			status = (error as DeliveryRejection).status;
		}
		// a deal property change holds no person: whatever it becomes, it is not refused as unsigned
		expect(status).not.toBe(401);
		expect(rejection(() => readDelivery({ ...received, urls: ['https://api.beta/other'] }, { ...OPEN, signature, now: 1704975585199 + 60_000 })).status).toBe(401);
	});

	test("Typeform's sample form, signed by hand (openssl), through a Webhook node item", () => {
		const raw = fixture('typeform/lead-form.json');
		// openssl dgst -sha256 -hmac 'unit-secret-typeform' -binary test/fixtures/payloads/typeform/lead-form.json | base64
		const item = webhookItem(raw, { 'typeform-signature': 'sha256=ycjLwQJFn9kwXSEGwhCHmoCifYsC1bkm7ROu681R1Mg=' });
		const signature = { scheme: 'typeform', secrets: { secret: 'unit-secret-typeform' } };
		const accepted = readDelivery(receivedFromItem(item.json, item.raw), { ...OPEN, signature });
		expect(accepted.verified).toBe(true);
		expect(accepted.delivery.source).toBe('typeform');
		// read off the sample by hand (as in test/e2e/leadIntakeTrigger.e2e.test.ts)
		expect(accepted.delivery.leads).toHaveLength(1);
		expect(accepted.delivery.leads[0]).toMatchObject({ email: 'zoe.angstrom@example.com', company: 'Exempel AB', formId: 'Kq9pXy2R', formName: 'Book a demo', externalId: '4v9k2m1q8z0x7c6b5n4m3l2k1j0h9g8f' });
		// the sample's event_id
		expect(accepted.deliveryId).toBe('01HQ2Z8K4W9V3M7T6R5P4N3B2A');
		// the same item with the wrong secret, or its body changed after signing
		expect(rejection(() => readDelivery(receivedFromItem(item.json, item.raw), { ...OPEN, signature: { scheme: 'typeform', secrets: { secret: 'another-secret' } } })).status).toBe(401);
		const tampered = Buffer.from(raw.toString('utf8').replace('Exempel AB', 'Mallory Ltd'));
		expect(rejection(() => readDelivery(receivedFromItem(item.json, tampered), { ...OPEN, signature })).status).toBe(401);
	});

	test("HubSpot v3 after n8n's Webhook node: the URL it signed is rebuilt from the Host header, the node's path and the query", () => {
		// the hand-computed (openssl) value of test/unit/signatures.test.ts: base64 HMAC-SHA256 with
		// 'whsec_test_0123456789' over "POST" + "https://n8n.example.com/webhook/leads?ref=a:b/c&x=%20y" + RAW + "1709633000000"
		const raw = Buffer.from('{"event_id":"LtWXD3crgy","event_type":"form_response","name":"Zoë Ångström"}', 'utf8');
		const json = {
			headers: { host: '127.0.0.1:5678', 'x-forwarded-host': 'n8n.example.com', 'x-forwarded-proto': 'https', 'x-hubspot-signature-v3': 'FFstO+zV5TTbnXuwsN3whOkMgO8/pLHsk2EemiHw7mw=', 'x-hubspot-request-timestamp': '1709633000000', 'content-type': 'application/json' },
			params: {},
			query: { ref: 'a:b/c', x: ' y' },
			body: JSON.parse(raw.toString('utf8')),
		};
		const received = receivedFromItem(json, raw);
		received.urls = webhookItemUrls(received, ['leads'], ['http://localhost:5678/']);
		expect(received.urls).toContain('https://n8n.example.com/webhook/leads?ref=a%3Ab%2Fc&x=%20y');
		expect(received.urls).toContain('http://localhost:5678/webhook-test/leads?ref=a%3Ab%2Fc&x=%20y');
		const signature = { scheme: 'hubspot', secrets: { secret: 'whsec_test_0123456789' } };
		expect(readDelivery(received, { ...OPEN, signature, now: 1_709_633_000_000 }).verified).toBe(true);
		expect(rejection(() => readDelivery({ ...received, urls: webhookItemUrls(received, ['other-path']) }, { ...OPEN, signature, now: 1_709_633_000_000 })).status).toBe(401);
	});

	test('Google Ads: the key in the body is checked, then kept out of the delivery', () => {
		const body = { ...JSON.parse(fixture('googleads/test-lead.json').toString('utf8')), google_key: 'unit-google-key' };
		const raw = Buffer.from(JSON.stringify(body));
		const accepted = readDelivery({ rawBody: raw, headers: { 'content-type': 'application/json' }, body, query: {} }, { ...OPEN, signature: { scheme: 'googleads', secrets: { secret: 'unit-google-key' } } });
		expect(JSON.stringify(accepted.body)).not.toContain('unit-google-key');
		expect(JSON.stringify(leadItemJson(accepted, 0, { receivedAt: 'x', duplicateStore: 'off', includeRawBody: true }))).not.toContain('unit-google-key');
		expect(rejection(() => readDelivery({ rawBody: raw, headers: {}, body, query: {} }, { ...OPEN, signature: { scheme: 'googleads', secrets: { secret: 'other-google-key' } } })).status).toBe(401);
	});
});

describe('bad input', () => {
	test('too large: 413, before any signature check', () => {
		const received: ReceivedDelivery = { rawBody: Buffer.alloc(2048, 'a'), headers: {}, body: 'aaa', query: {} };
		expect(rejection(() => readDelivery(received, { ...OPEN, maxBytes: 1024, signature: { scheme: 'typeform', secrets: { secret: 's' } } })).status).toBe(413);
	});

	test('JSON that does not parse, or is not an object: 400', () => {
		expect(rejection(() => readDelivery({ rawBody: Buffer.from('{"email": '), headers: { 'content-type': 'application/json' }, body: {}, query: {} }, OPEN))).toMatchObject({ status: 400, message: 'Malformed JSON body' });
		expect(rejection(() => readDelivery({ rawBody: Buffer.from('"text"'), headers: { 'content-type': 'application/json' }, body: 'text', query: {} }, OPEN))).toMatchObject({ status: 400, message: 'Expected a JSON object or a form post' });
	});
});

describe('leads, items and duplicate keys', () => {
	test('a Typeform delivery is keyed on its submission token, per event type', () => {
		const raw = fixture('typeform/lead-form.json');
		const accepted = readDelivery({ rawBody: raw, headers: { 'content-type': 'application/json' }, body: JSON.parse(raw.toString('utf8')), query: {} }, OPEN);
		const keys = deliveryDuplicateKeys(accepted, { windowMinutes: 60, now: NOW });
		// the sample's form_response.token and event_type
		expect(keys).toEqual([['lq:typeform:id:4v9k2m1q8z0x7c6b5n4m3l2k1j0h9g8f:form_response']]);
		expect(duplicateReason(keys[0]).reason).toBe('sameSubmissionId');
	});

	test('a form without ids is keyed on what was submitted, in the current and previous window', () => {
		const body = { email: 'jo@example.com', name: 'Jo' };
		const accepted = readDelivery({ rawBody: null, headers: {}, body, query: {} }, OPEN);
		const [keys] = deliveryDuplicateKeys(accepted, { windowMinutes: 60, now: NOW });
		// NOW is 2024-03-05T10:05Z: hour bucket 1709633100000 / 3600000 = 474898
		expect(keys).toHaveLength(2);
		expect(keys[0]).toMatch(/^lq:generic:content:[0-9a-f]{32}:474898$/);
		expect(keys[1]).toBe(keys[0].replace(/474898$/, '474897'));
		expect(duplicateReason(keys).reason).toBe('sameContent');
	});

	test('the lead item: the lead and the same meta as the trigger gives', () => {
		const body = { email: 'jo@example.com', name: 'Jo' };
		const accepted = readDelivery({ rawBody: null, headers: {}, body, query: {} }, OPEN);
		const json = leadItemJson(accepted, 0, { receivedAt: '2024-03-05T10:05:00.000Z', duplicateStore: 'database', receipt: 'w:n|k' });
		expect(Object.keys(json).sort()).toEqual(['lead', 'meta']);
		expect(json.lead).toMatchObject({ email: 'jo@example.com' });
		expect(json.meta).toEqual({ source: 'generic', eventType: 'submission', receivedAt: '2024-03-05T10:05:00.000Z', deliveryId: accepted.deliveryId, verified: false, leadIndex: 0, leadCount: 1, duplicateStore: 'database', receipt: 'w:n|k' });
		expect(accepted.deliveryId).toMatch(/^sha256:[0-9a-f]{32}$/);
	});
});
