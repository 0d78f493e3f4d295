/**
 * Job titles in the languages our users' leads write in, and the level each says. The expected
 * levels are written by hand from what the titles mean (a CEO, a managing director, a marketing
 * manager, a student...), not from the table.
 */
import { jobLevelsOf, PhraseFinder, foldForPhrases } from '../../../lib/scoring/titles';
import { compileModel, scoreLead } from '../../../lib/scoring/engine';
import { parseModel } from '../../../lib/scoring/model';
import { makeLead, NOW } from '../../helpers/leads';

describe('a decision maker, in any language, is senior and nothing else', () => {
	test.each([
		'CEO',
		'Chief Executive Officer',
		'Co-founder',
		'Managing Director',
		'VP of Sales',
		// Persian: with a space, a zero-width non-joiner or neither; Arabic yeh and kaf typed on an Arabic keyboard
		'مدیر عامل',
		'مدیر\u200cعامل',
		'مدیرعامل',
		'مديرعامل',
		'مدیر عامل شرکت',
		'بنیان‌گذار',
		'رئیس هیئت مدیره',
		'المدير التنفيذي',
		'الرئيس التنفيذي',
		'الرئيس التنفيذي للتقنية',
		'المدير العام',
		'الشريك المؤسس',
		'Prezes Zarządu',
		'PREZES ZARZĄDU',
		'Dyrektor',
		'Dyrektor ds. sprzedaży',
		'Współwłaściciel',
		'Genel Müdür',
		'GENEL MÜDÜR',
		'Genel Müdür Yardımcısı',
		'Kurucu',
		'Kurucu Ortak',
		'Satış Direktörü',
		'กรรมการผู้จัดการ',
		'กรรมการ ผู้จัดการ',
		'ผู้อำนวยการ',
		'ผู้อำนวยการฝ่ายขาย',
		'ประธานเจ้าหน้าที่บริหาร',
		'เจ้าของกิจการ',
		'Geschäftsführer',
		'GESCHÄFTSFÜHRERIN',
		'Geschaeftsfuehrer',
		'Leiter Vertrieb',
		'Marketingleiterin',
		'Directeur général',
		'Directrice commerciale',
		'PDG',
		'Director General',
		'Directora de Marketing',
		'Fundador',
		'Diretor',
		'Sócio-fundador',
		'Amministratore delegato',
		'Titolare',
		'Directeur',
		'Eigenaar',
		'Algemeen directeur',
	])('%s', (title) => {
		expect(jobLevelsOf(title)).toEqual(['senior']);
	});
});

describe('a manager or team lead is a manager', () => {
	test.each([
		'Marketing Manager',
		'Team Lead',
		'Product Owner',
		'مدیر بازاریابی',
		'سرپرست فروش',
		'مدير التسويق',
		'مديرة المبيعات',
		'رئيس فريق المبيعات',
		'Kierownik ds. marketingu',
		'Menedżer',
		'Pazarlama Müdürü',
		'Satış Müdürü',
		'Ürün Yöneticisi',
		'ผู้จัดการฝ่ายการตลาด',
		'หัวหน้าทีมขาย',
		'Teamleiter',
		'Responsable marketing',
		"Chef d'équipe",
		'Gerente de marketing',
		'Gestor de projetos',
		'Responsabile commerciale',
		'Teamleider',
	])('%s', (title) => {
		expect(jobLevelsOf(title)).toEqual(['manager']);
	});
});

describe('students, interns and job seekers will not buy', () => {
	test.each([
		'Student',
		'Marketing intern',
		'Looking for a job',
		'دانشجو',
		'دانشجوی کارشناسی ارشد',
		'کارآموز',
		'جویای کار',
		'طالب',
		'طالبة جامعية',
		'متدرب',
		'Studentka',
		'Stażysta',
		'Szukam pracy',
		'Öğrenci',
		'Üniversite öğrencisi',
		'Stajyer',
		'นักศึกษา',
		'นักศึกษาฝึกงาน',
		'กำลังหางาน',
		'Werkstudentin',
		'Praktikant',
		'Étudiante',
		'Stagiaire',
		'Becario',
		'Estagiária',
		'Stagista',
		'Stagiair',
	])('%s', (title) => {
		expect(jobLevelsOf(title)).toEqual(['not_a_buyer']);
	});
});

describe('no level where the title does not say one', () => {
	test.each([
		'Software Engineer',
		'Designer',
		// a word that only contains a title word is not that word
		'Leadership coach',
		'Directory services admin',
		'Ownership analyst',
		'Internal auditor',
		'Studentenwerk',
		'Kurucular derneği',
		'Mühendis',
		'برنامه نویس',
		'مهندس',
		'นักพัฒนาซอฟต์แวร์',
		'',
		'   ',
	])('%j', (title) => {
		expect(jobLevelsOf(title)).toEqual([]);
	});
});

