/**
 * Field recognition in our users' languages. Every expected value here is written by hand: the
 * form posts follow the conventions of real forms in each market (Polish "Imię"/"Nazwisko",
 * Turkish "Ad Soyad"/"Cep Telefonu", Persian "نام"/"نام خانوادگی", Arabic "الاسم الكامل", Thai
 * "ชื่อ"/"นามสกุล"), and the lead each one must give was written down before running the code.
 */
import { applyLabelledValue, emptyLead, fieldForLabel, finalizeLead, labelKey, looksLikeEmail, looksLikePhone } from '../../../lib/lead/fields';
import { EXACT_LABELS, KEYWORD_RULES, labelMeaning, NOT_A_FIELD, type LabelField } from '../../../lib/lead/labels';
import { normalizeDelivery } from '../../../lib/normalizers';
import { genericLeadFromBody, genericNormalizer } from '../../../lib/normalizers/generic';
import { buildFacts } from '../../../lib/scoring/engine';
import { DEFAULT_HONEYPOT_KEYS } from '../../../lib/scoring/hygiene';
import type { Lead } from '../../../lib/lead/types';

function genericLead(body: unknown): Lead {
	const { leads } = genericNormalizer.normalize({ body, headers: {}, query: {} });
	expect(leads).toHaveLength(1);
	return leads[0];
}

/** The lead's identity fields only (the phone and country code are another module's: they are checked loosely). */
function identity(lead: Lead) {
	const { email, firstName, lastName, fullName, company, jobTitle, website, country, city, message } = lead;
	return { email, firstName, lastName, fullName, company, jobTitle, website, country, city, message, consent: lead.consent.marketing };
}

