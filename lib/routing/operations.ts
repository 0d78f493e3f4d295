/**
 * What the Lead Router's operations beyond Assign need: the signed part of `routing` that Reassign
 * and Return Turn trust, the audit events of every decision, and the team's status. No n8n imports.
 */
import { createHmac, timingSafeEqual } from 'crypto';
import { ownerDay, ownerPresence, presenceChange } from './availability';
import { RoutingStoreError, type ReadableRoutingStore, type RoutingStore } from './store';
import { rotationKey, type Assignment, type RoutingOptions, type SkippedOwner } from './strategies';
import type { Owner } from './team';

/* ------------------------------------------------------------------------------------------ */
/* Signed routing                                                                               */
/* ------------------------------------------------------------------------------------------ */

/** The fields of `routing` that Reassign and Return Turn act on; `routing.signature` covers all of them. */
export interface RoutingRecord {
	/** one per assignment: Return Turn gives back once per id */
	assignmentId: string;
	/** null when the lead went out unassigned */
	ownerId: string | null;
	assignedAt: string;
	/** re-assignments so far */
	hops: number;
	/** ids of the owners who had the lead before the current one, oldest first */
	previousOwners: string[];
	/** the lead's pseudonymous key (see leadKeyOf), null for a lead without email or phone */
	leadId: string | null;
	/** true when the lead stayed with an owner without being counted again (every owner tried) */
	exhausted: boolean;
}

export class RoutingRecordError extends Error {
	readonly field: string;

	constructor(field: string, message: string) {
		super(message);
		this.name = 'RoutingRecordError';
		this.field = field;
	}
}

function canonical(record: RoutingRecord): string {
	return JSON.stringify(['v1', record.assignmentId, record.ownerId, record.assignedAt, record.hops, record.previousOwners, record.leadId, record.exhausted]);
}

/** HMAC-SHA256 of the record with the router's secret (hex, 128 bits are plenty for a tamper check) */
export function signRouting(secret: string, record: RoutingRecord): string {
	return createHmac('sha256', secret).update(canonical(record)).digest('hex').slice(0, 32);
}

/**
 * The record of a routed item's `routing`, checked: present, well-formed and signed by this router
 * (its secret, kept in its store). Throws a RoutingRecordError naming the field otherwise: a
 * routing object from another Lead Router, another workflow (without a shared rotation) or one
 * changed by hand is refused, never acted upon.
 */
export function readRoutingRecord(routing: unknown, secret: string): RoutingRecord {
	if (typeof routing !== 'object' || routing === null || Array.isArray(routing)) {
		throw new RoutingRecordError('routing', 'The item has no routing object: route the lead with the Assign operation first.');
	}
	const raw = routing as Record<string, unknown>;
	if (typeof raw.assignmentId !== 'string' || raw.assignmentId === '') {
		throw new RoutingRecordError('routing.assignmentId', 'routing.assignmentId is missing: the lead was not routed by this version of the Lead Router (or not assigned: its stage is not in "Assign Owners For").');
	}
	const owner = raw.owner;
	let ownerId: string | null = null;
	if (owner !== null && owner !== undefined) {
		if (typeof owner !== 'object' || Array.isArray(owner) || typeof (owner as Record<string, unknown>).id !== 'string') {
			throw new RoutingRecordError('routing.owner.id', 'routing.owner must be null or an owner with an id.');
		}
		ownerId = (owner as Record<string, unknown>).id as string;
	}
	const hops = raw.hops === undefined ? 0 : raw.hops;
	if (typeof hops !== 'number' || !Number.isInteger(hops) || hops < 0) throw new RoutingRecordError('routing.hops', `routing.hops must be a whole number, not ${JSON.stringify(raw.hops)}.`);
	const previous = raw.previousOwners === undefined ? [] : raw.previousOwners;
	if (!Array.isArray(previous) || previous.some((id) => typeof id !== 'string')) throw new RoutingRecordError('routing.previousOwners', 'routing.previousOwners must be a list of owner ids.');
	if (typeof raw.assignedAt !== 'string' && raw.assignedAt !== null) throw new RoutingRecordError('routing.assignedAt', 'routing.assignedAt is missing.');
	const record: RoutingRecord = {
		assignmentId: raw.assignmentId,
		ownerId,
		assignedAt: typeof raw.assignedAt === 'string' ? raw.assignedAt : '',
		hops,
		previousOwners: previous as string[],
		leadId: typeof raw.leadId === 'string' ? raw.leadId : null,
		exhausted: raw.exhausted === true,
	};
	const signature = typeof raw.signature === 'string' ? raw.signature : '';
	const expected = signRouting(secret, record);
	if (signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) {
		throw new RoutingRecordError(
			'routing.signature',
			signature
				? 'routing.signature does not match: this routing object was made by another Lead Router (another node or workflow without the same Share Rotation Across Workflows ID, or another Redis key prefix), or it was changed after routing.'
				: 'routing.signature is missing: only routing objects made by this Lead Router can be reassigned or have their turn returned.',
		);
	}
	return record;
}

