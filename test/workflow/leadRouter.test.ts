import { MemoryStore } from '../../lib/routing';
import { itemsThrough, runWorkflow } from '../helpers/workflowRunner';

type Routing = { stage: string; branch: string; owner: { id: string; name: string; email: string | null; channelId: string | null } | null; strategy: string | null; reason: string; fallback: boolean; assignedAt: string | null };

const TEAM = {
	member: [
		{ name: 'Ana', email: 'ana@sales.example', channelId: 'U-ANA' },
		{ name: 'Ben', email: 'ben@sales.example', channelId: 'U-BEN' },
		{ name: 'Cara', email: 'cara@sales.example', channelId: 'U-CARA' },
	],
};

const router = (parameters: Record<string, unknown>, extra = {}) => ({ type: 'n8n-nodes-lead-qualification.leadRouter', parameters: { team: TEAM, ...parameters } as never, ...extra });

const sqlLead = (i: number, extra: Record<string, unknown> = {}) => ({ lead: { email: `lead${i}@company${i}.example`, ...extra }, score: { stage: 'sql', total: 90 } });

function tally(items: Array<{ json: Record<string, unknown> }>): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const item of items) {
		const owner = (item.json.routing as Routing).owner;
		const key = owner ? owner.id : 'unassigned';
		counts[key] = (counts[key] ?? 0) + 1;
	}
	return counts;
}

beforeEach(() => MemoryStore.resetShared());

test('each stage goes to its own output in the order SQL, MQL, Lead, Disqualified; only SQL and MQL get an owner', async () => {
	const items = ['lead', 'sql', 'disqualified', 'mql', 'SQL'].map((stage, i) => ({ lead: { email: `p${i}@acme.example` }, score: { stage } }));
	const { outputOf } = await runWorkflow(itemsThrough(router({ strategy: 'roundRobin' }), items));
	const [sql, mql, nurture, disqualified] = outputOf('Under Test');
	expect(sql.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 4 }]);
	expect(mql.map((item) => item.pairedItem)).toEqual([{ item: 3 }]);
	expect(nurture.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
	expect(disqualified.map((item) => item.pairedItem)).toEqual([{ item: 2 }]);
	const first = sql[0].json.routing as Routing;
	expect(first).toMatchObject({ stage: 'sql', branch: 'SQL', strategy: 'roundRobin', fallback: false, owner: { id: 'ana@sales.example', name: 'Ana', email: 'ana@sales.example', channelId: 'U-ANA' } });
	expect(Date.parse(first.assignedAt as string)).not.toBeNaN();
	expect(first.reason).toMatch(/Round robin: turn 1 of 3 owners → Ana/);
	// turns follow the input order across outputs: item 1 (SQL), item 3 (MQL), item 4 (SQL)
	expect((mql[0].json.routing as Routing).owner?.name).toBe('Ben');
	expect((sql[1].json.routing as Routing).owner?.name).toBe('Cara');
	expect(nurture[0].json.routing).toMatchObject({ stage: 'lead', branch: 'Lead', owner: null, assignedAt: null });
	expect((nurture[0].json.routing as Routing).reason).toMatch(/not assigned/);
	expect(nurture[0].json.lead).toEqual({ email: 'p0@acme.example' });
});

test('strict round robin: 300 leads in one execution give exactly 100 each, and the rotation carries over to the next execution', async () => {
	const { outputOf } = await runWorkflow(itemsThrough(router({ strategy: 'roundRobin' }), Array.from({ length: 300 }, (_, i) => sqlLead(i))));
	expect(tally(outputOf('Under Test')[0])).toEqual({ 'ana@sales.example': 100, 'ben@sales.example': 100, 'cara@sales.example': 100 });
	const next = await runWorkflow(itemsThrough(router({ strategy: 'roundRobin' }), [sqlLead(1)]));
	expect((next.outputOf('Under Test')[0][0].json.routing as Routing).reason).toMatch(/turn 301/);
});

test('30 executions at once in one process hand out 300 leads as exactly 100 each, never the same turn twice', async () => {
	const runs = await Promise.all(
		Array.from({ length: 30 }, (_, run) => runWorkflow(itemsThrough(router({ strategy: 'roundRobin' }), Array.from({ length: 10 }, (_, i) => sqlLead(run * 10 + i))))),
	);
	const all = runs.flatMap((run) => run.outputOf('Under Test')[0]);
	expect(all).toHaveLength(300);
	expect(tally(all)).toEqual({ 'ana@sales.example': 100, 'ben@sales.example': 100, 'cara@sales.example': 100 });
	const turns = all.map((item) => Number(/turn (\d+)/.exec((item.json.routing as Routing).reason)?.[1]));
	expect(new Set(turns).size).toBe(300);
});

