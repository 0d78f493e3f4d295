/**
 * Property-based tests (fast-check, fixed seeds) for reading form labels and values
 * (lib/lead/labels.ts, lib/lead/fields.ts, the generic normalizer):
 *  - a label means the same however it is typed: case (Turkish İ/ı included), Latin diacritics,
 *    Arabic/Persian letter variants, zero-width and direction marks, punctuation and emoji around it;
 *  - any text, in any script, is read without throwing, as a known field or null;
 *  - an unlabelled email is the email, two different ones leave it null, a labelled one always wins;
 *  - phone shapes in every market's local and international forms are phones, dates and amounts are not;
 *  - one post in, one lead out; a label that is not a consent label never makes consent true.
 * Oracles: the meaning of the same label typed plainly (metamorphic), and values built by the generators.
 */
import fc from 'fast-check';
import { fieldForLabel, looksLikeEmail, looksLikePhone } from '../../../lib/lead/fields';
import { EXACT_LABELS, KEYWORD_RULES, labelMeaning, NOT_A_FIELD } from '../../../lib/lead/labels';
import { genericNormalizer } from '../../../lib/normalizers/generic';
import type { Lead } from '../../../lib/lead/types';

const SEED = 20261201;

const TABLE_LABELS: string[] = [
	...Object.values(EXACT_LABELS).flatMap((languages) => Object.values(languages).flatMap((labels) => [...(labels ?? [])])),
	...KEYWORD_RULES.flatMap((rule) => Object.values(rule.keywords).flatMap((keywords) => (keywords ?? []).map((keyword) => keyword.replace(/\*$/, '')))),
	'What is your work email?',
	'ایمیل کاری شما',
	'Adres e-mail służbowy',
	'Tell us about your company',
	'Your position at the company',
	'กรุณากรอกชื่อ',
	'Confirm email',
	'Project name',
];
const MEANINGS = new Set<string | null>([null, NOT_A_FIELD, ...Object.keys(EXACT_LABELS)]);

/** Ways people type the same label; each keeps what a reader sees. */
const retyped = (label: string) =>
	fc
		.record({
			letterCase: fc.constantFrom('as is', 'upper', 'lower'),
			invisible: fc.array(fc.tuple(fc.nat(), fc.constantFrom('\u200c', '\u200f', '\u200e', '\u202b', '\u2068', '\ufeff', '\u00ad')), { maxLength: 3 }),
			arabicLetters: fc.boolean(),
			turkishI: fc.boolean(),
			latinAccent: fc.option(fc.nat(), { nil: undefined }),
			around: fc.tuple(fc.constantFrom('', ' ', '  ', '📧 ', '* ', '\u200f'), fc.constantFrom('', ' ', ':', ' *', '?', ' 🚀')),
			separator: fc.constantFrom(' ', '  ', '\t', ' \u200c'),
		})
		.map(({ letterCase, invisible, arabicLetters, turkishI, latinAccent, around, separator }) => {
			let text = label.split(' ').join(separator);
			if (letterCase === 'upper') text = text.toUpperCase();
			if (letterCase === 'lower') text = text.toLowerCase();
			// Arabic keyboards type ي, ك and ة where Persian ones type ی, ک and final ه
			if (arabicLetters) text = text.replace(/ی/g, 'ي').replace(/ک/g, 'ك');
			if (turkishI) text = text.replace(/i/g, 'ı').replace(/I/g, 'İ');
			if (latinAccent !== undefined) {
				const positions = [...text.matchAll(/[a-z]/gi)].map((match) => match.index as number);
				if (positions.length > 0) {
					const at = positions[latinAccent % positions.length] + 1;
					text = text.slice(0, at) + '\u0301' + text.slice(at);
				}
			}
			for (const [position, mark] of invisible) {
				const at = position % (text.length + 1);
				text = text.slice(0, at) + mark + text.slice(at);
			}
			return `${around[0]}${text}${around[1]}`;
		});

