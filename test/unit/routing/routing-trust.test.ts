/**
 * Routing fixes of issue 15 ("Trust") and the routing half of issue 14: overnight shifts counted
 * per working day, a bounded memory store, test runs that leave production alone, sticky owners
 * remembered after a territory overflow, routing by the lead's language and by lead.countryCode.
 * Expected owners, days and sizes are worked out by hand in the comments beside them.
 */
import {
	assignOwner,
	languageCode,
	MAX_MEMORY_STICKY_BYTES,
	MAX_MEMORY_STICKY_ENTRIES,
	MemoryStore,
	ownerDay,
	PreviewStore,
	validateRoutingOptions,
	validateTeam,
	type Assignment,
	type RoutableLead,
} from '../../../lib/routing';

function lead(extra: Partial<RoutableLead> = {}): RoutableLead {
	return { email: null, country: null, answers: {}, ...extra };
}

const ids = (assignments: Assignment[]) => assignments.map((a) => a.owner?.id ?? null);

describe('overnight shifts: capacity per working day', () => {
	// Mon–Fri 22:00–06:00 UTC; 10 March 2025 is a Monday
	const night = () => validateTeam([{ id: 'nia', name: 'Nia', dailyCapacity: 10, workingHours: { days: 'mon-fri', start: '22:00', end: '06:00', timeZone: 'UTC' } }]);

	it('the hours after midnight belong to the day the shift started', () => {
		const [nia] = night();
		expect(ownerDay(nia, new Date('2025-03-10T23:00:00Z'))).toBe('2025-03-10'); // Mon 23:00, Monday's shift
		expect(ownerDay(nia, new Date('2025-03-11T05:59:00Z'))).toBe('2025-03-10'); // Tue 05:59, still Monday's shift
		expect(ownerDay(nia, new Date('2025-03-11T06:00:00Z'))).toBe('2025-03-11'); // Tue 06:00, shift over
		expect(ownerDay(nia, new Date('2025-03-11T22:00:00Z'))).toBe('2025-03-11'); // Tue 22:00, Tuesday's shift
		// across a month end: Sat 1 March 02:00 belongs to Friday 28 February
		expect(ownerDay(nia, new Date('2025-03-01T02:00:00Z'))).toBe('2025-02-28');
		// in the owner's zone: Tehran is UTC+3:30, so 00:30 UTC on Tue 11 March is 04:00 there, Monday's shift
		const [tehran] = validateTeam([{ id: 't', workingHours: { days: 'mon-fri', start: '22:00', end: '06:00', timeZone: 'Asia/Tehran' } }]);
		expect(ownerDay(tehran, new Date('2025-03-11T00:30:00Z'))).toBe('2025-03-10');
		// a day shift keeps the calendar day
		const [day] = validateTeam([{ id: 'd', workingHours: { days: 'mon-fri', start: '09:00', end: '17:00', timeZone: 'UTC' } }]);
		expect(ownerDay(day, new Date('2025-03-11T05:00:00Z'))).toBe('2025-03-11');
	});

	it('a 22:00–06:00 owner with a cap of 10 gets 10 leads per shift, not 10 before and 10 after midnight', async () => {
		const team = night();
		const options = validateRoutingOptions({ strategy: 'roundRobin' }, team);
		const store = new MemoryStore({});
		const route = async (n: number, at: string) => {
			const out: Assignment[] = [];
			for (let i = 0; i < n; i++) out.push(await assignOwner(lead(), team, options, store, new Date(at)));
			return out;
		};
		const beforeMidnight = await route(10, '2025-03-10T23:00:00Z');
		const afterMidnight = await route(10, '2025-03-11T02:00:00Z');
		expect(ids(beforeMidnight)).toEqual(Array(10).fill('nia'));
		expect(ids(afterMidnight)).toEqual(Array(10).fill(null));
		expect(afterMidnight[0].reason).toMatch(/Nia reached the daily cap of 10/);
		expect(beforeMidnight[0].day).toBe('2025-03-10');
		// Tuesday night is a new shift with a new cap
		const nextShift = await route(1, '2025-03-11T22:30:00Z');
		expect(nextShift[0]).toMatchObject({ day: '2025-03-11', owner: { id: 'nia' } });
	});
});

