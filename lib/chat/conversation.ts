/**
 * One conversation is one lead. Contract between the chat normalizers (one lead per message the
 * person sent, `lead.chat` holding that message), Lead Intake's two nodes and the stores.
 * Pure: no n8n imports. OWNED BY THE CONVERSATION HELPER: implement the bodies, keep the signatures.
 */
import { MAX_CHAT_MESSAGES } from '../lead/chat';
import { cleanString, safeSet } from '../lead/fields';
import { leadLanguage } from '../lead/language';
import { LEAD_STRING_FIELDS, type ChatMessage, type Lead, type LeadChat, type LeadEvent, type LeadStringField } from '../lead/types';

export const DEFAULT_CONVERSATION_WINDOW_HOURS = 24;

/** What is remembered of one conversation between two deliveries. Small: it may live in workflow static data. */
export interface ConversationState {
	version: 1;
	/** `<channel>:<businessId>:<userId>:<firstMessageAt>`: a new one after a gap longer than the window */
	conversationId: string;
	firstMessageAt: string;
	lastMessageAt: string;
	/** ids of the messages already counted, newest last, bounded: a retried message is dropped by these */
	messageIds: string[];
	/** the lead as last output, `chat.messages` included (bounded by MAX_CHAT_MESSAGES) */
	lead: Lead;
}

export type ConversationOutcome = 'new' | 'updated' | 'repeated';

export interface ConversationMerge {
	/** what to store; equal to the previous state when outcome is 'repeated' */
	state: ConversationState;
	/** the conversation's lead: every message so far, events of every message, externalId = conversationId */
	lead: Lead;
	/** new: first message, or first after a gap longer than the window; updated: later message; repeated: every message already counted */
	outcome: ConversationOutcome;
	/** messages of this delivery not counted before */
	newMessages: number;
}

export interface ConversationOptions {
	/** a later message within this many ms of the conversation's last message belongs to it */
	windowMs: number;
	now: number;
}

/**
 * The key a conversation is stored under: channel, business and person. Holds a phone number for
 * WhatsApp, so stores hash it before writing (see the stores).
 */
export function conversationKeyOf(chat: Pick<LeadChat, 'channel' | 'businessId' | 'userId'>): string {
	return `${chat.channel}:${chat.businessId ?? ''}:${chat.userId}`;
}

/** How many message ids a conversation remembers (newest kept): retried deliveries repeat recent ones. */
export const MAX_CONVERSATION_MESSAGE_IDS = 200;
/** How many events a conversation's lead keeps (newest kept): a long chat stays a small state. */
export const MAX_CONVERSATION_EVENTS = 300;
/** `lead.message` and `answers.Messages` keep the newest texts that fit (the bound of a lead's message). */
export const MAX_CONVERSATION_TEXT = 5000;
/** The answer holding every kept text of the person, one per line, newest last. */
export const CONVERSATION_MESSAGES_LABEL = 'Messages';
/** The answer holding the person's newest text. */
export const CONVERSATION_LAST_MESSAGE_LABEL = 'Last message';
const CHAT_MESSAGE_EVENT = 'chat_message';

interface TimedMessage {
	message: ChatMessage;
	time: number;
}

const timeOf = (at: string | null | undefined): number | null => {
	if (!at) return null;
	const time = Date.parse(at);
	return Number.isFinite(time) ? time : null;
};

const isoOf = (time: number): string => new Date(time).toISOString();

/** oldest first; messages of one time keep their order */
function byTime(messages: TimedMessage[]): TimedMessage[] {
	return messages
		.map((entry, index) => ({ entry, index }))
		.sort((a, b) => a.entry.time - b.entry.time || a.index - b.index)
		.map(({ entry }) => entry);
}

/** The newest texts that fit in `limit` characters once joined with `separator`, oldest first. */
function newestTexts(texts: string[], separator: string, limit: number): string[] {
	const kept: string[] = [];
	let length = 0;
	for (let index = texts.length - 1; index >= 0; index--) {
		const added = texts[index].length + (kept.length > 0 ? separator.length : 0);
		if (length + added > limit) break;
		kept.unshift(texts[index]);
		length += added;
	}
	return kept;
}

const eventKey = (event: LeadEvent) => `${event.type}\u0000${event.at ?? ''}`;

