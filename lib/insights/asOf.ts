/**
 * Scoring a historical lead as it was: at its submission (or its last activity before the deal
 * closed), with every activity dated after that moment left out, so that what happened because
 * of the sale (a meeting booked, a contract signed) never makes the model look better than it is.
 */
import type { LeadEvent } from '../lead/types';
import { scoreLead, type CompiledModel, type LeadScore } from '../scoring/engine';
import type { HygieneOptions } from '../scoring/hygiene';
import type { OutcomeRow, ScoreAt } from './types';

export interface ScoredRow {
	score: LeadScore;
	/** the scoring moment (ms), null when the row has no usable date */
	time: number | null;
	/** when the lead was submitted (ms), else the moment above */
	submitted: number | null;
	/** activities left out because they were dated after the moment */
	dropped: number;
}

function parseTime(text: string | null | undefined): number | null {
	if (!text) return null;
	const time = Date.parse(text);
	return Number.isFinite(time) ? time : null;
}

/** The moment a row is scored at, and the activities that had happened by then. */
export function momentOf(row: OutcomeRow, scoreAt: ScoreAt): { time: number | null; submitted: number | null; events: LeadEvent[]; dropped: number } {
	const lead = row.lead;
	const submitted = parseTime(lead.submittedAt) ?? parseTime(row.receivedAt);
	const closed = parseTime(row.closedAt);
	let cutoff: number | null;
	let time: number | null;
	if (scoreAt === 'lastActivity') {
		cutoff = closed ?? submitted;
		time = submitted;
		if (cutoff !== null) {
			for (const event of lead.events) {
				const at = parseTime(event.at);
				if (at !== null && at <= cutoff && (time === null || at > time)) time = at;
			}
		}
	} else {
		time = submitted ?? closed;
		cutoff = time;
	}
	if (cutoff === null) return { time: null, submitted, events: lead.events, dropped: 0 };
	let kept: LeadEvent[] | null = null;
	const events = lead.events;
	for (let index = 0; index < events.length; index++) {
		const at = parseTime(events[index].at);
		if (at !== null && at > cutoff) {
			kept ??= events.slice(0, index);
		} else if (kept) kept.push(events[index]);
	}
	return { time, submitted: submitted ?? time, events: kept ?? events, dropped: kept ? events.length - kept.length : 0 };
}

/** A lead with no usable date is scored as of its latest dated activity, else of 1970 (all its activities undated). */
export function scoreRowAsOf(compiled: CompiledModel, row: OutcomeRow, scoreAt: ScoreAt, hygiene: HygieneOptions | undefined): ScoredRow {
	const moment = momentOf(row, scoreAt);
	const lead = moment.events === row.lead.events ? row.lead : { ...row.lead, events: moment.events };
	let now = moment.time;
	if (now === null) {
		now = 0;
		for (const event of lead.events) now = Math.max(now, parseTime(event.at) ?? 0);
	}
	const score = scoreLead(compiled, lead, { now: new Date(now), hygiene, receivedAt: row.receivedAt ?? null });
	return { score, time: moment.time, submitted: moment.submitted, dropped: moment.dropped };
}
