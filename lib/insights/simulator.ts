/**
 * A seeded world of leads whose chance of winning follows a known model, so that what Lead
 * Insights measures and learns can be checked against the truth: fit (job level, email, company
 * size, phone), behaviour (activities before the submission, decayed with a 30-day half-life and
 * capped as the B2B SaaS preset does), a hand-raiser (a demo request), source effects, an answer
 * the presets do not read (the buying timeline), unobserved noise and drift (behaviour matters
 * more, fit less, as months pass). Won leads often book a meeting after they submit: a backtest
 * that let it count would look better than the model is.
 *
 * Also the demo data of the sample workflows. Every name, company and address is made up.
 */
import { emptyLead } from '../lead/fields';
import type { Lead, LeadEvent } from '../lead/types';
import type { OutcomeRow } from './types';

/** One true effect of the simulated world, on the log-odds of winning. */
export interface TrueEffect {
	/** what it is, in the words of the lead (e.g. "senior job title", "demo request", "source: linkedin") */
	name: string;
	/** added to the log-odds when present (per decayed activity, up to its cap, for activities) */
	logOdds: number;
	/** the rule id of B2B SaaS (`event:<type>` for activities) or of the learner's candidate that stands for it */
	rule: string;
}

export interface SimulatorOptions {
	seed: number;
	leads: number;
	/** first submission (ISO); default 2025-01-01 */
	start?: string;
	/** submissions spread evenly over this many months; default 12 */
	months?: number;
	/** how much the effect of behaviour grows (and of fit shrinks) from the first to the last month, as a share; default 0.2 */
	drift?: number;
	/** standard deviation of unobserved per-lead noise on the log-odds; default 0.5 */
	noise?: number;
	/** log-odds of a lead with no effect at all; default -3 */
	baseLogOdds?: number;
	/** share of leads, the newest, still open (no outcome yet); default 0 */
	openShare?: number;
	/** give every lead a cost per lead by source; default true */
	costs?: boolean;
	/**
	 * more multiple-choice questions on the form ("Question 1" … with answers "Choice A" … "Choice E"),
	 * for benchmarks with many features: in every third question Choice A helps (+0.3), in the
	 * next it hurts (−0.3), in the third it does nothing; default 0
	 */
	extraQuestions?: number;
}

export interface SimulatedPopulation {
	rows: OutcomeRow[];
	/** the true model's chance for each row: everything the simulated world knows except the unobserved noise */
	trueProbability: Float64Array;
	effects: TrueEffect[];
}

const DAY_MS = 86_400_000;
const HALF_LIFE_DAYS = 30;

