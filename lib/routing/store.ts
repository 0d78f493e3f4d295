import { createHash, randomBytes } from 'crypto';
import type { RedisOptions } from 'ioredis';

/**
 * Routing state (rotation turns, weighted-round-robin credits, sticky owners, daily counts) lives
 * in a RoutingStore. Every operation that decides an owner is one atomic step in the store, so
 * concurrent executions never hand out the same turn and never exceed a daily cap:
 *  - MemoryStore: a plain JSON object (n8n workflow static data) behind an in-process lock;
 *  - RedisStore: Lua scripts run by Redis, for several n8n processes sharing one Redis.
 */

export type SkipCode = 'away' | 'full';

export interface PickCandidate {
	id: string;
	/** share for weighted round robin, a positive whole number (weight × 1000) */
	weight: number;
	/** leads per day, 0 = unlimited */
	capacity: number;
	/** the owner's local calendar day 'YYYY-MM-DD'; capacity is counted per day */
	day: string;
	/** false when out of office or outside working hours (decided by the caller) */
	available: boolean;
}

export interface PickRequest {
	mode: 'roundRobin' | 'weighted';
	/** names the rotation: one per pool of owners */
	poolKey: string;
	/** the pool in list order */
	candidates: PickCandidate[];
	/**
	 * when set, the remembered owner for `key` gets the lead if they are on `team`, available and
	 * under their cap; otherwise the rotation picks and, if nobody was remembered, that pick is remembered
	 */
	sticky?: { key: string; ttlSeconds: number; team: PickCandidate[] } | null;
	/** epoch ms; the memory store expires sticky entries with it (Redis uses its own clock) */
	now: number;
	/** true: turns given back (see giveBack) are not served from this pick (account owners) */
	ignoreOwed?: boolean;
}

/** Gives back what one assignment took: its count on the owner's day and/or a turn ahead of the rotation. */
export interface GiveBackRequest {
	ownerId: string;
	/** the owner's working day the lead was counted on */
	day: string;
	capacity: boolean;
	turn: boolean;
	/** names the assignment: a second call with the same key gives nothing back */
	onceKey: string;
	/** how long the once-marker is kept */
	onceTtlSeconds: number;
}

/**
 * Where an operation that must happen once per key stands (a Reassign of one routing object):
 * claimed by this caller, who must finish or release it; running in another execution; or done,
 * with what the first one saved.
 */
export type OnceClaim = { state: 'claimed' } | { state: 'running' } | { state: 'done'; result: string };

export interface PickResult {
	ownerId: string | null;
	via: 'sticky' | 'rotation' | null;
	/** how many leads this rotation has handed out, this one included */
	turn: number;
	/** owners passed over, in the order they were looked at */
	skipped: Array<{ id: string; code: SkipCode }>;
	/** the remembered owner, when there is one on the team (used or not) */
	stickyOwnerId: string | null;
	/** why the remembered owner did not get the lead */
	stickyBlocked: SkipCode | null;
	/** true when this pick was remembered for next time */
	stickySaved: boolean;
	/** true when the owner got the lead for a turn given back to them (see giveBack) */
	owedTurn?: boolean;
}

export interface RoutingStore {
	/** atomically: sticky lookup, next turn, capacity check and count of the chosen owner */
	pick(request: PickRequest): Promise<PickResult>;
	/** atomically: if the owner has room on `day` (capacity 0 = unlimited), count one more lead and return true */
	takeCapacity(ownerId: string, day: string, capacity: number): Promise<boolean>;
	getDailyCount(ownerId: string, day: string): Promise<number>;
	incrementDailyCount(ownerId: string, day: string): Promise<number>;
	getSticky(key: string, now?: number): Promise<string | null>;
	/** ttlSeconds 0 = keep until overwritten */
	setSticky(key: string, ownerId: string, ttlSeconds: number, now?: number): Promise<void>;
	/**
	 * atomically and once per request.onceKey: one lead less on the owner's day (never below 0) and/or
	 * one turn owed to the owner, which the next pick whose pool holds them serves first; false when
	 * that key was already used
	 */
	giveBack(request: GiveBackRequest): Promise<boolean>;
	/**
	 * atomically: the first caller for `key` gets 'claimed' and a running marker that lapses after
	 * `runningTtlSeconds` (a crashed caller does not block the key for ever); later callers get
	 * 'running' until the first calls finishOnce, then 'done' with its result
	 */
	claimOnce(key: string, runningTtlSeconds: number): Promise<OnceClaim>;
	/** saves the result of a claimed key, kept for `ttlSeconds` */
	finishOnce(key: string, result: string, ttlSeconds: number): Promise<void>;
	/** drops the running marker of a claimed key whose work failed, so that a retry can claim it */
	releaseOnce(key: string): Promise<void>;
	/** a random secret of this router's state, created on first use; signs routing objects */
	secret(): Promise<string>;
	close(): Promise<void>;
}

/** What PreviewStore reads from a live store: one rotation, some day counts, one sticky owner. */
export interface RoutingStateQuery {
	poolKey: string | null;
	counts: Array<{ ownerId: string; day: string }>;
	stickyKey: string | null;
	/** epoch ms, to tell expired sticky entries (memory store) */
	now: number;
	/** also read the turns owed to owners */
	owed?: boolean;
}

export interface RoutingStateView {
	/** null when the rotation has not started (or no poolKey was asked for) */
	rotation: { last: string | null; turn: number; credits: Record<string, number> } | null;
	/** in the order of the query's counts */
	counts: number[];
	/** expiresAt in epoch ms, 0 = never */
	sticky: { ownerId: string; expiresAt: number } | null;
	/** turns given back and not yet served, by owner id (present when asked for) */
	owed?: Record<string, number>;
}

/** A store whose state can be read without changing it. */
export interface ReadableRoutingStore extends RoutingStore {
	read(query: RoutingStateQuery): Promise<RoutingStateView>;
}

export class RoutingStoreError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RoutingStoreError';
	}
}

/** Daily counts are only needed for today; keep a few days so that every time zone is covered. */
export const DAILY_COUNT_TTL_SECONDS = 3 * 24 * 3600;
/** A rotation nobody used for this long starts afresh (Redis only). */
export const ROTATION_TTL_SECONDS = 180 * 24 * 3600;
/**
 * The memory store keeps its state in workflow static data, which n8n writes back to its database
 * after every execution that changed it; these bounds keep that write small. Beyond either, the
 * sticky owners written longest ago are forgotten first (a returning lead then goes by the base
 * strategy). Teams that need more remembered owners use the Redis store, which has no such bound.
 */
export const MAX_MEMORY_STICKY_ENTRIES = 2_000;
/** UTF-8 bytes of the sticky entries as n8n saves them (JSON) */
export const MAX_MEMORY_STICKY_BYTES = 128 * 1024;
/** once-markers of given-back assignments the memory store keeps (oldest forgotten first) */
export const MAX_MEMORY_ONCE_ENTRIES = 2_000;
/** results of claimOnce keys (done Reassigns) the memory store keeps, bounded like the sticky owners (oldest forgotten first) */
export const MAX_MEMORY_DONE_ENTRIES = 2_000;
/** UTF-8 bytes of those results as n8n saves them (JSON) */
export const MAX_MEMORY_DONE_BYTES = 128 * 1024;

