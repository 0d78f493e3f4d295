/**
 * Hand-raiser intent read from what a lead wrote: a form called "Request a demo", an answer
 * "Umów prezentację" to "How can we help?", a message "أرغب في الحصول على عرض سعر". The
 * scoring engine turns it into the activity it names (demo_request, quote_request...), dated
 * at the submission, so a form that asks for a demo makes the same SQL as a demo_request event.
 *
 * One entry per language. Phrases are whole words of the folded text (lib/text/fold), found
 * anywhere in it, the longest at each place; `choices` count only as the whole answer or as a
 * whole question in a short one (a choice "Demo" or "Pricing", a chat's "Hi, how much?"; too
 * short to trust inside a sentence: "how much do you know about..."). A phrase just after a
 * negation ("no demo", "nie chcę wyceny", "لا أريد عرض سعر", "ไม่ต้องการใบเสนอราคา") or, in
 * Turkish and Persian, just before one ("demo istemiyorum", "مشاوره نمی‌خواهم") does not count.
 * A newsletter form is never a request, and neither is a consent checkbox, whatever its label
 * says: answers whose label or text has a consent or newsletter word are not read.
 */
import { memoizeText } from '../memo';
import { PhraseFinder, foldForPhrases } from './titles';

/** Most specific first: when a lead asks for several things, the first of these is its request. */
export const INTENT_TYPES = ['demo_request', 'quote_request', 'consultation_request', 'pricing_request', 'contact_request'] as const;
export type IntentType = (typeof INTENT_TYPES)[number];

interface LanguageIntent {
	phrases: Partial<Record<IntentType, readonly string[]>>;
	choices: Partial<Record<IntentType, readonly string[]>>;
	/** longer phrases that contain a request phrase but ask for nothing ("ที่ปรึกษา", a consultant) */
	notRequests?: readonly string[];
	/** words that turn a request around within the three words before it */
	negationsBefore: readonly string[];
	/** words that turn it around within the two words after it (verb-final languages) */
	negationsAfter?: readonly string[];
	newsletter: readonly string[];
	consent: readonly string[];
}

