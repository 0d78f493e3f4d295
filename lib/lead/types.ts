/**
 * The canonical lead: the package's public contract, produced by every normalizer
 * and consumed by scoring and routing. Unknown values are `null`, never "undefined".
 */
export type LeadChannel = 'form' | 'newsletter' | 'ad' | 'chat' | 'other';

/** Every channel, in one place (coercion, docs, node options read it). */
export const LEAD_CHANNELS: readonly LeadChannel[] = ['form', 'newsletter', 'ad', 'chat', 'other'];

/** Messaging apps a chat lead can come from. */
export type ChatChannel = 'whatsapp' | 'telegram' | 'line' | 'instagram';

export const CHAT_CHANNELS: readonly ChatChannel[] = ['whatsapp', 'telegram', 'line', 'instagram'];

/** how people name each channel, for reasons and messages */
export const CHAT_CHANNEL_NAMES: Readonly<Record<ChatChannel, string>> = { whatsapp: 'WhatsApp', telegram: 'Telegram', line: 'LINE', instagram: 'Instagram' };

/** One message the person sent (never the business's own replies). */
export interface ChatMessage {
	/** the channel's message id (WhatsApp wamid, Telegram `<chat id>:<message_id>`, LINE message id, Instagram mid): a retried delivery repeats it */
	id: string;
	/** ISO 8601, from the channel's timestamp */
	at: string | null;
	/** the text, a caption, or the title of a tapped button; null for media without text */
	text: string | null;
	/** the channel's message type: text, image, audio, button, interactive, location, contact, sticker... */
	type: string;
}

/**
 * A conversation in a messaging app. The normalizers fill it with the messages of one delivery;
 * Lead Intake's conversation step (lib/chat/conversation.ts) merges them with the earlier ones,
 * so one conversation stays one lead.
 */
export interface LeadChat {
	channel: ChatChannel;
	/** the person on that channel: WhatsApp wa_id, Telegram user id, LINE userId, Instagram-scoped id */
	userId: string;
	/** what the channel shows for them: WhatsApp profile name, Telegram @username, null when none is sent */
	handle: string | null;
	/** the business side: WhatsApp phone_number_id, Telegram bot (null unless known), LINE destination, Instagram account id */
	businessId: string | null;
	/** `<channel>:<businessId>:<userId>:<first message time>`, set by the conversation step; before it, `<channel>:<businessId>:<userId>` */
	conversationId: string;
	firstMessageAt: string | null;
	lastMessageAt: string | null;
	/** oldest first, at most MAX_CHAT_MESSAGES (the newest kept) */
	messages: ChatMessage[];
}

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
	/** only for leads from a messaging app; absent on every other lead */
	chat?: LeadChat;
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
