/**
 * Issue 18 operations in lib/routing: respondBy in working minutes, re-assignment (never an owner
 * who had the lead, escalation, every owner tried), turns given back once, signed routing objects,
 * phone-sticky leads, team status. Expected owners, counts and instants are worked out by hand in
 * the comments beside them.
 */
import {
	assignOwner,
	leadKeyForLookup,
	leadKeyOf,
	MAX_MEMORY_DONE_BYTES,
	MAX_MEMORY_DONE_ENTRIES,
	MemoryStore,
	presenceChange,
	readRoutingRecord,
	reassignOnceKey,
	redactLead,
	respondBy,
	runOnce,
	signRouting,
	teamStatus,
	validateRoutingOptions,
	validateTeam,
	type Assignment,
	type RoutableLead,
	type RoutingRecord,
} from '../../../lib/routing';

const NOW = new Date('2025-03-12T10:00:00Z'); // a Wednesday
const lead = (extra: Partial<RoutableLead> = {}): RoutableLead => ({ email: null, country: null, answers: {}, ...extra });
const three = () => validateTeam([{ id: 'ana', name: 'Ana' }, { id: 'ben', name: 'Ben' }, { id: 'cara', name: 'Cara' }]);

describe('respondBy: the SLA counts only the owner’s working minutes', () => {
	// Berlin is UTC+1 until 30 March 2025
	const [berlin] = validateTeam([{ id: 'b', workingHours: { days: 'mon-fri', start: '09:00', end: '17:00', timeZone: 'Europe/Berlin' } }]);

	it('inside a shift: plain minutes', () => {
		// Wed 11:00 Berlin + 15 min = 11:15 Berlin = 10:15Z
		expect(respondBy(berlin, NOW, 15).toISOString()).toBe('2025-03-12T10:15:00.000Z');
	});

	it('across the weekend: 10 minutes on Friday, 20 on Monday', () => {
		// Fri 14 March 16:50 Berlin (15:50Z) + 30 working minutes: 10 until 17:00, then Mon 17 March 09:00 + 20 = 09:20 Berlin = 08:20Z
		expect(respondBy(berlin, new Date('2025-03-14T15:50:00Z'), 30).toISOString()).toBe('2025-03-17T08:20:00.000Z');
	});

	it('outside working hours the clock starts at the next shift; seconds and fractions of a minute are kept', () => {
		// Sat 15 March 12:00Z → Mon 09:00 Berlin (08:00Z) + 5 min
		expect(respondBy(berlin, new Date('2025-03-15T12:00:00Z'), 5).toISOString()).toBe('2025-03-17T08:05:00.000Z');
		// Wed 10:00:30Z + 0.25 min (15 s) = 10:00:45Z
		expect(respondBy(berlin, new Date('2025-03-12T10:00:30Z'), 0.25).toISOString()).toBe('2025-03-12T10:00:45.000Z');
	});

	it('a shift past midnight and the owner’s own zone', () => {
		const [night] = validateTeam([{ id: 'n', workingHours: { days: 'mon-fri', start: '22:00', end: '06:00', timeZone: 'UTC' } }]);
		// Tue 05:50Z (Monday's shift): 10 minutes to 06:00, then Tue 22:00 + 20 = 22:20Z
		expect(respondBy(night, new Date('2025-03-11T05:50:00Z'), 30).toISOString()).toBe('2025-03-11T22:20:00.000Z');
		// Tehran (UTC+3:30) Sat–Wed 08:00–16:00: Wed 12 March 12:00Z is 15:30 there: 30 min to 16:00, then Thursday is off,
		// Friday too, so Sat 15 March 08:00 + 30 = 08:30 Tehran = 05:00Z
		const [tehran] = validateTeam([{ id: 't', workingHours: { days: 'sat-wed', start: '08:00', end: '16:00', timeZone: 'Asia/Tehran' } }]);
		expect(respondBy(tehran, new Date('2025-03-12T12:00:00Z'), 60).toISOString()).toBe('2025-03-15T05:00:00.000Z');
	});

	it('without working hours: wall-clock minutes', () => {
		const [always] = validateTeam([{ id: 'a' }]);
		expect(respondBy(always, NOW, 90).toISOString()).toBe('2025-03-12T11:30:00.000Z');
	});

	it('presenceChange: until the end of the shift, or from the next start', () => {
		expect(presenceChange(berlin, NOW)).toEqual({ availableNow: true, until: new Date('2025-03-12T16:00:00Z'), from: null });
		expect(presenceChange(berlin, new Date('2025-03-15T12:00:00Z'))).toEqual({ availableNow: false, until: null, from: new Date('2025-03-17T08:00:00Z') });
	});
});

