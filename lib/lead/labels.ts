/**
 * THE table of form labels: how people name each field of a lead in the languages our users'
 * leads write in, and how a label is read. Every normalizer and Lead Score read labels through
 * `labelMeaning` (via lib/lead/fields.ts), so a label understood in one place is understood everywhere.
 * Pure, no n8n imports. docs/field-recognition.md is generated from this file.
 *
 * How a label is read, first rule that answers wins:
 * 1. **Exact label.** The whole label, folded (`foldKey`: case, Turkish i, diacritics, Arabic and Persian
 *    letter variants, zero-width and direction marks, spaces and punctuation), is one of `EXACT_LABELS`.
 * 2. **Exact after filler words.** The same, once words such as "your", "please enter", "what is",
 *    "شما", "لطفا", "กรุณากรอก" are taken out (`FILLER_WORDS`): "What is your name?" reads as "name".
 * 3. **Keywords, in `KEYWORD_RULES` order.** The first rule with a keyword in the label decides. The
 *    order is the priority: consent sentences before everything (they mention email and newsletters),
 *    labels that are deliberately NOT the lead's field ("Confirm email", "Username", "Company ID",
 *    "Industry"), then the specific before the generic: company size and budget before company, email,
 *    phone and website before company ("Company email" is the email), job title, message, country and
 *    city before company, company before names ("Company name" is the company), both-names phrases
 *    ("First and last name") before last name before first name.
 * A bare "name" is only ever read in steps 1 and 2: "Project name" or "Event name" are not the lead's name.
 *
 * Keyword syntax: words compare folded, with or without the spaces between them ("e-mail" meets
 * "E-Mail", "email" and "e mail"; "نام خانوادگی" meets it with or without a zero-width non-joiner).
 * A keyword must start at the start of a word of the label and end at the end of one; a trailing `*`
 * lets its last word go on ("telefon*" meets "Telefonu", "Telefonnummer"). Thai writes no spaces
 * between words, so Thai keywords are found anywhere in the label.
 */
import { memoizeText } from '../memo';
import { foldKey, foldWords } from '../text/fold';

export const LABEL_LANGUAGES = {
	en: 'English',
	de: 'German',
	fr: 'French',
	es: 'Spanish',
	pt: 'Portuguese',
	it: 'Italian',
	nl: 'Dutch',
	pl: 'Polish',
	tr: 'Turkish',
	fa: 'Persian',
	ar: 'Arabic',
	th: 'Thai',
} as const;
export type LabelLanguage = keyof typeof LABEL_LANGUAGES;

/** The lead fields a label can name. `companySize` and `budget` are not lead fields: Lead Score finds those answers by label. */
export type LabelField =
	| 'email'
	| 'firstName'
	| 'lastName'
	| 'fullName'
	| 'phone'
	| 'company'
	| 'jobTitle'
	| 'website'
	| 'country'
	| 'city'
	| 'companySize'
	| 'budget'
	| 'message'
	| 'consent';

/** What a label names: a field, NOT_A_FIELD for labels that name something else on purpose, or null when unknown. */
export const NOT_A_FIELD = 'none';
export type LabelMeaning = LabelField | typeof NOT_A_FIELD;

type PerLanguage = Readonly<Partial<Record<LabelLanguage, readonly string[]>>>;

