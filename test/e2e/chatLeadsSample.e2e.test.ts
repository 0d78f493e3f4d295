/**
 * The "Chat leads" sample (workflows/chat-leads.json) in the pinned n8n, set up as its sticky notes
 * say: each trigger checks its app's signature with a Lead Webhook Secret credential. Deliveries are
 * built like the vendors' documentation examples (Meta's "messages webhook reference" text message,
 * LINE's message event, a Telegram Bot API Update) and signed here with openssl, not with our own
 * helpers. The expected reply texts are written out by hand below.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { N8nServer } from '../helpers/n8nServer';
import { whatsappTextDelivery } from '../helpers/whatsappDeliveries';

jest.setTimeout(300_000);

interface WorkflowNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}
const SAMPLE = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'workflows', 'chat-leads.json'), 'utf8')) as { id: string; nodes: WorkflowNode[] };

const META_APP_SECRET = 'chat-sample-meta-app-secret';
const LINE_CHANNEL_SECRET = 'chat-sample-line-channel-secret';
const TELEGRAM_SECRET_TOKEN = 'chat-sample_telegram-token-01';
const CREDENTIALS: Record<string, { id: string; scheme: string; secret: string; verifyToken?: string }> = {
	'WhatsApp Messages': { id: 'chatSampleMeta01', scheme: 'meta', secret: META_APP_SECRET, verifyToken: 'chat-sample-verify-token' },
	'LINE Messages': { id: 'chatSampleLine01', scheme: 'line', secret: LINE_CHANNEL_SECRET },
	'Telegram Messages': { id: 'chatSampleTgram1', scheme: 'telegram', secret: TELEGRAM_SECRET_TOKEN },
};

/** the shipped workflow with Verification = Check Signature and each app's credential, as the "Then, on each trigger" note says */
function withSignatureChecks() {
	const workflow = structuredClone(SAMPLE);
	for (const node of workflow.nodes) {
		const credential = CREDENTIALS[node.name];
		if (!credential) continue;
		node.parameters.verification = 'signature';
		node.credentials = { leadWebhookSecretApi: { id: credential.id, name: `${node.name} secret` } };
	}
	return workflow;
}

/** HMAC-SHA256 of the exact body by openssl, the independent oracle for both signature formats */
function opensslHmac(body: string, secret: string): Buffer {
	return execFileSync('openssl', ['dgst', '-sha256', '-hmac', secret, '-binary'], { input: Buffer.from(body, 'utf8') });
}

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** one text message from a WhatsApp user, shaped as Meta's published "messages" webhook example */
function whatsappText(id: string, text: string, at: Date): string {
	return whatsappTextDelivery({ waId: '989121234567', name: 'سارا احمدی', id, timestampSeconds: seconds(at), text });
}

const LINE_BOT = 'U0f3a9b8c7d6e5f4a3b2c1d0e9f8a7b6c';
const LINE_USER = 'U4af4980629a1b2c3d4e5f60718293a4b';

/** a LINE message event, shaped as the Messaging API reference's example */
function lineText(id: string, text: string, at: Date): string {
	return JSON.stringify({
		destination: LINE_BOT,
		events: [
			{
				type: 'message',
				mode: 'active',
				timestamp: at.getTime(),
				source: { type: 'user', userId: LINE_USER },
				webhookEventId: '01HZ8K3Q7W5V6X9Y2A3B4C5D6E',
				deliveryContext: { isRedelivery: false },
				replyToken: 'nHuyWiB7yP5Zw52FIkcQobQuGDXCTA',
				message: { id, type: 'text', quoteToken: 'q3Plxr4AgKd4WwCG2AHwNBcHBq9A', text },
			},
		],
	});
}

/** a Telegram Bot API Update with a private message */
function telegramText(messageId: number, text: string, at: Date): string {
	const person = { id: 731045286, is_bot: false, first_name: 'Emre', last_name: 'Aydın', username: 'emreaydin', language_code: 'tr' };
	return JSON.stringify({
		update_id: 904512331,
		message: { message_id: messageId, from: person, chat: { id: person.id, first_name: 'Emre', last_name: 'Aydın', username: 'emreaydin', type: 'private' }, date: seconds(at), text },
	});
}