/* ------------------------------------------------------------------------------------------ */
/* In-process lock                                                                              */
/* ------------------------------------------------------------------------------------------ */

const locks = new WeakMap<object, Promise<void>>();

/**
 * Runs `fn` when every earlier holder of the lock on `target` has finished: a promise chain per
 * object, so async callers in one Node process queue up instead of interleaving.
 */
export async function withLock<T>(target: object, fn: () => T | Promise<T>): Promise<T> {
	const previous = locks.get(target) ?? Promise.resolve();
	let release: () => void = () => undefined;
	const current = new Promise<void>((resolve) => {
		release = resolve;
	});
	const tail = previous.then(() => current);
	locks.set(target, tail);
	await previous;
	try {
		return await fn();
	} finally {
		release();
		if (locks.get(target) === tail) locks.delete(target);
	}
}

/* ------------------------------------------------------------------------------------------ */
/* MemoryStore                                                                                  */
/* ------------------------------------------------------------------------------------------ */

interface RotationState {
	last: string | null;
	turn: number;
	/** smooth weighted round robin credits, keyed 'o:<ownerId>' */
	cw: Record<string, number>;
}

/** The JSON shape kept in workflow static data. Owner ids are prefixed with 'o:' as object keys. */
export interface MemoryRoutingState {
	v: 1;
	rot: Record<string, RotationState>;
	/** day → 'o:<ownerId>' → leads counted */
	counts: Record<string, Record<string, number>>;
	/** sticky key → [ownerId, expires at (epoch ms, 0 = never)] */
	sticky: Record<string, [string, number]>;
	/** 'o:<ownerId>' → turns given back and not yet served */
	owed?: Record<string, number>;
	/** once-keys of giveBack → expires at (epoch ms) */
	once?: Record<string, number>;
	/** claimOnce keys → [result ('' while running), expires at (epoch ms)] */
	done?: Record<string, [string, number]>;
	/** signs routing objects (see secret()) */
	sec?: string;
}

const DEFAULT_STATE_KEY = 'leadRouter';
const KEEP_COUNT_DAYS = 4;

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ownerKey = (id: string) => `o:${id}`;

function has(record: object, key: string): boolean {
	return Object.prototype.hasOwnProperty.call(record, key);
}

const sharedHolders = new Map<string, Record<string, unknown>>();

interface StickySize {
	entries: number;
	bytes: number;
}

const stickySizes = new WeakMap<object, StickySize>();

/** UTF-8 bytes of `"key":[…],` in the saved JSON */
function stickyEntryBytes(key: string, entry: unknown): number {
	return Buffer.byteLength(JSON.stringify(key)) + Buffer.byteLength(JSON.stringify(entry) ?? '') + 2;
}

export interface MemoryStoreOptions {
	/** property of the data object that holds the state; default 'leadRouter' */
	key?: string;
	/** after every change, the state is also assigned here (n8n static data of this execution) */
	mirrorTo?: Record<string, unknown>;
}

export class MemoryStore implements ReadableRoutingStore {
	private readonly data: Record<string, unknown>;
	private readonly key: string;
	private readonly mirrorTo: Record<string, unknown> | undefined;

	/**
	 * @param data a plain JSON-serialisable object, e.g. `this.getWorkflowStaticData('node')`;
	 *   the state is kept in `data[key]` and the lock is keyed by `data`.
	 */
	constructor(data: Record<string, unknown> = {}, options: MemoryStoreOptions = {}) {
		this.data = data;
		this.key = options.key ?? DEFAULT_STATE_KEY;
		this.mirrorTo = options.mirrorTo;
	}

	/**
	 * One state per `namespace` (e.g. workflow id + node name) for the whole Node process.
	 * n8n gives every execution its own copy of the workflow static data and saves it when the
	 * execution ends, so a lock on that copy alone would not stop two concurrent executions from
	 * handing out the same turn. The first call in a process adopts what `staticData` holds (the
	 * state saved last time); later calls share that live state, and every change is assigned back
	 * into the caller's `staticData` so n8n persists it.
	 */
	static shared(namespace: string, staticData: Record<string, unknown>, key = DEFAULT_STATE_KEY): MemoryStore {
		let holder = sharedHolders.get(namespace);
		if (!holder) {
			holder = {};
			const saved = staticData[key];
			if (isRecord(saved)) holder[key] = JSON.parse(JSON.stringify(saved)) as unknown;
			sharedHolders.set(namespace, holder);
		}
		return new MemoryStore(holder, { key, mirrorTo: staticData });
	}

	/** forgets every shared state of this process (tests) */
	static resetShared(): void {
		sharedHolders.clear();
	}

	/** a copy of the current state, for inspection */
	snapshot(): MemoryRoutingState {
		return JSON.parse(JSON.stringify(this.state())) as MemoryRoutingState;
	}

	private state(): MemoryRoutingState {
		const raw = this.data[this.key];
		if (isRecord(raw) && raw.v === 1 && isRecord(raw.rot) && isRecord(raw.counts) && isRecord(raw.sticky)) {
			return raw as unknown as MemoryRoutingState;
		}
		const fresh: MemoryRoutingState = { v: 1, rot: {}, counts: {}, sticky: {} };
		this.data[this.key] = fresh;
		return fresh;
	}

	private changed(state: MemoryRoutingState): void {
		// assigning at the top level marks n8n's observable static data as changed
		this.data[this.key] = state;
		if (this.mirrorTo) this.mirrorTo[this.key] = state;
	}

	private count(state: MemoryRoutingState, id: string, day: string): number {
		const counts = has(state.counts, day) ? state.counts[day] : undefined;
		const value = counts && has(counts, ownerKey(id)) ? counts[ownerKey(id)] : 0;
		return typeof value === 'number' && Number.isFinite(value) ? value : 0;
	}

	private increment(state: MemoryRoutingState, id: string, day: string): number {
		if (!has(state.counts, day) || !isRecord(state.counts[day])) {
			state.counts[day] = {};
			const days = Object.keys(state.counts).sort();
			for (const old of days.slice(0, Math.max(0, days.length - KEEP_COUNT_DAYS))) delete state.counts[old];
		}
		const next = this.count(state, id, day) + 1;
		state.counts[day][ownerKey(id)] = next;
		return next;
	}

	private isFull(state: MemoryRoutingState, candidate: PickCandidate): boolean {
		return candidate.capacity > 0 && this.count(state, candidate.id, candidate.day) >= candidate.capacity;
	}

	private readSticky(state: MemoryRoutingState, key: string, now: number): string | null {
		if (!has(state.sticky, key)) return null;
		const entry = state.sticky[key];
		if (!Array.isArray(entry) || typeof entry[0] !== 'string') return null;
		const expires = Number(entry[1]) || 0;
		if (expires !== 0 && expires <= now) return null;
		return entry[0];
	}