/** Whole labels as real forms write them. A bare word for "name" that forms use both for the given name (beside a surname field) and the whole name is `fullName`: finalizeLead() splits or pairs it. */
export const EXACT_LABELS: Readonly<Record<LabelField, PerLanguage>> = {
	email: {
		en: ['Email', 'E-mail', 'Email address', 'E-mail address', 'Your email', 'Work email', 'Business email', 'Company email', 'Mail', 'Email ID', 'Contact email', 'Your work email'],
		de: ['E-Mail', 'E-Mail-Adresse', 'Emailadresse', 'Ihre E-Mail-Adresse'],
		fr: ['Courriel', 'Adresse e-mail', 'Adresse email', 'Adresse électronique', 'Mél'],
		es: ['Correo', 'Correo electrónico', 'Email corporativo'],
		pt: ['E-mail corporativo', 'Endereço de e-mail', 'Correio eletrônico'],
		it: ['Indirizzo email', 'Posta elettronica'],
		nl: ['E-mailadres', 'Mailadres'],
		pl: ['Adres e-mail', 'Adres email', 'E-mail służbowy', 'Poczta e-mail'],
		tr: ['E-posta', 'E-posta adresi', 'Eposta', 'E-posta adresiniz', 'Kurumsal e-posta'],
		fa: ['ایمیل', 'ایمیل کاری', 'آدرس ایمیل', 'پست الکترونیک', 'رایانامه'],
		ar: ['البريد الإلكتروني', 'البريد الالكتروني', 'البريد', 'الإيميل', 'بريدك الإلكتروني'],
		th: ['อีเมล', 'อีเมล์', 'ที่อยู่อีเมล'],
	},
	firstName: {
		en: ['First name', 'Firstname', 'Fname', 'Given name', 'First', 'Forename', 'Your first name'],
		de: ['Vorname'],
		fr: ['Prénom'],
		es: ['Nombre de pila', 'Primer nombre'],
		pt: ['Primeiro nome'],
		nl: ['Voornaam'],
		pl: ['Imię'],
		fa: ['نام کوچک'],
		ar: ['الاسم الأول'],
		th: ['ชื่อจริง'],
	},
	lastName: {
		en: ['Last name', 'Lastname', 'Lname', 'Surname', 'Family name', 'Last', 'Your last name'],
		de: ['Nachname', 'Familienname', 'Zuname'],
		fr: ['Nom de famille'],
		es: ['Apellido', 'Apellidos'],
		pt: ['Sobrenome', 'Apelido'],
		it: ['Cognome'],
		nl: ['Achternaam'],
		pl: ['Nazwisko'],
		tr: ['Soyad', 'Soyadı', 'Soyadınız', 'Soyisim'],
		fa: ['نام خانوادگی', 'فامیلی', 'نام فامیل'],
		ar: ['اسم العائلة', 'الاسم الأخير', 'الكنية'],
		th: ['นามสกุล'],
	},
	fullName: {
		en: ['Name', 'Full name', 'Your name', 'Contact name', 'Your full name', 'Name surname', 'First and last name', 'Contact person'],
		de: ['Ihr Name', 'Vor- und Nachname', 'Ansprechpartner'],
		fr: ['Nom', 'Nom complet', 'Nom et prénom', 'Prénom et nom'],
		es: ['Nombre', 'Nombres', 'Nombre completo', 'Nombre y apellido', 'Nombre y apellidos'],
		pt: ['Nome', 'Nome completo', 'Seu nome'],
		it: ['Nome e cognome', 'Nominativo'],
		nl: ['Naam', 'Volledige naam', 'Uw naam'],
		pl: ['Imię i nazwisko'],
		tr: ['Ad', 'Adı', 'Adınız', 'İsim', 'İsminiz', 'Ad Soyad', 'Adı Soyadı', 'Adınız Soyadınız', 'İsim Soyisim'],
		fa: ['نام', 'اسم', 'نام و نام خانوادگی', 'نام کامل'],
		ar: ['الاسم', 'اسم', 'اسمك', 'الاسم الكامل', 'الاسم بالكامل'],
		th: ['ชื่อ', 'ชื่อ-นามสกุล', 'ชื่อ นามสกุล', 'ชื่อผู้ติดต่อ'],
	},
	phone: {
		en: ['Phone', 'Phone number', 'Telephone', 'Tel', 'Mobile', 'Mobile phone', 'Cell phone', 'Cellphone', 'Mobile number', 'Your phone', 'WhatsApp', 'Contact number'],
		de: ['Telefon', 'Telefonnummer', 'Handy', 'Handynummer', 'Mobilnummer', 'Rufnummer'],
		fr: ['Téléphone', 'Numéro de téléphone', 'Portable', 'Tél'],
		es: ['Teléfono', 'Celular', 'Móvil', 'Número de teléfono'],
		pt: ['Telefone', 'Telemóvel'],
		it: ['Telefono', 'Cellulare', 'Numero di telefono'],
		nl: ['Telefoon', 'Telefoonnummer', 'Mobiel', 'Mobiel nummer', 'GSM'],
		pl: ['Numer telefonu', 'Nr telefonu', 'Telefon komórkowy'],
		tr: ['Cep Telefonu', 'Cep', 'Telefon numarası', 'Cep telefonu numarası'],
		fa: ['شماره تماس', 'شماره موبایل', 'موبایل', 'تلفن', 'تلفن همراه', 'شماره همراه'],
		ar: ['رقم الهاتف', 'الهاتف', 'رقم الجوال', 'الجوال', 'الموبايل', 'رقم التواصل'],
		th: ['เบอร์โทรศัพท์', 'เบอร์โทร', 'โทรศัพท์', 'เบอร์มือถือ', 'โทร'],
	},
	company: {
		en: ['Company', 'Company name', 'Organization', 'Organisation', 'Org', 'Business', 'Business name', 'Employer', 'Your company', 'Account', 'Account name', 'Firm'],
		de: ['Firma', 'Firmenname', 'Unternehmen'],
		fr: ['Entreprise', 'Société', "Nom de l'entreprise", 'Raison sociale'],
		es: ['Empresa', 'Nombre de la empresa', 'Compañía'],
		pt: ['Nome da empresa'],
		it: ['Azienda', 'Società', 'Ragione sociale'],
		nl: ['Bedrijf', 'Bedrijfsnaam', 'Organisatie'],
		pl: ['Nazwa firmy', 'Firmy'],
		tr: ['Şirket', 'Şirket adı', 'Firma adı', 'Kurum', 'Kurum adı'],
		fa: ['نام شرکت', 'شرکت', 'سازمان', 'نام سازمان'],
		ar: ['الشركة', 'اسم الشركة', 'المؤسسة', 'جهة العمل'],
		th: ['บริษัท', 'ชื่อบริษัท', 'องค์กร', 'หน่วยงาน'],
	},
	jobTitle: {
		en: ['Job title', 'Title', 'Position', 'Role', 'Job', 'Your role', 'Your job title', 'Designation', 'Job role', 'Job function', 'Occupation'],
		de: ['Funktion', 'Berufsbezeichnung', 'Jobtitel', 'Rolle'],
		fr: ['Poste', 'Fonction', 'Intitulé de poste'],
		es: ['Cargo', 'Puesto'],
		pt: ['Função'],
		it: ['Ruolo', 'Posizione', 'Qualifica'],
		nl: ['Functie', 'Functietitel'],
		pl: ['Stanowisko'],
		tr: ['Unvan', 'Ünvan', 'Pozisyon', 'Görev'],
		fa: ['سمت', 'عنوان شغلی', 'شغل'],
		ar: ['المسمى الوظيفي', 'الوظيفة', 'المنصب'],
		th: ['ตำแหน่ง', 'ตำแหน่งงาน'],
	},
	website: {
		en: ['Website', 'Company website', 'URL', 'Web', 'Site', 'Website URL', 'Company URL', 'Your website', 'Domain', 'Company domain', 'Homepage'],
		de: ['Webseite', 'Internetseite'],
		fr: ['Site web', 'Site internet'],
		es: ['Sitio web', 'Página web'],
		it: ['Sito web'],
		pl: ['Strona www', 'Strona internetowa'],
		tr: ['Web sitesi', 'Web siteniz'],
		fa: ['وب سایت', 'وبسایت', 'سایت'],
		ar: ['الموقع الإلكتروني', 'موقع الويب'],
		th: ['เว็บไซต์'],
	},
	country: {
		en: ['Country', 'Country name', 'Country code', 'Country/Region', 'Your country'],
		de: ['Land'],
		fr: ['Pays'],
		es: ['País'],
		it: ['Paese', 'Nazione'],
		pl: ['Kraj'],
		tr: ['Ülke'],
		fa: ['کشور'],
		ar: ['الدولة', 'البلد'],
		th: ['ประเทศ'],
	},
	city: {
		en: ['City', 'Town'],
		de: ['Stadt', 'Ort', 'Wohnort'],
		fr: ['Ville'],
		es: ['Ciudad'],
		pt: ['Cidade'],
		it: ['Città'],
		nl: ['Plaats', 'Woonplaats'],
		pl: ['Miasto', 'Miejscowość'],
		tr: ['Şehir', 'İl'],
		fa: ['شهر'],
		ar: ['المدينة'],
		th: ['จังหวัด', 'เมือง'],
	},
	companySize: {
		en: ['Company size', 'Employees', 'Number of employees', 'Team size', 'Headcount'],
		de: ['Mitarbeiterzahl', 'Unternehmensgröße'],
		fr: ['Taille de l’entreprise', 'Effectif'],
		es: ['Tamaño de la empresa'],
		pt: ['Tamanho da empresa'],
		it: ['Dimensione aziendale'],
		nl: ['Bedrijfsgrootte'],
		pl: ['Liczba pracowników', 'Wielkość firmy'],
		tr: ['Çalışan sayısı', 'Şirket büyüklüğü'],
		fa: ['تعداد کارکنان', 'تعداد پرسنل'],
		ar: ['عدد الموظفين', 'حجم الشركة'],
		th: ['จำนวนพนักงาน', 'ขนาดบริษัท'],
	},
	budget: {
		en: ['Budget'],
		es: ['Presupuesto'],
		pt: ['Orçamento'],
		pl: ['Budżet'],
		tr: ['Bütçe'],
		fa: ['بودجه'],
		ar: ['الميزانية'],
		th: ['งบประมาณ'],
	},
	message: {
		en: ['Message', 'Your message', 'Comments', 'Comment', 'Notes', 'How can we help?'],
		de: ['Nachricht', 'Ihre Nachricht', 'Anmerkungen'],
		fr: ['Votre message', 'Commentaire'],
		es: ['Mensaje', 'Comentarios'],
		pt: ['Mensagem'],
		it: ['Messaggio', 'Note'],
		nl: ['Bericht', 'Opmerkingen'],
		pl: ['Wiadomość', 'Treść wiadomości', 'Uwagi'],
		tr: ['Mesaj', 'Mesajınız', 'Açıklama'],
		fa: ['پیام', 'توضیحات', 'متن پیام'],
		ar: ['الرسالة', 'رسالتك', 'ملاحظات'],
		th: ['ข้อความ', 'รายละเอียด'],
	},
	consent: {
		en: ['Consent', 'Marketing consent', 'GDPR', 'GDPR consent', 'Opt-in', 'Marketing opt-in', 'Newsletter opt-in', 'Accept marketing', 'Email opt-in', 'Subscribe', 'Newsletter'],
		de: ['Einwilligung'],
		pl: ['Zgoda marketingowa', 'Zgoda RODO'],
		tr: ['KVKK Onayı', 'Onay'],
		fa: ['عضویت در خبرنامه'],
		ar: ['الموافقة'],
		th: ['ยินยอม'],
	},
};