describe('re-assignment', () => {
	it('never an owner who already had the lead; the skip says why', async () => {
		const team = three();
		const options = validateRoutingOptions({ strategy: 'roundRobin' }, team);
		const store = new MemoryStore({});
		const first = await assignOwner(lead(), team, options, store, NOW); // turn 1 → Ana
		expect(first.owner?.id).toBe('ana');
		// the rotation's next is Ben; Ben already had it too, so Cara
		const again = await assignOwner(lead(), team, options, store, NOW, { exclude: new Set(['ana', 'ben']) });
		expect(again.owner?.id).toBe('cara');
		expect(again.skipped).toEqual([{ id: 'ben', name: 'Ben', code: 'alreadyHad', reason: 'Ben already had this lead' }]);
	});

	it('every owner tried → the stated fallback owner; the fallback owner tried too → stays with them, exhausted', async () => {
		const team = validateTeam([{ id: 'ana', name: 'Ana' }, { id: 'ben', name: 'Ben' }, { id: 'max', name: 'Max' }]);
		const options = validateRoutingOptions({ strategy: 'roundRobin', fallbackOwner: 'max' }, team);
		const store = new MemoryStore({});
		const all = await assignOwner(lead(), team, options, store, NOW, { exclude: new Set(['ana', 'ben']) });
		// Max is on the team and has not had it: the rotation gives it to him
		expect(all.owner?.id).toBe('max');
		const none = await assignOwner(lead(), team, options, store, NOW, { exclude: new Set(['ana', 'ben', 'max']) });
		expect(none.owner?.id).toBe('max');
		expect(none.exhausted).toBe(true);
		expect(none.reason).toMatch(/Ana already had this lead.*the fallback owner Max already had this lead, so it stays with them/);
		const outside = validateRoutingOptions({ strategy: 'roundRobin', fallbackOwner: { email: 'boss@sales.example', id: 'boss', name: 'Boss' } }, validateTeam([{ id: 'ana' }]));
		const toBoss = await assignOwner(lead(), validateTeam([{ id: 'ana' }]), outside, store, NOW, { exclude: new Set(['ana']) });
		expect(toBoss).toMatchObject({ owner: { id: 'boss' }, fallback: true });
		const noFallback = await assignOwner(lead(), team, validateRoutingOptions({ strategy: 'roundRobin' }, team), store, NOW, { exclude: new Set(['ana', 'ben', 'max']) });
		expect(noFallback.owner).toBeNull();
		expect(noFallback.reason).toMatch(/no fallback owner is set, so the lead stays unassigned/);
	});

	it('escalation goes straight to the fallback owner without using a turn', async () => {
		const team = three();
		const options = validateRoutingOptions({ strategy: 'roundRobin', fallbackOwner: 'cara' }, team);
		const store = new MemoryStore({});
		const escalated = await assignOwner(lead(), team, options, store, NOW, { exclude: new Set(['ana']), escalate: 'Hop 2 of 2: escalated' });
		expect(escalated).toMatchObject({ owner: { id: 'cara' }, fallback: true, escalated: true, turn: null });
		expect(escalated.reason).toBe('Hop 2 of 2: escalated → Escalated → fallback owner Cara');
		// the rotation did not move: the next lead is turn 1 → Ana
		expect((await assignOwner(lead(), team, options, store, NOW)).turn).toBe(1);
	});
});

