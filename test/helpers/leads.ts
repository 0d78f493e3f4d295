import { emptyLead, finalizeLead } from '../../lib/lead/fields';
import type { Lead } from '../../lib/lead/types';

export const NOW = new Date('2026-11-20T12:00:00.000Z');

export function daysAgo(days: number, now = NOW): string {
	return new Date(now.getTime() - days * 86_400_000).toISOString();
}

export function makeLead(fields: Partial<Lead> = {}): Lead {
	return finalizeLead({ ...emptyLead('generic', 'form'), ...fields });
}
