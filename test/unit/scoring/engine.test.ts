import { compileModel, parseLooseNumber, scoreLead } from '../../../lib/scoring/engine';
import { parseModel, ModelValidationError, type ScoringModelInput } from '../../../lib/scoring/model';
import { B2B_SAAS, ECOMMERCE, PRESETS, SERVICES_AGENCY } from '../../../lib/scoring/presets';
import { daysAgo, makeLead, NOW } from '../../helpers/leads';

const compiled = (input: ScoringModelInput) => compileModel(parseModel(input));
const b2b = compiled(B2B_SAAS);
const ecommerce = compiled(ECOMMERCE);
const services = compiled(SERVICES_AGENCY);

describe('presets give the stage a marketer would expect', () => {
	test('every preset validates', () => {
		for (const preset of Object.values(PRESETS)) expect(() => parseModel(preset)).not.toThrow();
	});

	test('a hand-raiser (demo request) is SQL even with a thin profile', () => {
		const lead = makeLead({ email: 'sam@gmail.com', firstName: 'Sam', events: [{ type: 'demo_request', at: daysAgo(1) }] });
		for (const model of [b2b, services]) {
			const score = scoreLead(model, lead, { now: NOW });
			expect(score.stage).toBe('sql');
			expect(score.handRaiser).toBe('demo_request');
		}
		expect(scoreLead(ecommerce, makeLead({ email: 'sam@gmail.com', firstName: 'Sam', events: [{ type: 'quote_request', at: daysAgo(1) }] }), { now: NOW }).stage).toBe('sql');
	});

	test('a newsletter-only free-mail lead stays a lead', () => {
		const lead = makeLead({ email: 'jo.smith@gmail.com', firstName: 'Jo', channel: 'newsletter', events: [{ type: 'newsletter_signup', at: daysAgo(0) }] });
		for (const model of [b2b, ecommerce, services]) expect(scoreLead(model, lead, { now: NOW }).stage).toBe('lead');
	});

	test('a disposable email is disqualified whatever else it did', () => {
		const lead = makeLead({ email: 'ceo@mailinator.com', firstName: 'Kim', jobTitle: 'CEO', events: [{ type: 'demo_request', at: daysAgo(0) }] });
		for (const model of [b2b, ecommerce, services]) {
			const score = scoreLead(model, lead, { now: NOW });
			expect(score.stage).toBe('disqualified');
			expect(score.flags).toContain('disposable_email');
		}
	});

	test('a senior title at a target company with pricing views is MQL or SQL', () => {
		const lead = makeLead({
			email: 'ana.ruiz@bigcorp.com',
			firstName: 'Ana',
			lastName: 'Ruiz',
			company: 'BigCorp',
			jobTitle: 'VP Marketing',
			answers: { 'Company size': '500-1000' },
			events: [
				{ type: 'pricing_page_view', at: daysAgo(1) },
				{ type: 'pricing_page_view', at: daysAgo(2) },
			],
		});
		const score = scoreLead(b2b, lead, { now: NOW });
		expect(['mql', 'sql']).toContain(score.stage);
		expect(score.grade).toBe('A');
		expect(score.reasons.map((r) => r.rule)).toEqual(expect.arrayContaining(['business_email', 'senior_title', 'company_size_200', 'event:pricing_page_view']));
	});

	test('a student with a work-looking email is graded D and not SQL', () => {
		const lead = makeLead({ email: 'lee@university.edu', firstName: 'Lee', jobTitle: 'Student', events: [{ type: 'pricing_page_view', at: daysAgo(0) }, { type: 'content_download', at: daysAgo(0) }, { type: 'webinar_attended', at: daysAgo(0) }, { type: 'trial_signup', at: daysAgo(0) }] });
		const score = scoreLead(b2b, lead, { now: NOW });
		expect(score.grade).toBe('D');
		expect(score.stage).not.toBe('sql');
	});
});

