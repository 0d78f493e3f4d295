import { languageCode } from './language';
import { normalizeTerritory, REGIONS } from './territory';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface WorkingHours {
	/** days the hours apply to; for hours past midnight (22:00–06:00) the day the shift starts */
	days: Weekday[];
	/** 'HH:mm' in the owner's time zone */
	start: string;
	/** 'HH:mm'; '24:00' means until midnight; earlier than start means the shift runs past midnight */
	end: string;
	/** IANA time zone, e.g. Europe/Berlin */
	timeZone: string;
}

export interface Owner {
	id: string;
	name: string;
	email: string | null;
	/** free-form: Slack user id, CRM owner id, … */
	channelId: string | null;
	/** share in weighted round robin; > 0, default 1 */
	weight: number;
	/** canonical territories: two-letter country codes and region keys of REGIONS */
	territories: string[];
	/** BCP 47 primary subtags ("fa", "ar"), however the member wrote them */
	languages: string[];
	/** leads per local calendar day; 0 = unlimited */
	dailyCapacity: number;
	/** null = always within working hours */
	workingHours: WorkingHours | null;
	outOfOffice: boolean;
}

/** What a user may type; lists may also be comma-separated strings, numbers may be numeric strings. */
export interface OwnerInput {
	id?: string;
	name?: string;
	email?: string | null;
	channelId?: string | null;
	weight?: number | string;
	territories?: string[] | string;
	languages?: string[] | string;
	dailyCapacity?: number | string;
	workingHours?: WorkingHoursInput | null;
	outOfOffice?: boolean;
}

export interface WorkingHoursInput {
	days?: string[] | string;
	start?: string;
	end?: string;
	timeZone?: string;
}

export interface TeamDefaults {
	/** time zone for working hours that do not name one; without it such hours are an error */
	timeZone?: string;
}

/** A routing setting a user has to fix; `field` is the path of the faulty setting, e.g. `team[2].weight`. */
export class RoutingConfigError extends Error {
	readonly field: string;

	constructor(field: string, message: string) {
		super(message);
		this.name = 'RoutingConfigError';
		this.field = field;
	}
}

/** the largest weight accepted; weights are kept to 3 decimals so every store counts the same way */
export const MAX_WEIGHT = 1_000_000;
export const MAX_TEAM_SIZE = 500;
export const MAX_DAILY_CAPACITY = 1_000_000;

const timeZoneCache = new Map<string, boolean>();

export function isValidTimeZone(timeZone: string): boolean {
	const cached = timeZoneCache.get(timeZone);
	if (cached !== undefined) return cached;
	let valid: boolean;
	try {
		new Intl.DateTimeFormat('en-US', { timeZone }).format(0);
		valid = true;
	} catch {
		valid = false;
	}
	timeZoneCache.set(timeZone, valid);
	return valid;
}

/** 'HH:mm' → minutes after midnight; '24:00' only when allowed (end of day) */
export function parseClock(value: string, allowEndOfDay: boolean): number | null {
	const match = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
	if (!match) return null;
	const hours = Number(match[1]);
	const minutes = Number(match[2]);
	if (minutes > 59) return null;
	if (hours === 24 && minutes === 0 && allowEndOfDay) return 24 * 60;
	if (hours > 23) return null;
	return hours * 60 + minutes;
}

function formatClock(minutes: number): string {
	return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function toList(value: unknown): unknown[] {
	if (value === undefined || value === null) return [];
	if (Array.isArray(value)) return value;
	if (typeof value === 'string') return value.split(/[,;\n]/);
	return [value];
}

function describeValue(value: unknown): string {
	if (typeof value === 'string') return `"${value}"`;
	if (value === undefined) return 'nothing';
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		return String(value);
	}
}

function optionalText(value: unknown, field: string, label: string): string | null {
	if (value === undefined || value === null) return null;
	if (typeof value === 'number') return String(value);
	if (typeof value !== 'string') throw new RoutingConfigError(field, `${label} must be text, not ${describeValue(value)}.`);
	const trimmed = value.trim();
	return trimmed === '' ? null : trimmed;
}

function parseNumber(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value === 'string' && value.trim() !== '') {
		const parsed = Number(value.trim());
		return Number.isFinite(parsed) ? parsed : null;
	}
	return null;
}

const DAY_NAME_TABLE: Record<string, Weekday> = {
	mon: 'mon', monday: 'mon',
	tue: 'tue', tues: 'tue', tuesday: 'tue',
	wed: 'wed', wednesday: 'wed',
	thu: 'thu', thur: 'thu', thurs: 'thu', thursday: 'thu',
	fri: 'fri', friday: 'fri',
	sat: 'sat', saturday: 'sat',
	sun: 'sun', sunday: 'sun',
};

function dayName(text: string | undefined): Weekday | undefined {
	return text !== undefined && Object.prototype.hasOwnProperty.call(DAY_NAME_TABLE, text) ? DAY_NAME_TABLE[text] : undefined;
}