	/** entries and JSON bytes of the sticky object, kept per object so a write does not re-measure all entries */
	private stickySize(sticky: Record<string, [string, number]>): StickySize {
		let size = stickySizes.get(sticky);
		if (size === undefined) {
			size = { entries: 0, bytes: 2 };
			for (const key of Object.keys(sticky)) {
				size.entries += 1;
				size.bytes += stickyEntryBytes(key, sticky[key]);
			}
			stickySizes.set(sticky, size);
		}
		return size;
	}

	private writeSticky(state: MemoryRoutingState, key: string, ownerId: string, ttlSeconds: number, now: number): void {
		this.writeBounded(state.sticky, key, [ownerId, ttlSeconds > 0 ? now + ttlSeconds * 1000 : 0], now, MAX_MEMORY_STICKY_ENTRIES, MAX_MEMORY_STICKY_BYTES);
	}

	/** writes one [value, expires at] entry of a bounded map (sticky owners, done results), trimming it beyond either bound */
	private writeBounded(sticky: Record<string, [string, number]>, key: string, entry: [string, number], now: number, maxEntries: number, maxBytes: number): void {
		const size = this.stickySize(sticky);
		if (has(sticky, key)) {
			size.entries -= 1;
			size.bytes -= stickyEntryBytes(key, sticky[key]);
		}
		// re-inserting keeps the object in least-recently-written order, so the oldest go first
		delete sticky[key];
		sticky[key] = entry;
		size.entries += 1;
		size.bytes += stickyEntryBytes(key, entry);
		if (size.entries > maxEntries || size.bytes > maxBytes) this.trimSticky(sticky, size, now, maxEntries, maxBytes);
	}

	/**
	 * Down to 90 % of both bounds, expired entries first, then the oldest: one pass over all
	 * entries per tenth of the bound written, instead of one per write.
	 */
	private trimSticky(sticky: Record<string, [string, number]>, size: StickySize, now: number, maxEntries: number, maxBytes: number): void {
		const entries = Math.floor(maxEntries * 0.9);
		const bytes = Math.floor(maxBytes * 0.9);
		const drop = (key: string) => {
			size.entries -= 1;
			size.bytes -= stickyEntryBytes(key, sticky[key]);
			delete sticky[key];
		};
		const keys = Object.keys(sticky);
		for (const key of keys) {
			const expires = Number(sticky[key]?.[1]) || 0;
			if (expires !== 0 && expires <= now) drop(key);
		}
		for (const key of keys) {
			if (size.entries <= Math.max(1, entries) && size.bytes <= bytes) break;
			if (has(sticky, key) && size.entries > 1) drop(key);
		}
	}

	private rotation(state: MemoryRoutingState, poolKey: string): RotationState {
		let rotation = has(state.rot, poolKey) ? state.rot[poolKey] : undefined;
		if (!isRecord(rotation) || !isRecord(rotation.cw)) {
			rotation = { last: null, turn: 0, cw: {} };
			state.rot[poolKey] = rotation;
		}
		return rotation;
	}

	async pick(request: PickRequest): Promise<PickResult> {
		return withLock(this.data, () => {
			const state = this.state();
			const result = this.pickNow(state, request);
			this.changed(state);
			return result;
		});
	}

	/** the algorithm of the Redis pick script, over the in-memory state */
	private pickNow(state: MemoryRoutingState, request: PickRequest): PickResult {
		const result: PickResult = { ownerId: null, via: null, turn: 0, skipped: [], stickyOwnerId: null, stickyBlocked: null, stickySaved: false };
		const rotation = this.rotation(state, request.poolKey);
		result.turn = Number(rotation.turn) || 0;
		let stickyFree = false;
		if (request.sticky) {
			const remembered = this.readSticky(state, request.sticky.key, request.now);
			const member = remembered === null ? undefined : request.sticky.team.find((c) => c.id === remembered);
			if (member) {
				result.stickyOwnerId = member.id;
				if (!member.available) result.stickyBlocked = 'away';
				else if (this.isFull(state, member)) result.stickyBlocked = 'full';
				else {
					this.increment(state, member.id, member.day);
					this.writeSticky(state, request.sticky.key, member.id, request.sticky.ttlSeconds, request.now);
					result.ownerId = member.id;
					result.via = 'sticky';
					return result;
				}
			} else {
				stickyFree = true;
			}
		}

		const candidates = request.candidates;
		let chosen: PickCandidate | undefined;
		const owedTo = this.owedCandidate(state, request, rotation);
		if (owedTo) {
			const owed = state.owed as Record<string, number>;
			const left = (Number(owed[ownerKey(owedTo.id)]) || 0) - 1;
			if (left > 0) owed[ownerKey(owedTo.id)] = left;
			else delete owed[ownerKey(owedTo.id)];
			this.increment(state, owedTo.id, owedTo.day);
			rotation.turn = (Number(rotation.turn) || 0) + 1;
			result.ownerId = owedTo.id;
			result.via = 'rotation';
			result.turn = rotation.turn;
			result.owedTurn = true;
			if (request.sticky && stickyFree) {
				this.writeSticky(state, request.sticky.key, owedTo.id, request.sticky.ttlSeconds, request.now);
				result.stickySaved = true;
			}
			return result;
		}
		if (request.mode === 'roundRobin') {
			const lastIndex = rotation.last === null ? -1 : candidates.findIndex((c) => c.id === rotation.last);
			for (let step = 1; step <= candidates.length; step++) {
				const candidate = candidates[(lastIndex + step) % candidates.length];
				if (!candidate.available) result.skipped.push({ id: candidate.id, code: 'away' });
				else if (this.isFull(state, candidate)) result.skipped.push({ id: candidate.id, code: 'full' });
				else {
					chosen = candidate;
					break;
				}
			}
		} else {
			const eligible: PickCandidate[] = [];
			let total = 0;
			for (const candidate of candidates) {
				if (!candidate.available) result.skipped.push({ id: candidate.id, code: 'away' });
				else if (this.isFull(state, candidate)) result.skipped.push({ id: candidate.id, code: 'full' });
				else {
					eligible.push(candidate);
					total += candidate.weight;
				}
			}
			let bestCredit = 0;
			const credits = new Map<string, number>();
			for (const candidate of eligible) {
				const key = ownerKey(candidate.id);
				const credit = (has(rotation.cw, key) ? Number(rotation.cw[key]) || 0 : 0) + candidate.weight;
				credits.set(candidate.id, credit);
				if (chosen === undefined || credit > bestCredit) {
					chosen = candidate;
					bestCredit = credit;
				}
			}
			for (const candidate of eligible) {
				const credit = credits.get(candidate.id) ?? 0;
				rotation.cw[ownerKey(candidate.id)] = candidate === chosen ? credit - total : credit;
			}
			// credits of people who left the pool are dropped
			const inPool = new Set(candidates.map((c) => ownerKey(c.id)));
			for (const key of Object.keys(rotation.cw)) if (!inPool.has(key)) delete rotation.cw[key];
		}

		if (chosen) {
			this.increment(state, chosen.id, chosen.day);
			rotation.turn = (Number(rotation.turn) || 0) + 1;
			rotation.last = chosen.id;
			result.ownerId = chosen.id;
			result.via = 'rotation';
			result.turn = rotation.turn;
			if (request.sticky && stickyFree) {
				this.writeSticky(state, request.sticky.key, chosen.id, request.sticky.ttlSeconds, request.now);
				result.stickySaved = true;
			}
		}
		return result;
	}