describe('form posts in our markets, as their forms are written', () => {
	test('Persian: separate نام and نام خانوادگی, question-style email label, Arabic letters and a zero-width non-joiner', () => {
		const lead = genericLead({
			'نام': 'مریم',
			// typed with a zero-width non-joiner, as Persian keyboards do
			'نام\u200cخانوادگی': 'حسینی',
			'ایمیل کاری شما': 'maryam@example-co.ir',
			'شماره تماس': '۰۹۱۲ ۱۲۳ ۴۵۶۷',
			// Arabic kaf and yeh (ك, ي) where a Persian keyboard types ک and ی
			'نام شركت': 'داده‌پردازان',
			'سمت': 'مدیر فروش',
			'شهر': 'تهران',
			'توضیحات': 'لطفا با من تماس بگیرید',
			'عضویت در خبرنامه': 'بله',
		});
		expect(identity(lead)).toEqual({
			email: 'maryam@example-co.ir',
			firstName: 'مریم',
			lastName: 'حسینی',
			fullName: 'مریم حسینی',
			company: 'داده‌پردازان',
			jobTitle: 'مدیر فروش',
			website: null,
			country: null,
			city: 'تهران',
			message: 'لطفا با من تماس بگیرید',
			consent: true,
		});
		expect(lead.phone).not.toBeNull();
	});

	test('Arabic: الاسم الكامل, البريد الإلكتروني with hamza and without, رقم الجوال, المسمى الوظيفي', () => {
		const lead = genericLead({
			'الاسم الكامل': 'خالد بن سعيد',
			'البريد الالكتروني': 'khalid@example.sa',
			'رقم الجوال': '0501234567',
			'اسم الشركة': 'مؤسسة الريادة',
			'المسمى الوظيفي': 'مدير المشتريات',
			'المدينة': 'الرياض',
			'الدولة': 'السعودية',
			'رسالتك': 'نريد عرض سعر',
			'الميزانية': '50000',
		});
		expect(identity(lead)).toEqual({
			email: 'khalid@example.sa',
			firstName: 'خالد',
			lastName: 'بن سعيد',
			fullName: 'خالد بن سعيد',
			company: 'مؤسسة الريادة',
			jobTitle: 'مدير المشتريات',
			website: null,
			country: 'السعودية',
			city: 'الرياض',
			message: 'نريد عرض سعر',
			consent: null,
		});
		expect(lead.answers['الميزانية']).toBe('50000');
	});

	test('Polish: Imię, Nazwisko, Adres e-mail służbowy, Powtórz e-mail is not the email, consent refused', () => {
		const lead = genericLead({
			'Imię': 'Anna',
			'Nazwisko': 'Zielińska',
			'Adres e-mail służbowy': 'a.zielinska@firma.pl',
			'Powtórz adres e-mail': 'inna@firma.pl',
			'Numer telefonu': '+48 601 234 567',
			'Nazwa firmy': 'Zielona Sp. z o.o.',
			'Stanowisko': 'Dyrektor handlowy',
			'Miejscowość': 'Kraków',
			'Wiadomość': 'Proszę o kontakt',
			'Wyrażam zgodę na otrzymywanie informacji handlowych': 'Nie',
		});
		expect(identity(lead)).toEqual({
			email: 'a.zielinska@firma.pl',
			firstName: 'Anna',
			lastName: 'Zielińska',
			fullName: 'Anna Zielińska',
			company: 'Zielona Sp. z o.o.',
			jobTitle: 'Dyrektor handlowy',
			website: null,
			country: null,
			city: 'Kraków',
			message: 'Proszę o kontakt',
			consent: false,
		});
	});

	test('Turkish: Ad Soyad, E-posta, Cep Telefonu, Şirket, Unvan, İl in capitals with dotted İ', () => {
		const lead = genericLead({
			'AD SOYAD': 'Mehmet Öztürk',
			'E-POSTA ADRESİNİZ': 'mehmet@ornek.com.tr',
			'E-posta (Tekrar)': 'mehmet@ornek.com.tr',
			'Cep Telefonu': '0532 111 22 33',
			'ŞİRKET': 'Örnek Yazılım A.Ş.',
			'Unvan': 'Satın Alma Müdürü',
			'İl': 'İzmir',
			'Web Siteniz': 'https://ornek.com.tr',
			'Mesajınız': 'Teklif almak istiyoruz',
		});
		expect(identity(lead)).toEqual({
			email: 'mehmet@ornek.com.tr',
			firstName: 'Mehmet',
			lastName: 'Öztürk',
			fullName: 'Mehmet Öztürk',
			company: 'Örnek Yazılım A.Ş.',
			jobTitle: 'Satın Alma Müdürü',
			website: 'https://ornek.com.tr',
			country: null,
			city: 'İzmir',
			message: 'Teklif almak istiyoruz',
			consent: null,
		});
	});

	test('Thai: ชื่อ and นามสกุล, labels with กรุณากรอก, อีเมลบริษัท is the email, ชื่อบริษัท the company', () => {
		const lead = genericLead({
			'กรุณากรอกชื่อ': 'สมหญิง',
			'นามสกุล': 'รักดี',
			'อีเมลบริษัท': 'somying@example.co.th',
			'เบอร์มือถือ': '089 123 4567',
			'ชื่อบริษัท': 'บริษัท ตัวอย่าง จำกัด',
			'ตำแหน่งงาน': 'ผู้จัดการฝ่ายขาย',
			'จังหวัด': 'เชียงใหม่',
			'ข้อความเพิ่มเติม': 'ขอใบเสนอราคา',
		});
		expect(identity(lead)).toEqual({
			email: 'somying@example.co.th',
			firstName: 'สมหญิง',
			lastName: 'รักดี',
			fullName: 'สมหญิง รักดี',
			company: 'บริษัท ตัวอย่าง จำกัด',
			jobTitle: 'ผู้จัดการฝ่ายขาย',
			website: null,
			country: null,
			city: 'เชียงใหม่',
			message: 'ขอใบเสนอราคา',
			consent: null,
		});
	});
});

