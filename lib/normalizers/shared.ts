/**
 * Small helpers shared by the vendor normalizers. Pure: no n8n imports, no I/O.
 */
import {
	applyLabelledValue,
	cleanString,
	emptyLead,
	expandBracketKeys,
	fieldForLabel,
	finalizeLead,
	isPlainObject,
	safeEntries,
	safeSet,
	setLeadField,
	toAnswerValue,
	type MappableField,
} from '../lead/fields';
import { coerceChat } from '../lead/chat';
import type { AnswerValue, ChatChannel, ChatMessage, Lead, LeadChannel, LeadEvent, LeadUtm } from '../lead/types';
import { conversationKeyOf } from '../chat/conversation';
import { intentOfText } from '../scoring/intent';
import type { DeliveryInput } from './types';

const UTM_FIELDS: ReadonlySet<MappableField> = new Set<MappableField>(['utmSource', 'utmMedium', 'utmCampaign', 'utmTerm', 'utmContent']);
/** Fields a vendor's envelope provides: a question labelled "Date" or "ID" must not fill them. */
const ENVELOPE_FIELDS: ReadonlySet<MappableField> = new Set<MappableField>(['submittedAt', 'externalId', 'formId', 'formName']);

const MAX_CLONE_DEPTH = 20;

/** Deep copy of plain objects and arrays; `__proto__` keys are dropped, other values are shared. */
export function safeClone(value: unknown, depth = 0): unknown {
	if (depth > MAX_CLONE_DEPTH) return null;
	if (Array.isArray(value)) return value.map((item) => safeClone(item, depth + 1));
	if (!isPlainObject(value)) return value;
	const copy: Record<string, unknown> = {};
	for (const [key, inner] of safeEntries(value)) safeSet(copy, key, safeClone(inner, depth + 1));
	return copy;
}

/** Parses an unparsed body: JSON text or an url-encoded form. */
export function parseTextBody(text: string): unknown {
	const trimmed = text.trim();
	if (!trimmed) return null;
	if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
		try {
			return JSON.parse(trimmed) as unknown;
		} catch {
			return null;
		}
	}
	if (!trimmed.includes('=')) return null;
	const record: Record<string, unknown> = {};
	for (const [key, value] of new URLSearchParams(trimmed)) {
		const existing = Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
		if (existing === undefined) safeSet(record, key, value);
		else safeSet(record, key, Array.isArray(existing) ? [...(existing as unknown[]), value] : [existing, value]);
	}
	return record;
}

/** The delivery body as a plain object (JSON/url-encoded text is parsed), or null. */
export function bodyRecord(input: DeliveryInput): Record<string, unknown> | null {
	let body: unknown = input?.body;
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body === 'string') body = parseTextBody(body);
	return isPlainObject(body) ? body : null;
}

function hasBracketKeys(record: Record<string, unknown>): boolean {
	return Object.keys(record).some((key) => /\[[^[\]]*\]$/.test(key));
}

/**
 * Like bodyRecord, but `data[merges][FNAME]` style keys (form-encoded posts) are expanded
 * into nested objects, merged with any already-nested values. The input is never mutated.
 */
export function expandedBodyRecord(input: DeliveryInput): Record<string, unknown> | null {
	const record = bodyRecord(input);
	if (!record || !hasBracketKeys(record)) return record;
	return expandBracketKeys(safeClone(record) as Record<string, unknown>);
}

/** A vendor id (string or number) as a trimmed string, or null. */
export function idString(value: unknown): string | null {
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
	if (typeof value === 'bigint') return value.toString();
	if (typeof value === 'string') {
		const trimmed = value.trim();
		return trimmed ? trimmed.slice(0, 500) : null;
	}
	return null;
}

