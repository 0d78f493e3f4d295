/**
 * WhatsApp Business Cloud API. Fixtures: test/fixtures/chat/whatsapp (README.md there says where each
 * came from: Meta's published webhook payload examples, n8n's WhatsApp Trigger applied to them, and
 * two hand-written messages from Iran and Saudi Arabia). Every expected lead below is written by hand.
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

import { duplicateKeysFor } from '../../../lib/intake/deliveryKeys';
import type { Lead } from '../../../lib/lead/types';
import { detectNormalizer, NORMALIZERS, normalizeDelivery, sourceForTriggerNode } from '../../../lib/normalizers';
import { whatsappNormalizer } from '../../../lib/normalizers/whatsapp';
import { delivery, fixture as formFixture, run } from './helpers';

const CHAT_FIXTURES = join(__dirname, '..', '..', 'fixtures', 'chat');

function chatFixture<T = any>(source: string, name: string): T {
	return JSON.parse(readFileSync(join(CHAT_FIXTURES, source, `${name}.json`), 'utf8')) as T;
}

function fixtureNames(source: string): string[] {
	return readdirSync(join(CHAT_FIXTURES, source))
		.filter((file) => file.endsWith('.json'))
		.map((file) => file.replace(/\.json$/, ''))
		.sort();
}

const NO_UTM = { source: null, medium: null, campaign: null, term: null, content: null };

/**
 * Meta's text-message example: Kerry Fisher, wa_id 16315551234, writing to phone number id
 * 27681414235104944 at unix time 1603059201 (2020-10-18T22:13:21Z). +1 631 is Suffolk County, New
 * York: the United States. "Hello this is an answer" has none of the common English words the
 * language rule counts, so the language stays unclear.
 */
const KERRY_TEXT_LEAD: Lead = {
	email: null,
	firstName: 'Kerry',
	lastName: 'Fisher',
	fullName: 'Kerry Fisher',
	phone: '+16315551234',
	company: null,
	jobTitle: null,
	website: null,
	country: null,
	countryCode: 'US',
	city: null,
	message: 'Hello this is an answer',
	language: null,
	source: 'whatsapp',
	channel: 'chat',
	formId: null,
	formName: null,
	submittedAt: '2020-10-18T22:13:21.000Z',
	externalId: 'wamid.ABGGFlCGg0cvAgo-sJQh43L5Pe4W',
	consent: { marketing: null },
	utm: NO_UTM,
	answers: { Message: 'Hello this is an answer' },
	events: [{ type: 'chat_message', at: '2020-10-18T22:13:21.000Z' }],
	chat: {
		channel: 'whatsapp',
		userId: '16315551234',
		handle: 'Kerry Fisher',
		businessId: '27681414235104944',
		conversationId: 'whatsapp:27681414235104944:16315551234',
		firstMessageAt: '2020-10-18T22:13:21.000Z',
		lastMessageAt: '2020-10-18T22:13:21.000Z',
		messages: [{ id: 'wamid.ABGGFlCGg0cvAgo-sJQh43L5Pe4W', at: '2020-10-18T22:13:21.000Z', text: 'Hello this is an answer', type: 'text' }],
	},
};

function onlyLeadOf(body: unknown): Lead {
	const result = run(whatsappNormalizer, body);
	expect(result.ignored).toBeUndefined();
	expect(result.leads).toHaveLength(1);
	return result.leads[0];
}

