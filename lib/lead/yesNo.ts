/**
 * Yes/no and consent answers in our users' languages. A consent answer is a yes only when it
 * clearly affirms and nothing in it negates: "Kabul ediyorum", "Wyrażam zgodę na…", "موافقم" and
 * a ticked checkbox that sends its own label ("I agree to receive marketing emails") are yes;
 * "No thanks", "Nie wyrażam zgody", "ไม่ยินยอม", "I don't want to receive emails" are no; anything
 * else (a bare label such as "Newsletter", a question, "not sure") is null, never a guessed yes.
 * Poland (GDPR), Turkey (KVKK), Thailand (PDPA) and Saudi Arabia (PDPL) treat an unclear answer as
 * no consent. Pure, no n8n imports.
 */
import { memoizeText } from '../memo';
import { foldWords } from '../text/fold';

interface LanguageWords {
	/** Whole answers that say yes; also a clause on its own ("Yes, please", "Tak, wyrażam zgodę"). */
	yes: readonly string[];
	/** Whole answers that say no; also how a clause may start ("No thanks", "Nie wyrażam zgody", "ไม่ยินยอม"). */
	no: readonly string[];
	/** Words and phrases that say yes anywhere in an answer (a ticked checkbox that sends its label). */
	affirm: readonly string[];
	/** Words and phrases that negate anywhere in an answer. */
	negate: readonly string[];
	/** Negation inside a word, on folded text: Turkish -mıyor, Persian نمی-, German kein-. */
	negateInWord?: RegExp;
	/** What consent answers speak of (wanting, receiving, agreeing): negated, the answer is a no. */
	topic: readonly string[];
	/**
	 * Words of the notice that consent labels carry ("you can withdraw your consent at any time",
	 * "wycofanie zgody nie wpływa na…"): a clause with one of them is information, not an answer.
	 */
	notice: readonly string[];
}

