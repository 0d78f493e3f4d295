import type { Outcome } from './types';

/**
 * What a CRM's value says about a deal: won, lost, open, or null when unclear (the node then
 * names the item and the field). Booleans: true = won, false = lost.
 */
export function parseOutcome(value: unknown): Outcome | null {
	void value;
	throw new Error('parseOutcome: not implemented yet');
}
