/**
 * Parity: the same lead, written in Persian, Arabic, Polish, Turkish, Thai, German, French,
 * Spanish, Portuguese, Italian or Dutch, gets the stage and fit its English original gets.
 *
 * Each lead is a flat form post as a form in that language sends it: labels and answers
 * translated by hand, native digits where forms in that market use them. The English stages and
 * fits are computed by hand from the presets' published points (docs/scoring.md, Presets):
 * B2B SaaS: work email 10, free email −10, decision maker 20, manager 10, student/intern/job
 * seeker −30, company 5, more than 10 employees 5, 200 or more 10, phone 5; MQL at 40, SQL at 80
 * with grade B; a demo, quote, consultation, pricing or contact request is a hand-raiser (SQL).
 * Services / Agency: work email 10, free email −5, company 10, website 10, decision maker 15,
 * budget of 5,000 or more 15, of 20,000 or more 10, under 1,000 −15, student −30; MQL at 35.
 */
import { leadFromItem } from '../../../lib/lead/detect';
import { compileModel, scoreLead } from '../../../lib/scoring/engine';
import { parseModel } from '../../../lib/scoring/model';
import { B2B_SAAS, SERVICES_AGENCY } from '../../../lib/scoring/presets';

const NOW = new Date('2026-11-20T12:00:00.000Z');
const b2b = compileModel(parseModel(B2B_SAAS));
const services = compileModel(parseModel(SERVICES_AGENCY));

const LANGUAGES = ['fa', 'ar', 'pl', 'tr', 'th', 'de', 'fr', 'es', 'pt', 'it', 'nl'] as const;
type Language = (typeof LANGUAGES)[number];
type Form = Record<string, string>;

interface Outcome {
	stage: string;
	fit: number;
}

interface ParityCase {
	name: string;
	english: Form;
	/** written by hand from the points above */
	expected: { b2b: Outcome; services: Outcome };
	translations: Record<Language, Form>;
}