/** One table of words per language, written as people type them; compared folded (lib/text/fold). */
const YES_NO_WORDS: Record<string, LanguageWords> = {
	en: {
		yes: ['y', 'yes', 'yeah', 'yep', 'yup', 'true', '1', 'on', 'ok', 'okay', 'sure', 'absolutely', 'of course', 'checked', 'granted', 'given'],
		no: ['n', 'no', 'nope', 'nah', 'false', '0', 'off', 'unchecked', 'declined', 'opt-out', 'optout', 'unsubscribed', 'unsubscribe', 'withdrawn', 'revoked', 'never', 'not now', 'not interested'],
		affirm: ['yes please', 'agree', 'agreed', 'accept', 'accepted', 'i consent', 'opt-in', 'optin', 'subscribe', 'subscribed', 'sign me up', 'count me in', 'send me', 'keep me informed', 'keep me updated', 'i want', 'i would like', "i'd like", 'i wish', 'i confirm', 'i allow', 'i authorize', 'i authorise'],
		negate: ['not', 'no', 'never', "don't", 'dont', "doesn't", "didn't", "won't", "wouldn't", "can't", 'cannot', 'decline', 'declined', 'refuse', 'refused', 'reject', 'rejected', 'disagree'],
		topic: ['want', 'wish', 'like', 'receive', 'get', 'email', 'emails', 'newsletter', 'news', 'updates', 'marketing', 'offers', 'contact', 'contacted', 'interested', 'consent', 'agree', 'accept', 'subscribe', 'thanks', 'thank you'],
		notice: ['withdraw', 'withdrawal', 'withdrawing', 'revoke', 'at any time', 'anytime'],
	},
	de: {
		yes: ['j', 'ja', 'jawohl', 'klar', 'gerne'],
		no: ['nein', 'nö', 'ne', 'niemals', 'abgelehnt', 'abmelden'],
		affirm: ['ja bitte', 'ja gerne', 'ich stimme zu', 'stimme zu', 'zustimmen', 'zugestimmt', 'einverstanden', 'willige ein', 'einwilligen', 'akzeptiere', 'akzeptiert', 'ich möchte', 'ich will', 'ich wünsche', 'abonnieren', 'bestätige'],
		negate: ['nicht', 'nie', 'niemals', 'nein', 'ablehnen', 'lehne', 'abgelehnt', 'widerspreche'],
		negateInWord: /(?:^| )kein/,
		topic: ['stimme', 'möchte', 'will', 'wünsche', 'erhalten', 'bekommen', 'newsletter', 'werbung', 'e-mails', 'informationen', 'interessiert', 'interesse', 'danke', 'einverstanden', 'zustimmung', 'einwilligung'],
		notice: ['widerrufen', 'widerruf', 'jederzeit', 'abmelden'],
	},
	fr: {
		yes: ['o', 'oui', 'ouais', 'ok'],
		no: ['non', 'nan', 'jamais'],
		affirm: ["j'accepte", 'accepte', 'je consens', "d'accord", 'je souhaite', 'je veux', 'je voudrais', "j'aimerais", "je m'inscris", "m'abonner", "j'autorise", 'je confirme'],
		negate: ['ne', 'n', 'pas', 'non', 'jamais', 'aucun', 'aucune', 'refuse'],
		topic: ['souhaite', 'veux', 'voudrais', 'aimerais', 'recevoir', 'newsletter', 'offres', 'informations', 'intéressé', 'intéressée', 'merci', 'accepte', 'consens', "d'accord"],
		notice: ['retirer', 'retrait', 'à tout moment', 'désinscrire', 'désabonner'],
	},
	es: {
		yes: ['s', 'sí', 'vale', 'claro'],
		no: ['no'],
		affirm: ['acepto', 'consiento', 'doy mi consentimiento', 'autorizo', 'estoy de acuerdo', 'de acuerdo', 'deseo', 'quiero', 'me gustaría', 'suscribirme'],
		negate: ['no', 'nunca', 'jamás', 'rechazo', 'ninguna', 'ningún'],
		topic: ['deseo', 'quiero', 'recibir', 'correos', 'boletín', 'noticias', 'ofertas', 'interesado', 'interesada', 'gracias', 'acepto', 'acuerdo'],
		notice: ['retirar', 'revocar', 'en cualquier momento', 'darse de baja', 'darte de baja'],
	},
	pt: {
		yes: ['s', 'sim', 'claro'],
		no: ['não', 'n'],
		affirm: ['aceito', 'concordo', 'consinto', 'dou o meu consentimento', 'autorizo', 'de acordo', 'desejo', 'quero', 'gostaria'],
		negate: ['não', 'nunca', 'jamais', 'recuso', 'nenhum', 'nenhuma'],
		topic: ['desejo', 'quero', 'gostaria', 'receber', 'e-mails', 'novidades', 'ofertas', 'interessado', 'interessada', 'obrigado', 'obrigada', 'aceito', 'concordo'],
		notice: ['retirar', 'revogar', 'a qualquer momento', 'cancelar a inscrição'],
	},
	it: {
		yes: ['s', 'sì', 'certo', 'va bene'],
		no: ['no'],
		affirm: ['accetto', 'acconsento', 'do il consenso', 'do il mio consenso', 'autorizzo', "sono d'accordo", 'desidero', 'voglio', 'vorrei'],
		negate: ['non', 'no', 'mai', 'rifiuto', 'nego', 'nessun', 'nessuna'],
		topic: ['desidero', 'voglio', 'vorrei', 'ricevere', 'newsletter', 'offerte', 'interessato', 'interessata', 'grazie', 'accetto', 'consenso'],
		notice: ['revocare', 'revoca', 'in qualsiasi momento', 'disiscriverti'],
	},
	nl: {
		yes: ['j', 'ja', 'jazeker', 'prima'],
		no: ['nee', 'neen', 'nooit'],
		affirm: ['ja graag', 'akkoord', 'ik ga akkoord', 'ik accepteer', 'accepteer', 'geaccepteerd', 'ik stem in', 'ik geef toestemming', 'ik wil', 'graag', 'aanmelden', 'inschrijven'],
		negate: ['niet', 'geen', 'nee', 'nooit', 'weiger'],
		topic: ['wil', 'wens', 'ontvangen', 'nieuwsbrief', 'e-mails', 'aanbiedingen', 'interesse', 'geïnteresseerd', 'bedankt', 'dank', 'akkoord', 'toestemming'],
		notice: ['intrekken', 'op elk moment', 'altijd', 'afmelden', 'uitschrijven'],
	},
	pl: {
		yes: ['t', 'tak', 'ok'],
		no: ['nie', 'brak zgody'],
		affirm: ['wyrażam zgodę', 'zgoda', 'zgadzam się', 'akceptuję', 'potwierdzam', 'chcę', 'chciałbym', 'chciałabym', 'zapisz mnie'],
		negate: ['nie', 'brak', 'odmawiam', 'rezygnuję', 'nigdy'],
		topic: ['chcę', 'otrzymywać', 'otrzymywanie', 'newsletter', 'informacji', 'oferty', 'zgody', 'zgodę', 'zgoda', 'wyrażam', 'zgadzam', 'akceptuję', 'zainteresowany', 'zainteresowana', 'dziękuję'],
		notice: ['wycofanie', 'wycofać', 'wycofana', 'cofnięcie', 'w każdej chwili', 'w dowolnym momencie'],
	},
	tr: {
		yes: ['e', 'evet', 'tamam', 'olur'],
		no: ['h', 'hayır', 'yok', 'istemiyorum', 'onaylamıyorum', 'kabul etmiyorum', 'izin vermiyorum', 'onay vermiyorum'],
		affirm: ['kabul', 'kabul ediyorum', 'onaylıyorum', 'onay veriyorum', 'onayladım', 'izin veriyorum', 'razıyım', 'istiyorum', 'isterim', 'abone ol'],
		negate: ['hayır', 'değil', 'yok', 'istemem', 'etmem', 'reddediyorum', 'ret', 'red'],
		// kabul etmiyorum, onaylamıyorum, istemiyorum, izin vermiyorum (folded: ı → i, ü → u)
		negateInWord: /\S+m[iu]yor/,
		topic: ['istiyorum', 'isterim', 'almak', 'kabul', 'onay', 'izin', 'ileti', 'e-posta', 'bülten', 'kampanya', 'teşekkürler', 'teşekkür'],
		notice: ['geri alabilirim', 'geri alabilirsiniz', 'geri çekebilirim', 'geri çekebilirsiniz', 'her zaman', 'dilediğim zaman', 'dilediğiniz zaman'],
	},
	fa: {
		yes: ['بله', 'بلی', 'آره', 'حتما', 'باشه', 'تأیید', 'تایید'],
		no: ['نه', 'خیر', 'نخیر', 'نمی‌خواهم', 'نمی‌پذیرم', 'مخالفم'],
		affirm: ['موافقم', 'موافق هستم', 'موافق', 'قبول دارم', 'قبول می‌کنم', 'می‌پذیرم', 'پذیرفتم', 'رضایت دارم', 'رضایت می‌دهم', 'تأیید می‌کنم', 'می‌خواهم', 'می خواهم', 'مایلم', 'تمایل دارم'],
		negate: ['نه', 'خیر', 'نخیر', 'نیستم', 'نیست', 'ندارم', 'مخالفم', 'مخالف'],
		// نمی‌خواهم, نمی‌پذیرم, نمی‌دهم (the zero-width non-joiner is folded away)
		negateInWord: /(?:^| )نمی/,
		topic: ['می‌خواهم', 'خواهم', 'دریافت', 'خبرنامه', 'ایمیل', 'پیامک', 'تبلیغات', 'موافق', 'رضایت', 'قبول', 'تمایل', 'مایل', 'ممنون', 'مرسی'],
		notice: ['لغو', 'انصراف', 'هر زمان'],
	},
	ar: {
		yes: ['نعم', 'أجل', 'ايوه', 'طيب'],
		no: ['لا', 'كلا', 'لأ'],
		affirm: ['أوافق', 'موافق', 'أقبل', 'أقر', 'أرغب', 'أريد', 'أود', 'اشترك'],
		negate: ['لا', 'لست', 'ليس', 'لن', 'لم', 'غير', 'أرفض', 'رفض', 'كلا'],
		topic: ['أرغب', 'أريد', 'أود', 'تلقي', 'استلام', 'رسائل', 'النشرة', 'العروض', 'موافق', 'أوافق', 'موافقة', 'شكرا', 'مهتم'],
		notice: ['سحب', 'إلغاء', 'في أي وقت'],
	},
	th: {
		// Thai has no spaces between words: its words are found inside the answer, not between spaces
		yes: ['ใช่', 'ค่ะ', 'ครับ', 'โอเค'],
		no: ['ไม่', 'ไม่ใช่'],
		affirm: ['ใช่', 'ยินยอม', 'ยอมรับ', 'ตกลง', 'ต้องการ', 'สนใจ', 'อนุญาต', 'สมัคร'],
		negate: ['ไม่', 'ปฏิเสธ'],
		topic: ['ยินยอม', 'ยอมรับ', 'ต้องการ', 'รับ', 'ข่าวสาร', 'อีเมล', 'สนใจ', 'ขอบคุณ', 'ตกลง'],
		notice: ['ยกเลิก', 'ถอน', 'ทุกเมื่อ'],
	},
};

