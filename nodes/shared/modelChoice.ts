/**
 * How a node chooses its scoring model: a preset, rules built in the editor, or Model JSON. Lead
 * Score and Lead Insights share these parameters (same names, same behaviour), so a model checked
 * in Lead Insights is the model Lead Score runs.
 */
import type { INodeProperties } from 'n8n-workflow';
import { KNOWN_EVENT_TYPES } from '../../lib/scoring/events';
import { HYGIENE_FLAGS } from '../../lib/scoring/hygiene';
import { B2B_SAAS } from '../../lib/scoring/presets';

const FLAG_OPTIONS = HYGIENE_FLAGS.map((flag) => ({
	name: flag.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()),
	value: flag,
}));

const EVENT_OPTIONS = [
	...KNOWN_EVENT_TYPES.map(({ type, label }) => ({ name: label, value: type })),
	{ name: 'Other (Type It In)', value: 'custom' },
];

const FIELD_OPTIONS = [
	{ name: 'Budget (From a Form Answer)', value: 'budget' },
	{ name: 'Channel (Form, Newsletter, Ad)', value: 'channel' },
	{ name: 'City', value: 'city' },
	{ name: 'Company', value: 'company' },
	{ name: 'Company Size (From a Form Answer)', value: 'companySize' },
	{ name: 'Country (as Written)', value: 'country' },
	{ name: 'Country Code (ISO, e.g. PL, TR)', value: 'countryCode' },
	{ name: 'Email', value: 'email' },
	{ name: 'Email Domain', value: 'emailDomain' },
	{ name: 'Email Type (Business, Free, Disposable)', value: 'emailType' },
	{ name: 'Form Answer (by Question Label)', value: 'answer' },
	{ name: 'Form Name', value: 'formName' },
	{ name: 'Job Level (Senior, Manager, Not a Buyer; Any Language)', value: 'jobLevel' },
	{ name: 'Job Title', value: 'jobTitle' },
	{ name: 'Language (Two-Letter Code)', value: 'language' },
	{ name: 'Marketing Consent', value: 'consent.marketing' },
	{ name: 'Phone', value: 'phone' },
	{ name: 'Source (Typeform, Mailchimp...)', value: 'source' },
	{ name: 'UTM Campaign', value: 'utm.campaign' },
	{ name: 'UTM Medium', value: 'utm.medium' },
	{ name: 'UTM Source', value: 'utm.source' },
	{ name: 'Website', value: 'website' },
];

const eventDefaults = Object.entries(B2B_SAAS.events ?? {})
	.filter(([type]) => ['page_view', 'pricing_page_view', 'content_download', 'webinar_attended', 'email_click', 'demo_request', 'quote_request', 'contact_request'].includes(type))
	.map(([type, rule]) => ({ type, points: rule.points, cap: rule.cap ?? 0 }));

const EXAMPLE_MODEL = JSON.stringify(
	{
		name: 'My agency model',
		version: '1',
		thresholds: { mql: 40, sql: 80, sqlMinimumGrade: 'B' },
		grades: { A: 40, B: 25, C: 10 },
		caps: { fit: 60, engagement: 100, total: null },
		rules: [
			{ id: 'senior_title', category: 'fit', field: 'jobTitle', operator: 'contains', value: ['ceo', 'founder', 'director', 'vp', 'head of'], points: 20 },
			{ id: 'free_email', category: 'fit', operator: 'hasFlag', value: 'free_email', points: -10 },
		],
		events: { pricing_page_view: { points: 15, cap: 45 }, demo_request: { points: 40 } },
		decay: { halfLifeDays: 30 },
		handRaisers: ['demo_request', 'quote_request', 'contact_request'],
		disqualifyOn: ['invalid_email', 'disposable_email', 'honeypot'],
	},
	null,
	2,
);

const customOnly = { show: { scoringModel: ['custom'] } };

export const MODEL_SUBTITLE = '={{ {"b2bSaas":"B2B SaaS preset","ecommerce":"E-commerce preset","servicesAgency":"Services / Agency preset","custom":"Custom rules","json":"Model JSON"}[$parameter["scoringModel"]] }}';

