/**
 * The conversation step both Lead Intake nodes run after their duplicate check
 * (nodes/shared/conversations.ts), and forgetLeads, which undoes what the duplicate check
 * recorded when that step fails (so the sender's retry runs). Chat leads are written by hand as
 * the chat normalizers make them (one per message); expected outputs are written by hand.
 */
import { execFileSync } from 'child_process';
import path from 'path';
import type { IDataObject, INode } from 'n8n-workflow';

const removed: string[][] = [];
const seenByService = new Set<string>();
jest.mock('n8n-core', () => ({
	DataDeduplicationService: {
		getInstance: () => ({
			checkProcessedAndRecord: async (keys: string[]) => {
				const processed = keys.filter((key) => seenByService.has(key));
				for (const key of keys) seenByService.add(key);
				return { new: keys.filter((key) => !processed.includes(key)), processed };
			},
			removeProcessed: async (keys: string[]) => {
				removed.push(keys);
				for (const key of keys) seenByService.delete(key);
			},
		}),
	},
}));

import type { ConversationStore } from '../../../lib/chat/conversation';
import { clearConversationCaches, staticDataConversationStore } from '../../../lib/chat/stores';
import { takeUnfinished, type RedisEvalClient } from '../../../lib/intake/redisDeduplication';
import type { Lead } from '../../../lib/lead/types';
import { conversationStoreOpener, conversationWindowMs, leadsNotToJournal, mergeConversations, type IntakeOutput } from '../../../nodes/shared/conversations';
import { closeSharedRedisClients, filterNewLeads, forgetLeads, rejournalConversations, type DeduplicationContext } from '../../../nodes/LeadIntakeTrigger/transport/deduplication';
import { makeLead } from '../../helpers/leads';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-12-01T09:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

/** one WhatsApp message of +98 912 123 4567 to the business number 1065, as the normalizer makes it */
function whatsappMessage(id: string, minutes: number, text: string, waId = '989121234567'): Lead {
	return makeLead({
		source: 'whatsapp',
		channel: 'chat',
		externalId: id,
		submittedAt: at(minutes),
		message: text,
		phone: `+${waId}`,
		events: [{ type: 'chat_message', at: at(minutes) }],
		chat: {
			channel: 'whatsapp',
			userId: waId,
			handle: null,
			businessId: '1065',
			conversationId: `whatsapp:1065:${waId}`,
			firstMessageAt: at(minutes),
			lastMessageAt: at(minutes),
			messages: [{ id, at: at(minutes), text, type: 'text' }],
		},
	});
}

let scopeCounter = 0;
function store(): ConversationStore {
	return staticDataConversationStore({}, `wf:node-${++scopeCounter}`);
}

const summary = (outputs: IntakeOutput[]) =>
	outputs.map((output) =>
		output.kind === 'lead'
			? { kind: 'lead', leadIndex: output.leadIndex }
			: output.kind === 'repeated'
				? { kind: 'repeated', leadIndexes: output.leadIndexes, conversationId: output.conversationId }
				: { kind: 'conversation', leadIndexes: output.leadIndexes, ...output.conversation, texts: output.lead.chat?.messages.map((message) => message.text) },
	);

afterEach(() => clearConversationCaches());

