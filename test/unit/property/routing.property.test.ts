/**
 * Property-based tests (fast-check, fixed seeds) for the Lead Router's logic (lib/routing) with the
 * real MemoryStore:
 *  - for arbitrary valid teams and router settings, validateTeam/validateRoutingOptions accept them
 *    and assignOwner never throws, whatever the lead (hostile JSON included);
 *  - the owner is a team member, the fallback owner, or null; never someone out of office, never a
 *    team member outside working hours (the fallback ignores hours, as documented), never beyond a
 *    daily capacity, also when all leads of a case arrive at once;
 *  - round robin over an available team is exact (counts differ by at most one), also concurrently;
 *  - for arbitrary invalid teams validateTeam throws a RoutingConfigError naming the faulty member
 *    and setting, never a TypeError; arbitrary junk in any setting gives a RoutingConfigError or a valid config.
 */
import fc from 'fast-check';
import { assignOwner, MemoryStore, RoutingConfigError, STRATEGIES, validateRoutingOptions, validateTeam, type Assignment, type Owner, type RoutableLead, type RoutingOptions } from '../../../lib/routing';

const SEED = 20261122;
let casesRun = 0;
const counted = <T, R>(predicate: (value: T) => R) => (value: T): R => {
	casesRun++;
	return predicate(value);
};

/* ------------------------------------------------------------------------------------------ */
/* Hostile JSON (own __proto__ keys, as JSON.parse makes them)                                  */
/* ------------------------------------------------------------------------------------------ */

function objectFrom(entries: Array<[string, unknown]>): Record<string, unknown> {
	const object: Record<string, unknown> = {};
	for (const [key, value] of entries) Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
	return object;
}
const jsonRoundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'length'];
const ROUTING_KEYS = ['id', 'name', 'email', 'weight', 'territories', 'languages', 'dailyCapacity', 'workingHours', 'days', 'start', 'end', 'timeZone', 'outOfOffice', 'channelId', 'strategy', 'fallbackOwner', 'territoryRules', 'field', 'value', 'ownerIds', 'country', 'answers', 'utm', 'source'];
const keyArb = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ROUTING_KEYS) }, { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_KEYS) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) });
const leafArb = fc.oneof(
	fc.constantFrom('', ' ', 'undefined', 'null', 'NaN', '-1', '0', '1e9', 'DE', 'EMEA', 'Atlantis', 'mon-fri', '25:00', '09:00', 'Mars/Base', 'Europe/Berlin', 'ana@acme.io', 'not-an-email', '__proto__', 'محمد', '\u202E'),
	fc.string({ maxLength: 12 }),
	fc.integer(),
	fc.double({ noNaN: true, noDefaultInfinity: true }),
	fc.boolean(),
	fc.constant(null),
);
const { value: hostileJsonArb } = fc.letrec<{ value: unknown; array: unknown[]; object: Record<string, unknown> }>((tie) => ({
	value: fc.oneof({ depthSize: 'small', maxDepth: 4 }, { weight: 4, arbitrary: leafArb }, { weight: 1, arbitrary: tie('array') }, { weight: 2, arbitrary: tie('object') }),
	array: fc.array(tie('value'), { maxLength: 4 }),
	object: fc.array(fc.tuple(keyArb, tie('value')), { maxLength: 6 }).map(objectFrom),
}));
const hostileArb = hostileJsonArb.map(jsonRoundTrip);

/* ------------------------------------------------------------------------------------------ */
/* Valid teams, settings and leads                                                              */
/* ------------------------------------------------------------------------------------------ */

const TIME_ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'Australia/Lord_Howe', 'America/St_Johns'];
const TERRITORIES = ['DE', 'us', 'Germany', 'Brasil', 'EMEA', 'DACH', 'NA', 'LATAM', 'APAC', 'North America', 'UK', 'FR'];
const WEEKDAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** drops keys whose value is undefined, as a JSON team would not have them */
const defined = (record: Record<string, unknown>) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));

