/**
 * Property-based tests (fast-check, fixed seeds) for the readers of numbers, yes/no answers and
 * dates that run on every lead (lib/text/numbers.ts, lib/lead/yesNo.ts, lib/lead/dates.ts):
 *  - a number written in any digit system with any locale's separators reads as the number it
 *    was made from (the oracle is the generated integer and decimal digits, read by Number());
 *  - unit letters that begin a longer word ("50 Mitarbeiter", "5 binlerce") never multiply;
 *  - random text and negated affirmations in any of our languages are never consent;
 *  - no input of any shape makes them throw or answer outside their type.
 */
import fc from 'fast-check';
import { parseDate } from '../../../lib/lead/dates';
import { parseBoolean, toIsoDate } from '../../../lib/lead/fields';
import { parseYesNo } from '../../../lib/lead/yesNo';
import { parseLooseNumber } from '../../../lib/text/numbers';

const SEED = 20261201;

/** The first code point of 0–9 in each digit system our leads type. */
const DIGIT_ZEROS = { ascii: 0x30, persian: 0x06f0, arabicIndic: 0x0660, thai: 0x0e50 };
function inDigits(text: string, zero: number): string {
	return text.replace(/\d/g, (digit) => String.fromCharCode(zero + Number(digit)));
}

/** Thousands separators with the decimal separators a locale pairs with them. */
const SEPARATOR_STYLES: Array<{ thousands: string; decimals: string[] }> = [
	{ thousands: '', decimals: ['.', ',', '\u066b'] },
	{ thousands: ',', decimals: ['.', '\u066b'] }, // en
	{ thousands: '.', decimals: [','] }, // de, pl, tr, nl, it, es, pt
	{ thousands: ' ', decimals: [',', '.'] }, // pl, fr
	{ thousands: '\u00a0', decimals: [','] }, // no-break space
	{ thousands: '\u202f', decimals: [','] }, // narrow no-break space (fr)
	{ thousands: "'", decimals: ['.', ','] }, // de-CH
	{ thousands: '\u066c', decimals: ['\u066b'] }, // Arabic
];

function grouped(integer: string, separator: string): string {
	if (!separator) return integer;
	const groups: string[] = [];
	for (let end = integer.length; end > 0; end -= 3) groups.unshift(integer.slice(Math.max(0, end - 3), end));
	return groups.join(separator);
}

const writtenNumber = fc.record({
	integer: fc.nat({ max: 2_000_000_000 }),
	// one or two decimal digits: three would be read as a thousands group ("1.500"), as people mean it
	decimals: fc.oneof(fc.constant(''), fc.stringMatching(/^\d{1,2}$/)),
	style: fc.constantFrom(...SEPARATOR_STYLES),
	decimalChoice: fc.nat(),
	zero: fc.constantFrom(...Object.values(DIGIT_ZEROS)),
	before: fc.constantFrom('', '$', '€', 'USD ', '฿', '₺', 'Budget: ', 'حدود ', 'około '),
	after: fc.constantFrom('', ' zł', ' TL', ' تومان', ' ريال', ' บาท', ' employees', ' نفر', ' คน', '+', ' pracowników', ' kişi'),
});