export interface KeywordRule {
	field: LabelMeaning;
	/** why the rule sits where it does in the order */
	why: string;
	keywords: PerLanguage;
}

/** Keyword rules, most specific first: the first rule with a keyword in the label decides. */
export const KEYWORD_RULES: readonly KeywordRule[] = [
	{
		field: 'consent',
		why: 'a marketing-consent sentence mentions email, phone and newsletters, so it is read before any of them',
		keywords: {
			en: ['newsletter*', 'marketing consent', 'marketing email*', 'marketing communication*', 'marketing message*', 'receive marketing', 'receive email*', 'product news', 'opt in', 'optin', 'subscribe*', 'mailing list', 'keep me informed', 'keep me updated', 'receive updates', 'receive news', 'receive offers', 'promotional', 'special offers'],
			de: ['werbung', 'werbe*', 'informiert werden'],
			fr: ['offres commerciales', 'communications commerciales', 'lettre d information'],
			es: ['boletín', 'comunicaciones comerciales'],
			pt: ['comunicações de marketing', 'ofertas'],
			it: ['comunicazioni commerciali', 'comunicazioni promozionali'],
			nl: ['nieuwsbrief*'],
			pl: ['informacji handlowych', 'informacje handlowe', 'handlow*', 'marketingow*'],
			tr: ['bülten*', 'ticari ileti*', 'ticari elektronik ileti*'],
			fa: ['خبرنامه', 'تبلیغات*', 'تبلیغاتی'],
			ar: ['النشرة*', 'تسويقي*', 'العروض'],
			th: ['ข่าวสาร', 'การตลาด'],
		},
	},
	{
		field: NOT_A_FIELD,
		why: 'agreeing to terms or a privacy policy is not marketing consent: an unclear answer must never become consent',
		keywords: {
			en: ['terms', 'privacy', 'conditions'],
			de: ['agb', 'datenschutz*', 'nutzungsbedingungen'],
			fr: ['cgu', 'cgv', 'confidentialité'],
			es: ['términos', 'condiciones', 'privacidad'],
			pt: ['termos', 'privacidade'],
			it: ['termini', 'informativa'],
			nl: ['voorwaarden', 'privacybeleid', 'privacyverklaring'],
			pl: ['regulamin*', 'prywatności'],
			tr: ['koşul*', 'şartlar*', 'sözleşme*', 'gizlilik', 'aydınlatma metni*'],
			fa: ['قوانین', 'شرایط', 'حریم خصوصی'],
			ar: ['الشروط', 'الأحكام', 'الخصوصية'],
			th: ['เงื่อนไข', 'นโยบายความเป็นส่วนตัว'],
		},
	},
	{
		field: 'consent',
		why: 'consent named as such ("Zgoda RODO", "KVKK onayı", "GDPR consent"); "I agree" or "I accept" alone is not enough: it is as often about terms or sharing answers',
		keywords: {
			en: ['consent*', 'gdpr', 'pdpa', 'pdpl', 'kvkk', 'rodo'],
			de: ['einwilligung*'],
			fr: ['consentement'],
			es: ['consentimiento'],
			pt: ['consentimento'],
			it: ['consenso', 'acconsento'],
			nl: ['toestemming'],
			pl: ['zgod*'],
			tr: ['onay*', 'izin', 'izni'],
			fa: ['رضایت*'],
			ar: ['الموافقة'],
			th: ['ยินยอม'],
		},
	},
	{
		field: NOT_A_FIELD,
		why: "a second copy to confirm, someone else's details, a login, an identifier or the industry are not the lead's field",
		keywords: {
			en: ['confirm*', 'repeat', 're enter', 'retype', 'verify', 'verification', 'again', 'username', 'user name', 'login', 'password', 'id', 'industry', 'sector', 'vat', 'tax', 'referr*', 'referral', 'friend*', 'colleague*', 'nickname'],
			de: ['bestätig*', 'wiederhol*', 'benutzername', 'branche'],
			fr: ['confirmation', 'répéter', 'nom d utilisateur', 'secteur', 'siret', 'siren', 'tva'],
			es: ['confirmar*', 'confirmación', 'repetir', 'nombre de usuario', 'nif', 'cif', 'rfc'],
			pt: ['confirmação', 'nome de usuário', 'nome de utilizador', 'setor', 'cnpj', 'cpf'],
			it: ['conferma*', 'ripeti*', 'nome utente', 'settore', 'partita iva', 'codice fiscale'],
			nl: ['bevestig*', 'herhaal*', 'gebruikersnaam', 'kvk', 'btw'],
			pl: ['powtórz*', 'potwierdź*', 'nazwa użytkownika', 'nip', 'regon', 'krs', 'branża'],
			tr: ['tekrar*', 'doğrula*', 'kullanıcı adı', 'sektör*', 'vergi*', 'tc kimlik'],
			fa: ['تکرار', 'تایید', 'تأیید', 'نام کاربری', 'کد', 'شناسه', 'صنعت', 'حوزه فعالیت'],
			ar: ['تأكيد', 'أعد', 'إعادة', 'اسم المستخدم', 'القطاع', 'المجال', 'الرقم الضريبي', 'السجل التجاري'],
			th: ['ยืนยัน', 'อีกครั้ง', 'ชื่อผู้ใช้', 'ชื่อเล่น', 'อุตสาหกรรม'],
		},
	},
	{
		field: 'companySize',
		why: '"Company size" and "Wielkość firmy" name a company word too, so size is read before company',
		keywords: {
			en: ['company size', 'size of company', 'size of your company', 'organization size', 'organisation size', 'business size', 'employees', 'number of employees', 'employee count', 'team size', 'headcount', 'staff size', 'how many employees'],
			de: ['mitarbeiter*', 'unternehmensgröße*', 'firmengröße*', 'beschäftigte*'],
			fr: ['taille de l entreprise', 'taille de votre entreprise', 'effectif*', 'employés', 'salariés'],
			es: ['tamaño de la empresa', 'tamaño de su empresa', 'empleados'],
			pt: ['tamanho da empresa', 'funcionários', 'colaboradores'],
			it: ['dimensione aziendale', 'dimensioni aziendali', 'dimensione dell azienda', 'dipendenti'],
			nl: ['bedrijfsgrootte', 'medewerkers', 'werknemers'],
			pl: ['liczba pracowników', 'pracowników', 'wielkość firmy', 'wielkość przedsiębiorstwa', 'zatrudnien*'],
			tr: ['çalışan*', 'personel sayısı', 'şirket büyüklüğü', 'firma büyüklüğü'],
			fa: ['تعداد کارکنان', 'کارکنان', 'پرسنل', 'تعداد کارمندان', 'کارمندان', 'اندازه شرکت', 'اندازه سازمان'],
			ar: ['عدد الموظفين', 'الموظفين', 'عدد العاملين', 'حجم الشركة', 'حجم المؤسسة'],
			th: ['จำนวนพนักงาน', 'พนักงาน', 'ขนาดบริษัท', 'ขนาดองค์กร'],
		},
	},
	{
		field: 'budget',
		why: '"Marketing budget" and "Project budget" are the budget, whatever else they name',
		keywords: {
			en: ['budget*'],
			es: ['presupuesto*'],
			pt: ['orçamento*'],
			pl: ['budżet*'],
			tr: ['bütçe*'],
			fa: ['بودجه*'],
			ar: ['الميزانية', 'ميزانية*'],
			th: ['งบประมาณ'],
		},
	},
	{
		field: 'email',
		why: '"Company email", "Business email" and "ایمیل سازمانی" are the email, not the company',
		keywords: {
			en: ['email*', 'e mail*', 'mail'],
			fr: ['courriel', 'adresse électronique', 'mél'],
			es: ['correo*'],
			pt: ['correio eletrônico', 'correio electrónico'],
			it: ['posta elettronica'],
			nl: ['mailadres'],
			tr: ['e posta*', 'eposta*', 'elektronik posta'],
			fa: ['ایمیل*', 'پست الکترونیک*', 'رایانامه'],
			ar: ['البريد', 'بريد*', 'الإيميل', 'ايميل*'],
			th: ['อีเมล'],
		},
	},
	{
		field: 'phone',
		why: '"Company phone" and "Numer telefonu" are the phone; read before company and names',
		keywords: {
			en: ['phone*', 'telephone*', 'mobile number', 'mobile phone', 'cell', 'cellphone', 'cell phone', 'tel', 'whatsapp*', 'contact number'],
			de: ['telefon*', 'handy*', 'mobilnummer', 'rufnummer'],
			fr: ['téléphone*', 'portable', 'tél'],
			es: ['teléfono*', 'celular', 'móvil'],
			pt: ['telefone*', 'telemóvel'],
			it: ['telefono*', 'cellulare'],
			nl: ['telefoon*', 'mobiel*', 'gsm'],
			pl: ['telefon*', 'komórk*', 'nr tel'],
			tr: ['telefon*', 'cep', 'gsm'],
			fa: ['تلفن*', 'موبایل*', 'شماره تماس', 'شماره همراه', 'همراه'],
			ar: ['هاتف*', 'الهاتف', 'جوال*', 'الجوال', 'محمول', 'المحمول', 'الموبايل', 'واتساب', 'رقم التواصل'],
			th: ['โทรศัพท์', 'เบอร์', 'มือถือ', 'โทร'],
		},
	},
	{
		field: 'website',
		why: '"Company website" is the website',
		keywords: {
			en: ['website*', 'web site', 'homepage', 'www', 'web address'],
			de: ['webseite', 'internetseite', 'internetadresse'],
			fr: ['site web', 'site internet'],
			es: ['sitio web', 'página web'],
			pt: ['sítio web'],
			it: ['sito web', 'sito internet'],
			nl: ['webpagina'],
			pl: ['strona www', 'strona internetowa', 'stronę www', 'adres strony'],
			tr: ['web sitesi*', 'web siteniz', 'internet sitesi*', 'web adresi*'],
			fa: ['وب سایت*', 'سایت'],
			ar: ['الموقع الإلكتروني', 'موقع الويب', 'رابط الموقع'],
			th: ['เว็บไซต์'],
		},
	},
	{
		field: 'jobTitle',
		why: '"Your position in the company" is the job title',
		keywords: {
			en: ['job title', 'job role', 'job function', 'position', 'role', 'designation', 'occupation'],
			de: ['position', 'funktion', 'berufsbezeichnung', 'jobtitel', 'rolle'],
			fr: ['poste', 'fonction', 'intitulé de poste', 'intitulé du poste', 'titre du poste'],
			es: ['cargo', 'puesto'],
			pt: ['cargo', 'função'],
			it: ['ruolo', 'posizione', 'qualifica', 'mansione'],
			nl: ['functie*', 'rol'],
			pl: ['stanowisk*'],
			tr: ['unvan*', 'ünvan*', 'pozisyon*', 'görev*', 'meslek*'],
			fa: ['سمت', 'عنوان شغلی', 'شغل*', 'پست سازمانی'],
			ar: ['المسمى الوظيفي', 'الوظيفة', 'وظيفت*', 'المنصب', 'منصب*'],
			th: ['ตำแหน่ง'],
		},
	},
	{
		field: 'message',
		why: '"Tell us about your company" is a message, not the company',
		keywords: {
			en: ['message*', 'comment*', 'how can we help', 'tell us', 'anything else', 'additional information', 'additional info', 'question*', 'inquiry', 'enquiry', 'notes', 'project details', 'your request'],
			de: ['nachricht*', 'anmerkung*', 'kommentar*', 'bemerkung*', 'anliegen', 'anfrage*'],
			fr: ['commentaire*', 'votre demande', 'précisions', 'remarques'],
			es: ['mensaje*', 'comentario*', 'consulta', 'observaciones'],
			pt: ['mensagem*', 'comentário*', 'observações', 'dúvida*'],
			it: ['messaggio*', 'commento*', 'richiesta'],
			nl: ['bericht*', 'opmerking*', 'vraag', 'toelichting'],
			pl: ['wiadomość*', 'wiadomości', 'treść*', 'komentarz*', 'uwagi', 'pytanie'],
			tr: ['mesaj*', 'açıklama*', 'notlar*', 'notunuz', 'yorum*', 'talep*', 'sorunuz'],
			fa: ['پیام*', 'توضیحات', 'نظر*'],
			ar: ['الرسالة', 'رسالة', 'رسالت*', 'ملاحظات', 'تعليق*', 'استفسار*', 'التفاصيل'],
			th: ['ข้อความ', 'รายละเอียด', 'สอบถาม'],
		},
	},
	{
		field: 'country',
		why: '"Country of your company" is the country',
		keywords: {
			en: ['country'],
			de: ['land'],
			fr: ['pays'],
			es: ['país'],
			it: ['paese', 'nazione'],
			pl: ['kraj*'],
			tr: ['ülke*'],
			fa: ['کشور*'],
			ar: ['الدولة', 'دولة', 'البلد', 'بلد*'],
			th: ['ประเทศ'],
		},
	},
	{
		field: 'city',
		why: '"City where your company is" is the city',
		keywords: {
			en: ['city', 'town'],
			de: ['stadt', 'ort', 'wohnort'],
			fr: ['ville', 'commune'],
			es: ['ciudad', 'localidad'],
			pt: ['cidade', 'município'],
			it: ['città', 'comune'],
			nl: ['plaats', 'woonplaats', 'stad'],
			pl: ['miasto', 'miasta', 'miejscowość'],
			tr: ['şehir', 'şehriniz'],
			fa: ['شهر', 'شهرستان'],
			ar: ['المدينة', 'مدينة', 'مدينت*'],
			th: ['จังหวัด'],
		},
	},
	{
		field: 'company',
		why: '"Company name", "Nazwa firmy", "نام شرکت", "اسم الشركة", "ชื่อบริษัท" are the company, so company is read before names',
		keywords: {
			en: ['company', 'organization', 'organisation', 'employer', 'business name', 'firm'],
			de: ['firma', 'firmen*', 'unternehmen*', 'arbeitgeber'],
			fr: ['entreprise*', 'société', 'raison sociale', 'employeur'],
			es: ['empresa*', 'compañía', 'organización', 'razón social'],
			pt: ['empresa*', 'organização', 'razão social'],
			it: ['azienda*', 'società', 'ragione sociale', 'impresa', 'organizzazione'],
			nl: ['bedrijf*', 'organisatie*', 'onderneming', 'werkgever'],
			pl: ['firm*', 'przedsiębiorstw*', 'organizacj*', 'instytucj*', 'pracodawca'],
			tr: ['şirket*', 'firma*', 'kurum*', 'işletme*'],
			fa: ['شرکت', 'سازمان*'],
			ar: ['الشركة', 'شركة', 'شركت*', 'المؤسسة', 'مؤسسة', 'جهة العمل'],
			th: ['บริษัท', 'องค์กร', 'หน่วยงาน'],
		},
	},
	{
		field: 'fullName',
		why: 'phrases that name both parts ("First and last name", "Imię i nazwisko", "Ad Soyad") come before the last-name words they contain',
		keywords: {
			en: ['full name', 'first and last name', 'first name and last name', 'name and surname', 'name surname'],
			de: ['vor und nachname', 'vollständiger name', 'vor und zuname'],
			fr: ['nom complet', 'nom et prénom', 'prénom et nom'],
			es: ['nombre completo', 'nombre y apellido*', 'nombres y apellido*'],
			pt: ['nome completo', 'nome e sobrenome'],
			it: ['nome e cognome', 'cognome e nome', 'nome completo'],
			nl: ['volledige naam', 'voor en achternaam'],
			pl: ['imię i nazwisko', 'imię nazwisko'],
			tr: ['ad soyad*', 'adı soyadı', 'adınız soyadınız', 'ad ve soyad*', 'adınız ve soyadınız', 'isim soyisim', 'isim soyad*'],
			fa: ['نام و نام خانوادگی', 'نام کامل'],
			ar: ['الاسم الكامل', 'الاسم بالكامل', 'الاسم الثلاثي', 'الاسم الرباعي'],
			th: ['ชื่อนามสกุล', 'ชื่อและนามสกุล'],
		},
	},
	{
		field: 'lastName',
		why: 'last-name words ("Nazwisko", "Soyadınız", "نام خانوادگی") contain the generic name word',
		keywords: {
			en: ['last name', 'surname', 'family name'],
			de: ['nachname', 'familienname', 'zuname'],
			fr: ['nom de famille'],
			es: ['apellido*'],
			pt: ['sobrenome'],
			it: ['cognome'],
			nl: ['achternaam'],
			pl: ['nazwisk*'],
			tr: ['soyad*', 'soyisim*'],
			fa: ['نام خانوادگی', 'فامیلی', 'نام فامیل'],
			ar: ['اسم العائلة', 'الاسم الأخير', 'الكنية'],
			th: ['นามสกุล'],
		},
	},
	{
		field: 'firstName',
		why: 'first-name words, read last of all: a given name is only ever asked on its own',
		keywords: {
			en: ['first name', 'given name', 'forename'],
			de: ['vorname*'],
			fr: ['prénom*'],
			es: ['nombre de pila', 'primer nombre'],
			pt: ['primeiro nome'],
			nl: ['voornaam*'],
			pl: ['imię', 'imienia'],
			fa: ['نام کوچک'],
			ar: ['الاسم الأول'],
			th: ['ชื่อจริง'],
		},
	},
];