const workingHoursArb = fc
	.record({
		days: fc.constantFrom('mon-fri', 'sat, sun', ['mon', 'wed', 'fri'], 'fri-mon', 'mon-sun', 'Tuesday', undefined),
		start: fc.constantFrom('09:00', '00:00', '22:00', '9:30', '13:15'),
		end: fc.constantFrom('17:00', '24:00', '06:00', '23:59', '09:01'),
		timeZone: fc.constantFrom(...TIME_ZONES),
	})
	.filter((hours) => hours.start.padStart(5, '0') !== hours.end)
	.map(defined);

const ownerInputArb = (index: number) =>
	fc
		.record({
			id: fc.constantFrom(`o${index}`, `Owner-${index}`, undefined),
			name: fc.constantFrom('Ana Lopez', 'Ben Okafor', 'محمد', 'שרה', 'Zoë', `Owner ${index}`, undefined),
			email: fc.constantFrom(`owner${index}@acme.io`, `Owner${index}@ACME.io`),
			channelId: fc.constantFrom('U0123', 42, null, undefined),
			weight: fc.constantFrom(1, 2, 3, 0.5, 0.001, 1_000_000, '2', '0.25', '', null, undefined),
			territories: fc.oneof(fc.subarray(TERRITORIES, { maxLength: 3 }), fc.subarray(TERRITORIES, { maxLength: 3 }).map((list) => list.join(', ')), fc.constant(undefined)),
			languages: fc.constantFrom('de, en', ['EN'], undefined),
			dailyCapacity: fc.constantFrom(0, 1, 2, 3, '2', '', null, undefined),
			workingHours: fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: workingHoursArb }, { weight: 1, arbitrary: fc.constant({ days: '', start: '', end: '', timeZone: '' }) }),
			outOfOffice: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(true, false, 'true') }),
		})
		.map(defined);

const teamInputArb = fc.integer({ min: 1, max: 7 }).chain((size) => fc.tuple(...Array.from({ length: size }, (_, index) => ownerInputArb(index))));

/** the ids validateTeam will give (id, else the lower-cased email) */
const idOf = (input: Record<string, unknown>) => (typeof input.id === 'string' ? input.id : String(input.email).toLowerCase());

const optionsInputArb = (team: Array<Record<string, unknown>>) => {
	const ids = team.map(idOf);
	const idArb = fc.constantFrom(...ids).chain((id) => fc.constantFrom(id, id.toUpperCase(), ` ${id} `));
	return fc
		.record({
			strategy: fc.constantFrom(...STRATEGIES, undefined, ''),
			baseStrategy: fc.constantFrom('roundRobin', 'weighted', 'territory', undefined),
			stickyBy: fc.constantFrom('email', 'domain', undefined),
			stickyTtlDays: fc.constantFrom(0, 1, 90, '30', 0.5, undefined),
			territoryRules: fc.option(
				fc.array(
					fc.record({
						field: fc.constantFrom('country', 'answers.Industry', 'utm.source', 'emailDomain', 'company', '__proto__', 'constructor', 'answers.__proto__'),
						value: fc.oneof(fc.constantFrom('DE', 'EMEA', 'Healthcare', 'acme.io', 'google', 'NA'), fc.constantFrom(['Healthcare', 'Pharma'], ['DE', 'AT'], [7, true]), fc.integer(), fc.boolean()),
						ownerIds: fc.oneof(fc.uniqueArray(idArb, { minLength: 1, maxLength: 3 }), idArb.map((id) => `${id}, `)),
					}),
					{ maxLength: 3 },
				),
				{ nil: undefined },
			),
			territoryOverflow: fc.constantFrom('team', 'fallback', undefined),
			fallbackOwner: fc.oneof(
				{ weight: 2, arbitrary: fc.constantFrom(undefined, null, '') },
				{ weight: 2, arbitrary: idArb },
				{ weight: 2, arbitrary: fc.record({ email: fc.constant('fallback@acme.io'), name: fc.constant('Fallback Manager'), dailyCapacity: fc.constantFrom(0, 1, 5), outOfOffice: fc.constantFrom(false, false, true), workingHours: fc.option(workingHoursArb, { nil: undefined }) }).map(defined) },
			),
			timeZone: fc.constantFrom(...TIME_ZONES, undefined),
		})
		.map(defined);
};