describe('mergeConversations', () => {
	const options = { windowMs: 24 * HOUR, now: T0 + 60 * 60_000 };
	const firstId = `whatsapp:1065:989121234567:${at(0)}`;

	test('leads of other sources pass untouched, and the store is not even opened', async () => {
		const openStore = jest.fn(async () => store());
		const result = await mergeConversations([makeLead({ email: 'a@example.com' }), makeLead({ email: 'b@example.com' })], [0, 1], openStore, options);
		expect(result).toEqual({ ok: true, outputs: [{ kind: 'lead', leadIndex: 0 }, { kind: 'lead', leadIndex: 1 }] });
		expect(openStore).not.toHaveBeenCalled();
	});

	test('messages of one person are one conversation, at the place of the first; later deliveries update it; a counted message repeats', async () => {
		const conversations = store();
		const open = async () => conversations;
		const form = makeLead({ email: 'form@example.com' });
		const first = await mergeConversations([whatsappMessage('wamid.A', 0, 'سلام'), form, whatsappMessage('wamid.B', 1, 'قیمتش چنده؟')], [0, 1, 2], open, options);
		expect(first.ok && summary(first.outputs)).toEqual([
			{ kind: 'conversation', leadIndexes: [0, 2], id: firstId, outcome: 'new', messageCount: 2, newMessages: 2, texts: ['سلام', 'قیمتش چنده؟'] },
			{ kind: 'lead', leadIndex: 1 },
		]);
		const second = await mergeConversations([whatsappMessage('wamid.C', 5, 'ممنون')], [0], open, options);
		expect(second.ok && summary(second.outputs)).toEqual([
			{ kind: 'conversation', leadIndexes: [0], id: firstId, outcome: 'updated', messageCount: 3, newMessages: 1, texts: ['سلام', 'قیمتش چنده؟', 'ممنون'] },
		]);
		const retry = await mergeConversations([whatsappMessage('wamid.B', 1, 'قیمتش چنده؟')], [0], open, options);
		expect(retry.ok && summary(retry.outputs)).toEqual([{ kind: 'repeated', leadIndexes: [0], conversationId: firstId }]);
	});

	test('two people in one delivery are two conversations, in the order of the delivery', async () => {
		const result = await mergeConversations([whatsappMessage('wamid.X', 0, 'مرحبا', '971501234567'), whatsappMessage('wamid.Y', 0, 'سلام')], [0, 1], async () => store(), options);
		expect(result.ok && summary(result.outputs).map((output) => ('id' in output ? output.id : null))).toEqual([`whatsapp:1065:971501234567:${at(0)}`, firstId]);
	});

	test('only the fresh leads are merged: a message the duplicate check dropped is not in the conversation', async () => {
		const result = await mergeConversations([whatsappMessage('wamid.A', 0, 'سلام'), whatsappMessage('wamid.B', 1, 'قیمتش چنده؟')], [1], async () => store(), options);
		expect(result.ok && summary(result.outputs)).toEqual([
			{ kind: 'conversation', leadIndexes: [1], id: `whatsapp:1065:989121234567:${at(1)}`, outcome: 'new', messageCount: 1, newMessages: 1, texts: ['قیمتش چنده؟'] },
		]);
	});

	test('a store that cannot be opened or fails an update gives storeFailed, not an exception', async () => {
		const lead = whatsappMessage('wamid.A', 0, 'سلام');
		const unreachable = await mergeConversations([lead], [0], async () => Promise.reject(new Error('connect ECONNREFUSED')), options);
		expect(unreachable).toEqual({ ok: false, storeFailed: true, error: new Error('connect ECONNREFUSED') });
		const failing: ConversationStore = { update: async () => Promise.reject(new Error('lock held')) };
		expect(await mergeConversations([lead], [0], async () => failing, options)).toEqual({ ok: false, storeFailed: true, error: new Error('lock held') });
	});

	test('a conversation whose last message is older than the window starts a new one', async () => {
		const conversations = store();
		await mergeConversations([whatsappMessage('wamid.A', 0, 'سلام')], [0], async () => conversations, options);
		const later = await mergeConversations([whatsappMessage('wamid.B', 25 * 60, 'سلام دوباره')], [0], async () => conversations, { windowMs: 24 * HOUR, now: T0 + 25 * HOUR });
		expect(later.ok && summary(later.outputs)).toEqual([
			{ kind: 'conversation', leadIndexes: [0], id: `whatsapp:1065:989121234567:${at(25 * 60)}`, outcome: 'new', messageCount: 1, newMessages: 1, texts: ['سلام دوباره'] },
		]);
	});
});

test('Conversation Window (Hours): hours to ms, 24 by default, at least a minute', () => {
	expect(conversationWindowMs({})).toBe(24 * HOUR);
	expect(conversationWindowMs({ conversationWindowHours: 2 })).toBe(2 * HOUR);
	expect(conversationWindowMs({ conversationWindowHours: 0 })).toBe(60_000);
});

test('one journal entry per conversation and delivery: every chat lead after the first of its conversation is skipped', () => {
	const leads = [whatsappMessage('a', 0, 'x'), makeLead({ email: 'f@example.com' }), whatsappMessage('b', 1, 'y'), whatsappMessage('c', 1, 'z', '971501234567')];
	expect([...leadsNotToJournal(leads, [0, 1, 2, 3])]).toEqual([2]);
});

