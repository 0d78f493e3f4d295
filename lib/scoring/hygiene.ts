import { labelKey } from '../lead/fields';
import { memoizeText } from '../memo';
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

export const FREE_MAIL_DOMAINS = new Set([
	'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'yahoo.de', 'yahoo.es', 'yahoo.it', 'yahoo.co.in', 'yahoo.co.jp', 'ymail.com', 'rocketmail.com',
	'hotmail.com', 'hotmail.co.uk', 'hotmail.fr', 'hotmail.de', 'hotmail.it', 'hotmail.es', 'outlook.com', 'outlook.de', 'outlook.fr', 'live.com', 'live.co.uk', 'live.fr', 'msn.com', 'windowslive.com',
	'aol.com', 'aim.com', 'icloud.com', 'me.com', 'mac.com', 'protonmail.com', 'proton.me', 'pm.me', 'tutanota.com', 'tuta.io', 'zoho.com', 'zohomail.com', 'yandex.com', 'yandex.ru', 'ya.ru',
	'mail.com', 'email.com', 'gmx.com', 'gmx.net', 'gmx.de', 'gmx.at', 'gmx.ch', 'web.de', 't-online.de', 'freenet.de', 'mail.ru', 'inbox.ru', 'list.ru', 'bk.ru', 'rambler.ru',
	'orange.fr', 'wanadoo.fr', 'free.fr', 'laposte.net', 'sfr.fr', 'libero.it', 'virgilio.it', 'tiscali.it', 'btinternet.com', 'sky.com', 'virginmedia.com', 'ntlworld.com',
	'comcast.net', 'verizon.net', 'att.net', 'sbcglobal.net', 'bellsouth.net', 'cox.net', 'charter.net', 'earthlink.net', 'juno.com', 'optonline.net',
	'qq.com', '163.com', '126.com', 'sina.com', 'naver.com', 'hanmail.net', 'daum.net', 'rediffmail.com', 'hushmail.com', 'fastmail.com', 'fastmail.fm', 'seznam.cz', 'wp.pl', 'o2.pl', 'interia.pl', 'onet.pl',
	'bol.com.br', 'uol.com.br', 'terra.com.br', 'shaw.ca', 'rogers.com', 'bigpond.com', 'optusnet.com.au', 'xtra.co.nz',
]);

export const DISPOSABLE_DOMAINS = new Set([
	'mailinator.com', 'mailinator.net', 'mailinator2.com', 'sogetthis.com', 'mailin8r.com', 'notmailinator.com', 'reallymymail.com', 'spamherelots.com', 'thisisnotmyrealemail.com',
	'guerrillamail.com', 'guerrillamail.net', 'guerrillamail.org', 'guerrillamail.biz', 'guerrillamail.de', 'guerrillamailblock.com', 'grr.la', 'sharklasers.com', 'pokemail.net', 'spam4.me',
	'10minutemail.com', '10minutemail.net', '10minmail.com', '20minutemail.com', 'minuteinbox.com', 'temp-mail.org', 'temp-mail.io', 'tempmail.net', 'tempmail.com', 'tempmailo.com', 'tempmailaddress.com', 'tempinbox.com', 'tempr.email', 'tmpmail.org', 'tmpmail.net', 'tmail.ws',
	'yopmail.com', 'yopmail.fr', 'yopmail.net', 'cool.fr.nf', 'jetable.fr.nf', 'courriel.fr.nf', 'moncourrier.fr.nf', 'monemail.fr.nf', 'monmail.fr.nf', 'jetable.org',
	'trashmail.com', 'trashmail.de', 'trash-mail.com', 'wegwerfmail.de', 'einrot.com', 'getnada.com', 'nada.email', 'throwawaymail.com', 'throwam.com', 'dispostable.com', 'maildrop.cc', 'fakeinbox.com', 'fakemail.net',
	'mintemail.com', 'mohmal.com', 'emailondeck.com', 'spamgourmet.com', 'mailnesia.com', 'discard.email', 'mytemp.email', 'moakt.com', 'burnermail.io', '33mail.com', 'mailcatch.com',
	'1secmail.com', '1secmail.org', '1secmail.net', 'mail.tm', 'emailfake.com', 'generator.email', 'inboxkitten.com', 'mailpoof.com', 'luxusmail.org', 'anonbox.net', 'spambox.us', 'mvrht.com',
	'mailforspam.com', 'harakirimail.com', 'dropmail.me', 'zetmail.com', 'crazymailing.com', 'mailtemp.net', 'suremail.info', 'binkmail.com', 'bobmail.info', 'chammy.info', 'devnullmail.com',
	'letthemeatspam.com', 'mailinater.com', 'safetymail.info', 'tradermail.info', 'veryrealemail.com', 'spamex.com', 'mailexpire.com', 'incognitomail.org', 'deadaddress.com', 'mailmetrash.com',
]);

