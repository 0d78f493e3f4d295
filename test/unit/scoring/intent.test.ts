/**
 * What a lead asks for, read from a form name, an answer or a message. The texts are written
 * by hand the way people write them in each language, and the expected request is what the
 * text means (a demo, a quote, a consultation, prices, a call from sales), not the table.
 */
import { intentOfText, isConsentOrNewsletterText, isNewsletterFormName } from '../../../lib/scoring/intent';
import { compileModel, scoreLead } from '../../../lib/scoring/engine';
import { parseModel } from '../../../lib/scoring/model';
import { B2B_SAAS } from '../../../lib/scoring/presets';
import { daysAgo, makeLead, NOW } from '../../helpers/leads';

describe('a request in any language', () => {
	test.each([
		['Request a demo', 'demo_request'],
		["Hi, we'd like a demo for our sales team.", 'demo_request'],
		['Demo', 'demo_request'],
		['Umów prezentację', 'demo_request'],
		['Demo talep et', 'demo_request'],
		['Ücretsiz demo talebi', 'demo_request'],
		['درخواست دمو', 'demo_request'],
		['طلب عرض توضيحي', 'demo_request'],
		['ขอดูเดโม', 'demo_request'],
		['Demo anfordern', 'demo_request'],
		['Demander une démo', 'demo_request'],
		['Solicitar una demo', 'demo_request'],
		['Agendar uma demonstração', 'demo_request'],
		['Richiedi una demo', 'demo_request'],
		['Demo aanvragen', 'demo_request'],
		['Get a quote', 'quote_request'],
		['طلب عرض سعر', 'quote_request'],
		['أرغب في الحصول على عرض سعر', 'quote_request'],
		['ขอใบเสนอราคา', 'quote_request'],
		['สนใจสินค้า รบกวนขอใบเสนอราคาด้วยครับ', 'quote_request'],
		['Angebot anfordern', 'quote_request'],
		['Demander un devis', 'quote_request'],
		['Proszę o wycenę wdrożenia dla 50 osób', 'quote_request'],
		['Fiyat teklifi almak istiyorum', 'quote_request'],
		['درخواست پیش‌فاکتور', 'quote_request'],
		['Richiesta di preventivo', 'quote_request'],
		['Offerte aanvragen', 'quote_request'],
		['Pedir presupuesto', 'quote_request'],
		['Solicitar orçamento', 'quote_request'],
		['Book a free consultation', 'consultation_request'],
		['درخواست مشاوره', 'consultation_request'],
		['مشاوره', 'consultation_request'],
		['طلب استشارة', 'consultation_request'],
		['ขอคำปรึกษา', 'consultation_request'],
		['Bezpłatna konsultacja', 'consultation_request'],
		['Kostenlose Beratung', 'consultation_request'],
		['Pricing', 'pricing_request'],
		['Could you send your price list?', 'pricing_request'],
		['Cennik', 'pricing_request'],
		['قیمت‌ها', 'pricing_request'],
		['لیست قیمت', 'pricing_request'],
		['สอบถามราคา', 'pricing_request'],
		['Fiyat listesi', 'pricing_request'],
		['Contact sales', 'contact_request'],
		['Proszę o kontakt', 'contact_request'],
		['ติดต่อฝ่ายขาย', 'contact_request'],
		['يرجى التواصل معي', 'contact_request'],
		['با من تماس بگیرید', 'contact_request'],
		['Rückruf', 'contact_request'],
	])('%j → %s', (text, expected) => {
		expect(intentOfText(text)).toBe(expected);
	});

	test('a lead asking for several things asks for the most specific one', () => {
		expect(intentOfText('Please call me back, and send a quote')).toBe('quote_request');
		expect(intentOfText('Pricing and a demo please')).toBe('demo_request');
	});
});