/** Scoring Model and, for Custom Rules, the rules, activity points, thresholds, decay and hand-raisers. */
export const modelChoiceProperties: INodeProperties[] = [
	{
		displayName: 'Scoring Model',
		name: 'scoringModel',
		type: 'options',
		noDataExpression: true,
		default: 'b2bSaas',
		description: 'How leads are scored. Presets work out of the box; the documentation page docs/scoring.md lists every point they give.',
		options: [
			{ name: 'B2B SaaS', value: 'b2bSaas', description: 'Work email, seniority and company size; pricing views, trials and demo requests' },
			{ name: 'Custom Rules', value: 'custom', description: 'Build your own rules and event points here in the editor' },
			{ name: 'E-Commerce', value: 'ecommerce', description: 'Consumers: carts, product views, newsletter and email clicks' },
			{ name: 'Model JSON', value: 'json', description: 'Paste or map a model as JSON, for agencies that reuse one model across clients' },
			{ name: 'Services / Agency', value: 'servicesAgency', description: 'Company, website and budget; consultation and quote requests' },
		],
	},
	{
		displayName: 'Model JSON',
		name: 'modelJson',
		type: 'json',
		default: EXAMPLE_MODEL,
		description: 'A full scoring model. It is checked before any lead is scored; a mistake is reported with its place, e.g. rules[2].points.',
		displayOptions: { show: { scoringModel: ['json'] } },
		typeOptions: { rows: 12 },
	},
	{
		displayName: 'Model Name',
		name: 'modelName',
		type: 'string',
		default: 'Custom rules',
		description: 'Shown in every score so you can tell which model scored a lead, e.g. "Q3 model"',
		displayOptions: customOnly,
	},
	{
		displayName: 'Model Version',
		name: 'modelVersion',
		type: 'string',
		default: '1',
		description: 'Raise it when you change the rules, so scores from before and after can be told apart',
		displayOptions: customOnly,
	},
	{
		displayName: 'Rules',
		name: 'rules',
		placeholder: 'Add Rule',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {
			rule: [
				{ name: 'Decision Maker', category: 'fit', field: 'jobTitle', operator: 'contains', value: 'ceo, founder, director, vp, head of', points: 20 },
				{ name: 'Work Email', category: 'fit', field: 'emailType', operator: 'equals', value: 'business', points: 10 },
			],
		},
		description: 'Each rule gives points (or takes them away) when the lead matches it',
		displayOptions: customOnly,
		options: [
			{
				name: 'rule',
				displayName: 'Rule',
				values: [
					{
						displayName: 'Category',
						name: 'category',
						type: 'options',
						default: 'fit',
						options: [
							{ name: 'Fit (Who They Are)', value: 'fit' },
							{ name: 'Engagement (What They Did)', value: 'engagement' },
						],
						description: 'Fit points decide the grade (A–D); both count towards the total',
					},
					{
						displayName: 'Condition',
						name: 'operator',
						type: 'options',
						default: 'contains',
						description: 'How the field is compared with the value below; words and lists are comma-separated',
						options: [
							{ name: 'Contains Any of These Words', value: 'contains' },
							{ name: 'Does Not Contain Any of These Words', value: 'notContains' },
							{ name: 'Email or Website Domain Is One Of', value: 'domainInList' },
							{ name: 'Has Hygiene Flag', value: 'hasFlag' },
							{ name: 'Is Empty', value: 'notExists' },
							{ name: 'Is Exactly', value: 'equals' },
							{ name: 'Is Filled In', value: 'exists' },
							{ name: 'Is Greater Than', value: 'greaterThan' },
							{ name: 'Is Less Than', value: 'lessThan' },
							{ name: 'Is Not', value: 'notEquals' },
							{ name: 'Is Not One Of', value: 'notInList' },
							{ name: 'Is One Of', value: 'inList' },
							{ name: 'Matches Pattern (Regex)', value: 'regex' },
						],
					},
					{
						displayName: 'Disqualify When Matched',
						name: 'disqualify',
						type: 'boolean',
						default: false,
						description: 'Whether a match sends the lead straight to Disqualified (e.g. competitors, students)',
					},
					{
						displayName: 'Flag',
						name: 'flag',
						type: 'options',
						default: 'free_email',
						options: FLAG_OPTIONS,
						description: 'A data-quality signal the node computes for every lead',
						displayOptions: { show: { operator: ['hasFlag'] } },
					},
					{ displayName: 'Lead Field', name: 'field', type: 'options', default: 'jobTitle', options: FIELD_OPTIONS, description: 'The part of the lead this rule looks at' },
					{
						displayName: 'Maximum Points',
						name: 'cap',
						type: 'number',
						default: 0,
						description: 'Upper limit for this rule when it matches several answers (0 = no limit)',
					},
					{ displayName: 'Points', name: 'points', type: 'number', default: 10, description: 'Points to add; use a negative number to take points away' },
					{
						displayName: 'Question Label',
						name: 'answerLabel',
						type: 'string',
						default: '',
						placeholder: 'How many employees?',
						description: 'The form question as it is labelled in your form (case and spaces do not matter)',
						displayOptions: { show: { field: ['answer'] } },
					},
					{ displayName: 'Rule Name', name: 'name', type: 'string', default: '', description: 'Shown in the score receipt, e.g. "Decision maker"' },
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'ceo, founder, director',
						description: 'What to compare with. Separate several values with commas. Numbers for "greater/less than" (e.g. 50 for company size).',
						displayOptions: { hide: { operator: ['exists', 'notExists', 'hasFlag'] } },
					},
				],
			},
		],
	},
	{
		displayName: 'Activity Points',
		name: 'eventPoints',
		placeholder: 'Add Activity',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: { event: eventDefaults },
		description: 'Points for what the lead did (from the lead\'s "events" list). Older activity counts less when decay is on.',
		displayOptions: customOnly,
		options: [
			{
				name: 'event',
				displayName: 'Activity',
				values: [
					{ displayName: 'Activity', name: 'type', type: 'options', default: 'page_view', options: EVENT_OPTIONS, description: 'The activity in lead.events that earns these points' },
					{ displayName: 'Activity Name', name: 'customType', type: 'string', default: '', placeholder: 'price_calculator_used', description: 'The type your site or tool sends in lead.events, e.g. price_calculator_used', displayOptions: { show: { type: ['custom'] } } },
					{ displayName: 'Points Each Time', name: 'points', type: 'number', default: 5, description: 'Points per occurrence, before decay by age' },
					{ displayName: 'Maximum Points', name: 'cap', type: 'number', default: 0, description: 'Limit for this activity however often it happens (0 = no limit)' },
				],
			},
		],
	},
	{
		displayName: 'MQL Threshold',
		name: 'mqlThreshold',
		type: 'number',
		default: 40,
		description: 'Leads with at least this total score become Marketing Qualified (MQL)',
		displayOptions: customOnly,
	},
	{
		displayName: 'SQL Threshold',
		name: 'sqlThreshold',
		type: 'number',
		default: 80,
		description: 'Leads with at least this total score, and a good enough grade, become Sales Qualified (SQL)',
		displayOptions: customOnly,
	},
	{
		displayName: 'Minimum Grade for SQL',
		name: 'sqlMinimumGrade',
		type: 'options',
		default: 'B',
		options: ['A', 'B', 'C', 'D'].map((grade) => ({ name: grade, value: grade })),
		description: 'Grade comes from fit points: A is the best fit. A high score from a poor fit stays MQL.',
		displayOptions: customOnly,
	},
	{
		displayName: 'Decay Half-Life (Days)',
		name: 'halfLifeDays',
		type: 'number',
		default: 30,
		description: 'Activity loses half its points after this many days (0 = no decay)',
		displayOptions: customOnly,
	},
	{
		displayName: 'Hand-Raiser Activities',
		name: 'handRaisers',
		type: 'multiOptions',
		default: ['demo_request', 'quote_request', 'contact_request', 'pricing_request', 'meeting_booked', 'consultation_request'],
		options: EVENT_OPTIONS.filter((option) => option.value !== 'custom'),
		description: 'Activities that make a lead Sales Qualified at once, whatever the score (asked for a demo, a quote, to be contacted)',
		displayOptions: customOnly,
	},
	{
		displayName: 'Disqualify On',
		name: 'disqualifyOn',
		type: 'multiOptions',
		default: ['invalid_email', 'disposable_email', 'honeypot'],
		options: FLAG_OPTIONS,
		description: 'Data-quality problems that send a lead straight to Disqualified',
		displayOptions: customOnly,
	},
];