/**
 * Events of this delivery that belong to messages not counted before. A delivery holding a
 * repeated message repeats its events too: those dated at a repeated message's time (and at no
 * new message's) are left out. Other events identical in type and time to one already kept are
 * dropped, except `chat_message`: there is one per message, and two messages may share a second.
 */
function newEvents(previous: LeadEvent[], incoming: LeadEvent[], newTimes: Set<number>, repeatedTimes: Set<number>): LeadEvent[] {
	const seen = new Set(previous.filter((event) => event.type !== CHAT_MESSAGE_EVENT).map(eventKey));
	const out: LeadEvent[] = [];
	for (const event of incoming) {
		const time = timeOf(event.at);
		if (time !== null && repeatedTimes.has(time) && !newTimes.has(time)) continue;
		if (event.type !== CHAT_MESSAGE_EVENT) {
			const key = eventKey(event);
			if (seen.has(key)) continue;
			seen.add(key);
		}
		out.push({ ...event });
	}
	return out;
}

/** undated events keep their place at the end; the newest are kept */
function boundEvents(events: LeadEvent[]): LeadEvent[] {
	const dated = events
		.map((event, index) => ({ event, index, time: timeOf(event.at) ?? Number.POSITIVE_INFINITY }))
		.sort((a, b) => a.time - b.time || a.index - b.index)
		.map(({ event }) => event);
	return dated.slice(-MAX_CONVERSATION_EVENTS);
}

type StringField = Exclude<LeadStringField, 'message' | 'submittedAt' | 'externalId'>;
const KEPT_FIELDS: readonly StringField[] = LEAD_STRING_FIELDS.filter((field): field is StringField => field !== 'message' && field !== 'submittedAt' && field !== 'externalId');

/** What the earlier lead knew stays; what it did not know (null) a later message may bring. */
function fillFields(previous: Lead, incoming: Lead): Lead {
	const lead: Lead = { ...previous, consent: { ...previous.consent }, utm: { ...previous.utm }, answers: { ...previous.answers }, events: [...previous.events] };
	for (const field of KEPT_FIELDS) if (lead[field] === null && incoming[field] !== null) lead[field] = incoming[field];
	if (lead.consent.marketing === null) lead.consent.marketing = incoming.consent.marketing;
	for (const part of Object.keys(lead.utm) as Array<keyof Lead['utm']>) if (lead.utm[part] === null) lead.utm[part] = incoming.utm[part];
	// a later answer to the same question is the person's latest word
	for (const [label, value] of Object.entries(incoming.answers)) if (value !== null || !(label in lead.answers)) safeSet(lead.answers, label, value);
	return lead;
}

function cloneLead(lead: Lead): Lead {
	return structuredClone(lead);
}

/**
 * Merges one normalised chat lead (messages of one delivery) into the conversation so far.
 * Pure: `previous` and `incoming` are not changed, and the lead returned shares nothing with the state.
 */