/** Words that ask for a field without naming it ("What is your …?", "Please enter …"), left out in step 2. Thai ones are cut out wherever they are. */
export const FILLER_WORDS: PerLanguage = {
	en: ['your', 'what', 'whats', 's', 'is', 'are', 'please', 'enter', 'provide', 'give', 'us', 'the', 'type', 'here', 'required', 'optional', 'my'],
	de: ['ihr', 'ihre', 'ihren', 'dein', 'deine', 'bitte', 'eingeben', 'angeben', 'geben', 'sie', 'wie', 'lautet', 'pflichtfeld'],
	fr: ['votre', 'vos', 'ton', 'ta', 'quel', 'quelle', 'veuillez', 'saisir', 'entrer', 'indiquer', 'merci', 'obligatoire'],
	es: ['su', 'tu', 'cual', 'por', 'favor', 'ingrese', 'introduce', 'introduzca', 'escriba', 'indique', 'obligatorio'],
	pt: ['seu', 'sua', 'qual', 'informe', 'digite', 'obrigatorio'],
	it: ['il', 'tuo', 'tua', 'suo', 'quale', 'inserisci', 'inserire', 'indica', 'per', 'favore', 'obbligatorio'],
	nl: ['uw', 'je', 'jouw', 'wat', 'vul', 'verplicht'],
	pl: ['twoje', 'twój', 'twoja', 'pana', 'pani', 'podaj', 'wpisz', 'proszę', 'jaki', 'jaka', 'jest', 'wymagane'],
	tr: ['lütfen', 'giriniz', 'girin', 'yazınız', 'nedir', 'sizin', 'zorunlu'],
	fa: ['شما', 'لطفا', 'را', 'وارد', 'کنید', 'خود', 'چیست'],
	ar: ['من', 'فضلك', 'فضلكم', 'أدخل', 'ادخل', 'ما', 'هو', 'هي', 'يرجى', 'الرجاء'],
	th: ['กรุณา', 'กรอก', 'ระบุ', 'ของคุณ', 'ของท่าน', 'คุณ', 'ท่าน'],
};