describe('memory store: workflow static data stays small', () => {
	it('forgets the oldest sticky owners beyond the entry bound', async () => {
		const store = new MemoryStore({});
		// each entry: "e:<32 digits>" is 36 bytes as a JSON key, ["o",0] 7 bytes, plus ':' and ',' = 45 bytes,
		// so 5,000 of them pass the 2,000-entry bound long before the byte bound. Write 2,001 trims to
		// 1,800 (90 %), and so does every 201st write after it: 2,999 = 14 × 201 + 185 → 1,800 + 185 = 1,985 kept
		for (let i = 0; i < 5000; i++) await store.setSticky(`e:${String(i).padStart(32, '0')}`, 'o', 0, 0);
		const keys = Object.keys(store.snapshot().sticky);
		expect(MAX_MEMORY_STICKY_ENTRIES).toBe(2000);
		expect(keys).toHaveLength(1985);
		expect(keys[0]).toBe(`e:${String(5000 - 1985).padStart(32, '0')}`);
		expect(keys[1984]).toBe(`e:${String(4999).padStart(32, '0')}`);
	});

	it('forgets the oldest sticky owners beyond the byte bound, so the saved JSON stays under 128 KiB', async () => {
		const store = new MemoryStore({});
		const owner = 'x'.repeat(60);
		// each entry: 36 (key) + 66 (["<60 x>",0]) + 2 = 104 bytes, 2 + 104 n in all: entry 1,261 passes 131,072 bytes
		// and trims to 90 % (117,964 bytes: 1,134 entries); then every 127th write does: 3,739 = 29 × 127 + 56 → 1,190 kept
		for (let i = 0; i < 5000; i++) await store.setSticky(`e:${String(i).padStart(32, '0')}`, owner, 0, 0);
		const sticky = store.snapshot().sticky;
		const keys = Object.keys(sticky);
		expect(MAX_MEMORY_STICKY_BYTES).toBe(131_072);
		expect(keys).toHaveLength(1190);
		expect(keys[0]).toBe(`e:${String(5000 - 1190).padStart(32, '0')}`);
		expect(Buffer.byteLength(JSON.stringify(sticky))).toBe(2 + 1190 * 104 - 1);
	});

	it('a returning lead refreshes its entry, and expired entries go before live ones', async () => {
		const store = new MemoryStore({});
		const key = (i: number) => `e:${String(i).padStart(32, '0')}`;
		await store.setSticky('e:kept', 'ana', 0, 0);
		for (let i = 0; i < 999; i++) await store.setSticky(key(i), 'o', 0, 0);
		await store.setSticky('e:expiring', 'bo', 1, 0); // expires at 1,000 ms
		for (let i = 999; i < 1998; i++) await store.setSticky(key(i), 'o', 0, 0);
		// 2,000 entries; the returning lead moves to the newest place
		await store.setSticky('e:kept', 'ana', 0, 0);
		// entry 2,001 at t = 5 s trims to 1,800: the expired one goes first, then the 200 oldest (keys 0–199)
		await store.setSticky(key(1998), 'o', 0, 5000);
		const keys = Object.keys(store.snapshot().sticky);
		expect(keys).toHaveLength(1800);
		expect(keys).not.toContain('e:expiring');
		expect(keys).not.toContain(key(199));
		expect(keys[0]).toBe(key(200));
		expect(await store.getSticky('e:kept', 5000)).toBe('ana');
	});

	it('20,000 sticky leads with email owner ids keep the whole saved state under 136 KiB', async () => {
		const team = validateTeam([
			{ name: 'Ana', email: 'ana.kowalska@sprzedaz.example.pl' },
			{ name: 'Bo', email: 'bo.yilmaz@satis.example.com.tr' },
		]);
		const options = validateRoutingOptions({ strategy: 'sticky' }, team);
		const data: Record<string, unknown> = {};
		const store = new MemoryStore(data);
		for (let i = 0; i < 20_000; i++) await assignOwner(lead({ email: `buyer${i}@client${i}.example` }), team, options, store, new Date('2025-03-12T14:00:00Z'));
		const saved = Buffer.byteLength(JSON.stringify(data));
		// the sticky bound (128 KiB) plus rotation and day counts of a two-person team
		expect(saved).toBeLessThan(136 * 1024);
	});
});

