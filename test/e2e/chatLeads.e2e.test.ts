/**
 * Chat leads in the pinned n8n: Lead Intake Trigger (WhatsApp through Meta's signature, LINE
 * through its own) → Lead Score (default preset) → Lead Router (three owners, memory store), and
 * Webhook (Raw Body) → Lead Intake for the action node. The deliveries are written by hand in the
 * shape of the vendors' published webhook examples and signed here with the openssl command line,
 * never with this package's helpers. Outcomes are read from n8n's stored executions.
 *
 * Shapes: Meta's WhatsApp Cloud API "Webhooks: payload examples" (text message: `object`,
 * `entry[].changes[].value` with `metadata.phone_number_id`, `contacts[].profile.name`, `wa_id`,
 * `messages[]` {from, id "wamid…", timestamp in seconds, type "text", text.body}; status update:
 * `statuses[]` {id, status "delivered", timestamp, recipient_id}); LINE Messaging API reference,
 * "Webhook event objects" (`destination`, `events[]` {type "message", message {id, type "text",
 * text}, timestamp in ms, source {type "user", userId}, replyToken, mode, webhookEventId,
 * deliveryContext}).
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { N8nServer } from '../helpers/n8nServer';
import { whatsappStatusDelivery, whatsappTextDelivery } from '../helpers/whatsappDeliveries';

jest.setTimeout(300_000);

const APP_SECRET = 'e2e-meta-app-secret-9d41';
/** Meta's Graph API webhooks guide, "Verification Requests": its example token and challenge */
const VERIFY_TOKEN = 'meatyhamhock';
const CHALLENGE = '1158201444';
const LINE_CHANNEL_SECRET = 'e2e-line-channel-secret-77b2';

const META_CREDENTIAL = 'credChatMeta0001';
const LINE_CREDENTIAL = 'credChatLine0001';
const TELEGRAM_CREDENTIAL = 'credChatTelegram';
/** what a bot owner passes to setWebhook as secret_token (1-256 of A-Z a-z 0-9 _ -) */
const TELEGRAM_SECRET_TOKEN = 'e2e_telegram-secret_Token_42';
const TELEGRAM_ACTION_WF = 'LqChatTelegram01';
const TELEGRAM_ACTION_PATH = 'e2e-chat-telegram-action';
const TRIGGER_WF = 'LqChatTrigger001';
const ACTION_WF = 'LqChatAction0001';
const WHATSAPP_PATH = 'e2e-chat-whatsapp';
const LINE_PATH = 'e2e-chat-line';
const ACTION_PATH = 'e2e-chat-action';

const TEAM = {
	member: [
		{ name: 'Ana', email: 'ana@sales.example' },
		{ name: 'Ben', email: 'ben@sales.example' },
		{ name: 'Cara', email: 'cara@sales.example' },
	],
};

const trigger = (id: string, name: string, pathName: string, credentialId: string, x: number) => ({
	id,
	name,
	type: 'n8n-nodes-lead-qualification.leadIntakeTrigger',
	typeVersion: 2,
	position: [0, x],
	webhookId: `00000000-0000-4000-8000-${id.padStart(12, '0')}`,
	parameters: { path: pathName, source: 'auto', verification: 'signature', responseMode: 'onReceived', duplicateStore: 'database', options: {} },
	credentials: { leadWebhookSecretApi: { id: credentialId, name: credentialId } },
});