describe('labels', () => {
	test('a label means the same however it is typed', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...TABLE_LABELS).chain((label) => fc.tuple(fc.constant(label), retyped(label))),
				([label, typed]) => {
					expect(labelMeaning(typed)).toBe(labelMeaning(label));
				},
			),
			{ seed: SEED, numRuns: 4000 },
		);
	});

	test('any text in any script is read without throwing, as a known field or null', () => {
		const anyText = fc.oneof(
			fc.string({ maxLength: 60 }),
			fc.string({ unit: 'grapheme', maxLength: 40 }),
			fc.string({ unit: 'binary', maxLength: 40 }),
			fc.array(fc.constantFrom('نام', 'ایمیل', 'ชื่อ', 'E-posta', 'Imię', '🙂', '\u200f', '1', ' ', '-', 'company', 'size', 'confirm'), { maxLength: 8 }).map((parts) => parts.join(' ')),
		);
		fc.assert(
			fc.property(anyText, (label) => {
				const meaning = labelMeaning(label);
				expect(MEANINGS.has(meaning)).toBe(true);
				expect(labelMeaning(label)).toBe(meaning);
				const field = fieldForLabel(label);
				if (field !== null) expect(typeof field).toBe('string');
			}),
			{ seed: SEED + 1, numRuns: 1500 },
		);
	});

	test('labels made only of digits, punctuation and marks name nothing', () => {
		fc.assert(
			fc.property(fc.array(fc.constantFrom('0', '1', '۲', '٣', '๔', '.', '-', '_', ' ', '#', '\u200c', '\u200f', '*', '🙂'), { minLength: 1, maxLength: 12 }), (parts) => {
				expect(labelMeaning(parts.join(''))).toBeNull();
			}),
			{ seed: SEED + 2, numRuns: 1000 },
		);
	});
});

function leadOf(body: Record<string, unknown>): Lead {
	const { leads } = genericNormalizer.normalize({ body, headers: {}, query: {} });
	expect(leads).toHaveLength(1);
	return leads[0];
}

const unknownLabel = fc.oneof(fc.integer({ min: 0, max: 999 }).map(String), fc.constantFrom('Field 7', 'Q3', 'answer', 'input_12', 'Pole 4', 'Soru 2', 'سوال ۳', 'คำถาม 1'));
const email = fc.emailAddress().filter((address) => address.length <= 200);

describe('values without a label that names them', () => {
	test('an unlabelled email is the email, lower-cased', () => {
		fc.assert(
			fc.property(unknownLabel, email, (label, address) => {
				expect(leadOf({ [label]: address }).email).toBe(address.toLowerCase());
			}),
			{ seed: SEED + 3, numRuns: 500 },
		);
	});

	test('two different unlabelled emails leave the email null; both stay as answers', () => {
		fc.assert(
			fc.property(email, email, (first, second) => {
				fc.pre(first.toLowerCase() !== second.toLowerCase());
				const lead = leadOf({ 'Field 1': first, 'Field 2': second });
				expect(lead.email).toBeNull();
				expect(lead.answers['Field 1']).toBe(first);
				expect(lead.answers['Field 2']).toBe(second);
			}),
			{ seed: SEED + 4, numRuns: 300 },
		);
	});

	test('a labelled email wins over any unlabelled one, before or after it', () => {
		const labels = fc.constantFrom('Email', 'E-posta', 'ایمیل', 'البريد الإلكتروني', 'อีเมล', 'Adres e-mail');
		fc.assert(
			fc.property(email, email, labels, fc.boolean(), (labelled, guessed, label, labelFirst) => {
				const body = labelFirst ? { [label]: labelled, 'Field 9': guessed } : { 'Field 9': guessed, [label]: labelled };
				expect(leadOf(body).email).toBe(labelled.toLowerCase());
			}),
			{ seed: SEED + 5, numRuns: 300 },
		);
	});
});