test('weights 3:1 over 400 leads give exactly 300 and 100', async () => {
	const team = { member: [{ name: 'Senior', email: 'senior@sales.example', weight: 3 }, { name: 'Junior', email: 'junior@sales.example', weight: 1 }] };
	const runs = await Promise.all(
		Array.from({ length: 8 }, (_, run) => runWorkflow(itemsThrough(router({ strategy: 'weighted', team }), Array.from({ length: 50 }, (_, i) => sqlLead(run * 50 + i))))),
	);
	const all = runs.flatMap((run) => run.outputOf('Under Test')[0]);
	expect(tally(all)).toEqual({ 'senior@sales.example': 300, 'junior@sales.example': 100 });
	expect((all[0].json.routing as Routing).reason).toMatch(/Weighted round robin: turn \d+, weight \d of 4/);
});

test('a daily capacity is never exceeded and the overflow goes to a fallback email outside the rotation', async () => {
	const team = { member: TEAM.member.map((member) => ({ ...member, dailyCapacity: 10 })) };
	const runs = await Promise.all(
		Array.from({ length: 9 }, (_, run) => runWorkflow(itemsThrough(router({ strategy: 'roundRobin', team, fallbackOwner: 'Manager@Sales.example' }), Array.from({ length: 5 }, (_, i) => sqlLead(run * 5 + i))))),
	);
	const all = runs.flatMap((run) => run.outputOf('Under Test')[0]);
	expect(tally(all)).toEqual({ 'ana@sales.example': 10, 'ben@sales.example': 10, 'cara@sales.example': 10, 'fallback:manager@sales.example': 15 });
	const overflow = all.filter((item) => (item.json.routing as Routing).fallback);
	expect(overflow).toHaveLength(15);
	expect((overflow[0].json.routing as Routing).reason).toMatch(/Ana reached the daily cap of 10.*fallback owner Manager@Sales\.example/);
	expect((overflow[0].json.routing as Routing).owner?.email).toBe('Manager@Sales.example');
});

test('without a fallback, leads nobody can take go out unassigned with the reason', async () => {
	const team = { member: [{ name: 'Ana', email: 'ana@sales.example', outOfOffice: true }, { name: 'Ben', email: 'ben@sales.example', workingDays: ['sat'], workStart: '00:00', workEnd: '00:01', timeZone: 'Pacific/Kiritimati' }] };
	const { outputOf } = await runWorkflow(itemsThrough(router({ strategy: 'roundRobin', team }), [sqlLead(1)]));
	const routing = outputOf('Under Test')[0][0].json.routing as Routing;
	expect(routing.owner).toBeNull();
	expect(routing.reason).toMatch(/Ana is out of office/);
	expect(routing.reason).toMatch(/no fallback owner/);
});

test('territory: country and region owners first, field rules before the country, the whole team when nobody covers the lead', async () => {
	const team = {
		member: [
			{ name: 'Dach', email: 'dach@sales.example', territories: 'DE, AT, CH' },
			{ name: 'Americas', email: 'am@sales.example', territories: 'NA, LATAM' },
			{ name: 'Health', email: 'health@sales.example' },
		],
	};
	const territoryRules = { rule: [{ field: 'answers.Industry', value: 'Healthcare, Pharma', ownerIds: 'health@sales.example' }] };
	const items = [
		sqlLead(1, { country: 'DE' }),
		sqlLead(2, { country: 'Germany' }),
		sqlLead(3, { country: 'US' }),
		sqlLead(4, { country: 'BR' }),
		sqlLead(5, { country: 'DE', answers: { Industry: 'pharma' } }),
		sqlLead(6, { country: 'JP' }),
	];
	const { outputOf } = await runWorkflow(itemsThrough(router({ strategy: 'territory', team, territoryRules }), items));
	const owners = outputOf('Under Test')[0].map((item) => (item.json.routing as Routing).owner?.name);
	expect(owners.slice(0, 5)).toEqual(['Dach', 'Dach', 'Americas', 'Americas', 'Health']);
	expect(['Dach', 'Americas', 'Health']).toContain(owners[5]);
	const reasons = outputOf('Under Test')[0].map((item) => (item.json.routing as Routing).reason);
	expect(reasons[4]).toMatch(/Industry/);
	expect(reasons[5]).toMatch(/whole team/i);
});

test('sticky: a returning email goes back to its earlier owner, even across concurrent executions', async () => {
	const emails = Array.from({ length: 12 }, (_, i) => `buyer${i}@client${i}.example`);
	const delivery = (round: number) => emails.map((email) => ({ lead: { email: round === 0 ? email : email.toUpperCase() }, score: { stage: 'mql' } }));
	const first = await runWorkflow(itemsThrough(router({ strategy: 'sticky', baseStrategy: 'roundRobin', stickyBy: 'email' }), delivery(0)));
	const firstOwners = first.outputOf('Under Test')[1].map((item) => (item.json.routing as Routing).owner?.id);
	expect(new Set(firstOwners).size).toBe(3);
	const later = await Promise.all([1, 2, 3].map((round) => runWorkflow(itemsThrough(router({ strategy: 'sticky', baseStrategy: 'roundRobin', stickyBy: 'email' }), delivery(round)))));
	for (const run of later) {
		const out = run.outputOf('Under Test')[1];
		expect(out.map((item) => (item.json.routing as Routing).owner?.id)).toEqual(firstOwners);
		expect(out.every((item) => (item.json.routing as Routing).strategy === 'sticky')).toBe(true);
	}
});

