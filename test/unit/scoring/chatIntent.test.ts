/**
 * What people write in a chat (WhatsApp, Telegram, LINE, Instagram) when they want a price, a
 * quote, a demo, a call or a visit, in English and our markets' languages. Each message is
 * written by hand the way people type in a chat (no punctuation, a greeting first, polite
 * particles, Arabic or Persian letter forms, a zero-width non-joiner or a space), and the
 * expected request is what the message means, not what the table holds: a visit in person (to
 * the shop, showroom or office) is a consultation_request, a call is a contact_request.
 * The negatives are what a lead writes that must not count: the same words negated, and the
 * short question words ("how much", "ne kadar", "چقدر", "เท่าไหร่") inside a question about
 * something else.
 */
import { intentOfText, type IntentType } from '../../../lib/scoring/intent';

type Case = [text: string, expected: IntentType];

const POSITIVES: Record<string, Case[]> = {
	en: [
		['how much is it?', 'pricing_request'],
		['price?', 'pricing_request'],
		['Hi, how much?', 'pricing_request'],
		["hey what's the price for 20 users", 'pricing_request'],
		['can I get a demo', 'demo_request'],
		['could you send me a quote for the annual plan', 'quote_request'],
		['call me', 'contact_request'],
		['pls give me a call tomorrow morning', 'contact_request'],
		['can I visit your showroom on Saturday?', 'consultation_request'],
		['I would like to meet in person', 'consultation_request'],
	],
	fa: [
		['قیمتش چنده؟', 'pricing_request'],
		['قیمت چند است', 'pricing_request'],
		['چقدر میشه', 'pricing_request'],
		['سلام وقت بخیر، هزینه‌اش چقدره؟', 'pricing_request'],
		['سلام، قیمت؟', 'pricing_request'],
		['دمو', 'demo_request'],
		['یه دمو میدید؟', 'demo_request'],
		['لطفا پیش‌فاکتور بفرستید', 'quote_request'],
		['تماس بگیرید', 'contact_request'],
		['لطفا بهم زنگ بزنید', 'contact_request'],
		['میتونم حضوری بیام', 'consultation_request'],
		['می‌خواستم از شوروم بازدید کنم، بازدید از شوروم امکانش هست؟', 'consultation_request'],
	],
	ar: [
		['كم السعر؟', 'pricing_request'],
		['بكم', 'pricing_request'],
		['مرحبا، بكم؟', 'pricing_request'],
		['كم سعره', 'pricing_request'],
		['السلام عليكم شو السعر', 'pricing_request'],
		['أريد عرض سعر', 'quote_request'],
		['ممكن ديمو للبرنامج', 'demo_request'],
		['اتصلوا بي', 'contact_request'],
		['ممكن أزور المعرض', 'consultation_request'],
		['ابي احجز زيارة للمعرض، موعد زيارة يوم الخميس', 'consultation_request'],
	],
	pl: [
		['ile kosztuje?', 'pricing_request'],
		['jaka cena', 'pricing_request'],
		['Dzień dobry, cena?', 'pricing_request'],
		['ile to kosztuje dla 10 osób', 'pricing_request'],
		['poproszę o wycenę', 'quote_request'],
		['poproszę o demo', 'demo_request'],
		['proszę o telefon', 'contact_request'],
		['zadzwońcie do mnie po 16', 'contact_request'],
		['czy mogę przyjechać', 'consultation_request'],
		['chciałbym odwiedzić salon w sobotę', 'consultation_request'],
	],
	tr: [
		['fiyatı ne kadar?', 'pricing_request'],
		['ne kadar', 'pricing_request'],
		['Merhaba, ne kadar?', 'pricing_request'],
		['kaç TL acaba', 'pricing_request'],
		['fiyat teklifi', 'quote_request'],
		['demo alabilir miyim', 'demo_request'],
		['beni arayın', 'contact_request'],
		['beni arar mısınız', 'contact_request'],
		['ziyaret edebilir miyim', 'consultation_request'],
		['ofisinize gelebilir miyim yarın', 'consultation_request'],
	],
	th: [
		['ราคาเท่าไหร่คะ', 'pricing_request'],
		['กี่บาท', 'pricing_request'],
		['เท่าไหร่ครับ', 'pricing_request'],
		['สวัสดีค่ะ สนใจคอร์สนี้ กี่บาทคะ', 'pricing_request'],
		['ขอใบเสนอราคา', 'quote_request'],
		['ขอดูเดโมหน่อยครับ', 'demo_request'],
		['โทรกลับ', 'contact_request'],
		['รบกวนโทรหาหน่อยค่ะ', 'contact_request'],
		['ขอเข้าไปดูที่ร้าน', 'consultation_request'],
		['พรุ่งนี้ไปที่โชว์รูมได้ไหมคะ', 'consultation_request'],
	],
};

