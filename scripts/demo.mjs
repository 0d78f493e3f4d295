// `npm run demo`: against the n8n that `npm start` runs, posts a batch of sample leads (in the
// senders' real payload shapes) through the production webhooks of the sample workflows, then
// reads n8n's own execution records and prints where each lead ended.
import { createRequire } from 'module';
import fs from 'fs';
import path from 'path';

const require = createRequire(import.meta.url);
const runtime = require('./lib/runtime.js');

const port = Number(process.env.N8N_PORT || 5678);
const baseUrl = `http://127.0.0.1:${port}`;
const userFolder = process.env.LQ_USER_FOLDER || path.join(runtime.root, '.cache', 'n8n-user');
const fixtures = path.join(runtime.root, 'test', 'fixtures', 'payloads');
const fixture = (name) => JSON.parse(fs.readFileSync(path.join(fixtures, name), 'utf8'));
/** A hand-written form in another language, with a fresh address each run (see `run` below). */
const international = (name) => {
	const form = fixture(`international/${name}`);
	for (const [label, value] of Object.entries(form)) if (typeof value === 'string' && /^[^@\s]+@[^@\s]+$/.test(value)) form[label] = value.replace('@', `.${run}@`);
	return form;
};
// vendor payloads carry their own ids, so a second demo run shows them as dropped duplicates;
// the hand-written leads get a fresh address each run
const run = Date.now().toString(36).slice(-5);

const INBOUND = { id: 'LqSampleInbound1', path: 'inbound-leads' };
const ADS = { id: 'LqSampleAdLeads1', path: 'ad-leads' };
const NEWSLETTER = { id: 'LqSampleNewslett', path: 'newsletter-signups' };
const THANK_YOU = { id: 'LqSampleThankYou', path: 'thank-you-form' };
const WHATSAPP = { id: 'LqSampleChatLead', path: 'chat/whatsapp' };
const LINE = { id: 'LqSampleChatLead', path: 'chat/line' };
const TELEGRAM = { id: 'LqSampleChatLead', path: 'chat/telegram' };

// chat messages in the shapes WhatsApp, LINE and Telegram post (Meta's, LINE's and Telegram's
// published examples), from a fresh person each run so the conversation starts anew
const chatRun = String(Date.now()).slice(-7);
const nowSeconds = Math.floor(Date.now() / 1000);
const whatsappMessage = (n, text, waId = `98912${chatRun}`, name = 'Sara Ahmadi') => ({
	object: 'whatsapp_business_account',
	entry: [{ id: '102290129340398', changes: [{ field: 'messages', value: {
		messaging_product: 'whatsapp',
		metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
		contacts: [{ profile: { name }, wa_id: waId }],
		messages: [{ from: waId, id: `wamid.DEMO${chatRun}${n}`, timestamp: String(nowSeconds + n), type: 'text', text: { body: text } }],
	} }] }],
});
const lineMessage = (text) => ({
	destination: 'Ub1f4a0e5d1c7e9f0a1b2c3d4e5f60718',
	events: [{ type: 'message', mode: 'active', timestamp: Date.now(), webhookEventId: `01DEMO${chatRun}`, deliveryContext: { isRedelivery: false }, source: { type: 'user', userId: `U${chatRun.padStart(32, '0')}` }, message: { id: `9${chatRun}`, type: 'text', text } }],
});
const telegramMessage = (text) => ({
	update_id: Number(chatRun),
	message: { message_id: 1, date: nowSeconds, from: { id: Number(`7${chatRun}`), is_bot: false, first_name: 'Emre', last_name: 'Yılmaz', username: `emre${chatRun}`, language_code: 'tr' }, chat: { id: Number(`7${chatRun}`), type: 'private', first_name: 'Emre' }, text },
});

