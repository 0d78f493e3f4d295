/**
 * Delivery keys and the lead journal in Redis, for when several n8n processes receive webhooks or
 * run executions (queue mode). One Lua script checks and records every key of a delivery and
 * journals its new leads at once, so two processes receiving the same retry at the same moment
 * cannot both accept it, and no lead is accepted without its journal entry.
 *
 * The journal exists because n8n (2.x, queue mode) does not re-run an execution whose worker died:
 * the job fails as "stalled" and n8n overwrites its data, so a lead already answered with 200 would
 * be lost. A journaled lead stays in Redis until a Lead Recovery node marks it done; one that is
 * still unfinished after a while is handed out again by "Get Unfinished Leads".
 */
export interface RedisEvalClient {
	eval(script: string, numKeys: number, ...args: Array<string | number>): Promise<unknown>;
}

export interface RedisJournalClient extends RedisEvalClient {
	scan(cursor: string | number, matchOption: 'MATCH', pattern: string, countOption: 'COUNT', count: number): Promise<[string, string[]]>;
}

/**
 * KEYS[1] journal hash (field → item JSON), KEYS[2] pending sorted set (field → ms of acceptance or
 * last hand-out), KEYS[3..] delivery keys. ARGV[1] key TTL (s), ARGV[2] now (ms), then per lead:
 * its number of delivery keys, its journal field and its item JSON ('' = do not journal).
 * Keys seen before this call make their lead a repeat; all keys are (re)recorded with the TTL.
 */
const CHECK_AND_RECORD = `
local seen = {}
for i = 3, #KEYS do seen[i] = redis.call('EXISTS', KEYS[i]) end
for i = 3, #KEYS do redis.call('SET', KEYS[i], '1', 'EX', tonumber(ARGV[1])) end
local fresh = {}
local k = 3
local a = 3
local lead = 1
while a <= #ARGV do
	local count = tonumber(ARGV[a])
	local isFresh = 1
	for j = 0, count - 1 do
		if seen[k + j] == 1 then isFresh = 0 end
	end
	k = k + count
	if isFresh == 1 and ARGV[a + 2] ~= '' then
		redis.call('HSET', KEYS[1], ARGV[a + 1], ARGV[a + 2])
		redis.call('ZADD', KEYS[2], ARGV[2], ARGV[a + 1])
	end
	fresh[lead] = isFresh
	lead = lead + 1
	a = a + 3
end
return fresh
`;

/** KEYS[1] journal, KEYS[2] pending; ARGV[1] cutoff (ms), ARGV[2] now (ms), ARGV[3] limit. */
const TAKE_UNFINISHED = `
local fields = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local out = {}
for _, field in ipairs(fields) do
	local item = redis.call('HGET', KEYS[1], field)
	if item then
		redis.call('ZADD', KEYS[2], ARGV[2], field)
		table.insert(out, item)
	else
		redis.call('ZREM', KEYS[2], field)
	end
end
return out
`;

/** KEYS[1] journal, KEYS[2] pending; ARGV fields. Returns how many were still open. */
const MARK_DONE = `
local open = 0
for _, field in ipairs(ARGV) do
	open = open + redis.call('HDEL', KEYS[1], field)
	redis.call('ZREM', KEYS[2], field)
end
return open
`;

/** Vendors retry for hours to a few days; keys outlive that, or twice the duplicate window. */
export function deliveryKeyTtlSeconds(windowMinutes: number): number {
	return Math.max(7 * 24 * 3600, Math.ceil(2 * Math.max(1, windowMinutes) * 60));
}

/** `scope` keeps one trigger node's keys apart (and in one Redis Cluster slot). */
export function redisDeliveryKeyPrefix(scope: string): string {
	return `leadIntake:{${scope.replace(/[{}|]/g, '_')}}:`;
}

function journalKeys(prefix: string): [string, string] {
	return [`${prefix}journal`, `${prefix}pending`];
}

/** What an item carries so a Lead Recovery node can find its journal entry: "<scope>|<field>". */
export function journalReceipt(scope: string, field: string): string {
	return `${scope.replace(/[{}|]/g, '_')}|${field}`;
}

export interface LeadToRecord {
	keys: string[];
	/** the item to journal (with its receipt inside), or null to journal nothing */
	journal: { field: string; item: string } | null;
}

/** Returns the indexes of the leads none of whose keys was recorded before; records all keys and journals the new leads. */
export async function checkAndRecordInRedis(client: RedisEvalClient, prefix: string, leads: LeadToRecord[], ttlSeconds: number, now: number = Date.now()): Promise<number[]> {
	const keys = leads.flatMap((lead) => lead.keys.map((key) => `${prefix}${key}`));
	if (leads.length === 0) return [];
	const args: Array<string | number> = [Math.max(1, Math.floor(ttlSeconds)), now];
	for (const lead of leads) args.push(lead.keys.length, lead.journal?.field ?? '', lead.journal?.item ?? '');
	const fresh = (await client.eval(CHECK_AND_RECORD, 2 + keys.length, ...journalKeys(prefix), ...keys, ...args)) as number[];
	return leads.map((_, index) => index).filter((index) => Number(fresh[index]) === 1);
}

/** Marks journaled leads done, by receipt; returns how many were still open. */
export async function markJournalDone(client: RedisEvalClient, receipts: string[]): Promise<number> {
	const byScope = new Map<string, string[]>();
	for (const receipt of receipts) {
		const bar = receipt.indexOf('|');
		if (bar <= 0) continue;
		const scope = receipt.slice(0, bar);
		byScope.set(scope, [...(byScope.get(scope) ?? []), receipt.slice(bar + 1)]);
	}
	let open = 0;
	for (const [scope, fields] of byScope) open += Number(await client.eval(MARK_DONE, 2, ...journalKeys(redisDeliveryKeyPrefix(scope)), ...fields));
	return open;
}

/**
 * Hands out journaled leads accepted (or last handed out) before `olderThanMs` ago and not marked
 * done, from every Lead Intake Trigger journaling in this Redis; each is re-stamped, so the next
 * call hands it out again only after another full wait.
 */
export async function takeUnfinished(client: RedisJournalClient, options: { olderThanMs: number; limit: number; now?: number }): Promise<string[]> {
	const now = options.now ?? Date.now();
	const pendingKeys = new Set<string>();
	let cursor = '0';
	do {
		const [next, found] = await client.scan(cursor, 'MATCH', 'leadIntake:{*}:pending', 'COUNT', 1000);
		for (const key of found) pendingKeys.add(key);
		cursor = next;
	} while (cursor !== '0');
	const items: string[] = [];
	for (const pending of [...pendingKeys].sort()) {
		if (items.length >= options.limit) break;
		const prefix = pending.slice(0, -'pending'.length);
		const taken = (await client.eval(TAKE_UNFINISHED, 2, ...journalKeys(prefix), now - options.olderThanMs, now, options.limit - items.length)) as string[];
		items.push(...taken);
	}
	return items;
}
