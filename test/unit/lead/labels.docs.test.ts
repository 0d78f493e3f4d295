/**
 * docs/field-recognition.md is generated from the label table (lib/lead/labels.ts), so the two can
 * not drift. After changing the table: `UPDATE_DOCS=1 npx jest test/unit/lead/labels.docs.test.ts`.
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { EXACT_LABELS, FILLER_WORDS, KEYWORD_RULES, LABEL_LANGUAGES, NOT_A_FIELD, type LabelField, type LabelLanguage } from '../../../lib/lead/labels';

const DOC = join(__dirname, '..', '..', '..', 'docs', 'field-recognition.md');
const LANGUAGES = Object.keys(LABEL_LANGUAGES) as LabelLanguage[];
const FIELDS = Object.keys(EXACT_LABELS) as LabelField[];

const FIELD_NOTES: Record<LabelField, string> = {
	email: 'the lead\'s email address',
	firstName: 'given name',
	lastName: 'family name',
	fullName: 'the whole name; a bare "name" word (Name, Nom, Nome, Nombre, Naam, Ad, نام, الاسم, ชื่อ)',
	phone: 'phone, mobile, WhatsApp',
	company: 'company or organisation',
	jobTitle: 'job title, position, role',
	website: 'website',
	country: 'country as written',
	city: 'city, town, province (Thai จังหวัด)',
	companySize: 'not a lead field: Lead Score reads this answer as the company size',
	budget: 'not a lead field: Lead Score reads this answer as the budget',
	message: 'free text: message, comments, "how can we help"',
	consent: 'marketing consent (the answer is read by parseBoolean)',
};

const code = (items: readonly string[] | undefined) => (items && items.length ? items.map((item) => `\`${item.replace(/\|/g, '\\|')}\``).join(', ') : '–');

function render(): string {
	const lines: string[] = [];
	lines.push('# Field recognition');
	lines.push('');
	lines.push('<!-- Generated from lib/lead/labels.ts by test/unit/lead/labels.docs.test.ts (UPDATE_DOCS=1). Do not edit by hand. -->');
	lines.push('');
	lines.push('Every normalizer and Lead Score read form labels through one table, `lib/lead/labels.ts`. Labels are compared');
	lines.push('folded: case (Turkish İ/ı included), Latin diacritics, Arabic and Persian letter variants (ي/ی, ك/ک, ة/ه),');
	lines.push('zero-width non-joiners, direction marks, tatweel and harakat, native digits, spaces and punctuation do not matter.');
	lines.push('');
	lines.push('## How a label is read');
	lines.push('');
	lines.push('1. **Exact label**: the whole label is one of the exact labels below (or a machine key such as `utm_source`, `submitted_at`, `form_id`).');
	lines.push('2. **Exact after filler words**: the same once words that ask without naming are left out ("What is your name?" → "name").');
	lines.push('3. **Keywords**: the first rule below with a keyword in the label decides. A keyword starts and ends at word boundaries;');
	lines.push('   `*` lets its last word go on (`telefon*` meets "Telefonu"); Thai keywords are found anywhere (Thai has no spaces).');
	lines.push('');
	lines.push('A bare "name" word is only read in steps 1 and 2: "Project name" is not the lead\'s name. Labels read as');
	lines.push('*not a field* (confirmation copies, usernames, identifiers, terms and privacy checkboxes) fill nothing, and their');
	lines.push('values are not read by shape either.');
	lines.push('');
	lines.push('### Keyword rules, in priority order');
	lines.push('');
	lines.push('| # | Reads as | Why here |');
	lines.push('|---|---|---|');
	KEYWORD_RULES.forEach((rule, index) => lines.push(`| ${index + 1} | ${rule.field === NOT_A_FIELD ? '*not a field*' : `\`${rule.field}\``} | ${rule.why.replace(/\|/g, '\\|')} |`));
	lines.push('');
	lines.push('## Values, when no label says what a field is');
	lines.push('');
	lines.push('- A value under a label that names nothing we know (a bare field id, "Field 3", a number) is the **email** when it is');
	lines.push('  exactly one email address, and the **phone** when it is phone-shaped: 7–15 digits in any script, with `+`/`00`, a');
	lines.push('  trunk `0` or separators; dates, amounts with grouped thousands ("1 000 000"), dotted numbers and bare digit runs are not phones.');
	lines.push('- A label that names the field always wins over a value read by its shape, wherever it comes in the form.');
	lines.push('- Two different unlabelled emails (or phones) leave the field `null`: which one is the lead\'s is unknown. Both stay in `answers`.');
	lines.push('- Between email and phone the value wins over the label: "Email or phone: 0532 111 22 33" fills the phone.');
	lines.push('- Posts from tools without a normalizer are read whole: nested objects (`company.name` is the company, `ad.name` is not');
	lines.push('  the lead\'s name), lists of `{label|question|title|name|key, value|answer}`, and form-encoded keys such as `fields[email]`.');
	lines.push('- A bare "name" beside a first or last name is the other part ("Vorname" + "Name", "Nome" + "Cognome", "نام" + "نام خانوادگی").');
	lines.push('');
	lines.push('## Languages × fields');
	lines.push('');
	lines.push('Number of exact labels and keywords (exact + keywords) understood for each field in each language.');
	lines.push('');
	lines.push(`| Field | ${LANGUAGES.map((language) => language).join(' | ')} |`);
	lines.push(`|---|${LANGUAGES.map(() => '---').join('|')}|`);
	for (const field of FIELDS) {
		const cells = LANGUAGES.map((language) => {
			const exact = EXACT_LABELS[field][language]?.length ?? 0;
			const keywords = KEYWORD_RULES.filter((rule) => rule.field === field).reduce((sum, rule) => sum + (rule.keywords[language]?.length ?? 0), 0);
			return exact + keywords === 0 ? '–' : `${exact} + ${keywords}`;
		});
		lines.push(`| \`${field}\` | ${cells.join(' | ')} |`);
	}
	lines.push('');
	lines.push(`Languages: ${LANGUAGES.map((language) => `\`${language}\` ${LABEL_LANGUAGES[language]}`).join(', ')}.`);
	lines.push('');
	lines.push('## The table');
	for (const field of FIELDS) {
		lines.push('');
		lines.push(`### \`${field}\``);
		lines.push('');
		lines.push(FIELD_NOTES[field].charAt(0).toUpperCase() + FIELD_NOTES[field].slice(1) + '.');
		lines.push('');
		lines.push('| Language | Exact labels | Keywords |');
		lines.push('|---|---|---|');
		for (const language of LANGUAGES) {
			const keywords = KEYWORD_RULES.filter((rule) => rule.field === field).flatMap((rule) => rule.keywords[language] ?? []);
			const exact = EXACT_LABELS[field][language];
			if (!exact?.length && !keywords.length) continue;
			lines.push(`| ${LABEL_LANGUAGES[language]} | ${code(exact)} | ${code(keywords)} |`);
		}
	}
	lines.push('');
	lines.push('### Not a field');
	lines.push('');
	lines.push('| Language | Keywords |');
	lines.push('|---|---|');
	for (const language of LANGUAGES) {
		const keywords = KEYWORD_RULES.filter((rule) => rule.field === NOT_A_FIELD).flatMap((rule) => rule.keywords[language] ?? []);
		if (keywords.length) lines.push(`| ${LABEL_LANGUAGES[language]} | ${code(keywords)} |`);
	}
	lines.push('');
	lines.push('### Filler words');
	lines.push('');
	lines.push('| Language | Words |');
	lines.push('|---|---|');
	for (const language of LANGUAGES) if (FILLER_WORDS[language]?.length) lines.push(`| ${LABEL_LANGUAGES[language]} | ${code(FILLER_WORDS[language])} |`);
	lines.push('');
	return lines.join('\n');
}

test('docs/field-recognition.md is the label table as it is', () => {
	const rendered = render();
	if (process.env.UPDATE_DOCS) writeFileSync(DOC, rendered);
	expect(readFileSync(DOC, 'utf8')).toBe(rendered);
});

test('every language of our markets has labels for every lead field people type', () => {
	const personFields: LabelField[] = ['email', 'fullName', 'lastName', 'phone', 'company', 'jobTitle', 'country', 'city', 'companySize', 'message', 'consent'];
	const missing: string[] = [];
	for (const language of ['pl', 'tr', 'fa', 'ar', 'th'] as LabelLanguage[]) {
		for (const field of personFields) if (!EXACT_LABELS[field][language]?.length) missing.push(`${language} ${field}`);
	}
	expect(missing).toEqual([]);
});