function parseDays(value: unknown, field: string, who: string): Weekday[] {
	if (value === undefined || value === null || value === '') return ['mon', 'tue', 'wed', 'thu', 'fri'];
	const days = new Set<Weekday>();
	const list = toList(value);
	for (let i = 0; i < list.length; i++) {
		const raw = list[i];
		const text = typeof raw === 'string' ? raw.trim().toLowerCase() : null;
		if (text === '') continue;
		// "mon-fri" style ranges
		const range = text === null ? null : /^([a-z]+)\s*-\s*([a-z]+)$/.exec(text);
		const rangeFrom = dayName(range?.[1]);
		const rangeTo = dayName(range?.[2]);
		if (rangeFrom && rangeTo) {
			const from = WEEKDAYS.indexOf(rangeFrom);
			const to = WEEKDAYS.indexOf(rangeTo);
			for (let d = from; ; d = (d + 1) % 7) {
				days.add(WEEKDAYS[d]);
				if (d === to) break;
			}
			continue;
		}
		const day = text === null ? undefined : dayName(text);
		if (!day) {
			throw new RoutingConfigError(
				Array.isArray(value) ? `${field}[${i}]` : field,
				`${who}: ${describeValue(typeof raw === 'string' ? raw.trim() : raw)} is not a day of the week. Use mon, tue, wed, thu, fri, sat, sun (or a range such as mon-fri).`,
			);
		}
		days.add(day);
	}
	if (days.size === 0) throw new RoutingConfigError(field, `${who}: working hours need at least one day, e.g. mon-fri.`);
	return WEEKDAYS.filter((day) => days.has(day));
}

function validateWorkingHours(value: unknown, field: string, who: string, defaults: TeamDefaults): WorkingHours | null {
	if (value === undefined || value === null) return null;
	if (typeof value !== 'object' || Array.isArray(value)) {
		throw new RoutingConfigError(field, `${who}: working hours must be days, a start and an end time and a time zone.`);
	}
	const input = value as Record<string, unknown>;
	const empty = (v: unknown) => v === undefined || v === null || v === '';
	// an untouched working-hours block in a form means "no working hours"
	if (empty(input.start) && empty(input.end) && empty(input.days)) return null;
	const days = parseDays(input.days, `${field}.days`, who);
	const clock = (key: 'start' | 'end'): number => {
		const raw = input[key];
		const parsed = typeof raw === 'string' ? parseClock(raw, key === 'end') : null;
		if (parsed === null) {
			throw new RoutingConfigError(
				`${field}.${key}`,
				`${who}: the ${key} of the working hours must be a time like ${key === 'start' ? '09:00' : '17:30'} (24-hour clock), not ${describeValue(raw)}.`,
			);
		}
		return parsed;
	};
	const start = clock('start');
	const end = clock('end');
	if (start === end) {
		throw new RoutingConfigError(
			`${field}.end`,
			`${who}: working hours start and end at the same time (${formatClock(start)}). For a whole day use 00:00 to 24:00.`,
		);
	}
	if (start === 24 * 60) throw new RoutingConfigError(`${field}.start`, `${who}: working hours cannot start at 24:00.`);
	const zoneRaw = empty(input.timeZone) ? defaults.timeZone : input.timeZone;
	if (zoneRaw === undefined || zoneRaw === null || zoneRaw === '') {
		throw new RoutingConfigError(`${field}.timeZone`, `${who}: pick the time zone the working hours are in, e.g. Europe/Berlin or America/New_York.`);
	}
	if (typeof zoneRaw !== 'string' || !isValidTimeZone(zoneRaw.trim())) {
		throw new RoutingConfigError(
			`${field}.timeZone`,
			`${who}: ${describeValue(zoneRaw)} is not a time zone this system knows. Use a name from the IANA list, e.g. Europe/Berlin, America/New_York or Asia/Singapore.`,
		);
	}
	return { days, start: formatClock(start), end: formatClock(end), timeZone: zoneRaw.trim() };
}