// the replies of the sample's table in Reply (Local), written out again here by hand
const BOOKING_LINK = 'https://example.com/book';
const PERSIAN_REPLY = `ممنون از پیامتان! همکاران ما به‌زودی با شما در تماس خواهند بود. اگر مایلید زودتر صحبت کنیم، زمان مناسب خودتان را از این لینک انتخاب کنید: ${BOOKING_LINK}`;
const THAI_REPLY = `ขอบคุณที่ทักมานะคะ ทีมงานของเราจะติดต่อกลับโดยเร็วที่สุด หากอยากคุยเร็วกว่านั้น เลือกเวลาที่สะดวกได้ที่ลิงก์นี้เลยค่ะ ${BOOKING_LINK}`;
const TURKISH_REPLY = `Mesajınız için teşekkürler! Ekibimizden biri en kısa sürede size dönüş yapacak. Daha önce görüşmek isterseniz size uygun bir zamanı buradan seçebilirsiniz: ${BOOKING_LINK}`;

const PERSIAN_GREETING = 'سلام، وقت بخیر. درباره‌ی نرم‌افزار حسابداری‌تون چند تا سؤال داشتم.';
const PERSIAN_PRICE_QUESTION = 'لطفاً لیست قیمت پکیج‌هاتون رو برام بفرستید.';