describe('the receipt', () => {
	test('reasons add up exactly to the total, including caps', () => {
		const events = Array.from({ length: 40 }, (_, i) => ({ type: i % 2 ? 'page_view' : 'pricing_page_view', at: daysAgo(i / 3) }));
		const lead = makeLead({ email: 'cto@acme.io', firstName: 'Rae', jobTitle: 'CTO and Head of Product', company: 'Acme', phone: '+1 555 0100', answers: { employees: '2,500' }, events });
		const score = scoreLead(b2b, lead, { now: NOW });
		expect(score.reasons.reduce((sum, r) => sum + r.points, 0)).toBe(score.total);
		expect(score.fit + score.engagement).toBe(score.total);
		expect(score.fit).toBe(55);
		const pageViews = score.reasons.find((r) => r.rule === 'event:page_view');
		expect(pageViews?.points).toBe(20);
		expect(pageViews?.detail).toContain('capped at 20');
	});

	test('a fit cap appears as its own negative reason', () => {
		const model = compiled({ ...B2B_SAAS, caps: { fit: 15, engagement: null, total: null } });
		const score = scoreLead(model, makeLead({ email: 'ceo@acme.io', firstName: 'Ola', jobTitle: 'CEO', company: 'Acme' }), { now: NOW });
		const cap = score.reasons.find((r) => r.rule === 'cap:fit');
		expect(cap).toEqual({ rule: 'cap:fit', category: 'fit', points: -20, detail: 'Fit capped at 15 (was 35)' });
		expect(score.fit).toBe(15);
	});

	test('word matching: "cto" does not fire on "Director"', () => {
		const model = compiled({ ...B2B_SAAS, rules: [{ id: 'cto', category: 'fit', field: 'jobTitle', operator: 'contains', value: 'cto', points: 10 }] });
		expect(scoreLead(model, makeLead({ email: 'a@b.io', jobTitle: 'Director of Sales' }), { now: NOW }).fit).toBe(0);
		expect(scoreLead(model, makeLead({ email: 'a@b.io', jobTitle: 'Co-founder & CTO' }), { now: NOW }).fit).toBe(10);
	});
});

describe('decay', () => {
	test('an event one half-life old counts half; deterministic for a given now', () => {
		const model = compiled({ name: 'decay', version: 1, thresholds: { mql: 10, sql: 100 }, events: { content_download: { points: 40 } }, decay: { halfLifeDays: 10 } });
		const fresh = scoreLead(model, makeLead({ email: 'a@b.io', events: [{ type: 'content_download', at: daysAgo(0) }] }), { now: NOW });
		const old = scoreLead(model, makeLead({ email: 'a@b.io', events: [{ type: 'content_download', at: daysAgo(10) }] }), { now: NOW });
		const older = scoreLead(model, makeLead({ email: 'a@b.io', events: [{ type: 'content_download', at: daysAgo(30) }] }), { now: NOW });
		expect([fresh.engagement, old.engagement, older.engagement]).toEqual([40, 20, 5]);
		expect(old.stage).toBe('mql');
		expect(older.stage).toBe('lead');
		expect(scoreLead(model, makeLead({ email: 'a@b.io', events: [{ type: 'content_download', at: daysAgo(10) }] }), { now: NOW })).toEqual(old);
	});

	test('hand-raisers older than the window no longer make an SQL', () => {
		const lead = makeLead({ email: 'x@acme.io', firstName: 'Al', events: [{ type: 'demo_request', at: daysAgo(200) }] });
		expect(scoreLead(b2b, lead, { now: NOW }).stage).not.toBe('sql');
	});
});