/* ------------------------------------------------------------------------------------------ */
/* Once per routing object                                                                      */
/* ------------------------------------------------------------------------------------------ */

/** how long a Reassign remembers its result: n8n retries and duplicate deliveries come within minutes or hours */
export const REASSIGN_ONCE_TTL_SECONDS = 7 * 24 * 3600;
/** how long a claim lasts while its execution works; a crashed execution's claim lapses after it */
export const ONCE_RUNNING_TTL_SECONDS = 60;

/** the key of one Reassign: the routing object it acts on (its assignment and hop) */
export function reassignOnceKey(record: RoutingRecord): string {
	return `re:${record.assignmentId}:${record.hops}`;
}

export type OnceOutcome<T> = { repeated: false; value: T } | { repeated: true; saved: string };

/**
 * Runs `work` once per `key` across every execution that shares the store: the first caller works
 * and saves `save(value)`; a later caller gets that saved text without working. A caller that finds
 * the first one still at work waits for it (polling every `pollMs`) up to the claim's lifetime and
 * a little more, then claims the key itself if the claim lapsed (its execution crashed) or fails
 * with a RoutingStoreError, so that n8n retries instead of acting twice. Work that throws releases
 * the claim: a retry of a failed Reassign is not mistaken for a repeat.
 */
export async function runOnce<T>(
	store: RoutingStore,
	key: string,
	work: () => Promise<T>,
	save: (value: T) => string,
	/** wait: the host's sleep (n8n's sleep in the node), so that lib/ keeps no timers of its own */
	options: { ttlSeconds: number; wait: (ms: number) => Promise<void>; runningTtlSeconds?: number; pollMs?: number },
): Promise<OnceOutcome<T>> {
	const running = options.runningTtlSeconds ?? ONCE_RUNNING_TTL_SECONDS;
	const pollMs = options.pollMs ?? 25;
	const deadline = Date.now() + running * 1000 + 5000;
	for (;;) {
		const claim = await store.claimOnce(key, running);
		if (claim.state === 'done') return { repeated: true, saved: claim.result };
		if (claim.state === 'claimed') {
			let value: T;
			try {
				value = await work();
			} catch (error) {
				await store.releaseOnce(key).catch(() => undefined);
				throw error;
			}
			await store.finishOnce(key, save(value), options.ttlSeconds);
			return { repeated: false, value };
		}
		if (Date.now() > deadline) throw new RoutingStoreError('Another execution is still reassigning this routing object; retry the execution in a minute.');
		await options.wait(pollMs);
	}
}

/* ------------------------------------------------------------------------------------------ */
/* Audit trail                                                                                  */
/* ------------------------------------------------------------------------------------------ */

export type AuditAction = 'assign' | 'reassign' | 'reassignRepeated' | 'escalate' | 'unassigned' | 'skip' | 'returnTurn' | 'returnTurnRepeated';