describe('the Chat leads sample in a real n8n', () => {
	const server = new N8nServer();
	let seen = 0;

	beforeAll(async () => {
		server.importCredentials(
			Object.entries(CREDENTIALS).map(([node, { id, scheme, secret, verifyToken }]) => ({
				id,
				name: `${node} secret`,
				type: 'leadWebhookSecretApi',
				data: { scheme, secret, ...(verifyToken ? { verifyToken } : {}) },
			})),
		);
		server.importWorkflows([withSignatureChecks()]);
		server.publish([SAMPLE.id]);
		await server.start();
		await server.waitForWebhooks(['chat/whatsapp', 'chat/line', 'chat/telegram'], 180_000);
	});

	afterAll(async () => {
		await server.stop();
	});

	async function post(channel: string, body: string, headers: Record<string, string>) {
		const response = await fetch(`${server.baseUrl}/webhook/chat/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
		return { status: response.status, body: await response.text() };
	}

	const postWhatsApp = (body: string, secret = META_APP_SECRET) => post('whatsapp', body, { 'x-hub-signature-256': `sha256=${opensslHmac(body, secret).toString('hex')}` });
	const postLine = (body: string) => post('line', body, { 'x-line-signature': opensslHmac(body, LINE_CHANNEL_SECRET).toString('base64') });
	const postTelegram = (body: string) => post('telegram', body, { 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET_TOKEN });

	/** the one execution the last accepted delivery started: per node that ran, its first output item */
	async function nextExecution() {
		const rows = await server.executions(SAMPLE.id, { atLeast: seen + 1, timeoutMs: 60_000 });
		expect(rows.length).toBe(seen + 1);
		seen = rows.length;
		const execution = rows[rows.length - 1];
		const runData = await server.runData(execution.id);
		const ran: Record<string, Record<string, any>> = {};
		for (const [node, runs] of Object.entries(runData)) {
			const first = runs[runs.length - 1]?.data?.main?.find((items) => items && items.length)?.[0];
			if (first) ran[node] = first.json;
		}
		return { status: execution.status, ran };
	}

	const start = new Date(Date.now() - 10 * 60_000);
	const minutesLater = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

	test('a Persian greeting on WhatsApp is an MQL: the reply is in Persian with the booking link, for WhatsApp, from the Persian speaker', async () => {
		const response = await postWhatsApp(whatsappText('wamid.HBgMOTg5MTIxMjM0NTY3FQIAEhgUM0VCMDFBNUI3QzlEMjQ2RjhBMDEA', PERSIAN_GREETING, minutesLater(0)));
		expect(response.status).toBe(200);
		const { status, ran } = await nextExecution();
		expect(status).toBe('success');
		expect(ran['Lead Score'].lead).toMatchObject({ channel: 'chat', source: 'whatsapp', phone: '+989121234567', language: 'fa', chat: { channel: 'whatsapp', userId: '989121234567', businessId: '106540352242922' } });
		expect(ran['Lead Score'].score.stage).toBe('mql');
		expect(ran['Reply (Local)'].reply).toBe(PERSIAN_REPLY);
		expect(ran['Reply (Local)'].replyTo).toBe('989121234567');
		expect(ran['Reply (Local)'].routing.owner.name).toBe('Darya Karimi');
		// By Chat App sends it to the WhatsApp step, which ships disabled: n8n passes the item on untouched
		expect(ran['Reply on WhatsApp']).toEqual(ran['Reply (Local)']);
		expect(ran['Reply on LINE']).toBeUndefined();
		expect(ran['Owner Alert (Local)']).toBeUndefined();
	});

	test('asking for the price list in the same conversation makes it an SQL: Darya is alerted once, with both messages', async () => {
		const response = await postWhatsApp(whatsappText('wamid.HBgMOTg5MTIxMjM0NTY3FQIAEhgUM0VCMDJDNEQ2RThGMEEyQjRDNkQA', PERSIAN_PRICE_QUESTION, minutesLater(2)));
		expect(response.status).toBe(200);
		const { status, ran } = await nextExecution();
		expect(status).toBe('success');
		expect(ran['Lead Score'].meta.conversation.outcome).toBe('updated');
		expect(ran['Lead Score'].score.stage).toBe('sql');
		const alert = ran['Owner Alert (Local)'];
		expect(alert.alertTo).toBe('U0DARYA0001');
		expect(alert.alert).toMatch(/^New chat SQL for Darya Karimi: .+ on WhatsApp \(\+989121234567\)/);
		// the transcript, oldest first, each message after its time to the minute in UTC
		const minute = (date: Date) => `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')} ${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')}`;
		expect((alert.alert as string).split('Conversation (UTC):\n')[1].split('\n')).toEqual([`${minute(minutesLater(0))} ${PERSIAN_GREETING}`, `${minute(minutesLater(2))} ${PERSIAN_PRICE_QUESTION}`]);
		expect(ran['Alert Owner on Slack']).toEqual(alert);
		expect(ran['Reply (Local)']).toBeUndefined();
	});

	test('a "thank you" afterwards updates the conversation but alerts and replies to nobody again', async () => {
		const response = await postWhatsApp(whatsappText('wamid.HBgMOTg5MTIxMjM0NTY3FQIAEhgUM0VCMDNFNkY4QTBCMkM0RDZFOEYA', 'ممنون 🙏', minutesLater(3)));
		expect(response.status).toBe(200);
		const { ran } = await nextExecution();
		expect(ran['Lead Score'].meta.conversation.outcome).toBe('updated');
		expect(ran['Lead Score'].lead.chat.messages).toHaveLength(3);
		expect(ran['Conversation Continues']).toBeDefined();
		expect(ran['Lead Router']).toBeUndefined();
		expect(ran['Owner Alert (Local)']).toBeUndefined();
		expect(ran['Reply (Local)']).toBeUndefined();
	});

	test('a forged WhatsApp delivery gets 401 and starts nothing; a Thai LINE message gets the Thai reply, for LINE, from the Thai speaker', async () => {
		const forged = await postWhatsApp(whatsappText('wamid.HBgMOTg5MTIxMjM0NTY3FQIAEhgUM0VCMDRGT1JHRUQwMDAwMDAwMDAA', PERSIAN_PRICE_QUESTION, minutesLater(4)), 'not-the-app-secret');
		expect(forged.status).toBe(401);
		const response = await postLine(lineText('468789577898262530', 'สวัสดีค่ะ เห็นโฆษณาใน LINE สนใจโปรแกรมบัญชีออนไลน์ค่ะ', minutesLater(5)));
		expect(response.status).toBe(200);
		// exactly one execution since the last one: the LINE message's
		const { status, ran } = await nextExecution();
		expect(status).toBe('success');
		expect(ran['Lead Score'].lead).toMatchObject({ source: 'line', language: 'th', chat: { channel: 'line', userId: LINE_USER } });
		expect(ran['Lead Score'].score.stage).toBe('mql');
		expect(ran['Reply (Local)'].reply).toBe(THAI_REPLY);
		expect(ran['Reply (Local)'].routing.owner.name).toBe('Kanya Srisuk');
		expect(ran['Reply on LINE']).toEqual(ran['Reply (Local)']);
		expect(ran['Reply on WhatsApp']).toBeUndefined();
	});

	test('a Turkish Telegram message with the secret token gets the Turkish reply, for Telegram', async () => {
		const response = await postTelegram(telegramText(1365, "Merhaba, reklamınızı Instagram'da gördüm, muhasebe programınızla ilgileniyorum.", minutesLater(6)));
		expect(response.status).toBe(200);
		const { status, ran } = await nextExecution();
		expect(status).toBe('success');
		expect(ran['Lead Score'].lead).toMatchObject({ source: 'telegram', language: 'tr', chat: { channel: 'telegram', userId: '731045286' } });
		expect(ran['Reply (Local)'].reply).toBe(TURKISH_REPLY);
		expect(ran['Reply (Local)'].routing.owner.name).toBe('Emre Yıldız');
		expect(ran['Reply on Telegram']).toEqual(ran['Reply (Local)']);
	});
});
