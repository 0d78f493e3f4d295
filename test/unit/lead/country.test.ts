/**
 * Expected codes are ISO 3166-1 alpha-2 as the ISO 3166 Maintenance Agency publishes them
 * (IR Iran, SA Saudi Arabia, AE United Arab Emirates, PL Poland, TR Türkiye, TH Thailand, EG Egypt,
 * DE Germany, GB United Kingdom, US United States), written here by hand; the spellings are how
 * people write the country's name in each language.
 */
import { countryCodeFor, isCountryCode } from '../../../lib/lead/country';
import { leadFromFlatRecord } from '../../../lib/lead/fields';

describe('countryCodeFor', () => {
	test.each([
		// Persian
		['ایران', 'IR'],
		['جمهوری اسلامی ایران', 'IR'],
		['کشور ایران', 'IR'],
		['عربستان سعودی', 'SA'],
		['ترکیه', 'TR'],
		['آلمان', 'DE'],
		// Arabic, with and without hamza, and in the Persian letter forms
		['إيران', 'IR'],
		['ايران', 'IR'],
		['السعودية', 'SA'],
		['المملكة العربية السعودية', 'SA'],
		['الإمارات العربية المتحدة', 'AE'],
		['مصر', 'EG'],
		['تركيا', 'TR'],
		['ألمانيا', 'DE'],
		// Polish
		['Polska', 'PL'],
		['Niemcy', 'DE'],
		['Turcja', 'TR'],
		['Arabia Saudyjska', 'SA'],
		// Turkish, with dotted and dotless i in both cases
		['Türkiye', 'TR'],
		['TÜRKİYE', 'TR'],
		['turkiye', 'TR'],
		['Almanya', 'DE'],
		['Suudi Arabistan', 'SA'],
		['Mısır', 'EG'],
		// Thai, with and without the word "country"
		['ไทย', 'TH'],
		['ประเทศไทย', 'TH'],
		['เยอรมนี', 'DE'],
		// English, German, French, Spanish, Portuguese, Italian, Dutch
		['Iran', 'IR'],
		['Turkey', 'TR'],
		['Thailand', 'TH'],
		['Deutschland', 'DE'],
		['Émirats arabes unis', 'AE'],
		['Emiratos Árabes Unidos', 'AE'],
		['Arábia Saudita', 'SA'],
		['Egitto', 'EG'],
		['Verenigde Arabische Emiraten', 'AE'],
		// abbreviations, codes and flags
		['KSA', 'SA'],
		['UAE', 'AE'],
		['USA', 'US'],
		['UK', 'GB'],
		['ir', 'IR'],
		['TR', 'TR'],
		['IRN', 'IR'],
		['POL', 'PL'],
		['THA', 'TH'],
		['ARE', 'AE'],
		['SAU', 'SA'],
		['🇹🇭', 'TH'],
		['🇮🇷', 'IR'],
		// spacing and case as typed
		['  polska ', 'PL'],
	])('%s → %s', (text, code) => {
		expect(countryCodeFor(text)).toBe(code);
	});

	test.each([[''], ['   '], ['Tehran, Iran'], ['Narnia'], ['XX'], ['XYZ'], ['🇽🇽'], ['country'], ['a'.repeat(500)]])('%j is unclear: null', (text) => {
		expect(countryCodeFor(text)).toBeNull();
	});

	test('only assigned alpha-2 codes count as codes', () => {
		expect(isCountryCode('IR')).toBe(true);
		expect(isCountryCode('UK')).toBe(false);
		expect(isCountryCode('XX')).toBe(false);
	});
});

describe('a lead keeps the country as written and gains its code', () => {
	test.each([
		['ایران', 'IR'],
		['Polska', 'PL'],
		['ประเทศไทย', 'TH'],
		['KSA', 'SA'],
	])('%s', (country, code) => {
		const lead = leadFromFlatRecord({ email: 'a@acme.io', country }, 'generic', 'form');
		expect(lead.country).toBe(country);
		expect(lead.countryCode).toBe(code);
	});

	test('without a country, an international phone gives the code; a local one gives none', () => {
		expect(leadFromFlatRecord({ phone: '+90 532 123 45 67' }, 'generic', 'form').countryCode).toBe('TR');
		expect(leadFromFlatRecord({ phone: '0532 123 45 67' }, 'generic', 'form').countryCode).toBeNull();
	});

	test('the country as written wins over the phone\'s calling code', () => {
		const lead = leadFromFlatRecord({ country: 'Deutschland', phone: '+90 532 123 45 67' }, 'generic', 'form');
		expect(lead.countryCode).toBe('DE');
		expect(lead.phone).toBe('+905321234567');
	});
});