export const INTENT_WORDS: Record<string, LanguageIntent> = {
	en: {
		phrases: {
			demo_request: ['request a demo', 'book a demo', 'schedule a demo', 'get a demo', 'see a demo', 'a demo', 'demo request', 'live demo', 'product demo', 'personal demo', 'demo please', 'show me a demo', 'show me how it works'],
			quote_request: ['request a quote', 'get a quote', 'a quote', 'quote request', 'quotation', 'request for quotation', 'rfq', 'price quote', 'request a proposal', 'send me a quote', 'send a quote'],
			consultation_request: [
				'a consultation', 'free consultation', 'book a consultation', 'request a consultation', 'consultation request', 'book a call', 'schedule a call', 'book a meeting', 'schedule a meeting', 'discovery call', 'strategy call',
				// a visit in person: to see the product or meet, which a sales conversation follows
				'visit your showroom', 'visit the showroom', 'visit your store', 'visit the store', 'visit your shop', 'visit the shop', 'visit your office', 'visit the office',
				'come to your showroom', 'come to your store', 'come to your shop', 'come to your office', 'book a visit', 'schedule a visit', 'arrange a visit', 'showroom visit', 'meet in person', 'meet you in person', 'in person meeting',
			],
			pricing_request: [
				'request pricing', 'get pricing', 'pricing information', 'pricing details', 'send pricing', 'price list', 'how much does it cost', 'what does it cost',
				// a chat asks in a few words; "how much" alone is a choice below ("how much do you know about...")
				'how much is it', 'how much is this', 'how much does this cost', 'how much would it cost', 'how much will it cost', 'how much do you charge', 'how much for',
				"what's the price", 'what is the price', 'what are your prices', 'what are the prices', 'what are your rates', 'price please', 'prices please', 'need a price', 'get a price', 'send me the price', 'send me a price', 'send me prices',
			],
			contact_request: [
				'contact sales', 'talk to sales', 'speak to sales', 'speak with sales', 'talk to an expert', 'speak to an expert', 'call me', 'call me back', 'contact me', 'sales inquiry', 'sales enquiry',
				'give me a call', 'ring me', 'phone me', 'a callback', 'request a callback', 'callback request',
			],
		},
		choices: { demo_request: ['demo'], quote_request: ['quote'], consultation_request: ['consultation'], pricing_request: ['pricing', 'prices', 'price', 'how much'], contact_request: ['sales'] },
		// "don't" folds to "don t"
		negationsBefore: ['no', 'not', 'don', 'dont', 't', 'never', 'without'],
		newsletter: ['newsletter', 'subscribe', 'mailing list'],
		consent: ['agree', 'consent', 'privacy', 'gdpr', 'opt in'],
	},
	de: {
		phrases: {
			demo_request: ['demo anfordern', 'demo vereinbaren', 'demo buchen', 'eine demo', 'demotermin', 'produktdemo', 'live demo', 'vorführung'],
			quote_request: ['angebot anfordern', 'ein angebot', 'angebot erhalten', 'angebotsanfrage', 'kostenvoranschlag', 'unverbindliches angebot'],
			consultation_request: ['beratung', 'beratungsgespräch', 'beratungstermin', 'kostenlose beratung', 'erstgespräch', 'termin vereinbaren'],
			pricing_request: ['preise anfragen', 'preisliste', 'preisanfrage', 'preisinformationen', 'was kostet'],
			contact_request: ['vertrieb kontaktieren', 'mit dem vertrieb sprechen', 'rückruf', 'rueckruf', 'rufen sie mich an', 'kontaktieren sie mich'],
		},
		choices: { quote_request: ['angebot'], pricing_request: ['preise', 'preis'], contact_request: ['vertrieb'] },
		negationsBefore: ['kein', 'keine', 'keinen', 'keinem', 'nicht', 'ohne'],
		newsletter: ['newsletter', 'abonnieren'],
		consent: ['einwilligung', 'einverstanden', 'zustimmung', 'datenschutz', 'ich stimme', 'dsgvo', 'agb'],
	},
	fr: {
		phrases: {
			demo_request: ['demander une démo', 'demande de démo', 'une démo', 'démonstration', 'réserver une démo', 'planifier une démo', 'démo gratuite'],
			quote_request: ['demander un devis', 'demande de devis', 'un devis', 'devis gratuit', 'obtenir un devis'],
			consultation_request: ['une consultation', 'consultation gratuite', 'demande de consultation', 'prendre rendez-vous', 'un rendez-vous'],
			pricing_request: ['grille tarifaire', 'demande de tarifs', 'connaître les tarifs', 'connaître les prix', 'combien coûte', 'liste de prix'],
			contact_request: ['parler à un commercial', 'contacter un commercial', 'contacter le service commercial', 'être rappelé', 'être rappelée', 'rappelez-moi', 'être recontacté'],
		},
		choices: { demo_request: ['démo'], quote_request: ['devis'], consultation_request: ['consultation', 'rendez-vous'], pricing_request: ['tarifs', 'tarif', 'prix'] },
		negationsBefore: ['pas', 'sans', 'aucun', 'aucune', 'jamais'],
		newsletter: ['newsletter', "lettre d'information", 'infolettre', "s'abonner", 'abonnement'],
		consent: ["j'accepte", 'consentement', 'je consens', 'rgpd', 'confidentialité'],
	},
	es: {
		phrases: {
			demo_request: ['solicitar una demo', 'solicitar demo', 'una demo', 'una demostración', 'demostración', 'agendar una demo', 'reservar una demo', 'demo gratuita'],
			quote_request: ['solicitar presupuesto', 'solicitar un presupuesto', 'pedir presupuesto', 'pedir un presupuesto', 'cotización', 'solicitar cotización'],
			consultation_request: ['consulta gratuita', 'asesoría', 'asesoría gratuita', 'asesoramiento', 'agendar una llamada', 'agendar una reunión'],
			pricing_request: ['lista de precios', 'información de precios', 'información sobre precios', 'cuánto cuesta'],
			contact_request: ['hablar con ventas', 'contactar con ventas', 'contactar a ventas', 'llámenme', 'que me llamen'],
		},
		// "presupuesto" is also a budget: only as a whole answer
		choices: { quote_request: ['presupuesto'], consultation_request: ['consulta'], pricing_request: ['precios', 'precio'], contact_request: ['ventas'] },
		negationsBefore: ['no', 'sin', 'nunca', 'ningún', 'ninguna'],
		newsletter: ['newsletter', 'boletín', 'suscribirse', 'suscripción'],
		consent: ['acepto', 'consiento', 'consentimiento', 'privacidad', 'rgpd'],
	},
	pt: {
		phrases: {
			demo_request: ['solicitar uma demo', 'solicitar demonstração', 'uma demo', 'uma demonstração', 'demonstração', 'agendar uma demo', 'agendar demonstração'],
			quote_request: ['solicitar orçamento', 'pedir orçamento', 'um orçamento', 'orçamento gratuito', 'cotação', 'solicitar cotação'],
			consultation_request: ['consultoria gratuita', 'consulta gratuita', 'agendar uma reunião', 'agendar uma conversa', 'falar com um consultor', 'falar com um especialista'],
			pricing_request: ['tabela de preços', 'lista de preços', 'informações de preços', 'quanto custa'],
			contact_request: ['falar com vendas', 'falar com o comercial', 'falar com um vendedor', 'me ligue', 'entrem em contato comigo', 'quero ser contactado'],
		},
		choices: { quote_request: ['orçamento'], consultation_request: ['consultoria', 'consulta'], pricing_request: ['preços', 'preço'], contact_request: ['vendas', 'comercial'] },
		negationsBefore: ['não', 'sem', 'nunca', 'nenhum', 'nenhuma'],
		newsletter: ['newsletter', 'boletim', 'assinar', 'inscrever'],
		consent: ['aceito', 'concordo', 'consentimento', 'autorizo', 'privacidade', 'lgpd'],
	},
	it: {
		phrases: {
			demo_request: ['richiedi una demo', 'richiesta demo', 'una demo', 'dimostrazione', 'prenota una demo', 'demo gratuita'],
			quote_request: ['richiedi un preventivo', 'richiesta preventivo', 'richiesta di preventivo', 'un preventivo', 'preventivo', 'preventivo gratuito'],
			consultation_request: ['una consulenza', 'consulenza gratuita', 'richiesta di consulenza', 'fissa un appuntamento', 'prenota una chiamata', 'prenota una consulenza'],
			pricing_request: ['listino prezzi', 'informazioni sui prezzi', 'quanto costa'],
			contact_request: ['parlare con un commerciale', 'contattare il commerciale', 'contattare le vendite', 'essere ricontattato', 'richiamatemi'],
		},
		choices: { consultation_request: ['consulenza'], pricing_request: ['prezzi', 'prezzo', 'listino'], contact_request: ['commerciale', 'vendite'] },
		negationsBefore: ['non', 'senza', 'mai', 'nessun', 'nessuna'],
		newsletter: ['newsletter', 'iscriviti', 'iscrizione'],
		consent: ['acconsento', 'accetto', 'consenso', 'privacy', 'gdpr'],
	},
	nl: {
		phrases: {
			demo_request: ['demo aanvragen', 'een demo', 'demo inplannen', 'demonstratie', 'gratis demo'],
			quote_request: ['offerte aanvragen', 'een offerte', 'offerteaanvraag', 'vrijblijvende offerte', 'prijsopgave'],
			consultation_request: ['adviesgesprek', 'gratis advies', 'kennismakingsgesprek', 'afspraak maken'],
			pricing_request: ['prijzen opvragen', 'prijslijst', 'wat kost'],
			contact_request: ['contact met sales', 'bel mij terug', 'terugbelverzoek', 'teruggebeld worden', 'neem contact met mij op'],
		},
		choices: { quote_request: ['offerte'], consultation_request: ['advies'], pricing_request: ['prijzen', 'prijs'], contact_request: ['terugbellen'] },
		negationsBefore: ['geen', 'niet', 'zonder', 'nooit'],
		newsletter: ['nieuwsbrief'],
		consent: ['akkoord', 'toestemming', 'avg'],
	},
	pl: {
		phrases: {
			demo_request: [
				'umów prezentację', 'umówić prezentację', 'prośba o prezentację', 'prezentacja produktu', 'prezentację produktu', 'prezentacji produktu', 'pokaz produktu', 'umów demo', 'demo produktu',
				'bezpłatne demo', 'prośba o demo', 'poproszę o demo', 'proszę o demo', 'poproszę o prezentację', 'proszę o prezentację', 'zobaczyć demo', 'wersja demo', 'wersję demo',
			],
			quote_request: ['wycena', 'wyceny', 'wycenę', 'bezpłatna wycena', 'zapytanie ofertowe', 'oferta cenowa', 'ofertę cenową', 'poproś o ofertę', 'prośba o ofertę', 'proszę o ofertę', 'poproszę o ofertę'],
			consultation_request: [
				'konsultacja', 'konsultację', 'bezpłatna konsultacja', 'umów konsultację', 'umów spotkanie', 'umów rozmowę',
				// a visit: "przyjechać" alone is any arrival ("kiedy kurier może przyjechać")
				'czy mogę przyjechać', 'mogę przyjechać', 'możemy przyjechać', 'mogę przyjść', 'odwiedzić salon', 'odwiedzić showroom', 'odwiedzić was', 'wizyta w salonie', 'wizyta w showroomie',
				'wizytę w salonie', 'umówić wizytę', 'umów wizytę', 'spotkanie osobiste', 'spotkać się osobiście',
			],
			pricing_request: [
				'cennik', 'cennika', 'informacje o cenach', 'jakie są ceny', 'ile kosztuje',
				'ile kosztują', 'ile to kosztuje', 'ile by to kosztowało', 'ile będzie kosztować', 'ile trzeba zapłacić', 'jaka cena', 'jaka jest cena', 'poproszę o cenę', 'proszę o cenę', 'prośba o cenę', 'proszę podać cenę',
			],
			contact_request: [
				'kontakt z działem sprzedaży', 'kontakt z handlowcem', 'rozmowa z handlowcem', 'proszę o kontakt', 'prośba o kontakt', 'proszę o telefon', 'oddzwonienie',
				'poproszę o telefon', 'proszę o kontakt telefoniczny', 'proszę zadzwonić', 'proszę oddzwonić', 'zadzwońcie do mnie', 'zadzwoń do mnie', 'zadzwońcie',
			],
		},
		choices: { demo_request: ['prezentacja'], quote_request: ['oferta'], pricing_request: ['ceny', 'cena'] },
		negationsBefore: ['nie', 'bez'],
		newsletter: ['newsletter', 'newslettera', 'biuletyn', 'subskrypcja', 'zapisz się'],
		consent: ['zgoda', 'zgodę', 'zgody', 'wyrażam', 'rodo', 'polityka prywatności', 'akceptuję'],
	},
	tr: {
		phrases: {
			demo_request: ['demo talep', 'demo talebi', 'demo iste', 'demo istiyorum', 'ücretsiz demo', 'canlı demo', 'demo randevusu', 'ürün demosu', 'demo alabilir miyim', 'demo görebilir miyim', 'demo rica ediyorum'],
			quote_request: ['teklif al', 'teklif iste', 'teklif talep', 'teklif talebi', 'fiyat teklifi', 'teklif istiyorum', 'ücretsiz teklif', 'teklif alabilir miyim', 'teklif verir misiniz', 'teklif gönderir misiniz'],
			consultation_request: [
				'ücretsiz danışmanlık', 'danışmanlık talebi', 'danışmanlık almak', 'danışmanlık istiyorum', 'görüşme talebi', 'randevu al', 'randevu talebi', 'toplantı talebi', 'ön görüşme',
				// a visit to the shop, showroom or office
				'ziyaret edebilir miyim', 'ziyaret etmek istiyorum', 'ziyarete gelebilir miyim', 'mağazanıza gelebilir miyim', 'ofisinize gelebilir miyim', 'showroomunuza gelebilir miyim', 'gelip görebilir miyim',
				'gelip görmek istiyorum', 'yüz yüze görüşme', 'yüz yüze görüşmek',
			],
			pricing_request: [
				'fiyat bilgisi', 'fiyat listesi', 'fiyatlandırma', 'fiyatı ne kadar', 'fiyat nedir', 'ücreti ne kadar',
				// "ne kadar" alone is also "how long" ("ne kadar sürede"): a choice below
				'fiyat ne kadar', 'fiyatlar ne kadar', 'fiyatı nedir', 'fiyatınız nedir', 'fiyatı ne', 'kaç para', 'kaç lira', 'kaç tl', 'ne kadar tutar', 'ne kadara', 'fiyat alabilir miyim', 'fiyat öğrenebilir miyim', 'fiyat öğrenmek istiyorum',
			],
			contact_request: [
				'satış ekibiyle görüşmek', 'satış ekibi ile görüşmek', 'satış temsilcisi', 'beni arayın', 'geri arama', 'benimle iletişime geçin',
				'beni arar mısınız', 'arar mısınız', 'arayabilir misiniz', 'beni arayabilir misiniz', 'telefonla arayın', 'dönüş yapar mısınız',
			],
		},
		choices: { quote_request: ['teklif'], consultation_request: ['danışmanlık', 'görüşme'], pricing_request: ['fiyat', 'fiyatlar', 'fiyatı', 'ne kadar', 'ne kadar acaba', 'bu ne kadar', 'kaça'], contact_request: ['satış'] },
		negationsBefore: ['hayır'],
		negationsAfter: ['istemiyorum', 'istemiyoruz', 'istemem', 'etmiyorum', 'etmiyoruz', 'gerekmiyor', 'yok', 'değil'],
		newsletter: ['bülten', 'e-bülten', 'abone', 'abonelik'],
		consent: ['kvkk', 'onay', 'onayı', 'onaylıyorum', 'kabul ediyorum', 'açık rıza', 'aydınlatma metni', 'izin veriyorum'],
	},
	fa: {
		phrases: {
			demo_request: ['درخواست دمو', 'دموی محصول', 'دموی رایگان', 'رزرو دمو', 'جلسه دمو', 'نسخه نمایشی', 'درخواست نسخه نمایشی', 'نمایش محصول',
				'یک دمو', 'یه دمو', 'نسخه دمو', 'دمو بدید', 'دمو بدین', 'دمو دارید', 'دمو می خواهم', 'دمو می خوام', 'دمو می خواستم',
			],
			quote_request: ['پیش فاکتور', 'درخواست پیش فاکتور', 'استعلام قیمت', 'درخواست قیمت', 'اعلام قیمت'],
			consultation_request: [
				'درخواست مشاوره', 'مشاوره رایگان', 'وقت مشاوره', 'جلسه مشاوره', 'مشاوره می خواهم',
				// coming in person to the shop, showroom or office
				'حضوری بیام', 'حضوری بیایم', 'حضوری خدمت برسم', 'مراجعه حضوری', 'حضوری مراجعه کنم', 'جلسه حضوری', 'ملاقات حضوری', 'بازدید از شوروم', 'بازدید از نمایشگاه', 'بازدید از فروشگاه', 'بیام شوروم', 'بیام فروشگاه', 'بیام دفترتون',
			],
			pricing_request: [
				'لیست قیمت', 'لیست قیمت ها', 'تعرفه', 'تعرفه ها', 'قیمت چند است', 'هزینه چقدر است',
				// "چقدر" alone is also "how long" or "how well" ("چقدر طول میکشه"): a choice below
				'قیمتش چنده', 'قیمت چنده', 'قیمتش چند است', 'قیمتش چقدره', 'قیمت چقدره', 'قیمتش چقدر است', 'قیمت چقدر است', 'قیمتش چیه', 'قیمت چیه', 'چقدر می شه', 'چقدر می شود', 'چند می شه', 'چند می شود',
				'هزینه اش چقدره', 'هزینه اش چقدر است', 'هزینه اش چنده', 'هزینه چقدره', 'چند تومنه', 'چند تومن', 'چند تومان', 'قیمت بدید', 'قیمت بدین', 'قیمتش رو بگید', 'قیمت رو بگید',
			],
			contact_request: [
				'تماس با فروش', 'تماس با واحد فروش', 'با من تماس بگیرید', 'لطفا تماس بگیرید', 'گفتگو با کارشناس فروش', 'درخواست تماس',
				'تماس بگیرید', 'تماس بگیرین', 'زنگ بزنید', 'زنگ بزنین',
			],
		},
		choices: { demo_request: ['دمو'], consultation_request: ['مشاوره'], pricing_request: ['قیمت', 'قیمت ها', 'قیمتش', 'چقدر', 'چنده'] },
		// what a business writes to everyone ("contact us"), not what a lead asks for
		notRequests: ['با ما تماس بگیرید', 'به ما زنگ بزنید'],
		negationsBefore: ['بدون', 'نه', 'نیازی', 'نمی توانم', 'نمی تونم'],
		negationsAfter: ['نمی خواهم', 'نمی خوام', 'نمی خواهیم', 'ندارم', 'نداریم', 'نیست'],
		newsletter: ['خبرنامه'],
		consent: ['موافقم', 'موافقت', 'رضایت', 'حریم خصوصی', 'می پذیرم'],
	},
	ar: {
		phrases: {
			demo_request: ['عرض توضيحي', 'طلب عرض توضيحي', 'حجز عرض توضيحي', 'عرض تجريبي', 'طلب عرض تجريبي', 'ديمو'],
			quote_request: ['عرض سعر', 'طلب عرض سعر', 'عرض السعر', 'عرض أسعار', 'طلب تسعير', 'تسعيرة'],
			consultation_request: [
				'استشارة', 'استشارة مجانية', 'طلب استشارة', 'حجز استشارة', 'حجز موعد', 'تحديد موعد',
				// a visit to the showroom, shop, branch or office
				'أزور المعرض', 'زيارة المعرض', 'أزور المحل', 'زيارة المحل', 'أزور الفرع', 'زيارة الفرع', 'أزور المكتب', 'زيارة المكتب', 'أزوركم', 'زيارتكم', 'أجي المعرض', 'أجي المحل', 'موعد زيارة', 'حجز زيارة',
			],
			pricing_request: [
				'قائمة الأسعار', 'معرفة الأسعار', 'الاستفسار عن الأسعار', 'كم السعر', 'كم التكلفة', 'كم تكلفة', 'كم سعر',
				// "بكم" is also "with you" ("نرحب بكم"): a choice below; "بكام" (Egyptian) is only "how much"
				'كم سعره', 'كم سعرها', 'كم الثمن', 'كم ثمنه', 'كم ثمن', 'كم الأسعار', 'كم أسعار', 'كم تكلف', 'كم يكلف', 'بكام', 'السعر كم', 'السعر بكم', 'ما هو السعر', 'ما السعر', 'شو السعر', 'ايش السعر', 'وش السعر',
				'أريد السعر', 'أبغى السعر', 'أبي السعر', 'ممكن السعر', 'أريد معرفة السعر', 'السعر لو سمحت', 'السعر من فضلك',
			],
			contact_request: [
				'التواصل مع المبيعات', 'التواصل مع فريق المبيعات', 'تواصل مع المبيعات', 'اتصل بي', 'الاتصال بي', 'تواصلوا معي', 'يرجى التواصل معي',
				'اتصلوا بي', 'اتصلو بي', 'اتصلوا علي', 'اتصل علي', 'تواصل معي', 'أرجو الاتصال', 'الرجاء الاتصال',
			],
		},
		choices: { quote_request: ['تسعير'], pricing_request: ['الأسعار', 'أسعار', 'السعر', 'بكم', 'سعره', 'الثمن'], contact_request: ['المبيعات'] },
		negationsBefore: ['لا', 'لست', 'ليس', 'لسنا', 'بدون', 'غير', 'لم', 'لن'],
		newsletter: ['النشرة الإخبارية', 'النشرة البريدية', 'النشرة'],
		consent: ['أوافق', 'موافق', 'الموافقة', 'أقبل', 'سياسة الخصوصية'],
	},
	th: {
		phrases: {
			demo_request: ['ขอเดโม', 'ขอดูเดโม', 'เดโม', 'สาธิต', 'ขอสาธิต', 'นัดสาธิต', 'สาธิตการใช้งาน'],
			quote_request: ['ใบเสนอราคา', 'ขอใบเสนอราคา', 'เสนอราคา', 'ขอเสนอราคา'],
			consultation_request: [
				'ปรึกษา', 'ขอคำปรึกษา', 'ปรึกษาฟรี', 'นัดปรึกษา', 'นัดประชุม',
				// a visit to the shop, showroom or office
				'ไปดูที่ร้าน', 'ไปที่ร้าน', 'ไปดูสินค้าที่ร้าน', 'ไปดูหน้าร้าน', 'ไปดูที่โชว์รูม', 'ไปที่โชว์รูม', 'ไปโชว์รูม', 'ไปที่ออฟฟิศ', 'ไปที่บริษัท', 'นัดเข้าพบ', 'ขอเข้าพบ',
			],
			pricing_request: [
				'สอบถามราคา', 'ขอราคา', 'ราคาเท่าไหร่', 'ราคาเท่าไร', 'รายการราคา', 'ตารางราคา', 'อัตราค่าบริการ',
				// "เท่าไหร่" alone is also "how long" ("ใช้เวลาเท่าไหร่"): a choice below
				'กี่บาท', 'กี่ตังค์', 'ราคาเท่าใด', 'ราคาเท่าไหล่', 'ราคายังไง', 'ค่าใช้จ่ายเท่าไหร่', 'ค่าบริการเท่าไหร่', 'ขอทราบราคา', 'แจ้งราคา',
			],
			contact_request: ['ติดต่อฝ่ายขาย', 'ให้ฝ่ายขายติดต่อกลับ', 'ติดต่อกลับ', 'โทรกลับ', 'คุยกับฝ่ายขาย', 'โทรหาหน่อย', 'โทรหาด้วย', 'โทรมาหน่อย', 'ช่วยโทรหา'],
		},
		// Thai asks without a question mark, often with a polite particle (คะ, ครับ)
		choices: { pricing_request: ['ราคา', 'เท่าไหร่', 'เท่าไร', 'เท่าไหร่คะ', 'เท่าไหร่ครับ', 'ราคาคะ', 'ราคาครับ'] },
		// a consultant (ที่ปรึกษา) or a consulting firm asks for nothing
		notRequests: ['ที่ปรึกษา'],
		negationsBefore: ['ไม่'],
		newsletter: ['จดหมายข่าว', 'รับข่าวสาร'],
		consent: ['ยินยอม', 'ยอมรับ', 'นโยบายความเป็นส่วนตัว', 'pdpa'],
	},
};