describe('turns given back', () => {
	it('the owner gets the next lead of their pool ahead of the rotation, once per key; the rotation keeps its place', async () => {
		const team = three();
		const options = validateRoutingOptions({ strategy: 'roundRobin' }, team);
		const data: Record<string, unknown> = {};
		const store = new MemoryStore(data);
		const route = async (n: number) => {
			const out: Assignment[] = [];
			for (let i = 0; i < n; i++) out.push(await assignOwner(lead(), team, options, store, NOW));
			return out.map((a) => a.owner?.id);
		};
		expect(await route(3)).toEqual(['ana', 'ben', 'cara']);
		const day = '2025-03-12';
		expect(await store.giveBack({ ownerId: 'ana', day, capacity: true, turn: true, onceKey: 'ret:a1', onceTtlSeconds: 3600 })).toBe(true);
		expect(await store.giveBack({ ownerId: 'ana', day, capacity: true, turn: true, onceKey: 'ret:a1', onceTtlSeconds: 3600 })).toBe(false);
		expect(await store.getDailyCount('ana', day)).toBe(0);
		// lead 4: Ana's owed turn; lead 5: the rotation after Cara is Ana again; then Ben, Cara
		expect(await route(4)).toEqual(['ana', 'ana', 'ben', 'cara']);
		expect(await store.getDailyCount('ana', day)).toBe(2);
	});

	it('an owed turn waits while its owner is away or full', async () => {
		const team = validateTeam([{ id: 'ana', name: 'Ana', dailyCapacity: 1 }, { id: 'ben', name: 'Ben' }]);
		const options = validateRoutingOptions({ strategy: 'roundRobin' }, team);
		const store = new MemoryStore({});
		expect((await assignOwner(lead(), team, options, store, NOW)).owner?.id).toBe('ana');
		await store.giveBack({ ownerId: 'ana', day: '2025-03-12', capacity: false, turn: true, onceKey: 'x', onceTtlSeconds: 60 });
		// Ana is at her cap of 1 (capacity was not given back), so Ben; the turn stays owed
		expect((await assignOwner(lead(), team, options, store, NOW)).owner?.id).toBe('ben');
		const status = await teamStatus(team, options, store, NOW);
		expect(status.owners.map((o) => [o.id, o.leadsToday, o.capacityLeft, o.owedTurns, o.availableNow])).toEqual([
			['ana', 1, 0, 1, false],
			['ben', 1, null, 0, true],
		]);
	});
});