describe('numbers', () => {
	test('a number in any digit system with any locale separators reads as itself', () => {
		fc.assert(
			fc.property(writtenNumber, ({ integer, decimals, style, decimalChoice, zero, before, after }) => {
				const decimalSeparator = style.decimals[decimalChoice % style.decimals.length];
				const ascii = grouped(String(integer), style.thousands) + (decimals ? decimalSeparator + decimals : '');
				const text = before + inDigits(ascii, zero) + after;
				const expected = Number(decimals ? `${integer}.${decimals}` : String(integer));
				expect([text, parseLooseNumber(text)]).toEqual([text, expected]);
			}),
			{ seed: SEED, numRuns: 4000 },
		);
	});

	/** Every unit word, typed by hand for this test: a word made longer must not be one of them. */
	const UNIT_WORDS = new Set([
		'k', 'm', 'mm', 'mn', 'b', 'bn', 'thousand', 'thousands', 'million', 'millions', 'billion', 'billions', 'tsd', 'tausend', 'mio', 'millionen', 'mrd',
		'milliarde', 'milliarden', 'mille', 'milliard', 'milliards', 'mil', 'millon', 'millones', 'milhao', 'milhoes', 'mila', 'milione', 'milioni',
		'duizend', 'miljoen', 'tys', 'tysiac', 'tysiace', 'tysiecy', 'mln', 'milion', 'miliony', 'milionow', 'mld', 'miliard', 'miliardy', 'miliardow',
		'bin', 'milyon', 'milyar', 'milyard', 'هزار', 'میلیون', 'میلیارد', 'الف', 'آلاف', 'ألف', 'مليون', 'ملايين', 'مليار', 'مليارات',
	]);
	const latinUnits = ['k', 'K', 'm', 'M', 'mln', 'tys', 'bin', 'milyon', 'mio', 'Mrd', 'mil', 'thousand', 'million'];
	const arabicScriptUnits = ['هزار', 'میلیون', 'ألف', 'مليون'];
	const latinTail = fc.stringMatching(/^[a-zäöüąęłśżźçğışé]{1,8}$/);
	const arabicTail = fc.stringMatching(/^[بپتثجچحخدذرزسشصضطظعغفقکگلمنوهی]{1,4}$/);
	// Thai letters that start neither a Thai unit nor one of the words allowed after one (บาท, คน, ราย, กว่า, ขึ้นไป, หรือ…)
	const thaiTail = fc.stringMatching(/^[ธมตสงนวยจด]{1,4}$/);
	const wordStartingWithUnit = fc.oneof(
		fc.tuple(fc.constantFrom(...latinUnits), latinTail).map(([unit, tail]) => unit + tail),
		fc.tuple(fc.constantFrom(...arabicScriptUnits), arabicTail).map(([unit, tail]) => unit + tail),
		fc.tuple(fc.constantFrom('พัน', 'หมื่น', 'แสน', 'ล้าน'), thaiTail).map(([unit, tail]) => unit + tail),
	);

	test('unit letters that begin a longer word never multiply', () => {
		fc.assert(
			fc.property(
				fc.nat({ max: 1_000_000 }),
				fc.constantFrom('', ' ', '\u00a0'),
				// folded as people's spellings are compared: "Mıö" is "mio"
				wordStartingWithUnit.filter((word) => !UNIT_WORDS.has(word.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/ı/g, 'i').replace(/ł/g, 'l'))),
				fc.constantFrom(...Object.values(DIGIT_ZEROS)),
				(integer, space, word, zero) => {
					const text = `${inDigits(String(integer), zero)}${space}${word}`;
					expect([text, parseLooseNumber(text)]).toEqual([text, integer]);
				},
			),
			{ seed: SEED, numRuns: 3000 },
		);
	});
});