	/**
	 * The owner a given-back turn goes to: in rotation order (after the last owner for round robin,
	 * list order for weighted), the first owed one who is available and under their cap. The rotation's
	 * own order is left where it was, so everybody else keeps their place.
	 */
	private owedCandidate(state: MemoryRoutingState, request: PickRequest, rotation: RotationState): PickCandidate | undefined {
		const owed = state.owed;
		if (request.ignoreOwed || !isRecord(owed) || Object.keys(owed).length === 0) return undefined;
		const candidates = request.candidates;
		const start = request.mode === 'roundRobin' && rotation.last !== null ? candidates.findIndex((c) => c.id === rotation.last) + 1 : 0;
		for (let step = 0; step < candidates.length; step++) {
			const candidate = candidates[(start + step) % candidates.length];
			const key = ownerKey(candidate.id);
			if (has(owed, key) && Number(owed[key]) > 0 && candidate.available && !this.isFull(state, candidate)) return candidate;
		}
		return undefined;
	}

	async giveBack(request: GiveBackRequest): Promise<boolean> {
		return withLock(this.data, () => {
			const state = this.state();
			const now = Date.now();
			const once = isRecord(state.once) ? state.once : (state.once = {});
			if (has(once, request.onceKey) && Number(once[request.onceKey]) > now) return false;
			delete once[request.onceKey];
			once[request.onceKey] = now + request.onceTtlSeconds * 1000;
			const keys = Object.keys(once);
			if (keys.length > MAX_MEMORY_ONCE_ENTRIES) for (const key of keys.slice(0, keys.length - MAX_MEMORY_ONCE_ENTRIES)) delete once[key];
			if (request.capacity) {
				const count = this.count(state, request.ownerId, request.day);
				if (count > 0) state.counts[request.day][ownerKey(request.ownerId)] = count - 1;
			}
			if (request.turn) {
				const owed = isRecord(state.owed) ? state.owed : (state.owed = {});
				owed[ownerKey(request.ownerId)] = (Number(owed[ownerKey(request.ownerId)]) || 0) + 1;
			}
			this.changed(state);
			return true;
		});
	}

	async claimOnce(key: string, runningTtlSeconds: number): Promise<OnceClaim> {
		return withLock(this.data, () => {
			const state = this.state();
			const now = Date.now();
			const done = isRecord(state.done) ? state.done : (state.done = {});
			const entry = has(done, key) ? done[key] : undefined;
			if (Array.isArray(entry) && typeof entry[0] === 'string' && Number(entry[1]) > now) return entry[0] === '' ? { state: 'running' } : { state: 'done', result: entry[0] };
			this.writeBounded(done, key, ['', now + runningTtlSeconds * 1000], now, MAX_MEMORY_DONE_ENTRIES, MAX_MEMORY_DONE_BYTES);
			this.changed(state);
			return { state: 'claimed' };
		});
	}

	async finishOnce(key: string, result: string, ttlSeconds: number): Promise<void> {
		return withLock(this.data, () => {
			const state = this.state();
			const now = Date.now();
			const done = isRecord(state.done) ? state.done : (state.done = {});
			this.writeBounded(done, key, [result, now + ttlSeconds * 1000], now, MAX_MEMORY_DONE_ENTRIES, MAX_MEMORY_DONE_BYTES);
			this.changed(state);
		});
	}

	async releaseOnce(key: string): Promise<void> {
		return withLock(this.data, () => {
			const state = this.state();
			const done = state.done;
			if (!isRecord(done) || !has(done, key) || done[key]?.[0] !== '') return;
			const size = this.stickySize(done);
			size.entries -= 1;
			size.bytes -= stickyEntryBytes(key, done[key]);
			delete done[key];
			this.changed(state);
		});
	}

	async secret(): Promise<string> {
		return withLock(this.data, () => {
			const state = this.state();
			if (typeof state.sec === 'string' && state.sec.length >= 32) return state.sec;
			state.sec = randomBytes(32).toString('hex');
			this.changed(state);
			return state.sec;
		});
	}

	async takeCapacity(ownerId: string, day: string, capacity: number): Promise<boolean> {
		return withLock(this.data, () => {
			const state = this.state();
			if (capacity > 0 && this.count(state, ownerId, day) >= capacity) return false;
			this.increment(state, ownerId, day);
			this.changed(state);
			return true;
		});
	}

	async getDailyCount(ownerId: string, day: string): Promise<number> {
		return withLock(this.data, () => this.count(this.state(), ownerId, day));
	}

	async incrementDailyCount(ownerId: string, day: string): Promise<number> {
		return withLock(this.data, () => {
			const state = this.state();
			const next = this.increment(state, ownerId, day);
			this.changed(state);
			return next;
		});
	}

	async getSticky(key: string, now: number = Date.now()): Promise<string | null> {
		return withLock(this.data, () => this.readSticky(this.state(), key, now));
	}

	async setSticky(key: string, ownerId: string, ttlSeconds: number, now: number = Date.now()): Promise<void> {
		return withLock(this.data, () => {
			const state = this.state();
			this.writeSticky(state, key, ownerId, ttlSeconds, now);
			this.changed(state);
		});
	}

	async read(query: RoutingStateQuery): Promise<RoutingStateView> {
		return withLock(this.data, () => {
			const state = this.state();
			let rotation: RoutingStateView['rotation'] = null;
			const saved = query.poolKey !== null && has(state.rot, query.poolKey) ? state.rot[query.poolKey] : undefined;
			if (isRecord(saved) && isRecord(saved.cw)) {
				const credits: Record<string, number> = {};
				for (const [key, value] of Object.entries(saved.cw)) if (key.startsWith('o:')) credits[key.slice(2)] = Number(value) || 0;
				rotation = { last: typeof saved.last === 'string' ? saved.last : null, turn: Number(saved.turn) || 0, credits };
			}
			const counts = query.counts.map(({ ownerId, day }) => this.count(state, ownerId, day));
			let sticky: RoutingStateView['sticky'] = null;
			if (query.stickyKey !== null) {
				const ownerId = this.readSticky(state, query.stickyKey, query.now);
				if (ownerId !== null) sticky = { ownerId, expiresAt: Number(state.sticky[query.stickyKey][1]) || 0 };
			}
			const view: RoutingStateView = { rotation, counts, sticky };
			if (query.owed) {
				view.owed = {};
				for (const [key, value] of Object.entries(isRecord(state.owed) ? state.owed : {})) if (key.startsWith('o:') && Number(value) > 0) view.owed[key.slice(2)] = Number(value);
			}
			return view;
		});
	}