const NOT_A_REQUEST = '-';
const NEGATION = 'negation';

const languages = Object.values(INTENT_WORDS);

const REQUEST_FINDER = new PhraseFinder([
	...languages.flatMap((words) => (words.notRequests ?? []).map((phrase): [string, string] => [phrase, NOT_A_REQUEST])),
	...languages.flatMap((words) => INTENT_TYPES.flatMap((type) => (words.phrases[type] ?? []).map((phrase): [string, string] => [phrase, type]))),
]);

const ARABIC_SCRIPT = /[\u0600-\u06ff]/;
/** A whole answer as choices are compared: Persian writes "قیمت‌ها" with a space, a zero-width non-joiner or neither. */
function choiceKey(text: string): string {
	const folded = foldForPhrases(text);
	return ARABIC_SCRIPT.test(folded) ? folded.replace(/ /g, '') : folded;
}

const CHOICES: ReadonlyMap<string, IntentType> = new Map(
	languages.flatMap((words) => INTENT_TYPES.flatMap((type) => (words.choices[type] ?? []).map((choice) => [choiceKey(choice), type] as const))),
);

const NEGATION_BEFORE_FINDER = new PhraseFinder(languages.flatMap((words) => words.negationsBefore.map((word): [string, string] => [word, NEGATION])));
const NEGATION_AFTER_FINDER = new PhraseFinder(languages.flatMap((words) => (words.negationsAfter ?? []).map((word): [string, string] => [word, NEGATION])));
const NOT_A_REQUEST_CONTEXT = new PhraseFinder(languages.flatMap((words) => [...words.newsletter, ...words.consent].map((word): [string, string] => [word, NOT_A_REQUEST])));
const NEWSLETTER_FINDER = new PhraseFinder(languages.flatMap((words) => words.newsletter.map((word): [string, string] => [word, NOT_A_REQUEST])));