/** Phrases of one kind, folded: single words in a set, longer phrases and Thai words found by search. */
interface FoldedPhrases {
	words: Set<string>;
	phrases: string[];
	inText: string[];
}

const THAI = /[\u0e00-\u0e7f]/;

function foldPhrases(lists: ReadonlyArray<readonly string[]>): FoldedPhrases {
	const folded: FoldedPhrases = { words: new Set(), phrases: [], inText: [] };
	for (const phrase of lists.flat()) {
		const key = foldWords(phrase);
		if (!key) continue;
		if (THAI.test(key)) folded.inText.push(key);
		else if (key.includes(' ')) folded.phrases.push(` ${key} `);
		else folded.words.add(key);
	}
	return folded;
}

const LANGUAGES = Object.values(YES_NO_WORDS);
const WHOLE_ANSWERS: ReadonlyMap<string, boolean> = new Map([
	...LANGUAGES.flatMap((words) => words.no.map((word) => [foldWords(word), false] as const)),
	...LANGUAGES.flatMap((words) => words.yes.map((word) => [foldWords(word), true] as const)),
]);
const FIRST_NO = foldPhrases(LANGUAGES.map((words) => words.no));
const AFFIRM = foldPhrases(LANGUAGES.map((words) => words.affirm));
const NEGATE = foldPhrases(LANGUAGES.map((words) => words.negate));
const TOPIC = foldPhrases(LANGUAGES.map((words) => words.topic));
const NOTICE = foldPhrases(LANGUAGES.map((words) => words.notice));
const NEGATE_IN_WORD = LANGUAGES.flatMap((words) => (words.negateInWord ? [words.negateInWord] : []));

