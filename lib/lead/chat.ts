/**
 * `lead.chat` as read back from an item (a lead an earlier node or a CRM holds): made exact, or
 * dropped when it is not a chat at all. Pure, no n8n imports.
 */
import { cleanString, isPlainObject, toIsoDate } from './fields';
import { CHAT_CHANNELS, type ChatChannel, type ChatMessage, type LeadChat } from './types';

/** How many messages a lead keeps, the newest; older ones still count in the events they raised. */
export const MAX_CHAT_MESSAGES = 50;
const MAX_MESSAGE_TEXT = 4096;

function coerceMessage(value: unknown): ChatMessage | null {
	if (!isPlainObject(value)) return null;
	const id = cleanString(value.id, 500);
	if (!id) return null;
	return { id, at: toIsoDate(value.at), text: cleanString(value.text, MAX_MESSAGE_TEXT), type: cleanString(value.type, 50) ?? 'text' };
}

export function coerceChat(value: unknown): LeadChat | null {
	if (!isPlainObject(value)) return null;
	const channel = CHAT_CHANNELS.includes(value.channel as ChatChannel) ? (value.channel as ChatChannel) : null;
	const userId = cleanString(typeof value.userId === 'number' ? String(value.userId) : value.userId, 200);
	if (!channel || !userId) return null;
	const businessId = cleanString(typeof value.businessId === 'number' ? String(value.businessId) : value.businessId, 200);
	const messages = Array.isArray(value.messages) ? value.messages.map(coerceMessage).filter((message): message is ChatMessage => message !== null).slice(-MAX_CHAT_MESSAGES) : [];
	return {
		channel,
		userId,
		handle: cleanString(value.handle, 200),
		businessId,
		conversationId: cleanString(value.conversationId, 500) ?? `${channel}:${businessId ?? ''}:${userId}`,
		firstMessageAt: toIsoDate(value.firstMessageAt),
		lastMessageAt: toIsoDate(value.lastMessageAt),
		messages,
	};
}
