import { readFileSync } from 'fs';
import { join } from 'path';

import { duplicateKeysFor } from '../../../lib/intake/deliveryKeys';
import { detectNormalizer, normalizeDelivery, NORMALIZERS, sourceForTriggerNode } from '../../../lib/normalizers';
import { telegramNormalizer } from '../../../lib/normalizers/telegram';
import { delivery, run } from './helpers';

/** test/fixtures/chat/telegram/<name>.json, a fresh copy (see the README there for where each came from). */
function telegramFixture<T = any>(name: string): T {
	return JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'chat', 'telegram', `${name}.json`), 'utf8')) as T;
}

const NO_UTM = { source: null, medium: null, campaign: null, term: null, content: null };
// 1441645532 s = 2015-09-07T17:05:32Z (date -u -d @1441645532)
const GUIDE_TIME = '2015-09-07T17:05:32.000Z';

describe('Telegram Bot API normalizer', () => {
	it("reads the text message of Telegram's webhook guide into one whole lead", () => {
		// core.telegram.org/bots/webhooks, "Testing your bot with updates", More examples in curl: Message with text
		const result = run(telegramNormalizer, telegramFixture('webhooks-guide-message-text'));
		expect(result).toMatchObject({ eventId: '10000', eventType: 'message' });
		expect(result.ignored).toBeUndefined();
		expect(result.leads).toEqual([
			{
				email: null,
				firstName: 'Test Firstname',
				lastName: 'Test Lastname',
				fullName: 'Test Firstname Test Lastname',
				phone: null,
				company: null,
				jobTitle: null,
				website: null,
				country: null,
				countryCode: null,
				city: null,
				message: '/start',
				language: null,
				source: 'telegram',
				channel: 'chat',
				formId: null,
				formName: null,
				submittedAt: GUIDE_TIME,
				externalId: '1111111:1365',
				consent: { marketing: null },
				utm: NO_UTM,
				answers: { Message: '/start' },
				events: [{ type: 'chat_message', at: GUIDE_TIME }],
				chat: {
					channel: 'telegram',
					userId: '1111111',
					handle: '@Testusername',
					// the bot's own id is not in an update
					businessId: null,
					conversationId: 'telegram::1111111',
					firstMessageAt: GUIDE_TIME,
					lastMessageAt: GUIDE_TIME,
					messages: [{ id: '1111111:1365', at: GUIDE_TIME, text: '/start', type: 'text' }],
				},
			},
		]);
	});

	it("reads the guide's first example, whose chat has no type, as a private chat (the chat is the sender)", () => {
		const result = run(telegramNormalizer, telegramFixture('webhooks-guide-first-example'));
		expect(result.leads).toHaveLength(1);
		expect(result.leads[0]).toMatchObject({ firstName: 'Test', lastName: 'Test Lastname', externalId: '1111111:1365', chat: { userId: '1111111', handle: '@Test' } });
	});

	it('makes a lead of a message without text (audio), with no message text', () => {
		const [lead] = run(telegramNormalizer, telegramFixture('webhooks-guide-audio')).leads;
		expect(lead).toMatchObject({ message: null, answers: {}, events: [{ type: 'chat_message', at: GUIDE_TIME }] });
		expect(lead.chat?.messages).toEqual([{ id: '1111111:1365', at: GUIDE_TIME, text: null, type: 'audio' }]);
	});

	it.each([
		['webhooks-guide-edited-message', 'edited_message', 'edited message (counted when it was sent)'],
		['webhooks-guide-callback-query', 'callback_query', 'button tap (callback query)'],
	])('ignores the guide sample %s', (name, eventType, ignored) => {
		expect(telegramNormalizer.detect(delivery(telegramFixture(name)))).toBe(true);
		expect(run(telegramNormalizer, telegramFixture(name))).toEqual({ leads: [], eventId: '10000', eventType, ignored });
	});

	it('ignores groups, channels, bots and service messages', () => {
		const inGroup = telegramFixture('webhooks-guide-message-text');
		inGroup.message.chat = { id: -1001234567890, title: 'Buyers', type: 'supergroup' };
		expect(run(telegramNormalizer, inGroup)).toMatchObject({ leads: [], ignored: 'supergroup chat message' });

		const fromBot = telegramFixture('webhooks-guide-message-text');
		fromBot.message.from.is_bot = true;
		expect(run(telegramNormalizer, fromBot)).toMatchObject({ leads: [], ignored: 'message from a bot' });

		const pinned = telegramFixture('webhooks-guide-message-text');
		delete pinned.message.text;
		pinned.message.pinned_message = { message_id: 1300, date: 1441645000, chat: pinned.message.chat };
		expect(run(telegramNormalizer, pinned)).toMatchObject({ leads: [], ignored: 'service message' });

		const channelPost = { update_id: 10001, channel_post: { message_id: 7, chat: { id: -1002222, type: 'channel', title: 'News' }, date: 1441645532, text: 'price list' } };
		expect(run(telegramNormalizer, channelPost)).toEqual({ leads: [], eventId: '10001', eventType: 'channel_post', ignored: 'channel post' });

		const joined = { update_id: 10002, my_chat_member: { chat: { id: 1111111, type: 'private' }, from: { id: 1111111, is_bot: false, first_name: 'Test' }, date: 1441645532 } };
		expect(run(telegramNormalizer, joined)).toMatchObject({ leads: [], ignored: 'my chat member' });
	});

	it('reads a Persian conversation: language fa from the text although the app runs in English, the shared own number in E.164', () => {
		const leads = telegramFixture<any[]>('persian-conversation').map((update) => {
			const result = run(telegramNormalizer, update);
			expect(result.leads).toHaveLength(1);
			return result.leads[0];
		});
		expect(leads.map((lead) => lead.language)).toEqual(['fa', 'fa', 'fa', 'fa', 'fa']);
		// 1764651600 s = 2025-12-02T05:00:00Z, then +120, +305, +410, +533 s
		expect(leads.map((lead) => lead.events)).toEqual([
			[{ type: 'chat_message', at: '2025-12-02T05:00:00.000Z' }],
			[{ type: 'chat_message', at: '2025-12-02T05:02:00.000Z' }],
			[
				{ type: 'chat_message', at: '2025-12-02T05:05:05.000Z' },
				{ type: 'pricing_request', at: '2025-12-02T05:05:05.000Z' },
			],
			[{ type: 'chat_message', at: '2025-12-02T05:06:50.000Z' }],
			[
				{ type: 'chat_message', at: '2025-12-02T05:08:53.000Z' },
				{ type: 'consultation_request', at: '2025-12-02T05:08:53.000Z' },
			],
		]);
		expect(leads.map((lead) => lead.phone)).toEqual([null, null, null, '+989121234567', null]);
		expect(leads[3]).toEqual({
			email: null,
			// a two-word first name stays whole
			firstName: 'محمد رضا',
			lastName: 'احمدی',
			fullName: 'محمد رضا احمدی',
			phone: '+989121234567',
			company: null,
			jobTitle: null,
			website: null,
			country: null,
			countryCode: 'IR',
			city: null,
			message: null,
			language: 'fa',
			source: 'telegram',
			channel: 'chat',
			formId: null,
			formName: null,
			submittedAt: '2025-12-02T05:06:50.000Z',
			externalId: '5123456789:418',
			consent: { marketing: null },
			utm: NO_UTM,
			answers: {},
			events: [{ type: 'chat_message', at: '2025-12-02T05:06:50.000Z' }],
			chat: {
				channel: 'telegram',
				userId: '5123456789',
				handle: '@mr_ahmadi',
				businessId: null,
				conversationId: 'telegram::5123456789',
				firstMessageAt: '2025-12-02T05:06:50.000Z',
				lastMessageAt: '2025-12-02T05:06:50.000Z',
				messages: [{ id: '5123456789:418', at: '2025-12-02T05:06:50.000Z', text: null, type: 'contact' }],
			},
		});
	});

	it("takes no phone from someone else's contact, and the app's language only when the text does not tell", () => {
		const update = telegramFixture<any[]>('persian-conversation')[3];
		update.message.contact.user_id = 6000000001;
		expect(run(telegramNormalizer, update).leads[0].phone).toBeNull();

		const start = telegramFixture('webhooks-guide-message-text');
		start.message.from.language_code = 'pt-br';
		expect(run(telegramNormalizer, start).leads[0].language).toBe('pt');
	});

	it('reads a Telegram Business customer message, and not the owner reply in the same chat', () => {
		const customer = { update_id: 20000, business_message: { business_connection_id: 'Bc0nnXyZ', message_id: 55, from: { id: 777000111, is_bot: false, first_name: 'Sara' }, chat: { id: 777000111, type: 'private', first_name: 'Sara' }, date: 1441645532, text: 'Can I get a quote?' } };
		const [lead] = run(telegramNormalizer, customer).leads;
		expect(lead).toMatchObject({ externalId: '777000111:55', chat: { businessId: 'Bc0nnXyZ', conversationId: 'telegram:Bc0nnXyZ:777000111' } });
		expect(lead.events).toEqual([
			{ type: 'chat_message', at: GUIDE_TIME },
			{ type: 'quote_request', at: GUIDE_TIME },
		]);
		const reply = { update_id: 20001, business_message: { ...customer.business_message, message_id: 56, from: { id: 123456, is_bot: false, first_name: 'Owner' }, text: 'Sure' } };
		expect(run(telegramNormalizer, reply)).toMatchObject({ leads: [], eventType: 'business_message', ignored: "the business's own message" });
	});

	it("reads n8n's Telegram Trigger item (the update itself, the photo as binary) through the trigger's source", () => {
		expect(sourceForTriggerNode('n8n-nodes-base.telegramTrigger')).toBe('telegram');
		const item = telegramFixture('n8n-trigger-photo-item');
		for (const source of ['telegram', 'auto']) {
			const result = normalizeDelivery(delivery(item.json), source);
			expect(result.source).toBe('telegram');
			expect(result.eventId).toBe('734512100');
			expect(result.leads[0]).toMatchObject({ message: 'این مدل رو موجود دارید؟ قیمت چند است', language: 'fa', submittedAt: '2025-12-02T05:15:00.000Z' });
			expect(result.leads[0].chat?.messages).toEqual([{ id: '5123456789:431', at: '2025-12-02T05:15:00.000Z', text: 'این مدل رو موجود دارید؟ قیمت چند است', type: 'photo' }]);
			expect(result.leads[0].events.map((event) => event.type)).toEqual(['chat_message', 'pricing_request']);
		}
	});

	it('gives a retried update the duplicate key of the first delivery', () => {
		const update = telegramFixture<any[]>('persian-conversation')[2];
		const result = normalizeDelivery(delivery(update));
		const keys = duplicateKeysFor(result.leads[0], { source: result.source, eventId: result.eventId, eventType: result.eventType, rawBody: 'any bytes', leadIndex: 0 }, { windowMinutes: 60, now: Date.UTC(2025, 11, 2, 5, 10) });
		expect(keys).toEqual(['lq:telegram:id:5123456789:416:message']);
	});

	it('is detected as telegram, and claims no other shape', () => {
		for (const name of ['webhooks-guide-message-text', 'webhooks-guide-first-example', 'webhooks-guide-edited-message', 'webhooks-guide-callback-query', 'webhooks-guide-audio']) {
			expect(detectNormalizer(delivery(telegramFixture(name))).id).toBe('telegram');
			const claimedBy = NORMALIZERS.filter((normalizer) => !['telegram', 'generic'].includes(normalizer.id) && normalizer.detect(delivery(telegramFixture(name)))).map((normalizer) => normalizer.id);
			expect(claimedBy).toEqual([]);
		}
		for (const body of [{ update_id: 1 }, { update_id: '1', message: {} }, { update_id: 1.5, message: {} }, { message: { text: 'hi' } }, { update_id: 1, text: 'hi' }]) expect(telegramNormalizer.detect(delivery(body))).toBe(false);
	});

	it('never throws on broken messages', () => {
		for (const message of [{}, { chat: 'x' }, { from: { id: 1 }, chat: { id: 1 } }, { from: { id: 1 }, chat: { id: 1, type: 'private' }, text: 'hi' }, { from: [], chat: { id: 1 }, message_id: 1, text: 'hi' }]) {
			const result = run(telegramNormalizer, { update_id: 1, message });
			expect(result.leads).toEqual([]);
			expect(typeof result.ignored).toBe('string');
		}
	});
});
