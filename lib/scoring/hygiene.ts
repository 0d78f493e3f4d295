import { EMAIL_DATA } from '../data/generated/email';
import { labelKey } from '../lead/fields';
import { memoizeText } from '../memo';
import { foldWords, toAsciiDigits } from '../text/fold';
import type { Lead } from '../lead/types';

/** Flags the scoring engine computes for every lead; usable in rules and as auto-disqualifiers. */
export const HYGIENE_FLAGS = [
	'missing_email',
	'invalid_email',
	'free_email',
	'disposable_email',
	'role_email',
	'honeypot',
	'gibberish_name',
	'missing_name',
	/** an activity with no usable date on a lead with no submission date: it gets no hand-raiser window and no decayed points */
	'undated_activity',
] as const;
export type HygieneFlag = (typeof HYGIENE_FLAGS)[number];

export type EmailType = 'business' | 'free' | 'disposable' | 'invalid' | 'missing';

/**
 * The big free-mail providers of our users' markets that email-providers 2.26 does not list
 * (checked one by one): Iran's Chapar mail, Onet's and WP's Polish aliases, Turkish portals and
 * Microsoft's and Yandex's Turkish domains.
 */
const REGIONAL_FREE_MAIL_DOMAINS = [
	'chmail.ir',
	'op.pl', 'vp.pl', 'autograf.pl', 'buziaczek.pl', 'tlen.pl', 'interia.eu',
	'mynet.com', 'hotmail.com.tr', 'yandex.com.tr',
];

/**
 * Free-mail hosts: email-providers (generated into lib/data at build time) plus the regional
 * supplement. Spot-checked for business hosts (the company domains of test/unit/scoring/
 * hygieneLists.test.ts stay business): of about 90 company domains of our markets and of big
 * international firms, only facebook.com (a consumer mailbox until 2014; Meta's staff write from
 * meta.com and fb.com) and alibaba.com are listed. The list also carries many disposable domains; those are
 * found disposable first.
 */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([...EMAIL_DATA.free, ...REGIONAL_FREE_MAIL_DOMAINS]);

/**
 * Disposable hosts: the disposable-email-domains project's list (generated at build time).
 * mailchecker's larger list was not taken: it names nus.edu.sg (a university), aver.com (a
 * company) and whole zones such as msk.ru and za.com, which domainInSet would extend to every
 * company registered under them.
 */
export const DISPOSABLE_DOMAINS: ReadonlySet<string> = new Set(EMAIL_DATA.disposable);

/**
 * Shared mailboxes of our markets' languages that role-based-email-addresses 3.1 lacks (Polish,
 * Turkish, German, French, Spanish, Portuguese, Italian, Dutch, written in ASCII as local parts are).
 */
const REGIONAL_ROLE_LOCAL_PARTS = [
	'sprzedaz', 'ksiegowosc', 'zamowienia', 'obsluga', 'rekrutacja', 'handlowy', 'poczta',
	'iletisim', 'satis', 'muhasebe', 'bilgi', 'destek', 'siparis', 'teklif', 'satinalma', 'insankaynaklari', 'musterihizmetleri', 'yonetim',
	'vertrieb', 'kundenservice', 'buero', 'bewerbung', 'verwaltung', 'anfrage', 'anfragen',
	'accueil', 'ventes', 'devis',
	'faleconosco', 'vendite', 'informazioni', 'ufficio',
	'verkoop', 'klantenservice', 'receptie',
];

/**
 * Entries of role-based-email-addresses that reach one person, not a shared mailbox: first names
 * and surnames, and the titles of the one who decides (ceo@ of a small company is its CEO, a lead
 * to welcome, not to mark down).
 */
const ONE_PERSON_LOCAL_PARTS: ReadonlySet<string> = new Set([
	'alexa', 'per', 'gardner', 'pastor', 'mayor',
	'ceo', 'president', 'presidente', 'director', 'md', 'gm', 'head', 'principal', 'the.principal', 'headteacher', 'superintendent', 'treasurer',
]);

