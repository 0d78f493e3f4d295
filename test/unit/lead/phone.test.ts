/**
 * Expected E.164 numbers are written by hand: the country's calling code from the ITU-T E.164
 * list (+98 Iran, +90 Türkiye, +66 Thailand, +48 Poland, +971 UAE, +966 Saudi Arabia, +20 Egypt,
 * +49 Germany, +44 United Kingdom, +1 North America, +7 Russia/Kazakhstan), then the national
 * number without the trunk prefix 0 that people dial at home. Numbers are made up but follow each
 * plan's mobile and landline ranges (Iran 09xx mobiles, Tehran 021; Türkiye 05xx mobiles,
 * İstanbul 0212; Thailand 08x mobiles, Bangkok 02; UAE 050; Saudi 05x).
 */
import { countryCodeForPhone, normalizePhone, toE164 } from '../../../lib/lead/phone';
import { leadFromFlatRecord } from '../../../lib/lead/fields';

describe('local forms with the lead\'s country', () => {
	test.each([
		['0912 345 6789', 'IR', '+989123456789'],
		['۰۹۱۲ ۳۴۵ ۶۷۸۹', 'IR', '+989123456789'],
		['٠٩١٢-٣٤٥-٦٧٨٩', 'IR', '+989123456789'],
		['021 8888 7777', 'IR', '+982188887777'],
		['912 345 6789', 'IR', '+989123456789'],
		['98 912 345 6789', 'IR', '+989123456789'],
		['0532 123 45 67', 'TR', '+905321234567'],
		['(0212) 123 45 67', 'TR', '+902121234567'],
		['081 234 5678', 'TH', '+66812345678'],
		['๐๘๑ ๒๓๔ ๕๖๗๘', 'TH', '+66812345678'],
		['02 123 4567', 'TH', '+6621234567'],
		['600 700 800', 'PL', '+48600700800'],
		['600-700-800', 'PL', '+48600700800'],
		['22 123 45 67', 'PL', '+48221234567'],
		['050 123 4567', 'AE', '+971501234567'],
		['٠٥٠ ١٢٣ ٤٥٦٧', 'AE', '+971501234567'],
		['055 123 4567', 'SA', '+966551234567'],
		['010 1234 5678', 'EG', '+201012345678'],
		['030 12345678', 'DE', '+493012345678'],
		['(212) 736-4567', 'US', '+12127364567'],
		['0912 345 6789', 'ir', '+989123456789'],
	])('%s in %s → %s', (phone, country, e164) => {
		expect(toE164(phone, country)).toBe(e164);
	});
});

describe('explicit international prefixes, whatever the lead\'s country', () => {
	test.each([
		['+98 912 345 6789', null, '+989123456789', 'IR'],
		['0098 912 345 6789', null, '+989123456789', 'IR'],
		['+98 (0) 912 345 6789', null, '+989123456789', 'IR'],
		['(+90) 532 123 45 67', null, '+905321234567', 'TR'],
		['+66 81 234 5678', 'IR', '+66812345678', 'TH'],
		['+48 600 700 800', null, '+48600700800', 'PL'],
		['+971 50 123 4567', null, '+971501234567', 'AE'],
		['+966 55 123 4567', null, '+966551234567', 'SA'],
		['+۹۸ ۹۱۲ ۳۴۵ ۶۷۸۹', null, '+989123456789', 'IR'],
		['+1 416 555 0123', null, '+14165550123', 'CA'],
		['+7 701 123 4567', null, '+77011234567', 'KZ'],
		['+7 912 123 4567', null, '+79121234567', 'RU'],
		['+44 20 7946 0958', null, '+442079460958', 'GB'],
	])('%s → %s (%s)', (phone, country, e164, phoneCountry) => {
		expect(toE164(phone, country)).toBe(e164);
		expect(countryCodeForPhone(phone)).toBe(phoneCountry);
	});
});

describe('unclear numbers are never given a wrong E.164', () => {
	test.each([
		['0912 345 6789', null, 'no country and no prefix'],
		['0912 345 678', 'IR', 'a digit short'],
		['0532 123 45 67', 'IR', 'a Turkish mobile read in Iran\'s plan'],
		['0912 345 6789', 'PL', 'an Iranian mobile read in Poland\'s plan'],
		['12345', 'IR', 'too short'],
		['call me', 'IR', 'not a number'],
		['0912 345 6789 ext. 12', 'IR', 'an extension'],
		['0912 345 6789', 'ZZ', 'an unknown country'],
		['+999 123 456', null, 'an unassigned calling code'],
		['+98 123', null, 'too short after the calling code'],
	])('%s in %s stays as written (%s)', (phone, country, _why) => {
		expect(toE164(phone, country)).toBeNull();
		expect(normalizePhone(phone, country)).toBe(phone);
	});

	test('a local number says nothing about the country', () => {
		expect(countryCodeForPhone('0912 345 6789')).toBeNull();
	});
});

describe('a lead\'s phone', () => {
	test.each([
		['ایران', '۰۹۱۲ ۳۴۵ ۶۷۸۹', '+989123456789'],
		['Türkiye', '0532 123 45 67', '+905321234567'],
		['ประเทศไทย', '081 234 5678', '+66812345678'],
		['Polska', '600 700 800', '+48600700800'],
		['الإمارات العربية المتحدة', '050 123 4567', '+971501234567'],
	])('from %s: %s → %s', (country, phone, e164) => {
		const lead = leadFromFlatRecord({ country, phone }, 'generic', 'form');
		expect(lead.phone).toBe(e164);
	});

	test('an unclear phone is kept exactly as written', () => {
		expect(leadFromFlatRecord({ country: 'Narnia', phone: '0912 345 6789' }, 'generic', 'form').phone).toBe('0912 345 6789');
	});
});