	/** puts what another store holds into this one (PreviewStore's copy-on-read) */
	async seed(query: RoutingStateQuery, view: RoutingStateView): Promise<void> {
		return withLock(this.data, () => {
			const state = this.state();
			if (query.poolKey !== null && view.rotation) {
				const cw: Record<string, number> = {};
				for (const [id, credit] of Object.entries(view.rotation.credits)) cw[ownerKey(id)] = credit;
				state.rot[query.poolKey] = { last: view.rotation.last, turn: view.rotation.turn, cw };
			}
			query.counts.forEach(({ ownerId, day }, i) => {
				const count = view.counts[i] ?? 0;
				if (count <= 0) return;
				if (!has(state.counts, day) || !isRecord(state.counts[day])) state.counts[day] = {};
				state.counts[day][ownerKey(ownerId)] = count;
			});
			if (query.stickyKey !== null && view.sticky) {
				delete state.sticky[query.stickyKey];
				state.sticky[query.stickyKey] = [view.sticky.ownerId, view.sticky.expiresAt];
				stickySizes.delete(state.sticky);
			}
			if (view.owed) {
				state.owed = {};
				for (const [id, turns] of Object.entries(view.owed)) state.owed[ownerKey(id)] = turns;
			}
			this.changed(state);
		});
	}

	async close(): Promise<void> {
		// nothing to release
	}
}

/* ------------------------------------------------------------------------------------------ */
/* PreviewStore                                                                                 */
/* ------------------------------------------------------------------------------------------ */

/**
 * For test runs in the editor: reads the live state (turns, day counts, sticky owners) of another
 * store, and writes every change to a private copy that is dropped with it. So a test run shows
 * who would get each lead now, its items rotate among themselves, and production is untouched.
 */
export class PreviewStore implements RoutingStore {
	private readonly source: ReadableRoutingStore;
	private readonly copy = new MemoryStore({});
	/** what the copy already holds: 'r' + pool key, 'n' + day + owner, 's' + sticky key */
	private readonly loaded = new Set<string>();

	constructor(source: ReadableRoutingStore) {
		this.source = source;
	}

	private async load(poolKey: string | null, owners: Array<{ id: string; day: string }>, stickyKey: string | null, now: number): Promise<void> {
		const query: RoutingStateQuery = { poolKey: null, counts: [], stickyKey: null, now };
		if (!this.loaded.has('owed')) query.owed = true;
		if (poolKey !== null && !this.loaded.has(`r${poolKey}`)) query.poolKey = poolKey;
		if (stickyKey !== null && !this.loaded.has(`s${stickyKey}`)) query.stickyKey = stickyKey;
		const asked = new Set<string>();
		for (const { id, day } of owners) {
			const mark = `n${day}\n${id}`;
			if (this.loaded.has(mark) || asked.has(mark)) continue;
			asked.add(mark);
			query.counts.push({ ownerId: id, day });
		}
		if (query.poolKey === null && query.stickyKey === null && query.counts.length === 0 && !query.owed) return;
		const view = await this.source.read(query);
		await this.copy.seed(query, view);
		this.loaded.add('owed');
		if (query.poolKey !== null) this.loaded.add(`r${query.poolKey}`);
		if (query.stickyKey !== null) this.loaded.add(`s${query.stickyKey}`);
		for (const mark of asked) this.loaded.add(mark);
	}

	async pick(request: PickRequest): Promise<PickResult> {
		await this.load(request.poolKey, [...request.candidates, ...(request.sticky?.team ?? [])], request.sticky?.key ?? null, request.now);
		return await this.copy.pick(request);
	}

	async takeCapacity(ownerId: string, day: string, capacity: number): Promise<boolean> {
		await this.load(null, [{ id: ownerId, day }], null, Date.now());
		return await this.copy.takeCapacity(ownerId, day, capacity);
	}

	async getDailyCount(ownerId: string, day: string): Promise<number> {
		await this.load(null, [{ id: ownerId, day }], null, Date.now());
		return await this.copy.getDailyCount(ownerId, day);
	}

	async incrementDailyCount(ownerId: string, day: string): Promise<number> {
		await this.load(null, [{ id: ownerId, day }], null, Date.now());
		return await this.copy.incrementDailyCount(ownerId, day);
	}

	async getSticky(key: string, now: number = Date.now()): Promise<string | null> {
		await this.load(null, [], key, now);
		return await this.copy.getSticky(key, now);
	}

	async setSticky(key: string, ownerId: string, ttlSeconds: number, now: number = Date.now()): Promise<void> {
		this.loaded.add(`s${key}`);
		await this.copy.setSticky(key, ownerId, ttlSeconds, now);
	}

	async giveBack(request: GiveBackRequest): Promise<boolean> {
		await this.load(null, [{ id: request.ownerId, day: request.day }], null, Date.now());
		return await this.copy.giveBack(request);
	}

	async claimOnce(key: string, runningTtlSeconds: number): Promise<OnceClaim> {
		return await this.copy.claimOnce(key, runningTtlSeconds);
	}

	async finishOnce(key: string, result: string, ttlSeconds: number): Promise<void> {
		await this.copy.finishOnce(key, result, ttlSeconds);
	}

	async releaseOnce(key: string): Promise<void> {
		await this.copy.releaseOnce(key);
	}

	/** the live router's secret: a test run checks and signs routing objects as production does */
	async secret(): Promise<string> {
		return await this.source.secret();
	}

	async close(): Promise<void> {
		await this.source.close();
	}
}

/* ------------------------------------------------------------------------------------------ */
/* RedisStore                                                                                   */
/* ------------------------------------------------------------------------------------------ */

/** The fields of n8n's built-in `redis` credential type. */
export interface RedisCredentials {
	host?: string;
	port?: number | string;
	user?: string;
	password?: string;
	database?: number | string;
	ssl?: boolean;
	disableTlsVerification?: boolean;
}

/** The few ioredis methods the store uses. */
export interface RedisClientLike {
	evalsha(sha: string, numKeys: number, ...args: Array<string | number>): Promise<unknown>;
	eval(script: string, numKeys: number, ...args: Array<string | number>): Promise<unknown>;
	get(key: string): Promise<string | null>;
	xrevrange(key: string, end: string, start: string, count: 'COUNT', n: number): Promise<Array<[string, string[]]>>;
	quit(): Promise<unknown>;
	disconnect(): void;
}

/*
 * The pick script mirrors MemoryStore.pickNow step by step.
 * KEYS[1] rotation hash (fields: last, turn, cw:<id>), KEYS[2] sticky key, KEYS[3] owed turns hash
 * (field per owner id), KEYS[4..] daily count keys.
 * ARGV[1] JSON: { m = 'rr'|'w', c = candidates, s = sticky, ct = count ttl, rt = rotation ttl, no = ignore owed turns }
 * candidate: { id, w, cap, av, k } where k is the index of its count key in KEYS.
 */
