import type { ScoringModelInput } from './model';
import { titleWordsOf } from './titles';

/** Title words of each level in every language the presets read (lib/scoring/titles.ts). */
export const SENIOR_TITLES = titleWordsOf('senior');
export const MANAGER_TITLES = titleWordsOf('manager');
export const NOT_A_BUYER_TITLES = titleWordsOf('not_a_buyer');

/** Behaviour points every preset starts from; each preset adjusts a few of them. */
const COMMON_EVENTS = {
	page_view: { points: 2, cap: 20 },
	pricing_page_view: { points: 15, cap: 45 },
	case_study_view: { points: 8, cap: 24 },
	content_download: { points: 10, cap: 30 },
	trial_signup: { points: 25 },
	demo_request: { points: 40 },
	quote_request: { points: 40 },
	// asking what it costs (a form's "Pricing", a chat's "how much is it?") commits less than asking for a quote
	pricing_request: { points: 30 },
	contact_request: { points: 30 },
	consultation_request: { points: 40 },
	meeting_booked: { points: 40 },
	webinar_registered: { points: 5, cap: 10 },
	webinar_attended: { points: 15, cap: 30 },
	// bots and security scanners open and click mail, so these stay small and capped
	email_open: { points: 1, cap: 5 },
	email_click: { points: 3, cap: 15 },
	email_reply: { points: 10, cap: 20 },
	newsletter_signup: { points: 5 },
	newsletter_unsubscribe: { points: -10 },
	form_submission: { points: 5, cap: 15 },
	cart_add: { points: 2, cap: 10 },
	wishlist_add: { points: 1, cap: 5 },
	ad_click: { points: 5, cap: 10 },
	social_engagement: { points: 2, cap: 10 },
	thank_you_page_view: { points: 3, cap: 6 },
	// one per message the person sent in a messaging app; writing shows interest, but a long chat is not a longer one
	chat_message: { points: 3, cap: 15 },
};

/**
 * A lead who wrote from WhatsApp, Telegram, LINE or Instagram can be answered in that chat: the
 * channel verified who wrote, as a working email address would (lib/scoring/hygiene.ts).
 */
const CHAT_IDENTITY = { id: 'chat_identity', description: 'Wrote from a messaging app (verified chat identity)', category: 'fit', field: 'chat.userId', operator: 'exists', points: 5 } as const;

const HAND_RAISERS = ['demo_request', 'quote_request', 'contact_request', 'consultation_request', 'meeting_booked', 'pricing_request'];

export const B2B_SAAS: ScoringModelInput = {
	name: 'B2B SaaS',
	version: '1',
	description: 'Business buyers: work email, seniority and company size count; pricing views, trials and demo requests show intent.',
	thresholds: { mql: 40, sql: 80, sqlMinimumGrade: 'B' },
	grades: { A: 40, B: 25, C: 10 },
	caps: { fit: 60, engagement: 100, total: null },
	rules: [
		{ id: 'business_email', description: 'Work email address', category: 'fit', field: 'emailType', operator: 'equals', value: 'business', points: 10 },
		{ id: 'free_email', description: 'Free email address (gmail, outlook...)', category: 'fit', field: '', operator: 'hasFlag', value: 'free_email', points: -10 },
		{ id: 'role_email', description: 'Shared mailbox (info@, sales@...)', category: 'fit', field: '', operator: 'hasFlag', value: 'role_email', points: -5 },
		{ id: 'senior_title', description: 'Decision maker title', category: 'fit', field: 'jobLevel', operator: 'equals', value: 'senior', points: 20 },
		{ id: 'manager_title', description: 'Manager or team lead title', category: 'fit', field: 'jobLevel', operator: 'equals', value: 'manager', points: 10 },
		{ id: 'not_a_buyer', description: 'Student, intern or job seeker', category: 'fit', field: 'jobLevel', operator: 'equals', value: 'not_a_buyer', points: -30 },
		{ id: 'company_given', description: 'Company name given', category: 'fit', field: 'company', operator: 'exists', points: 5 },
		{ id: 'company_size_11', description: 'Company with more than 10 employees', category: 'fit', field: 'companySize', operator: 'greaterThan', value: 10, points: 5 },
		{ id: 'company_size_200', description: 'Company with 200 or more employees', category: 'fit', field: 'companySize', operator: 'greaterThan', value: 199, points: 10 },
		{ id: 'phone_given', description: 'Phone number given', category: 'fit', field: 'phone', operator: 'exists', points: 5 },
		{ id: 'gibberish_name', description: 'Name looks made up', category: 'fit', field: '', operator: 'hasFlag', value: 'gibberish_name', points: -15 },
		{ id: 'missing_name', description: 'No name given', category: 'fit', field: '', operator: 'hasFlag', value: 'missing_name', points: -5 },
		CHAT_IDENTITY,
	],
	events: COMMON_EVENTS,
	decay: { halfLifeDays: 30 },
	handRaisers: HAND_RAISERS,
	handRaiserWindowDays: 90,
	disqualifyOn: ['invalid_email', 'disposable_email', 'honeypot'],
};

