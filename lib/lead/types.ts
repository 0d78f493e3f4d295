/**
 * The canonical lead: the package's public contract, produced by every normalizer
 * and consumed by scoring and routing. Unknown values are `null`, never "undefined".
 */
export type LeadChannel = 'form' | 'newsletter' | 'ad' | 'other';

export interface LeadEvent {
	type: string;
	/** ISO 8601; scoring dates an event without a usable date at the lead's submittedAt, or else treats it as of unknown age (flag undated_activity) */
	at: string | null;
	value?: number | string | null;
}

export interface LeadUtm {
	source: string | null;
	medium: string | null;
	campaign: string | null;
	term: string | null;
	content: string | null;
}

export type AnswerValue = string | number | boolean | null | string[];

export interface Lead {
	email: string | null;
	firstName: string | null;
	lastName: string | null;
	fullName: string | null;
	phone: string | null;
	company: string | null;
	jobTitle: string | null;
	website: string | null;
	/** what the person wrote, in their language and script ("Polska", "ایران", "TR") */
	country: string | null;
	/** ISO 3166-1 alpha-2, from the country as written or the phone's calling code; null when unclear */
	countryCode: string | null;
	city: string | null;
	/** free text the person wrote (message, comments, "how can we help") */
	message: string | null;
	/** BCP 47 primary language subtag ("fa", "ar", "pl", "tr", "th", "en"), from the form's locale, Accept-Language or the script of the answers; null when unclear */
	language: string | null;
	source: string;
	channel: LeadChannel;
	formId: string | null;
	formName: string | null;
	submittedAt: string | null;
	externalId: string | null;
	consent: { marketing: boolean | null };
	utm: LeadUtm;
	/** every answer keyed by its human label (question title, field label) */
	answers: Record<string, AnswerValue>;
	events: LeadEvent[];
}

export const LEAD_STRING_FIELDS = [
	'email',
	'firstName',
	'lastName',
	'fullName',
	'phone',
	'company',
	'jobTitle',
	'website',
	'country',
	'countryCode',
	'city',
	'message',
	'language',
	'formId',
	'formName',
	'submittedAt',
	'externalId',
] as const;

export type LeadStringField = (typeof LEAD_STRING_FIELDS)[number];
