/**
 * Instagram messaging webhooks. Fixtures: test/fixtures/chat/instagram (README.md there says where each
 * came from: Meta's published webhook examples for Instagram messaging, the App Dashboard's test
 * notification, and one hand-written Persian message). Every expected lead below is written by hand.
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

import type { Lead } from '../../../lib/lead/types';
import { detectNormalizer, NORMALIZERS } from '../../../lib/normalizers';
import { instagramNormalizer } from '../../../lib/normalizers/instagram';
import { delivery, fixture as formFixture, run } from './helpers';

const CHAT_FIXTURES = join(__dirname, '..', '..', 'fixtures', 'chat');

function chatFixture<T = any>(source: string, name: string): T {
	return JSON.parse(readFileSync(join(CHAT_FIXTURES, source, `${name}.json`), 'utf8')) as T;
}

const NO_UTM = { source: null, medium: null, campaign: null, term: null, content: null };

/**
 * Meta's example: IGSID writes "MESSAGE-TEXT" to the professional account IGID at 1569262485349 ms
 * (2019-09-23T18:14:45.349Z). "message" is one of the common English words of forms the language
 * rule counts (lib/lead/language.ts), but one word is not a clear language (two are needed), and
 * the answer label "Message" is ours, not the person's: unclear, so null.
 */
const AT = '2019-09-23T18:14:45.349Z';
const TEXT_LEAD: Lead = {
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
	message: 'MESSAGE-TEXT',
	language: null,
	source: 'instagram',
	channel: 'chat',
	formId: null,
	formName: null,
	submittedAt: AT,
	externalId: 'MESSAGE-ID',
	consent: { marketing: null },
	utm: NO_UTM,
	answers: { Message: 'MESSAGE-TEXT' },
	events: [{ type: 'chat_message', at: AT }],
	chat: {
		channel: 'instagram',
		userId: 'IGSID',
		handle: null,
		businessId: 'IGID',
		conversationId: 'instagram:IGID:IGSID',
		firstMessageAt: AT,
		lastMessageAt: AT,
		messages: [{ id: 'MESSAGE-ID', at: AT, text: 'MESSAGE-TEXT', type: 'text' }],
	},
};

function onlyLeadOf(body: unknown): Lead {
	const result = run(instagramNormalizer, body);
	expect(result.ignored).toBeUndefined();
	expect(result.leads).toHaveLength(1);
	return result.leads[0];
}

const ignoredBecause = (ignored: string) => ({ leads: [], eventId: null, eventType: 'message', ignored });

describe('instagram normalizer: Meta published webhook examples', () => {
	it('makes one lead of a text message: the Instagram-scoped id, no handle and no phone', () => {
		expect(run(instagramNormalizer, chatFixture('instagram', 'text-message'))).toEqual({ leads: [TEXT_LEAD], eventId: 'MESSAGE-ID', eventType: 'message' });
	});

	it('makes a lead without text of an image', () => {
		const lead = onlyLeadOf(chatFixture('instagram', 'image-attachment'));
		expect([lead.message, lead.answers]).toEqual([null, {}]);
		expect(lead.chat?.messages).toEqual([{ id: 'MESSAGE-ID', at: AT, text: null, type: 'image' }]);
	});

	it('reads a tapped icebreaker as its title', () => {
		const lead = onlyLeadOf(chatFixture('instagram', 'postback-icebreaker'));
		expect(lead.chat?.messages).toEqual([{ id: 'MESSAGE-ID', at: AT, text: 'SELECTED-ICEBREAKER-REPLY-OR-CTA-BUTTON', type: 'postback' }]);
		expect(lead.message).toBe('SELECTED-ICEBREAKER-REPLY-OR-CTA-BUTTON');
	});

	it.each([
		['echo', 'echo'],
		['reaction', 'reaction'],
		['seen', 'read'],
	])('makes no lead of %s', (name, reason) => {
		expect(run(instagramNormalizer, chatFixture('instagram', name))).toEqual(ignoredBecause(reason));
	});

	it('makes no lead of an edit or a deletion', () => {
		const edit = chatFixture('instagram', 'text-message');
		const event = edit.entry[0].messaging[0];
		delete event.message;
		event.message_edit = { mid: 'MESSAGE-ID', text: 'EDITED-TEXT', num_edit: 1 };
		expect(run(instagramNormalizer, edit)).toEqual(ignoredBecause('message edit'));
		const deletion = chatFixture('instagram', 'text-message');
		deletion.entry[0].messaging[0].message = { mid: 'MESSAGE-ID', is_deleted: true };
		expect(run(instagramNormalizer, deletion)).toEqual(ignoredBecause('deleted message'));
	});

	it("keeps the person's message of a delivery that also echoes the business's reply", () => {
		const body = chatFixture('instagram', 'echo');
		body.entry[0].messaging.push(chatFixture('instagram', 'text-message').entry[0].messaging[0]);
		expect(run(instagramNormalizer, body)).toEqual({ leads: [TEXT_LEAD], eventId: 'MESSAGE-ID', eventType: 'message' });
	});

	it('reads the changes shape of the App Dashboard test notification (timestamp in seconds)', () => {
		const at = '2018-05-27T22:23:44.000Z'; // 1527459824 s
		const lead = onlyLeadOf(chatFixture('instagram', 'changes-test-notification'));
		expect(lead.chat).toEqual({
			channel: 'instagram',
			userId: '12334',
			handle: null,
			businessId: '23245',
			conversationId: 'instagram:23245:12334',
			firstMessageAt: at,
			lastMessageAt: at,
			messages: [{ id: 'random_mid', at, text: 'random_text', type: 'text' }],
		});
		expect([lead.externalId, lead.submittedAt, lead.message]).toEqual(['random_mid', at, 'random_text']);
	});

	it('makes no lead of a comment notification, and names its field', () => {
		const body = {
			object: 'instagram',
			entry: [{ id: '17841400123456789', time: 1764670000, changes: [{ field: 'comments', value: { id: '17865799348089039', from: { id: '6812345678901234', username: 'someone' }, text: 'price?', media: { id: '17887498072083520', media_product_type: 'FEED' } } }] }],
		};
		expect(run(instagramNormalizer, body)).toEqual(ignoredBecause('comments'));
	});

	it('falls back to the account of the entry when the recipient is missing', () => {
		const body = chatFixture('instagram', 'text-message');
		delete body.entry[0].messaging[0].recipient;
		expect(onlyLeadOf(body).chat?.businessId).toBe('IGID');
	});
});