test('a title with two roles has both levels, and the longest phrase wins at each place', () => {
	expect(jobLevelsOf('Marketing Manager & Co-founder')).toEqual(['senior', 'manager']);
	expect(jobLevelsOf('Founder (still a student)')).toEqual(['senior', 'not_a_buyer']);
	// "Genel Müdür" is not also "müdür"; "กรรมการผู้จัดการ" is not also "ผู้จัดการ"
	expect(jobLevelsOf('Genel Müdür')).not.toContain('manager');
	expect(jobLevelsOf('กรรมการผู้จัดการ')).not.toContain('manager');
	expect(jobLevelsOf('مدیرعامل')).not.toContain('manager');
});

describe('PhraseFinder', () => {
	const finder = new PhraseFinder([
		['ab', 'short'],
		['ab cd', 'long'],
		['มาก', 'thai'],
	]);
	const found = (text: string) => {
		const values: string[] = [];
		finder.scan(foldForPhrases(text), (value, start, end) => {
			values.push(`${value}@${start}-${end}`);
		});
		return values;
	};

	test('whole words, longest first', () => {
		expect(found('AB CD ab')).toEqual(['long@0-5', 'short@6-8']);
		expect(found('abc ab-x')).toEqual(['short@4-6']);
		expect(found('xab')).toEqual([]);
	});

	test('inside Thai anywhere', () => {
		expect(found('ดีมากๆ')).toEqual(['thai@2-5']);
	});

	test('stops when asked', () => {
		const values: string[] = [];
		finder.scan('ab ab ab', (value) => {
			values.push(value);
			return false;
		});
		expect(values).toEqual(['short']);
	});
});

describe('rules compare folded text on both sides', () => {
	type Rule = { operator: 'contains' | 'equals' | 'inList' | 'notContains'; field: string; value: string | string[] | number };
	const fires = (rule: Rule, fields: Parameters<typeof makeLead>[0]) => {
		const model = compileModel(parseModel({ name: 'm', version: '1', thresholds: { mql: 1, sql: 100 }, rules: [{ id: 'r', category: 'fit', points: 5, ...rule }] }));
		return scoreLead(model, makeLead(fields), { now: NOW }).reasons.some((reason) => reason.rule === 'r');
	};

	test.each([
		[{ operator: 'contains', field: 'jobTitle', value: 'genel müdür' }, { jobTitle: 'GENEL MÜDÜR' }, true],
		[{ operator: 'contains', field: 'jobTitle', value: 'genel mudur' }, { jobTitle: 'Genel Müdür Yardımcısı' }, true],
		[{ operator: 'contains', field: 'jobTitle', value: 'مدیر عامل' }, { jobTitle: 'مدير‌عامل شرکت' }, true],
		[{ operator: 'contains', field: 'jobTitle', value: 'ผู้จัดการ' }, { jobTitle: 'ผู้จัดการฝ่ายขาย' }, true],
		[{ operator: 'contains', field: 'jobTitle', value: 'cto' }, { jobTitle: 'Director' }, false],
		[{ operator: 'contains', field: 'jobTitle', value: 'prezes' }, { jobTitle: 'Wiceprezes' }, false],
		[{ operator: 'notContains', field: 'jobTitle', value: 'student' }, { jobTitle: 'STUDENT' }, false],
		[{ operator: 'equals', field: 'country', value: 'Türkiye' }, { country: 'TURKIYE' }, true],
		[{ operator: 'equals', field: 'country', value: 'ایران' }, { country: 'ايران' }, true],
		[{ operator: 'equals', field: 'answers.Seats', value: 50 }, { answers: { Seats: '۵۰' } }, true],
		[{ operator: 'equals', field: 'answers.Seats', value: 50 }, { answers: { Seats: '500' } }, false],
		[{ operator: 'inList', field: 'city', value: ['Kraków', 'Łódź'] }, { city: 'LODZ' }, true],
		[{ operator: 'inList', field: 'city', value: ['กรุงเทพ'] }, { city: 'กรุง เทพ' }, true],
		[{ operator: 'inList', field: 'city', value: ['Kraków', 'Łódź'] }, { city: 'Warszawa' }, false],
		[{ operator: 'equals', field: 'jobLevel', value: 'senior' }, { jobTitle: 'Prezes Zarządu' }, true],
		[{ operator: 'equals', field: 'jobLevel', value: 'manager' }, { jobTitle: 'Genel Müdür' }, false],
	] as const)('%j on %j → %s', (rule, fields, expected) => {
		expect(fires(rule as unknown as Rule, fields as Parameters<typeof makeLead>[0])).toBe(expected);
	});
});