describe('test runs: PreviewStore reads the live state and writes to a copy', () => {
	const team = () =>
		validateTeam([
			{ id: 'ana', name: 'Ana' },
			{ id: 'bo', name: 'Bo' },
			{ id: 'cy', name: 'Cy', dailyCapacity: 1 },
		]);
	const NOW = new Date('2025-03-12T14:00:00Z');

	it('continues the production rotation, skips owners full in production, remembers nothing', async () => {
		const owners = team();
		const options = validateRoutingOptions({ strategy: 'sticky' }, owners);
		const live = new MemoryStore({});
		// production: turns 1–3 go Ana, Bo, Cy; Cy is now at her cap of 1
		for (const email of ['p1@a.example', 'p2@b.example', 'p3@c.example']) await assignOwner(lead({ email }), owners, options, live, NOW);
		const before = JSON.stringify(live.snapshot());

		const preview = new PreviewStore(live);
		const test = [];
		for (const email of ['t1@x.example', 'p2@b.example', 't2@y.example', 't3@z.example']) test.push(await assignOwner(lead({ email }), owners, options, preview, NOW));
		// t1: turn 4 → Ana; p2 returns to Bo (sticky from production); t2: turn 5 → Bo; t3: Cy is full → turn 6 Ana
		expect(ids(test)).toEqual(['ana', 'bo', 'bo', 'ana']);
		expect(test.map((a) => a.turn)).toEqual([4, null, 5, 6]);
		expect(test[1].strategy).toBe('sticky');
		expect(test[3].reason).toMatch(/Cy reached the daily cap of 1/);
		// within the test run, its own new sticky owners hold
		expect((await assignOwner(lead({ email: 't1@x.example' }), owners, options, preview, NOW)).owner?.id).toBe('ana');

		expect(JSON.stringify(live.snapshot())).toBe(before);
		// production carries on where it was: turn 4 → Ana, and t1 is unknown there
		const next = await assignOwner(lead({ email: 't1@x.example' }), owners, options, live, NOW);
		expect(next).toMatchObject({ turn: 4, owner: { id: 'ana' } });
		expect(next.reason).toMatch(/^Sticky: first lead from email t1@x\.example/);
	});
});

describe('territory overflow remembers the sticky owner', () => {
	it('a lead that overflowed to the whole team returns to the owner it got there', async () => {
		const owners = validateTeam([
			{ id: 'dee', name: 'Dee', territories: 'DE', outOfOffice: true },
			{ id: 'ana', name: 'Ana' },
			{ id: 'bo', name: 'Bo' },
		]);
		const options = validateRoutingOptions({ strategy: 'sticky', baseStrategy: 'territory' }, owners);
		const store = new MemoryStore({});
		const NOW = new Date('2025-03-12T14:00:00Z');
		// Dee (DE) is away, so the whole team: turn 1 skips Dee → Ana, remembered
		const first = await assignOwner(lead({ email: 'kim@firma.example', country: 'DE' }), owners, options, store, NOW);
		expect(first.owner?.id).toBe('ana');
		expect(first.reason).toMatch(/so the whole team → Round robin: turn 1 of 3 owners → Ana \(Dee is out of office\) \(remembered for next time\)$/);
		// another German lead takes turn 2 → Bo
		expect((await assignOwner(lead({ email: 'lu@andere.example', country: 'DE' }), owners, options, store, NOW)).owner?.id).toBe('bo');
		// Kim returns while Dee is still away: back to Ana, not the next turn (Dee skipped, Ana)
		const again = await assignOwner(lead({ email: 'kim@firma.example', country: 'DE' }), owners, options, store, NOW);
		expect(again).toMatchObject({ strategy: 'sticky', owner: { id: 'ana' } });
	});
});