const workflows = [
	{
		id: TRIGGER_WF,
		name: 'Chat leads: trigger, score, route',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			trigger('c1', 'WhatsApp', WHATSAPP_PATH, META_CREDENTIAL, 0),
			trigger('c2', 'LINE', LINE_PATH, LINE_CREDENTIAL, 200),
			{ id: 'c3', name: 'Lead Score', type: 'n8n-nodes-lead-qualification.leadScore', typeVersion: 1, position: [240, 0], parameters: { options: {} } },
			{
				id: 'c4',
				name: 'Lead Router',
				type: 'n8n-nodes-lead-qualification.leadRouter',
				typeVersion: 1,
				position: [480, 0],
				// every stage gets an owner, so each of the five executions shows who has the conversation;
				// plain round robin: a conversation keeps its owner under every strategy (by the phone here)
				parameters: { operation: 'assign', assignStages: ['sql', 'mql', 'lead'], strategy: 'roundRobin', team: TEAM, store: 'memory', options: {} },
			},
		],
		connections: {
			WhatsApp: { main: [[{ node: 'Lead Score', type: 'main', index: 0 }]] },
			LINE: { main: [[{ node: 'Lead Score', type: 'main', index: 0 }]] },
			'Lead Score': { main: [[{ node: 'Lead Router', type: 'main', index: 0 }]] },
		},
	},
	{
		id: ACTION_WF,
		name: 'Chat leads: Webhook and the Lead Intake node',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'd1',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2.1,
				position: [0, 0],
				webhookId: '00000000-0000-4000-8000-0000000000d1',
				parameters: { httpMethod: 'POST', path: ACTION_PATH, responseMode: 'onReceived', options: { rawBody: true } },
			},
			{
				id: 'd2',
				name: 'Lead Intake',
				type: 'n8n-nodes-lead-qualification.leadIntake',
				typeVersion: 1,
				position: [240, 0],
				parameters: { verification: 'signature', source: 'auto', duplicateStore: 'database', options: {} },
				credentials: { leadWebhookSecretApi: { id: META_CREDENTIAL, name: META_CREDENTIAL } },
			},
			{ id: 'd3', name: 'Leads', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [480, 0], parameters: {} },
			{ id: 'd4', name: 'Duplicates', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [480, 200], parameters: {} },
		],
		connections: {
			Webhook: { main: [[{ node: 'Lead Intake', type: 'main', index: 0 }]] },
			'Lead Intake': { main: [[{ node: 'Leads', type: 'main', index: 0 }], [{ node: 'Duplicates', type: 'main', index: 0 }]] },
		},
	},
	{
		id: TELEGRAM_ACTION_WF,
		name: 'Chat leads: Webhook (no Raw Body) and the Lead Intake node for Telegram',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'e1',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2.1,
				position: [0, 0],
				webhookId: '00000000-0000-4000-8000-0000000000e1',
				// Telegram signs nothing: its secret token is a header, so the Raw Body option is not needed
				parameters: { httpMethod: 'POST', path: TELEGRAM_ACTION_PATH, responseMode: 'onReceived', options: {} },
			},
			{
				id: 'e2',
				name: 'Lead Intake',
				type: 'n8n-nodes-lead-qualification.leadIntake',
				typeVersion: 1,
				position: [240, 0],
				parameters: { verification: 'signature', source: 'auto', duplicateStore: 'database', options: {} },
				credentials: { leadWebhookSecretApi: { id: TELEGRAM_CREDENTIAL, name: TELEGRAM_CREDENTIAL } },
			},
		],
		connections: { Webhook: { main: [[{ node: 'Lead Intake', type: 'main', index: 0 }]] } },
	},
];

const server = new N8nServer();

beforeAll(async () => {
	server.importCredentials([
		{ id: META_CREDENTIAL, name: META_CREDENTIAL, type: 'leadWebhookSecretApi', data: { scheme: 'meta', secret: APP_SECRET, verifyToken: VERIFY_TOKEN } },
		{ id: LINE_CREDENTIAL, name: LINE_CREDENTIAL, type: 'leadWebhookSecretApi', data: { scheme: 'line', secret: LINE_CHANNEL_SECRET } },
		{ id: TELEGRAM_CREDENTIAL, name: TELEGRAM_CREDENTIAL, type: 'leadWebhookSecretApi', data: { scheme: 'telegram', secret: TELEGRAM_SECRET_TOKEN } },
	]);
	const file = path.join(server.userFolder, 'chat-workflows.json');
	fs.writeFileSync(file, JSON.stringify(workflows));
	server.cli(['import:workflow', `--input=${file}`]);
	server.publish(workflows.map((workflow) => workflow.id));
	await server.start();
	await server.waitForWebhooks([WHATSAPP_PATH, LINE_PATH, ACTION_PATH, TELEGRAM_ACTION_PATH]);
}, 900_000);

afterAll(async () => {
	await server.stop();
});

/** `openssl dgst -sha256 -hmac <secret>` of the exact bytes posted: Meta's X-Hub-Signature-256 is "sha256=" and that hex */
function metaSignature(body: string, secret = APP_SECRET): string {
	const out = execFileSync('openssl', ['dgst', '-sha256', '-hmac', secret], { input: Buffer.from(body, 'utf8') }).toString();
	return `sha256=${out.trim().split(/\s+/).pop()}`;
}

