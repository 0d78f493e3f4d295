/**
 * The conversation step both Lead Intake nodes run after their duplicate check: the chat leads of
 * a delivery (one per message the person sent) are merged into their conversation, so one
 * conversation stays one lead whose messages, events and score grow (lib/chat/conversation.ts).
 * Leads of every other source pass through untouched.
 */
import { sleep, type IDataObject, type INodeProperties } from 'n8n-workflow';
import { conversationKeyOf, conversationTtlMs, DEFAULT_CONVERSATION_WINDOW_HOURS, mergeConversation, type ConversationOutcome, type ConversationStore } from '../../lib/chat/conversation';
import { redisConversationStore, staticDataConversationStore } from '../../lib/chat/stores';
import type { Lead } from '../../lib/lead/types';
import type { RedisCredentials } from '../../lib/routing';
import { sharedRedisClient } from '../LeadIntakeTrigger/transport/deduplication';

const HOUR_MS = 3_600_000;
/** A window so short that the store would forget a conversation between two messages makes no sense. */
const MIN_WINDOW_MS = 60_000;

/** The option both nodes show under Options. */
export const conversationWindowOption: INodeProperties = {
	displayName: 'Conversation Window (Hours)',
	name: 'conversationWindowHours',
	type: 'number',
	default: DEFAULT_CONVERSATION_WINDOW_HOURS,
	typeOptions: { minValue: 0.1, numberPrecision: 1 },
	description:
		'For WhatsApp, LINE, Telegram and Instagram: a later message from the same person within this many hours of their last one updates the same lead (its messages, score and owner) instead of making a new one',
};

export function conversationWindowMs(options: IDataObject): number {
	const hours = Number(options.conversationWindowHours ?? DEFAULT_CONVERSATION_WINDOW_HOURS);
	return Math.max(MIN_WINDOW_MS, Math.round((Number.isFinite(hours) ? hours : DEFAULT_CONVERSATION_WINDOW_HOURS) * HOUR_MS));
}

/** What `meta.conversation` says of a conversation's item. */
export interface ConversationMeta {
	/** the conversation's id, also its lead's externalId */
	id: string;
	/** new: its first message (or the first after a gap longer than the window); updated: a later one */
	outcome: Exclude<ConversationOutcome, 'repeated'>;
	/** messages of the conversation so far */
	messageCount: number;
	/** messages of this delivery not counted before */
	newMessages: number;
}

/** One output of a delivery's fresh leads, in the order of the delivery. */
export type IntakeOutput =
	/** a lead of any other source, as the delivery holds it */
	| { kind: 'lead'; leadIndex: number }
	/** the merged lead of one conversation; `leadIndexes` are the messages of this delivery it took */
	| { kind: 'conversation'; leadIndexes: number[]; lead: Lead; conversation: ConversationMeta }
	/** every message was counted before: a retry the duplicate check did not recognise */
	| { kind: 'repeated'; leadIndexes: number[]; lead: Lead; conversationId: string };

/**
 * What the conversation step gives: the outputs, or why it failed. Either way of failing, the
 * delivery must be answered with an error so the sender retries, and nothing this delivery
 * recorded may make that retry a repeat. `storeFailed`: the store did (Redis down, a write
 * refused), so a retry may well succeed; else the merge itself threw (a bug).
 */
export type ConversationResult = { ok: true; outputs: IntakeOutput[] } | { ok: false; storeFailed: boolean; error: Error };

function messageCountOf(lead: Lead): number {
	const counted = lead.events.filter((event) => event.type === 'chat_message').length;
	return Math.max(counted, lead.chat?.messages.length ?? 0);
}

/**
 * The chat leads of one conversation and which of them the delivery holds, first to last. Leads
 * whose conversation changed inside one delivery (a gap longer than the window between two of its
 * messages) give one output each.
 */
interface Running {
	leadIndexes: number[];
	lead: Lead;
	conversationId: string;
	outcome: ConversationOutcome;
	newMessages: number;
}

function toOutput(running: Running): IntakeOutput {
	if (running.outcome === 'repeated') return { kind: 'repeated', leadIndexes: running.leadIndexes, lead: running.lead, conversationId: running.conversationId };
	return {
		kind: 'conversation',
		leadIndexes: running.leadIndexes,
		lead: running.lead,
		conversation: { id: running.conversationId, outcome: running.outcome, messageCount: messageCountOf(running.lead), newMessages: running.newMessages },
	};
}

/** The indexes of the fresh chat leads, by conversation, in the order each conversation first appears. */
export function conversationGroups(leads: readonly Lead[], fresh: readonly number[]): Map<string, number[]> {
	const groups = new Map<string, number[]>();
	for (const leadIndex of fresh) {
		const chat = leads[leadIndex].chat;
		if (!chat) continue;
		const key = conversationKeyOf(chat);
		groups.set(key, [...(groups.get(key) ?? []), leadIndex]);
	}
	return groups;
}