describe('language of the lead', () => {
	it('reads codes and names in our markets’ languages', () => {
		// ISO 639-1 codes, written as people write them
		const cases: Array<[string, string | null]> = [
			['fa', 'fa'],
			['FA-ir', 'fa'],
			['fas', 'fa'],
			['Persian', 'fa'],
			['Farsi', 'fa'],
			['فارسی', 'fa'],
			['Farsça', 'fa'],
			['العربية', 'ar'],
			['اللغة العربية', 'ar'],
			['عربی', 'ar'],
			['Arabic', 'ar'],
			['polski', 'pl'],
			['język polski', 'pl'],
			['POLISH', 'pl'],
			['Türkçe', 'tr'],
			['TÜRKÇE', 'tr'],
			['Turkish', 'tr'],
			['ไทย', 'th'],
			['ภาษาไทย', 'th'],
			['Thai', 'th'],
			['English', 'en'],
			['en-GB', 'en'],
			['Deutsch', 'de'],
			['Klingon', null],
			['xx', null],
			['', null],
		];
		for (const [written, code] of cases) expect([written, languageCode(written)]).toEqual([written, code]);
	});

	it('a member writes languages as codes or names; unknown ones are an error naming the member', () => {
		const [ana] = validateTeam([{ id: 'ana', languages: 'Persian, فارسی, fa, English' }]);
		expect(ana.languages).toEqual(['fa', 'en']);
		expect(() => validateTeam([{ id: 'ana', name: 'Ana', languages: 'fa, Elvish' }])).toThrow(/Team member 1 \(Ana\): unknown language "Elvish"/);
	});

	const team = () =>
		validateTeam([
			{ id: 'ana', name: 'Ana', languages: 'en' },
			{ id: 'reza', name: 'Reza', languages: 'Persian, فارسی, fa' },
			{ id: 'bo', name: 'Bo', languages: 'en, pl' },
			{ id: 'sara', name: 'Sara', languages: ['fa', 'العربية'] },
		]);
	const NOW = new Date('2025-03-12T14:00:00Z');

	it('only speakers of the lead’s language, in their own rotation; the others take the rest', async () => {
		const owners = team();
		const options = validateRoutingOptions({ strategy: 'roundRobin' }, owners);
		const store = new MemoryStore({});
		const out: Assignment[] = [];
		for (const language of ['fa', 'fa', 'fa', 'ar', 'pl', null, null]) out.push(await assignOwner(lead({ language }), owners, options, store, NOW));
		// fa: Reza, Sara, Reza; ar: only Sara; pl: only Bo; no language: the whole team's rotation from the start, Ana, Reza
		expect(ids(out)).toEqual(['reza', 'sara', 'reza', 'sara', 'bo', 'ana', 'reza']);
		expect(out[0].reason).toBe('Language fa (Persian): Reza, Sara speak it → Round robin: turn 1 of 2 owners → Reza');
		expect(out.map((a) => [a.language, a.languageMatch])).toEqual([
			['fa', true],
			['fa', true],
			['fa', true],
			['ar', true],
			['pl', true],
			[null, null],
			[null, null],
		]);
	});

	it('nobody who speaks it can take the lead: the whole team, and the output says so', async () => {
		const owners = validateTeam([
			{ id: 'ana', name: 'Ana', languages: 'en' },
			{ id: 'reza', name: 'Reza', languages: 'fa', outOfOffice: true },
		]);
		const options = validateRoutingOptions({ strategy: 'roundRobin' }, owners);
		const store = new MemoryStore({});
		const away = await assignOwner(lead({ language: 'fa' }), owners, options, store, NOW);
		expect(away).toMatchObject({ owner: { id: 'ana' }, language: 'fa', languageMatch: false });
		// the whole team's rotation starts with Ana, so Reza is not looked at again
		expect(away.reason).toBe(
			'Language fa (Persian): Reza speaks it, but nobody of them is available (Reza is out of office), so the whole team → Round robin: turn 1 of 2 owners → Ana',
		);
		const thai = await assignOwner(lead({ language: 'th' }), owners, options, store, NOW);
		expect(thai.reason).toMatch(/^Language th \(Thai\): nobody on the team speaks it, so the whole team → /);
		expect(thai.languageMatch).toBe(false);
	});

	it('with territory: the speakers first, then their territories', async () => {
		const owners = validateTeam([
			{ id: 'ana', name: 'Ana', languages: 'en', territories: 'IR' },
			{ id: 'reza', name: 'Reza', languages: 'fa', territories: 'IR' },
			{ id: 'sara', name: 'Sara', languages: 'fa', territories: 'AE' },
		]);
		const options = validateRoutingOptions({ strategy: 'territory' }, owners);
		const a = await assignOwner(lead({ language: 'fa', countryCode: 'IR' }), owners, options, new MemoryStore({}), NOW);
		expect(a.owner?.id).toBe('reza');
		expect(a.reason).toBe('Language fa (Persian): Reza, Sara speak it → Territory: country IR → Reza → Round robin: turn 1 of 1 owner → Reza');
	});
});

