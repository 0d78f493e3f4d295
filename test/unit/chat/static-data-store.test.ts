/**
 * The static-data conversation store. n8n hands each execution the workflow's static data as last
 * saved, and saves it when the execution ends (the last to end wins): here `saved` stands for the
 * database, JSON.parse(saved) for what an execution is handed, and `saved = JSON.stringify(...)`
 * for n8n saving it. jest.isolateModules loads the store a second time, standing for a second n8n
 * process with its own memory. Expected messages and keys are typed out by hand; the hashed key is
 * checked against Node's own sha256.
 */
import { createHash } from 'crypto';
import { updateConversation, type ConversationState } from '../../../lib/chat/conversation';
import * as storesModule from '../../../lib/chat/stores';
import { chatLead, fromUser, KEY } from './chatLead';

const { clearConversationCaches, staticDataConversationStore, STATIC_DATA_CONVERSATIONS_FIELD } = storesModule;
const DAY = 24 * 3600 * 1000;
const NOW = Date.parse('2026-12-01T12:00:00.000Z');
const OPTIONS = { windowMs: DAY, now: NOW };
let scopeCounter = 0;
/** a trigger node of its own per test */
const freshScope = () => `wf${++scopeCounter}:node`;

type Entries = Record<string, { t: number; x: number; s: ConversationState }>;
const entriesOf = (staticData: Record<string, unknown>) => (staticData[STATIC_DATA_CONVERSATIONS_FIELD] ?? {}) as Entries;
const messageIdsIn = (staticData: Record<string, unknown>) => Object.values(entriesOf(staticData)).map((entry) => entry.s.lead.chat?.messages.map((message) => message.id));

afterEach(() => clearConversationCaches());

