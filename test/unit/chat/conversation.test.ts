/**
 * mergeConversation: one conversation is one lead. The incoming leads are written here by hand in
 * the shape the chat normalizers give (one lead per message, RULES.md's normalizer contract); every
 * expected value (ids, times, texts, counts) is typed out by hand, never computed by the code under test.
 */
import { MAX_CHAT_MESSAGES } from '../../../lib/lead/chat';
import { conversationTtlMs, mergeConversation, updateConversation, type ConversationState, type ConversationStore } from '../../../lib/chat/conversation';
import { coerceLead } from '../../../lib/lead/detect';
import type { Lead } from '../../../lib/lead/types';
import { chatLead } from './chatLead';

const DAY = 24 * 3600 * 1000;
const OPTIONS = { windowMs: DAY, now: Date.parse('2026-12-02T12:00:00.000Z') };
const KEY = 'whatsapp:106540352242922:989121234567';

/** runs a conversation message by message, as the trigger would */
function run(leads: Lead[]): { state: ConversationState | null; outcomes: string[] } {
	let state: ConversationState | null = null;
	const outcomes: string[] = [];
	for (const lead of leads) {
		const merge = mergeConversation(state, lead, OPTIONS);
		outcomes.push(merge.outcome);
		state = merge.state;
	}
	return { state, outcomes };
}