describe('a Reassign happens once per routing object (runOnce)', () => {
	const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
	const reassignOnce = (store: MemoryStore, team: ReturnType<typeof three>, options: ReturnType<typeof validateRoutingOptions>, key: string, had: string[], calls: { work: number }) =>
		runOnce(
			store,
			key,
			async () => {
				calls.work += 1;
				return await assignOwner(lead(), team, options, store, NOW, { exclude: new Set(had) });
			},
			(assignment) => JSON.stringify({ o: assignment.owner?.id ?? null }),
			{ ttlSeconds: 3600, wait, pollMs: 1 },
		);

	it('the key is the routing object: its assignment and hop', () => {
		expect(reassignOnceKey({ assignmentId: 'abc-1', ownerId: 'ana', assignedAt: '', hops: 2, previousOwners: [], leadId: null, exhausted: false })).toBe('re:abc-1:2');
	});

	it('a second Reassign of the same object, in turn or at the same time, repeats the first one’s owner and moves no turn or count', async () => {
		const team = three();
		const options = validateRoutingOptions({ strategy: 'roundRobin' }, team);
		const store = new MemoryStore({});
		// leads 1–3: Ana, Ben, Cara (turns 1–3)
		for (let i = 0; i < 3; i++) await assignOwner(lead(), team, options, store, NOW);
		const calls = { work: 0 };
		// Ana's lead reassigned: turn 4 would be Ana, who had it → Ben
		const first = await reassignOnce(store, team, options, 're:a1:0', ['ana'], calls);
		expect(first).toMatchObject({ repeated: false, value: { owner: { id: 'ben' } } });
		const again = await reassignOnce(store, team, options, 're:a1:0', ['ana'], calls);
		expect(again).toEqual({ repeated: true, saved: '{"o":"ben"}' });
		// Ben's lead (a2) reassigned by two executions at the same time: the rotation is after Ben → Cara, once
		const [x, y] = await Promise.all([reassignOnce(store, team, options, 're:a2:0', ['ben'], calls), reassignOnce(store, team, options, 're:a2:0', ['ben'], calls)]);
		expect([x.repeated, y.repeated].sort()).toEqual([false, true]);
		expect(x.repeated ? x.saved : JSON.stringify({ o: x.value.owner?.id })).toBe('{"o":"cara"}');
		expect(y.repeated ? y.saved : JSON.stringify({ o: y.value.owner?.id })).toBe('{"o":"cara"}');
		expect(calls.work).toBe(2);
		// counts by hand: Ana 1, Ben 1 + 1, Cara 1 + 1 = 5 leads for 3 leads and 2 moves (twice as many calls would be 7)
		const counts = await Promise.all(['ana', 'ben', 'cara'].map((id) => store.getDailyCount(id, '2025-03-12')));
		expect(counts).toEqual([1, 2, 2]);
		// the rotation moved twice (turns 4 and 5): the next lead is turn 6, after Cara → Ana
		expect(await assignOwner(lead(), team, options, store, NOW)).toMatchObject({ owner: { id: 'ana' }, turn: 6 });
	});

	it('work that fails releases the claim: the retry does the Reassign, it is not taken for a repeat', async () => {
		const store = new MemoryStore({});
		const failing = runOnce(store, 're:b:0', async () => Promise.reject(new Error('Redis went away')), String, { ttlSeconds: 60, wait });
		await expect(failing).rejects.toThrow('Redis went away');
		expect(await runOnce(store, 're:b:0', async () => 'ben', String, { ttlSeconds: 60, wait })).toEqual({ repeated: false, value: 'ben' });
		expect(await runOnce(store, 're:b:0', async () => 'cara', String, { ttlSeconds: 60, wait })).toEqual({ repeated: true, saved: 'ben' });
	});

	it('a claim whose execution died lapses; until then a repeat waits, then does the work', async () => {
		const store = new MemoryStore({});
		expect(await store.claimOnce('re:c:0', 0.05)).toEqual({ state: 'claimed' });
		expect(await store.claimOnce('re:c:0', 0.05)).toEqual({ state: 'running' });
		// the claim lasts 50 ms; the caller polls every 5 ms until it lapses and claims it itself
		expect(await runOnce(store, 're:c:0', async () => 'dan', String, { ttlSeconds: 60, wait, runningTtlSeconds: 0.05, pollMs: 5 })).toEqual({ repeated: false, value: 'dan' });
	});

	it('the memory store keeps at most 2,000 results and 128 KiB of them, the oldest forgotten first', async () => {
		expect([MAX_MEMORY_DONE_ENTRIES, MAX_MEMORY_DONE_BYTES]).toEqual([2000, 131072]);
		const store = new MemoryStore({});
		// 2,500 small results: beyond 2,000 entries the store trims to 90 % (1,800) and goes on
		for (let i = 0; i < 2500; i++) await runOnce(store, `re:s${i}:0`, async () => 'x', String, { ttlSeconds: 3600, wait });
		let done = store.snapshot().done ?? {};
		expect(Object.keys(done).length).toBeLessThanOrEqual(2000);
		expect(Object.keys(done)).toContain('re:s2499:0');
		expect(Object.keys(done)).not.toContain('re:s0:0');
		// 1 KiB results: about 128 of them fit in 128 KiB
		for (let i = 0; i < 300; i++) await runOnce(store, `re:b${i}:0`, async () => 'y'.repeat(1024), String, { ttlSeconds: 3600, wait });
		done = store.snapshot().done ?? {};
		expect(Buffer.byteLength(JSON.stringify(done))).toBeLessThanOrEqual(128 * 1024);
		expect(Object.keys(done)).toContain('re:b299:0');
		// the newest is still a repeat; the oldest was forgotten, so it runs again (the stated limit of the memory store)
		expect((await runOnce(store, 're:b299:0', async () => 'z', String, { ttlSeconds: 3600, wait })).repeated).toBe(true);
		expect((await runOnce(store, 're:b0:0', async () => 'z', String, { ttlSeconds: 3600, wait })).repeated).toBe(false);
	});
});

describe('signed routing objects', () => {
	const record: RoutingRecord = { assignmentId: 'a-1', ownerId: 'ana', assignedAt: '2025-03-12T10:00:00.000Z', hops: 0, previousOwners: [], leadId: 'e:0123456789abcdef0123456789abcdef', exhausted: false };
	const secret = 'a'.repeat(64);
	const routing = () => ({ assignmentId: record.assignmentId, owner: { id: 'ana', name: 'Ana' }, assignedAt: record.assignedAt, hops: 0, previousOwners: [], leadId: record.leadId, signature: signRouting(secret, record) });

	it('accepts its own, refuses another router’s, a changed owner, changed hops, a missing signature', () => {
		expect(readRoutingRecord(routing(), secret)).toEqual(record);
		expect(() => readRoutingRecord(routing(), 'b'.repeat(64))).toThrow(/does not match/);
		expect(() => readRoutingRecord({ ...routing(), owner: { id: 'ben' } }, secret)).toThrow(/does not match/);
		expect(() => readRoutingRecord({ ...routing(), hops: 5 }, secret)).toThrow(/does not match/);
		expect(() => readRoutingRecord({ ...routing(), previousOwners: ['ben', 'cara'] }, secret)).toThrow(/does not match/);
		expect(() => readRoutingRecord({ ...routing(), signature: undefined }, secret)).toThrow(/signature is missing/);
		expect(() => readRoutingRecord(undefined, secret)).toThrow(/no routing object/);
		expect(() => readRoutingRecord({ ...routing(), hops: -1 }, secret)).toThrow(/routing.hops/);
	});

	it('the signature is HMAC-SHA256 over the record, as any HMAC implementation computes it', () => {
		// openssl: printf '%s' '["v1","a-1","ana","2025-03-12T10:00:00.000Z",0,[],"e:0123456789abcdef0123456789abcdef",false]' | openssl dgst -sha256 -hmac aaaa…(64)
		expect(signRouting(secret, record)).toBe(OPENSSL_SIGNATURE);
	});
});