const deliveries = [
	{ label: 'Demo request, VP (DE)', workflow: INBOUND, body: { email: `lena.vogel.${run}@bigcorp-industries.de`, first_name: 'Lena', last_name: 'Vogel', company: 'Bigcorp Industries', job_title: 'VP Marketing', country: 'DE', 'How many employees?': '500-1000', events: [{ type: 'demo_request' }] } },
	{ label: 'Pricing visitor, manager (US)', workflow: INBOUND, body: { email: `jordan.lee.${run}@northwind.example`, first_name: 'Jordan', last_name: 'Lee', company: 'Northwind', job_title: 'Marketing Manager', country: 'US', 'Company size': '51-200', events: [{ type: 'pricing_page_view' }, { type: 'pricing_page_view' }, { type: 'content_download' }] } },
	{ label: 'Free-mail reader', workflow: INBOUND, body: { email: `sam.reader.${run}@gmail.com`, first_name: 'Sam' } },
	{ label: 'Disposable address', workflow: INBOUND, body: { email: `bot${run}@mailinator.com`, name: 'asdf' } },
	{ label: 'Typeform response', workflow: INBOUND, body: fixture('typeform/lead-form.json') },
	{ label: 'Tally response', workflow: INBOUND, body: fixture('tally/example-payload.json') },
	{ label: 'Webflow form', workflow: INBOUND, body: fixture('webflow/form-submission-v2.json') },
	{ label: 'Elementor form', workflow: INBOUND, body: fixture('elementor/simple.json') },
	{ label: 'HubSpot form', workflow: INBOUND, body: fixture('hubspot/form-submission.json') },
	{ label: 'Calendly booking', workflow: INBOUND, body: fixture('calendly/invitee-created.json') },
	{ label: 'Meta lead ad', workflow: ADS, body: fixture('meta/graph-lead.json') },
	{ label: 'Google Ads lead form', workflow: ADS, body: fixture('googleads/test-lead.json') },
	{ label: 'Mailchimp subscribe', workflow: NEWSLETTER, body: fixture('mailchimp/subscribe-flat.json'), form: true },
	{ label: 'Mailchimp unsubscribe', workflow: NEWSLETTER, body: fixture('mailchimp/unsubscribe-flat.json'), form: true },
	// the same kinds of leads as the English ones above, written in our users' languages and scripts
	{ label: 'Demo request, CEO (Persian)', workflow: INBOUND, body: international('fa-demo-request.json') },
	{ label: 'Quote request, CEO (Arabic)', workflow: INBOUND, body: international('ar-quote-request.json') },
	{ label: 'Board president (Polish)', workflow: INBOUND, body: international('pl-board-president.json') },
	{ label: 'Student, no consent (Polish)', workflow: INBOUND, body: international('pl-student-no-consent.json') },
	{ label: 'General manager (Turkish)', workflow: INBOUND, body: international('tr-general-manager.json') },
	{ label: 'Managing director (Thai)', workflow: INBOUND, body: international('th-managing-director.json') },
	// one WhatsApp conversation in two messages: one lead, which the price question makes an SQL
	{ label: 'WhatsApp chat, message 1 (Persian)', workflow: WHATSAPP, body: whatsappMessage(1, 'سلام، برای شرکتمان دنبال یک نرم‌افزار CRM هستیم') },
	{ label: 'WhatsApp chat, message 2: price? (Persian)', workflow: WHATSAPP, body: whatsappMessage(2, 'قیمتش چنده؟') },
	{ label: 'WhatsApp chat, quote (Arabic)', workflow: WHATSAPP, body: whatsappMessage(3, 'مرحبا، أريد عرض سعر لنظام إدارة العملاء لشركتنا', `96650${chatRun}`, 'محمد العتيبي') },
	{ label: 'WhatsApp chat (Polish)', workflow: WHATSAPP, body: whatsappMessage(4, 'Dzień dobry, interesuje mnie wasz system CRM dla naszej firmy', `48600${chatRun.slice(1)}`, 'Anna Kowalska') },
	{ label: 'LINE chat (Thai)', workflow: LINE, body: lineMessage('สวัสดีค่ะ สนใจระบบนี้สำหรับร้านของเราค่ะ') },
	{ label: 'Telegram chat (Turkish)', workflow: TELEGRAM, body: telegramMessage('Merhaba, ürününüzle ilgileniyorum') },
	{ label: 'Website form → thank-you page', workflow: THANK_YOU, body: { email: `kai.berg.${run}@scaleup.example`, first_name: 'Kai', company: 'ScaleUp', job_title: 'CTO' }, form: true },
];

function database() {
	const sqlite3 = require(path.join(runtime.runtimeDir, 'node_modules', 'sqlite3'));
	const file = path.join(userFolder, '.n8n', 'database.sqlite');
	if (!fs.existsSync(file)) throw new Error(`No n8n database at ${file}. Start n8n with \`npm start\` first.`);
	return new sqlite3.Database(file, sqlite3.OPEN_READONLY);
}

function query(sql, params) {
	const db = database();
	return new Promise((resolve, reject) =>
		db.all(sql, params, (error, rows) => {
			db.close();
			if (error) reject(error);
			else resolve(rows);
		}),
	);
}

async function executionIds(workflowId) {
	const rows = await query('select id, status from execution_entity where workflowId = ? order by id', [workflowId]);
	return rows;
}

