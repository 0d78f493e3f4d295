/**
 * parseLooseNumber (lib/text/numbers.ts) on answers as leads type them, per language. Every
 * expected value is written out by hand from the text: digits read one by one, separators read by
 * the locale convention named in the test, units from their dictionary meaning.
 */
import { parseLooseNumber } from '../../../lib/text/numbers';
import { parseLooseNumber as engineParseLooseNumber } from '../../../lib/scoring/engine';

function expectParsed(cases: Array<[unknown, number | null]>): void {
	for (const [input, expected] of cases) expect([input, parseLooseNumber(input)]).toEqual([input, expected]);
}

test('the engine reads company size and budget with this parser', () => {
	expect(engineParseLooseNumber('50 Mitarbeiter')).toBe(50);
	expect(engineParseLooseNumber('۵۰ میلیون تومان')).toBe(50_000_000);
});

describe('what the parser read before keeps its meaning', () => {
	test('ranges give their lower bound, units k and m, numbers as they are', () => {
		expectParsed([
			['51-200', 51],
			['1,000+', 1000],
			['$5k', 5000],
			['2.5m', 2_500_000],
			['about 40 people', 40],
			['none', null],
			[12, 12],
			[Number.NaN, null],
			[Number.POSITIVE_INFINITY, null],
			[true, null],
			[null, null],
			[undefined, null],
			['', null],
		]);
	});
});

describe('digits of every script', () => {
	test('Persian, Arabic-Indic and Thai digits', () => {
		expectParsed([
			['۵۰۰', 500],
			['٥١-٢٠٠', 51],
			['๕๐๐', 500],
			['۱۲٫۵', 12.5],
			['١٬٢٣٤٬٥٦٧', 1_234_567],
			['١٬٢٣٤٫٥', 1234.5],
			['۱،۰۰۰', 1000],
			// a right-to-left mark typed between the digits is not seen, and does not split the number
			['۱۰\u200f۰', 100],
		]);
	});
});

describe('separators by locale', () => {
	test('thousands', () => {
		expectParsed([
			['1.000', 1000], // de, pl, tr, nl, it, es, pt
			['1,000', 1000], // en
			['1 000', 1000], // pl, fr (space)
			['1\u00a0000', 1000], // no-break space
			['1\u202f000', 1000], // narrow no-break space (fr)
			["1'000", 1000], // de-CH
			['1.000.000', 1_000_000],
			['1,000,000', 1_000_000],
			['12 345 678', 12_345_678],
			['1٬000', 1000], // Arabic thousands sign
		]);
	});

	test('decimals', () => {
		expectParsed([
			['1,5', 1.5],
			['2.5', 2.5],
			['1.234,56', 1234.56],
			['1,234.56', 1234.56],
			['1 234,5', 1234.5],
			['0.500', 0.5],
			['1234,567', 1234.567],
			['3٫75', 3.75], // Arabic decimal sign
		]);
	});

	test('a space joins only a group of three digits, so two numbers stay apart', () => {
		expectParsed([
			['5 10', 5],
			['2024 500', 2024],
			['1.2.3', 1.2],
		]);
	});
});

describe('unit words count only as whole words', () => {
	test('English, German, French, Spanish, Portuguese, Italian, Dutch', () => {
		expectParsed([
			['50 Mitarbeiter', 50],
			['5 km', 5],
			['5K/month', 5000],
			['$1.1k', 1100],
			['2 million', 2_000_000],
			['1,5 Mio. €', 1_500_000],
			['3 Mrd', 3_000_000_000],
			['20 mil €', 20_000], // es/pt "mil" = thousand
			['2 millones', 2_000_000],
			['1,2 milhões', 1_200_000],
			['3 milioni', 3_000_000],
			['2 miljoen', 2_000_000],
			['5mm', 5_000_000],
			['10 mice', 10],
		]);
	});

	test('Polish', () => {
		expectParsed([
			['5 000 zł', 5000],
			['5 tys. zł', 5000],
			['2,5 mln zł', 2_500_000],
			['1 mld', 1_000_000_000],
			['20 tysięcy', 20_000],
			['50 tysiącami', 50], // not a unit word, though it starts like one
		]);
	});

	test('Turkish', () => {
		expectParsed([
			['50.000 TL', 50_000],
			['50 bin TL', 50_000],
			['1,5 milyon TL', 1_500_000],
			['3 milyar', 3_000_000_000],
			['5 binlerce', 5],
		]);
	});

	test('Persian and Arabic', () => {
		expectParsed([
			['۵۰ میلیون تومان', 50_000_000],
			['۵۰۰ هزار تومان', 500_000],
			// Persian keyboards type the decimal sign as a slash; two slashes make a date, an ASCII slash a fraction or a date
			['۲/۵ میلیون تومان', 2_500_000],
			['۱۴۰۳/۰۹/۱۰', 1403],
			['2/5', 2],
			['۲ میلیارد ریال', 2_000_000_000],
			['٥٠ ألف ريال', 50_000],
			['٣ ملايين درهم', 3_000_000],
			['٢ مليون ريال', 2_000_000],
			['مليون', null],
		]);
	});

	test('Thai, written without spaces', () => {
		expectParsed([
			['฿50,000', 50_000],
			['5 ล้านบาท', 5_000_000],
			['5ล้าน', 5_000_000],
			['3 แสน', 300_000],
			['5 พันบาท', 5000],
			['2 หมื่นบาท', 20_000],
			['5 พันล้าน', 5_000_000_000],
			['50 พันธมิตร', 50], // "partners": starts with พัน (thousand) but is another word
		]);
	});

	test('currency signs and codes are ignored', () => {
		expectParsed([
			['€5,000', 5000],
			['USD 5 000', 5000],
			['5000 ريال', 5000],
			['ر.س 5000', 5000],
			['₺50.000', 50_000],
		]);
	});
});

describe('ranges and open bounds give the lower bound', () => {
	test('ranges, with the unit of the upper bound', () => {
		expectParsed([
			['51 - 200', 51],
			['51–200', 51],
			['5-10k', 5000],
			['1-5 mln', 1_000_000],
			['od 10 do 50', 10],
			['از ۱۰ تا ۵۰ نفر', 10],
		]);
	});

	test('"more than" in every language is its number', () => {
		expectParsed([
			['more than 500', 500],
			['über 500', 500],
			['plus de 500', 500],
			['más de 500', 500],
			['mais de 500', 500],
			['più di 500', 500],
			['meer dan 500', 500],
			['powyżej 1 000', 1000],
			["500'den fazla", 500],
			['بیش از ۵۰۰ نفر', 500],
			['أكثر من ٥٠٠', 500],
			['มากกว่า 500 คน', 500],
			['1000+', 1000],
		]);
	});

	test('"less than" in every language opens a range at 0', () => {
		expectParsed([
			['less than 10', 0],
			['< 10', 0],
			['< $5k', 0],
			['Under $1,000', 0],
			['up to 5k', 0],
			['weniger als 10', 0],
			['moins de 10', 0],
			['menos de 10', 0],
			['meno di 10', 0],
			['minder dan 10', 0],
			['poniżej 10', 0],
			['mniej niż 10', 0],
			["10'dan az", 0],
			['10 kişiden az', 0],
			["50'nin altında", 0],
			['کمتر از ۱۰ نفر', 0],
			['أقل من ١٠', 0],
			['น้อยกว่า 10 คน', 0],
			['ไม่เกิน 10', 0],
		]);
	});

	test('a leading minus sign is kept; a dash between words is not one', () => {
		expectParsed([
			['-5', -5],
			['Budget: -5', -5],
			['Q-3', 3],
		]);
	});
});
