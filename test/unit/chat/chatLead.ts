/**
 * A chat lead written by hand in the shape the chat normalizers give (RULES.md's normalizer
 * contract: one lead per message the person sent): a WhatsApp message from +98 912 123 4567.
 */
import type { Lead, LeadEvent } from '../../../lib/lead/types';

export const KEY = 'whatsapp:106540352242922:989121234567';

/** one WhatsApp message as a chat normalizer outputs it */
export function chatLead(id: string, at: string, text: string | null, extra: Partial<Lead> = {}, events?: LeadEvent[]): Lead {
	return {
		email: null,
		firstName: null,
		lastName: null,
		fullName: null,
		phone: '+989121234567',
		company: null,
		jobTitle: null,
		website: null,
		country: null,
		countryCode: 'IR',
		city: null,
		message: text,
		language: 'fa',
		source: 'whatsapp',
		channel: 'chat',
		formId: null,
		formName: null,
		submittedAt: at,
		externalId: id,
		consent: { marketing: null },
		utm: { source: null, medium: null, campaign: null, term: null, content: null },
		answers: {},
		events: events ?? [{ type: 'chat_message', at }],
		chat: {
			channel: 'whatsapp',
			userId: '989121234567',
			handle: 'Sara',
			businessId: '106540352242922',
			conversationId: KEY,
			firstMessageAt: at,
			lastMessageAt: at,
			messages: [{ id, at, text, type: 'text' }],
		},
		...extra,
	};
}

/** the same message from another WhatsApp user (wa_id) */
export function fromUser(lead: Lead, waId: string): Lead {
	const chat = lead.chat!;
	return { ...lead, phone: `+${waId}`, chat: { ...chat, userId: waId, conversationId: `whatsapp:106540352242922:${waId}` } };
}