describe('mergeConversation', () => {
	it('makes the first message a conversation whose id, externalId and submittedAt come from that message', () => {
		const merge = mergeConversation(null, chatLead('wamid.A1', '2026-12-01T10:00:00.000Z', 'سلام'), OPTIONS);
		expect(merge.outcome).toBe('new');
		expect(merge.newMessages).toBe(1);
		expect(merge.lead.externalId).toBe('whatsapp:106540352242922:989121234567:2026-12-01T10:00:00.000Z');
		expect(merge.lead.chat?.conversationId).toBe('whatsapp:106540352242922:989121234567:2026-12-01T10:00:00.000Z');
		expect(merge.lead.submittedAt).toBe('2026-12-01T10:00:00.000Z');
		expect(merge.lead.message).toBe('سلام');
		expect(merge.lead.answers).toEqual({ Messages: 'سلام', 'Last message': 'سلام' });
		expect(merge.state).toMatchObject({
			version: 1,
			conversationId: 'whatsapp:106540352242922:989121234567:2026-12-01T10:00:00.000Z',
			firstMessageAt: '2026-12-01T10:00:00.000Z',
			lastMessageAt: '2026-12-01T10:00:00.000Z',
			messageIds: ['wamid.A1'],
		});
	});

	it('adds a later message to the same lead, with its events and its text', () => {
		const price = chatLead('wamid.A2', '2026-12-01T10:02:00.000Z', 'قیمت چنده؟', {}, [
			{ type: 'chat_message', at: '2026-12-01T10:02:00.000Z' },
			{ type: 'pricing_request', at: '2026-12-01T10:02:00.000Z' },
		]);
		const first = mergeConversation(null, chatLead('wamid.A1', '2026-12-01T10:00:00.000Z', 'سلام'), OPTIONS);
		const second = mergeConversation(first.state, price, OPTIONS);
		expect(second.outcome).toBe('updated');
		expect(second.newMessages).toBe(1);
		expect(second.lead.externalId).toBe('whatsapp:106540352242922:989121234567:2026-12-01T10:00:00.000Z');
		expect(second.lead.submittedAt).toBe('2026-12-01T10:00:00.000Z');
		expect(second.lead.chat?.lastMessageAt).toBe('2026-12-01T10:02:00.000Z');
		expect(second.lead.chat?.messages.map((message) => message.id)).toEqual(['wamid.A1', 'wamid.A2']);
		expect(second.lead.events).toEqual([
			{ type: 'chat_message', at: '2026-12-01T10:00:00.000Z' },
			{ type: 'chat_message', at: '2026-12-01T10:02:00.000Z' },
			{ type: 'pricing_request', at: '2026-12-01T10:02:00.000Z' },
		]);
		expect(second.lead.message).toBe('سلام قیمت چنده؟');
		expect(second.lead.answers).toEqual({ Messages: 'سلام\nقیمت چنده؟', 'Last message': 'قیمت چنده؟' });
		expect(second.state.messageIds).toEqual(['wamid.A1', 'wamid.A2']);
	});

	it('keeps a message sent exactly one window after the last in the conversation, and starts a new one a millisecond later', () => {
		const first = mergeConversation(null, chatLead('wamid.B1', '2026-12-01T08:00:00.000Z', 'hello'), OPTIONS);
		const atEdge = mergeConversation(first.state, chatLead('wamid.B2', '2026-12-02T08:00:00.000Z', 'still there?'), OPTIONS);
		expect(atEdge.outcome).toBe('updated');
		expect(atEdge.lead.externalId).toBe('whatsapp:106540352242922:989121234567:2026-12-01T08:00:00.000Z');

		const over = mergeConversation(first.state, chatLead('wamid.B3', '2026-12-02T08:00:00.001Z', 'hello again'), OPTIONS);
		expect(over.outcome).toBe('new');
		expect(over.lead.externalId).toBe('whatsapp:106540352242922:989121234567:2026-12-02T08:00:00.001Z');
		expect(over.lead.chat?.messages.map((message) => message.id)).toEqual(['wamid.B3']);
		expect(over.lead.events).toEqual([{ type: 'chat_message', at: '2026-12-02T08:00:00.001Z' }]);
		expect(over.lead.message).toBe('hello again');
		// the old conversation's ids are still remembered: its late retry is not a new message
		expect(over.state.messageIds).toEqual(['wamid.B1', 'wamid.B3']);
		expect(mergeConversation(over.state, chatLead('wamid.B1', '2026-12-01T08:00:00.000Z', 'hello'), OPTIONS).outcome).toBe('repeated');
	});

	it('measures the window from the last message, not the first', () => {
		const { state, outcomes } = run([
			chatLead('wamid.C1', '2026-12-01T00:00:00.000Z', 'a'),
			chatLead('wamid.C2', '2026-12-01T20:00:00.000Z', 'b'),
			// 40 h after the first message, 20 h after the last
			chatLead('wamid.C3', '2026-12-02T16:00:00.000Z', 'c'),
		]);
		expect(outcomes).toEqual(['new', 'updated', 'updated']);
		expect(state?.conversationId).toBe('whatsapp:106540352242922:989121234567:2026-12-01T00:00:00.000Z');
	});

	it('drops a retried message: outcome repeated, state unchanged, the lead as before', () => {
		const first = mergeConversation(null, chatLead('wamid.D1', '2026-12-01T10:00:00.000Z', 'hi'), OPTIONS);
		const second = mergeConversation(first.state, chatLead('wamid.D2', '2026-12-01T10:01:00.000Z', 'price?'), OPTIONS);
		const retry = mergeConversation(second.state, chatLead('wamid.D2', '2026-12-01T10:01:00.000Z', 'price?'), OPTIONS);
		expect(retry.outcome).toBe('repeated');
		expect(retry.newMessages).toBe(0);
		expect(retry.state).toBe(second.state);
		expect(retry.lead).toEqual(second.lead);
		expect(retry.lead.events).toHaveLength(2);
	});

	it('counts only the new message of a delivery that repeats an earlier one, and not the earlier one\'s events again', () => {
		const first = mergeConversation(null, chatLead('wamid.E1', '2026-12-01T10:00:00.000Z', 'demo?', {}, [
			{ type: 'chat_message', at: '2026-12-01T10:00:00.000Z' },
			{ type: 'demo_request', at: '2026-12-01T10:00:00.000Z' },
		]), OPTIONS);
		const batch = chatLead('wamid.E1', '2026-12-01T10:00:00.000Z', 'demo?', {}, [
			{ type: 'chat_message', at: '2026-12-01T10:00:00.000Z' },
			{ type: 'demo_request', at: '2026-12-01T10:00:00.000Z' },
			{ type: 'chat_message', at: '2026-12-01T10:03:00.000Z' },
		]);
		batch.chat!.messages.push({ id: 'wamid.E2', at: '2026-12-01T10:03:00.000Z', text: 'tomorrow?', type: 'text' });
		const merge = mergeConversation(first.state, batch, OPTIONS);
		expect(merge.outcome).toBe('updated');
		expect(merge.newMessages).toBe(1);
		expect(merge.lead.events).toEqual([
			{ type: 'chat_message', at: '2026-12-01T10:00:00.000Z' },
			{ type: 'demo_request', at: '2026-12-01T10:00:00.000Z' },
			{ type: 'chat_message', at: '2026-12-01T10:03:00.000Z' },
		]);
		expect(merge.state.messageIds).toEqual(['wamid.E1', 'wamid.E2']);
	});

	it('counts two messages sent in the same second (WhatsApp times are whole seconds) as two', () => {
		const { state } = run([chatLead('wamid.F1', '2026-12-01T10:00:00.000Z', 'سلام'), chatLead('wamid.F2', '2026-12-01T10:00:00.000Z', 'وقت بخیر')]);
		expect(state?.lead.events).toEqual([
			{ type: 'chat_message', at: '2026-12-01T10:00:00.000Z' },
			{ type: 'chat_message', at: '2026-12-01T10:00:00.000Z' },
		]);
		expect(state?.lead.chat?.messages.map((message) => message.text)).toEqual(['سلام', 'وقت بخیر']);
	});

	it('puts a message delivered late in its place by time and still counts it; the conversation id does not move', () => {
		const { state, outcomes } = run([
			chatLead('wamid.G1', '2026-12-01T10:00:00.000Z', 'one'),
			chatLead('wamid.G3', '2026-12-01T10:10:00.000Z', 'three'),
			chatLead('wamid.G2', '2026-12-01T10:05:00.000Z', 'two'),
			// older than the first message seen: the first message time moves, the id a CRM upserts does not
			chatLead('wamid.G0', '2026-12-01T09:58:00.000Z', 'zero'),
		]);
		expect(outcomes).toEqual(['new', 'updated', 'updated', 'updated']);
		expect(state?.lead.chat?.messages.map((message) => message.id)).toEqual(['wamid.G0', 'wamid.G1', 'wamid.G2', 'wamid.G3']);
		expect(state?.lead.chat?.firstMessageAt).toBe('2026-12-01T09:58:00.000Z');
		expect(state?.lead.chat?.lastMessageAt).toBe('2026-12-01T10:10:00.000Z');
		expect(state?.lead.submittedAt).toBe('2026-12-01T09:58:00.000Z');
		expect(state?.lead.externalId).toBe('whatsapp:106540352242922:989121234567:2026-12-01T10:00:00.000Z');
		expect(state?.lead.message).toBe('zero one two three');
		expect(state?.lead.answers['Last message']).toBe('three');
		expect(state?.lead.events.filter((event) => event.type === 'chat_message')).toHaveLength(4);
	});

	it('keeps the newest 50 of 60 messages but the events of all 60', () => {
		expect(MAX_CHAT_MESSAGES).toBe(50);
		const leads: Lead[] = [];
		for (let n = 1; n <= 60; n++) {
			const at = new Date(Date.UTC(2026, 11, 1, 10, n)).toISOString();
			leads.push(chatLead(`wamid.H${n}`, at, `m${n}`));
		}
		const { state, outcomes } = run(leads);
		expect(outcomes.filter((outcome) => outcome === 'updated')).toHaveLength(59);
		const messages = state?.lead.chat?.messages ?? [];
		expect(messages).toHaveLength(50);
		expect(messages[0].id).toBe('wamid.H11');
		expect(messages[49].id).toBe('wamid.H60');
		expect(state?.lead.events).toHaveLength(60);
		expect(state?.lead.chat?.firstMessageAt).toBe('2026-12-01T10:01:00.000Z');
		expect(state?.lead.chat?.lastMessageAt).toBe('2026-12-01T11:00:00.000Z');
		expect(state?.messageIds).toHaveLength(60);
		// a retry of a message no longer among the kept 50 is still known
		expect(mergeConversation(state, chatLead('wamid.H1', '2026-12-01T10:01:00.000Z', 'm1'), OPTIONS).outcome).toBe('repeated');
	});

	it('fills what the earlier lead did not know and keeps what it did', () => {
		const first = chatLead('wamid.I1', '2026-12-01T10:00:00.000Z', 'hi', { phone: null, countryCode: null, language: null });
		const second = chatLead('wamid.I2', '2026-12-01T10:01:00.000Z', 'I am Sara Ahmadi from Parsian', {
			firstName: 'Sara',
			lastName: 'Ahmadi',
			fullName: 'Sara Ahmadi',
			company: 'Parsian',
			language: 'en',
			answers: { 'Company size': '50-200' },
		});
		const third = chatLead('wamid.I3', '2026-12-01T10:02:00.000Z', 'ok', { firstName: 'S.', company: 'Other Co', answers: { 'Company size': '200-500' } });
		const { state } = run([first, second, third]);
		expect(state?.lead).toMatchObject({
			phone: '+989121234567',
			countryCode: 'IR',
			firstName: 'Sara',
			lastName: 'Ahmadi',
			company: 'Parsian',
			language: 'en',
			source: 'whatsapp',
			channel: 'chat',
		});
		expect(state?.lead.answers).toEqual({ 'Company size': '200-500', Messages: 'hi\nI am Sara Ahmadi from Parsian\nok', 'Last message': 'ok' });
		expect(state?.lead.chat?.handle).toBe('Sara');
	});

	it('takes the language the conversation is written in, not only its first message', () => {
		const { state } = run([
			chatLead('wamid.Y1', '2026-12-01T10:00:00.000Z', 'hi', { language: 'en', phone: '+989121234567' }),
			chatLead('wamid.Y2', '2026-12-01T10:01:00.000Z', 'سلام، قیمت اشتراک سالانه چقدر است؟'),
			chatLead('wamid.Y3', '2026-12-01T10:02:00.000Z', 'ممنون'),
		]);
		expect(state?.lead.language).toBe('fa');
		// a conversation whose text says nothing clear keeps the language its messages gave
		const media = run([chatLead('wamid.Z1', '2026-12-01T10:00:00.000Z', null, { language: 'th' }), chatLead('wamid.Z2', '2026-12-01T10:01:00.000Z', null, { language: null })]);
		expect(media.state?.lead.language).toBe('th');
	});

	it('keeps the newest texts within 5,000 characters', () => {
		const long = (letter: string) => letter.repeat(3000);
		const { state } = run([chatLead('wamid.J1', '2026-12-01T10:00:00.000Z', long('a')), chatLead('wamid.J2', '2026-12-01T10:01:00.000Z', long('b'))]);
		expect(state?.lead.message).toBe(long('b'));
		expect(state?.lead.answers.Messages).toBe(long('b'));
		expect(state?.lead.chat?.messages).toHaveLength(2);
	});

	it('changes neither its inputs nor shares the returned lead with the stored state', () => {
		const first = mergeConversation(null, chatLead('wamid.K1', '2026-12-01T10:00:00.000Z', 'hi'), OPTIONS);
		const incoming = chatLead('wamid.K2', '2026-12-01T10:01:00.000Z', 'price?');
		const before = JSON.stringify([first.state, incoming]);
		const second = mergeConversation(first.state, incoming, OPTIONS);
		expect(JSON.stringify([first.state, incoming])).toBe(before);
		second.lead.events.push({ type: 'scored', at: null });
		second.lead.chat?.messages.pop();
		expect(second.state.lead.events).toHaveLength(2);
		expect(second.state.lead.chat?.messages).toHaveLength(2);
	});

	it('gives a lead the next node reads back unchanged (coerceLead finds nothing to clean)', () => {
		const { state } = run([
			chatLead('wamid.O1', '2026-12-01T10:00:00.000Z', 'สวัสดีครับ'),
			chatLead('wamid.O2', '2026-12-01T10:01:00.000Z', 'ราคาเท่าไหร่ครับ', { language: 'th', countryCode: 'TH', phone: '+66812345678' }),
		]);
		const lead = state!.lead;
		expect(coerceLead(JSON.parse(JSON.stringify(lead)) as Record<string, unknown>)).toEqual(lead);
	});

	it('treats a delivery without any message as a repeat of a known conversation', () => {
		const first = mergeConversation(null, chatLead('wamid.X1', '2026-12-01T10:00:00.000Z', 'hi'), OPTIONS);
		const empty = chatLead('wamid.X2', '2026-12-01T10:01:00.000Z', null);
		empty.chat!.messages = [];
		expect(mergeConversation(first.state, empty, OPTIONS).outcome).toBe('repeated');
	});

	it('refuses a lead that is not from a messaging app', () => {
		const lead = chatLead('x', '2026-12-01T10:00:00.000Z', 'hi');
		delete lead.chat;
		expect(() => mergeConversation(null, lead, OPTIONS)).toThrow(/no `chat`/);
	});
});

describe('updateConversation', () => {
	it('stores the merged state under the conversation key for the window plus an hour, and writes nothing for a repeat', async () => {
		const writes: Array<{ key: string; state: ConversationState | null; ttlMs: number }> = [];
		let stored: ConversationState | null = null;
		const store: ConversationStore = {
			async update(key, apply, ttlMs) {
				const { state, result } = apply(stored);
				writes.push({ key, state, ttlMs });
				if (state) stored = state;
				return result;
			},
		};
		expect(conversationTtlMs(DAY)).toBe(25 * 3600 * 1000);
		const lead = chatLead('wamid.L1', '2026-12-01T10:00:00.000Z', 'hi');
		expect((await updateConversation(store, lead, OPTIONS)).outcome).toBe('new');
		expect((await updateConversation(store, lead, OPTIONS)).outcome).toBe('repeated');
		expect(writes.map((write) => [write.key, write.state === null, write.ttlMs])).toEqual([
			[KEY, false, 90_000_000],
			[KEY, true, 90_000_000],
		]);
	});
});