describe('forgetLeads: a failed conversation step leaves the retry fresh', () => {
	let nodeCounter = 0;
	const context = (store: DeduplicationContext['store'], extra: Partial<DeduplicationContext> = {}): DeduplicationContext => ({
		node: { id: `forget-${++nodeCounter}`, name: 'Lead Intake Trigger', type: 'n8n-nodes-lead-qualification.leadIntakeTrigger', typeVersion: 2, position: [0, 0], parameters: {} } as INode,
		workflowId: 'wfForget',
		staticData: {},
		now: 1_700_000_000_000,
		store,
		...extra,
	});
	const keys = [['lq:whatsapp:id:wamid.A:message'], ['lq:whatsapp:id:wamid.B:message']];

	test('static data (and the in-process memory of recent keys)', async () => {
		const ctx = context('staticData', { staticData: { deliveryKeyDigests: [] } });
		expect((await filterNewLeads([['lq:typeform:id:earlier:form_response']], ctx)).fresh).toEqual([0]);
		expect((await filterNewLeads(keys, ctx)).fresh).toEqual([0, 1]);
		expect((await filterNewLeads(keys, ctx)).fresh).toEqual([]);
		await forgetLeads(keys, [], ctx);
		expect((await filterNewLeads(keys, ctx)).fresh).toEqual([0, 1]);
		// what was recorded before stays recorded
		expect((await filterNewLeads([['lq:typeform:id:earlier:form_response']], ctx)).fresh).toEqual([]);
	});

	test("n8n's database, through its deduplication service", async () => {
		const ctx = context('database');
		expect((await filterNewLeads(keys, ctx)).fresh).toEqual([0, 1]);
		await forgetLeads(keys, [], ctx);
		expect(removed.at(-1)).toEqual(['lq:whatsapp:id:wamid.A:message', 'lq:whatsapp:id:wamid.B:message']);
		expect((await filterNewLeads(keys, ctx)).fresh).toEqual([0, 1]);
	});

	describe('Redis (a real redis-server from scripts/redis-test-server.sh)', () => {
		const SCRIPT = path.join(__dirname, '..', '..', '..', 'scripts', 'redis-test-server.sh');
		let port = 0;
		let admin: RedisEvalClient & { quit(): Promise<unknown> };

		beforeAll(async () => {
			port = Number(execFileSync('bash', [SCRIPT, 'start'], { encoding: 'utf8' }).trim());
			const { default: Redis } = await import('ioredis');
			admin = new Redis({ host: '127.0.0.1', port });
		}, 60_000);

		afterAll(async () => {
			await closeSharedRedisClients();
			await admin?.quit();
			if (port) execFileSync('bash', [SCRIPT, 'stop', String(port)]);
		});

		test('keys and journal entries go, earlier keys stay', async () => {
			const receipts: string[] = [];
			let delivery = 'earlier';
			const ctx = context('redis', {
				workflowId: 'wfForgetRedis',
				now: Date.now() - 10 * 60_000,
				redis: {
					credentials: { host: '127.0.0.1', port, database: 0 } as never,
					windowMinutes: 60,
					journalRetentionSeconds: 3600,
					journal: (leadIndex, receipt) => {
						receipts.push(receipt);
						return JSON.stringify({ lead: `${delivery}-${leadIndex}`, meta: { receipt } });
					},
				},
			});
			expect((await filterNewLeads([['lq:typeform:id:earlier:form_response']], ctx)).fresh).toEqual([0]);
			receipts.length = 0;
			delivery = 'chat';
			expect((await filterNewLeads(keys, ctx)).fresh).toEqual([0, 1]);
			expect(receipts).toHaveLength(2);
			await forgetLeads(keys, receipts, ctx);
			// only the earlier lead is still journaled
			const unfinished = (await takeUnfinished(admin, { workflowId: 'wfForgetRedis', olderThanMs: 60_000, limit: 10 })).map((text) => JSON.parse(text).lead);
			expect(unfinished).toEqual(['earlier-0']);
			expect((await filterNewLeads(keys, { ...ctx, redis: { ...ctx.redis!, journal: undefined } })).fresh).toEqual([0, 1]);
			expect((await filterNewLeads([['lq:typeform:id:earlier:form_response']], ctx)).fresh).toEqual([]);
		});

		test("Lead Recovery would hand out the conversation's item, not the lone message journaled before the merge", async () => {
			const receipts: string[] = [];
			const ctx = context('redis', {
				workflowId: 'wfRejournal',
				now: Date.now() - 10 * 60_000,
				redis: {
					credentials: { host: '127.0.0.1', port, database: 0 } as never,
					windowMinutes: 60,
					journalRetentionSeconds: 3600,
					journal: (leadIndex, receipt) => {
						receipts.push(receipt);
						return JSON.stringify({ lead: `message-${leadIndex}`, meta: { receipt } });
					},
				},
			});
			expect((await filterNewLeads([keys[0]], ctx)).fresh).toEqual([0]);
			const conversation = { lead: 'conversation of 3 messages', meta: { receipt: receipts[0], conversation: { messageCount: 3 } } };
			await rejournalConversations(ctx.redis!.credentials, [{ receipt: receipts[0], item: conversation }]);
			const unfinished = (await takeUnfinished(admin, { workflowId: 'wfRejournal', olderThanMs: 60_000, limit: 10 })).map((text) => JSON.parse(text));
			expect(unfinished).toEqual([conversation]);
			// Redis gone: nothing thrown, the entry keeps what it had
			await expect(rejournalConversations({ host: '127.0.0.1', port: 1, database: 0 } as never, [{ receipt: receipts[0], item: {} }])).resolves.toBeUndefined();
		});

		test("with Redis chosen, conversations live in Redis (the node's static data stays empty)", async () => {
			const staticData: IDataObject = {};
			const open = conversationStoreOpener({ redis: async () => ({ host: '127.0.0.1', port, database: 0 }) as never, staticData, scope: 'wfRedisChat:node-1' });
			const options = { windowMs: 24 * HOUR, now: T0 + 60 * 60_000 };
			const first = await mergeConversations([whatsappMessage('wamid.R1', 0, 'سلام')], [0], open, options);
			const second = await mergeConversations([whatsappMessage('wamid.R2', 1, 'قیمتش چنده؟')], [0], open, options);
			expect([first, second].map((result) => result.ok && summary(result.outputs)[0])).toEqual([
				expect.objectContaining({ outcome: 'new', messageCount: 1 }),
				expect.objectContaining({ outcome: 'updated', messageCount: 2, texts: ['سلام', 'قیمتش چنده؟'] }),
			]);
			expect(staticData).toEqual({});
		});
	});
});