describe('labels of European forms', () => {
	// label → the field a person reading the form would say it asks for
	test.each<[string, LabelField]>([
		// German
		['Vorname', 'firstName'],
		['Nachname', 'lastName'],
		['E-Mail-Adresse', 'email'],
		['Telefonnummer', 'phone'],
		['Firmenname', 'company'],
		['Unternehmensgröße', 'companySize'],
		['Anzahl der Mitarbeiter', 'companySize'],
		['Ihre Nachricht an uns', 'message'],
		['Wohnort', 'city'],
		['Ich möchte den Newsletter erhalten', 'consent'],
		// French
		['Prénom', 'firstName'],
		['Nom de famille', 'lastName'],
		['Adresse e-mail professionnelle', 'email'],
		['Numéro de téléphone', 'phone'],
		["Nom de l'entreprise", 'company'],
		["Taille de l'entreprise", 'companySize'],
		['Intitulé de poste', 'jobTitle'],
		['Pays', 'country'],
		// Spanish
		['Nombre y apellidos', 'fullName'],
		['Apellidos', 'lastName'],
		['Correo electrónico corporativo', 'email'],
		['Teléfono móvil', 'phone'],
		['Número de empleados', 'companySize'],
		['Presupuesto estimado', 'budget'],
		['Cargo', 'jobTitle'],
		// Portuguese
		['Sobrenome', 'lastName'],
		['Nome completo', 'fullName'],
		['Telefone celular', 'phone'],
		['Nome da empresa', 'company'],
		['Número de funcionários', 'companySize'],
		['Orçamento disponível', 'budget'],
		['Cidade', 'city'],
		// Italian
		['Nome e cognome', 'fullName'],
		['Cognome', 'lastName'],
		['Indirizzo email aziendale', 'email'],
		['Numero di cellulare', 'phone'],
		['Ragione sociale', 'company'],
		['Ruolo in azienda', 'jobTitle'],
		['Messaggio', 'message'],
		// Dutch
		['Voornaam', 'firstName'],
		['Achternaam', 'lastName'],
		['E-mailadres', 'email'],
		['Telefoonnummer', 'phone'],
		['Bedrijfsnaam', 'company'],
		['Aantal medewerkers', 'companySize'],
		['Functietitel', 'jobTitle'],
		['Woonplaats', 'city'],
	])('%s → %s', (label, field) => {
		expect(fieldForLabel(label)).toBe(field);
	});
});

describe('which field wins when a label could name several', () => {
	test.each<[string, LabelField | null]>([
		// exact label beats keyword
		['Company name', 'company'],
		['Title', 'jobTitle'],
		// the specific keyword beats the generic one
		['Company email', 'email'],
		['Business email address', 'email'],
		['Company size', 'companySize'],
		['Company', 'company'],
		['Company phone', 'phone'],
		['Company website', 'website'],
		['Your position at the company', 'jobTitle'],
		['Tell us about your company', 'message'],
		['First name', 'firstName'],
		['Name', 'fullName'],
		['First and last name', 'fullName'],
		['Imię i nazwisko', 'fullName'],
		['نام و نام خانوادگی', 'fullName'],
		['ชื่อ-นามสกุล', 'fullName'],
		['Marketing budget', 'budget'],
		// confirmation fields are not the email
		['Confirm email', null],
		['Powtórz e-mail', null],
		['تکرار ایمیل', null],
		['تأكيد البريد الإلكتروني', null],
		['ยืนยันอีเมล', null],
		['E-Mail bestätigen', null],
		// consent labels that mention email or a newsletter are consent
		['I would like to receive marketing emails', 'consent'],
		['Subscribe to our newsletter', 'consent'],
		['Zgoda na otrzymywanie newslettera', 'consent'],
		['با دریافت خبرنامه موافقم', 'consent'],
		// a privacy-policy or terms checkbox is not marketing consent
		['I accept the privacy policy', null],
		['Akceptuję regulamin', null],
		['KVKK Aydınlatma Metnini okudum', null],
		// "name" inside a longer label names something else
		['Project name', null],
		['Event name', null],
		['Username', null],
		['نام کاربری', null],
		// identifiers and other people's details
		['Company ID', null],
		['LINE ID', null],
		["Friend's email", null],
		// question-style labels
		['What is your work email?', 'email'],
		['ایمیل کاری شما', 'email'],
		['Adres e-mail służbowy', 'email'],
		["What's your name?", 'fullName'],
		['Please enter your phone number', 'phone'],
		['Adınız nedir?', 'fullName'],
		['Soyadınız', 'lastName'],
		['اسمك', 'fullName'],
	])('%s → %s', (label, field) => {
		expect(fieldForLabel(label)).toBe(field);
	});

	test('the order of keyword rules is the documented priority', () => {
		const order = KEYWORD_RULES.map((rule) => rule.field);
		const first = (field: string) => order.indexOf(field as never);
		expect(first('consent')).toBe(0);
		expect(first('companySize')).toBeLessThan(first('company'));
		expect(first('budget')).toBeLessThan(first('company'));
		for (const specific of ['email', 'phone', 'website', 'jobTitle', 'message', 'country', 'city']) expect(first(specific)).toBeLessThan(first('company'));
		expect(first('company')).toBeLessThan(first('fullName'));
		expect(first('fullName')).toBeLessThan(first('lastName'));
		expect(first('lastName')).toBeLessThan(first('firstName'));
		// a confirmation rule sits before every field a lead carries
		expect(first(NOT_A_FIELD)).toBeLessThan(first('email'));
	});
});

