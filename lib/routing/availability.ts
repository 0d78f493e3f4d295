import { parseClock, WEEKDAYS, type Owner, type Weekday, type WorkingHours } from './team';

export type UnavailableCode = 'outOfOffice' | 'outOfHours' | 'capacity';

export type Availability = { available: true } | { available: false; code: UnavailableCode; reason: string };

export interface ZonedTime {
	/** 'YYYY-MM-DD' in the zone */
	day: string;
	weekday: Weekday;
	/** minutes after local midnight */
	minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(timeZone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			weekday: 'short',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23',
		});
		formatters.set(timeZone, formatter);
	}
	return formatter;
}

/** the last minute asked for, per zone: a batch of leads asks for the same minute for every owner */
const lastZoned = new Map<string, { minute: number; value: ZonedTime }>();

/** The wall-clock day, weekday and time of `now` in a time zone. */
export function zonedTime(now: Date, timeZone: string): ZonedTime {
	// zone offsets are whole minutes, so one minute has one answer
	const minute = Math.floor(now.getTime() / 60_000);
	const cached = lastZoned.get(timeZone);
	if (cached && cached.minute === minute) return cached.value;
	const value = zonedTimeUncached(now, timeZone);
	lastZoned.set(timeZone, { minute, value });
	return value;
}

function zonedTimeUncached(now: Date, timeZone: string): ZonedTime {
	const parts: Record<string, string> = {};
	for (const part of formatterFor(timeZone).formatToParts(now)) parts[part.type] = part.value;
	const weekday = parts.weekday.toLowerCase().slice(0, 3) as Weekday;
	const hour = Number(parts.hour) % 24;
	return { day: `${parts.year}-${parts.month}-${parts.day}`, weekday, minutes: hour * 60 + Number(parts.minute) };
}

/** The zone an owner's day is counted in: their working-hours zone, else the router's default. */
export function ownerTimeZone(owner: Owner, defaultTimeZone = 'UTC'): string {
	return owner.workingHours?.timeZone ?? defaultTimeZone;
}

/** 'YYYY-MM-DD' → the calendar day before it */
function dayBefore(day: string): string {
	const [year, month, date] = day.split('-').map(Number);
	return new Date(Date.UTC(year, month - 1, date - 1)).toISOString().slice(0, 10);
}

/**
 * The owner's working day ('YYYY-MM-DD'), the key their daily capacity is counted under: their
 * local calendar day, except in the hours after midnight of a shift past midnight (22:00–06:00),
 * which belong to the day the shift started, so one shift is one cap (not one before and one
 * after midnight).
 */
export function ownerDay(owner: Owner, now: Date, defaultTimeZone = 'UTC'): string {
	const local = zonedTime(now, ownerTimeZone(owner, defaultTimeZone));
	const hours = owner.workingHours;
	if (hours) {
		const start = parseClock(hours.start, false) ?? 0;
		const end = parseClock(hours.end, true) ?? 24 * 60;
		if (end < start && local.minutes < end) return dayBefore(local.day);
	}
	return local.day;
}

function previousDay(day: Weekday): Weekday {
	return WEEKDAYS[(WEEKDAYS.indexOf(day) + 6) % 7];
}

export function isWithinWorkingHours(hours: WorkingHours, now: Date): boolean {
	const local = zonedTime(now, hours.timeZone);
	const start = parseClock(hours.start, false) ?? 0;
	const end = parseClock(hours.end, true) ?? 24 * 60;
	if (start < end) return hours.days.includes(local.weekday) && local.minutes >= start && local.minutes < end;
	// the shift runs past midnight: it belongs to the day it started on
	return (hours.days.includes(local.weekday) && local.minutes >= start) || (hours.days.includes(previousDay(local.weekday)) && local.minutes < end);
}

const DAY_LABEL: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

/** "Mon–Fri" for consecutive days, else "Mon, Wed, Fri". */
export function describeDays(days: readonly Weekday[]): string {
	const indexes = days.map((day) => WEEKDAYS.indexOf(day)).sort((a, b) => a - b);
	if (indexes.length === 7) return 'every day';
	const consecutive = indexes.length > 2 && indexes.every((value, i) => i === 0 || value === indexes[i - 1] + 1);
	if (consecutive) return `${DAY_LABEL[WEEKDAYS[indexes[0]]]}–${DAY_LABEL[WEEKDAYS[indexes[indexes.length - 1]]]}`;
	return indexes.map((i) => DAY_LABEL[WEEKDAYS[i]]).join(', ');
}

export function describeWorkingHours(hours: WorkingHours): string {
	return `${describeDays(hours.days)} ${hours.start}–${hours.end} ${hours.timeZone}`;
}

/**
 * Whether the owner can take a lead at `now`, leaving capacity aside: out of office and working
 * hours (checked in the owner's own time zone). Capacity needs the shared count, see isOwnerAvailable.
 */