async function waitForNew(workflowId, before, count) {
	const deadline = Date.now() + 30000;
	for (;;) {
		const rows = (await executionIds(workflowId)).filter((row) => row.id > before);
		const settled = rows.filter((row) => !['new', 'running'].includes(row.status));
		if (settled.length >= count || Date.now() > deadline) return settled.slice(0, count);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

async function outcome(executionId) {
	const { parse } = require(path.join(runtime.runtimeDir, 'node_modules', 'flatted'));
	const [row] = await query('select data from execution_data where executionId = ?', [executionId]);
	const runData = parse(row.data).resultData.runData;
	const firstItem = (name) => runData[name]?.at(-1)?.data?.main?.find((items) => items?.length)?.[0]?.json;
	const scored = firstItem('Lead Score') ?? firstItem('Lead Router');
	const routed = firstItem('Lead Router');
	const localStep = Object.keys(runData).find((name) => name.endsWith('(Local)') && firstItem(name));
	const respond = Object.keys(runData).find((name) => name.startsWith('Redirect'));
	const lead = scored?.lead ?? firstItem(Object.keys(runData)[0])?.lead;
	return {
		email: lead?.email ?? '',
		source: lead?.source ?? '',
		where: [lead?.countryCode, lead?.language].filter(Boolean).join(' / '),
		score: scored?.score ? `${scored.score.total} (${scored.score.grade})` : '',
		stage: scored?.score?.stage ?? '',
		owner: routed?.routing?.owner ? `${routed.routing.owner.name} / ${routed.routing.owner.channelId ?? routed.routing.owner.email}` : '',
		next: respond ? `redirect → ${firstItem(respond)?.thankYouPage ?? firstItem(Object.keys(runData).find((name) => name.endsWith('Page')))?.thankYouPage ?? ''} page` : localStep ? firstItem(localStep).nextStep : '',
	};
}

function mask(email) {
	// never print full addresses of real-looking people in a terminal log
	const [local, domain] = String(email).split('@');
	return domain ? `${local.slice(0, 3)}…@${domain}` : email;
}

function table(rows) {
	const headers = ['Lead', 'Source', 'Country / language', 'Score', 'Stage', 'Owner / channel', 'Next step'];
	const cells = rows.map((row) => [row.label, row.source, row.where ?? '', row.score, row.stage, row.owner, row.next]);
	const widths = headers.map((header, i) => Math.min(48, Math.max(header.length, ...cells.map((cell) => String(cell[i]).length))));
	const line = (values) => values.map((value, i) => String(value).slice(0, widths[i]).padEnd(widths[i])).join(' │ ');
	console.log(line(headers));
	console.log(widths.map((width) => '─'.repeat(width)).join('─┼─'));
	for (const cell of cells) console.log(line(cell));
}

async function main() {
	try {
		await fetch(`${baseUrl}/healthz`);
	} catch {
		console.error(`n8n is not running on ${baseUrl}. Start it with \`npm start\` in another terminal, then run \`npm run demo\`.`);
		process.exit(1);
	}
	const rows = [];
	for (const delivery of deliveries) {
		const before = (await executionIds(delivery.workflow.id)).at(-1)?.id ?? 0;
		const response = await fetch(`${baseUrl}/webhook/${delivery.workflow.path}`, {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': delivery.form ? 'application/x-www-form-urlencoded' : 'application/json' },
			body: delivery.form ? new URLSearchParams(delivery.body).toString() : JSON.stringify(delivery.body),
		});
		const text = await response.text();
		let answer = {};
		try {
			answer = JSON.parse(text);
		} catch {
			answer = {};
		}
		if (response.status >= 400) {
			rows.push({ label: delivery.label, source: '', score: '', stage: '', owner: '', next: `HTTP ${response.status}: ${text.slice(0, 60)}` });
			continue;
		}
		if (answer.status === 'duplicate') {
			rows.push({ label: delivery.label, source: '', score: '', stage: '', owner: '', next: 'dropped: the same delivery came before (run the demo on a fresh instance to see it again)' });
			continue;
		}
		const executions = await waitForNew(delivery.workflow.id, before, answer.leads ?? 1);
		for (const execution of executions) {
			const result = await outcome(execution.id);
			rows.push({ label: result.email ? `${delivery.label} (${mask(result.email)})` : delivery.label, ...result, next: result.next || (response.status >= 300 ? `redirect → ${response.headers.get('location')}` : execution.status) });
		}
	}
	table(rows);
	console.log(`\nEvery run is in the editor under Executions: ${baseUrl}/`);
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