const PICK_SCRIPT = `
local req = cjson.decode(ARGV[1])
local rot = KEYS[1]
local function count(c) return tonumber(redis.call('GET', KEYS[c.k]) or '0') end
local function full(c) return c.cap > 0 and count(c) >= c.cap end
local function take(c)
	local v = redis.call('INCR', KEYS[c.k])
	if v == 1 then redis.call('EXPIRE', KEYS[c.k], req.ct) end
end
local res = { turn = tonumber(redis.call('HGET', rot, 'turn') or '0') }
local skipped = {}
local stickyFree = false
if req.s then
	local remembered = redis.call('GET', KEYS[2])
	local member = nil
	if remembered then
		for _, c in ipairs(req.s.team) do
			if c.id == remembered then member = c; break end
		end
	end
	if member then
		res.so = member.id
		if not member.av then res.sb = 'away'
		elseif full(member) then res.sb = 'full'
		else
			take(member)
			if req.s.ttl > 0 then redis.call('EXPIRE', KEYS[2], req.s.ttl) end
			res.o = member.id
			res.via = 'sticky'
			return cjson.encode(res)
		end
	else
		stickyFree = true
	end
end
local cands = req.c
local n = #cands
local chosen = nil
if not req.no and redis.call('HLEN', KEYS[3]) > 0 then
	local start = 0
	if req.m == 'rr' then
		local last = redis.call('HGET', rot, 'last')
		if last then
			for i, c in ipairs(cands) do
				if c.id == last then start = i; break end
			end
		end
	end
	for step = 0, n - 1 do
		local c = cands[((start + step) % n) + 1]
		local owed = tonumber(redis.call('HGET', KEYS[3], c.id) or '0')
		if owed > 0 and c.av and not full(c) then
			if owed > 1 then redis.call('HSET', KEYS[3], c.id, owed - 1) else redis.call('HDEL', KEYS[3], c.id) end
			take(c)
			res.turn = redis.call('HINCRBY', rot, 'turn', 1)
			res.o = c.id
			res.via = 'rotation'
			res.ow = true
			if req.s and stickyFree then
				if req.s.ttl > 0 then redis.call('SET', KEYS[2], c.id, 'EX', req.s.ttl)
				else redis.call('SET', KEYS[2], c.id) end
				res.ss = true
			end
			redis.call('EXPIRE', rot, req.rt)
			res.sk = {}
			return cjson.encode(res)
		end
	end
end
if req.m == 'rr' then
	local last = redis.call('HGET', rot, 'last')
	local lastIndex = 0
	if last then
		for i, c in ipairs(cands) do
			if c.id == last then lastIndex = i; break end
		end
	end
	for step = 1, n do
		local c = cands[((lastIndex - 1 + step) % n) + 1]
		if not c.av then skipped[#skipped + 1] = { c.id, 'away' }
		elseif full(c) then skipped[#skipped + 1] = { c.id, 'full' }
		else chosen = c; break end
	end
else
	local eligible = {}
	local total = 0
	for _, c in ipairs(cands) do
		if not c.av then skipped[#skipped + 1] = { c.id, 'away' }
		elseif full(c) then skipped[#skipped + 1] = { c.id, 'full' }
		else eligible[#eligible + 1] = c; total = total + c.w end
	end
	local best = nil
	for _, c in ipairs(eligible) do
		c.credit = tonumber(redis.call('HGET', rot, 'cw:' .. c.id) or '0') + c.w
		if best == nil or c.credit > best.credit then best = c end
	end
	for _, c in ipairs(eligible) do
		local credit = c.credit
		if c == best then credit = credit - total end
		redis.call('HSET', rot, 'cw:' .. c.id, string.format('%d', credit))
	end
	chosen = best
end
if chosen then
	take(chosen)
	res.turn = redis.call('HINCRBY', rot, 'turn', 1)
	redis.call('HSET', rot, 'last', chosen.id)
	res.o = chosen.id
	res.via = 'rotation'
	if req.s and stickyFree then
		if req.s.ttl > 0 then redis.call('SET', KEYS[2], chosen.id, 'EX', req.s.ttl)
		else redis.call('SET', KEYS[2], chosen.id) end
		res.ss = true
	end
end
redis.call('EXPIRE', rot, req.rt)
res.sk = skipped
return cjson.encode(res)
`;

/** KEYS[1] count key; ARGV[1] capacity (0 = unlimited), ARGV[2] ttl. Returns the new count, or -1 when full. */
const TAKE_SCRIPT = `
local cap = tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if cap > 0 and current >= cap then return -1 end
local v = redis.call('INCR', KEYS[1])
if v == 1 then redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2])) end
return v
`;

/**
 * KEYS[1] once-marker, KEYS[2] daily count key, KEYS[3] owed turns hash; ARGV[1] once ttl,
 * ARGV[2] '1' to give the count back, ARGV[3] '1' to owe a turn, ARGV[4] owner id, ARGV[5] rotation ttl.
 * Returns 1, or 0 when the marker was already set.
 */
const GIVE_BACK_SCRIPT = `
if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', tonumber(ARGV[1])) then return 0 end
if ARGV[2] == '1' and tonumber(redis.call('GET', KEYS[2]) or '0') > 0 then redis.call('DECR', KEYS[2]) end
if ARGV[3] == '1' then
	redis.call('HINCRBY', KEYS[3], ARGV[4], 1)
	redis.call('EXPIRE', KEYS[3], tonumber(ARGV[5]))
end
return 1
`;

/**
 * KEYS[1] the once key; ARGV[1] how long the running marker ('') lasts. Returns nil when this
 * caller claimed the key, '' while another one runs, else the saved result.
 */
const CLAIM_ONCE_SCRIPT = `
local saved = redis.call('GET', KEYS[1])
if saved then return saved end
redis.call('SET', KEYS[1], '', 'EX', tonumber(ARGV[1]))
return false
`;

/** KEYS[1] the once key: dropped only while it is a running marker, never once it holds a result */
const RELEASE_ONCE_SCRIPT = `
if redis.call('GET', KEYS[1]) == '' then redis.call('DEL', KEYS[1]) end
return 1
`;

/** KEYS[1] secret key; ARGV[1] a fresh secret, kept only when there is none */
const SECRET_SCRIPT = `
redis.call('SET', KEYS[1], ARGV[1], 'NX')
return redis.call('GET', KEYS[1])
`;

/**
 * KEYS[1] the audit stream; ARGV[1] most entries kept (approximately), ARGV[2] oldest id kept
 * ('0' = no age limit), ARGV[3..] pairs of lead key and event JSON.
 */
const AUDIT_SCRIPT = `
for i = 3, #ARGV, 2 do
	redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'k', ARGV[i], 'e', ARGV[i + 1])
end
if ARGV[2] ~= '0' then redis.call('XTRIM', KEYS[1], 'MINID', ARGV[2]) end
return 1
`;

/** KEYS[1] sticky key; ARGV[1] owner id, ARGV[2] ttl (0 = none) */
const SET_STICKY_SCRIPT = `
if tonumber(ARGV[2]) > 0 then redis.call('SET', KEYS[1], ARGV[1], 'EX', tonumber(ARGV[2]))
else redis.call('SET', KEYS[1], ARGV[1]) end
return 1
`;

/**
 * Reads without writing. KEYS[1] rotation hash, KEYS[2] sticky key, KEYS[3] owed turns hash,
 * KEYS[4..] daily count keys; ARGV[1] '1' when the rotation is asked for, ARGV[2] '1' when the
 * sticky owner is, ARGV[3] '1' when the owed turns are.
 */
const READ_SCRIPT = `
local res = { n = {} }
if ARGV[1] == '1' then res.r = redis.call('HGETALL', KEYS[1]) end
if ARGV[2] == '1' then
	res.s = redis.call('GET', KEYS[2])
	res.t = redis.call('PTTL', KEYS[2])
end
if ARGV[3] == '1' then res.o = redis.call('HGETALL', KEYS[3]) end
for i = 4, #KEYS do res.n[i - 3] = tonumber(redis.call('GET', KEYS[i]) or '0') end
return cjson.encode(res)
`;

