import { readFileSync } from 'fs';
import { join } from 'path';

import { readDelivery } from '../../../lib/intake/delivery';
import { duplicateKeysFor } from '../../../lib/intake/deliveryKeys';
import { detectNormalizer, normalizeDelivery, NORMALIZERS } from '../../../lib/normalizers';
import { lineNormalizer } from '../../../lib/normalizers/line';
import { delivery, run } from './helpers';

/** test/fixtures/chat/line/<name>.json, a fresh copy (see the README there for where each came from). */
function lineFixture<T = any>(name: string): T {
	return JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'chat', 'line', `${name}.json`), 'utf8')) as T;
}

const NO_UTM = { source: null, medium: null, campaign: null, term: null, content: null };

describe('LINE Messaging API normalizer', () => {
	it("reads the reference's text message example (a group chat naming its sender) into one whole lead", () => {
		// developers.line.biz/en/reference/messaging-api/#message-event; 1462629479859 ms = 2016-05-07T13:57:59.859Z (date -u -d @1462629479.859)
		const result = run(lineNormalizer, lineFixture('reference-text-group'));
		expect(result).toMatchObject({ eventId: '01FZ74A0TDDPYRVKNK77XKC3ZR', eventType: 'message' });
		expect(result.ignored).toBeUndefined();
		expect(result.leads).toEqual([
			{
				email: null,
				firstName: null,
				lastName: null,
				fullName: null,
				phone: null,
				company: null,
				jobTitle: null,
				website: null,
				country: null,
				countryCode: null,
				city: null,
				message: '@All @example Good Morning!! (love)',
				// one English sign ("Message") is not enough
				language: null,
				source: 'line',
				channel: 'chat',
				formId: null,
				formName: null,
				submittedAt: '2016-05-07T13:57:59.859Z',
				externalId: '444573844083572737',
				consent: { marketing: null },
				utm: NO_UTM,
				answers: { Message: '@All @example Good Morning!! (love)' },
				events: [{ type: 'chat_message', at: '2016-05-07T13:57:59.859Z' }],
				chat: {
					channel: 'line',
					userId: 'U4af4980629...',
					handle: null,
					businessId: 'xxxxxxxxxx',
					conversationId: 'line:xxxxxxxxxx:U4af4980629...',
					firstMessageAt: '2016-05-07T13:57:59.859Z',
					lastMessageAt: '2016-05-07T13:57:59.859Z',
					messages: [{ id: '444573844083572737', at: '2016-05-07T13:57:59.859Z', text: '@All @example Good Morning!! (love)', type: 'text' }],
				},
			},
		]);
	});

	it('makes a lead of a one-on-one message and none of the follow event beside it', () => {
		// the reference's older example: a text message and a follow in one delivery, no webhookEventId yet
		const result = run(lineNormalizer, lineFixture('reference-text-and-follow'));
		expect(result.eventId).toBeNull();
		expect(result.leads).toHaveLength(1);
		expect(result.leads[0]).toMatchObject({ externalId: '325708', message: 'Hello, world', submittedAt: '2016-05-07T13:57:59.859Z' });
		expect(result.leads[0].chat).toMatchObject({ userId: 'U4af4980629...', businessId: 'xxxxxxxxxx', messages: [{ id: '325708', text: 'Hello, world', type: 'text' }] });
	});

	it("ignores LINE's webhook URL verification (no events), so that it is answered 200", () => {
		const body = lineFixture('verify');
		expect(lineNormalizer.detect(delivery(body))).toBe(true);
		expect(run(lineNormalizer, body)).toEqual({ leads: [], eventId: null, eventType: 'message', ignored: 'no events (LINE checks the webhook URL this way)' });
		// through the intake: no 422, no lead, the reason to answer with
		const accepted = readDelivery({ rawBody: Buffer.from(JSON.stringify(body)), headers: { 'content-type': 'application/json' }, body, query: {} }, { source: 'auto', maxBytes: 1024 * 1024, signature: null });
		expect(accepted.delivery.source).toBe('line');
		expect(accepted.ignored).toBe('no events (LINE checks the webhook URL this way)');
	});

	it('ignores follow, postback, unsend and unfollow events and a message whose sender LINE does not name', () => {
		const result = run(lineNormalizer, lineFixture('no-message-events'));
		expect(result).toEqual({
			leads: [],
			eventId: null,
			eventType: 'message',
			ignored: 'no message from a person (follow, postback, unsend, unfollow, message); messages without a sender id',
		});
	});

	it('keeps the messages of a delivery that also holds other events, and ignores nothing then', () => {
		const body = lineFixture('no-message-events');
		body.events.push(...lineFixture('reference-text-and-follow').events);
		const result = run(lineNormalizer, body);
		expect(result.ignored).toBeUndefined();
		expect(result.leads.map((lead) => lead.externalId)).toEqual(['325708']);
		expect(result.leads[0].chat?.businessId).toBe('U0123456789abcdef0123456789abcdef');
	});

	it('reads a Thai conversation message by message: language th, a price question and a quote request raise intent', () => {
		const deliveries = lineFixture<any[]>('thai-conversation');
		const leads = deliveries.map((body) => {
			const result = run(lineNormalizer, body);
			expect(result.leads).toHaveLength(1);
			return result.leads[0];
		});
		expect(leads.map((lead) => lead.language)).toEqual(['th', 'th', 'th', null, 'th']);
		// the times by hand: 1764651600 s = 2025-12-02T05:00:00Z, then +120.333 s, +305.666 s, +410 s, +533.198 s
		expect(leads.map((lead) => lead.events)).toEqual([
			[{ type: 'chat_message', at: '2025-12-02T05:00:00.123Z' }],
			[{ type: 'chat_message', at: '2025-12-02T05:02:00.456Z' }],
			[
				{ type: 'chat_message', at: '2025-12-02T05:05:05.789Z' },
				{ type: 'pricing_request', at: '2025-12-02T05:05:05.789Z' },
			],
			[{ type: 'chat_message', at: '2025-12-02T05:06:50.000Z' }],
			[
				{ type: 'chat_message', at: '2025-12-02T05:08:53.321Z' },
				{ type: 'quote_request', at: '2025-12-02T05:08:53.321Z' },
			],
		]);
		const conversationIds = new Set(leads.map((lead) => lead.chat?.conversationId));
		expect([...conversationIds]).toEqual(['line:Ub1c7d2f0e4a9836c5d17e2f0a4b6c8d9:U8e2f41c0a7b35d96e1f02c4b7a9d3e58']);
		// a sticker is a message without text
		expect(leads[3]).toMatchObject({ message: null, answers: {}, chat: { messages: [{ id: '523581933197405512', text: null, type: 'sticker' }] } });
		expect(leads[2]).toEqual({
			email: null,
			firstName: null,
			lastName: null,
			fullName: null,
			phone: null,
			company: null,
			jobTitle: null,
			website: null,
			country: null,
			countryCode: null,
			city: null,
			message: 'สอบถามราคาคอร์ส 3 เดือนค่ะ',
			language: 'th',
			source: 'line',
			channel: 'chat',
			formId: null,
			formName: null,
			submittedAt: '2025-12-02T05:05:05.789Z',
			externalId: '523581757845629016',
			consent: { marketing: null },
			utm: NO_UTM,
			answers: { Message: 'สอบถามราคาคอร์ส 3 เดือนค่ะ' },
			events: [
				{ type: 'chat_message', at: '2025-12-02T05:05:05.789Z' },
				{ type: 'pricing_request', at: '2025-12-02T05:05:05.789Z' },
			],
			chat: {
				channel: 'line',
				userId: 'U8e2f41c0a7b35d96e1f02c4b7a9d3e58',
				handle: null,
				businessId: 'Ub1c7d2f0e4a9836c5d17e2f0a4b6c8d9',
				conversationId: 'line:Ub1c7d2f0e4a9836c5d17e2f0a4b6c8d9:U8e2f41c0a7b35d96e1f02c4b7a9d3e58',
				firstMessageAt: '2025-12-02T05:05:05.789Z',
				lastMessageAt: '2025-12-02T05:05:05.789Z',
				messages: [{ id: '523581757845629016', at: '2025-12-02T05:05:05.789Z', text: 'สอบถามราคาคอร์ส 3 เดือนค่ะ', type: 'text' }],
			},
		});
	});

	it('gives a redelivered message the duplicate key of the first delivery', () => {
		const first = normalizeDelivery(delivery(lineFixture<any[]>('thai-conversation')[2]));
		const again = normalizeDelivery(delivery(lineFixture('thai-conversation-redelivery')));
		const options = { windowMinutes: 60, now: Date.UTC(2025, 11, 2, 5, 10) };
		const keyOf = (result: typeof first, rawBody: string) => duplicateKeysFor(result.leads[0], { source: result.source, eventId: result.eventId, eventType: result.eventType, rawBody, leadIndex: 0 }, options);
		expect(keyOf(first, 'first')).toEqual(['lq:line:id:523581757845629016:message']);
		expect(keyOf(again, 'again, other bytes')).toEqual(['lq:line:id:523581757845629016:message']);
	});

	it('is detected ahead of every other source, and claims nothing but LINE webhooks', () => {
		for (const name of ['reference-text-group', 'reference-text-and-follow', 'verify', 'no-message-events']) expect(detectNormalizer(delivery(lineFixture(name))).id).toBe('line');
		const claimedBy = NORMALIZERS.filter((normalizer) => normalizer.id !== 'line' && normalizer.id !== 'generic' && normalizer.detect(delivery(lineFixture('reference-text-group')))).map((normalizer) => normalizer.id);
		expect(claimedBy).toEqual([]);
		for (const body of [{ destination: 'x' }, { events: [] }, { destination: 'x', events: [{ id: 1 }] }, { destination: 1, events: [] }]) expect(lineNormalizer.detect(delivery(body))).toBe(false);
	});

	it('never throws on broken events', () => {
		const body = { destination: 'xxxxxxxxxx', events: [{ type: 'message' }, { type: 'message', source: { userId: 'U1' } }, { type: 'message', source: { userId: 'U1' }, message: { type: 'text', text: 'hi' } }, { type: 'message', source: 'x', message: [] }] };
		expect(run(lineNormalizer, body)).toMatchObject({ leads: [], ignored: 'no message from a person (message); messages without a sender id' });
		const withoutTime = run(lineNormalizer, { destination: 'xxxxxxxxxx', events: [{ type: 'message', source: { type: 'user', userId: 'U1' }, message: { id: '1', type: 'text', text: 'hi' } }] });
		expect(withoutTime.leads[0]).toMatchObject({ submittedAt: null, chat: { firstMessageAt: null, messages: [{ id: '1', at: null, text: 'hi', type: 'text' }] } });
	});
});