/** Own property of a plain object, or undefined (never reads through the prototype). */
export function prop(record: unknown, key: string): unknown {
	if (!isPlainObject(record)) return undefined;
	return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** Nested own property, e.g. path(body, 'payload', 'data'). */
export function path(record: unknown, ...keys: string[]): unknown {
	let cursor: unknown = record;
	for (const key of keys) {
		cursor = prop(cursor, key);
		if (cursor === undefined) return undefined;
	}
	return cursor;
}

export function objectAt(record: unknown, ...keys: string[]): Record<string, unknown> | null {
	const value = path(record, ...keys);
	return isPlainObject(value) ? value : null;
}

export function arrayAt(record: unknown, ...keys: string[]): unknown[] {
	const value = path(record, ...keys);
	return Array.isArray(value) ? value : [];
}

export function isUtmField(field: MappableField | null): boolean {
	return field !== null && UTM_FIELDS.has(field);
}

/**
 * Records one answer: kept in `answers` under its label and mapped onto the canonical field
 * its label stands for. utm_* values only fill `utm` (they are tracking, not answers); labels
 * that name an envelope field (a "Date" question) are kept as answers only.
 */
export function applyAnswer(lead: Lead, label: string, value: unknown): void {
	const field = fieldForLabel(label);
	if (isUtmField(field)) {
		setLeadField(lead, field as MappableField, value);
		return;
	}
	if (field && ENVELOPE_FIELDS.has(field)) {
		// same label clean-up as applyLabelledValue()
		const trimmed = label.replace(/\s+/g, ' ').trim().slice(0, 200);
		if (trimmed) safeSet(lead.answers, trimmed, toAnswerValue(value));
		return;
	}
	applyLabelledValue(lead, label, value);
}

/** Hidden/tracking values: utm_* go to `utm`; others that name a canonical field fill it; none become answers. */
export function applyTracking(lead: Lead, key: string, value: unknown): boolean {
	const field = fieldForLabel(key);
	if (!field || ENVELOPE_FIELDS.has(field)) return false;
	setLeadField(lead, field, value);
	return true;
}

/** Reads utm_* query parameters from a page URL (kept only where utm is still empty). */
export function applyUtmFromUrl(lead: Lead, url: unknown): void {
	const text = cleanString(url, 2000);
	if (!text) return;
	let parsed: URL;
	try {
		parsed = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
	} catch {
		return;
	}
	for (const [key, value] of parsed.searchParams) {
		const field = fieldForLabel(key);
		if (isUtmField(field)) setLeadField(lead, field as MappableField, value);
	}
}

export function addEvent(lead: Lead, type: string, at: string | null, value?: string | number | null): void {
	lead.events.push(value === undefined ? { type, at } : { type, at, value });
}

/** "companyName", "full_name" → "Company name", "Full name". */
export function humanizeKey(key: string): string {
	const words = key
		.replace(/([a-z\d])([A-Z])/g, '$1 $2')
		.replace(/[_\-.]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.toLowerCase();
	return words ? words.charAt(0).toUpperCase() + words.slice(1) : key;
}

/** An id made of the parts that identify a delivery, for sources that send none. */
export function composeId(...parts: unknown[]): string | null {
	const clean = parts.map(idString);
	if (clean.some((part) => part === null)) return null;
	return clean.join(':');
}

/** One empty-but-valid lead, for deliveries that carry nothing usable. */
export function emptyResultLead(source: string, channel: LeadChannel): Lead {
	return finalizeLead(emptyLead(source, channel));
}

/** A list of values as one answer: a single value stays scalar, several become a string list. */
export function listAnswer(values: unknown[]): string | string[] | null {
	const texts = values.map((value) => cleanString(value)).filter((text): text is string => text !== null);
	if (texts.length === 0) return null;
	return texts.length === 1 ? texts[0] : texts;
}

/** What a messaging app tells about one message a person sent (never the business's own). */
export interface ChatMessageLeadInput {
	channel: ChatChannel;
	/** the person on that channel (WhatsApp wa_id, Telegram user id, LINE userId, Instagram-scoped id) */
	userId: string;
	handle: string | null;
	businessId: string | null;
	/** its id must be set (a message without one is no lead); text and time are cleaned here */
	message: ChatMessage;
	/** the name the app shows for them: split into first and last name by finalizeLead */
	name?: string | null;
	/** the number the app vouches for, "+<digits>" */
	phone?: string | null;
	/** what else the message carried (an ad's headline and id...), kept as answers only */
	answers?: Record<string, AnswerValue>;
	utm?: Partial<LeadUtm>;
	/** events besides chat_message and the intent of the text (an ad click) */
	events?: LeadEvent[];
}

/**
 * One lead per message the person sent: `chat` holds that message, `externalId` its id (a retried
 * delivery repeats it), and the text is the lead's message and its "Message" answer, so Lead Score
 * rules can read it. Events: `chat_message`, and the request the text makes (lib/scoring/intent).
 * Null without a user id or a message id.
 */
export function chatMessageLead(input: ChatMessageLeadInput): Lead | null {
	const { channel, userId, handle, businessId } = input;
	// made exact as the next node reads it back, so that reading it again changes nothing
	const chat = coerceChat({
		channel,
		userId,
		handle,
		businessId,
		conversationId: conversationKeyOf({ channel, businessId, userId }),
		firstMessageAt: input.message.at,
		lastMessageAt: input.message.at,
		messages: [input.message],
	});
	const message = chat?.messages[0];
	if (!chat || !message) return null;
	const lead = emptyLead(channel, 'chat');
	lead.externalId = message.id;
	lead.submittedAt = message.at;
	if (message.text) applyAnswer(lead, 'Message', message.text);
	for (const [label, value] of Object.entries(input.answers ?? {})) if (value !== null) safeSet(lead.answers, label, value);
	for (const [key, value] of Object.entries(input.utm ?? {}) as Array<[keyof LeadUtm, string | null]>) lead.utm[key] = value ?? lead.utm[key];
	lead.fullName = cleanString(input.name, 500);
	lead.phone = input.phone ?? null;
	lead.chat = chat;
	addEvent(lead, 'chat_message', message.at);
	const intent = message.text ? intentOfText(message.text) : null;
	if (intent) addEvent(lead, intent, message.at);
	lead.events.push(...(input.events ?? []));
	return finalizeLead(lead);
}
