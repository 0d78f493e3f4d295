import { createHash } from 'crypto';
import type { Lead } from '../lead/types';

export const DEFAULT_DUPLICATE_WINDOW_MINUTES = 60;

function sha256(text: string | Buffer): string {
	return createHash('sha256').update(text).digest('hex');
}

/** A stable id for a delivery: the vendor's event id, else a hash of the exact bytes received. */
export function deliveryIdFor(eventId: string | null, rawBody: Buffer | string): string {
	return eventId ?? `sha256:${sha256(rawBody).slice(0, 32)}`;
}

/**
 * The keys under which a lead counts as "already received". A lead is a duplicate when any of
 * its keys was recorded before. Vendor ids come first; without one, the same email for the same
 * form and event type inside the time window is the same submission. The window check records
 * the current and the previous window, so it holds for at least one full window.
 */
export function duplicateKeysFor(
	lead: Lead,
	delivery: { source: string; eventId: string | null; eventType: string | null; rawBody: Buffer | string; leadIndex: number },
	options: { windowMinutes: number; now: number },
): string[] {
	const prefix = `lq:${delivery.source}`;
	if (lead.externalId) return [`${prefix}:id:${lead.externalId}:${delivery.eventType ?? ''}`];
	if (delivery.eventId) return [`${prefix}:event:${delivery.eventId}:${delivery.leadIndex}`];
	if (lead.email) {
		const windowMs = Math.max(1, options.windowMinutes) * 60_000;
		const bucket = Math.floor(options.now / windowMs);
		const base = `${prefix}:email:${sha256(`${lead.email}|${lead.formId ?? ''}|${delivery.eventType ?? ''}`).slice(0, 32)}`;
		return [`${base}:${bucket}`, `${base}:${bucket - 1}`];
	}
	return [`${prefix}:body:${sha256(delivery.rawBody).slice(0, 32)}:${delivery.leadIndex}`];
}