describe('yes/no answers', () => {
	/**
	 * Words that affirm or say yes in our twelve languages, typed by hand for this test (folded:
	 * lower case, no accents). Random text with none of them must never read as consent.
	 */
	const AFFIRMING_WORDS = new Set([
		'y', 'yes', 'yeah', 'yep', 'yup', 'true', '1', 'on', 'ok', 'okay', 'sure', 'checked', 'granted', 'given', 'agree', 'agreed', 'accept', 'accepted', 'optin', 'opt',
		'subscribe', 'subscribed', 'j', 'ja', 'jawohl', 'klar', 'gerne', 'einverstanden', 'akzeptiere', 'akzeptiert', 'zustimmen', 'zugestimmt', 'o', 'oui', 'ouais', 'accepte', 's', 'si',
		'vale', 'claro', 'acepto', 'consiento', 'autorizo', 'deseo', 'quiero', 'suscribirme', 'sim', 'aceito', 'concordo', 'consinto', 'desejo', 'quero', 'gostaria', 'certo', 'accetto',
		'acconsento', 'desidero', 'voglio', 'vorrei', 'jazeker', 'prima', 'akkoord', 'accepteer', 'geaccepteerd', 'graag', 'aanmelden', 'inschrijven', 't', 'tak', 'zgoda', 'akceptuje',
		'potwierdzam', 'chce', 'chcialbym', 'chcialabym', 'e', 'evet', 'tamam', 'olur', 'kabul', 'onayliyorum', 'onayladim', 'raziyim', 'istiyorum', 'isterim', 'بله', 'بلی', 'اره',
		'آره', 'حتما', 'باشه', 'موافقم', 'موافق', 'میپذیرم', 'پذیرفتم', 'میخواهم', 'مایلم', 'نعم', 'اجل', 'أجل', 'ايوه', 'طيب', 'اوافق', 'أوافق', 'اقبل', 'أقبل', 'اقر', 'أقر', 'ارغب',
		'أرغب', 'ارید', 'أريد', 'اود', 'أود', 'اشترک', 'اشترك', 'موافقه', 'موافقة',
	]);
	const AFFIRMING_THAI = ['ใช่', 'ค่ะ', 'ครับ', 'โอเค', 'ยินยอม', 'ยอมรับ', 'ตกลง', 'ต้องการ', 'สนใจ', 'อนุญาต', 'สมัคร'];
	function affirms(text: string): boolean {
		const words = text
			.normalize('NFKD')
			.replace(/[\u0300-\u036f\u200c]/g, '')
			.toLowerCase()
			.replace(/ı/g, 'i')
			.replace(/ł/g, 'l')
			.split(/[^\p{L}\p{N}]+/u);
		return words.some((word) => AFFIRMING_WORDS.has(word)) || AFFIRMING_THAI.some((word) => text.includes(word));
	}

	const NEUTRAL_WORDS = ['newsletter', 'marketing', 'emails', 'privacy', 'policy', 'Datenschutz', 'offres', 'correo', 'informacji', 'handlowych', 'KVKK', 'aydınlatma', 'ایمیل', 'خبرنامه', 'العروض', 'ข่าวสาร', 'อีเมล', 'thanks', 'dziękuję', 'maybe', 'later', 'not sure', 'perhaps', 'vielleicht', 'peut-être', 'quizás', 'talvez', 'forse', 'misschien', 'może', 'belki', 'شاید', 'ربما', 'อาจจะ'];
	const NEGATED_AFFIRMATIONS = ['I do not agree', "I don't want emails", 'No thanks', 'Nein, ich stimme nicht zu', 'Ich möchte keine Werbung', 'Je ne souhaite pas', "Je n'accepte pas", 'No acepto', 'No deseo recibir', 'Não aceito', 'Não quero', 'Non accetto', 'Non desidero', 'Ik ga niet akkoord', 'Ik wil geen e-mails', 'Nie wyrażam zgody', 'Nie chcę', 'Kabul etmiyorum', 'Onaylamıyorum', 'İstemiyorum', 'موافق نیستم', 'نمی‌خواهم', 'رضایت ندارم', 'خیر', 'لا أوافق', 'لا أرغب', 'غير موافق', 'لا', 'ไม่ยินยอม', 'ไม่ต้องการ', 'ไม่ใช่', 'Hayır', 'Nein', 'Non', 'Nee', 'Nie', 'No'];

	const randomText = fc.oneof(
		fc.string({ unit: 'grapheme', maxLength: 40 }),
		fc.string({ unit: 'binary', maxLength: 40 }),
		fc.array(fc.constantFrom(...NEUTRAL_WORDS), { minLength: 1, maxLength: 6 }).map((words) => words.join(' ')),
	);

	test('text without an affirmation is never a yes', () => {
		fc.assert(
			fc.property(randomText.filter((text) => !affirms(text)), (text) => {
				expect([text, parseYesNo(text)]).not.toEqual([text, true]);
				expect([text, parseBoolean(text)]).not.toEqual([text, true]);
			}),
			{ seed: SEED, numRuns: 5000 },
		);
	});

	test('a negated affirmation is never a yes, whatever surrounds it', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...NEGATED_AFFIRMATIONS),
				fc.array(fc.constantFrom(...NEUTRAL_WORDS), { maxLength: 3 }),
				fc.array(fc.constantFrom(...NEUTRAL_WORDS), { maxLength: 3 }),
				fc.constantFrom(' ', ', ', '. ', '\n'),
				(refusal, before, after, joint) => {
					const text = [before.join(' '), refusal, after.join(' ')].filter(Boolean).join(joint);
					expect([text, parseBoolean(text)]).not.toEqual([text, true]);
				},
			),
			{ seed: SEED, numRuns: 3000 },
		);
	});
});

describe('any input', () => {
	test('no reader throws, and each answers within its type', () => {
		fc.assert(
			fc.property(fc.oneof(fc.anything(), fc.string({ unit: 'binary', maxLength: 300 }), fc.date()), (value) => {
				const number = parseLooseNumber(value);
				expect(number === null || Number.isFinite(number)).toBe(true);
				expect([true, false, null]).toContain(parseBoolean(value));
				for (const date of [toIsoDate(value), parseDate(value)]) expect(date === null || /^(?:\d{4}|\+\d{6})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(date)).toBe(true);
			}),
			{ seed: SEED, numRuns: 3000 },
		);
	});
});
