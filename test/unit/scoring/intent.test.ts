/**
 * What a lead asks for, read from a form name, an answer or a message. The texts are written
 * by hand the way people write them in each language, and the expected request is what the
 * text means (a demo, a quote, a consultation, prices, a call from sales), not the table.
 */
import { intentOfText, isConsentOrNewsletterText, isNewsletterFormName } from '../../../lib/scoring/intent';

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
