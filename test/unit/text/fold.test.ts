import { foldKey, foldWords, toAsciiDigits } from '../../../lib/text/fold';

describe('foldWords: the same word, however it was typed, compares equal', () => {
	test.each([
		['  Genel Müdür ', 'genel mudur'],
		['GENEL MÜDÜR', 'genel mudur'],
		// Turkish İ/ı and I fold to one plain i, so İLETİŞİM, İletişim and iletisim meet
		['İLETİŞİM', 'iletisim'],
		['IŞIK', 'isik'],
		['PREZES ZARZĄDU', 'prezes zarzadu'],
		['Łódź', 'lodz'],
		['Straße', 'strasse'],
		['E-mail: adres', 'e mail adres'],
		// Arabic yeh and kaf become the Persian letters; teh marbuta becomes heh
		['مديرعامل', 'مدیرعامل'],
		['شركة', 'شرکه'],
		// a zero-width non-joiner, tatweel and harakat are not letters
		['مدیر\u200cعامل', 'مدیرعامل'],
		['مـــدير', 'مدیر'],
		['مُدِير', 'مدیر'],
		// right-to-left and left-to-right marks around a word
		['\u200fایمیل\u200e', 'ایمیل'],
		['กรรมการ ผู้จัดการ', 'กรรมการ ผู้จัดการ'],
		['😀 CEO 🚀', 'ceo'],
	])('%j → %j', (input, expected) => {
		expect(foldWords(input)).toBe(expected);
	});
});

describe('foldKey: labels without spaces or punctuation', () => {
	test.each([
		['E-mail Adresi:', 'emailadresi'],
		['Adres e-mail służbowy', 'adresemailsluzbowy'],
		['ایمیل کاری شما', 'ایمیلکاریشما'],
		['نام‌خانوادگی', 'نامخانوادگی'],
		['What is your work email?', 'whatisyourworkemail'],
	])('%j → %j', (input, expected) => {
		expect(foldKey(input)).toBe(expected);
	});
});

describe('toAsciiDigits', () => {
	test.each([
		['۰۹۱۲ ۳۴۵ ۶۷۸۹', '0912 345 6789'],
		['٠٥٠١٢٣٤٥٦٧', '0501234567'],
		['๐๘๑ ๒๓๔ ๕๖๗๘', '081 234 5678'],
		['１２３', '123'],
		['1403/09/10', '1403/09/10'],
	])('%j → %j', (input, expected) => {
		expect(toAsciiDigits(input)).toBe(expected);
	});
});