describe('territory by lead.countryCode', () => {
	const owners = () =>
		validateTeam([
			{ id: 'pl', name: 'Piotr', territories: 'Polska' },
			{ id: 'ir', name: 'Reza', territories: 'ایران' },
			{ id: 'tr', name: 'Deniz', territories: 'Türkiye' },
			{ id: 'th', name: 'Somchai', territories: 'ประเทศไทย' },
		]);
	const NOW = new Date('2025-03-12T14:00:00Z');

	it('member territories may be country names in our markets’ languages', () => {
		expect(owners().map((o) => o.territories)).toEqual([['PL'], ['IR'], ['TR'], ['TH']]);
	});

	it('the country code wins over the country as written; without a code the written country counts', async () => {
		const team = owners();
		const options = validateRoutingOptions({ strategy: 'territory' }, team);
		const store = new MemoryStore({});
		const route = async (extra: Partial<RoutableLead>) => (await assignOwner(lead(extra), team, options, store, NOW)).owner?.id;
		expect(await route({ countryCode: 'TR', country: 'İzmir, somewhere' })).toBe('tr');
		expect(await route({ countryCode: 'PL', country: null })).toBe('pl');
		expect(await route({ country: 'إيران' })).toBe('ir');
		expect(await route({ country: 'ไทย' })).toBe('th');
		const rules = validateRoutingOptions({ strategy: 'territory', territoryRules: [{ field: 'country', value: 'MIDDLE_EAST', ownerIds: ['ir'] }] }, team);
		expect((await assignOwner(lead({ countryCode: 'TR', country: '?' }), team, rules, new MemoryStore({}), NOW)).reason).toMatch(/^Territory: rule 1/);
	});
});

describe('the node says what it does', () => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { leadRouterProperties } = require('../../../nodes/LeadRouter/description') as typeof import('../../../nodes/LeadRouter/description');
	const option = (name: string) => {
		const options = leadRouterProperties.find((p) => p.name === 'options')?.options as Array<{ name: string; description?: string }>;
		return options.find((o) => o.name === name)?.description ?? '';
	};

	it('Key Prefix: no promise of a shared rotation by prefix (the workflow id is part of every key)', () => {
		expect(option('keyPrefix')).not.toMatch(/same prefix and name to share/);
		expect(option('keyPrefix')).toMatch(/then the workflow ID and node name/);
		expect(option('keyPrefix')).toMatch(/To share a rotation across workflows, use Share Rotation Across Workflows/);
	});

	it('the notice tells that test runs change nothing', () => {
		expect(String(leadRouterProperties.find((p) => p.name === 'notice')?.displayName)).toMatch(/Test runs from the editor .* change no turns, counts or sticky owners/);
	});
});