describe('instagram normalizer: what the person asks for', () => {
	it('raises the request the text makes', () => {
		const body = chatFixture('instagram', 'text-message');
		body.entry[0].messaging[0].message.text = 'I would like to request a demo';
		expect(onlyLeadOf(body).events).toEqual([
			{ type: 'chat_message', at: AT },
			{ type: 'demo_request', at: AT },
		]);
	});

	it('tags a conversation started from an ad as paid Instagram traffic', () => {
		const body = chatFixture('instagram', 'text-message');
		// the referral Meta documents for click-to-Instagram-Direct ads: ad_id, source ADS, type OPEN_THREAD, ads_context_data
		body.entry[0].messaging[0].message.referral = { ref: 'spring', ad_id: '120210000000000001', source: 'ADS', type: 'OPEN_THREAD', ads_context_data: { ad_title: 'Spring offer', photo_url: 'https://example.com/a.jpg' } };
		const lead = onlyLeadOf(body);
		expect(lead.utm).toEqual({ ...NO_UTM, source: 'instagram', medium: 'paid' });
		expect(lead.answers).toEqual({ Message: 'MESSAGE-TEXT', 'Ad id': '120210000000000001', 'Ad headline': 'Spring offer' });
		expect(lead.events).toEqual([
			{ type: 'chat_message', at: AT },
			{ type: 'ad_click', at: AT, value: '120210000000000001' },
		]);
	});

	// hand-written: 1764670000123 ms = 2025-12-02T10:06:40.123Z; "لیست قیمت" asks for the price list; پ and ی are Persian letters
	it('reads a Persian message (Iran): pricing request, language fa, no phone or country', () => {
		const at = '2025-12-02T10:06:40.123Z';
		const text = 'سلام، لیست قیمت دوره‌های آنلاین رو می‌فرستید؟';
		const mid = 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAwMTIzNDU2Nzg5OjM0MDI4MjM2Njg0MTcxMDMwMTI0NDI1OTQ0MjM1ODg0NzQ5MjQ1NjozMTk4NzY1NDMyMTA5ODc2NTQzMjEZD';
		expect(onlyLeadOf(chatFixture('instagram', 'fa-text-message'))).toEqual({
			...TEXT_LEAD,
			message: text,
			language: 'fa',
			submittedAt: at,
			externalId: mid,
			answers: { Message: text },
			events: [
				{ type: 'chat_message', at },
				{ type: 'pricing_request', at },
			],
			chat: {
				channel: 'instagram',
				userId: '6812345678901234',
				handle: null,
				businessId: '17841400123456789',
				conversationId: 'instagram:17841400123456789:6812345678901234',
				firstMessageAt: at,
				lastMessageAt: at,
				messages: [{ id: mid, at, text, type: 'text' }],
			},
		});
	});
});

describe('instagram detection', () => {
	const names = readdirSync(join(CHAT_FIXTURES, 'instagram'))
		.filter((file) => file.endsWith('.json'))
		.map((file) => file.replace(/\.json$/, ''))
		.sort();

	it.each(names)('%s is detected as instagram and claimed by no other source', (name) => {
		const body = chatFixture('instagram', name);
		expect(detectNormalizer(delivery(body)).id).toBe('instagram');
		const others = NORMALIZERS.filter((normalizer) => normalizer.id !== 'instagram' && normalizer.id !== 'generic' && normalizer.detect(delivery(body))).map((normalizer) => normalizer.id);
		expect(others).toEqual([]);
	});

	it.each([
		['a Meta lead ads notification', formFixture('meta', 'leadgen-notification')],
		['a WhatsApp message', chatFixture('whatsapp', 'text-message')],
		['a Messenger (Facebook Page) message', { object: 'page', entry: [{ id: 'PAGE-ID', time: 1, messaging: [{ sender: { id: 'PSID' }, recipient: { id: 'PAGE-ID' }, timestamp: 1, message: { mid: 'm', text: 't' } }] }] }],
		['a form post naming instagram', { object: 'instagram', email: 'a@b.co' }],
	])('leaves %s alone', (_name, body) => {
		expect(instagramNormalizer.detect(delivery(body))).toBe(false);
	});

	it.each([null, undefined, 42, 'not a body', [], Buffer.from('garbage'), { object: 'instagram', entry: 'x' }, { object: 'instagram', entry: [{ messaging: [null, 1], changes: [null] }] }])('never throws on %p', (body) => {
		expect(() => instagramNormalizer.detect(delivery(body))).not.toThrow();
		expect(() => instagramNormalizer.normalize(delivery(body))).not.toThrow();
	});
});