describe('whatsapp normalizer: Meta published webhook examples', () => {
	it('makes one lead of the text message, with the chat, the phone in E.164 and the profile name', () => {
		const result = run(whatsappNormalizer, chatFixture('whatsapp', 'text-message'));
		expect(result).toEqual({ leads: [KERRY_TEXT_LEAD], eventId: 'wamid.ABGGFlCGg0cvAgo-sJQh43L5Pe4W', eventType: 'message' });
	});

	it('reads the caption of an image as its text', () => {
		const lead = onlyLeadOf(chatFixture('whatsapp', 'image-caption'));
		expect(lead.message).toBe('This is a caption');
		expect(lead.answers).toEqual({ Message: 'This is a caption' });
		// 1603059301 = 2020-10-18T22:15:01Z
		expect(lead.chat?.messages).toEqual([{ id: 'wamid.ID', at: '2020-10-18T22:15:01.000Z', text: 'This is a caption', type: 'image' }]);
	});

	it('reads a quick-reply button as the text on it, and keeps its payload', () => {
		const lead = onlyLeadOf(chatFixture('whatsapp', 'button-quick-reply'));
		expect(lead.chat?.messages).toEqual([{ id: 'wamid.ID.button', at: '2020-10-18T22:16:41.000Z', text: 'No', type: 'button' }]);
		expect(lead.answers).toEqual({ Message: 'No', 'Reply id': 'No-Button-Payload' });
	});

	it('reads a list row and a reply button as their titles, and keeps their ids', () => {
		const list = onlyLeadOf(chatFixture('whatsapp', 'interactive-list-reply'));
		expect(list.chat?.messages).toEqual([{ id: 'wamid.ID.list', at: '2020-10-18T22:18:21.000Z', text: 'list_reply_title', type: 'interactive' }]);
		expect(list.answers).toEqual({ Message: 'list_reply_title', 'Reply id': 'list_reply_id' });
		const button = onlyLeadOf(chatFixture('whatsapp', 'interactive-button-reply'));
		expect(button.message).toBe('button-text');
		expect(button.answers['Reply id']).toBe('unique-button-identifier-here');
	});

	it('keeps a shared location as an answer; the message has no text', () => {
		const lead = onlyLeadOf(chatFixture('whatsapp', 'location'));
		expect(lead.message).toBeNull();
		expect(lead.answers).toEqual({ Location: 'Meta Headquarters · 1 Hacker Way, Menlo Park, CA 94025 · 37.483307, -122.148981' });
		expect(lead.chat?.messages).toEqual([{ id: 'wamid.ID.location', at: '2020-10-18T22:23:21.000Z', text: null, type: 'location' }]);
		expect(lead.events).toEqual([{ type: 'chat_message', at: '2020-10-18T22:23:21.000Z' }]);
	});

	it('makes no lead of a reaction', () => {
		expect(run(whatsappNormalizer, chatFixture('whatsapp', 'reaction'))).toEqual({ leads: [], eventId: null, eventType: 'message', ignored: 'reaction' });
	});

	it.each([
		['status-sent', 'status update (sent)'],
		['status-delivered', 'status update (delivered)'],
		['status-read', 'status update (read)'],
	])('ignores %s, naming the status and nothing personal', (name, reason) => {
		const result = run(whatsappNormalizer, chatFixture('whatsapp', name));
		expect(result).toEqual({ leads: [], eventId: null, eventType: 'message', ignored: reason });
		expect(result.ignored).not.toContain('16315551234');
	});

	it('names every status of a delivery once, in the order met', () => {
		const body = chatFixture('whatsapp', 'status-sent');
		for (const name of ['status-delivered', 'status-read', 'status-read']) body.entry[0].changes.push(chatFixture('whatsapp', name).entry[0].changes[0]);
		expect(run(whatsappNormalizer, body).ignored).toBe('status update (sent, delivered, read)');
	});

	it('makes leads of the messages of a delivery that also holds statuses, and ignores nothing then', () => {
		const body = chatFixture('whatsapp', 'text-message');
		body.entry[0].changes.push(chatFixture('whatsapp', 'status-read').entry[0].changes[0]);
		expect(run(whatsappNormalizer, body)).toEqual({ leads: [KERRY_TEXT_LEAD], eventId: 'wamid.ABGGFlCGg0cvAgo-sJQh43L5Pe4W', eventType: 'message' });
	});

	it('ignores other notification fields by their name', () => {
		const body = { object: 'whatsapp_business_account', entry: [{ id: '8856996819413533', changes: [{ field: 'account_update', value: { phone_number: '16505553333', event: 'VERIFIED_ACCOUNT' } }] }] };
		expect(run(whatsappNormalizer, body)).toEqual({ leads: [], eventId: null, eventType: 'message', ignored: 'account_update notification' });
	});
});