const digits = (count: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: count, maxLength: count }).map((list) => list.join(''));
/** Phones as people in our markets type them: international, local with a trunk 0, grouped with spaces or dashes, in native digits. */
const phone = fc.oneof(
	fc.tuple(fc.constantFrom('+98', '+966', '+971', '+20', '+48', '+90', '+66', '+44', '+1'), digits(3), digits(3), digits(3)).map(([code, a, b, c]) => `${code} ${a} ${b} ${c}`),
	fc.tuple(fc.constantFrom('09', '05', '08', '06'), digits(2), digits(3), digits(4)).map(([trunk, a, b, c]) => `${trunk}${a}${b}${c}`),
	fc.tuple(fc.constantFrom('0532', '0501', '081'), digits(3), digits(2), digits(2)).map(([prefix, a, b, c]) => `${prefix} ${a} ${b} ${c}`),
	fc.tuple(digits(3), digits(3), digits(3)).map(([a, b, c]) => `${a}-${b}-${c}`),
	fc.tuple(fc.constantFrom('09'), digits(9)).map(([trunk, rest]) => [...`${trunk}${rest}`].map((digit) => String.fromCharCode(0x06f0 + Number(digit))).join('')),
);

describe('phone shapes', () => {
	test('phones typed in every market are phones, and an unlabelled one fills the phone', () => {
		fc.assert(
			fc.property(phone, unknownLabel, (number, label) => {
				expect(looksLikePhone(number)).toBe(true);
				expect(looksLikeEmail(number)).toBe(false);
				expect(leadOf({ [label]: number }).phone).not.toBeNull();
			}),
			{ seed: SEED + 6, numRuns: 500 },
		);
	});

	test('dates, amounts with grouped thousands and bare numbers are not phones', () => {
		const notPhone = fc.oneof(
			fc.date({ min: new Date('1990-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
			fc.date({ min: new Date('1990-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10).split('-').reverse().join('.')),
			fc.tuple(fc.integer({ min: 1, max: 99 }), fc.array(digits(3), { minLength: 1, maxLength: 4 }), fc.constantFrom(' ', '.', ',')).map(([head, groups, separator]) => [String(head), ...groups].join(separator)),
			fc.integer({ min: 1, max: 999_999_999 }).filter((n) => !String(n).startsWith('0')).map(String),
		);
		fc.assert(
			fc.property(notPhone, (text) => {
				expect(looksLikePhone(text)).toBe(false);
			}),
			{ seed: SEED + 7, numRuns: 1000 },
		);
	});
});

describe('posts', () => {
	const jsonValue = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null), email, phone);
	const post = fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...TABLE_LABELS.slice(0, 200))), fc.oneof(jsonValue, fc.array(jsonValue, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 8 }), jsonValue, { maxKeys: 4 })), { maxKeys: 25 });

	test('one post in, one lead out, every field a string or null', () => {
		fc.assert(
			fc.property(post, (body) => {
				const lead = leadOf(body);
				for (const field of ['email', 'firstName', 'lastName', 'fullName', 'phone', 'company', 'jobTitle', 'website', 'country', 'city', 'message'] as const) {
					expect(lead[field] === null || typeof lead[field] === 'string').toBe(true);
				}
			}),
			{ seed: SEED + 8, numRuns: 800 },
		);
	});

	test('a label that is not a consent label never makes consent true', () => {
		const notConsent = TABLE_LABELS.filter((label) => labelMeaning(label) !== 'consent');
		fc.assert(
			fc.property(fc.constantFrom(...notConsent, 'I agree', 'I accept that we share your answers', 'Akceptuję regulamin', 'Onaylıyorum sözleşmeyi'), fc.constantFrom(true, 'yes', 'Yes', 'true', 'on', 'بله', 'نعم', 'Tak', 'Evet', 'ใช่', 1), (label, value) => {
				expect(leadOf({ [label]: value }).consent.marketing).toBeNull();
			}),
			{ seed: SEED + 9, numRuns: 1000 },
		);
	});
});