/** mulberry32: small, fast, and the same sequence on every platform for a seed. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function normal(random: () => number): number {
	const u = Math.max(random(), 1e-12);
	return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function poisson(random: () => number, mean: number): number {
	const limit = Math.exp(-mean);
	let count = 0;
	let product = random();
	while (product > limit) {
		count++;
		product *= random();
	}
	return count;
}

function pick<T>(random: () => number, weighted: ReadonlyArray<readonly [T, number]>): T {
	let total = 0;
	for (const [, weight] of weighted) total += weight;
	let draw = random() * total;
	for (const [value, weight] of weighted) {
		draw -= weight;
		if (draw < 0) return value;
	}
	return weighted[weighted.length - 1][0];
}

interface SourceProfile {
	channel: Lead['channel'];
	utmMedium: string;
	logOdds: number;
	cost: number;
}

const SOURCES: Record<string, SourceProfile> = {
	google_ads: { channel: 'ad', utmMedium: 'cpc', logOdds: 0, cost: 40 },
	linkedin: { channel: 'ad', utmMedium: 'paid_social', logOdds: 0.4, cost: 90 },
	facebook: { channel: 'ad', utmMedium: 'paid_social', logOdds: -0.6, cost: 15 },
	organic: { channel: 'form', utmMedium: 'organic', logOdds: 0.2, cost: 5 },
	referral: { channel: 'form', utmMedium: 'referral', logOdds: 0.8, cost: 20 },
};
const SOURCE_MIX = [
	['google_ads', 30],
	['linkedin', 15],
	['facebook', 25],
	['organic', 20],
	['referral', 10],
] as const;

const TITLES = {
	senior: ['CEO', 'Head of Marketing', 'VP Sales', 'Managing Director', 'CTO'],
	manager: ['Marketing Manager', 'Sales Manager', 'Team Lead'],
	individual: ['Analyst', 'Developer', 'Designer', 'Accountant'],
	not_a_buyer: ['Student', 'Intern'],
} as const;
const TITLE_MIX = [
	['senior', 15],
	['manager', 25],
	['individual', 35],
	['not_a_buyer', 5],
	['none', 20],
] as const;

const TIMELINE_LABEL = 'Buying timeline';
const TIMELINES = [
	['This quarter', 20],
	['This year', 45],
	['Just researching', 35],
] as const;

const COUNTRIES = [
	['PL', 'Polska', 25],
	['TR', 'Türkiye', 20],
	['TH', 'Thailand', 15],
	['AE', 'UAE', 15],
	['IR', 'Iran', 10],
	['DE', 'Germany', 15],
] as const;

const FIRST_NAMES = ['Anna', 'Piotr', 'Mehmet', 'Ayşe', 'Somchai', 'Niran', 'Reza', 'Sara', 'Fatima', 'Omar', 'Julia', 'Lukas'];
const LAST_NAMES = ['Nowak', 'Kowalski', 'Yilmaz', 'Demir', 'Saetang', 'Wongsa', 'Ahmadi', 'Karimi', 'Haddad', 'Mansour', 'Schmidt', 'Weber'];

/**
 * Activities before the submission: type, mean count, true log-odds per decayed activity and the
 * cap in activities (the B2B SaaS preset's cap ÷ points), so that the truth is a model Lead Score
 * can express.
 */
const BROWSING = [
	{ type: 'page_view', mean: 4, logOdds: 0.06, capCount: 10 },
	{ type: 'pricing_page_view', mean: 0.6, logOdds: 0.45, capCount: 3 },
	{ type: 'case_study_view', mean: 0.5, logOdds: 0.3, capCount: 3 },
	{ type: 'content_download', mean: 0.5, logOdds: 0.2, capCount: 3 },
	{ type: 'webinar_attended', mean: 0.25, logOdds: 0.5, capCount: 2 },
	{ type: 'email_click', mean: 1, logOdds: 0.08, capCount: 5 },
] as const;

const FIT_EFFECTS = {
	senior: 1.2,
	manager: 0.6,
	notABuyer: -2,
	businessEmail: 0.6,
	roleEmail: -0.5,
	bigCompany: 0.5,
	phone: 0.3,
};
const DEMO_REQUEST = 1.5;
const TIMELINE_EFFECTS: Record<string, number> = { 'This quarter': 0.9, 'This year': 0, 'Just researching': -0.8 };

const EXTRA_CHOICES = ['A', 'B', 'C', 'D', 'E'];
const extraQuestionEffect = (question: number) => [0.3, -0.3, 0][(question - 1) % 3];