describe('matching survives how people type', () => {
	test.each<[string, LabelField]>([
		['EMAIL', 'email'],
		['e-mail:', 'email'],
		['  E - mail  ', 'email'],
		['📧 Email', 'email'],
		['\u200fایمیل\u200e', 'email'],
		['ايميل', 'email'],
		['نام خانوادگي', 'lastName'],
		['نام\u200cخانوادگی', 'lastName'],
		['الشركة', 'company'],
		['الشركه', 'company'],
		['ŞİRKET ADI', 'company'],
		['sirket adi', 'company'],
		['Şirket Adı', 'company'],
		['IMIĘ', 'firstName'],
		['Imie', 'firstName'],
		['Téléphone', 'phone'],
		['TELEPHONE', 'phone'],
		['first_name', 'firstName'],
		['firstName', 'firstName'],
		['contact[first_name]', 'firstName'],
		['numberOfEmployees', 'companySize'],
		['Email / ایمیل', 'email'],
	])('%j → %s', (label, field) => {
		expect(fieldForLabel(label)).toBe(field);
	});

	test('labels that are only numbers, punctuation or emoji name nothing', () => {
		for (const label of ['1', '02', '3.1', '---', '🚀', '\u200f', '']) expect(labelMeaning(label)).toBeNull();
	});

	test('labelKey keeps letters of every script and still finds honeypots and answers by English keys', () => {
		expect(labelKey('ایمیل کاری')).toBe('ایمیلکاری');
		expect(labelKey('อีเมล')).toBe('อีเมล');
		expect(labelKey('Email Address ')).toBe('emailaddress');
		expect(labelKey('bot-field')).toBe('botfield');
		expect(DEFAULT_HONEYPOT_KEYS.has('botfield')).toBe(true);
		// two different Persian labels no longer share one (empty) key
		expect(labelKey('نام')).not.toBe(labelKey('سمت'));
	});

	test('an exact label names one field only', () => {
		const owner = new Map<string, string>();
		const clashes: string[] = [];
		for (const [field, languages] of Object.entries(EXACT_LABELS)) {
			for (const labels of Object.values(languages)) {
				for (const label of labels ?? []) {
					const key = labelKey(label);
					const known = owner.get(key);
					if (known && known !== field) clashes.push(`${label}: ${known} and ${field}`);
					owner.set(key, field);
				}
			}
		}
		expect(clashes).toEqual([]);
	});

	test('every exact label is read as its own field', () => {
		const misread: string[] = [];
		for (const [field, languages] of Object.entries(EXACT_LABELS)) {
			for (const labels of Object.values(languages)) for (const label of labels ?? []) if (labelMeaning(label) !== field) misread.push(`${label} → ${labelMeaning(label)}, not ${field}`);
		}
		expect(misread).toEqual([]);
	});
});

describe('values, when no label says what a field is', () => {
	test('an email-shaped value under an unknown label is the email; a phone-shaped one the phone', () => {
		const lead = genericLead({ 'Field 1': 'Jo Bloggs', 'Field 2': 'Jo@Example.com', 'Field 3': '+44 20 7946 0958', 'Field 4': '1 000 000' });
		expect(lead.email).toBe('jo@example.com');
		expect(lead.phone).not.toBeNull();
		expect(lead.answers['Field 4']).toBe('1 000 000');
	});

	test('a label that names the email wins over a value guess, wherever it comes', () => {
		expect(genericLead({ 'Q1': 'guess@example.com', 'Email': 'real@example.com' }).email).toBe('real@example.com');
		expect(genericLead({ 'Email': 'real@example.com', 'Q1': 'guess@example.com' }).email).toBe('real@example.com');
	});

	test('two different unlabelled emails leave the email unknown; the same one twice is the email', () => {
		const two = genericLead({ '1': 'a@example.com', '2': 'b@example.com' });
		expect(two.email).toBeNull();
		expect(two.answers).toEqual({ '1': 'a@example.com', '2': 'b@example.com' });
		expect(genericLead({ '1': 'a@example.com', '2': 'A@example.com ' }).email).toBe('a@example.com');
	});

	test('a confirmation field is never used as the email, even by its value', () => {
		expect(genericLead({ 'Confirm email': 'x@example.com' }).email).toBeNull();
	});

	test('"Email or phone" holding a phone fills the phone, not the email', () => {
		const lead = genericLead({ 'Email or phone': '0532 111 22 33' });
		expect(lead.email).toBeNull();
		expect(lead.phone).not.toBeNull();
	});

	test.each([
		['jo@example.com', true],
		['mailto:jo@example.com', true],
		['jo@example', false],
		['jo@@example.com', false],
		['a@b.com, c@d.com', false],
		['not an email', false],
	])('looksLikeEmail(%j) is %p', (value, expected) => {
		expect(looksLikeEmail(value)).toBe(expected);
	});

	test.each([
		['+48 601 234 567', true],
		['600 700 800', true],
		['09123456789', true],
		['۰۹۱۲۳۴۵۶۷۸۹', true],
		['٠٥٠١٢٣٤٥٦٧', true],
		['081 234 5678', true],
		['(0532) 111 22 33', true],
		['2024-03-05', false],
		['05.03.2024', false],
		['1 000 000', false],
		['10.000.000', false],
		['192.168.10.1', false],
		['123456789', false],
		['12345', false],
		['+1', false],
	])('looksLikePhone(%j) is %p', (value, expected) => {
		expect(looksLikePhone(value)).toBe(expected);
	});
});

