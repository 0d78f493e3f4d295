import { foldKey } from '../text/fold';

/** A lead's stage, as Lead Score decides it and Lead Router branches on it. */
export const STAGES = ['lead', 'mql', 'sql', 'disqualified'] as const;
export type Stage = (typeof STAGES)[number];

/**
 * The names a stage arrives under from a CRM or an earlier node (Lead Score's "Previous Stage",
 * Lead Router's score.stage), by foldKey: "Marketing Qualified Lead", "marketingqualifiedlead"
 * and "MQL" are one name. HubSpot's default lifecycle stages map onto the four stages; those
 * past SQL (opportunity, customer, evangelist) count as SQL, the last stage here, so that a lead
 * moved on in the CRM never comes back as less. HubSpot's "other" says nothing about the funnel
 * and is refused, like any name not listed. "unqualified" is HubSpot's lead status.
 */
export const STAGE_ALIASES: ReadonlyMap<string, Stage> = new Map<string, Stage>([
	['lead', 'lead'],
	['subscriber', 'lead'],
	['mql', 'mql'],
	['marketingqualifiedlead', 'mql'],
	['sql', 'sql'],
	['salesqualifiedlead', 'sql'],
	['opportunity', 'sql'],
	['customer', 'sql'],
	['evangelist', 'sql'],
	['disqualified', 'disqualified'],
	['unqualified', 'disqualified'],
]);

/** The stage a name stands for, or null when it is not one. */
export function stageFromName(name: string): Stage | null {
	return STAGE_ALIASES.get(foldKey(name)) ?? null;
}

/** For error messages: what a stage may be called. */
export const STAGE_NAMES_HELP = `Use one of: ${STAGES.join(', ')}, or a HubSpot lifecycle stage (${[...STAGE_ALIASES.keys()].filter((name) => !(STAGES as readonly string[]).includes(name)).join(', ')}).`;