/** The true effects, at the middle of the simulated time (drift scales fit down and behaviour up as months pass). */
export function trueEffects(extraQuestions = 0): TrueEffect[] {
	const questions: TrueEffect[] = [];
	for (let question = 1; question <= extraQuestions; question++) {
		const logOdds = extraQuestionEffect(question);
		if (logOdds !== 0) questions.push({ name: `Question ${question}: Choice A`, logOdds, rule: `answer_question${question}_choicea` });
	}
	return [
		...questions,
		{ name: 'senior job title', logOdds: FIT_EFFECTS.senior, rule: 'senior_title' },
		{ name: 'manager job title', logOdds: FIT_EFFECTS.manager, rule: 'manager_title' },
		{ name: 'student or intern', logOdds: FIT_EFFECTS.notABuyer, rule: 'not_a_buyer' },
		{ name: 'work email', logOdds: FIT_EFFECTS.businessEmail, rule: 'business_email' },
		{ name: 'shared mailbox (info@)', logOdds: FIT_EFFECTS.roleEmail, rule: 'role_email' },
		{ name: 'company of 200 or more', logOdds: FIT_EFFECTS.bigCompany, rule: 'company_size_200' },
		{ name: 'phone given', logOdds: FIT_EFFECTS.phone, rule: 'phone_given' },
		{ name: 'demo request', logOdds: DEMO_REQUEST, rule: 'event:demo_request' },
		...BROWSING.map((activity) => ({ name: `${activity.type} (per decayed activity)`, logOdds: activity.logOdds, rule: `event:${activity.type}` })),
		...Object.entries(SOURCES)
			.filter(([, profile]) => profile.logOdds !== 0)
			.map(([source, profile]) => ({ name: `source: ${source}`, logOdds: profile.logOdds, rule: `source_${source}` })),
		{ name: `${TIMELINE_LABEL}: This quarter`, logOdds: TIMELINE_EFFECTS['This quarter'], rule: 'answer_buyingtimeline_thisquarter' },
		{ name: `${TIMELINE_LABEL}: Just researching`, logOdds: TIMELINE_EFFECTS['Just researching'], rule: 'answer_buyingtimeline_justresearching' },
	];
}