const EMAILS = ['jo@bigco.com', 'JO@BigCo.com ', 'kim@bigco.com', 'sam@gmail.com', 'lee@sub.acme.io', 'ana@acme.io', 'no-at-sign', '', '@', 'a@'];
const leadArb: fc.Arbitrary<RoutableLead> = fc.oneof(
	{
		weight: 5,
		arbitrary: fc
			.record({
				email: fc.oneof(fc.constantFrom(...EMAILS), fc.constant(null), leafArb),
				country: fc.oneof(fc.constantFrom('DE', 'de', 'Germany', 'Brasil', 'US', 'JP', 'Narnia', '', 'EMEA'), fc.constant(null), leafArb),
				company: fc.constantFrom('Acme', 'BigCo', null),
				source: fc.constantFrom('typeform', 'meta', 'generic'),
				utm: fc.constantFrom({ source: 'google' }, { source: null }, null, 'google'),
				answers: fc.oneof(fc.constantFrom({ Industry: 'Healthcare' }, { Industry: ['Pharma', 'Retail'] }, { Industry: 7 }, {}, null, 'x'), hostileArb),
			})
			.chain((lead) => fc.array(fc.tuple(keyArb, hostileJsonArb), { maxLength: 3 }).map((extra) => jsonRoundTrip(objectFrom([...Object.entries(lead), ...extra])))),
	},
	{ weight: 1, arbitrary: hostileArb.map((value) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : { value })) },
);

const nowArb = fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2027-12-31T23:59:59Z'), noInvalidDate: true });

interface RoutingCase {
	team: Array<Record<string, unknown>>;
	options: Record<string, unknown>;
	defaults: { timeZone?: string };
	leads: RoutableLead[];
	now: Date;
}

const routingCaseArb: fc.Arbitrary<RoutingCase> = teamInputArb.chain((team) =>
	fc.record({
		team: fc.constant(team),
		options: optionsInputArb(team),
		defaults: fc.constantFrom({}, { timeZone: 'Europe/Berlin' }),
		leads: fc.array(leadArb, { minLength: 1, maxLength: 30 }),
		now: nowArb,
	}),
);

/* ------------------------------------------------------------------------------------------ */
/* Oracles                                                                                      */
/* ------------------------------------------------------------------------------------------ */