describe('whatsapp normalizer: a click-to-WhatsApp ad', () => {
	// Meta's example with its placeholders filled in (see the fixtures' README); the text asks for a demo
	it('keeps the ad as answers, tags the traffic as paid Facebook, and records the ad click and the request', () => {
		const lead = onlyLeadOf(chatFixture('whatsapp', 'click-to-whatsapp-ad'));
		const at = '2020-10-18T22:25:01.000Z';
		expect(lead.utm).toEqual({ ...NO_UTM, source: 'facebook', medium: 'paid' });
		expect(lead.answers).toEqual({ Message: 'I would like to request a demo', 'Ad id': '120208888888880123', 'Ad headline': 'Chat with us', 'Ad URL': 'https://fb.me/2ZulEu42P' });
		expect(lead.events).toEqual([
			{ type: 'chat_message', at },
			{ type: 'demo_request', at },
			{ type: 'ad_click', at, value: '120208888888880123' },
		]);
		expect(lead.language).toBe('en');
	});

	it('tells an Instagram placement by its link, and leaves the platform unknown when the link does not say', () => {
		const body = chatFixture('whatsapp', 'click-to-whatsapp-ad');
		const referral = body.entry[0].changes[0].value.messages[0].referral;
		referral.source_url = 'https://www.instagram.com/p/C1a2b3c4d5e/';
		expect(onlyLeadOf(body).utm).toEqual({ ...NO_UTM, source: 'instagram', medium: 'paid' });
		referral.source_url = 'https://example.com/landing';
		expect(onlyLeadOf(body).utm).toEqual({ ...NO_UTM, source: null, medium: 'paid' });
	});

	it('does not call a post, or "ad or post" as Meta writes it, paid traffic', () => {
		const body = chatFixture('whatsapp', 'click-to-whatsapp-ad');
		const referral = body.entry[0].changes[0].value.messages[0].referral;
		for (const sourceType of ['post', 'ad or post']) {
			referral.source_type = sourceType;
			const lead = onlyLeadOf(body);
			expect(lead.utm).toEqual(NO_UTM);
			expect(lead.events.map((event) => event.type)).toEqual(['chat_message', 'demo_request']);
			expect(lead.answers['Ad id']).toBe('120208888888880123');
		}
	});
});

describe("whatsapp normalizer: n8n's WhatsApp Trigger output", () => {
	// n8n-nodes-base 2.41.1, dist/nodes/WhatsApp/WhatsAppTrigger.node.js line 247 (WhatsAppTrigger.node.ts, webhook()):
	// `.map((change) => ({ ...change.value, field: change.field }))`, one item per change
	it('reads the item the trigger makes of the text message as the same lead', () => {
		expect(detectNormalizer(delivery(chatFixture('whatsapp', 'n8n-trigger-text'))).id).toBe('whatsapp');
		expect(run(whatsappNormalizer, chatFixture('whatsapp', 'n8n-trigger-text'))).toEqual({ leads: [KERRY_TEXT_LEAD], eventId: 'wamid.ABGGFlCGg0cvAgo-sJQh43L5Pe4W', eventType: 'message' });
	});

	it('ignores the item of a status (the trigger passes every status on by default: messageStatusUpdates ["all"], line 132)', () => {
		expect(run(whatsappNormalizer, chatFixture('whatsapp', 'n8n-trigger-status-read'))).toEqual({ leads: [], eventId: null, eventType: 'message', ignored: 'status update (read)' });
	});

	it('is the source the Lead Intake node reads after the trigger', () => {
		expect(sourceForTriggerNode('n8n-nodes-base.whatsAppTrigger')).toBe('whatsapp');
		expect(normalizeDelivery(delivery(chatFixture('whatsapp', 'n8n-trigger-text')), 'whatsapp').leads).toEqual([KERRY_TEXT_LEAD]);
	});
});