describe('activities without a usable date', () => {
	// 40 points, half-life 10 days, hand-raiser window 30 days: the expected points are halvings by hand
	const model = compiled({ name: 'undated', version: 1, thresholds: { mql: 10, sql: 100 }, events: { content_download: { points: 40 }, demo_request: { points: 0 } }, decay: { halfLifeDays: 10 }, handRaisers: ['demo_request'], handRaiserWindowDays: 30 });
	const undated = [
		{ type: 'demo_request', at: null },
		{ type: 'content_download', at: 'last Tuesday' },
	];

	test('are dated at the submission: 20 days old is two half-lives, and outside a 30-day window only later', () => {
		const recent = scoreLead(model, makeLead({ email: 'a@acme.io', submittedAt: daysAgo(20), events: undated }), { now: NOW });
		expect(recent.engagement).toBe(10);
		expect(recent.stage).toBe('sql');
		expect(recent.handRaiser).toBe('demo_request');
		expect(recent.flags).not.toContain('undated_activity');
		const old = scoreLead(model, makeLead({ email: 'a@acme.io', submittedAt: daysAgo(40), events: undated }), { now: NOW });
		expect(old.stage).toBe('lead');
		expect(old.handRaiser).toBeNull();
		// 40 × 0.5^4 = 2.5, rounded half away from zero by Math.round to 3
		expect(old.engagement).toBe(3);
	});

	test('without a submission date: flagged, outside the hand-raiser window and fully decayed, never "now"', () => {
		// before the fix both counted as happening at scoring time: SQL by the demo request, 40 points for ever
		const score = scoreLead(model, makeLead({ email: 'a@acme.io', submittedAt: null, events: undated }), { now: NOW });
		expect(score.stage).toBe('lead');
		expect(score.handRaiser).toBeNull();
		expect(score.engagement).toBe(0);
		expect(score.flags).toContain('undated_activity');
		expect(scoreLead(model, makeLead({ email: 'a@acme.io', submittedAt: 'garbage', events: undated }), { now: NOW }).flags).toContain('undated_activity');
	});

	test('without a submission date, the time the trigger received the lead dates them', () => {
		const score = scoreLead(model, makeLead({ email: 'a@acme.io', submittedAt: null, events: undated }), { now: NOW, receivedAt: daysAgo(10) });
		expect(score.stage).toBe('sql');
		expect(score.engagement).toBe(20);
		expect(score.flags).not.toContain('undated_activity');
		// the lead's own submission time comes first
		expect(scoreLead(model, makeLead({ email: 'a@acme.io', submittedAt: daysAgo(40), events: undated }), { now: NOW, receivedAt: daysAgo(10) }).stage).toBe('lead');
		expect(scoreLead(model, makeLead({ email: 'a@acme.io', submittedAt: null, events: undated }), { now: NOW, receivedAt: 'not a date' }).flags).toContain('undated_activity');
	});

	test('a dated activity on the same lead still counts, and the flag can disqualify or be scored by a rule', () => {
		const lead = makeLead({ email: 'a@acme.io', submittedAt: null, events: [...undated, { type: 'content_download', at: daysAgo(10) }] });
		expect(scoreLead(model, lead, { now: NOW }).engagement).toBe(20);
		const strict = compiled({ name: 'strict', version: 1, thresholds: { mql: 10, sql: 100 }, disqualifyOn: ['undated_activity'], rules: [{ id: 'undated', category: 'engagement', operator: 'hasFlag', value: 'undated_activity', points: -5 }] });
		const score = scoreLead(strict, lead, { now: NOW });
		expect(score.stage).toBe('disqualified');
		expect(score.reasons).toEqual([{ rule: 'undated', category: 'engagement', points: -5, detail: 'undated' }]);
	});

	test('without decay an undated activity keeps its points; without a window an undated hand-raiser still counts', () => {
		const timeless = compiled({ name: 'timeless', version: 1, thresholds: { mql: 10, sql: 100 }, events: { content_download: { points: 40 } }, handRaisers: ['demo_request'], handRaiserWindowDays: null });
		const score = scoreLead(timeless, makeLead({ email: 'a@acme.io', events: undated }), { now: NOW });
		expect(score.engagement).toBe(40);
		expect(score.stage).toBe('sql');
		expect(score.flags).toContain('undated_activity');
	});
});

describe('stages', () => {
	const lead = makeLead({ email: 'jo@gmail.com', firstName: 'Jo' });
	test('move forward only by default', () => {
		expect(scoreLead(b2b, lead, { now: NOW, previousStage: 'mql' }).stage).toBe('mql');
		expect(scoreLead(b2b, lead, { now: NOW, previousStage: 'mql', allowDowngrade: true }).stage).toBe('lead');
	});
	test('a disqualifying verdict always applies and is reported as a change', () => {
		const score = scoreLead(b2b, makeLead({ email: 'jo@yopmail.com' }), { now: NOW, previousStage: 'sql' });
		expect(score.stage).toBe('disqualified');
		expect(score.stageChanged).toBe(true);
	});
	test('SQL needs the minimum grade; a poor fit with a high score stays MQL', () => {
		const model = compiled({ name: 't', version: 1, thresholds: { mql: 10, sql: 20, sqlMinimumGrade: 'B' }, events: { page_view: { points: 30 } } });
		expect(scoreLead(model, makeLead({ email: 'a@b.io', events: [{ type: 'page_view', at: null }] }), { now: NOW }).stage).toBe('mql');
	});
	test('a disqualifying rule (competitor) wins over points', () => {
		const model = compiled({ ...B2B_SAAS, rules: [{ id: 'competitor', category: 'fit', field: 'domain', operator: 'domainInList', value: ['rival.com'], points: 0, disqualify: true }] });
		const score = scoreLead(model, makeLead({ email: 'spy@eu.rival.com', events: [{ type: 'demo_request', at: null }] }), { now: NOW });
		expect(score.stage).toBe('disqualified');
		expect(score.reasons[0].detail).toContain('disqualifies');
	});
});

