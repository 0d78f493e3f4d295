import { foldKey } from '../text/fold';
import type { Outcome } from './types';

/**
 * What CRMs call a deal's end, by foldKey ("Closed Won", "closedwon" and "CLOSED_WON" are one):
 * HubSpot's default deal stages (closedwon, closedlost), Salesforce's opportunity stages (Closed
 * Won, Closed Lost), Pipedrive's deal status (won, lost, open), and plain words.
 */
const OUTCOME_NAMES: ReadonlyMap<string, Outcome> = new Map<string, Outcome>([
	['won', 'won'],
	['win', 'won'],
	['closedwon', 'won'],
	['customer', 'won'],
	['yes', 'won'],
	['true', 'won'],
	['1', 'won'],
	['lost', 'lost'],
	['lose', 'lost'],
	['loss', 'lost'],
	['closedlost', 'lost'],
	['no', 'lost'],
	['false', 'lost'],
	['0', 'lost'],
	['open', 'open'],
	['pending', 'open'],
	['inprogress', 'open'],
]);

/** For error messages: what an outcome may be called. */
export const OUTCOME_NAMES_HELP = `Use won, lost or open (or a CRM's name for them: ${[...OUTCOME_NAMES.keys()].filter((name) => !['won', 'lost', 'open'].includes(name)).join(', ')}), or true/false.`;

/**
 * What a CRM's value says about a deal: won, lost, open, or null when unclear (the node then
 * names the item and the field). Booleans: true = won, false = lost; numbers 1 and 0 likewise.
 */
export function parseOutcome(value: unknown): Outcome | null {
	if (value === true) return 'won';
	if (value === false) return 'lost';
	if (value === 1) return 'won';
	if (value === 0) return 'lost';
	if (typeof value !== 'string') return null;
	return OUTCOME_NAMES.get(foldKey(value)) ?? null;
}