/** One decision. Holds owner ids and names, the lead's pseudonymous key and reasons without the lead's email or phone. */
export interface AuditEvent {
	at: string;
	action: AuditAction;
	leadId: string | null;
	assignmentId: string | null;
	/** the owner the decision is about: who got the lead, who was skipped, whose turn came back */
	ownerId: string | null;
	ownerName: string | null;
	/** skip: why (outOfOffice, outOfHours, capacity, alreadyHad) */
	code?: string;
	/** reassign: the owner who had the lead */
	previousOwnerId?: string | null;
	hops?: number;
	strategy?: string | null;
	reason: string;
	/** the rotation: workflow id and node name, or the shared rotation id */
	router: string;
}

/** the lead's email, phone and chat user id taken out of a reason, so the audit trail holds none of them (reasons write emails lower-cased) */
export function redactLead(text: string, secrets: Array<string | null | undefined | { value: string | null; mask: string }>): string {
	let out = text;
	for (const entry of secrets) {
		const secret = entry !== null && typeof entry === 'object' ? entry.value : entry;
		if (typeof secret !== 'string' || secret.trim().length < 3) continue;
		// a chat user id may be all digits (Telegram, Instagram), so its caller names it
		const mask = entry !== null && typeof entry === 'object' ? entry.mask : secret.includes('@') ? '[email]' : '[phone]';
		const value = secret.trim();
		out = out.split(value).join(mask);
		if (value.toLowerCase() !== value) out = out.split(value.toLowerCase()).join(mask);
	}
	return out;
}

/** The events of one assignment or re-assignment: one per skipped owner, then the decision. */
export function assignmentEvents(
	assignment: Assignment,
	context: { at: string; action: 'assign' | 'reassign'; leadId: string | null; assignmentId: string; router: string; previousOwnerId?: string | null; hops?: number; redact: (text: string) => string },
): AuditEvent[] {
	const base = { at: context.at, leadId: context.leadId, assignmentId: context.assignmentId, router: context.router };
	const events: AuditEvent[] = assignment.skipped.map((skip: SkippedOwner) => ({
		...base,
		action: 'skip' as const,
		ownerId: skip.id,
		ownerName: skip.name,
		code: skip.code,
		reason: context.redact(skip.reason),
	}));
	const action: AuditAction = assignment.escalated ? 'escalate' : assignment.owner ? context.action : 'unassigned';
	const event: AuditEvent = {
		...base,
		action,
		ownerId: assignment.owner?.id ?? null,
		ownerName: assignment.owner?.name ?? null,
		strategy: assignment.strategy,
		reason: context.redact(assignment.reason),
	};
	if (context.action === 'reassign') {
		event.previousOwnerId = context.previousOwnerId ?? null;
		event.hops = context.hops;
	}
	events.push(event);
	return events;
}

/* ------------------------------------------------------------------------------------------ */
/* Team status                                                                                  */
/* ------------------------------------------------------------------------------------------ */

export interface OwnerStatus {
	id: string;
	name: string;
	email: string | null;
	/** leads counted on the owner's working day (see ownerDay) */
	leadsToday: number;
	/** 0 = no limit */
	dailyCapacity: number;
	/** null = no limit */
	capacityLeft: number | null;
	/** present and under the cap */
	availableNow: boolean;
	/** why not, when not */
	reason: string | null;
	/** end of the current shift, when available and working hours apply */
	availableUntil: string | null;
	/** start of the next shift, when outside working hours */
	availableFrom: string | null;
	/** turns given back (Return Turn, Reassign) and not yet served */
	owedTurns: number;
	/** the whole-team rotation's next lead goes to this owner */
	nextInTurn: boolean;
}

export interface TeamStatus {
	at: string;
	/** the rotation the next lead of the whole team takes: roundRobin or weighted */
	rotation: 'roundRobin' | 'weighted';
	nextInTurn: { id: string; name: string } | null;
	owners: OwnerStatus[];
	/** one line per owner, for a chat message */
	text: string;
}