function mentions(folded: FoldedPhrases, words: string[], padded: string, text: string): boolean {
	return words.some((word) => folded.words.has(word)) || folded.phrases.some((phrase) => padded.includes(phrase)) || folded.inText.some((part) => text.includes(part));
}

/** Clauses of an answer: "Yes, please" → "Yes" + "please". Thai separates its clauses with spaces. */
const CLAUSE_BREAK = /[,\u060c;\u061b.!\n\u0e2f]+|\s[-\u2013\u2014]\s|(?<=[\u0e00-\u0e7f])\s+(?=[\u0e00-\u0e7f])/u;

/**
 * Whether an answer says yes (true), no (false) or neither clearly (null). The whole answer is
 * looked up first ("y", "on", "1", "Tak", "خیر"); a longer one is read clause by clause, and
 * any clause that says no makes the answer a no. Consent labels are long (a GDPR clause runs to
 * hundreds of characters) and the same for every lead of a form, so answers of up to
 * 2,000 characters are remembered (1,000 of them).
 */
export const parseYesNo: (text: string) => boolean | null = memoizeText(answerOf, 1000, 2000);

function answerOf(text: string): boolean | null {
	const trimmed = text.trim();
	// a question repeated back ("Do you agree?") answers nothing
	if (/[?\u061f]$/.test(trimmed) || trimmed.startsWith('\u00bf')) return null;
	const whole = WHOLE_ANSWERS.get(foldWords(trimmed));
	if (whole !== undefined) return whole;
	let answer: boolean | null = null;
	for (const clause of trimmed.split(CLAUSE_BREAK)) {
		const said = clauseAnswer(foldWords(clause));
		if (said === false) return false;
		if (said === true) answer = true;
	}
	return answer;
}

function clauseAnswer(folded: string): boolean | null {
	if (!folded) return null;
	// one-letter answers ("y", "n", "e", "o") and digits count only as a whole answer, never as a clause ("Sp. z o.o.")
	if (folded.length > 1 && !/^\d+$/.test(folded)) {
		const whole = WHOLE_ANSWERS.get(folded);
		if (whole !== undefined) return whole;
	}
	const words = folded.split(' ');
	const padded = ` ${folded} `;
	if (mentions(NOTICE, words, padded, folded)) return null;
	const startsWithNo = (words[0].length > 1 && !/^\d+$/.test(words[0]) && FIRST_NO.words.has(words[0])) || FIRST_NO.phrases.some((phrase) => padded.startsWith(phrase)) || FIRST_NO.inText.some((part) => folded.startsWith(part));
	const negated = startsWithNo || mentions(NEGATE, words, padded, folded) || NEGATE_IN_WORD.some((pattern) => pattern.test(folded));
	const affirmed = mentions(AFFIRM, words, padded, folded);
	if (negated) return startsWithNo || affirmed || mentions(TOPIC, words, padded, folded) ? false : null;
	return affirmed ? true : null;
}
