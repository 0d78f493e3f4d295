import { ObservableObject } from 'n8n-workflow';
import {
	assignOwner,
	MemoryStore,
	validateRoutingOptions,
	validateTeam,
	withLock,
	type Assignment,
	type Owner,
	type RoutableLead,
	type RoutingOptions,
	type RoutingStore,
} from '../../../lib/routing';

// Wednesday 12 March 2025, 14:00 UTC
const NOW = new Date('2025-03-12T14:00:00Z');

function lead(extra: Partial<RoutableLead> = {}): RoutableLead {
	return { email: null, country: null, answers: {}, ...extra };
}

function tally(assignments: Assignment[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const a of assignments) {
		const key = a.owner ? a.owner.id : 'none';
		counts[key] = (counts[key] ?? 0) + 1;
	}
	return counts;
}

async function routeSequentially(n: number, team: Owner[], options: RoutingOptions, store: RoutingStore, now = NOW, makeLead = (i: number) => lead({ email: `lead${i}@example.org` })): Promise<Assignment[]> {
	const out: Assignment[] = [];
	for (let i = 0; i < n; i++) out.push(await assignOwner(makeLead(i), team, options, store, now));
	return out;
}

/** `callers` async callers at once, each routing `each` leads one after the other */
async function routeConcurrently(callers: number, each: number, team: Owner[], options: RoutingOptions, storeFor: (caller: number) => RoutingStore, now = NOW): Promise<Assignment[]> {
	const results = await Promise.all(
		Array.from({ length: callers }, async (_, caller) => {
			const store = storeFor(caller);
			const out: Assignment[] = [];
			for (let i = 0; i < each; i++) {
				out.push(await assignOwner(lead({ email: `c${caller}-l${i}@example.org` }), team, options, store, now));
			}
			return out;
		}),
	);
	return results.flat();
}

const threeOwners = () =>
	validateTeam([
		{ id: 'ana', name: 'Ana' },
		{ id: 'bo', name: 'Bo' },
		{ id: 'cy', name: 'Cy' },
	]);