const WORDS_BEFORE = 3;
const WORDS_AFTER = 2;
/** Thai has no spaces: a negation counts within this many characters before a phrase. */
const THAI_NEGATION_REACH = 12;
const THAI_START = /^[\u0e00-\u0e7f]/;

/** Where the `count`-th word before the word starting at `start` starts (or 0). */
function wordsBack(folded: string, start: number, count: number): number {
	let index = start;
	for (let seen = 0; seen < count && index > 0; seen++) index = folded.lastIndexOf(' ', index - 2) + 1;
	return index;
}

/** Where the `count`-th word after a phrase ending at `end` ends (or the end of the text). */
function wordsOn(folded: string, end: number, count: number): number {
	let index = end;
	for (let seen = 0; seen < count && index < folded.length; seen++) {
		const space = folded.indexOf(' ', index + 1);
		index = space === -1 ? folded.length : space;
	}
	return index;
}

function contains(finder: PhraseFinder, folded: string): boolean {
	let found = false;
	finder.scan(folded, () => {
		found = true;
		return false;
	});
	return found;
}

function isNegated(folded: string, start: number, end: number): boolean {
	const before = THAI_START.test(folded.slice(start, start + 1)) ? folded.slice(Math.max(0, start - THAI_NEGATION_REACH), start) : folded.slice(wordsBack(folded, start, WORDS_BEFORE), start);
	if (before && contains(NEGATION_BEFORE_FINDER, before.trim())) return true;
	const after = folded.slice(end, wordsOn(folded, end, WORDS_AFTER)).trim();
	return after !== '' && contains(NEGATION_AFTER_FINDER, after);
}