/** LINE's x-line-signature: the base64 of the binary HMAC-SHA256 of the body with the channel secret */
function lineSignature(body: string): string {
	const digest = execFileSync('openssl', ['dgst', '-sha256', '-hmac', LINE_CHANNEL_SECRET, '-binary'], { input: Buffer.from(body, 'utf8') });
	return execFileSync('openssl', ['base64', '-A'], { input: digest }).toString().trim();
}

async function post(pathName: string, body: string, headers: Record<string, string>) {
	const response = await fetch(`${server.baseUrl}/webhook/${pathName}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
	return { status: response.status, body: await response.text() };
}

const executionCount = async (workflowId: string) => (await server.executions(workflowId)).length;

/** the execution the last request started, once it and every earlier one has settled */
async function nextExecution(workflowId: string, before: number) {
	const rows = await server.executions(workflowId, { atLeast: before + 1, timeoutMs: 90_000 });
	expect(rows).toHaveLength(before + 1);
	expect(rows[before].status).toBe('success');
	return rows[before];
}

async function allOutputs(executionId: number, nodeName: string): Promise<Array<Record<string, unknown>>> {
	const runData = await server.runData(executionId);
	return (runData[nodeName]?.[0]?.data?.main ?? []).flatMap((items) => (items ?? []).map((item) => item.json));
}

/* ------------------------------------------------------------------------------------------ */
/* WhatsApp: five messages from one person                                                     */
/* ------------------------------------------------------------------------------------------ */

const PHONE_NUMBER_ID = '106540352242922';
const WA_ID = '989121234567';
const PROFILE_NAME = 'Reza Ahmadi';
/** the person's messages in order; the third asks the price ("how much is it?") */
const PERSIAN_MESSAGES = ['سلام، وقت بخیر', 'نرم‌افزار CRM شما برای فروشگاه اینترنتی مناسب است؟', 'قیمتش چنده؟', 'نسخه آزمایشی رایگان هم دارید؟', 'ممنون، منتظر پاسخ شما هستم'];
/** a few minutes ago, one minute apart: inside the conversation window, and too recent for the preset's decay to show */
const FIRST_MESSAGE_SECONDS = Math.floor(Date.now() / 1000) - 600;
const wamid = (index: number) => `wamid.HBgMOTg5MTIxMjM0NTY3FQIAEhgUM0E${index}RTZCNzk4QzY5QkQ3QUI2AA==`;

function whatsappMessage(index: number): string {
	return whatsappTextDelivery({ waId: WA_ID, name: PROFILE_NAME, id: wamid(index), timestampSeconds: FIRST_MESSAGE_SECONDS + index * 60, text: PERSIAN_MESSAGES[index], phoneNumberId: PHONE_NUMBER_ID });
}

function whatsappStatus(): string {
	return whatsappStatusDelivery({ waId: WA_ID, id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA', status: 'delivered', timestampSeconds: FIRST_MESSAGE_SECONDS, phoneNumberId: PHONE_NUMBER_ID });
}

/**
 * The B2B SaaS preset (Lead Score's default) by hand, from lib/scoring/presets.ts: fit = phone
 * given 5 + chat identity 5 (no email, so no email rule fires, and a chat lead is not flagged
 * for a missing one); engagement = 3 per message (chat_message, capped at 15) + 30 once the
 * price is asked (pricing_request, a hand-raiser: SQL from then on).
 */
const EXPECTED_TOTALS = [10 + 3, 10 + 6, 10 + 9 + 30, 10 + 12 + 30, 10 + 15 + 30];
const PRICING_REQUEST_POINTS = 30;
const CHAT_MESSAGE_POINTS = 3;

describe('a five-message Persian WhatsApp conversation', () => {
	const results: Array<{ lead: Record<string, unknown>; meta: Record<string, unknown>; score: Record<string, unknown>; routing: Record<string, unknown> }> = [];

	test('each message starts one execution and updates the same lead', async () => {
		for (let index = 0; index < PERSIAN_MESSAGES.length; index++) {
			const before = await executionCount(TRIGGER_WF);
			const body = whatsappMessage(index);
			const response = await post(WHATSAPP_PATH, body, { 'x-hub-signature-256': metaSignature(body) });
			expect(response.status).toBe(200);
			expect(JSON.parse(response.body)).toMatchObject({ status: 'accepted', leads: 1 });
			const execution = await nextExecution(TRIGGER_WF, before);
			const routed = await allOutputs(execution.id, 'Lead Router');
			expect(routed).toHaveLength(1);
			results.push(routed[0] as (typeof results)[number]);
		}
		const first = results[0];
		const conversationId = (first.meta.conversation as { id: string }).id;
		// <channel>:<phone_number_id>:<wa_id>:<first message time>, the time from the first timestamp by hand
		expect(conversationId).toBe(`whatsapp:${PHONE_NUMBER_ID}:${WA_ID}:${new Date(FIRST_MESSAGE_SECONDS * 1000).toISOString()}`);
		results.forEach((result, index) => {
			expect(result.lead).toMatchObject({ source: 'whatsapp', channel: 'chat', externalId: conversationId, phone: `+${WA_ID}`, email: null });
			expect(result.meta.conversation).toEqual({ id: conversationId, outcome: index === 0 ? 'new' : 'updated', messageCount: index + 1, newMessages: 1 });
			const chat = result.lead.chat as { userId: string; conversationId: string; messages: Array<{ id: string; text: string }> };
			expect(chat.userId).toBe(WA_ID);
			expect(chat.messages.map((message) => message.text)).toEqual(PERSIAN_MESSAGES.slice(0, index + 1));
			expect(chat.messages.map((message) => message.id)).toEqual(PERSIAN_MESSAGES.slice(0, index + 1).map((_, i) => wamid(i)));
		});
	});

	test('the score rises by the hand-raiser points when the price is asked, and the stage becomes SQL', () => {
		const totals = results.map((result) => result.score.total as number);
		expect(totals).toEqual(EXPECTED_TOTALS);
		expect(totals[1] - totals[0]).toBe(CHAT_MESSAGE_POINTS);
		expect(totals[2] - totals[1]).toBe(PRICING_REQUEST_POINTS + CHAT_MESSAGE_POINTS);
		expect(results.map((result) => result.score.stage)).toEqual(['lead', 'lead', 'sql', 'sql', 'sql']);
		expect(results[2].score.handRaiser).toBe('pricing_request');
	});

	test('the same owner has the conversation throughout', () => {
		const owners = results.map((result) => (result.routing.owner as { name: string } | null)?.name);
		// round robin's first turn, then the phone keeps it (without stickiness turns 2-5 would be Ben, Cara, Ana, Ben)
		expect(owners).toEqual(['Ana', 'Ana', 'Ana', 'Ana', 'Ana']);
	});

	test('a retried message (the same wamid posted again) starts no execution', async () => {
		const before = await executionCount(TRIGGER_WF);
		const body = whatsappMessage(2);
		const response = await post(WHATSAPP_PATH, body, { 'x-hub-signature-256': metaSignature(body) });
		expect(response.status).toBe(200);
		expect(JSON.parse(response.body)).toMatchObject({ status: 'duplicate' });
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(await executionCount(TRIGGER_WF)).toBe(before);
	});

	test('a forged signature gets 401 and starts nothing', async () => {
		const before = await executionCount(TRIGGER_WF);
		const genuine = whatsappMessage(4);
		const forged = genuine.replace(PERSIAN_MESSAGES[4], 'لطفا با من تماس بگیرید');
		expect(forged).not.toBe(genuine);
		const response = await post(WHATSAPP_PATH, forged, { 'x-hub-signature-256': metaSignature(genuine) });
		expect(response.status).toBe(401);
		expect(response.body).not.toContain(APP_SECRET);
		const wrongSecret = await post(WHATSAPP_PATH, forged, { 'x-hub-signature-256': metaSignature(forged, 'not-the-app-secret') });
		expect(wrongSecret.status).toBe(401);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(await executionCount(TRIGGER_WF)).toBe(before);
	});

	test('a delivery holding only a status update gets 200 and starts nothing', async () => {
		const before = await executionCount(TRIGGER_WF);
		const body = whatsappStatus();
		const response = await post(WHATSAPP_PATH, body, { 'x-hub-signature-256': metaSignature(body) });
		expect(response.status).toBe(200);
		expect(JSON.parse(response.body)).toMatchObject({ status: 'ignored', reason: expect.any(String) });
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(await executionCount(TRIGGER_WF)).toBe(before);
	});
});

test("WhatsApp's GET verify challenge: the challenge back for the right token, 403 for a wrong one", async () => {
	const url = (token: string) => `${server.baseUrl}/webhook/${WHATSAPP_PATH}?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=${CHALLENGE}`;
	const right = await fetch(url(VERIFY_TOKEN));
	expect(right.status).toBe(200);
	expect(await right.text()).toBe(CHALLENGE);
	const wrong = await fetch(url('not-the-token'));
	expect(wrong.status).toBe(403);
	expect(await wrong.text()).not.toContain(CHALLENGE);
});

/* ------------------------------------------------------------------------------------------ */
/* LINE: a Thai conversation of two messages                                                   */
/* ------------------------------------------------------------------------------------------ */

const LINE_DESTINATION = 'U1a2b3c4d5e6f708192a3b4c5d6e7f809';
const LINE_USER = 'U4af4980629f2e6b8e2d3a1b4c5d6e7f8';
const THAI_MESSAGES = ['สวัสดีครับ สนใจระบบ CRM', 'ขอใบเสนอราคาสำหรับ 20 คนครับ'];
const LINE_FIRST_MS = Date.now() - 300_000;
const lineMessageId = (index: number) => `1435379892111${index}`;

function lineMessage(index: number): string {
	return JSON.stringify({
		destination: LINE_DESTINATION,
		events: [
			{
				type: 'message',
				message: { type: 'text', id: lineMessageId(index), quoteToken: `q3Plxr4AgKd${index}`, text: THAI_MESSAGES[index] },
				webhookEventId: `01FZ74A0TDDPYRVKNK77XKC3Z${index}`,
				deliveryContext: { isRedelivery: false },
				timestamp: LINE_FIRST_MS + index * 60_000,
				source: { type: 'user', userId: LINE_USER },
				replyToken: `757913772c4646b784d4b7ce46d1267${index}`,
				mode: 'active',
			},
		],
	});
}

test('a Thai LINE conversation of two messages becomes one lead', async () => {
	const results: Array<Record<string, unknown>> = [];
	for (let index = 0; index < THAI_MESSAGES.length; index++) {
		const before = await executionCount(TRIGGER_WF);
		const body = lineMessage(index);
		const response = await post(LINE_PATH, body, { 'x-line-signature': lineSignature(body) });
		expect(response.status).toBe(200);
		const execution = await nextExecution(TRIGGER_WF, before);
		const routed = await allOutputs(execution.id, 'Lead Router');
		expect(routed).toHaveLength(1);
		results.push(routed[0]);
	}
	const conversationId = `line:${LINE_DESTINATION}:${LINE_USER}:${new Date(LINE_FIRST_MS).toISOString()}`;
	results.forEach((result, index) => {
		expect(result.lead).toMatchObject({ source: 'line', channel: 'chat', externalId: conversationId });
		expect(result.meta).toMatchObject({ conversation: { id: conversationId, outcome: index === 0 ? 'new' : 'updated', messageCount: index + 1, newMessages: 1 } });
		expect(((result.lead as { chat: { messages: Array<{ text: string }> } }).chat.messages).map((message) => message.text)).toEqual(THAI_MESSAGES.slice(0, index + 1));
	});
	// the second message asks for a quotation (ใบเสนอราคา): a hand-raiser
	expect((results[1].score as { stage: string; handRaiser: string }).handRaiser).toBe('quote_request');
	const owners = results.map((result) => (result.routing as { owner: { name: string } }).owner.name);
	expect(owners[1]).toBe(owners[0]);
	// a forged LINE delivery: 401, nothing started
	const before = await executionCount(TRIGGER_WF);
	const forged = await post(LINE_PATH, lineMessage(1).replace('20', '90'), { 'x-line-signature': lineSignature(lineMessage(1)) });
	expect(forged.status).toBe(401);
	await new Promise((resolve) => setTimeout(resolve, 1000));
	expect(await executionCount(TRIGGER_WF)).toBe(before);
});

/* ------------------------------------------------------------------------------------------ */
/* The Lead Intake node after a Webhook                                                        */
/* ------------------------------------------------------------------------------------------ */

describe('Webhook (Raw Body) → Lead Intake', () => {
	const ACTION_WA_ID = '971501234567';
	const messageBody = (index: number, text: string) =>
		whatsappTextDelivery({ waId: ACTION_WA_ID, name: PROFILE_NAME, id: `wamid.ACTION${index}`, timestampSeconds: FIRST_MESSAGE_SECONDS + index * 60, text, phoneNumberId: PHONE_NUMBER_ID });

	test('a status update goes to Duplicates as notALead; two messages are one conversation; a retried one is a duplicate', async () => {
		let before = await executionCount(ACTION_WF);
		const status = whatsappStatus();
		expect((await post(ACTION_PATH, status, { 'x-hub-signature-256': metaSignature(status) })).status).toBe(200);
		let execution = await nextExecution(ACTION_WF, before);
		expect(await server.nodeOutput(execution.id, 'Lead Intake', 0)).toEqual([]);
		const ignored = await server.nodeOutput(execution.id, 'Lead Intake', 1);
		expect(ignored).toHaveLength(1);
		expect(ignored[0].duplicate).toMatchObject({ reason: 'notALead' });
		expect(ignored[0].lead).toBeUndefined();

		const texts = ['مرحبا', 'كم السعر؟'];
		const conversations: Array<Record<string, unknown>> = [];
		for (let index = 0; index < texts.length; index++) {
			before = await executionCount(ACTION_WF);
			const body = messageBody(index, texts[index]);
			expect((await post(ACTION_PATH, body, { 'x-hub-signature-256': metaSignature(body) })).status).toBe(200);
			execution = await nextExecution(ACTION_WF, before);
			const leads = await server.nodeOutput(execution.id, 'Lead Intake', 0);
			expect(leads).toHaveLength(1);
			conversations.push(leads[0]);
		}
		expect(conversations.map((item) => (item.meta as { conversation: { outcome: string; messageCount: number } }).conversation)).toEqual([
			expect.objectContaining({ outcome: 'new', messageCount: 1 }),
			expect.objectContaining({ outcome: 'updated', messageCount: 2 }),
		]);
		expect((conversations[1].lead as { externalId: string }).externalId).toBe((conversations[0].lead as { externalId: string }).externalId);
		expect((conversations[1].lead as { phone: string }).phone).toBe(`+${ACTION_WA_ID}`);

		before = await executionCount(ACTION_WF);
		const retry = messageBody(1, texts[1]);
		expect((await post(ACTION_PATH, retry, { 'x-hub-signature-256': metaSignature(retry) })).status).toBe(200);
		execution = await nextExecution(ACTION_WF, before);
		expect(await server.nodeOutput(execution.id, 'Lead Intake', 0)).toEqual([]);
		const duplicates = await server.nodeOutput(execution.id, 'Lead Intake', 1);
		expect(duplicates).toHaveLength(1);
		// the message id is the submission id of a chat lead
		expect(duplicates[0].duplicate).toMatchObject({ reason: 'sameSubmissionId' });
	});
});

describe('Webhook → Lead Intake for a Telegram bot', () => {
	// an Update as Telegram's webhook guide shows one (core.telegram.org/bots/webhooks), in Turkish
	const update = (updateId: number, messageId: number, text: string) =>
		JSON.stringify({
			update_id: updateId,
			message: { message_id: messageId, from: { id: 7012345678, is_bot: false, first_name: 'Emre', last_name: 'Aydın', username: 'emreaydin', language_code: 'tr' }, chat: { id: 7012345678, first_name: 'Emre', last_name: 'Aydın', username: 'emreaydin', type: 'private' }, date: FIRST_MESSAGE_SECONDS, text },
		});

	test('the secret token in its header is checked without a raw body; a wrong token fails the item and makes no lead', async () => {
		let before = await executionCount(TELEGRAM_ACTION_WF);
		const genuine = update(830001, 41, 'Merhaba, fiyat teklifi alabilir miyim?');
		expect((await post(TELEGRAM_ACTION_PATH, genuine, { 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET_TOKEN })).status).toBe(200);
		const execution = await nextExecution(TELEGRAM_ACTION_WF, before);
		const [lead] = (await server.nodeOutput(execution.id, 'Lead Intake', 0)).map((item) => item.lead as Record<string, unknown>);
		expect(lead).toMatchObject({ source: 'telegram', channel: 'chat', firstName: 'Emre', lastName: 'Aydın', language: 'tr', chat: { channel: 'telegram', userId: '7012345678', handle: '@emreaydin' } });
		expect((lead.events as Array<{ type: string }>).map((event) => event.type)).toEqual(['chat_message', 'quote_request']);

		before = await executionCount(TELEGRAM_ACTION_WF);
		const forged = update(830002, 42, 'Merhaba');
		expect((await post(TELEGRAM_ACTION_PATH, forged, { 'x-telegram-bot-api-secret-token': 'not_the_token' })).status).toBe(200);
		const rows = await server.executions(TELEGRAM_ACTION_WF, { atLeast: before + 1, timeoutMs: 90_000 });
		expect(rows[before].status).toBe('error');
		expect(await server.nodeOutput(rows[before].id, 'Lead Intake', 0).catch(() => [])).toEqual([]);
	});
});
