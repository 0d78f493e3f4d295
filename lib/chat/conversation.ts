/**
 * One conversation is one lead. Contract between the chat normalizers (one lead per message the
 * person sent, `lead.chat` holding that message), Lead Intake's two nodes and the stores.
 * Pure: no n8n imports. OWNED BY THE CONVERSATION HELPER: implement the bodies, keep the signatures.
 */
import type { Lead, LeadChat } from '../lead/types';

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

/** Merges one normalised chat lead (messages of one delivery) into the conversation so far. */
export function mergeConversation(previous: ConversationState | null, incoming: Lead, options: ConversationOptions): ConversationMerge {
	void previous;
	void incoming;
	void options;
	throw new Error('mergeConversation: not implemented yet');
}

/**
 * Where conversations are remembered. `update` reads the state under `key`, calls `apply` and
 * writes the state it returns (null: write nothing), atomically for that key across every caller
 * of the same store (other executions, other workers for Redis). Keys are hashed before writing.
 */
export interface ConversationStore {
	update<T>(key: string, apply: (state: ConversationState | null) => { state: ConversationState | null; result: T }, ttlMs: number): Promise<T>;
}