const NEGATIVES: Record<string, string[]> = {
	en: [
		"I don't need a price",
		'please don’t call me',
		'How much do you know about CRM systems?',
		'how much time does the setup take',
		"we can't visit your showroom this month",
	],
	fa: [
		'قیمت نمی‌خوام',
		'نیازی نیست تماس بگیرید',
		'یه دمو نمی‌خوام',
		'نمی‌تونم حضوری بیام',
		'چقدر با این محصول آشنا هستید؟',
		'چقدر طول میکشه؟',
		// what a business writes to everyone, not a request
		'برای اطلاعات بیشتر با ما تماس بگیرید',
	],
	ar: [
		'لا أريد السعر',
		'لا أستطيع زيارة المعرض',
		// "بكم" is also "with you": a welcome, and "we will contact you this week"
		'مرحبا بكم',
		'سنتواصل بكم هذا الأسبوع',
		'كم عدد الموظفين لديكم؟',
	],
	pl: [
		'nie potrzebuję ceny',
		'nie potrzebuję cennika',
		'nie mogę przyjechać w tym tygodniu',
		'kiedy kurier może przyjechać?',
		'ile osób pracuje w firmie?',
	],
	tr: [
		'fiyat istemiyorum',
		'fiyat teklifi istemiyorum',
		'beni aramayın',
		'ne kadar sürede teslim edersiniz?',
		'ne kadar güzel olmuş',
	],
	th: [
		'ไม่ต้องการราคา',
		'ไม่ต้องโทรกลับค่ะ',
		'ใช้เวลาเท่าไหร่คะ',
		'ยังไม่ต้องการใบเสนอราคาค่ะ',
	],
};

describe.each(Object.keys(POSITIVES))('a chat message in %s', (language) => {
	test.each(POSITIVES[language])('%j → %s', (text, expected) => {
		expect(intentOfText(text)).toBe(expected);
	});

	test.each(NEGATIVES[language])('%j asks for nothing', (text) => {
		expect(intentOfText(text)).toBeNull();
	});
});

test('every language has at least six requests and three non-requests', () => {
	for (const language of ['en', 'fa', 'ar', 'pl', 'tr', 'th']) {
		expect(POSITIVES[language].length).toBeGreaterThanOrEqual(6);
		expect(NEGATIVES[language].length).toBeGreaterThanOrEqual(3);
	}
});

describe('a short question word counts only as the whole message or a whole question', () => {
	test.each([
		['how much', 'Hello! How much? We are 20 people', 'how much do you know about us'],
		['چقدر', 'سلام. چقدر؟', 'چقدر طول میکشه تا برسه'],
		['ne kadar', 'Selam, ne kadar?', 'kargo ne kadar sürer'],
		['بكم', 'السلام عليكم، بكم؟', 'نرحب بكم في متجرنا'],
	])('%s', (_word, asked, notAsked) => {
		expect(intentOfText(asked)).toBe('pricing_request');
		expect(intentOfText(notAsked)).toBeNull();
	});

	test('a list, a title or a domain is not a question', () => {
		expect(intentOfText('Senior VP, Sales')).toBeNull();
		expect(intentOfText('Pricing, demo and support')).toBeNull();
		expect(intentOfText('sales.eu.acme.com')).toBeNull();
	});

	test('a question choice in a text with a negation does not count', () => {
		expect(intentOfText('Price? No thanks')).toBeNull();
		expect(intentOfText('قیمت؟ نه ممنون')).toBeNull();
	});

	test('the most specific request wins, asked as a question or as a phrase', () => {
		expect(intentOfText('Price? And can I get a demo')).toBe('demo_request');
		expect(intentOfText('Merhaba, ne kadar? Beni arayın')).toBe('pricing_request');
	});
});