describe('posts from form tools we have no normalizer for', () => {
	test('a list of {label, value} fields with a machine key', () => {
		const lead = genericLead({
			form: { id: 'f-17', name: 'Demo request' },
			fields: [
				{ key: 'q_1', label: 'Adres e-mail', value: 'ola@example.pl' },
				{ key: 'first_name', label: 'Twoje imię', value: 'Ola' },
				{ key: 'q_3', label: 'Nazwa firmy', value: 'Przykład S.A.' },
				{ key: 'q_4', label: 'Budżet', value: '20 000 zł' },
			],
		});
		expect(identity(lead)).toMatchObject({ email: 'ola@example.pl', firstName: 'Ola', company: 'Przykład S.A.' });
		expect(lead.formId).toBe('f-17');
		expect(lead.formName).toBe('Demo request');
		expect(lead.answers['Budżet']).toBe('20 000 zł');
	});

	test('a list of {question, answer} pairs', () => {
		const lead = genericLead({
			responses: [
				{ question: 'What is your work email?', answer: 'li@example.com' },
				{ question: 'Which company do you work for?', answer: 'Example Ltd' },
				{ question: 'How many employees does your company have?', answer: '51-200' },
			],
		});
		expect(identity(lead)).toMatchObject({ email: 'li@example.com', company: 'Example Ltd' });
		expect(buildFacts(lead).companySize).toBe(51);
	});

	test('nested objects: the parent names the thing', () => {
		const lead = genericLead({
			contact: { email: 'sam@example.com', name: { first: 'Sam', last: 'Lee' } },
			company: { name: 'Lee & Co', size: '11-50', website: 'https://lee.example' },
			ad: { name: 'Spring campaign' },
		});
		expect(identity(lead)).toMatchObject({ email: 'sam@example.com', firstName: 'Sam', lastName: 'Lee', fullName: 'Sam Lee', company: 'Lee & Co', website: 'https://lee.example' });
		expect(buildFacts(lead).companySize).toBe(11);
		// the ad's name is not the lead's name
		expect(lead.answers['ad name']).toBe('Spring campaign');
	});

	test('form-encoded keys, parsed or still text', () => {
		const encoded = 'fields%5Bemail%5D=kim%40example.com&contact%5Bfirst_name%5D=Kim&contact%5Blast_name%5D=Park&fields%5Bcompany%5D=Park+Ltd';
		for (const body of [encoded, Buffer.from(encoded), { 'fields[email]': 'kim@example.com', 'contact[first_name]': 'Kim', 'contact[last_name]': 'Park', 'fields[company]': 'Park Ltd' }]) {
			const { leads, source } = normalizeDelivery({ body, headers: {}, query: {} });
			expect(source).toBe('generic');
			expect(leads).toHaveLength(1);
			expect(identity(leads[0])).toMatchObject({ email: 'kim@example.com', firstName: 'Kim', lastName: 'Park', fullName: 'Kim Park', company: 'Park Ltd' });
		}
	});

	test('a form builder of our markets we have no normalizer for still gives a complete lead', () => {
		// shaped like a Persian form builder's webhook: entries of {title, value} under "data"
		const lead = genericLead({
			form_title: 'درخواست مشاوره',
			data: [
				{ title: 'نام و نام خانوادگی', value: 'رضا کریمی' },
				{ title: 'شماره موبایل', value: '09121234567' },
				{ title: 'پست الکترونیک', value: 'reza@example.ir' },
				{ title: 'نام سازمان', value: 'فناوران' },
				{ title: 'سمت سازمانی', value: 'مدیر فنی' },
			],
		});
		expect(identity(lead)).toMatchObject({ email: 'reza@example.ir', firstName: 'رضا', lastName: 'کریمی', fullName: 'رضا کریمی', company: 'فناوران', jobTitle: 'مدیر فنی' });
		expect(lead.phone).not.toBeNull();
	});
});