/**
 * Merges the fresh chat leads of one delivery into their conversations, one store update per
 * conversation, and returns what the node outputs, in the order of the delivery (a conversation
 * at the place of its first message). `openStore` is called only when the delivery holds a chat
 * lead.
 */
export async function mergeConversations(
	leads: readonly Lead[],
	fresh: readonly number[],
	openStore: () => Promise<ConversationStore>,
	options: { windowMs: number; now: number },
): Promise<ConversationResult> {
	const groups = conversationGroups(leads, fresh);
	if (groups.size === 0) return { ok: true, outputs: fresh.map((leadIndex) => ({ kind: 'lead', leadIndex })) };
	let store: ConversationStore;
	try {
		store = await openStore();
	} catch (error) {
		return { ok: false, storeFailed: true, error: error as Error };
	}
	const merged = new Map<number, IntakeOutput[]>();
	for (const [key, leadIndexes] of groups) {
		let outputs: IntakeOutput[];
		// an error of the merge itself, told apart from the store's own
		let mergeError: Error | null = null;
		try {
			outputs = await store.update(
				key,
				(previous) => {
					try {
						const done: Running[] = [];
						let state = previous;
						let running: Running | null = null;
						let changed = false;
						for (const leadIndex of leadIndexes) {
							const merge = mergeConversation(state, leads[leadIndex], options);
							if (merge.outcome !== 'repeated') changed = true;
							if (running && merge.state.conversationId !== running.conversationId) {
								done.push(running);
								running = null;
							}
							if (running) {
								running.leadIndexes.push(leadIndex);
								running.lead = merge.lead;
								running.newMessages += merge.newMessages;
								if (running.outcome === 'repeated') running.outcome = merge.outcome;
							} else {
								running = { leadIndexes: [leadIndex], lead: merge.lead, conversationId: merge.state.conversationId, outcome: merge.outcome, newMessages: merge.newMessages };
							}
							state = merge.state;
						}
						if (running) done.push(running);
						return { state: changed ? state : null, result: done.map(toOutput) };
					} catch (error) {
						mergeError = error as Error;
						return { state: null, result: [] };
					}
				},
				// the state is needed while a later message may still join the conversation
				conversationTtlMs(options.windowMs),
			);
		} catch (error) {
			return { ok: false, storeFailed: true, error: error as Error };
		}
		if (mergeError) return { ok: false, storeFailed: false, error: mergeError };
		merged.set(leadIndexes[0], outputs);
	}
	const chatLeads = new Set([...groups.values()].flat());
	const out: IntakeOutput[] = [];
	for (const leadIndex of fresh) {
		if (!chatLeads.has(leadIndex)) out.push({ kind: 'lead', leadIndex });
		else out.push(...(merged.get(leadIndex) ?? []));
	}
	return { ok: true, outputs: out };
}

/**
 * The lead indexes of a delivery whose journal entry (Keep Leads Until Done) would only repeat
 * another: every chat lead after the first of its conversation. Lead Recovery hands out one entry
 * per conversation and delivery, the first message's.
 */
export function leadsNotToJournal(leads: readonly Lead[], fresh: readonly number[]): Set<number> {
	const skipped = new Set<number>();
	for (const leadIndexes of conversationGroups(leads, fresh).values()) for (const leadIndex of leadIndexes.slice(1)) skipped.add(leadIndex);
	return skipped;
}

/** The item of a conversation: the item of its first message in this delivery, with the merged lead and `meta.conversation`. */
export function conversationItemJson(firstMessageJson: IDataObject, output: Extract<IntakeOutput, { kind: 'conversation' }>): IDataObject {
	const meta = firstMessageJson.meta as IDataObject;
	return { ...firstMessageJson, lead: output.lead as unknown as IDataObject, meta: { ...meta, conversation: { ...output.conversation } } };
}

/** The description of a message every one of whose messages was counted before. */
export const SAME_MESSAGE_DESCRIPTION = 'Every message of this delivery was already added to its conversation';

/** Where a node's conversations are kept: Redis when its duplicate check uses Redis, else its workflow's static data. */
export interface ConversationStoreChoice {
	/** with the duplicate store Redis: the same credential (asked for only when a delivery holds a chat lead) and connection */
	redis: () => Promise<RedisCredentials | undefined>;
	/** the node's static data (getWorkflowStaticData('node')) */
	staticData: IDataObject;
	/** keeps one node's conversations apart from another's: workflow id and node */
	scope: string;
}

export function conversationStoreOpener(choice: ConversationStoreChoice): () => Promise<ConversationStore> {
	return async () => {
		const redis = await choice.redis();
		if (!redis) return staticDataConversationStore(choice.staticData, choice.scope);
		return redisConversationStore(await sharedRedisClient(redis), choice.scope, { wait: sleep });
	};
}