export function ownerPresence(owner: Owner, now: Date): Availability {
	if (owner.outOfOffice) return { available: false, code: 'outOfOffice', reason: `${owner.name} is out of office` };
	const hours = owner.workingHours;
	if (hours && !isWithinWorkingHours(hours, now)) {
		const local = zonedTime(now, hours.timeZone);
		const clock = `${String(Math.floor(local.minutes / 60)).padStart(2, '0')}:${String(local.minutes % 60).padStart(2, '0')}`;
		return {
			available: false,
			code: 'outOfHours',
			reason: `${owner.name} is outside working hours: ${describeWorkingHours(hours)}, now ${DAY_LABEL[local.weekday]} ${clock} there`,
		};
	}
	return { available: true };
}

export function capacityReason(owner: Owner): string {
	return `${owner.name} reached the daily cap of ${owner.dailyCapacity}`;
}

/**
 * Full availability check for one owner given how many leads they already received on their
 * local calendar day (see ownerDay). Routing itself takes capacity atomically in the store;
 * this is for display and for callers that hold their own count.
 */
export function isOwnerAvailable(owner: Owner, now: Date, countToday: number): Availability {
	const presence = ownerPresence(owner, now);
	if (!presence.available) return presence;
	if (owner.dailyCapacity > 0 && countToday >= owner.dailyCapacity) {
		return { available: false, code: 'capacity', reason: capacityReason(owner) };
	}
	return { available: true };
}

const MINUTE_MS = 60_000;
/** a year of shifts, DST corrections included: more means the hours are broken */
const MAX_WINDOW_STEPS = 800;

/**
 * Where `at` falls in the working hours: inside a shift (minutes left in it) or outside (minutes to
 * the next start of a shift on one of the days). Wall-clock minutes of the owner's zone, with the
 * seconds of `at` (zone offsets are whole minutes).
 */
function workingWindow(hours: WorkingHours, at: Date): { inside: true; minutesLeft: number } | { inside: false; minutesToStart: number } {
	const local = zonedTime(at, hours.timeZone);
	const now = local.minutes + (((at.getTime() % MINUTE_MS) + MINUTE_MS) % MINUTE_MS) / MINUTE_MS;
	const start = parseClock(hours.start, false) ?? 0;
	const end = parseClock(hours.end, true) ?? 24 * 60;
	if (isWithinWorkingHours(hours, at)) {
		if (start < end) return { inside: true, minutesLeft: end - now };
		// past midnight: before the end, the shift started yesterday; else it ends tomorrow
		return { inside: true, minutesLeft: local.minutes < end ? end - now : 24 * 60 - now + end };
	}
	if (local.minutes < start && hours.days.includes(local.weekday)) return { inside: false, minutesToStart: start - now };
	return { inside: false, minutesToStart: 24 * 60 - now + start };
}

const later = (at: Date, minutes: number) => new Date(at.getTime() + Math.round(minutes * MINUTE_MS));

/** the first moment at or after `from` inside the working hours */
function nextWorkingMoment(hours: WorkingHours, from: Date): Date {
	let at = from;
	for (let step = 0; step < MAX_WINDOW_STEPS; step++) {
		const window = workingWindow(hours, at);
		if (window.inside) return at;
		at = later(at, window.minutesToStart);
	}
	throw new Error(`No working time within ${MAX_WINDOW_STEPS} steps of ${describeWorkingHours(hours)}`);
}

/**
 * The moment an owner has had `minutes` of their working time since `from`: the SLA deadline for
 * a lead assigned at `from` (`routing.respondBy`). Time outside their working hours does not count;
 * an owner without working hours is always working. Outside working time at `from` (out of hours,
 * or the fallback owner at night), the clock starts at their next shift.
 */
export function respondBy(owner: Owner, from: Date, minutes: number): Date {
	const hours = owner.workingHours;
	if (!hours || minutes <= 0) return later(from, Math.max(0, minutes));
	let at = nextWorkingMoment(hours, from);
	let left = minutes;
	for (let step = 0; step < MAX_WINDOW_STEPS; step++) {
		const window = workingWindow(hours, at);
		if (!window.inside) {
			at = nextWorkingMoment(hours, at);
			continue;
		}
		if (left <= window.minutesLeft) return later(at, left);
		left -= window.minutesLeft;
		at = later(at, window.minutesLeft);
	}
	throw new Error(`No end of ${minutes} working minutes within ${MAX_WINDOW_STEPS} steps of ${describeWorkingHours(hours)}`);
}

/** Until when an owner stays available (end of the shift), or from when they are back (next shift); null = no change in sight. */
export function presenceChange(owner: Owner, now: Date): { availableNow: boolean; until: Date | null; from: Date | null } {
	const hours = owner.workingHours;
	if (owner.outOfOffice) return { availableNow: false, until: null, from: null };
	if (!hours) return { availableNow: true, until: null, from: null };
	const window = workingWindow(hours, now);
	if (window.inside) return { availableNow: true, until: later(now, window.minutesLeft), from: null };
	return { availableNow: false, until: null, from: nextWorkingMoment(hours, now) };
}