describe('bad input: one item in, one out, unknown stays null', () => {
	test('mixed scripts, direction marks and emoji in labels and values', () => {
		const lead = genericLead({ '\u202bایمیل\u202c 📧': 'a@example.com', 'Name 名前 ชื่อ': '🙂', 'Şirket / الشركة': 'ACME' });
		expect(lead.email).toBe('a@example.com');
		expect(lead.company).toBe('ACME');
	});

	test('a form with 10,000 labels', () => {
		const body: Record<string, string> = {};
		for (let i = 0; i < 10_000; i++) body[`Question ${i} ${i % 7 === 0 ? 'ایمیل' : 'x'}`] = `answer ${i}`;
		const lead = genericLead(body);
		expect(Object.keys(lead.answers)).toHaveLength(10_000);
		// the first email-labelled answer holds no email: normalizeEmail keeps it as typed, hygiene flags it later
		expect(lead.email).toBe('answer0');
	});

	test('labels that are only numbers: no field from the label, values still read by shape', () => {
		const lead = genericLead({ '1': 'Jo', '2': 'x@example.com', '3': '42' });
		expect(lead.firstName).toBeNull();
		expect(lead.email).toBe('x@example.com');
	});

	test('a ticked box under a field label answers a yes/no question: it fills no text field', () => {
		// Typeform's published example asks "Do you have a favorite city we haven't listed?" as a yes/no question
		const lead = genericLead({ "Do you have a favorite city we haven't listed?": true, 'Company': false });
		expect(lead.city).toBeNull();
		expect(lead.company).toBeNull();
		expect(lead.answers["Do you have a favorite city we haven't listed?"]).toBe(true);
	});

	test('applyLabelledValue never sets consent from a label it can not read', () => {
		const lead = emptyLead('generic', 'form');
		applyLabelledValue(lead, 'I agree', 'yes');
		applyLabelledValue(lead, 'I accept that we will share your answers', true);
		expect(finalizeLead(lead).consent.marketing).toBeNull();
	});
});

describe('Lead Score finds company size and budget through the label table', () => {
	test.each<[string, string, number]>([
		['تعداد کارکنان', '51-200', 51],
		['عدد الموظفين', '200', 200],
		['Liczba pracowników', '11-50', 11],
		['Çalışan Sayısı', '500', 500],
		['จำนวนพนักงาน', '1000', 1000],
		['Mitarbeiterzahl', '250', 250],
	])('%s: %s → %p', (label, value, expected) => {
		expect(buildFacts({ ...emptyLead('generic', 'form'), answers: { [label]: value } }).companySize).toBe(expected);
	});

	test.each<[string, string, number]>([
		['بودجه', '5000', 5000],
		['الميزانية', '7000', 7000],
		['Budżet projektu', '20000', 20000],
		['Bütçe', '1500', 1500],
		['งบประมาณ', '30000', 30000],
		['Presupuesto', '800', 800],
	])('%s: %s → %p', (label, value, expected) => {
		expect(buildFacts({ ...emptyLead('generic', 'form'), answers: { [label]: value } }).budget).toBe(expected);
	});
});

describe('prototype-pollution paths in a nested post', () => {
	test('objects under "constructor" or "prototype" are not read; the lead keeps its real fields', () => {
		const body = JSON.parse('{"email": "proto.keys@attack.example", "name": "Pat Proto", "__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "contact": {"prototype": [{"polluted": "yes"}]}}');
		const lead = genericLeadFromBody(body);
		expect(lead.email).toBe('proto.keys@attack.example');
		expect(lead.fullName).toBe('Pat Proto');
		expect(JSON.stringify(lead)).not.toContain('polluted');
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});
});