/* ------------------------------------------------------------------------------------------ */

const THAI = /[\u0e00-\u0e7f]/;

interface Keyword {
	/** folded, without spaces */
	key: string;
	/** the last word may go on */
	stem: boolean;
	/** found anywhere (Thai), not only at a word start */
	anywhere: boolean;
	/** position of its rule in KEYWORD_RULES: lower wins */
	rank: number;
}

function entriesOf(table: PerLanguage): string[] {
	return (Object.keys(table) as LabelLanguage[]).flatMap((language) => table[language] ?? []);
}

/** Folded key of every exact label → its field; the first field listed keeps a key (the tests keep keys unique). */
const EXACT: ReadonlyMap<string, LabelField> = (() => {
	const exact = new Map<string, LabelField>();
	for (const field of Object.keys(EXACT_LABELS) as LabelField[]) {
		for (const label of entriesOf(EXACT_LABELS[field])) {
			const key = foldKey(label);
			if (key && !exact.has(key)) exact.set(key, field);
		}
	}
	return exact;
})();

const FILLERS: { words: ReadonlySet<string>; thai: readonly string[] } = (() => {
	const words = new Set<string>();
	const thai: string[] = [];
	for (const filler of entriesOf(FILLER_WORDS)) {
		if (THAI.test(filler)) thai.push(foldKey(filler));
		else for (const word of foldWords(filler).split(' ')) if (word) words.add(word);
	}
	// longest first, so that "ของคุณ" goes before "คุณ" takes part of it
	thai.sort((a, b) => b.length - a.length);
	return { words, thai };
})();