// the first 32 hex digits of the openssl output
const OPENSSL_SIGNATURE = '455cccdabefca70ecd164880da04a240';

describe('leads without an email are sticky by phone', () => {
	it('the same number typed locally with its country, or internationally, goes to the same owner', async () => {
		const team = three();
		const options = validateRoutingOptions({ strategy: 'sticky' }, team);
		const store = new MemoryStore({});
		const first = await assignOwner(lead({ phone: '+48 600 700 800' }), team, options, store, NOW);
		expect(first.owner?.id).toBe('ana');
		expect(first.reason).toMatch(/Sticky: first lead from phone \+48600700800 \(no email\)/);
		await assignOwner(lead({ phone: '+90 532 123 45 67' }), team, options, store, NOW); // Ben
		const again = await assignOwner(lead({ phone: '600 700 800', countryCode: 'PL' }), team, options, store, NOW);
		expect(again).toMatchObject({ owner: { id: 'ana' }, strategy: 'sticky' });
		// Persian digits and a local Iranian number with its country
		const iran = await assignOwner(lead({ phone: '۰۹۱۲ ۳۴۵ ۶۷۸۹', countryCode: 'IR' }), team, options, store, NOW);
		const iranAgain = await assignOwner(lead({ phone: '+989123456789' }), team, options, store, NOW);
		expect(iranAgain.owner?.id).toBe(iran.owner?.id);
		expect(iranAgain.strategy).toBe('sticky');
	});

	it('a local number without a country is not certain: no sticky key', async () => {
		expect(leadKeyOf(lead({ phone: '0912 345 6789' }))).toBeNull();
		expect(leadKeyOf(lead({ phone: '+989123456789' }))).toMatch(/^p:[0-9a-f]{32}$/);
		expect(leadKeyOf(lead({ email: 'Pat@Acme.com', phone: '+989123456789' }))).toBe(leadKeyOf(lead({ email: 'pat@acme.com' })));
		expect(leadKeyForLookup('pat@acme.com')).toBe(leadKeyOf(lead({ email: 'pat@acme.com' })));
		expect(leadKeyForLookup('+98 912 345 6789')).toBe(leadKeyOf(lead({ phone: '+989123456789' })));
	});

	it('the audit reason keeps neither the email nor the phone', () => {
		expect(redactLead('Sticky: email pat@acme.com went to Ana; phone +989123456789', ['PAT@acme.com', '+989123456789'])).toBe('Sticky: email [email] went to Ana; phone [phone]');
		// a Telegram user id is all digits: the caller says it is a chat user, not a phone
		expect(redactLead('Telegram user 5123456789 went to Ana', [null, { value: '5123456789', mask: '[chat user]' }])).toBe('Telegram user [chat user] went to Ana');
	});
});