export function simulateLeads(options: SimulatorOptions): SimulatedPopulation {
	const random = seededRandom(options.seed);
	const count = options.leads;
	const start = Date.parse(options.start ?? '2025-01-01T00:00:00.000Z');
	const span = (options.months ?? 12) * 30.4375 * DAY_MS;
	const drift = options.drift ?? 0.2;
	const noise = options.noise ?? 0.5;
	const base = options.baseLogOdds ?? -3;
	const openFrom = Math.floor(count * (1 - (options.openShare ?? 0)));
	const withCosts = options.costs ?? true;
	const extraQuestions = options.extraQuestions ?? 0;
	const rows: OutcomeRow[] = [];
	const trueProbability = new Float64Array(count);

	for (let index = 0; index < count; index++) {
		// submissions in time order, so the newest are the last rows
		const position = (index + random()) / count;
		const submitted = start + position * span;
		const behaviourWeight = 1 + drift * (position - 0.5);
		const fitWeight = 1 - drift * (position - 0.5);
		const source = pick(random, SOURCE_MIX);
		const profile = SOURCES[source];
		const lead = emptyLead(source, profile.channel);
		const firstName = FIRST_NAMES[Math.floor(random() * FIRST_NAMES.length)];
		const lastName = LAST_NAMES[Math.floor(random() * LAST_NAMES.length)];
		const companyNumber = 1 + Math.floor(random() * 5000);
		const emailKind = pick(random, [
			['business', 55],
			['free', 35],
			['role', 10],
		] as const);
		const domain = `company${companyNumber}.example.com`;
		lead.firstName = firstName;
		lead.lastName = lastName;
		lead.fullName = `${firstName} ${lastName}`;
		lead.email = emailKind === 'business' ? `${firstName.toLowerCase().replace(/[^a-z]/g, '')}.${index}@${domain}` : emailKind === 'role' ? `info${index}@${domain}`.replace(/^info\d+/, 'info') : `${firstName.toLowerCase().replace(/[^a-z]/g, '')}.${index}@gmail.com`;
		const hasCompany = emailKind !== 'free' || random() < 0.5;
		if (hasCompany) lead.company = `Company ${companyNumber}`;
		const level = pick(random, TITLE_MIX);
		if (level !== 'none') lead.jobTitle = TITLES[level][Math.floor(random() * TITLES[level].length)];
		const phone = random() < 0.4;
		if (phone) lead.phone = `+48 600 ${String(100000 + index).slice(-6)}`;
		const [countryCode, countryName] = pick(
			random,
			COUNTRIES.map(([code, name, weight]) => [[code, name], weight] as const),
		);
		lead.countryCode = countryCode;
		lead.country = countryName;
		const companySize = hasCompany ? Math.round(Math.exp(1 + random() * 7)) : null;
		const timeline = pick(random, TIMELINES);
		lead.answers = { [TIMELINE_LABEL]: timeline, ...(companySize !== null ? { 'Company size': companySize } : {}) };
		let questionEffect = 0;
		for (let question = 1; question <= extraQuestions; question++) {
			const choice = Math.floor(random() * EXTRA_CHOICES.length);
			lead.answers[`Question ${question}`] = `Choice ${EXTRA_CHOICES[choice]}`;
			if (choice === 0) questionEffect += extraQuestionEffect(question);
		}
		lead.formName = random() < 0.7 ? 'Contact us' : 'Download the pricing guide';
		lead.formId = lead.formName === 'Contact us' ? 'contact' : 'pricing-guide';
		lead.submittedAt = new Date(submitted).toISOString();
		lead.externalId = `sim-${options.seed}-${index}`;
		lead.utm = { source, medium: profile.utmMedium, campaign: random() < 0.5 ? 'spring_launch' : 'always_on', term: null, content: profile.channel === 'ad' ? `${source}_ad_${1 + Math.floor(random() * 3)}` : null };
		lead.consent = { marketing: random() < 0.6 };

		let fit = 0;
		if (level === 'senior') fit += FIT_EFFECTS.senior;
		if (level === 'manager') fit += FIT_EFFECTS.manager;
		if (level === 'not_a_buyer') fit += FIT_EFFECTS.notABuyer;
		if (emailKind === 'business') fit += FIT_EFFECTS.businessEmail;
		if (emailKind === 'role') fit += FIT_EFFECTS.roleEmail;
		if (companySize !== null && companySize >= 200) fit += FIT_EFFECTS.bigCompany;
		if (phone) fit += FIT_EFFECTS.phone;

		const events: LeadEvent[] = [];
		let behaviour = 0;
		// interest: people who browse more also ask for demos more
		const interest = Math.exp(0.6 * normal(random));
		for (const activity of BROWSING) {
			const times = poisson(random, activity.mean * interest);
			let decayed = 0;
			for (let k = 0; k < times; k++) {
				const ageDays = random() * 60;
				decayed += Math.pow(0.5, ageDays / HALF_LIFE_DAYS);
				events.push({ type: activity.type, at: new Date(submitted - ageDays * DAY_MS).toISOString() });
			}
			behaviour += activity.logOdds * Math.min(decayed, activity.capCount);
		}
		const demo = random() < Math.min(0.6, 0.08 * interest * (level === 'senior' ? 1.5 : 1));
		if (demo) {
			events.push({ type: 'demo_request', at: lead.submittedAt });
			behaviour += DEMO_REQUEST;
		}
		if (lead.formName !== 'Contact us' && random() < 0.5) events.push({ type: 'thank_you_page_view', at: lead.submittedAt, value: 'Book a consultation' });
		lead.events = events;

		const logOdds = base + fitWeight * fit + behaviourWeight * behaviour + profile.logOdds + TIMELINE_EFFECTS[timeline] + questionEffect;
		trueProbability[index] = 1 / (1 + Math.exp(-logOdds));
		// what no model can see: the person's own circumstances
		const won = random() < 1 / (1 + Math.exp(-(logOdds + noise * normal(random))));
		const closed = submitted + (10 + random() * 80) * DAY_MS;
		// after the submission: what a backtest as of the submission must not see
		if (won && random() < 0.6) events.push({ type: 'meeting_booked', at: new Date(submitted + 3 * DAY_MS).toISOString() });
		const open = index >= openFrom;
		rows.push({
			lead,
			outcome: open ? 'open' : won ? 'won' : 'lost',
			value: won && !open ? 1000 * (1 + Math.floor(random() * 20)) : null,
			closedAt: open ? null : new Date(closed).toISOString(),
			costPerLead: withCosts ? profile.cost : null,
		});
	}
	return { rows, trueProbability, effects: trueEffects(extraQuestions) };
}