test('sticky by company domain keeps a company with one owner', async () => {
	const items = ['a', 'b', 'c', 'd'].map((name) => ({ lead: { email: `${name}@bigco.example` }, score: { stage: 'sql' } }));
	items.push({ lead: { email: 'x@gmail.com' }, score: { stage: 'sql' } }, { lead: { email: 'y@gmail.com' }, score: { stage: 'sql' } });
	const { outputOf } = await runWorkflow(itemsThrough(router({ strategy: 'sticky', stickyBy: 'domain' }), items));
	const owners = outputOf('Under Test')[0].map((item) => (item.json.routing as Routing).owner?.name);
	expect(new Set(owners.slice(0, 4)).size).toBe(1);
	// free-mail addresses are not a company: they do not all land on the bigco owner
	expect(owners.slice(4)).not.toEqual([owners[0], owners[0]]);
});

test('a team given as JSON works like one built in the editor', async () => {
	const teamJson = JSON.stringify([{ name: 'Ana', email: 'ana@sales.example', weight: 2 }, { name: 'Ben', id: 'crm-42', channelId: 'C1' }]);
	const { outputOf } = await runWorkflow(itemsThrough(router({ teamInput: 'json', teamJson, strategy: 'weighted' }), Array.from({ length: 30 }, (_, i) => sqlLead(i))));
	expect(tally(outputOf('Under Test')[0])).toEqual({ 'ana@sales.example': 20, 'crm-42': 10 });
});

describe('settings a marketer has to fix stop the node with the field named', () => {
	const cases: Array<[string, Record<string, unknown>, RegExp]> = [
		['an empty team', { team: { member: [] } }, /team is empty/],
		['duplicate owner ids', { team: { member: [{ name: 'A', email: 'same@x.example' }, { name: 'B', email: 'SAME@x.example' }] } }, /same id/],
		['a weight of 0', { strategy: 'weighted', team: { member: [{ name: 'A', email: 'a@x.example', weight: 0 }] } }, /weight must be greater than 0/],
		['an unknown time zone', { team: { member: [{ name: 'A', email: 'a@x.example', workStart: '09:00', workEnd: '17:00', timeZone: 'Mars/Olympus' }] } }, /Mars\/Olympus.*not a time zone/],
		['an unknown fallback', { fallbackOwner: 'nobody' }, /fallback owner "nobody" is not on the team/],
		['invalid team JSON', { teamInput: 'json', teamJson: '[{"name": ' }, /Team \(JSON\) is not valid JSON/],
	];
	test.each(cases)('%s', async (_label, parameters, message) => {
		const { outputOf, errorOf } = await runWorkflow(itemsThrough(router({ strategy: 'roundRobin', ...parameters }), [sqlLead(1)]));
		expect(outputOf('Under Test')).toEqual([]);
		expect(errorOf('Under Test')).toMatch(message);
	});
});

test('an item without score.stage is an error naming the item, or goes to the "Not Scored" output when chosen', async () => {
	const items = [sqlLead(1), { email: 'unscored@acme.example' }];
	const failed = await runWorkflow(itemsThrough(router({}), items));
	expect(failed.errorOf('Under Test')).toMatch(/Item 1 has no score\.stage/);
	const { outputOf } = await runWorkflow(itemsThrough(router({ unscored: 'output' }), items));
	const outputs = outputOf('Under Test');
	expect(outputs).toHaveLength(5);
	expect(outputs[4].map((item) => item.json)).toEqual([{ email: 'unscored@acme.example' }]);
	expect(outputs[4][0].pairedItem).toEqual({ item: 1 });
});

test('only the chosen outputs exist; other stages are dropped or go to "Other"', async () => {
	const items = ['sql', 'lead', 'disqualified'].map((stage, i) => ({ lead: { email: `s${i}@acme.example` }, score: { stage } }));
	const dropped = await runWorkflow(itemsThrough(router({ stageOutputs: ['sql', 'disqualified'] }), items));
	expect(dropped.outputOf('Under Test').map((output) => output.map((item) => item.pairedItem))).toEqual([[{ item: 0 }], [{ item: 2 }]]);
	const other = await runWorkflow(itemsThrough(router({ stageOutputs: ['sql'], unroutedStages: 'output' }), items));
	const outputs = other.outputOf('Under Test');
	expect(outputs.map((output) => output.length)).toEqual([1, 2]);
	expect(outputs[1].map((item) => (item.json.routing as Routing).branch)).toEqual(['Other', 'Other']);
});

test('Continue On Fail: a bad item goes out with its error, the others are routed', async () => {
	const items = [sqlLead(1), { lead: { email: 'odd@acme.example' }, score: { stage: 'hot' } }, sqlLead(2)];
	const { outputOf } = await runWorkflow(itemsThrough(router({}, { onError: 'continueRegularOutput' }), items));
	const [sql] = outputOf('Under Test');
	expect(sql.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(sql[1].json.error).toMatch(/Item 1: score\.stage is "hot", which is not a stage/);
	expect(tally([sql[0], sql[2]])).toEqual({ 'ana@sales.example': 1, 'ben@sales.example': 1 });
});