describe('chat leads without an email or a phone are sticky by their chat user', () => {
	const chat = (channel: string, userId: string) => ({ channel, userId, handle: null, businessId: 'biz-1', conversationId: `${channel}:biz-1:${userId}`, firstMessageAt: null, lastMessageAt: null, messages: [] });

	it('under round robin too, a conversation keeps its owner message after message; form leads still take turns', async () => {
		const team = three();
		const options = validateRoutingOptions({ strategy: 'roundRobin' }, team);
		const store = new MemoryStore({});
		// turns by hand: WhatsApp +98 → Ana, Telegram user → Ben, a form lead → Cara, the same form person again → Ana
		const whatsapp = { ...chat('whatsapp', '989121234567'), conversationId: 'whatsapp:biz-1:989121234567:2026-12-01T08:00:00.000Z' };
		const first = await assignOwner(lead({ phone: '+989121234567', chat: whatsapp }), team, options, store, NOW);
		expect(first).toMatchObject({ owner: { id: 'ana' }, strategy: 'roundRobin' });
		expect((await assignOwner(lead({ chat: chat('telegram', '5123456789') }), team, options, store, NOW)).owner?.id).toBe('ben');
		expect((await assignOwner(lead({ email: 'pat@acme.com' }), team, options, store, NOW)).owner?.id).toBe('cara');
		expect((await assignOwner(lead({ email: 'pat@acme.com' }), team, options, store, NOW)).owner?.id).toBe('ana');
		for (let message = 2; message <= 5; message++) {
			const again = await assignOwner(lead({ phone: '+989121234567', chat: whatsapp }), team, options, store, NOW);
			expect(again).toMatchObject({ owner: { id: 'ana' }, strategy: 'sticky' });
			expect(again.reason).toBe('Sticky: phone +989121234567 (no email) went to Ana before → Ana');
		}
		const telegramAgain = await assignOwner(lead({ chat: chat('telegram', '5123456789') }), team, options, store, NOW);
		expect(telegramAgain).toMatchObject({ owner: { id: 'ben' }, strategy: 'sticky' });
		// the rotation was not moved by the repeats: the next new person is Ben's turn
		expect((await assignOwner(lead({ chat: chat('line', 'U0000000000000000000000000000000a') }), team, options, store, NOW)).owner?.id).toBe('ben');
	});

	it('the same Telegram user keeps the owner the first message gave; other users take their turn', async () => {
		const team = three();
		const options = validateRoutingOptions({ strategy: 'sticky' }, team);
		const store = new MemoryStore({});
		// round robin underneath: Ana, Ben, Cara, then Ana again
		const first = await assignOwner(lead({ chat: chat('telegram', '5123456789') }), team, options, store, NOW);
		expect(first).toMatchObject({ owner: { id: 'ana' }, strategy: 'roundRobin' });
		expect(first.reason).toMatch(/^Sticky: first lead from Telegram user \(no email\) → /);
		expect(first.reason).not.toContain('5123456789');
		const line = await assignOwner(lead({ chat: chat('line', 'U4af4980629aaaaaaaaaaaaaaaaaaaaaa') }), team, options, store, NOW);
		expect(line.owner?.id).toBe('ben');
		const other = await assignOwner(lead({ chat: chat('telegram', '5123456790') }), team, options, store, NOW);
		expect(other.owner?.id).toBe('cara');
		// the first person writes again (another conversation id, a handle now): still Ana, and no turn used
		const again = await assignOwner(lead({ chat: { ...chat('telegram', '5123456789'), handle: '@somchai', conversationId: 'telegram:biz-1:5123456789:2025-03-12T09:00:00Z' } }), team, options, store, NOW);
		expect(again).toMatchObject({ owner: { id: 'ana' }, strategy: 'sticky' });
		expect(again.reason).toBe('Sticky: Telegram user (no email) went to Ana before → Ana');
		const next = await assignOwner(lead({ chat: chat('instagram', '1254459154682919') }), team, options, store, NOW);
		expect(next.owner?.id).toBe('ana');
		const lineAgain = await assignOwner(lead({ chat: chat('line', 'U4af4980629aaaaaaaaaaaaaaaaaaaaaa') }), team, options, store, NOW);
		expect(lineAgain).toMatchObject({ owner: { id: 'ben' }, strategy: 'sticky' });
	});

	it('a WhatsApp lead has a phone: it stays with its owner by the number, also when the person later fills in a form', async () => {
		const team = three();
		const options = validateRoutingOptions({ strategy: 'sticky' }, team);
		const store = new MemoryStore({});
		const whatsapp = (text: string) => lead({ phone: '+971501234567', chat: { ...chat('whatsapp', '971501234567'), messages: [{ id: `wamid.${text}`, at: null, text, type: 'text' }] } });
		const first = await assignOwner(whatsapp('hi'), team, options, store, NOW);
		expect(first.owner?.id).toBe('ana');
		expect(first.reason).toMatch(/^Sticky: first lead from phone \+971501234567 \(no email\)/);
		await assignOwner(lead({ chat: chat('telegram', '42424242') }), team, options, store, NOW); // Ben
		expect(await assignOwner(whatsapp('how much?'), team, options, store, NOW)).toMatchObject({ owner: { id: 'ana' }, strategy: 'sticky' });
		// a form with the number in its local form and the country
		expect(await assignOwner(lead({ phone: '050 123 4567', countryCode: 'AE' }), team, options, store, NOW)).toMatchObject({ owner: { id: 'ana' }, strategy: 'sticky' });
		expect(leadKeyOf(whatsapp('x'))).toBe(leadKeyOf(lead({ phone: '+971501234567' })));
	});

	it('keys: email first, then phone, then the chat user; one user id on two channels is two people', () => {
		const telegram = leadKeyOf(lead({ chat: chat('telegram', '123456789') }));
		expect(telegram).toMatch(/^c:[0-9a-f]{32}$/);
		expect(leadKeyOf(lead({ chat: chat('line', '123456789') }))).toMatch(/^c:[0-9a-f]{32}$/);
		expect(leadKeyOf(lead({ chat: chat('line', '123456789') }))).not.toBe(telegram);
		expect(leadKeyOf(lead({ email: 'pat@acme.com', chat: chat('telegram', '123456789') }))).toBe(leadKeyOf(lead({ email: 'pat@acme.com' })));
		// a user id given as a number, as Telegram's JSON has it
		expect(leadKeyOf(lead({ chat: { ...chat('telegram', ''), userId: 123456789 } }))).toBe(telegram);
		// not a chat channel, or no user: no key
		expect(leadKeyOf(lead({ chat: chat('signal', '123456789') }))).toBeNull();
		expect(leadKeyOf(lead({ chat: chat('telegram', '') }))).toBeNull();
		expect(leadKeyOf(lead({ chat: 'telegram:123456789' }))).toBeNull();
	});

	it('Explain finds a chat lead by "<channel>:<user id>" or by its key', () => {
		const telegram = leadKeyOf(lead({ chat: chat('telegram', '123456789') }));
		expect(leadKeyForLookup('telegram:123456789')).toBe(telegram);
		expect(leadKeyForLookup(' Telegram: 123456789 ')).toBe(telegram);
		expect(leadKeyForLookup(telegram as string)).toBe(telegram);
		expect(leadKeyForLookup('line:123456789')).not.toBe(telegram);
		expect(leadKeyForLookup('signal:123456789')).toBeNull();
	});
});