/** the owner's wall clock, read with Intl independently of lib/routing/availability.ts */
function localClock(now: Date, timeZone: string): { weekday: string; minutes: number } {
	const text = now.toLocaleString('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
	const match = /^(\w{3}) (\d{2}):(\d{2})$/.exec(text);
	if (!match) throw new Error(`unexpected clock "${text}"`);
	return { weekday: match[1].toLowerCase(), minutes: (Number(match[2]) % 24) * 60 + Number(match[3]) };
}

function withinWorkingHours(owner: Owner, now: Date): boolean {
	const hours = owner.workingHours;
	if (!hours) return true;
	const clock = localClock(now, hours.timeZone);
	const toMinutes = (text: string) => Number(text.slice(0, 2)) * 60 + Number(text.slice(3));
	const start = toMinutes(hours.start);
	const end = toMinutes(hours.end);
	const days = hours.days as string[];
	const previous = WEEKDAY_NAMES[(WEEKDAY_NAMES.indexOf(clock.weekday) + 6) % 7];
	if (start < end) return days.includes(clock.weekday) && clock.minutes >= start && clock.minutes < end;
	return (days.includes(clock.weekday) && clock.minutes >= start) || (days.includes(previous) && clock.minutes < end);
}

function fallbackOf(options: RoutingOptions, owners: Owner[]): Owner | null {
	if (!options.fallbackOwner) return null;
	if (typeof options.fallbackOwner !== 'string') return options.fallbackOwner;
	return owners.find((owner) => owner.id === options.fallbackOwner) ?? null;
}

function configure(c: RoutingCase): { owners: Owner[]; options: RoutingOptions } {
	const owners = validateTeam(jsonRoundTrip(c.team), c.defaults);
	const options = validateRoutingOptions(jsonRoundTrip(c.options), owners);
	return { owners, options };
}

/** invariants of every assignment of one case, in the order they were made */
function expectValidAssignments(c: RoutingCase, owners: Owner[], options: RoutingOptions, assignments: Assignment[]): void {
	const fallback = fallbackOf(options, owners);
	const taken = new Map<string, number>();
	for (const assignment of assignments) {
		expect(STRATEGIES).toContain(assignment.strategy);
		expect(typeof assignment.reason).toBe('string');
		expect(assignment.reason.length).toBeGreaterThan(0);
		expect(assignment.turn === null || (Number.isInteger(assignment.turn) && assignment.turn > 0)).toBe(true);
		for (const skipped of assignment.skipped) {
			expect(owners.some((owner) => owner.id === skipped.id)).toBe(true);
			expect(['outOfOffice', 'outOfHours', 'capacity']).toContain(skipped.code);
		}
		const owner = assignment.owner;
		if (owner === null) {
			expect(assignment.fallback).toBe(false);
			expect(assignment.day).toBeNull();
			continue;
		}
		expect(assignment.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		// a team member or the fallback owner, nobody else
		if (assignment.fallback) {
			expect(fallback).not.toBeNull();
			expect(owner).toBe(fallback);
			expect(assignment.turn).toBeNull();
		} else {
			expect(owners).toContain(owner);
			// team members only within their working hours (the fallback ignores hours)
			expect(withinWorkingHours(owner, c.now)).toBe(true);
		}
		if (assignment.strategy === 'sticky') expect(options.strategy).toBe('sticky');
		expect(owner.outOfOffice).toBe(false);
		// never beyond a daily capacity: every lead here arrives on the same day
		const count = (taken.get(owner.id) ?? 0) + 1;
		taken.set(owner.id, count);
		if (owner.dailyCapacity > 0) expect(count).toBeLessThanOrEqual(owner.dailyCapacity);
	}
}

/** everybody can take leads at `now` and nobody is capped: nothing may be left unassigned */
function everyoneAvailable(owners: Owner[], now: Date): boolean {
	return owners.every((owner) => !owner.outOfOffice && owner.dailyCapacity === 0 && withinWorkingHours(owner, now));
}

/* ------------------------------------------------------------------------------------------ */
/* Properties                                                                                   */
/* ------------------------------------------------------------------------------------------ */

const PROTOTYPE_KEYS = Reflect.ownKeys(Object.prototype).length;
afterEach(() => {
	expect(Reflect.ownKeys(Object.prototype)).toHaveLength(PROTOTYPE_KEYS);
	expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

describe('assignOwner with valid settings', () => {
	test('the generators cover every strategy, fallbacks, capacities, working hours and unassigned leads', async () => {
		const sample = fc.sample(routingCaseArb, { seed: SEED, numRuns: 200 });
		const configs = sample.map(configure);
		expect(new Set(configs.map(({ options }) => options.strategy)).size).toBe(STRATEGIES.length);
		expect(configs.some(({ options }) => typeof options.fallbackOwner === 'string') && configs.some(({ options }) => typeof options.fallbackOwner === 'object' && options.fallbackOwner !== null)).toBe(true);
		expect(configs.some(({ owners }) => owners.some((owner) => owner.dailyCapacity > 0))).toBe(true);
		expect(configs.some(({ owners }) => owners.some((owner) => owner.workingHours !== null))).toBe(true);
		const outcomes = await Promise.all(
			sample.map(async (c, index) => {
				const store = new MemoryStore();
				const results: Assignment[] = [];
				for (const lead of c.leads) results.push(await assignOwner(lead, configs[index].owners, configs[index].options, store, c.now));
				return results;
			}),
		);
		const all = outcomes.flat();
		expect(all.some((a) => a.owner === null)).toBe(true);
		expect(all.some((a) => a.fallback)).toBe(true);
		expect(all.some((a) => a.strategy === 'sticky')).toBe(true);
		expect(all.some((a) => a.skipped.some((s) => s.code === 'capacity'))).toBe(true);
		expect(all.some((a) => a.skipped.some((s) => s.code === 'outOfHours'))).toBe(true);
	});

	test('one lead after the other: never throws; a member, the fallback or nobody; never away, out of hours or over capacity', async () => {
		await fc.assert(
			fc.asyncProperty(
				routingCaseArb,
				counted(async (c: RoutingCase) => {
					const { owners, options } = configure(c);
					const store = new MemoryStore();
					const assignments: Assignment[] = [];
					for (const lead of c.leads) assignments.push(await assignOwner(lead, owners, options, store, c.now));
					expectValidAssignments(c, owners, options, assignments);
					if (everyoneAvailable(owners, c.now)) for (const assignment of assignments) expect(assignment.owner).not.toBeNull();
					// the state n8n saves in the workflow's static data is plain JSON
					expect(jsonRoundTrip(store.snapshot())).toEqual(store.snapshot());
					// sticky: an address or company seen before goes back to the same person while they are available
					if (options.strategy === 'sticky') {
						for (const assignment of assignments.filter((a) => a.strategy === 'sticky')) expect(assignments.some((a) => a !== assignment && a.owner === assignment.owner)).toBe(true);
					}
				}),
			),
			{ seed: SEED, numRuns: 400 },
		);
	});

	test('all leads of a case at once: the same guarantees; round robin over an available team stays exact', async () => {
		await fc.assert(
			fc.asyncProperty(
				routingCaseArb,
				counted(async (c: RoutingCase) => {
					const { owners, options } = configure(c);
					const store = new MemoryStore();
					const assignments = await Promise.all(c.leads.map((lead) => assignOwner(lead, owners, options, store, c.now)));
					// turns are handed out one at a time: no two assignments of one rotation share a turn
					const turns = assignments.filter((a) => a.turn !== null && a.strategy === 'roundRobin' && options.strategy === 'roundRobin').map((a) => a.turn);
					expect(new Set(turns).size).toBe(turns.length);
					expectValidAssignments(c, owners, options, assignments);
					if (options.strategy === 'roundRobin' && everyoneAvailable(owners, c.now)) {
						const counts = owners.map((owner) => assignments.filter((a) => a.owner === owner).length);
						expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
						expect(counts.reduce((total, count) => total + count, 0)).toBe(c.leads.length);
					}
				}),
			),
			{ seed: SEED + 1, numRuns: 300 },
		);
	});
});

/* ------------------------------------------------------------------------------------------ */
/* Invalid settings                                                                             */
/* ------------------------------------------------------------------------------------------ */

function routingError(fn: () => unknown): RoutingConfigError | null {
	try {
		fn();
		return null;
	} catch (error) {
		if (error instanceof RoutingConfigError) return error;
		throw error;
	}
}

/** one defect in one member: [what it breaks, the setting path it must be reported at] */
type Defect = (member: Record<string, unknown>, others: Array<Record<string, unknown>>) => { member: unknown; field: string };
const DEFECTS: Record<string, Defect> = {
	notAnObject: () => ({ member: 5, field: '' }),
	aString: () => ({ member: 'Ana Lopez', field: '' }),
	nullMember: () => ({ member: null, field: '' }),
	anArray: (member) => ({ member: [member], field: '' }),
	weightZero: (member) => ({ member: { ...member, weight: 0 }, field: '.weight' }),
	weightNegative: (member) => ({ member: { ...member, weight: '-1' }, field: '.weight' }),
	weightText: (member) => ({ member: { ...member, weight: 'heavy' }, field: '.weight' }),
	weightHuge: (member) => ({ member: { ...member, weight: 2e6 }, field: '.weight' }),
	weightTiny: (member) => ({ member: { ...member, weight: 0.0001 }, field: '.weight' }),
	weightObject: (member) => ({ member: { ...member, weight: { value: 2 } }, field: '.weight' }),
	weightBoolean: (member) => ({ member: { ...member, weight: true }, field: '.weight' }),
	capacityNegative: (member) => ({ member: { ...member, dailyCapacity: -1 }, field: '.dailyCapacity' }),
	capacityFraction: (member) => ({ member: { ...member, dailyCapacity: 1.5 }, field: '.dailyCapacity' }),
	capacityText: (member) => ({ member: { ...member, dailyCapacity: 'lots' }, field: '.dailyCapacity' }),
	capacityArray: (member) => ({ member: { ...member, dailyCapacity: [3] }, field: '.dailyCapacity' }),
	territoryUnknown: (member) => ({ member: { ...member, territories: 'DE, Atlantis' }, field: '.territories' }),
	territoryNumber: (member) => ({ member: { ...member, territories: 49 }, field: '.territories' }),
	territoryObject: (member) => ({ member: { ...member, territories: ['DE', { code: 'AT' }] }, field: '.territories[1]' }),
	territoryProto: (member) => ({ member: { ...member, territories: ['__proto__'] }, field: '.territories[0]' }),
	emailInvalid: (member) => ({ member: { ...member, email: 'not-an-email' }, field: '.email' }),
	emailObject: (member) => ({ member: { ...member, email: { address: 'a@acme.io' } }, field: '.email' }),
	nameObject: (member) => ({ member: { ...member, name: ['Ana'] }, field: '.name' }),
	idObject: (member) => ({ member: { ...member, id: { id: 1 } }, field: '.id' }),
	noIdNoEmail: (member) => ({ member: { ...member, id: undefined, email: undefined }, field: '.id' }),
	channelObject: (member) => ({ member: { ...member, channelId: {} }, field: '.channelId' }),
	hoursText: (member) => ({ member: { ...member, workingHours: '9-5' }, field: '.workingHours' }),
	hoursArray: (member) => ({ member: { ...member, workingHours: [] }, field: '.workingHours' }),
	hoursStart: (member) => ({ member: { ...member, workingHours: { start: '25:00', end: '17:00', timeZone: 'UTC' } }, field: '.workingHours.start' }),
	hoursStartNumber: (member) => ({ member: { ...member, workingHours: { start: 900, end: '17:00', timeZone: 'UTC' } }, field: '.workingHours.start' }),
	hoursSame: (member) => ({ member: { ...member, workingHours: { start: '09:00', end: '9:00', timeZone: 'UTC' } }, field: '.workingHours.end' }),
	hoursEnd: (member) => ({ member: { ...member, workingHours: { start: '09:00', end: '17:60', timeZone: 'UTC' } }, field: '.workingHours.end' }),
	hoursDay: (member) => ({ member: { ...member, workingHours: { days: 'mon-fri, funday', start: '09:00', end: '17:00', timeZone: 'UTC' } }, field: '.workingHours.days' }),
	hoursDayProto: (member) => ({ member: { ...member, workingHours: { days: ['constructor'], start: '09:00', end: '17:00', timeZone: 'UTC' } }, field: '.workingHours.days[0]' }),
	hoursDayNumber: (member) => ({ member: { ...member, workingHours: { days: [1], start: '09:00', end: '17:00', timeZone: 'UTC' } }, field: '.workingHours.days[0]' }),
	hoursNoDays: (member) => ({ member: { ...member, workingHours: { days: [' '], start: '09:00', end: '17:00', timeZone: 'UTC' } }, field: '.workingHours.days' }),
	hoursZone: (member) => ({ member: { ...member, workingHours: { start: '09:00', end: '17:00', timeZone: 'Mars/Olympus_Mons' } }, field: '.workingHours.timeZone' }),
	hoursZoneNumber: (member) => ({ member: { ...member, workingHours: { start: '09:00', end: '17:00', timeZone: 5 } }, field: '.workingHours.timeZone' }),
	duplicateId: (member, others) => ({ member: { ...member, id: idOf(others[0]).toUpperCase() }, field: '.id' }),
};

describe('validateTeam with invalid teams', () => {
	test('one defect in one member: a RoutingConfigError naming that member and setting, never a TypeError', () => {
		fc.assert(
			fc.property(
				fc.tuple(teamInputArb, fc.nat(), fc.constantFrom(...Object.keys(DEFECTS))),
				counted(([team, at, defectName]: [Array<Record<string, unknown>>, number, string]) => {
					// duplicates need an earlier member; the others can be anywhere
					const index = defectName === 'duplicateId' ? 1 + (at % Math.max(1, team.length)) : at % team.length;
					const valid = defectName === 'duplicateId' && team.length === index ? [...team, { id: 'extra' }] : [...team];
					const { member, field } = DEFECTS[defectName](defined(valid[index] ?? {}), valid);
					const members: unknown[] = [...valid];
					members[index] = member;
					const error = routingError(() => validateTeam(members));
					expect(error).not.toBeNull();
					expect(error?.field).toBe(`team[${index}]${field}`);
					expect(error?.message.length).toBeGreaterThan(10);
					expect(error?.message).not.toMatch(/undefined|\[object Object\]/);
				}),
			),
			{ seed: SEED + 2, numRuns: 1500 },
		);
	});

	test('a team that is not a non-empty list of at most 500, or an unknown default time zone', () => {
		const valid = [{ id: 'ana' }];
		for (const team of [undefined, null, {}, 'Ana, Ben', 5, [], Array.from({ length: 501 }, (_, i) => ({ id: `o${i}` })), JSON.parse('{"__proto__": [{"id": "ana"}]}')]) {
			expect(routingError(() => validateTeam(team))?.field).toBe('team');
		}
		expect(routingError(() => validateTeam(valid, { timeZone: 'Mars/Base' }))?.field).toBe('timeZone');
		expect(validateTeam(valid)).toHaveLength(1);
	});

	test('arbitrary junk as a team: a valid team or a RoutingConfigError, never another error', () => {
		const junkTeam = fc.oneof(
			hostileArb,
			fc.array(fc.oneof(hostileArb, ownerInputArb(0).chain((member) => fc.tuple(keyArb, hostileArb).map(([key, value]) => jsonRoundTrip(objectFrom([...Object.entries(member), [key, value]]))))), { maxLength: 5 }),
			fc.anything({ maxDepth: 3, withNullPrototype: true, withSparseArray: true, withDate: true, withMap: true, withSet: true, withTypedArray: true }),
		);
		fc.assert(
			fc.property(
				junkTeam,
				counted((team: unknown) => {
					let owners: Owner[];
					try {
						owners = validateTeam(team);
					} catch (error) {
						expect(error).toBeInstanceOf(RoutingConfigError);
						expect((error as RoutingConfigError).field).toMatch(/^team(\[\d+\].*)?$/);
						return;
					}
					// what passes is a complete, usable team
					expect(owners.length).toBeGreaterThan(0);
					for (const owner of owners) {
						expect(typeof owner.id).toBe('string');
						expect(owner.id.length).toBeGreaterThan(0);
						expect(owner.weight).toBeGreaterThan(0);
						expect(Number.isInteger(owner.dailyCapacity) && owner.dailyCapacity >= 0).toBe(true);
					}
					expect(new Set(owners.map((owner) => owner.id.toLowerCase())).size).toBe(owners.length);
				}),
			),
			{ seed: SEED + 3, numRuns: 1500 },
		);
	});

	test('arbitrary junk as router settings: valid settings or a RoutingConfigError, and the result routes', async () => {
		const owners = validateTeam([{ id: 'ana', name: 'Ana', territories: 'DE' }, { id: 'ben', dailyCapacity: 1 }, { email: 'cy@acme.io', outOfOffice: true }]);
		const junkOptions = fc.oneof(
			hostileArb,
			fc.record(
				{
					strategy: fc.oneof(fc.constantFrom(...STRATEGIES), hostileArb),
					baseStrategy: hostileArb,
					stickyBy: hostileArb,
					stickyTtlDays: hostileArb,
					territoryRules: fc.oneof(hostileArb, fc.array(fc.record({ field: hostileArb, value: hostileArb, ownerIds: fc.oneof(hostileArb, fc.constantFrom(['ana'], 'ben, ana', ['nobody'])) }), { maxLength: 3 })),
					territoryOverflow: hostileArb,
					fallbackOwner: fc.oneof(hostileArb, fc.constantFrom('ana', 'ANA', 'nobody', 'x@acme.io')),
					timeZone: hostileArb,
				},
				{ requiredKeys: [], noNullPrototype: true },
			).map(jsonRoundTrip),
		);
		let routed = 0;
		await fc.assert(
			fc.asyncProperty(
				fc.tuple(junkOptions, leadArb),
				counted(async ([input, lead]: [unknown, RoutableLead]) => {
					let options: RoutingOptions;
					try {
						options = validateRoutingOptions(input, owners);
					} catch (error) {
						expect(error).toBeInstanceOf(RoutingConfigError);
						expect((error as RoutingConfigError).field.length).toBeGreaterThan(0);
						return;
					}
					expect(STRATEGIES).toContain(options.strategy);
					const assignment = await assignOwner(lead, owners, options, new MemoryStore(), new Date('2026-11-20T12:00:00Z'));
					expect(assignment.owner === null || owners.includes(assignment.owner) || assignment.fallback).toBe(true);
					routed++;
				}),
			),
			{ seed: SEED + 4, numRuns: 800 },
		);
		// enough junk is accepted (unknown keys, defaults) for the routing half to be exercised
		expect(routed).toBeGreaterThan(100);
	});
});

describe('shifts past midnight count as one working day', () => {
	const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
	/** a shift start after its end (every day, UTC), a cap, and instants inside one shift starting on 2025-03-10 */
	const shiftArb = fc
		.tuple(fc.integer({ min: 60, max: 1439 }), fc.integer({ min: 1, max: 5 }))
		.chain(([start, capacity]) =>
			fc.record({
				start: fc.constant(start),
				end: fc.integer({ min: 1, max: start - 1 }),
				capacity: fc.constant(capacity),
				offsets: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 12 }),
			}),
		);

	it('every instant of a shift counts against the day it started, and the cap holds for the whole shift', async () => {
		await fc.assert(
			fc.asyncProperty(
				shiftArb,
				counted(async ({ start, end, capacity, offsets }: { start: number; end: number; capacity: number; offsets: number[] }) => {
					const [owner] = validateTeam([{ id: 'n', dailyCapacity: capacity, workingHours: { days: 'mon-sun', start: clock(start), end: clock(end), timeZone: 'UTC' } }]);
					// the shift runs from 2025-03-10 start to 2025-03-11 end, in whole minutes
					const shiftStart = Date.UTC(2025, 2, 10) + start * 60_000;
					const length = (24 * 60 - start + end) * 60_000;
					const instants = offsets.map((o) => new Date(shiftStart + Math.floor((o * (length - 60_000)) / 60_000) * 60_000)).sort((a, b) => a.getTime() - b.getTime());
					const store = new MemoryStore();
					const options = validateRoutingOptions({}, [owner]);
					let assigned = 0;
					for (const at of instants) {
						const a = await assignOwner({ email: null }, [owner], options, store, at);
						if (a.owner) {
							assigned++;
							expect(a.day).toBe('2025-03-10');
						}
					}
					expect(assigned).toBe(Math.min(capacity, instants.length));
				}),
			),
			{ seed: SEED + 5, numRuns: 200 },
		);
	});
});

afterAll(() => {
	// eslint-disable-next-line no-console
	console.log(`routing properties: ${casesRun} cases`);
});