describe('strict round robin', () => {
	it('300 leads to 3 owners: exactly 100 each, in list order', async () => {
		const team = threeOwners();
		const options = validateRoutingOptions({ strategy: 'roundRobin' }, team);
		const out = await routeSequentially(300, team, options, new MemoryStore({}));
		expect(tally(out)).toEqual({ ana: 100, bo: 100, cy: 100 });
		expect(out.slice(0, 6).map((a) => a.owner?.id)).toEqual(['ana', 'bo', 'cy', 'ana', 'bo', 'cy']);
		expect(out.map((a) => a.turn)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
		expect(out[3].reason).toBe('Round robin: turn 4 of 3 owners → Ana');
		expect(out[3]).toMatchObject({ strategy: 'roundRobin', fallback: false, day: '2025-03-12' });
	});

	it('30 concurrent callers on one MemoryStore: exactly 100 each and no turn handed out twice', async () => {
		const team = threeOwners();
		const options = validateRoutingOptions({ strategy: 'roundRobin' }, team);
		const store = new MemoryStore({});
		const out = await routeConcurrently(30, 10, team, options, () => store);
		expect(out).toHaveLength(300);
		expect(tally(out)).toEqual({ ana: 100, bo: 100, cy: 100 });
		const turns = out.map((a) => a.turn as number).sort((a, b) => a - b);
		expect(turns).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
		// the owner of turn t is fixed by the rotation: t = 1, 4, 7, … → Ana
		for (const a of out) expect(a.owner?.id).toBe(['ana', 'bo', 'cy'][((a.turn as number) - 1) % 3]);
	});

	it('skips an owner who is out of office and continues after the one who got the lead', async () => {
		const team = validateTeam([
			{ id: 'ana', name: 'Ana' },
			{ id: 'bo', name: 'Bo', outOfOffice: true },
			{ id: 'cy', name: 'Cy' },
		]);
		const options = validateRoutingOptions({ strategy: 'roundRobin' }, team);
		const out = await routeSequentially(4, team, options, new MemoryStore({}));
		expect(out.map((a) => a.owner?.id)).toEqual(['ana', 'cy', 'ana', 'cy']);
		expect(out[1].reason).toBe('Round robin: turn 2 of 3 owners → Cy (Bo is out of office)');
		expect(out[1].skipped).toEqual([{ id: 'bo', name: 'Bo', code: 'outOfOffice', reason: 'Bo is out of office' }]);
		// Ana got turn 3 straight after Cy: nobody was passed over
		expect(out[2].reason).toBe('Round robin: turn 3 of 3 owners → Ana');
	});

	it('skips owners outside their working hours, judged in their own time zone', async () => {
		const team = validateTeam([
			{ id: 'kei', name: 'Kei', workingHours: { days: 'mon-fri', start: '09:00', end: '17:00', timeZone: 'Asia/Tokyo' } },
			{ id: 'bo', name: 'Bo', workingHours: { days: 'mon-fri', start: '09:00', end: '17:00', timeZone: 'America/New_York' } },
		]);
		const options = validateRoutingOptions({ strategy: 'roundRobin' }, team);
		const out = await routeSequentially(3, team, options, new MemoryStore({}));
		expect(out.map((a) => a.owner?.id)).toEqual(['bo', 'bo', 'bo']);
		expect(out[0].reason).toBe('Round robin: turn 1 of 2 owners → Bo (Kei is outside working hours: Mon–Fri 09:00–17:00 Asia/Tokyo, now Wed 23:00 there)');
		// at 01:00 UTC it is 10:00 in Tokyo and 21:00 (Tuesday) in New York
		const early = await assignOwner(lead(), team, options, new MemoryStore({}), new Date('2025-03-12T01:00:00Z'));
		expect(early.owner?.id).toBe('kei');
	});

	it('the rotation survives a JSON round trip of the static data (n8n saving and loading it)', async () => {
		const team = threeOwners();
		const options = validateRoutingOptions({}, team);
		const staticData: Record<string, unknown> = {};
		await routeSequentially(4, team, options, new MemoryStore(staticData));
		const reloaded = JSON.parse(JSON.stringify(staticData)) as Record<string, unknown>;
		const next = await assignOwner(lead(), team, options, new MemoryStore(reloaded), NOW);
		expect(next.owner?.id).toBe('bo');
		expect(next.turn).toBe(5);
	});
});

describe('MemoryStore.shared: concurrent n8n executions each holding their own copy of static data', () => {
	afterEach(() => MemoryStore.resetShared());

	it('30 executions with separate static-data objects still give exactly 100 each', async () => {
		const team = threeOwners();
		const options = validateRoutingOptions({}, team);
		const saved = { leadRouter: undefined } as Record<string, unknown>;
		const copies = Array.from({ length: 30 }, () => JSON.parse(JSON.stringify(saved)) as Record<string, unknown>);
		const out = await routeConcurrently(30, 10, team, options, (caller) => MemoryStore.shared('wf1:Lead Router', copies[caller]));
		expect(tally(out)).toEqual({ ana: 100, bo: 100, cy: 100 });
		expect(new Set(out.map((a) => a.turn)).size).toBe(300);
		// whichever execution n8n saves last holds the complete state
		const lastSaved = JSON.parse(JSON.stringify(copies[17])) as { leadRouter: { rot: Record<string, { turn: number }> } };
		expect(lastSaved.leadRouter.rot['rr:team'].turn).toBe(300);
	});

	it('control: a separate store per execution copy hands out the same turns twice', async () => {
		const team = threeOwners();
		const options = validateRoutingOptions({}, team);
		const out = await routeConcurrently(30, 10, team, options, () => new MemoryStore({}));
		// each execution starts at turn 1: Ana gets 4 of every 10
		expect(tally(out)).toEqual({ ana: 120, bo: 90, cy: 90 });
		expect(new Set(out.map((a) => a.turn)).size).toBe(10); // every execution started at turn 1
	});

	it('marks n8n observable static data as changed, so n8n saves it after the execution', async () => {
		const team = threeOwners();
		const options = validateRoutingOptions({}, team);
		// as Workflow.getStaticData('node') builds it
		const root = ObservableObject.create({}, undefined, { ignoreEmptyOnFirstChild: true }) as Record<string, unknown> & { __dataChanged: boolean };
		root['node:Lead Router'] = ObservableObject.create({}, root);
		root.__dataChanged = false;
		const nodeData = root['node:Lead Router'] as Record<string, unknown>;
		await assignOwner(lead(), team, options, MemoryStore.shared('wf3:Lead Router', nodeData), NOW);
		expect(root.__dataChanged).toBe(true);
		root.__dataChanged = false;
		await assignOwner(lead(), team, options, MemoryStore.shared('wf3:Lead Router', nodeData), NOW);
		expect(root.__dataChanged).toBe(true);
		const saved = JSON.parse(JSON.stringify(root)) as Record<string, { leadRouter: { rot: Record<string, { turn: number; last: string }> } }>;
		expect(saved['node:Lead Router'].leadRouter.rot['rr:team']).toEqual({ last: 'bo', turn: 2, cw: {} });
	});

	it('adopts the state saved last time when the process starts', async () => {
		const team = threeOwners();
		const options = validateRoutingOptions({}, team);
		const staticData: Record<string, unknown> = {};
		await routeSequentially(2, team, options, MemoryStore.shared('wf2:Router', staticData));
		MemoryStore.resetShared(); // n8n restarted
		const restored = JSON.parse(JSON.stringify(staticData)) as Record<string, unknown>;
		const next = await assignOwner(lead(), team, options, MemoryStore.shared('wf2:Router', restored), NOW);
		expect(next.owner?.id).toBe('cy');
		expect(next.turn).toBe(3);
	});
});

describe('withLock', () => {
	it('serialises async critical sections keyed by the object (and the same code without it loses updates)', async () => {
		const guarded = { n: 0 };
		const unguarded = { n: 0 };
		const incrementSlowly = async (target: { n: number }) => {
			const seen = target.n;
			await Promise.resolve();
			await new Promise<void>((resolve) => setImmediate(resolve));
			target.n = seen + 1;
		};
		await Promise.all(Array.from({ length: 30 }, () => withLock(guarded, () => incrementSlowly(guarded))));
		await Promise.all(Array.from({ length: 30 }, () => incrementSlowly(unguarded)));
		expect(guarded.n).toBe(30);
		expect(unguarded.n).toBe(1);
	});

	it('a failing holder releases the lock', async () => {
		const target = {};
		await expect(withLock(target, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
		await expect(withLock(target, () => 'next')).resolves.toBe('next');
	});
});

describe('weighted round robin', () => {
	const weightedTeam = () =>
		validateTeam([
			{ id: 'ana', name: 'Ana', weight: 3 },
			{ id: 'bo', name: 'Bo', weight: 1 },
		]);

	it('weights 3:1 over 400 leads give exactly 300/100, smoothly interleaved', async () => {
		const team = weightedTeam();
		const options = validateRoutingOptions({ strategy: 'weighted' }, team);
		const out = await routeSequentially(400, team, options, new MemoryStore({}));
		expect(tally(out)).toEqual({ ana: 300, bo: 100 });
		expect(out.slice(0, 8).map((a) => a.owner?.id)).toEqual(['ana', 'ana', 'bo', 'ana', 'ana', 'ana', 'bo', 'ana']);
		// every window of 4 consecutive leads holds exactly one for Bo
		for (let i = 0; i + 4 <= 400; i += 4) expect(out.slice(i, i + 4).filter((a) => a.owner?.id === 'bo')).toHaveLength(1);
		expect(out[2].reason).toBe('Weighted round robin: turn 3, weight 1 of 4 → Bo');
		expect(out[2].strategy).toBe('weighted');
	});

	it('stays exact with 20 concurrent callers', async () => {
		const team = weightedTeam();
		const options = validateRoutingOptions({ strategy: 'weighted' }, team);
		const store = new MemoryStore({});
		const out = await routeConcurrently(20, 20, team, options, () => store);
		expect(tally(out)).toEqual({ ana: 300, bo: 100 });
	});

	it('fractional weights: 1.5 : 1 over 500 leads give exactly 300/200', async () => {
		const team = validateTeam([
			{ id: 'ana', name: 'Ana', weight: 1.5 },
			{ id: 'bo', name: 'Bo', weight: 1 },
		]);
		const out = await routeSequentially(500, team, validateRoutingOptions({ strategy: 'weighted' }, team), new MemoryStore({}));
		expect(tally(out)).toEqual({ ana: 300, bo: 200 });
	});

	it('an owner out of office gets nothing, the others share by their weights', async () => {
		const team = validateTeam([
			{ id: 'ana', name: 'Ana', weight: 2 },
			{ id: 'bo', name: 'Bo', weight: 5, outOfOffice: true },
			{ id: 'cy', name: 'Cy', weight: 1 },
		]);
		const out = await routeSequentially(300, team, validateRoutingOptions({ strategy: 'weighted' }, team), new MemoryStore({}));
		expect(tally(out)).toEqual({ ana: 200, cy: 100 });
		expect(out[0].reason).toBe('Weighted round robin: turn 1, weight 2 of 3 → Ana (Bo is out of office)');
	});
});

describe('daily capacity and the fallback owner', () => {
	const cappedTeam = () =>
		validateTeam([
			{ id: 'ana', name: 'Ana', dailyCapacity: 10 },
			{ id: 'bo', name: 'Bo', dailyCapacity: 10 },
			{ id: 'cy', name: 'Cy', dailyCapacity: 10 },
		]);

	it('never exceeds a cap under 50 concurrent leads; the overflow goes to the fallback owner', async () => {
		const team = cappedTeam();
		const options = validateRoutingOptions({ fallbackOwner: { id: 'dana', name: 'Dana', email: 'dana@example.com' } }, team);
		const store = new MemoryStore({});
		const out = await routeConcurrently(50, 1, team, options, () => store);
		expect(tally(out)).toEqual({ ana: 10, bo: 10, cy: 10, dana: 20 });
		expect(out.filter((a) => a.fallback)).toHaveLength(20);
		expect(out.filter((a) => a.fallback).every((a) => a.owner?.id === 'dana')).toBe(true);
		for (const id of ['ana', 'bo', 'cy']) expect(await store.getDailyCount(id, '2025-03-12')).toBe(10);
		expect(await store.getDailyCount('dana', '2025-03-12')).toBe(20);
		const overflow = out.find((a) => a.fallback) as Assignment;
		expect(overflow.reason).toBe(
			'Nobody available (Ana reached the daily cap of 10; Bo reached the daily cap of 10; Cy reached the daily cap of 10) → fallback owner Dana',
		);
		expect(overflow.skipped.map((s) => s.code)).toEqual(['capacity', 'capacity', 'capacity']);
	});

	it('without a fallback the lead stays unassigned, with the reason', async () => {
		const team = validateTeam([
			{ id: 'ana', name: 'Ana', dailyCapacity: 1 },
			{ id: 'bo', name: 'Bo', outOfOffice: true },
		]);
		const out = await routeSequentially(2, team, validateRoutingOptions({}, team), new MemoryStore({}));
		expect(out[0].owner?.id).toBe('ana');
		expect(out[1]).toMatchObject({ owner: null, fallback: false, turn: null, day: null });
		expect(out[1].reason).toBe('Nobody available (Bo is out of office; Ana reached the daily cap of 1) and no fallback owner is set, so the lead stays unassigned');
	});

	it('a fallback team member with a cap of their own is not overfilled either', async () => {
		const team = validateTeam([
			{ id: 'ana', name: 'Ana', dailyCapacity: 2 },
			{ id: 'lead', name: 'Team lead', dailyCapacity: 3, workingHours: { days: 'sat', start: '10:00', end: '12:00', timeZone: 'UTC' } },
		]);
		const options = validateRoutingOptions({ fallbackOwner: 'lead', strategy: 'roundRobin' }, team);
		const store = new MemoryStore({});
		const out = await routeConcurrently(10, 1, team, options, () => store);
		// the team lead is out of hours, so gets no rotation turn; as fallback hours do not apply, the cap does
		expect(tally(out)).toEqual({ ana: 2, lead: 3, none: 5 });
		expect(out.find((a) => a.owner === null)?.reason).toBe(
			'Nobody available (Team lead is outside working hours: Sat 10:00–12:00 UTC, now Wed 14:00 there; Ana reached the daily cap of 2), and the fallback owner Team lead reached the daily cap of 3, so the lead stays unassigned',
		);
	});

	it('a fallback owner who is out of office gets nothing', async () => {
		const team = validateTeam([{ id: 'ana', name: 'Ana', outOfOffice: true }]);
		const options = validateRoutingOptions({ fallbackOwner: { id: 'dana', name: 'Dana', outOfOffice: true } }, team);
		const a = await assignOwner(lead(), team, options, new MemoryStore({}), NOW);
		expect(a.owner).toBeNull();
		expect(a.reason).toBe('Nobody available (Ana is out of office), and the fallback owner Dana is out of office, so the lead stays unassigned');
	});

	it('capacity is counted per local calendar day', async () => {
		const team = validateTeam([{ id: 'ana', name: 'Ana', dailyCapacity: 2, workingHours: { days: 'mon-sun', start: '00:00', end: '24:00', timeZone: 'Europe/Berlin' } }]);
		const options = validateRoutingOptions({}, team);
		const store = new MemoryStore({});
		// 23:30 UTC on the 12th is already 00:30 on the 13th in Berlin
		const a = await routeSequentially(3, team, options, store, new Date('2025-03-12T23:30:00Z'));
		expect(a.map((x) => x.owner?.id ?? null)).toEqual(['ana', 'ana', null]);
		expect(a[0].day).toBe('2025-03-13');
		expect(await store.getDailyCount('ana', '2025-03-13')).toBe(2);
		expect(await store.getDailyCount('ana', '2025-03-12')).toBe(0);
		const nextDay = await assignOwner(lead(), team, options, store, new Date('2025-03-13T23:30:00Z'));
		expect(nextDay.owner?.id).toBe('ana');
		expect(nextDay.day).toBe('2025-03-14');
	});
});

describe('territory', () => {
	const territoryTeam = () =>
		validateTeam([
			{ id: 'ana', name: 'Ana', territories: 'DACH' },
			{ id: 'bo', name: 'Bo', territories: ['NA'] },
			{ id: 'cy', name: 'Cy', territories: 'FR, BENELUX' },
			{ id: 'dee', name: 'Dee', territories: 'DE' },
		]);

	it('routes by the lead country, by code or by name', async () => {
		const team = territoryTeam();
		const options = validateRoutingOptions({ strategy: 'territory' }, team);
		const store = new MemoryStore({});
		const us = await assignOwner(lead({ country: 'United States' }), team, options, store, NOW);
		expect(us.owner?.id).toBe('bo');
		expect(us.reason).toBe('Territory: country US → Bo (NA) → Round robin: turn 1 of 1 owner → Bo');
		expect((await assignOwner(lead({ country: 'nl' }), team, options, store, NOW)).owner?.id).toBe('cy');
		expect((await assignOwner(lead({ country: 'Austria' }), team, options, store, NOW)).owner?.id).toBe('ana');
	});

	it('round robin inside the matching pool: Germany alternates between Ana (DACH) and Dee (DE)', async () => {
		const team = territoryTeam();
		const options = validateRoutingOptions({ strategy: 'territory' }, team);
		const out = await routeSequentially(100, team, options, new MemoryStore({}), NOW, () => lead({ country: 'DE' }));
		expect(tally(out)).toEqual({ ana: 50, dee: 50 });
		expect(out[1].reason).toBe('Territory: country DE → Ana (DACH), Dee → Round robin: turn 2 of 2 owners → Dee');
	});

	it('no match: the whole team, in its own rotation', async () => {
		const team = territoryTeam();
		const options = validateRoutingOptions({ strategy: 'territory' }, team);
		const store = new MemoryStore({});
		const out = await routeSequentially(8, team, options, store, NOW, (i) => lead({ country: i % 2 === 0 ? 'BR' : null }));
		expect(tally(out)).toEqual({ ana: 2, bo: 2, cy: 2, dee: 2 });
		expect(out[0].reason).toBe('Territory: nobody covers country BR, so the whole team → Round robin: turn 1 of 4 owners → Ana');
		expect(out[1].reason).toBe('Territory: the lead has no country, so the whole team → Round robin: turn 2 of 4 owners → Bo');
		const odd = await assignOwner(lead({ country: 'Atlantis' }), team, options, store, NOW);
		expect(odd.reason).toBe('Territory: the country "Atlantis" is not one this router recognises, so the whole team → Round robin: turn 9 of 4 owners → Ana');
	});

	it('field rules come first, in order; the first match decides the pool', async () => {
		const team = territoryTeam();
		const options = validateRoutingOptions(
			{
				strategy: 'territory',
				territoryRules: [
					{ field: 'answers.Industry', value: ['Healthcare', 'Pharma'], ownerIds: ['cy'] },
					{ field: 'country', value: 'DACH', ownerIds: ['bo'] },
					{ field: 'emailDomain', value: 'bigcorp.com', ownerIds: 'dee' },
				],
			},
			team,
		);
		const store = new MemoryStore({});
		const health = await assignOwner(lead({ country: 'DE', answers: { Industry: 'healthcare' } }), team, options, store, NOW);
		expect(health.owner?.id).toBe('cy');
		expect(health.reason).toBe('Territory: rule 1 (answers.Industry = Healthcare or Pharma) → Cy → Round robin: turn 1 of 1 owner → Cy');
		const multi = await assignOwner(lead({ answers: { Industry: ['Retail', 'Pharma'] } }), team, options, store, NOW);
		expect(multi.owner?.id).toBe('cy');
		expect((await assignOwner(lead({ country: 'Schweiz' }), team, options, store, NOW)).owner?.id).toBe('bo');
		expect((await assignOwner(lead({ email: 'x@BigCorp.com', country: 'US' }), team, options, store, NOW)).owner?.id).toBe('dee');
		expect((await assignOwner(lead({ country: 'US', answers: { Industry: 'Retail' } }), team, options, store, NOW)).owner?.id).toBe('bo');
	});

	it('when the territory is unavailable: the whole team by default, or the fallback owner when asked', async () => {
		const team = validateTeam([
			{ id: 'ana', name: 'Ana', territories: 'DACH', outOfOffice: true },
			{ id: 'bo', name: 'Bo', territories: 'NA' },
		]);
		const toTeam = await assignOwner(lead({ country: 'DE' }), team, validateRoutingOptions({ strategy: 'territory' }, team), new MemoryStore({}), NOW);
		expect(toTeam.owner?.id).toBe('bo');
		expect(toTeam.reason).toBe(
			'Territory: country DE → Ana (DACH) → nobody there is available, so the whole team → Round robin: turn 1 of 2 owners → Bo (Ana is out of office)',
		);
		const options = validateRoutingOptions({ strategy: 'territory', territoryOverflow: 'fallback', fallbackOwner: { id: 'dana', name: 'Dana' } }, team);
		const toFallback = await assignOwner(lead({ country: 'DE' }), team, options, new MemoryStore({}), NOW);
		expect(toFallback).toMatchObject({ fallback: true, strategy: 'territory' });
		expect(toFallback.owner?.id).toBe('dana');
		expect(toFallback.reason).toBe('Territory: country DE → Ana (DACH) → Nobody available (Ana is out of office) → fallback owner Dana');
	});
});

describe('sticky', () => {
	it('by email: the same address returns to its earlier owner; the rotation is not advanced by it', async () => {
		const team = threeOwners();
		const options = validateRoutingOptions({ strategy: 'sticky' }, team);
		const store = new MemoryStore({});
		const first = await assignOwner(lead({ email: 'pat@acme.com' }), team, options, store, NOW);
		expect(first.owner?.id).toBe('ana');
		expect(first.strategy).toBe('roundRobin');
		expect(first.reason).toBe('Sticky: first lead from email pat@acme.com → Round robin: turn 1 of 3 owners → Ana (remembered for next time)');
		expect((await assignOwner(lead({ email: 'lee@acme.com' }), team, options, store, NOW)).owner?.id).toBe('bo');
		const again = await assignOwner(lead({ email: ' PAT@acme.com ' }), team, options, store, NOW);
		expect(again).toMatchObject({ strategy: 'sticky', fallback: false, turn: null });
		expect(again.owner?.id).toBe('ana');
		expect(again.reason).toBe('Sticky: email pat@acme.com went to Ana before → Ana');
		expect((await assignOwner(lead({ email: 'new@other.io' }), team, options, store, NOW)).owner?.id).toBe('cy');
		expect(await store.getDailyCount('ana', '2025-03-12')).toBe(2);
	});

	it('by domain: colleagues go to the same owner, free-mail addresses do not share one', async () => {
		const team = threeOwners();
		const options = validateRoutingOptions({ strategy: 'sticky', stickyBy: 'domain' }, team);
		const store = new MemoryStore({});
		const out = await routeSequentially(6, team, options, store, NOW, (i) =>
			lead({ email: ['a@acme.com', 'p@gmail.com', 'b@acme.com', 'q@gmail.com', 'c@ACME.com', 'p@gmail.com'][i] }),
		);
		expect(out.map((a) => a.owner?.id)).toEqual(['ana', 'bo', 'ana', 'cy', 'ana', 'bo']);
		expect(out[2].reason).toBe('Sticky: domain acme.com went to Ana before → Ana');
		expect(out[3].reason).toBe('Sticky: first lead from email q@gmail.com (gmail.com is a free email provider, so by address) → Round robin: turn 3 of 3 owners → Cy (remembered for next time)');
	});

	it('20 concurrent leads from one new domain all reach the same owner', async () => {
		const team = threeOwners();
		const options = validateRoutingOptions({ strategy: 'sticky', stickyBy: 'domain' }, team);
		const store = new MemoryStore({});
		const out = await Promise.all(Array.from({ length: 20 }, (_, i) => assignOwner(lead({ email: `p${i}@globex.com` }), team, options, store, NOW)));
		expect(tally(out)).toEqual({ ana: 20 });
		expect(out.filter((a) => a.strategy === 'sticky')).toHaveLength(19);
	});

	it('an unavailable earlier owner: falls through to the base strategy, and the lead returns once they are back', async () => {
		const input = [
			{ id: 'ana', name: 'Ana', weight: 1 },
			{ id: 'bo', name: 'Bo', weight: 1 },
		];
		const team = validateTeam(input);
		const store = new MemoryStore({});
		const options = validateRoutingOptions({ strategy: 'sticky', baseStrategy: 'weighted' }, team);
		expect((await assignOwner(lead({ email: 'pat@acme.com' }), team, options, store, NOW)).owner?.id).toBe('ana');
		const away = validateTeam([{ ...input[0], outOfOffice: true }, input[1]]);
		const meanwhile = await assignOwner(lead({ email: 'pat@acme.com' }), away, options, store, NOW);
		expect(meanwhile.owner?.id).toBe('bo');
		expect(meanwhile.strategy).toBe('weighted');
		expect(meanwhile.reason).toBe('Sticky: email pat@acme.com belongs to Ana, but Ana is out of office → Weighted round robin: turn 2, weight 1 of 1 → Bo (Ana is out of office)');
		const back = await assignOwner(lead({ email: 'pat@acme.com' }), team, options, store, NOW);
		expect(back).toMatchObject({ strategy: 'sticky' });
		expect(back.owner?.id).toBe('ana');
	});

	it('an earlier owner at their cap: falls through; one removed from the team: re-assigned and remembered anew', async () => {
		const team = validateTeam([
			{ id: 'ana', name: 'Ana', dailyCapacity: 1 },
			{ id: 'bo', name: 'Bo' },
		]);
		const options = validateRoutingOptions({ strategy: 'sticky' }, team);
		const store = new MemoryStore({});
		await assignOwner(lead({ email: 'pat@acme.com' }), team, options, store, NOW);
		const capped = await assignOwner(lead({ email: 'pat@acme.com' }), team, options, store, NOW);
		expect(capped.owner?.id).toBe('bo');
		expect(capped.reason).toBe('Sticky: email pat@acme.com belongs to Ana, but Ana reached the daily cap of 1 → Round robin: turn 2 of 2 owners → Bo');
		const withoutAna = validateTeam([{ id: 'bo', name: 'Bo' }, { id: 'cy', name: 'Cy' }]);
		const moved = await assignOwner(lead({ email: 'pat@acme.com' }), withoutAna, validateRoutingOptions({ strategy: 'sticky' }, withoutAna), store, NOW);
		expect(moved.reason).toContain('(remembered for next time)');
		const stays = await assignOwner(lead({ email: 'pat@acme.com' }), withoutAna, validateRoutingOptions({ strategy: 'sticky' }, withoutAna), store, NOW);
		expect(stays.strategy).toBe('sticky');
		expect(stays.owner?.id).toBe(moved.owner?.id);
	});

	it('forgets after the remembered period', async () => {
		const team = threeOwners();
		const options = validateRoutingOptions({ strategy: 'sticky', stickyTtlDays: 30 }, team);
		const store = new MemoryStore({});
		await assignOwner(lead({ email: 'pat@acme.com' }), team, options, store, NOW);
		const within = await assignOwner(lead({ email: 'pat@acme.com' }), team, options, store, new Date(NOW.getTime() + 29 * 86400_000));
		expect(within.strategy).toBe('sticky');
		// each sticky hit renews the period, so count 31 days from the last one
		const later = await assignOwner(lead({ email: 'pat@acme.com' }), team, options, store, new Date(NOW.getTime() + 60 * 86400_000));
		expect(later.strategy).toBe('roundRobin');
	});

	it('a lead without email or phone uses the base strategy and says so', async () => {
		const team = threeOwners();
		const a = await assignOwner(lead(), team, validateRoutingOptions({ strategy: 'sticky', baseStrategy: 'territory' }, team), new MemoryStore({}), NOW);
		expect(a.reason).toBe('Sticky: the lead has no email address, no phone number in international form and no chat user, so nothing to match → Territory: the lead has no country, so the whole team → Round robin: turn 1 of 3 owners → Ana');
	});

	it('keeps no raw email address in the stored state', async () => {
		const team = threeOwners();
		const data: Record<string, unknown> = {};
		await assignOwner(lead({ email: 'pat@acme.com' }), team, validateRoutingOptions({ strategy: 'sticky', stickyBy: 'domain' }, team), new MemoryStore(data), NOW);
		const json = JSON.stringify(data);
		expect(json).not.toContain('acme');
		expect(json).not.toContain('pat@');
		expect(Object.keys((data.leadRouter as { sticky: object }).sticky)).toHaveLength(1);
	});
});
