import type { OutcomeRow } from './types';

/** One true effect of the simulated world, on the log-odds of winning. */
export interface TrueEffect {
	/** what it is, in the words of the lead (e.g. "senior job title", "demo request", "source: linkedin") */
	name: string;
	/** added to the log-odds when present (per activity for counted ones) */
	logOdds: number;
}

export interface SimulatorOptions {
	seed: number;
	leads: number;
	/** first submission (ISO); default 2025-01-01 */
	start?: string;
	/** submissions spread evenly over this many months; default 12 */
	months?: number;
	/** how much the effect of behaviour grows (and of fit shrinks) from the first to the last month, as a share; default 0.2 */
	drift?: number;
	/** standard deviation of unobserved per-lead noise on the log-odds; default 0.5 */
	noise?: number;
	/** log-odds of a lead with no effect at all; default -3 */
	baseLogOdds?: number;
	/** share of leads still open (no outcome yet); default 0 */
	openShare?: number;
	/** give every lead a cost per lead by source; default true */
	costs?: boolean;
}

export interface SimulatedPopulation {
	rows: OutcomeRow[];
	/** the true chance each row had of being won (before the draw) */
	trueProbability: Float64Array;
	effects: TrueEffect[];
}

/** A seeded population of leads whose chance of winning follows a known model (see TrueEffect). */
export function simulateLeads(options: SimulatorOptions): SimulatedPopulation {
	void options;
	throw new Error('simulateLeads: not implemented yet');
}