export function mergeConversation(previous: ConversationState | null, incoming: Lead, options: ConversationOptions): ConversationMerge {
	const chat = incoming.chat;
	if (!chat) throw new TypeError('mergeConversation: the lead has no `chat` (only leads from a messaging app are conversations)');
	const key = conversationKeyOf(chat);
	const fallbackTime = timeOf(incoming.submittedAt) ?? options.now;
	const known = new Set(previous?.messageIds ?? []);
	const fresh: TimedMessage[] = [];
	const repeatedTimes = new Set<number>();
	for (const message of chat.messages) {
		const time = timeOf(message.at) ?? fallbackTime;
		if (known.has(message.id)) {
			repeatedTimes.add(time);
			continue;
		}
		known.add(message.id);
		fresh.push({ message: { ...message, at: isoOf(time) }, time });
	}
	if (previous && fresh.length === 0) {
		return { state: previous, lead: cloneLead(previous.lead), outcome: 'repeated', newMessages: 0 };
	}
	const firstNew = fresh.length > 0 ? Math.min(...fresh.map((entry) => entry.time)) : fallbackTime;
	const previousLast = previous ? timeOf(previous.lastMessageAt) : null;
	const continues =
		previous !== null && previous.lead.chat !== undefined && conversationKeyOf(previous.lead.chat) === key && previousLast !== null && firstNew - previousLast <= options.windowMs;
	const base = continues ? fillFields(previous.lead, incoming) : fillFields({ ...incoming, events: [] }, incoming);
	const earlier: TimedMessage[] = continues ? previous.lead.chat!.messages.map((message) => ({ message: { ...message }, time: timeOf(message.at) ?? previousLast! })) : [];
	const messages = byTime([...earlier, ...fresh]).slice(-MAX_CHAT_MESSAGES);
	const freshTimes = fresh.map((entry) => entry.time);
	const times = [...freshTimes];
	if (continues) times.push(timeOf(previous.firstMessageAt) ?? previousLast!, previousLast!);
	if (times.length === 0) times.push(firstNew);
	const firstTime = Math.min(...times);
	const lastTime = Math.max(...times);
	const firstMessageAt = isoOf(firstTime);
	const lastMessageAt = isoOf(lastTime);
	// fixed when the conversation starts: a message delivered late does not move the record a CRM upserts
	const conversationId = continues ? previous.conversationId : `${key}:${firstMessageAt}`;

	const texts = messages.map((entry) => entry.message.text).filter((text): text is string => text !== null && text !== '');
	const lines = newestTexts(texts, '\n', MAX_CONVERSATION_TEXT);
	const events = boundEvents([...(continues ? previous.lead.events : []), ...newEvents(continues ? previous.lead.events : [], incoming.events, new Set(freshTimes), repeatedTimes)]);

	const lead: Lead = {
		...base,
		// cleaned as every lead's message is (one line): the answer keeps the line breaks
		message: cleanString(newestTexts(texts, ' ', MAX_CONVERSATION_TEXT).join(' '), MAX_CONVERSATION_TEXT),
		submittedAt: firstMessageAt,
		externalId: conversationId,
		events,
		chat: {
			...(continues ? previous.lead.chat! : chat),
			handle: (continues ? previous.lead.chat!.handle : null) ?? chat.handle,
			businessId: (continues ? previous.lead.chat!.businessId : null) ?? chat.businessId,
			conversationId,
			firstMessageAt,
			lastMessageAt,
			messages: messages.map((entry) => entry.message),
		},
	};
	if (lines.length > 0) {
		safeSet(lead.answers, CONVERSATION_MESSAGES_LABEL, lines.join('\n'));
		safeSet(lead.answers, CONVERSATION_LAST_MESSAGE_LABEL, lines[lines.length - 1]);
	}
	// what the whole conversation is written in says more than its first message ("hi", then Persian):
	// the text decides when it is clear, else the language the messages gave stays
	lead.language = leadLanguage({ ...lead, language: null }) ?? lead.language;
	const messageIds = [...(previous?.messageIds ?? []), ...fresh.map((entry) => entry.message.id)].slice(-MAX_CONVERSATION_MESSAGE_IDS);
	const state: ConversationState = { version: 1, conversationId, firstMessageAt, lastMessageAt, messageIds, lead };
	return { state, lead: cloneLead(lead), outcome: continues ? 'updated' : 'new', newMessages: fresh.length };
}

/**
 * Where conversations are remembered. `update` reads the state under `key`, calls `apply` and
 * writes the state it returns (null: write nothing), atomically for that key across every caller
 * of the same store (other executions, other workers for Redis). Keys are hashed before writing.
 */
export interface ConversationStore {
	update<T>(key: string, apply: (state: ConversationState | null) => { state: ConversationState | null; result: T }, ttlMs: number): Promise<T>;
}

/**
 * How long a store keeps a conversation after its last update: the window, plus an hour for a
 * message the channel delivers late. After that the next message starts a new conversation anyway.
 */
export function conversationTtlMs(windowMs: number): number {
	return Math.max(0, windowMs) + 60 * 60_000;
}

/**
 * The conversation step of Lead Intake: merges `incoming` into the stored conversation of its
 * person and stores the result (nothing is written when every message was counted before).
 * The store's own errors (RoutingStoreError) pass through: the delivery must fail so it is retried.
 */
export async function updateConversation(store: ConversationStore, incoming: Lead, options: ConversationOptions): Promise<ConversationMerge> {
	if (!incoming.chat) throw new TypeError('updateConversation: the lead has no `chat` (only leads from a messaging app are conversations)');
	return await store.update(
		conversationKeyOf(incoming.chat),
		(previous) => {
			const merge = mergeConversation(previous, incoming, options);
			return { state: merge.outcome === 'repeated' ? null : merge.state, result: merge };
		},
		conversationTtlMs(options.windowMs),
	);
}