/** Local parts of shared mailboxes, not a person: info@, sales@, biuro@, iletisim@... */
export const ROLE_LOCAL_PARTS: ReadonlySet<string> = new Set(
	[...EMAIL_DATA.roleLocalParts, ...REGIONAL_ROLE_LOCAL_PARTS].filter((part) => !ONE_PERSON_LOCAL_PARTS.has(part)),
);

const LONGEST_ROLE_LOCAL_PART = Math.max(...[...ROLE_LOCAL_PARTS].map((part) => part.length));

/**
 * Hidden fields of common form tools that only bots fill (Formspree's _gotcha, Netlify's
 * bot-field…): the one list behind Lead Score's default and its "Honeypot Fields" option.
 * Matched by labelKey, so "bot-field", "bot_field" and "Bot Field" are one name.
 */
export const DEFAULT_HONEYPOT_FIELDS: readonly string[] = ['honeypot', 'hp', '_gotcha', 'bot-field', 'leave_blank', 'do_not_fill'];

const EMAIL_PATTERN = /^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}$/;

export function emailDomain(email: string | null): string | null {
	if (!email) return null;
	const at = email.lastIndexOf('@');
	return at > 0 ? email.slice(at + 1) : null;
}

export function isValidEmail(email: string): boolean {
	if (email.length > 254) return false;
	const at = email.lastIndexOf('@');
	if (at < 1 || at > 64) return false;
	if (email.includes('..') || email.startsWith('.') || email.charAt(at - 1) === '.') return false;
	return EMAIL_PATTERN.test(email);
}

/** The registrable part check is deliberately simple: a sub-domain of a listed domain counts too. */
export function domainInSet(domain: string, set: ReadonlySet<string>): boolean {
	if (set.has(domain)) return true;
	let dot = domain.indexOf('.');
	while (dot !== -1) {
		const parent = domain.slice(dot + 1);
		if (parent.includes('.') && set.has(parent)) return true;
		dot = domain.indexOf('.', dot + 1);
	}
	return false;
}

export interface HygieneOptions {
	extraFreeMailDomains?: ReadonlySet<string>;
	extraDisposableDomains?: ReadonlySet<string>;
	/** label keys (see labelKey) of answers that humans never fill */
	honeypotKeys?: ReadonlySet<string>;
}

export function classifyEmail(email: string | null, options: HygieneOptions = {}): EmailType {
	if (!email) return 'missing';
	if (!isValidEmail(email)) return 'invalid';
	const domain = emailDomain(email) as string;
	if (domainInSet(domain, DISPOSABLE_DOMAINS) || (options.extraDisposableDomains && domainInSet(domain, options.extraDisposableDomains))) return 'disposable';
	if (FREE_MAIL_DOMAINS.has(domain) || options.extraFreeMailDomains?.has(domain)) return 'free';
	return 'business';
}

/** What testers type instead of a name, in our users' languages ("deneme" is Turkish, "تست" Persian, "ทดสอบ" Thai for "test"); folded. */
const PLACEHOLDER_NAMES: ReadonlySet<string> = new Set(
	['test', 'testing', 'tester', 'asdf', 'qwerty', 'xxx', 'xxxx', 'dummy', 'fake', 'foobar', 'abc', 'abcd', 'blah', 'aaa', 'lorem', 'ipsum', 'deneme', 'تست', 'آزمایش', 'اختبار', 'تجربة', 'ทดสอบ'].map(foldWords),
);

/**
 * Four keys side by side on the keyboards our users type on (QWERTY, Persian and Arabic, Thai
 * Kedmanee), which no name spells; folded. "wert" and "erty" are left out: Wertheim, Doherty.
 */
const KEYBOARD_MASHES: readonly string[] = [
	'asdf', 'sdfg', 'dfgh', 'fghj', 'ghjk', 'hjkl', 'qwer', 'rtyu', 'tyui', 'zxcv', 'xcvb', 'cvbn', 'vbnm', 'qwaszx',
	'ضصثق', 'صثقف', 'ثقفغ', 'قفغع', 'فغعه', 'شسیب',
	'ฟหกด', 'หกดเ', 'ๆไำพ',
].map(foldWords);