describe('whatsapp normalizer: our markets (hand-written messages)', () => {
	// 1764662400 = 2025-12-02T08:00:00Z; +98 912: an Iranian mobile; "پیش فاکتور" asks for a quote; پ and ی are Persian letters
	it('reads a Persian message from an Iranian number', () => {
		const at = '2025-12-02T08:00:00.000Z';
		const text = 'سلام، وقت بخیر. برای پکیج سازمانی لطفاً پیش فاکتور بفرستید.';
		const id = 'wamid.HBgMOTg5MTIzNDU2Nzg5FQIAEhgUM0VCMDRBN0Q1QjQyRjE4QjE3MjMA';
		expect(onlyLeadOf(chatFixture('whatsapp', 'fa-text-message'))).toEqual({
			email: null,
			firstName: 'سارا',
			lastName: 'محمدی',
			fullName: 'سارا محمدی',
			phone: '+989123456789',
			company: null,
			jobTitle: null,
			website: null,
			country: null,
			countryCode: 'IR',
			city: null,
			message: text,
			language: 'fa',
			source: 'whatsapp',
			channel: 'chat',
			formId: null,
			formName: null,
			submittedAt: at,
			externalId: id,
			consent: { marketing: null },
			utm: NO_UTM,
			answers: { Message: text },
			events: [
				{ type: 'chat_message', at },
				{ type: 'quote_request', at },
			],
			chat: {
				channel: 'whatsapp',
				userId: '989123456789',
				handle: 'سارا محمدی',
				businessId: '109283746501234',
				conversationId: 'whatsapp:109283746501234:989123456789',
				firstMessageAt: at,
				lastMessageAt: at,
				messages: [{ id, at, text, type: 'text' }],
			},
		});
	});

	// 1764666000 = 2025-12-02T09:00:00Z; +966 50: a Saudi mobile; "عرض سعر" asks for a quote; ة is an Arabic letter
	it('reads an Arabic message from a Saudi number', () => {
		const at = '2025-12-02T09:00:00.000Z';
		const text = 'السلام عليكم، أرغب في الحصول على عرض سعر للباقة السنوية';
		const id = 'wamid.HBgMOTY2NTAxMjM0NTY3FQIAEhgUM0VCMEM5RjJBNzE0QjY2RDg4OUEA';
		expect(onlyLeadOf(chatFixture('whatsapp', 'ar-text-message'))).toEqual({
			email: null,
			firstName: 'عبدالله',
			lastName: 'الشهري',
			fullName: 'عبدالله الشهري',
			phone: '+966501234567',
			company: null,
			jobTitle: null,
			website: null,
			country: null,
			countryCode: 'SA',
			city: null,
			message: text,
			language: 'ar',
			source: 'whatsapp',
			channel: 'chat',
			formId: null,
			formName: null,
			submittedAt: at,
			externalId: id,
			consent: { marketing: null },
			utm: NO_UTM,
			answers: { Message: text },
			events: [
				{ type: 'chat_message', at },
				{ type: 'quote_request', at },
			],
			chat: {
				channel: 'whatsapp',
				userId: '966501234567',
				handle: 'عبدالله الشهري',
				businessId: '110293847561029',
				conversationId: 'whatsapp:110293847561029:966501234567',
				firstMessageAt: at,
				lastMessageAt: at,
				messages: [{ id, at, text, type: 'text' }],
			},
		});
	});
});