/** A question of a text: what stands between the last break and a question mark ("how much" in "Hi, how much?"). */
const QUESTIONS = /([^.!?؟,،;؛…\n\r]+)[?؟]/g;
/** A chat message or a short answer; longer texts are read for phrases only. */
const MAX_QUESTION_CHOICE_TEXT = 200;

/**
 * The most specific choice asked as a whole question in a short text: "Hi, how much?", "سلام،
 * قیمت؟", "مرحبا، بكم؟", "Merhaba, ne kadar?". Only a question: a list such as "Senior VP,
 * Sales" or "Pricing, demo and support" asks for nothing; and not in a text with a negation
 * anywhere ("Price? No thanks").
 */
function questionChoiceRank(text: string, folded: string): number {
	if (text.length > MAX_QUESTION_CHOICE_TEXT || (!text.includes('?') && !text.includes('؟'))) return -1;
	if (contains(NEGATION_BEFORE_FINDER, folded) || contains(NEGATION_AFTER_FINDER, folded)) return -1;
	let best = -1;
	for (const [, question] of text.matchAll(QUESTIONS)) {
		const choice = CHOICES.get(choiceKey(question));
		const rank = choice ? INTENT_TYPES.indexOf(choice) : -1;
		if (rank !== -1 && (best === -1 || rank < best)) best = rank;
	}
	return best;
}