/**
 * Names of every script are judged on what they are, never on their script: digits, symbols,
 * a letter four times, keyboard runs and placeholders in any script; the vowel and consonant
 * tests only for Latin words (Arabic and Persian write few vowels, Thai writes them as marks).
 * Text is folded first, so tatweel, zero-width non-joiners, harakat, Turkish ı and Polish ł do
 * not stand out.
 */
export const looksLikeGibberish: (name: string) => boolean = memoizeText(nameLooksLikeGibberish, 10_000, 500);

function nameLooksLikeGibberish(name: string): boolean {
	const digits = toAsciiDigits(name);
	if (/\d{2,}/.test(digits) || /[<>{}[\]\\/@#$%^*=_|~]/.test(digits)) return true;
	const folded = foldWords(name);
	if (/(.)\1{3,}/u.test(folded)) return true;
	for (const word of folded.split(' ')) {
		if (PLACEHOLDER_NAMES.has(word)) return true;
		for (const mash of KEYBOARD_MASHES) if (word.includes(mash)) return true;
		if (!/^[a-z]+$/.test(word)) continue;
		if (word.length >= 5 && !/[aeiouy]/.test(word)) return true;
		// real names reach 7 ("Hirschsprung"); mashed keys go further
		if (/[bcdfghjklmnpqrstvwxz]{8,}/.test(word)) return true;
	}
	return false;
}

/**
 * A lead who wrote from a messaging app: the channel verified who wrote, and the reply goes back
 * in the same chat. A phone typed into a form is verified by nobody, so it is not one.
 */
export function hasChatIdentity(lead: Lead): boolean {
	return !!lead.chat?.userId;
}

/**
 * `missing_email` and `missing_name` mark a lead who left them out. A chat lead was never asked:
 * WhatsApp sends a phone and a profile name, LINE and Instagram only a user id, so neither flag
 * is raised for one (its emailType stays "missing", for rules that need an email).
 */
export function computeFlags(lead: Lead, emailType: EmailType, options: HygieneOptions = {}): HygieneFlag[] {
	const flags: HygieneFlag[] = [];
	const chatIdentity = hasChatIdentity(lead);
	if (emailType === 'missing' && !chatIdentity) flags.push('missing_email');
	else if (emailType === 'invalid') flags.push('invalid_email');
	else if (emailType === 'free') flags.push('free_email');
	else if (emailType === 'disposable') flags.push('disposable_email');
	if (lead.email && emailType !== 'invalid') {
		const at = lead.email.lastIndexOf('@');
		const plus = lead.email.indexOf('+');
		// the part before any "+tag"; only copied out when it is short enough to be a role name
		const localLength = plus !== -1 && plus < at ? plus : at;
		if (localLength <= LONGEST_ROLE_LOCAL_PART && ROLE_LOCAL_PARTS.has(lead.email.slice(0, localLength))) flags.push('role_email');
	}
	const honeypotKeys = options.honeypotKeys ?? DEFAULT_HONEYPOT_KEYS;
	const answers = lead.answers;
	for (const label in answers) {
		if (!Object.prototype.hasOwnProperty.call(answers, label)) continue;
		const value = answers[label];
		const filled = value !== null && value !== '' && value !== false && !(Array.isArray(value) && value.length === 0);
		if (filled && honeypotKeys.has(labelKey(label))) {
			flags.push('honeypot');
			break;
		}
	}
	const { firstName, lastName, fullName } = lead;
	if (!firstName && !lastName && !fullName) {
		if (!chatIdentity) flags.push('missing_name');
	} else if ((firstName && looksLikeGibberish(firstName)) || (lastName && looksLikeGibberish(lastName)) || (fullName && looksLikeGibberish(fullName))) flags.push('gibberish_name');
	return flags;
}

export const DEFAULT_HONEYPOT_KEYS: ReadonlySet<string> = new Set(DEFAULT_HONEYPOT_FIELDS.map(labelKey));