/** Keywords by the first character of their key, so a label is only compared with keywords that can start at each of its words. */
const KEYWORDS: { byFirst: ReadonlyMap<string, Keyword[]>; anywhere: readonly Keyword[] } = (() => {
	const byFirst = new Map<string, Keyword[]>();
	const anywhere: Keyword[] = [];
	KEYWORD_RULES.forEach((rule, rank) => {
		for (const text of entriesOf(rule.keywords)) {
			const stem = text.endsWith('*');
			const key = foldKey(stem ? text.slice(0, -1) : text);
			if (!key) continue;
			const keyword: Keyword = { key, stem, anywhere: THAI.test(text), rank };
			if (keyword.anywhere) anywhere.push(keyword);
			else byFirst.set(key[0], [...(byFirst.get(key[0]) ?? []), keyword]);
		}
	});
	return { byFirst, anywhere };
})();

/** The label's folded words; "companySize" and "numberOfEmployees" are two and three words. */
function labelWords(label: string): string[] {
	const words = foldWords(label.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2'));
	return words ? words.split(' ') : [];
}

function exactAfterFillers(words: string[], key: string): LabelField | undefined {
	let kept = words.filter((word) => !FILLERS.words.has(word)).join('');
	if (THAI.test(key)) for (const filler of FILLERS.thai) kept = kept.split(filler).join('');
	return kept && kept !== key ? EXACT.get(kept) : undefined;
}

function keywordRank(words: string[], key: string): number {
	let best = Infinity;
	// word starts and ends as offsets in the spaceless key
	const ends = new Set<number>();
	let offset = 0;
	const starts: number[] = [];
	for (const word of words) {
		starts.push(offset);
		offset += word.length;
		ends.add(offset);
	}
	for (const start of starts) {
		const candidates = KEYWORDS.byFirst.get(key[start]);
		if (!candidates) continue;
		for (const keyword of candidates) {
			if (keyword.rank >= best || !key.startsWith(keyword.key, start)) continue;
			if (keyword.stem || ends.has(start + keyword.key.length)) best = keyword.rank;
		}
	}
	if (THAI.test(key)) for (const keyword of KEYWORDS.anywhere) if (keyword.rank < best && key.includes(keyword.key)) best = keyword.rank;
	return best;
}

function meaningOf(label: string): LabelMeaning | null {
	const key = foldKey(label);
	if (!key) return null;
	const exact = EXACT.get(key);
	if (exact) return exact;
	const words = labelWords(label);
	const afterFillers = exactAfterFillers(words, key);
	if (afterFillers) return afterFillers;
	const rank = keywordRank(words, key);
	return rank === Infinity ? null : KEYWORD_RULES[rank].field;
}

/**
 * What a form label names: a lead field, NOT_A_FIELD ("Confirm email", "Company ID", "I accept the
 * terms"), or null when the label says nothing we know. Remembered per label text: keywords are
 * only scanned the first time a label is seen.
 */
export const labelMeaning: (label: string) => LabelMeaning | null = memoizeText(meaningOf);
