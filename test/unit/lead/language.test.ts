/**
 * The language of a lead. Expected languages are written by hand: the international fixtures
 * are forms written in that language (the e2e test expects the same codes), the rest are texts
 * a native speaker would write, and codes are BCP 47 primary subtags.
 */
import fs from 'fs';
import path from 'path';
import { leadFromItem } from '../../../lib/lead/detect';
import { emptyLead } from '../../../lib/lead/fields';
import { languageFromAcceptLanguage, languageFromTag, leadLanguage } from '../../../lib/lead/language';
import type { Lead } from '../../../lib/lead/types';

const fixture = (name: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'payloads', 'international', name), 'utf8'));

function lead(fields: Partial<Lead>): Lead {
	return { ...emptyLead('generic', 'form'), ...fields };
}

describe('the international fixtures', () => {
	test.each([
		['fa-demo-request.json', 'fa'],
		['ar-quote-request.json', 'ar'],
		['pl-board-president.json', 'pl'],
		['pl-student-no-consent.json', 'pl'],
		['tr-general-manager.json', 'tr'],
		['th-managing-director.json', 'th'],
	])('%s is %s', (name, expected) => {
		const detected = leadFromItem(fixture(name));
		expect(leadLanguage(detected)).toBe(expected);
	});
});

describe('a language the submission names wins', () => {
	test.each([
		[{ language: 'fa-IR' }, 'fa'],
		[{ locale: 'de_DE' }, 'de'],
		[{ lang: 'pt-BR' }, 'pt'],
		[{ Language: 'Persian' }, 'fa'],
		[{ 'زبان': 'فارسی' }, 'fa'],
		[{ Sprache: 'Deutsch' }, 'de'],
	])('%j → %s', (answers, expected) => {
		// an English-looking form: the named language still wins
		expect(leadLanguage(lead({ answers: { 'First name': 'Sam', 'Company size': '11-50', ...answers } }))).toBe(expected);
	});

	test("the lead's own language field, normalized", () => {
		expect(leadLanguage(lead({ language: 'TR-tr' }))).toBe('tr');
		expect(leadLanguage(lead({ language: 'th' }))).toBe('th');
	});
});

describe('the script of what was written', () => {
	test.each([
		// Persian: پ چ ژ گ, ی and ک, Persian digits
		[{ firstName: 'پریسا', jobTitle: 'مدیر بازاریابی' }, 'fa'],
		[{ firstName: 'علی', lastName: 'رضایی' }, 'fa'],
		[{ phone: '۰۹۱۲۳۴۵۶۷۸۹', answers: { 'شماره موبایل': '۰۹۱۲۳۴۵۶۷۸۹', 'سمت': 'کارشناس' } }, 'fa'],
		// Arabic: ي ك ى ة, Arabic-Indic digits
		[{ firstName: 'خالد', company: 'شركة الرياض', jobTitle: 'المدير التنفيذي' }, 'ar'],
		[{ answers: { 'رقم الجوال': '٠٥٠١٢٣٤٥٦٧' } }, 'ar'],
		[{ fullName: 'สมชาย ใจดี' }, 'th'],
		// a name in Arabic script with no letter only one of the two languages has
		[{ firstName: 'محمد' }, null],
	])('%j → %s', (fields, expected) => {
		expect(leadLanguage(lead(fields as Partial<Lead>))).toBe(expected);
	});

	test('a Persian name in an English form is a Persian speaker', () => {
		expect(leadLanguage(lead({ firstName: 'پریسا', lastName: 'کاظمی', answers: { 'First name': 'پریسا', 'Last name': 'کاظمی', 'Job title': 'CEO' } }))).toBe('fa');
	});
});

describe('Latin text: only when one language clearly leads', () => {
	test.each([
		[{ 'First name': 'Sam', 'Last name': 'Lee', 'Company size': '11-50', 'Job title': 'Head of Growth' }, 'en'],
		[{ Vorname: 'Jonas', Nachname: 'Weber', 'Anzahl der Mitarbeiter': '50', Nachricht: 'Bitte rufen Sie mich an' }, 'de'],
		[{ Prénom: 'Chloé', 'Nom de l’entreprise': 'Lumen', 'Votre message': 'Je voudrais un devis' }, 'fr'],
		[{ Nombre: 'Lucía', Apellidos: 'García', Mensaje: 'Quiero solicitar una demostración' }, 'es'],
		[{ Nome: 'João', Sobrenome: 'Silva', Mensagem: 'Gostaria de um orçamento' }, 'pt'],
		[{ Nome: 'Giulia', Cognome: 'Rossi', Messaggio: 'Vorrei un preventivo per la mia azienda' }, 'it'],
		[{ Voornaam: 'Daan', Achternaam: 'de Vries', Bericht: 'Ik wil graag een offerte' }, 'nl'],
		[{ Imię: 'Anna', Nazwisko: 'Kowalska', Stanowisko: 'Kierownik' }, 'pl'],
		[{ 'Ad Soyad': 'Mehmet Demir', 'Şirket Adı': 'Demir Yazılım', Ünvan: 'Satış Müdürü' }, 'tr'],
	])('%j → %s', (answers, expected) => {
		expect(leadLanguage(lead({ answers }))).toBe(expected);
	});

	test('a long text counts at most three words', () => {
		// English: what, the, your, and, how, would, you, like, our → capped at 3; Polish: "Imię" (ę 2, imie 1), "Nazwisko" 1,
		// "Stanowisko" 1, "Główny księgowy" (ł 2), "Wiadomość" (ś 2, wiadomosc 1) = 10, at least twice 3 (uncapped, 9 would leave it unclear)
		const answers = { Imię: 'Anna', Nazwisko: 'Nowak', Stanowisko: 'Główny księgowy', Wiadomość: 'what is the price of your product and how fast, would you like our offer' };
		expect(leadLanguage(lead({ answers }))).toBe('pl');
		expect(leadLanguage(lead({ answers: { 'Company size': '51-200' } }))).toBe('en');
	});

	test('names, companies and addresses alone say nothing', () => {
		expect(leadLanguage(lead({ firstName: 'Zoë', lastName: 'Müller', company: 'Łódź Software', city: 'São Paulo' }))).toBeNull();
		expect(leadLanguage(lead({ email: 'sam@acme.io' }))).toBeNull();
		expect(leadLanguage(lead({ answers: { email: 'sam@acme.io' } }))).toBeNull();
	});

	test('one weak sign, or two languages level, is not clear', () => {
		expect(leadLanguage(lead({ jobTitle: 'CEO' }))).toBeNull();
		expect(leadLanguage(lead({ answers: { Company: 'Acme', Firma: 'Acme' } }))).toBeNull();
	});
});