/** Entries of a node's Options collection that adjust the chosen model (thresholds, decay, target accounts, competitors). */
export const modelOverrideOptions: INodeProperties[] = [
	{
		displayName: 'Competitor Domains',
		name: 'competitorDomains',
		type: 'string',
		default: '',
		placeholder: 'rival.com, other-rival.io',
		description: 'Leads from these email or website domains are disqualified',
	},
	{
		displayName: 'Override Decay Half-Life (Days)',
		name: 'halfLifeDays',
		type: 'number',
		default: 30,
		description: 'Activity loses half its points after this many days (0 = no decay). Leave out to use the model\'s.',
		displayOptions: { hide: { '/scoringModel': ['custom'] } },
	},
	{
		displayName: 'Override Minimum Grade for SQL',
		name: 'sqlMinimumGrade',
		type: 'options',
		default: 'B',
		options: ['A', 'B', 'C', 'D'].map((grade) => ({ name: grade, value: grade })),
		description: 'A lead over the SQL threshold becomes SQL only with at least this fit grade (hand-raisers always do)',
		displayOptions: { hide: { '/scoringModel': ['custom'] } },
	},
	{
		displayName: 'Override MQL Threshold',
		name: 'mqlThreshold',
		type: 'number',
		default: 40,
		description: 'Total score from which a lead is Marketing Qualified. Leave out to use the model\'s.',
		displayOptions: { hide: { '/scoringModel': ['custom'] } },
	},
	{
		displayName: 'Override SQL Threshold',
		name: 'sqlThreshold',
		type: 'number',
		default: 80,
		description: 'Total score from which a lead with a good grade is Sales Qualified. Leave out to use the model\'s.',
		displayOptions: { hide: { '/scoringModel': ['custom'] } },
	},
	{
		displayName: 'Target Account Domains',
		name: 'targetAccountDomains',
		type: 'string',
		default: '',
		placeholder: 'bigcorp.com, dreamclient.io',
		description: 'Companies you most want to win; leads from these domains get extra fit points',
	},
	{
		displayName: 'Target Account Points',
		name: 'targetAccountPoints',
		type: 'number',
		default: 20,
		description: 'Fit points for a lead from a target account',
	},
];

/** Sorts the entries of an Options collection as n8n's lint rule wants them: by display name, ignoring case. */
export function byDisplayName(options: INodeProperties[]): INodeProperties[] {
	const key = (option: INodeProperties) => option.displayName.toLowerCase();
	return [...options].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