/**
 * Reads, without changing anything, each owner's count today, presence and owed turns, and works
 * out who the whole team's rotation hands the next lead to (a lead of a language or territory
 * with its own pool may go elsewhere), as the store's pick would: owed turns first, then the
 * rotation's order.
 */
export async function teamStatus(owners: readonly Owner[], options: RoutingOptions, store: ReadableRoutingStore, now: Date): Promise<TeamStatus> {
	const base = options.strategy === 'sticky' ? options.baseStrategy ?? 'roundRobin' : options.strategy;
	const mode = base === 'weighted' ? 'weighted' : 'roundRobin';
	const timeZone = options.timeZone ?? 'UTC';
	const days = owners.map((owner) => ownerDay(owner, now, timeZone));
	const view = await store.read({ poolKey: rotationKey(mode, owners, owners), counts: owners.map((owner, i) => ({ ownerId: owner.id, day: days[i] })), stickyKey: null, now: now.getTime(), owed: true });
	const owed = view.owed ?? {};
	const statuses: OwnerStatus[] = owners.map((owner, i) => {
		const count = view.counts[i] ?? 0;
		const presence = ownerPresence(owner, now);
		const change = presenceChange(owner, now);
		const full = owner.dailyCapacity > 0 && count >= owner.dailyCapacity;
		return {
			id: owner.id,
			name: owner.name,
			email: owner.email,
			leadsToday: count,
			dailyCapacity: owner.dailyCapacity,
			capacityLeft: owner.dailyCapacity > 0 ? Math.max(0, owner.dailyCapacity - count) : null,
			availableNow: presence.available && !full,
			reason: !presence.available ? presence.reason : full ? `${owner.name} reached the daily cap of ${owner.dailyCapacity}` : null,
			availableUntil: presence.available && change.until ? change.until.toISOString() : null,
			availableFrom: !presence.available && change.from ? change.from.toISOString() : null,
			owedTurns: Object.prototype.hasOwnProperty.call(owed, owner.id) ? owed[owner.id] : 0,
			nextInTurn: false,
		};
	});
	const eligible = (i: number) => statuses[i].availableNow;
	const last = view.rotation?.last ?? null;
	const start = mode === 'roundRobin' && last !== null ? owners.findIndex((owner) => owner.id === last) + 1 : 0;
	let next = -1;
	for (let step = 0; step < owners.length && next < 0; step++) {
		const i = (start + step) % owners.length;
		if (statuses[i].owedTurns > 0 && eligible(i)) next = i;
	}
	if (next < 0 && mode === 'roundRobin') {
		for (let step = 0; step < owners.length && next < 0; step++) if (eligible((start + step) % owners.length)) next = (start + step) % owners.length;
	} else if (next < 0) {
		let best = -Infinity;
		owners.forEach((owner, i) => {
			if (!eligible(i)) return;
			const credit = (view.rotation?.credits[owner.id] ?? 0) + Math.max(1, Math.round(owner.weight * 1000));
			if (credit > best) {
				best = credit;
				next = i;
			}
		});
	}
	if (next >= 0) statuses[next].nextInTurn = true;
	const line = (s: OwnerStatus) => {
		const cap = s.dailyCapacity > 0 ? `${s.leadsToday}/${s.dailyCapacity} today` : `${s.leadsToday} today`;
		const when = s.availableNow ? (s.availableUntil ? `available until ${s.availableUntil}` : 'available') : `${s.reason ?? 'unavailable'}${s.availableFrom ? `, back ${s.availableFrom}` : ''}`;
		const owedText = s.owedTurns > 0 ? `, ${s.owedTurns} turn${s.owedTurns === 1 ? '' : 's'} owed` : '';
		return `${s.nextInTurn ? '▶ ' : ''}${s.name}: ${cap}, ${when}${owedText}`;
	};
	return {
		at: now.toISOString(),
		rotation: mode,
		nextInTurn: next >= 0 ? { id: owners[next].id, name: owners[next].name } : null,
		owners: statuses,
		text: statuses.map(line).join('\n'),
	};
}