/** The request a text makes, or null; remembered per distinct text. */
export const intentOfText: (text: string) => IntentType | null = memoizeText((text: string) => {
	const folded = foldForPhrases(text);
	if (!folded) return null;
	const choice = CHOICES.get(ARABIC_SCRIPT.test(folded) ? folded.replace(/ /g, '') : folded);
	if (choice) return choice;
	let best = questionChoiceRank(text, folded);
	REQUEST_FINDER.scan(folded, (value, start, end) => {
		if (value === NOT_A_REQUEST) return;
		const rank = INTENT_TYPES.indexOf(value as IntentType);
		if ((best === -1 || rank < best) && !isNegated(folded, start, end)) best = rank;
	});
	return best === -1 ? null : INTENT_TYPES[best];
}, 5000, 500);

/** Text of a consent checkbox or a newsletter sign-up: never a request, whatever else it says. */
export const isConsentOrNewsletterText: (text: string) => boolean = memoizeText((text: string) => contains(NOT_A_REQUEST_CONTEXT, foldForPhrases(text)), 5000, 500);

/** A form name of a newsletter sign-up. */
export const isNewsletterFormName: (text: string) => boolean = memoizeText((text: string) => contains(NEWSLETTER_FINDER, foldForPhrases(text)), 2000, 500);