interface Script {
	source: string;
	sha: string;
}

function script(source: string): Script {
	return { source, sha: createHash('sha1').update(source).digest('hex') };
}

const SCRIPTS = {
	pick: script(PICK_SCRIPT),
	take: script(TAKE_SCRIPT),
	setSticky: script(SET_STICKY_SCRIPT),
	read: script(READ_SCRIPT),
	giveBack: script(GIVE_BACK_SCRIPT),
	secret: script(SECRET_SCRIPT),
	audit: script(AUDIT_SCRIPT),
	claimOnce: script(CLAIM_ONCE_SCRIPT),
	releaseOnce: script(RELEASE_ONCE_SCRIPT),
};

/**
 * Key prefix for one router: the user's prefix, then the workflow id and node name inside a
 * Redis Cluster hash tag so that every key of one router lives in the same slot.
 */
export function redisKeyPrefix(parts: { prefix?: string; workflowId?: string; nodeName?: string }): string {
	const user = (parts.prefix ?? '').trim() || 'leadRouter';
	const scope = [parts.workflowId, parts.nodeName]
		.filter((part): part is string => typeof part === 'string' && part !== '')
		.join(':')
		.replace(/[{}]/g, '_');
	return scope ? `${user}:{${scope}}:` : `${user}:`;
}

function toCount(value: unknown): number {
	const parsed = Number(value ?? 0);
	return Number.isFinite(parsed) ? parsed : 0;
}

export class RedisStore implements ReadableRoutingStore {
	private readonly client: RedisClientLike;
	private readonly prefix: string;

	/** @param keyPrefix e.g. from redisKeyPrefix(); every key this store writes starts with it */
	constructor(client: RedisClientLike, keyPrefix: string) {
		this.client = client;
		this.prefix = keyPrefix;
	}

	private rotationKey(poolKey: string): string {
		return `${this.prefix}rot:${poolKey}`;
	}

	private countKey(ownerId: string, day: string): string {
		return `${this.prefix}n:${day}:${ownerId}`;
	}

	private stickyKey(key: string): string {
		return `${this.prefix}s:${key}`;
	}

	private owedKey(): string {
		return `${this.prefix}owed`;
	}

	/** the capped stream of routing decisions (see appendAudit) */
	auditKey(): string {
		return `${this.prefix}audit`;
	}

	private async run(which: Script, keys: string[], args: Array<string | number>): Promise<unknown> {
		try {
			return await this.client.evalsha(which.sha, keys.length, ...keys, ...args);
		} catch (error) {
			if (error instanceof Error && /NOSCRIPT/i.test(error.message)) {
				return await this.client.eval(which.source, keys.length, ...keys, ...args);
			}
			throw error;
		}
	}

	async pick(request: PickRequest): Promise<PickResult> {
		const keys = [this.rotationKey(request.poolKey), request.sticky ? this.stickyKey(request.sticky.key) : this.stickyKey('-'), this.owedKey()];
		const keyIndex = new Map<string, number>();
		const encode = (c: PickCandidate) => {
			const countKey = this.countKey(c.id, c.day);
			let k = keyIndex.get(countKey);
			if (k === undefined) {
				keys.push(countKey);
				k = keys.length;
				keyIndex.set(countKey, k);
			}
			return { id: c.id, w: Math.round(c.weight), cap: c.capacity, av: c.available, k };
		};
		const payload: Record<string, unknown> = {
			m: request.mode === 'roundRobin' ? 'rr' : 'w',
			c: request.candidates.map(encode),
			ct: DAILY_COUNT_TTL_SECONDS,
			rt: ROTATION_TTL_SECONDS,
		};
		if (request.ignoreOwed) payload.no = true;
		if (request.sticky) payload.s = { ttl: Math.max(0, Math.floor(request.sticky.ttlSeconds)), team: request.sticky.team.map(encode) };
		const raw = await this.run(SCRIPTS.pick, keys, [JSON.stringify(payload)]);
		const reply = JSON.parse(String(raw)) as {
			o?: string;
			via?: 'sticky' | 'rotation';
			turn?: number;
			sk?: unknown;
			so?: string;
			sb?: SkipCode;
			ss?: boolean;
			ow?: boolean;
		};
		const skipped = Array.isArray(reply.sk)
			? (reply.sk as unknown[]).filter(Array.isArray).map((entry) => ({ id: String((entry as unknown[])[0]), code: (entry as unknown[])[1] as SkipCode }))
			: [];
		return {
			ownerId: typeof reply.o === 'string' ? reply.o : null,
			via: reply.via ?? null,
			turn: toCount(reply.turn),
			skipped,
			stickyOwnerId: typeof reply.so === 'string' ? reply.so : null,
			stickyBlocked: reply.sb ?? null,
			stickySaved: reply.ss === true,
			owedTurn: reply.ow === true,
		};
	}

	async giveBack(request: GiveBackRequest): Promise<boolean> {
		const keys = [`${this.prefix}once:${request.onceKey}`, this.countKey(request.ownerId, request.day), this.owedKey()];
		const args = [Math.max(1, Math.floor(request.onceTtlSeconds)), request.capacity ? '1' : '0', request.turn ? '1' : '0', request.ownerId, ROTATION_TTL_SECONDS];
		return toCount(await this.run(SCRIPTS.giveBack, keys, args)) === 1;
	}

	private onceKey(key: string): string {
		return `${this.prefix}done:${key}`;
	}

	async claimOnce(key: string, runningTtlSeconds: number): Promise<OnceClaim> {
		const saved = await this.run(SCRIPTS.claimOnce, [this.onceKey(key)], [Math.max(1, Math.ceil(runningTtlSeconds))]);
		if (saved === null || saved === undefined) return { state: 'claimed' };
		const result = String(saved);
		return result === '' ? { state: 'running' } : { state: 'done', result };
	}

	async finishOnce(key: string, result: string, ttlSeconds: number): Promise<void> {
		// the sticky script is a plain SET with an expiry
		await this.run(SCRIPTS.setSticky, [this.onceKey(key)], [result, Math.max(1, Math.floor(ttlSeconds))]);
	}

	async releaseOnce(key: string): Promise<void> {
		await this.run(SCRIPTS.releaseOnce, [this.onceKey(key)], []);
	}

	async secret(): Promise<string> {
		return String(await this.run(SCRIPTS.secret, [`${this.prefix}secret`], [randomBytes(32).toString('hex')]));
	}

	/**
	 * Adds routing decisions to the audit stream, each as a lead key (`k`, see auditLeadKey) and the
	 * event as JSON (`e`), keeping about `maxEntries` entries and none older than `maxAgeSeconds` (0 = no age limit).
	 */
	async appendAudit(entries: Array<{ leadKey: string; event: string }>, limits: { maxEntries: number; maxAgeSeconds: number }, now = Date.now()): Promise<void> {
		if (entries.length === 0) return;
		const minId = limits.maxAgeSeconds > 0 ? String(Math.max(0, now - limits.maxAgeSeconds * 1000)) : '0';
		const args: Array<string | number> = [Math.max(1, Math.floor(limits.maxEntries)), minId];
		for (const entry of entries) args.push(entry.leadKey, entry.event);
		await this.run(SCRIPTS.audit, [this.auditKey()], args);
	}