/** Checks and completes one owner; `index` is its position in the team, for messages and field paths. */
export function validateOwner(input: unknown, field: string, label: string, defaults: TeamDefaults = {}): Owner {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		throw new RoutingConfigError(field, `${label} is not a team member (expected name, email, weight, …).`);
	}
	const raw = input as Record<string, unknown>;
	const name0 = optionalText(raw.name, `${field}.name`, `${label}: the name`);
	const email = optionalText(raw.email, `${field}.email`, `${label}: the email`);
	const who = name0 ? `${label} (${name0})` : label;
	if (email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
		throw new RoutingConfigError(`${field}.email`, `${who}: ${describeValue(email)} does not look like an email address.`);
	}
	const id = optionalText(raw.id, `${field}.id`, `${who}: the id`) ?? (email ? email.toLowerCase() : null);
	if (!id) throw new RoutingConfigError(`${field}.id`, `${who} needs an id or an email address, so leads can be counted per person.`);
	const name = name0 ?? email ?? id;

	let weight = 1;
	if (raw.weight !== undefined && raw.weight !== null && raw.weight !== '') {
		const parsed = parseNumber(raw.weight);
		if (parsed === null) {
			throw new RoutingConfigError(`${field}.weight`, `${who}: the weight must be a number such as 1 or 2, not ${describeValue(raw.weight)}.`);
		}
		if (parsed <= 0) {
			throw new RoutingConfigError(
				`${field}.weight`,
				`${who}: the weight must be greater than 0 (got ${parsed}). To stop sending leads to someone, switch on out of office or remove them from the team.`,
			);
		}
		if (parsed > MAX_WEIGHT) throw new RoutingConfigError(`${field}.weight`, `${who}: the weight can be at most ${MAX_WEIGHT}.`);
		if (Math.round(parsed * 1000) < 1) throw new RoutingConfigError(`${field}.weight`, `${who}: the weight must be at least 0.001.`);
		weight = parsed;
	}

	let dailyCapacity = 0;
	if (raw.dailyCapacity !== undefined && raw.dailyCapacity !== null && raw.dailyCapacity !== '') {
		const parsed = parseNumber(raw.dailyCapacity);
		if (parsed === null || !Number.isInteger(parsed) || parsed < 0 || parsed > MAX_DAILY_CAPACITY) {
			throw new RoutingConfigError(
				`${field}.dailyCapacity`,
				`${who}: the daily capacity must be a whole number of leads per day (0 = no limit), not ${describeValue(raw.dailyCapacity)}.`,
			);
		}
		dailyCapacity = parsed;
	}

	const territories: string[] = [];
	const territoryList = toList(raw.territories);
	for (let i = 0; i < territoryList.length; i++) {
		const item = territoryList[i];
		const path = Array.isArray(raw.territories) ? `${field}.territories[${i}]` : `${field}.territories`;
		if (typeof item !== 'string') throw new RoutingConfigError(path, `${who}: territories must be text such as DE or EMEA, not ${describeValue(item)}.`);
		if (item.trim() === '') continue;
		const territory = normalizeTerritory(item);
		if (!territory) {
			throw new RoutingConfigError(
				path,
				`${who}: unknown territory ${describeValue(item.trim())}. Use a two-letter country code such as DE, US or FR, a country name, or a region: ${Object.keys(REGIONS).join(', ')}.`,
			);
		}
		if (!territories.includes(territory)) territories.push(territory);
	}

	const languages: string[] = [];
	const languageList = toList(raw.languages);
	for (let i = 0; i < languageList.length; i++) {
		const item = languageList[i];
		const path = Array.isArray(raw.languages) ? `${field}.languages[${i}]` : `${field}.languages`;
		if (typeof item !== 'string') throw new RoutingConfigError(path, `${who}: languages must be text such as fa or Persian, not ${describeValue(item)}.`);
		if (item.trim() === '') continue;
		const language = languageCode(item);
		if (!language) {
			throw new RoutingConfigError(
				path,
				`${who}: unknown language ${describeValue(item.trim())}. Use a language code such as fa, ar, pl, tr, th or en, or its name (Persian, فارسی, polski, …).`,
			);
		}
		if (!languages.includes(language)) languages.push(language);
	}

	const outOfOffice = raw.outOfOffice === true || raw.outOfOffice === 'true';
	const channelId = optionalText(raw.channelId, `${field}.channelId`, `${who}: the channel id`);
	const workingHours = validateWorkingHours(raw.workingHours, `${field}.workingHours`, who, defaults);

	return { id, name, email, channelId, weight, territories, languages, dailyCapacity, workingHours, outOfOffice };
}

/**
 * Checks the team a user entered and fills in defaults. Throws a RoutingConfigError whose
 * `field` points at the faulty setting (e.g. `team[2].weight`) and whose message a marketer can act on.
 */
export function validateTeam(input: unknown, defaults: TeamDefaults = {}): Owner[] {
	if (defaults.timeZone !== undefined && !isValidTimeZone(defaults.timeZone)) {
		throw new RoutingConfigError('timeZone', `"${defaults.timeZone}" is not a time zone this system knows. Use a name such as Europe/Berlin.`);
	}
	if (!Array.isArray(input) || input.length === 0) {
		throw new RoutingConfigError('team', 'The team is empty: add at least one person who can receive leads.');
	}
	if (input.length > MAX_TEAM_SIZE) {
		throw new RoutingConfigError('team', `The team has ${input.length} members; at most ${MAX_TEAM_SIZE} are supported.`);
	}
	const owners: Owner[] = [];
	const seen = new Map<string, number>();
	for (let i = 0; i < input.length; i++) {
		const owner = validateOwner(input[i], `team[${i}]`, `Team member ${i + 1}`, defaults);
		const key = owner.id.toLowerCase();
		const first = seen.get(key);
		if (first !== undefined) {
			throw new RoutingConfigError(
				`team[${i}].id`,
				`Team member ${i + 1} (${owner.name}) has the same id "${owner.id}" as team member ${first + 1} (${owners[first].name}). Every person needs their own id.`,
			);
		}
		seen.set(key, i);
		owners.push(owner);
	}
	return owners;
}