describe('hygiene flags', () => {
	const flagsOf = (fields: Parameters<typeof makeLead>[0]) => scoreLead(b2b, makeLead(fields), { now: NOW }).flags;
	test.each([
		[{ email: 'not-an-email', firstName: 'Al' }, 'invalid_email'],
		[{ email: 'a@gmail.com', firstName: 'Al' }, 'free_email'],
		[{ email: 'a@10minutemail.com', firstName: 'Al' }, 'disposable_email'],
		[{ email: 'info@acme.io', firstName: 'Al' }, 'role_email'],
		[{ email: 'al@acme.io', firstName: 'Asdfgh', lastName: 'Qwerty' }, 'gibberish_name'],
		[{ email: 'al@acme.io' }, 'missing_name'],
		[{ firstName: 'Al' }, 'missing_email'],
		[{ email: 'al@acme.io', firstName: 'Al', answers: { _gotcha: 'http://spam.example' } }, 'honeypot'],
	])('%j → %s', (fields, flag) => {
		expect(flagsOf(fields)).toContain(flag);
	});
	test('real names in many scripts are not gibberish', () => {
		for (const [firstName, lastName] of [['Zoë', 'Ångström'], ['Jürgen', 'Schmidt'], ['محمد', 'العلي'], ['明', '王'], ['Llwyd', 'Strzelczyk'], ["D'Arcy", 'O’Brien']]) {
			expect(flagsOf({ email: 'x@acme.io', firstName, lastName })).not.toContain('gibberish_name');
		}
	});
	test('an empty honeypot does not flag', () => {
		expect(flagsOf({ email: 'al@acme.io', firstName: 'Al', answers: { honeypot: '' } })).not.toContain('honeypot');
	});
});

describe('model validation', () => {
	test('errors name the JSON path of the bad field', () => {
		const bad = { ...B2B_SAAS, rules: [...(B2B_SAAS.rules ?? []).slice(0, 2), { id: 'x', category: 'fit', field: 'jobTitle', operator: 'contains', value: 'ceo', points: 'ten' }] };
		expect(() => parseModel(bad)).toThrow(ModelValidationError);
		try {
			parseModel(bad);
		} catch (error) {
			expect((error as ModelValidationError).path).toBe('rules[2].points');
			expect((error as Error).message).toContain('rules[2].points');
		}
	});
	test('unknown keys, bad JSON and inverted thresholds are refused', () => {
		expect(() => parseModel('{"name": ')).toThrow(/not valid JSON/);
		expect(() => parseModel({ ...B2B_SAAS, thresholds: { mql: 50, sql: 10 } })).toThrow(/thresholds.sql/);
		expect(() => parseModel({ ...B2B_SAAS, colour: 'red' })).toThrow(/colour|Unrecognized/);
	});
	test('a regex the rules cannot run is refused with the rule named; nested repetitions run, in linear time', () => {
		const regexRule = (value: string) => ({ ...B2B_SAAS, rules: [{ id: 'senior', category: 'fit' as const, field: 'jobTitle', operator: 'regex' as const, value, points: 1 }] });
		expect(() => parseModel(regexRule('(a)\\1'))).toThrow('Invalid scoring model at "rules[0].value": rule "senior": regex uses a back-reference ("\\1"), which rules do not support');
		expect(() => parseModel(regexRule('^(?=.*vp)'))).toThrow(/rules\[0\]\.value": rule "senior": regex uses a lookahead/);
		expect(() => parseModel(regexRule('co\\-founder'))).toThrow(/rule "senior": regex does not compile/);
		const model = compiled(regexRule('^(\\w+\\s?)*$'));
		const title = (jobTitle: string) => scoreLead(model, makeLead({ email: 'a@acme.io', jobTitle }), { now: NOW }).reasons.some((reason) => reason.rule === 'senior');
		expect(title('Head of Sales')).toBe(true);
		// V8's backtracking takes minutes on this title (2^n paths); the rule answers at once
		expect(title(`${'a'.repeat(60)}!`)).toBe(false);
	});
});

test('parseLooseNumber reads the numbers people type into forms', () => {
	expect(['51-200', '1,000+', '$5k', '2.5m', 'about 40 people', 'none', 12].map(parseLooseNumber)).toEqual([51, 1000, 5000, 2500000, 40, null, 12]);
});