describe('staticDataConversationStore', () => {
	it('loses no message when two executions run at once and the one that knew less is saved last', async () => {
		const scope = freshScope();
		let saved = '{}';
		const execution1 = JSON.parse(saved) as Record<string, unknown>;
		const execution2 = JSON.parse(saved) as Record<string, unknown>;
		const [first, second] = await Promise.all([
			updateConversation(staticDataConversationStore(execution1, scope), chatLead('wamid.M1', '2026-12-01T10:00:00.000Z', 'سلام'), OPTIONS),
			updateConversation(staticDataConversationStore(execution2, scope), chatLead('wamid.M2', '2026-12-01T10:00:05.000Z', 'قیمت؟'), OPTIONS),
		]);
		expect([first.outcome, second.outcome]).toEqual(['new', 'updated']);
		// execution 2 ends first, execution 1 (which saw one message) is saved over it
		saved = JSON.stringify(execution2);
		saved = JSON.stringify(execution1);
		expect(messageIdsIn(JSON.parse(saved) as Record<string, unknown>)).toEqual([['wamid.M1']]);

		const execution3 = JSON.parse(saved) as Record<string, unknown>;
		const third = await updateConversation(staticDataConversationStore(execution3, scope), chatLead('wamid.M3', '2026-12-01T10:01:00.000Z', 'demo?'), OPTIONS);
		expect(third.outcome).toBe('updated');
		expect(third.lead.chat?.messages.map((message) => message.id)).toEqual(['wamid.M1', 'wamid.M2', 'wamid.M3']);
		expect(third.lead.events).toHaveLength(3);
		expect(messageIdsIn(execution3)).toEqual([['wamid.M1', 'wamid.M2', 'wamid.M3']]);
	});

	it('continues a conversation from static data after a restart (the process copy is gone)', async () => {
		const scope = freshScope();
		const before = {} as Record<string, unknown>;
		await updateConversation(staticDataConversationStore(before, scope), chatLead('wamid.N1', '2026-12-01T10:00:00.000Z', 'hi'), OPTIONS);
		const saved = JSON.stringify(before);
		clearConversationCaches();
		const after = JSON.parse(saved) as Record<string, unknown>;
		const merge = await updateConversation(staticDataConversationStore(after, scope), chatLead('wamid.N2', '2026-12-01T10:03:00.000Z', 'price?'), OPTIONS);
		expect(merge.outcome).toBe('updated');
		expect(merge.lead.externalId).toBe('whatsapp:106540352242922:989121234567:2026-12-01T10:00:00.000Z');
		const retry = await updateConversation(staticDataConversationStore(JSON.parse(saved) as Record<string, unknown>, scope), chatLead('wamid.N1', '2026-12-01T10:00:00.000Z', 'hi'), OPTIONS);
		expect(retry.outcome).toBe('repeated');
	});

	it('takes the static data when another process wrote more of the conversation than this one holds', async () => {
		const scope = freshScope();
		let otherProcess: typeof storesModule | undefined;
		jest.isolateModules(() => {
			otherProcess = jest.requireActual<typeof storesModule>('../../../lib/chat/stores');
		});
		expect(otherProcess?.staticDataConversationStore).not.toBe(staticDataConversationStore);
		const a1 = {} as Record<string, unknown>;
		await updateConversation(staticDataConversationStore(a1, scope), chatLead('wamid.P1', '2026-12-01T10:00:00.000Z', 'one'), OPTIONS);
		const b1 = JSON.parse(JSON.stringify(a1)) as Record<string, unknown>;
		await updateConversation(otherProcess!.staticDataConversationStore(b1, scope), chatLead('wamid.P2', '2026-12-01T10:01:00.000Z', 'two'), OPTIONS);
		const a2 = JSON.parse(JSON.stringify(b1)) as Record<string, unknown>;
		const merge = await updateConversation(staticDataConversationStore(a2, scope), chatLead('wamid.P3', '2026-12-01T10:02:00.000Z', 'three'), OPTIONS);
		expect(merge.lead.chat?.messages.map((message) => message.id)).toEqual(['wamid.P1', 'wamid.P2', 'wamid.P3']);
	});

	it('writes the key as a sha-256 digest, never the phone number, and writes nothing for a repeat', async () => {
		const scope = freshScope();
		const staticData = {} as Record<string, unknown>;
		const store = staticDataConversationStore(staticData, scope, { now: () => NOW });
		await updateConversation(store, chatLead('wamid.Q1', '2026-12-01T10:00:00.000Z', 'hi'), OPTIONS);
		const expectedKey = createHash('sha256').update(KEY).digest('base64url').slice(0, 24);
		expect(Object.keys(entriesOf(staticData))).toEqual([expectedKey]);
		expect(entriesOf(staticData)[expectedKey]).toMatchObject({ t: NOW, x: NOW + 25 * 3600 * 1000 });
		const written = staticData[STATIC_DATA_CONVERSATIONS_FIELD];
		expect((await updateConversation(store, chatLead('wamid.Q1', '2026-12-01T10:00:00.000Z', 'hi'), OPTIONS)).outcome).toBe('repeated');
		expect(staticData[STATIC_DATA_CONVERSATIONS_FIELD]).toBe(written);
	});

	it('keeps at most N conversations: expired ones go first, then the one touched longest ago', async () => {
		const scope = freshScope();
		const staticData = {} as Record<string, unknown>;
		let clock = 0;
		const store = staticDataConversationStore(staticData, scope, { maxConversations: 3, now: () => clock });
		const write = async (waId: string, at: number, ttlMs: number) => {
			clock = at;
			const lead = fromUser(chatLead(`wamid.${waId}`, '2026-12-01T10:00:00.000Z', 'hi'), waId);
			await store.update(`whatsapp:106540352242922:${waId}`, () => ({ state: { version: 1, conversationId: waId, firstMessageAt: '2026-12-01T10:00:00.000Z', lastMessageAt: '2026-12-01T10:00:00.000Z', messageIds: [`wamid.${waId}`], lead }, result: null }), ttlMs);
		};
		const held = () => Object.values(entriesOf(staticData)).map((entry) => entry.s.conversationId).sort();
		await write('111', 0, 60_000);
		await write('222', 1000, 2000);
		await write('333', 2000, 60_000);
		expect(held()).toEqual(['111', '222', '333']);
		// at 5 s, 222 has expired (written at 1 s for 2 s): it goes, though 111 was touched earlier
		await write('444', 5000, 60_000);
		expect(held()).toEqual(['111', '333', '444']);
		await write('555', 6000, 60_000);
		expect(held()).toEqual(['333', '444', '555']);
		// an expired conversation is not handed to apply
		clock = 10 * 60_000;
		let seen: ConversationState | null | undefined;
		await store.update('whatsapp:106540352242922:333', (state) => {
			seen = state;
			return { state: null, result: null };
		}, 1000);
		expect(seen).toBeNull();
	});

	it('keeps the static data within its byte bound, the conversation just written always kept', async () => {
		const scope = freshScope();
		const staticData = {} as Record<string, unknown>;
		const store = staticDataConversationStore(staticData, scope, { maxBytes: 6000, now: () => NOW });
		for (let n = 0; n < 10; n++) {
			await updateConversation(store, fromUser(chatLead(`wamid.R${n}`, `2026-12-01T10:0${n}:00.000Z`, 'x'.repeat(1000)), `98912000000${n}`), OPTIONS);
		}
		const entries = entriesOf(staticData);
		expect(Buffer.byteLength(JSON.stringify(Object.values(entries)))).toBeLessThanOrEqual(6000);
		const kept = Object.values(entries).map((entry) => entry.s.lead.chat?.userId);
		expect(kept).toContain('989120000009');
		expect(kept).not.toContain('989120000000');
	});
});