describe('no request', () => {
	test.each([
		// a negation before the phrase, or after it in Turkish and Persian
		"We don't need a demo, just information",
		'No demo please',
		'Nie chcę prezentacji produktu, tylko informacji',
		'Ich möchte keine Demo',
		'Demo talep etmiyorum',
		'لا أريد عرض سعر',
		'درخواست دمو نمی‌خواهم',
		'ไม่ต้องการใบเสนอราคา',
		'Je ne veux pas une démo',
		// words that only contain a request word, or mention one without asking
		'Democracy matters',
		'Our quotas are full',
		'Your prices are too high',
		'ฉันเป็นที่ปรึกษา',
		'Presupuesto anual de marketing: 5000',
		'Just browsing',
		'Newsletter',
		'',
		'  ',
	])('%j', (text) => {
		expect(intentOfText(text)).toBeNull();
	});
});

describe('consent and newsletter texts are never a request', () => {
	test.each([
		'I agree to receive marketing emails',
		'Wyrażam zgodę na kontakt handlowy',
		'KVKK Onayı',
		'Aydınlatma metnini okudum, onaylıyorum',
		'با قوانین و حریم خصوصی موافقم',
		'أوافق على سياسة الخصوصية',
		'ข้าพเจ้ายินยอมให้ติดต่อกลับ',
		'Ich bin mit der Datenschutzerklärung einverstanden',
		"J'accepte la politique de confidentialité",
		'Subscribe to our newsletter',
		'Zapisz się do newslettera',
	])('%j', (text) => {
		expect(isConsentOrNewsletterText(text)).toBe(true);
	});

	test('form names', () => {
		expect(isNewsletterFormName('Newsletter sign-up')).toBe(true);
		expect(isNewsletterFormName('عضویت در خبرنامه')).toBe(true);
		expect(isNewsletterFormName('E-bülten aboneliği')).toBe(true);
		expect(isNewsletterFormName('สมัครรับข่าวสาร')).toBe(true);
		expect(isNewsletterFormName('Request a demo')).toBe(false);
		expect(isNewsletterFormName('Demo talep formu')).toBe(false);
	});

	test('a request text is not consent', () => {
		expect(isConsentOrNewsletterText('Request a demo')).toBe(false);
		expect(isConsentOrNewsletterText('درخواست دمو')).toBe(false);
	});
});

