/**
 * The generated domain and role lists, checked against facts known independently of them:
 * mailinator.com, guerrillamail.com and yopmail.com are throwaway inbox services; wp.pl, onet.pl,
 * interia.pl, o2.pl (Poland), mynet.com, hotmail.com.tr, yandex.com.tr (Türkiye), chmail.ir
 * (Iran), hotmail.co.th (Thailand) and maktoob.com (Arab states) are public webmail providers;
 * the company domains below are those companies' own sites. Floors on the list sizes make a
 * broken build (an empty or truncated table) fail here.
 */
import { classifyEmail, computeFlags, DISPOSABLE_DOMAINS, FREE_MAIL_DOMAINS, looksLikeGibberish, ROLE_LOCAL_PARTS } from '../../../lib/scoring/hygiene';
import { emptyLead } from '../../../lib/lead/fields';

describe('generated lists', () => {
	test('are the maintained lists, not a handful', () => {
		expect(FREE_MAIL_DOMAINS.size).toBeGreaterThan(5000);
		expect(DISPOSABLE_DOMAINS.size).toBeGreaterThan(5000);
		expect(ROLE_LOCAL_PARTS.size).toBeGreaterThan(800);
	});

	test.each(['mailinator.com', 'guerrillamail.com', 'yopmail.com', 'sharklasers.com', '10minutemail.com'])('%s is disposable', (domain) => {
		expect(classifyEmail(`someone@${domain}`)).toBe('disposable');
	});

	test.each([
		'gmail.com', 'outlook.com', 'hotmail.com', 'yahoo.com', 'icloud.com', 'proton.me',
		'wp.pl', 'o2.pl', 'interia.pl', 'onet.pl', 'op.pl', 'gazeta.pl', 'tlen.pl',
		'mynet.com', 'hotmail.com.tr', 'yandex.com.tr', 'yandex.com',
		'chmail.ir',
		'hotmail.co.th', 'yahoo.co.th',
		'maktoob.com',
	])('%s is free mail', (domain) => {
		expect(classifyEmail(`someone@${domain}`)).toBe('free');
	});

	test.each([
		'acme.pl', 'allegro.pl', 'orlen.pl', 'pkobp.pl', 'turkcell.com.tr', 'koc.com.tr', 'thy.com', 'aramco.com', 'sabic.com', 'stc.com.sa', 'emirates.com', 'etisalat.ae',
		'digikala.com', 'snapp.ir', 'mci.ir', 'scb.co.th', 'cpall.co.th', 'ptt.co.th',
		'microsoft.com', 'google.com', 'apple.com', 'amazon.com', 'ibm.com', 'salesforce.com', 'hubspot.com', 'oracle.com', 'sap.com', 'siemens.com', 'deloitte.com', 'accenture.com',
	])('%s is business', (domain) => {
		expect(classifyEmail(`someone@${domain}`)).toBe('business');
	});

	test('a sub-domain of a disposable host is disposable; of a free host it is not free', () => {
		expect(classifyEmail('x@inbox.mailinator.com')).toBe('disposable');
		expect(classifyEmail('x@mail.gmail.com')).toBe('business');
	});
});

describe('role mailboxes in our users\' languages', () => {
	const roleFlag = (email: string) => computeFlags({ ...emptyLead('generic', 'form'), email, fullName: 'Jan Kowalski' }, classifyEmail(email)).includes('role_email');

	test.each(['biuro', 'kontakt', 'sprzedaz', 'iletisim', 'satis', 'muhasebe', 'bilgi', 'destek', 'vertrieb', 'ventas', 'contato', 'commercial', 'info', 'sales', 'office'])('%s@ is a role mailbox', (local) => {
		expect(roleFlag(`${local}@acme.pl`)).toBe(true);
		expect(roleFlag(`${local}+leads@acme.pl`)).toBe(true);
	});

	test.each(['jan.kowalski', 'mert', 'ceo', 'director', 'alexa', 'per'])('%s@ is a person', (local) => {
		expect(roleFlag(`${local}@acme.pl`)).toBe(false);
	});
});

describe('gibberish names, in every script', () => {
	test.each([
		// Persian, with a zero-width non-joiner and Arabic letter forms
		'علی‌رضا محمدی', 'محمدرضا حسینی‌نژاد', 'فاطمه زهرا',
		// Arabic, with particles and with tatweel stretching a letter
		'عبدالله بن سعود', 'محمـــــد العتيبي', 'أبو بكر',
		// Thai, no spaces inside a name, vowels written as marks
		'สมชาย ใจดี', 'ณัฐพงษ์ ศรีสุข',
		// Polish, long consonant clusters
		'Grzegorz Brzęczyszczykiewicz', 'Łukasz Żółć', 'Krzysztof Szczęsny', 'Chrząszcz',
		// Turkish, dotted and dotless i
		'Mert Yılmaz', 'İbrahim Çelik', 'Şükrü Öztürk', 'IŞIK',
		// Latin names that share letters with keyboard rows
		'Doherty', 'Wertheimer', 'John Smith', 'Nguyễn Văn Anh',
	])('%s is a name', (name) => {
		expect(looksLikeGibberish(name)).toBe(false);
	});

	test.each([
		'asdf', 'qwerty', 'Sdfghj Kl', 'xkcdqwpzrt', 'nnnnn', 'John123',
		// keyboard runs and "test" in Persian, Arabic, Thai and Turkish
		'ضصثقف', 'شسیبل', 'ฟหกดเ', 'تست', 'اختبار', 'ทดสอบ', 'deneme',
		// native digits are digits
		'علی۱۲۳', 'สมชาย๑๒',
	])('%s is gibberish', (name) => {
		expect(looksLikeGibberish(name)).toBe(true);
	});
});