describe('team status', () => {
	it('per owner: leads today, capacity left, available until / back from, next in turn', async () => {
		// Wed 12 March 2025 10:00Z: Berlin 11:00 (in hours until 17:00 = 16:00Z); Ben works weekends only; Cara is out of office
		const team = validateTeam([
			{ id: 'ana', name: 'Ana', dailyCapacity: 5, workingHours: { days: 'mon-fri', start: '09:00', end: '17:00', timeZone: 'Europe/Berlin' } },
			{ id: 'ben', name: 'Ben', workingHours: { days: 'sat-sun', start: '10:00', end: '18:00', timeZone: 'UTC' } },
			{ id: 'cara', name: 'Cara', outOfOffice: true },
			{ id: 'dan', name: 'Dan' },
		]);
		const options = validateRoutingOptions({ strategy: 'roundRobin' }, team);
		const store = new MemoryStore({});
		// two leads: Ana (turn 1), then Ben and Cara are skipped → Dan (turn 2); next in turn after Dan is Ana
		await assignOwner(lead(), team, options, store, NOW);
		await assignOwner(lead(), team, options, store, NOW);
		const status = await teamStatus(team, options, store, NOW);
		expect(status.owners.map((o) => [o.id, o.leadsToday, o.capacityLeft, o.availableNow, o.availableUntil, o.availableFrom, o.nextInTurn])).toEqual([
			['ana', 1, 4, true, '2025-03-12T16:00:00.000Z', null, true],
			['ben', 0, null, false, null, '2025-03-15T10:00:00.000Z', false],
			['cara', 0, null, false, null, null, false],
			['dan', 1, null, true, null, null, false],
		]);
		expect(status.nextInTurn).toEqual({ id: 'ana', name: 'Ana' });
		expect(status.text.split('\n')[0]).toBe('▶ Ana: 1/5 today, available until 2025-03-12T16:00:00.000Z');
		expect(status.owners[2].reason).toBe('Cara is out of office');
	});
});