describe('whatsapp normalizer: edges', () => {
	it('makes one lead per message of a delivery, each with its own id', () => {
		const body = chatFixture('whatsapp', 'text-message');
		body.entry[0].changes[0].value.messages.push({ ...chatFixture('whatsapp', 'image-caption').entry[0].changes[0].value.messages[0] });
		const result = run(whatsappNormalizer, body);
		expect(result.leads.map((lead) => lead.externalId)).toEqual(['wamid.ABGGFlCGg0cvAgo-sJQh43L5Pe4W', 'wamid.ID']);
		expect(result.eventId).toBe('wamid.ABGGFlCGg0cvAgo-sJQh43L5Pe4W,wamid.ID');
	});

	it('goes by the sender without a profile: no name, no handle', () => {
		const body = chatFixture('whatsapp', 'text-message');
		delete body.entry[0].changes[0].value.contacts;
		const lead = onlyLeadOf(body);
		expect([lead.fullName, lead.firstName, lead.chat?.handle, lead.chat?.userId, lead.phone]).toEqual([null, null, null, '16315551234', '+16315551234']);
	});

	it('gives no phone for a sender id that is not a number', () => {
		const body = chatFixture('whatsapp', 'text-message');
		const value = body.entry[0].changes[0].value;
		value.contacts[0].wa_id = 'kerry.fisher';
		value.messages[0].from = 'kerry.fisher';
		const lead = onlyLeadOf(body);
		expect([lead.phone, lead.countryCode, lead.chat?.userId]).toEqual([null, null, 'kerry.fisher']);
	});

	it('makes no lead of a message without an id', () => {
		const body = chatFixture('whatsapp', 'text-message');
		delete body.entry[0].changes[0].value.messages[0].id;
		expect(run(whatsappNormalizer, body).leads).toEqual([]);
	});

	it('keys a retried message by its id, so the duplicate check drops it, and a new message apart', () => {
		const options = { windowMinutes: 60, now: Date.UTC(2020, 9, 18, 22, 14) };
		const keysOf = (body: unknown) => {
			const result = normalizeDelivery(delivery(body));
			return duplicateKeysFor(result.leads[0], { source: result.source, eventId: result.eventId, eventType: result.eventType, rawBody: JSON.stringify(body), leadIndex: 0 }, options);
		};
		expect(keysOf(chatFixture('whatsapp', 'text-message'))).toEqual(['lq:whatsapp:id:wamid.ABGGFlCGg0cvAgo-sJQh43L5Pe4W:message']);
		// the trigger's item of the same message: the same key
		expect(keysOf(chatFixture('whatsapp', 'n8n-trigger-text'))).toEqual(['lq:whatsapp:id:wamid.ABGGFlCGg0cvAgo-sJQh43L5Pe4W:message']);
		expect(keysOf(chatFixture('whatsapp', 'image-caption'))).toEqual(['lq:whatsapp:id:wamid.ID:message']);
	});
});

describe('whatsapp detection', () => {
	it.each(fixtureNames('whatsapp'))('%s is detected as whatsapp and claimed by no other source', (name) => {
		const body = chatFixture('whatsapp', name);
		expect(detectNormalizer(delivery(body)).id).toBe('whatsapp');
		const others = NORMALIZERS.filter((normalizer) => normalizer.id !== 'whatsapp' && normalizer.id !== 'generic' && normalizer.detect(delivery(body))).map((normalizer) => normalizer.id);
		expect(others).toEqual([]);
	});

	it.each([
		['a Meta lead ads notification', formFixture('meta', 'leadgen-notification')],
		['an Instagram message', chatFixture('instagram', 'text-message')],
		['a form post with a whatsapp field', { name: 'Jo', whatsapp: '+48 601 234 567', messaging_product: 'whatsapp' }],
		['another Meta object', { object: 'page', entry: [{ id: '1', changes: [{ field: 'messages', value: {} }] }] }],
	])('leaves %s alone', (_name, body) => {
		expect(whatsappNormalizer.detect(delivery(body))).toBe(false);
	});

	it.each([null, undefined, 42, 'not a body', [], Buffer.from('garbage'), { object: 'whatsapp_business_account', entry: 'x' }, { object: 'whatsapp_business_account', entry: [{ changes: [null, { value: null }] }] }])('never throws on %p', (body) => {
		expect(() => whatsappNormalizer.detect(delivery(body))).not.toThrow();
		expect(() => whatsappNormalizer.normalize(delivery(body))).not.toThrow();
	});
});