const CASES: ParityCase[] = [
	{
		name: 'a CEO with a work email asking for a demo',
		english: {
			'First name': 'Emma',
			'Last name': 'Clark',
			'Work email': 'emma.clark@northwind-analytics.com',
			Phone: '+1 415 555 0142',
			Company: 'Northwind Analytics',
			'Job title': 'CEO',
			'Number of employees': '51-200',
			'How can we help?': 'Request a demo',
		},
		// B2B: 10 + 20 + 5 + 5 + 5 = 45, demo request → SQL; Services: 10 + 10 + 15 = 35, demo request → SQL
		expected: { b2b: { stage: 'sql', fit: 45 }, services: { stage: 'sql', fit: 35 } },
		translations: {
			fa: { 'نام': 'سارا', 'نام خانوادگی': 'محمدی', 'ایمیل کاری': 'sara.mohammadi@arya-data.ir', 'شماره موبایل': '۰۹۱۲ ۱۲۳ ۴۵۶۷', 'نام شرکت': 'داده‌پردازان آریا', 'سمت': 'مدیرعامل', 'تعداد کارکنان': '۵۱ تا ۲۰۰ نفر', 'چطور می‌توانیم کمک کنیم؟': 'درخواست دمو' },
			ar: { 'الاسم الأول': 'ليلى', 'اسم العائلة': 'الحربي', 'البريد الإلكتروني': 'layla.alharbi@rawabi-tech.sa', 'رقم الجوال': '٠٥٥١٢٣٤٥٦٧', 'اسم الشركة': 'روابي للتقنية', 'المسمى الوظيفي': 'الرئيس التنفيذي', 'عدد الموظفين': '٥١-٢٠٠', 'كيف يمكننا مساعدتك؟': 'طلب عرض توضيحي' },
			pl: { 'Imię': 'Agnieszka', 'Nazwisko': 'Wiśniewska', 'Adres e-mail': 'a.wisniewska@baltic-data.pl', 'Telefon': '512 345 678', 'Nazwa firmy': 'Baltic Data Sp. z o.o.', 'Stanowisko': 'Prezes Zarządu', 'Liczba pracowników': '51–200', 'W czym możemy pomóc?': 'Umów prezentację' },
			tr: { 'Ad': 'Elif', 'Soyad': 'Kaya', 'E-posta': 'elif.kaya@ege-yazilim.com.tr', 'Telefon': '0532 555 12 34', 'Şirket Adı': 'Ege Yazılım A.Ş.', 'Unvan': 'Genel Müdür', 'Çalışan Sayısı': '51-200', 'Size nasıl yardımcı olabiliriz?': 'Demo talep et' },
			th: { 'ชื่อ': 'นภา', 'นามสกุล': 'ศรีสุข', 'อีเมล': 'napa@chao-phraya-analytics.co.th', 'เบอร์โทรศัพท์': '081 234 5678', 'ชื่อบริษัท': 'บริษัท เจ้าพระยา อนาลิติกส์ จำกัด', 'ตำแหน่ง': 'ประธานเจ้าหน้าที่บริหาร', 'จำนวนพนักงาน': '51-200 คน', 'ให้เราช่วยอะไรคุณได้บ้าง': 'ขอดูเดโม' },
			de: { Vorname: 'Anna', Nachname: 'Schmidt', 'E-Mail': 'anna.schmidt@rheinwerk-analytics.de', Telefon: '+49 30 1234567', Firma: 'Rheinwerk Analytics GmbH', Position: 'Geschäftsführerin', 'Anzahl der Mitarbeiter': '51–200', 'Wie können wir helfen?': 'Demo anfordern' },
			fr: { Prénom: 'Camille', Nom: 'Durand', 'Adresse e-mail': 'camille.durand@lumiere-data.fr', Téléphone: '06 12 34 56 78', Entreprise: 'Lumière Data SAS', Poste: 'Directrice générale', "Nombre d'employés": '51 à 200', 'Comment pouvons-nous vous aider ?': 'Demander une démo' },
			es: { Nombre: 'Lucía', Apellidos: 'Fernández', 'Correo electrónico': 'lucia.fernandez@iberdata.es', Teléfono: '612 345 678', Empresa: 'Iberdata S.L.', Cargo: 'Directora General', 'Número de empleados': 'De 51 a 200', '¿Cómo podemos ayudarte?': 'Solicitar una demo' },
			pt: { Nome: 'Ana', Sobrenome: 'Souza', 'E-mail': 'ana.souza@atlantico-dados.com.br', Telefone: '(11) 91234-5678', Empresa: 'Atlântico Dados Ltda.', Cargo: 'Diretora-presidente', 'Número de funcionários': '51 a 200', 'Como podemos ajudar?': 'Agendar uma demonstração' },
			it: { Nome: 'Giulia', Cognome: 'Bianchi', Email: 'giulia.bianchi@lagunadata.it', Telefono: '347 123 4567', Azienda: 'Laguna Data S.r.l.', Ruolo: 'Amministratore delegato', 'Numero di dipendenti': '51-200', 'Come possiamo aiutarti?': 'Richiedi una demo' },
			nl: { Voornaam: 'Sanne', Achternaam: 'Bakker', 'E-mailadres': 'sanne.bakker@polderdata.nl', Telefoonnummer: '06 12345678', Bedrijfsnaam: 'Polderdata B.V.', Functie: 'Algemeen directeur', 'Aantal medewerkers': '51-200', 'Waarmee kunnen we helpen?': 'Demo aanvragen' },
		},
	},
	{
		name: 'a marketing manager at a company of 201-500 that agrees to be contacted',
		english: {
			'First name': 'Liam',
			'Last name': 'Turner',
			'Work email': 'liam.turner@bluepeak-software.com',
			Phone: '+44 20 7946 0958',
			Company: 'Bluepeak Software',
			Website: 'https://bluepeak-software.com',
			'Job title': 'Marketing Manager',
			'Company size': '201-500',
			'I agree that your sales team may contact me about your products': 'Yes',
		},
		// B2B: 10 + 10 + 5 + 5 + 10 + 5 = 45 → MQL (no hand-raiser: consent is not a request); Services: 10 + 10 + 10 = 30 → lead
		expected: { b2b: { stage: 'mql', fit: 45 }, services: { stage: 'lead', fit: 30 } },
		translations: {
			fa: { 'نام': 'رضا', 'نام خانوادگی': 'کریمی', 'ایمیل کاری': 'reza.karimi@pars-software.ir', 'شماره موبایل': '۰۹۳۵ ۲۲۲ ۳۳۴۴', 'نام شرکت': 'پارس نرم‌افزار', 'وب‌سایت': 'https://pars-software.ir', 'سمت': 'مدیر بازاریابی', 'تعداد کارکنان': '۲۰۱ تا ۵۰۰ نفر', 'موافقم که کارشناسان فروش با من تماس بگیرند': 'بله' },
			ar: { 'الاسم الأول': 'عمر', 'اسم العائلة': 'الشمري', 'البريد الإلكتروني': 'omar.alshammari@nakheel-soft.ae', 'رقم الجوال': '٠٥٠٩٨٧٦٥٤٣', 'اسم الشركة': 'نخيل للبرمجيات', 'الموقع الإلكتروني': 'https://nakheel-soft.ae', 'المسمى الوظيفي': 'مدير التسويق', 'عدد الموظفين': '٢٠١-٥٠٠', 'أوافق على أن يتواصل معي فريق المبيعات بخصوص منتجاتكم': 'نعم' },
			pl: { 'Imię': 'Tomasz', 'Nazwisko': 'Zieliński', 'Adres e-mail': 't.zielinski@mazowsze-soft.pl', 'Telefon': '601 222 333', 'Nazwa firmy': 'Mazowsze Soft S.A.', 'Strona internetowa': 'https://mazowsze-soft.pl', 'Stanowisko': 'Kierownik ds. marketingu', 'Liczba pracowników': '201–500', 'Wyrażam zgodę na kontakt handlowca w sprawie produktów': 'Tak' },
			tr: { 'Ad': 'Mert', 'Soyad': 'Aydın', 'E-posta': 'mert.aydin@bogazici-yazilim.com.tr', 'Telefon': '0533 444 55 66', 'Şirket Adı': 'Boğaziçi Yazılım', 'Web sitesi': 'https://bogazici-yazilim.com.tr', 'Unvan': 'Pazarlama Müdürü', 'Çalışan Sayısı': '201-500', 'Satış ekibinin ürünler hakkında benimle iletişime geçmesini kabul ediyorum': 'Evet' },
			th: { 'ชื่อ': 'ธนพล', 'นามสกุล': 'วงศ์ใหญ่', 'อีเมล': 'thanapol@lanna-software.co.th', 'เบอร์โทรศัพท์': '089 876 5432', 'ชื่อบริษัท': 'บริษัท ลานนา ซอฟต์แวร์ จำกัด', 'เว็บไซต์': 'https://lanna-software.co.th', 'ตำแหน่ง': 'ผู้จัดการฝ่ายการตลาด', 'จำนวนพนักงาน': '201-500 คน', 'ข้าพเจ้ายินยอมให้ฝ่ายขายติดต่อเกี่ยวกับผลิตภัณฑ์': 'ใช่' },
			de: { Vorname: 'Jonas', Nachname: 'Weber', 'E-Mail': 'jonas.weber@alpen-software.de', Telefon: '+49 89 7654321', Firma: 'Alpen Software AG', Webseite: 'https://alpen-software.de', Position: 'Marketing Manager', 'Anzahl der Mitarbeiter': '201–500', 'Ich bin einverstanden, dass mich Ihr Vertrieb zu Ihren Produkten kontaktiert': 'Ja' },
			fr: { Prénom: 'Hugo', Nom: 'Martin', 'Adresse e-mail': 'hugo.martin@azur-logiciels.fr', Téléphone: '01 23 45 67 89', Entreprise: 'Azur Logiciels', 'Site web': 'https://azur-logiciels.fr', Poste: 'Responsable marketing', "Nombre d'employés": '201 à 500', "J'accepte d'être contacté par votre équipe commerciale au sujet de vos produits": 'Oui' },
			es: { Nombre: 'Javier', Apellidos: 'Ruiz', 'Correo electrónico': 'javier.ruiz@meseta-software.es', Teléfono: '634 567 890', Empresa: 'Meseta Software', 'Sitio web': 'https://meseta-software.es', Cargo: 'Gerente de marketing', 'Número de empleados': 'De 201 a 500', 'Acepto que su equipo comercial me contacte sobre sus productos': 'Sí' },
			pt: { Nome: 'Pedro', Sobrenome: 'Almeida', 'E-mail': 'pedro.almeida@serra-software.com.br', Telefone: '(21) 99876-5432', Empresa: 'Serra Software', Site: 'https://serra-software.com.br', Cargo: 'Gerente de marketing', 'Número de funcionários': '201 a 500', 'Concordo em ser contactado pela equipe comercial sobre os produtos': 'Sim' },
			it: { Nome: 'Marco', Cognome: 'Rossi', Email: 'marco.rossi@dolomiti-software.it', Telefono: '02 1234 5678', Azienda: 'Dolomiti Software', 'Sito web': 'https://dolomiti-software.it', Ruolo: 'Responsabile marketing', 'Numero di dipendenti': '201-500', 'Acconsento a essere contattato dal vostro team commerciale sui vostri prodotti': 'Sì' },
			nl: { Voornaam: 'Daan', Achternaam: 'de Vries', 'E-mailadres': 'daan.devries@delta-software.nl', Telefoonnummer: '020 123 4567', Bedrijfsnaam: 'Delta Software', Website: 'https://delta-software.nl', Functie: 'Marketingmanager', 'Aantal medewerkers': '201-500', 'Ik ga akkoord dat jullie salesteam contact met mij opneemt over jullie producten': 'Ja' },
		},
	},
	{
		name: 'a student with a free email address',
		english: { 'First name': 'Noah', 'Last name': 'Evans', Email: 'noah.evans@gmail.com', 'Job title': 'Student' },
		// B2B: −10 − 30 = −40 → lead; Services: −5 − 30 = −35 → lead
		expected: { b2b: { stage: 'lead', fit: -40 }, services: { stage: 'lead', fit: -35 } },
		translations: {
			fa: { 'نام': 'امیر', 'نام خانوادگی': 'حسینی', 'ایمیل': 'amir.hosseini@gmail.com', 'سمت': 'دانشجو' },
			ar: { 'الاسم الأول': 'يوسف', 'اسم العائلة': 'المصري', 'البريد الإلكتروني': 'youssef.masry@gmail.com', 'المسمى الوظيفي': 'طالب' },
			pl: { 'Imię': 'Kacper', 'Nazwisko': 'Lewandowski', 'Adres e-mail': 'kacper.lewandowski@gmail.com', 'Stanowisko': 'Student' },
			tr: { 'Ad': 'Can', 'Soyad': 'Öztürk', 'E-posta': 'can.ozturk@gmail.com', 'Unvan': 'Öğrenci' },
			th: { 'ชื่อ': 'ปิยะ', 'นามสกุล': 'แสงทอง', 'อีเมล': 'piya.saengthong@gmail.com', 'ตำแหน่ง': 'นักศึกษา' },
			de: { Vorname: 'Lukas', Nachname: 'Fischer', 'E-Mail': 'lukas.fischer@gmail.com', Position: 'Student' },
			fr: { Prénom: 'Léo', Nom: 'Bernard', 'Adresse e-mail': 'leo.bernard@gmail.com', Poste: 'Étudiant' },
			es: { Nombre: 'Pablo', Apellidos: 'Martínez', 'Correo electrónico': 'pablo.martinez@gmail.com', Cargo: 'Estudiante' },
			pt: { Nome: 'Lucas', Sobrenome: 'Pereira', 'E-mail': 'lucas.pereira@gmail.com', Cargo: 'Estudante' },
			it: { Nome: 'Matteo', Cognome: 'Ricci', Email: 'matteo.ricci@gmail.com', Ruolo: 'Studente' },
			nl: { Voornaam: 'Bram', Achternaam: 'Visser', 'E-mailadres': 'bram.visser@gmail.com', Functie: 'Student' },
		},
	},
	{
		name: 'the owner of a small business with a free email address asking for a quote, with a budget',
		english: {
			'First name': 'Grace',
			'Last name': 'Miller',
			Email: 'grace.miller@gmail.com',
			Phone: '+1 212 555 0199',
			Company: 'Miller Bakery',
			'Job title': 'Owner',
			'Company size': '1-10',
			Budget: '$5,000 - $10,000',
			'What are you interested in?': 'Get a quote',
		},
		// B2B: −10 + 20 + 5 + 5 = 20, quote request → SQL; Services: −5 + 10 + 15 + 15 = 35, quote request → SQL
		expected: { b2b: { stage: 'sql', fit: 20 }, services: { stage: 'sql', fit: 35 } },
		translations: {
			fa: { 'نام': 'مریم', 'نام خانوادگی': 'احمدی', 'ایمیل': 'maryam.ahmadi@gmail.com', 'شماره موبایل': '۰۹۱۹ ۸۷۶ ۵۴۳۲', 'نام شرکت': 'شیرینی‌پزی احمدی', 'سمت': 'مالک', 'تعداد کارکنان': '۱ تا ۱۰ نفر', 'بودجه': '۵٬۰۰۰ تا ۱۰٬۰۰۰ دلار', 'به چه چیزی علاقه دارید؟': 'درخواست پیش‌فاکتور' },
			ar: { 'الاسم الأول': 'فاطمة', 'اسم العائلة': 'الزهراني', 'البريد الإلكتروني': 'fatima.zahrani@gmail.com', 'رقم الجوال': '٠٥٠٢٢٢٣٣٣٤', 'اسم الشركة': 'مخبز الزهراني', 'المسمى الوظيفي': 'صاحبة الشركة', 'عدد الموظفين': '١-١٠', 'الميزانية': '٥٠٠٠ - ١٠٠٠٠ دولار', 'ما الذي تهتم به؟': 'طلب عرض سعر' },
			pl: { 'Imię': 'Katarzyna', 'Nazwisko': 'Wójcik', 'Adres e-mail': 'katarzyna.wojcik@gmail.com', 'Telefon': '502 111 222', 'Nazwa firmy': 'Piekarnia Wójcik', 'Stanowisko': 'Właścicielka', 'Liczba pracowników': '1–10', 'Budżet': '5 000–10 000 zł', 'Czym jesteś zainteresowany?': 'Prośba o wycenę' },
			tr: { 'Ad': 'Zeynep', 'Soyad': 'Çelik', 'E-posta': 'zeynep.celik@gmail.com', 'Telefon': '0542 111 22 33', 'Şirket Adı': 'Çelik Fırın', 'Unvan': 'Şirket sahibi', 'Çalışan Sayısı': '1-10', 'Bütçe': '5.000 - 10.000 TL', 'Neyle ilgileniyorsunuz?': 'Fiyat teklifi almak istiyorum' },
			th: { 'ชื่อ': 'มาลี', 'นามสกุล': 'ทองดี', 'อีเมล': 'malee.thongdee@gmail.com', 'เบอร์โทรศัพท์': '086 111 2222', 'ชื่อบริษัท': 'ร้านเบเกอรี่มาลี', 'ตำแหน่ง': 'เจ้าของกิจการ', 'จำนวนพนักงาน': '1-10 คน', 'งบประมาณ': '5,000 - 10,000 บาท', 'คุณสนใจเรื่องใด': 'ขอใบเสนอราคา' },
			de: { Vorname: 'Lena', Nachname: 'Müller', 'E-Mail': 'lena.mueller@gmail.com', Telefon: '0171 2345678', Firma: 'Bäckerei Müller', Position: 'Inhaberin', 'Anzahl der Mitarbeiter': '1–10', Budget: '5.000–10.000 €', 'Wofür interessieren Sie sich?': 'Angebot anfordern' },
			fr: { Prénom: 'Chloé', Nom: 'Petit', 'Adresse e-mail': 'chloe.petit@gmail.com', Téléphone: '06 98 76 54 32', Entreprise: 'Boulangerie Petit', Poste: 'Propriétaire', "Nombre d'employés": '1 à 10', Budget: '5 000 € à 10 000 €', "Qu'est-ce qui vous intéresse ?": 'Demander un devis' },
			es: { Nombre: 'Carmen', Apellidos: 'López', 'Correo electrónico': 'carmen.lopez@gmail.com', Teléfono: '655 443 322', Empresa: 'Panadería López', Cargo: 'Propietaria', 'Número de empleados': 'De 1 a 10', Presupuesto: '5.000 - 10.000 €', '¿Qué te interesa?': 'Pedir presupuesto' },
			pt: { Nome: 'Beatriz', Sobrenome: 'Costa', 'E-mail': 'beatriz.costa@gmail.com', Telefone: '(31) 98765-4321', Empresa: 'Padaria Costa', Cargo: 'Proprietária', 'Número de funcionários': '1 a 10', Orçamento: 'R$ 5.000 a R$ 10.000', 'Qual é o seu interesse?': 'Solicitar orçamento' },
			it: { Nome: 'Francesca', Cognome: 'Romano', Email: 'francesca.romano@gmail.com', Telefono: '333 987 6543', Azienda: 'Panificio Romano', Ruolo: 'Titolare', 'Numero di dipendenti': '1-10', Budget: '5.000-10.000 €', 'Cosa ti interessa?': 'Richiesta di preventivo' },
			nl: { Voornaam: 'Emma', Achternaam: 'Jansen', 'E-mailadres': 'emma.jansen@gmail.com', Telefoonnummer: '06 87654321', Bedrijfsnaam: 'Bakkerij Jansen', Functie: 'Eigenaar', 'Aantal medewerkers': '1-10', Budget: '€ 5.000 - € 10.000', 'Waar bent u in geïnteresseerd?': 'Offerte aanvragen' },
		},
	},
	{
		name: 'a COO of a company of over 1,000 asking for the price list in a message',
		english: {
			'First name': 'Olivia',
			'Last name': 'Brooks',
			'Work email': 'olivia.brooks@crestline-bank.com',
			Phone: '+1 617 555 0123',
			Company: 'Crestline Bank',
			Website: 'www.crestline-bank.com',
			'Job title': 'Chief Operating Officer',
			'Number of employees': 'More than 1,000',
			Message: 'Could you send your price list for 500 users?',
		},
		// B2B: 10 + 20 + 5 + 5 + 10 + 5 = 55, pricing request → SQL; Services: 10 + 10 + 10 + 15 = 45, pricing request → SQL
		expected: { b2b: { stage: 'sql', fit: 55 }, services: { stage: 'sql', fit: 45 } },
		translations: {
			fa: { 'نام': 'نگار', 'نام خانوادگی': 'رحیمی', 'ایمیل کاری': 'negar.rahimi@sepehr-bank.ir', 'شماره موبایل': '۰۹۱۲ ۵۵۵ ۶۶۷۷', 'نام شرکت': 'بانک سپهر', 'وب‌سایت': 'www.sepehr-bank.ir', 'سمت': 'مدیر ارشد عملیات', 'تعداد کارکنان': 'بیش از ۱۰۰۰ نفر', 'پیام': 'لطفاً لیست قیمت برای ۵۰۰ کاربر را بفرستید' },
			ar: { 'الاسم الأول': 'نورة', 'اسم العائلة': 'القحطاني', 'البريد الإلكتروني': 'noura.alqahtani@wadi-bank.sa', 'رقم الجوال': '٠٥٥٧٧٧٨٨٨٩', 'اسم الشركة': 'بنك الوادي', 'الموقع الإلكتروني': 'www.wadi-bank.sa', 'المسمى الوظيفي': 'الرئيس التنفيذي للعمليات', 'عدد الموظفين': 'أكثر من ١٠٠٠', 'رسالتك': 'أود معرفة الأسعار لـ ٥٠٠ مستخدم' },
			pl: { 'Imię': 'Magdalena', 'Nazwisko': 'Kamińska', 'Adres e-mail': 'm.kaminska@bank-wisla.pl', 'Telefon': '22 555 66 77', 'Nazwa firmy': 'Bank Wisła S.A.', 'Strona internetowa': 'www.bank-wisla.pl', 'Stanowisko': 'Dyrektor operacyjny', 'Liczba pracowników': 'powyżej 1000', 'Wiadomość': 'Proszę o cennik dla 500 użytkowników' },
			tr: { 'Ad': 'Ayşe', 'Soyad': 'Yıldız', 'E-posta': 'ayse.yildiz@anadolu-bank.com.tr', 'Telefon': '0212 555 66 77', 'Şirket Adı': 'Anadolu Bankası', 'Web sitesi': 'www.anadolu-bank.com.tr', 'Unvan': 'Operasyon Direktörü', 'Çalışan Sayısı': "1000'den fazla", 'Mesajınız': '500 kullanıcı için fiyat listesi gönderebilir misiniz?' },
			th: { 'ชื่อ': 'วราภรณ์', 'นามสกุล': 'สุขใจ', 'อีเมล': 'waraporn@siam-bank.co.th', 'เบอร์โทรศัพท์': '02 555 6677', 'ชื่อบริษัท': 'ธนาคารสยาม', 'เว็บไซต์': 'www.siam-bank.co.th', 'ตำแหน่ง': 'ผู้อำนวยการฝ่ายปฏิบัติการ', 'จำนวนพนักงาน': 'มากกว่า 1,000 คน', 'ข้อความ': 'ขอตารางราคาสำหรับผู้ใช้ 500 คน' },
			de: { Vorname: 'Julia', Nachname: 'Wagner', 'E-Mail': 'julia.wagner@hanse-bank.de', Telefon: '040 5556677', Firma: 'Hanse Bank AG', Webseite: 'www.hanse-bank.de', Position: 'Leiterin Operations', 'Anzahl der Mitarbeiter': 'mehr als 1.000', Nachricht: 'Bitte senden Sie mir Ihre Preisliste für 500 Nutzer.' },
			fr: { Prénom: 'Manon', Nom: 'Lefèvre', 'Adresse e-mail': 'manon.lefevre@banque-loire.fr', Téléphone: '01 55 66 77 88', Entreprise: 'Banque de Loire', 'Site web': 'www.banque-loire.fr', Poste: 'Directrice des opérations', "Nombre d'employés": 'plus de 1 000', Message: "Pourriez-vous m'envoyer votre grille tarifaire pour 500 utilisateurs ?" },
			es: { Nombre: 'Elena', Apellidos: 'Sánchez', 'Correo electrónico': 'elena.sanchez@banco-tajo.es', Teléfono: '915 556 677', Empresa: 'Banco Tajo', 'Sitio web': 'www.banco-tajo.es', Cargo: 'Directora de Operaciones', 'Número de empleados': 'Más de 1.000', Mensaje: '¿Podrían enviarme la lista de precios para 500 usuarios?' },
			pt: { Nome: 'Mariana', Sobrenome: 'Oliveira', 'E-mail': 'mariana.oliveira@banco-serra.com.br', Telefone: '(11) 5555-6677', Empresa: 'Banco Serra', Site: 'www.banco-serra.com.br', Cargo: 'Diretora de Operações', 'Número de funcionários': 'Mais de 1.000', Mensagem: 'Podem enviar a tabela de preços para 500 usuários?' },
			it: { Nome: 'Chiara', Cognome: 'Esposito', Email: 'chiara.esposito@banca-tevere.it', Telefono: '06 5556 6778', Azienda: 'Banca Tevere', 'Sito web': 'www.banca-tevere.it', Ruolo: 'Direttrice operativa', 'Numero di dipendenti': 'Oltre 1.000', Messaggio: 'Potete inviarmi il listino prezzi per 500 utenti?' },
			nl: { Voornaam: 'Lotte', Achternaam: 'Smit', 'E-mailadres': 'lotte.smit@zuiderbank.nl', Telefoonnummer: '020 555 6677', Bedrijfsnaam: 'Zuiderbank N.V.', Website: 'www.zuiderbank.nl', Functie: 'Operationeel directeur', 'Aantal medewerkers': 'Meer dan 1.000', Bericht: 'Kunt u mij de prijslijst voor 500 gebruikers sturen?' },
		},
	},
	{
		name: 'a newsletter sign-up with a work email',
		english: { form_name: 'Newsletter sign-up', 'First name': 'Ben', Email: 'ben.harris@quantfield.com', 'Subscribe to our newsletter': 'Yes' },
		// B2B: 10 → lead; Services: 10 → lead; a newsletter form is never a hand-raiser
		expected: { b2b: { stage: 'lead', fit: 10 }, services: { stage: 'lead', fit: 10 } },
		translations: {
			fa: { form_name: 'عضویت در خبرنامه', 'نام': 'حسین', 'ایمیل': 'hossein@raya-invest.ir', 'عضویت در خبرنامه': 'بله' },
			ar: { form_name: 'الاشتراك في النشرة الإخبارية', 'الاسم الأول': 'خالد', 'البريد الإلكتروني': 'khalid@najm-capital.ae', 'أرغب في الاشتراك في النشرة الإخبارية': 'نعم' },
			pl: { form_name: 'Zapisz się do newslettera', 'Imię': 'Piotr', 'Adres e-mail': 'piotr@odra-capital.pl', 'Chcę otrzymywać newsletter': 'Tak' },
			tr: { form_name: 'E-bülten aboneliği', 'Ad': 'Emre', 'E-posta': 'emre@marmara-yatirim.com.tr', 'E-bültene abone olmak istiyorum': 'Evet' },
			th: { form_name: 'สมัครรับจดหมายข่าว', 'ชื่อ': 'สมศักดิ์', 'อีเมล': 'somsak@mekong-capital.co.th', 'ต้องการรับจดหมายข่าว': 'ใช่' },
			de: { form_name: 'Newsletter-Anmeldung', Vorname: 'Felix', 'E-Mail': 'felix@elbe-capital.de', 'Newsletter abonnieren': 'Ja' },
			fr: { form_name: 'Inscription à la newsletter', Prénom: 'Louis', 'Adresse e-mail': 'louis@seine-capital.fr', "S'abonner à la newsletter": 'Oui' },
			es: { form_name: 'Suscripción al boletín', Nombre: 'Diego', 'Correo electrónico': 'diego@ebro-capital.es', 'Suscribirse al boletín': 'Sí' },
			pt: { form_name: 'Assinar a newsletter', Nome: 'Rafael', 'E-mail': 'rafael@tejo-capital.com.br', 'Quero receber a newsletter': 'Sim' },
			it: { form_name: 'Iscrizione alla newsletter', Nome: 'Luca', Email: 'luca@arno-capital.it', 'Iscriviti alla newsletter': 'Sì' },
			nl: { form_name: 'Aanmelden voor de nieuwsbrief', Voornaam: 'Thijs', 'E-mailadres': 'thijs@maas-capital.nl', 'Aanmelden voor de nieuwsbrief': 'Ja' },
		},
	},
];

function outcomes(form: Form): { b2b: Outcome; services: Outcome } {
	const lead = leadFromItem({ ...form });
	// scored as Lead Score scores a form the Lead Intake Trigger has just received (meta.receivedAt)
	const received = { now: NOW, receivedAt: NOW.toISOString() };
	const b2bScore = scoreLead(b2b, lead, received);
	const servicesScore = scoreLead(services, lead, received);
	return { b2b: { stage: b2bScore.stage, fit: b2bScore.fit }, services: { stage: servicesScore.stage, fit: servicesScore.fit } };
}

describe('the English leads score as computed by hand', () => {
	test.each(CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
		expect(outcomes(c.english)).toEqual(c.expected);
	});
});

describe('each translation scores like its English original', () => {
	const rows = CASES.flatMap((c) => LANGUAGES.map((language) => [c.name, language, c] as const));
	test.each(rows)('%s — %s', (_, language, c) => {
		expect(outcomes(c.translations[language])).toEqual(c.expected);
	});
});