	/** the audit events of one lead key, newest first, reading at most `scanLimit` entries of the stream */
	async readAudit(leadKeys: readonly string[], scanLimit: number): Promise<Array<{ id: string; event: string }>> {
		const wanted = new Set(leadKeys);
		const found: Array<{ id: string; event: string }> = [];
		let end = '+';
		let scanned = 0;
		while (scanned < scanLimit) {
			const page = await this.client.xrevrange(this.auditKey(), end, '-', 'COUNT', Math.min(1000, scanLimit - scanned));
			if (page.length === 0) break;
			for (const [id, fields] of page) {
				const record: Record<string, string> = {};
				for (let i = 0; i + 1 < fields.length; i += 2) record[fields[i]] = fields[i + 1];
				if (wanted.has(record.k) && typeof record.e === 'string') found.push({ id, event: record.e });
			}
			scanned += page.length;
			end = `(${page[page.length - 1][0]}`;
		}
		return found;
	}

	async takeCapacity(ownerId: string, day: string, capacity: number): Promise<boolean> {
		const result = await this.run(SCRIPTS.take, [this.countKey(ownerId, day)], [Math.max(0, Math.floor(capacity)), DAILY_COUNT_TTL_SECONDS]);
		return toCount(result) > 0;
	}

	async getDailyCount(ownerId: string, day: string): Promise<number> {
		return toCount(await this.client.get(this.countKey(ownerId, day)));
	}

	async incrementDailyCount(ownerId: string, day: string): Promise<number> {
		return toCount(await this.run(SCRIPTS.take, [this.countKey(ownerId, day)], [0, DAILY_COUNT_TTL_SECONDS]));
	}

	async getSticky(key: string): Promise<string | null> {
		return await this.client.get(this.stickyKey(key));
	}

	async setSticky(key: string, ownerId: string, ttlSeconds: number): Promise<void> {
		await this.run(SCRIPTS.setSticky, [this.stickyKey(key)], [ownerId, Math.max(0, Math.floor(ttlSeconds))]);
	}

	async read(query: RoutingStateQuery): Promise<RoutingStateView> {
		const keys = [this.rotationKey(query.poolKey ?? '-'), this.stickyKey(query.stickyKey ?? '-'), this.owedKey(), ...query.counts.map((c) => this.countKey(c.ownerId, c.day))];
		const raw = await this.run(SCRIPTS.read, keys, [query.poolKey !== null ? '1' : '0', query.stickyKey !== null ? '1' : '0', query.owed ? '1' : '0']);
		const reply = JSON.parse(String(raw)) as { r?: unknown; s?: unknown; t?: unknown; n?: unknown; o?: unknown };
		let rotation: RoutingStateView['rotation'] = null;
		if (Array.isArray(reply.r) && reply.r.length > 0) {
			rotation = { last: null, turn: 0, credits: {} };
			for (let i = 0; i + 1 < reply.r.length; i += 2) {
				const field = String(reply.r[i]);
				const value = String(reply.r[i + 1]);
				if (field === 'last') rotation.last = value;
				else if (field === 'turn') rotation.turn = toCount(value);
				else if (field.startsWith('cw:')) rotation.credits[field.slice(3)] = toCount(value);
			}
		}
		// cjson encodes an empty list as an object
		const counts = Array.isArray(reply.n) ? reply.n.map(toCount) : [];
		const pttl = toCount(reply.t);
		const sticky = typeof reply.s === 'string' ? { ownerId: reply.s, expiresAt: pttl > 0 ? query.now + pttl : 0 } : null;
		const view: RoutingStateView = { rotation, counts: query.counts.map((_, i) => counts[i] ?? 0), sticky };
		if (query.owed) {
			view.owed = {};
			const owed = Array.isArray(reply.o) ? reply.o : [];
			for (let i = 0; i + 1 < owed.length; i += 2) if (toCount(owed[i + 1]) > 0) view.owed[String(owed[i])] = toCount(owed[i + 1]);
		}
		return view;
	}

	async close(): Promise<void> {
		try {
			await this.client.quit();
		} catch {
			this.client.disconnect();
		}
	}
}

export interface RedisStoreOptions {
	/** every key starts with it; see redisKeyPrefix() */
	keyPrefix: string;
	connectTimeoutMs?: number;
}

/** ioredis options from n8n's `redis` credential fields. */
export function redisOptionsFromCredentials(credentials: RedisCredentials, connectTimeoutMs = 5000): RedisOptions {
	const port = credentials.port === undefined || credentials.port === '' ? 6379 : Number(credentials.port);
	const db = credentials.database === undefined || credentials.database === '' ? 0 : Number(credentials.database);
	const options: RedisOptions = {
		host: credentials.host?.trim() || 'localhost',
		port: Number.isFinite(port) ? port : 6379,
		db: Number.isFinite(db) ? db : 0,
		lazyConnect: true,
		connectTimeout: connectTimeoutMs,
		maxRetriesPerRequest: 2,
		retryStrategy: (times: number) => (times > 3 ? null : Math.min(times * 200, 1000)),
	};
	if (credentials.user) options.username = credentials.user;
	if (credentials.password) options.password = credentials.password;
	if (credentials.ssl === true) options.tls = credentials.disableTlsVerification === true ? { rejectUnauthorized: false } : {};
	return options;
}

/** A connected ioredis client, loaded from the host n8n (which ships it), so the package loads even where nobody uses Redis. */
export async function connectRedis(credentials: RedisCredentials, connectTimeoutMs?: number): Promise<import('ioredis').default> {
	let RedisClass: typeof import('ioredis').default;
	try {
		// the documented exception: loaded from the host n8n, with a clear error below where it is missing
		// eslint-disable-next-line no-restricted-syntax
		RedisClass = (await import('ioredis')).default;
	} catch (error) {
		throw new RoutingStoreError(
			`The Redis store needs the "ioredis" module, which n8n normally provides, but it could not be loaded: ${(error as Error).message}`,
		);
	}
	const redisOptions = redisOptionsFromCredentials(credentials, connectTimeoutMs);
	const client = new RedisClass(redisOptions);
	// connection errors are reported through the failing command; avoid unhandled 'error' events
	client.on('error', () => undefined);
	try {
		await client.connect();
	} catch (error) {
		client.disconnect();
		throw new RoutingStoreError(`Could not connect to Redis at ${redisOptions.host}:${redisOptions.port}: ${(error as Error).message}`);
	}
	return client;
}

/** Connects to Redis with the fields of n8n's `redis` credential and opens the routing store on it. */
export async function createRedisStore(credentials: RedisCredentials, options: RedisStoreOptions): Promise<RedisStore> {
	const client = await connectRedis(credentials, options.connectTimeoutMs);
	return new RedisStore(client as unknown as RedisClientLike, options.keyPrefix);
}