/** Local parts of shared mailboxes, not a person: info@, sales@... */
export const ROLE_LOCAL_PARTS: ReadonlySet<string> = new Set([
	'info', 'sales', 'admin', 'administrator', 'support', 'contact', 'hello', 'hi', 'office', 'marketing', 'team', 'noreply', 'no-reply', 'donotreply', 'webmaster', 'billing', 'hr', 'jobs',
	'careers', 'enquiries', 'enquiry', 'inquiries', 'inquiry', 'help', 'accounts', 'accounting', 'postmaster', 'abuse', 'mail', 'service', 'services', 'orders', 'press', 'media', 'legal', 'privacy',
]);

const LONGEST_ROLE_LOCAL_PART = Math.max(...[...ROLE_LOCAL_PARTS].map((part) => part.length));

export const DEFAULT_HONEYPOT_FIELDS = ['honeypot', 'hp', '_gotcha', 'bot-field', 'bot_field', 'leave_blank', 'do_not_fill'];

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

const PLACEHOLDER_NAMES = new Set(['test', 'testing', 'tester', 'asdf', 'qwerty', 'xxx', 'xxxx', 'dummy', 'fake', 'foobar', 'abc', 'abcd', 'blah', 'aaa', 'lorem', 'ipsum']);
const KEYBOARD_MASH = /(asdf|sdfg|dfgh|fghj|ghjk|hjkl|qwer|wert|erty|rtyu|tyui|zxcv|xcvb|cvbn|vbnm|qwaszx)/;

/**
 * Only Latin-script words are judged: the consonant-run test would wrongly flag names
 * in scripts without vowels as letters (Arabic, Chinese...).
 */
export const looksLikeGibberish: (name: string) => boolean = memoizeText(nameLooksLikeGibberish, 10_000, 500);

function nameLooksLikeGibberish(name: string): boolean {
	const lower = name.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
	if (/\d{2,}/.test(lower) || /[<>{}[\]\\/@#$%^*=_|~]/.test(lower)) return true;
	if (/(.)\1{3,}/.test(lower)) return true;
	if (KEYBOARD_MASH.test(lower.replace(/[^a-z]/g, ''))) return true;
	for (const word of lower.split(/[\s'-]+/)) {
		if (!/^[a-z]+$/.test(word)) continue;
		if (PLACEHOLDER_NAMES.has(word)) return true;
		if (word.length >= 5 && !/[aeiouy]/.test(word)) return true;
		// real names reach 7 ("Hirschsprung"); mashed keys go further
		if (/[bcdfghjklmnpqrstvwxz]{8,}/.test(word)) return true;
	}
	return false;
}

export function computeFlags(lead: Lead, emailType: EmailType, options: HygieneOptions = {}): HygieneFlag[] {
	const flags: HygieneFlag[] = [];
	if (emailType === 'missing') flags.push('missing_email');
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
	if (!firstName && !lastName && !fullName) flags.push('missing_name');
	else if ((firstName && looksLikeGibberish(firstName)) || (lastName && looksLikeGibberish(lastName)) || (fullName && looksLikeGibberish(fullName))) flags.push('gibberish_name');
	return flags;
}

export const DEFAULT_HONEYPOT_KEYS: ReadonlySet<string> = new Set(DEFAULT_HONEYPOT_FIELDS.map(labelKey));