describe('Lead Score: a request in the form is a hand-raiser, shown in the receipt', () => {
	const b2b = compileModel(parseModel(B2B_SAAS));

	test('a form named "Demo talep formu": demo_request at the submission, 40 points, SQL', () => {
		const score = scoreLead(b2b, makeLead({ email: 'elif@ege.com.tr', firstName: 'Elif', formName: 'Demo talep formu', submittedAt: daysAgo(2) }), { now: NOW });
		expect(score.stage).toBe('sql');
		expect(score.handRaiser).toBe('demo_request');
		// 40 points halved every 30 days: two days old → 40 × 0.5^(2/30) = 38.2 → 38
		expect(score.reasons).toContainEqual({ rule: 'event:demo_request', category: 'engagement', points: 38, detail: 'demo_request ×1, decayed (half-life 30 days), asked for in the form name' });
	});

	test('an answer asking for a quote, read from its label in the receipt', () => {
		const score = scoreLead(b2b, makeLead({ email: 'ali@pars.ir', firstName: 'علی', answers: { 'نوع درخواست': 'درخواست پیش‌فاکتور' } }), { now: NOW, receivedAt: NOW.toISOString() });
		expect(score.handRaiser).toBe('quote_request');
		expect(score.reasons.find((reason) => reason.rule === 'event:quote_request')?.detail).toBe('quote_request ×1, asked for in the answer to “نوع درخواست”');
	});

	test('a ticked box whose label asks for a demo', () => {
		expect(scoreLead(b2b, makeLead({ email: 'sam@acme.io', firstName: 'Sam', answers: { 'I would like a product demo': true } }), { now: NOW, receivedAt: daysAgo(1) }).handRaiser).toBe('demo_request');
		expect(scoreLead(b2b, makeLead({ email: 'sam@acme.io', firstName: 'Sam', answers: { 'I would like a product demo': false } }), { now: NOW }).stage).toBe('lead');
	});

	test('a request in a form with no submission or receipt time is undated: flagged, never a hand-raiser for ever', () => {
		const score = scoreLead(b2b, makeLead({ email: 'sam@acme.io', firstName: 'Sam', answers: { 'I would like a product demo': true } }), { now: NOW });
		expect(score.handRaiser).toBeNull();
		expect(score.stage).toBe('lead');
		expect(score.flags).toContain('undated_activity');
		// received 100 days ago: outside the 90-day hand-raiser window
		expect(scoreLead(b2b, makeLead({ email: 'sam@acme.io', firstName: 'Sam', answers: { 'I would like a product demo': true } }), { now: NOW, receivedAt: daysAgo(100) }).handRaiser).toBeNull();
	});

	test('a consent box or a newsletter form is never a request', () => {
		const consent = makeLead({ email: 'sam@acme.io', firstName: 'Sam', answers: { 'I agree that sales may contact me and send a quote': true, 'Wyrażam zgodę na kontakt handlowy': 'Wyrażam zgodę na kontakt handlowy' } });
		expect(scoreLead(b2b, consent, { now: NOW }).handRaiser).toBeNull();
		const newsletter = makeLead({ email: 'sam@acme.io', firstName: 'Sam', formName: 'Newsletter: pricing news', answers: { Interests: 'Pricing' } });
		expect(scoreLead(b2b, newsletter, { now: NOW }).handRaiser).toBeNull();
		const mailchimp = makeLead({ email: 'sam@acme.io', firstName: 'Sam', channel: 'newsletter', answers: { Interests: 'Demo' } });
		expect(scoreLead(b2b, mailchimp, { now: NOW }).handRaiser).toBeNull();
	});

	test('a request the lead also sent as an activity counts once', () => {
		const score = scoreLead(b2b, makeLead({ email: 'sam@acme.io', firstName: 'Sam', formName: 'Request a demo', events: [{ type: 'demo_request', at: daysAgo(0) }] }), { now: NOW });
		expect(score.reasons.filter((reason) => reason.rule === 'event:demo_request')).toEqual([{ rule: 'event:demo_request', category: 'engagement', points: 40, detail: 'demo_request ×1' }]);
	});

	test('a request from a form sent long ago is outside the hand-raiser window', () => {
		const score = scoreLead(b2b, makeLead({ email: 'sam@acme.io', firstName: 'Sam', formName: 'Request a demo', submittedAt: daysAgo(120) }), { now: NOW });
		expect(score.handRaiser).toBeNull();
		expect(score.stage).toBe('lead');
	});

	test('a chat message asking the price, with no activity for it, is a pricing_request of 30 points at the message', () => {
		const score = scoreLead(b2b, makeLead({ channel: 'chat', source: 'line', phone: '+66812345678', message: 'สวัสดีค่ะ ราคาเท่าไหร่คะ', submittedAt: daysAgo(0) }), { now: NOW });
		expect(score.handRaiser).toBe('pricing_request');
		expect(score.reasons).toContainEqual({ rule: 'event:pricing_request', category: 'engagement', points: 30, detail: 'pricing_request ×1, asked for in the message' });
	});

	test('eventTypes rules see the request', () => {
		const model = compileModel(parseModel({ name: 'm', version: '1', thresholds: { mql: 10, sql: 100 }, rules: [{ id: 'asked', category: 'engagement', field: 'eventTypes', operator: 'inList', value: ['demo_request'], points: 10 }] }));
		expect(scoreLead(model, makeLead({ email: 'sam@acme.io', message: 'Can we book a demo next week?' }), { now: NOW }).reasons.map((reason) => reason.rule)).toContain('asked');
	});
});