export const ECOMMERCE: ScoringModelInput = {
	name: 'E-commerce',
	version: '1',
	description: 'Consumers: free email is normal; carts, product pages, newsletter and email clicks drive the score; quote or bulk requests go to sales.',
	thresholds: { mql: 30, sql: 60, sqlMinimumGrade: 'D' },
	grades: { A: 25, B: 15, C: 5 },
	caps: { fit: 30, engagement: 100, total: null },
	rules: [
		{ id: 'marketing_consent', description: 'Agreed to marketing', category: 'fit', field: 'consent.marketing', operator: 'equals', value: true, points: 10 },
		{ id: 'phone_given', description: 'Phone number given', category: 'fit', field: 'phone', operator: 'exists', points: 5 },
		{ id: 'name_given', description: 'Name given', category: 'fit', field: 'firstName', operator: 'exists', points: 5 },
		{ id: 'business_buyer', description: 'Buying for a business (wholesale potential)', category: 'fit', field: 'company', operator: 'exists', points: 10 },
		{ id: 'role_email', description: 'Shared mailbox (info@, sales@...)', category: 'fit', field: '', operator: 'hasFlag', value: 'role_email', points: -5 },
		{ id: 'gibberish_name', description: 'Name looks made up', category: 'fit', field: '', operator: 'hasFlag', value: 'gibberish_name', points: -15 },
		CHAT_IDENTITY,
	],
	events: {
		...COMMON_EVENTS,
		// a shopper asking the price is shopping, not yet a case for sales
		pricing_request: { points: 10 },
		page_view: { points: 1, cap: 10 },
		pricing_page_view: { points: 5, cap: 15 },
		cart_add: { points: 15, cap: 45 },
		wishlist_add: { points: 5, cap: 15 },
		newsletter_signup: { points: 10 },
		email_click: { points: 5, cap: 20 },
		trial_signup: { points: 10 },
		contact_request: { points: 20 },
	},
	decay: { halfLifeDays: 14 },
	handRaisers: ['quote_request', 'demo_request', 'consultation_request', 'meeting_booked'],
	handRaiserWindowDays: 30,
	disqualifyOn: ['invalid_email', 'disposable_email', 'honeypot'],
};

export const SERVICES_AGENCY: ScoringModelInput = {
	name: 'Services / Agency',
	version: '1',
	description: 'Project buyers: a company with a website and a stated budget fits; consultation and quote requests are hand-raisers.',
	thresholds: { mql: 35, sql: 70, sqlMinimumGrade: 'C' },
	grades: { A: 40, B: 25, C: 10 },
	caps: { fit: 60, engagement: 100, total: null },
	rules: [
		{ id: 'business_email', description: 'Work email address', category: 'fit', field: 'emailType', operator: 'equals', value: 'business', points: 10 },
		{ id: 'free_email', description: 'Free email address (gmail, outlook...)', category: 'fit', field: '', operator: 'hasFlag', value: 'free_email', points: -5 },
		{ id: 'company_given', description: 'Company name given', category: 'fit', field: 'company', operator: 'exists', points: 10 },
		{ id: 'website_given', description: 'Company website given', category: 'fit', field: 'website', operator: 'exists', points: 10 },
		{ id: 'senior_title', description: 'Decision maker title', category: 'fit', field: 'jobLevel', operator: 'equals', value: 'senior', points: 15 },
		{ id: 'budget_5k', description: 'Budget of 5,000 or more', category: 'fit', field: 'budget', operator: 'greaterThan', value: 4999, points: 15 },
		{ id: 'budget_20k', description: 'Budget of 20,000 or more', category: 'fit', field: 'budget', operator: 'greaterThan', value: 19999, points: 10 },
		{ id: 'tiny_budget', description: 'Budget under 1,000', category: 'fit', field: 'budget', operator: 'lessThan', value: 1000, points: -15 },
		{ id: 'not_a_buyer', description: 'Student, intern or job seeker', category: 'fit', field: 'jobLevel', operator: 'equals', value: 'not_a_buyer', points: -30 },
		{ id: 'gibberish_name', description: 'Name looks made up', category: 'fit', field: '', operator: 'hasFlag', value: 'gibberish_name', points: -15 },
		CHAT_IDENTITY,
	],
	events: { ...COMMON_EVENTS, case_study_view: { points: 10, cap: 30 }, pricing_page_view: { points: 10, cap: 30 } },
	decay: { halfLifeDays: 45 },
	handRaisers: HAND_RAISERS,
	handRaiserWindowDays: 90,
	disqualifyOn: ['invalid_email', 'disposable_email', 'honeypot'],
};

export const PRESETS = {
	b2bSaas: B2B_SAAS,
	ecommerce: ECOMMERCE,
	servicesAgency: SERVICES_AGENCY,
} as const;
export type PresetId = keyof typeof PRESETS;