describe('Accept-Language', () => {
	test.each([
		['fa-IR,fa;q=0.9,en-US;q=0.8,en;q=0.7', 'fa'],
		['en-US;q=0.5,pl;q=0.9', 'pl'],
		['en-US,en;q=0.5,pl;q=0.9', 'en'],
		['tr', 'tr'],
		['*', null],
		['', null],
		['q=1', null],
	])('%j → %s', (header, expected) => {
		expect(languageFromAcceptLanguage(header)).toBe(expected);
	});

	test('is read only when the text is unclear', () => {
		expect(leadLanguage(lead({ firstName: 'Sam' }), 'th-TH,th;q=0.9')).toBe('th');
		expect(leadLanguage(lead({ answers: { Imię: 'Anna', Nazwisko: 'Nowak', Stanowisko: 'Prezes' } }), 'en-US')).toBe('pl');
	});
});

test('language tags and names', () => {
	expect(languageFromTag('de_DE')).toBe('de');
	expect(languageFromTag('zz')).toBeNull();
	expect(languageFromTag(42)).toBeNull();
});

describe('every lead read from a delivery carries its language', () => {
	test('a flat form post', () => {
		expect(leadFromItem(fixture('tr-general-manager.json')).language).toBe('tr');
		expect(leadFromItem(fixture('fa-demo-request.json')).language).toBe('fa');
	});

	test("the browser's Accept-Language, when the form says nothing clear", () => {
		const item = { headers: { 'Accept-Language': 'pl-PL,pl;q=0.9,en;q=0.8' }, params: {}, query: {}, body: { email: 'sam@acme.io', name: 'Sam' } };
		expect(leadFromItem(item).language).toBe('pl');
		const server = { headers: { 'accept-language': '*' }, params: {}, query: {}, body: { email: 'sam@acme.io', name: 'Sam' } };
		expect(leadFromItem(server).language).toBeNull();
	});

	test('a lead passed on by an earlier node keeps its language, as a primary subtag', () => {
		expect(leadFromItem({ lead: { email: 'sam@acme.io', language: 'fa-IR' } }).language).toBe('fa');
		expect(leadFromItem({ lead: { email: 'sam@acme.io', language: 'klingon' } }).language).toBeNull();
	});
});

describe('chat messages', () => {
	const chatLead = (message: string): Lead => ({
		...emptyLead('telegram', 'chat'),
		message,
		answers: { Message: message, 'Last message': message, Messages: message },
		chat: { channel: 'telegram', userId: '71234567', handle: null, businessId: null, conversationId: 'telegram::71234567', firstMessageAt: null, lastMessageAt: null, messages: [] },
	});

	it('reads greetings and first messages, never our own answer labels', () => {
		// two Turkish words each (merhaba, ilgileniyorum / fiyati, istiyorum), two Polish (dzien, dobry / interesuje, mnie)
		expect(leadLanguage(chatLead('Merhaba, ürününüzle ilgileniyorum'))).toBe('tr');
		expect(leadLanguage(chatLead('Fiyatı öğrenmek istiyorum'))).toBe('tr');
		expect(leadLanguage(chatLead('Dzień dobry, interesuje mnie wasz produkt'))).toBe('pl');
		expect(leadLanguage(chatLead('Hello, I am interested in your product'))).toBe('en');
		// one English word is not a language; "Message", "Last message" and "Messages" are our labels
		expect(leadLanguage(chatLead('MESSAGE-TEXT'))).toBeNull();
		// the same answers in a form lead: the form owner wrote the labels, so they count
		const { chat: _chat, ...formLead } = chatLead('MESSAGE-TEXT');
		expect(leadLanguage(formLead)).toBe('en');
	});
});
