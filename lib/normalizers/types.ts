import type { Lead, LeadChannel } from '../lead/types';

/** What a webhook delivered, as n8n hands it to a trigger or as n8n's Webhook node outputs it. */
export interface DeliveryInput {
	/** parsed body: an object for JSON or form-encoded posts, a string when unparsed */
	body: unknown;
	/** header names in lower case */
	headers: Record<string, string>;
	query: Record<string, unknown>;
}

export interface NormalizeResult {
	leads: Lead[];
	/** the source's own id for this delivery (used to drop retried duplicates), or null */
	eventId: string | null;
	/** e.g. "form_response", "subscribe", "unsubscribe", "leadgen" */
	eventType: string | null;
	/**
	 * Set, with `leads` empty, when the delivery is a real one from this source that holds no lead
	 * by design: a chat's delivery or read receipt, the business's own reply echoed back, a
	 * reaction. The receiver answers 200 and starts no execution; the sender must not retry.
	 * The text is safe to show (never personal data): "status update (delivered, read)".
	 */
	ignored?: string;
}

export interface SourceNormalizer {
	id: string;
	displayName: string;
	channel: LeadChannel;
	/** cheap structural check on body and headers; must never throw */
	detect(input: DeliveryInput): boolean;
	normalize(input: DeliveryInput): NormalizeResult;
}
