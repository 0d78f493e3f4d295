/**
 * Delivery keys and the lead journal in Redis, for when several n8n processes receive webhooks or
 * run executions (queue mode). One Lua script checks and records every key of a delivery and
 * journals its new leads at once, so two processes receiving the same retry at the same moment
 * cannot both accept it, and no lead is accepted without its journal entry.
 *
 * The journal exists because n8n (2.x, queue mode) does not re-run an execution whose worker died:
 * the job fails as "stalled" and n8n overwrites its data, so a lead already answered with 200 would
 * be lost. A journaled lead stays in Redis until a Lead Recovery node marks it done, or until the
 * trigger's retention (default 7 days) has passed: it holds the whole lead, personal data included.
 * One that is still unfinished after a while is handed out again by "Get Unfinished Leads" of the
 * same workflow.
 *
 * Keys of one trigger node share the hash tag `{<workflow id>:<node id>}` (one Redis Cluster slot):
 * `<delivery key>` (with the key TTL), `journal` (hash: field → item JSON), `pending` (sorted set:
 * field → ms of acceptance or last hand-out), `accepted` (sorted set: field → ms of acceptance,
 * for the retention). A registry per workflow, `leadIntake:journals:{<workflow id>}` (hash: trigger
 * scope → retention in seconds), tells Lead Recovery which journals are its workflow's.
 */
export interface RedisEvalClient {
	eval(script: string, numKeys: number, ...args: Array<string | number>): Promise<unknown>;
}

export const DEFAULT_JOURNAL_RETENTION_DAYS = 7;

/** Entries removed per script call at most, so one call never blocks Redis for long. */
const PRUNE_BATCH = 500;

/** KEYS journal, pending, accepted; drops entries accepted at or before `cutoff` (ms). */
const PRUNE = `
local function prune(cutoff)
	local old = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', cutoff, 'LIMIT', 0, ${PRUNE_BATCH})
	for _, field in ipairs(old) do
		redis.call('HDEL', KEYS[1], field)
		redis.call('ZREM', KEYS[2], field)
		redis.call('ZREM', KEYS[3], field)
	end
end
`;

/**
 * KEYS[1] journal, KEYS[2] pending, KEYS[3] accepted, KEYS[4..] delivery keys. ARGV[1] key TTL (s),
 * ARGV[2] now (ms), ARGV[3] journal retention (s), then per lead: its number of delivery keys, its
 * journal field and its item JSON ('' = do not journal).
 * Keys seen before this call make their lead a repeat; all keys are (re)recorded with the TTL.
 */
const CHECK_AND_RECORD = `${PRUNE}
local seen = {}
for i = 4, #KEYS do seen[i] = redis.call('EXISTS', KEYS[i]) end
for i = 4, #KEYS do redis.call('SET', KEYS[i], '1', 'EX', tonumber(ARGV[1])) end
local now = tonumber(ARGV[2])
local retention = tonumber(ARGV[3])
local fresh = {}
local journaled = false
local k = 4
local a = 4
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
		redis.call('ZADD', KEYS[2], now, ARGV[a + 1])
		redis.call('ZADD', KEYS[3], now, ARGV[a + 1])
		journaled = true
	end
	fresh[lead] = isFresh
	lead = lead + 1
	a = a + 3
end
if journaled then
	prune(now - retention * 1000)
	for i = 1, 3 do redis.call('EXPIRE', KEYS[i], retention) end
end
return fresh
`;

/**
 * KEYS[1] journal, KEYS[2] pending, KEYS[3] accepted; ARGV[1] wait cutoff (ms), ARGV[2] now (ms),
 * ARGV[3] limit, ARGV[4] retention (s). Entries journaled before `accepted` existed get their
 * pending time as acceptance time, so they expire too.
 */
const TAKE_UNFINISHED = `${PRUNE}
local now = tonumber(ARGV[2])
prune(now - tonumber(ARGV[4]) * 1000)
-- journals written before they had a retention
for i = 1, 3 do
	if redis.call('TTL', KEYS[i]) == -1 then redis.call('EXPIRE', KEYS[i], tonumber(ARGV[4])) end
end
local due = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[3]))
local out = {}
for i = 1, #due, 2 do
	local field = due[i]
	local item = redis.call('HGET', KEYS[1], field)
	if item then
		redis.call('ZADD', KEYS[3], 'NX', due[i + 1], field)
		redis.call('ZADD', KEYS[2], now, field)
		table.insert(out, item)
	else
		redis.call('ZREM', KEYS[2], field)
		redis.call('ZREM', KEYS[3], field)
	end
end
return out
`;

/** KEYS[1] journal, KEYS[2] pending, KEYS[3] accepted; ARGV fields. Returns how many were still open. */
const MARK_DONE = `
local open = 0
for _, field in ipairs(ARGV) do
	open = open + redis.call('HDEL', KEYS[1], field)
	redis.call('ZREM', KEYS[2], field)
	redis.call('ZREM', KEYS[3], field)
end
return open
`;

/** KEYS[1] journal; ARGV[1] field, ARGV[2] item. Only an entry still open is replaced: one marked done stays done. */
const REPLACE_ITEM = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then
	redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
	return 1
end
return 0
`;

/** KEYS[1] registry; ARGV[1] scope, ARGV[2] retention (s). The registry lives as long as its longest-kept journal. */
const REGISTER = `
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
local ttl = tonumber(ARGV[2]) + 86400
if redis.call('TTL', KEYS[1]) < ttl then redis.call('EXPIRE', KEYS[1], ttl) end
return 1
`;

/** KEYS[1] registry. */
const LIST_JOURNALS = `return redis.call('HGETALL', KEYS[1])`;

/** Vendors retry for hours to a few days; keys outlive that, or twice the duplicate window. */
export function deliveryKeyTtlSeconds(windowMinutes: number): number {
	return Math.max(7 * 24 * 3600, Math.ceil(2 * Math.max(1, windowMinutes) * 60));
}

/** Retention of journaled leads in seconds, from days (at least one hour). */
export function journalRetentionSeconds(days: number): number {
	return Math.max(3600, Math.round((Number.isFinite(days) ? days : DEFAULT_JOURNAL_RETENTION_DAYS) * 24 * 3600));
}

const safeIdPart = (part: string) => part.replace(/[{}|:]/g, '_');

/** One trigger node's scope: "<workflow id>:<node id>", safe inside a hash tag and a receipt. */
export function triggerScope(workflowId: string, nodeId: string): string {
	return `${safeIdPart(workflowId)}:${safeIdPart(nodeId)}`;
}

/** `scope` keeps one trigger node's keys apart (and in one Redis Cluster slot). */
export function redisDeliveryKeyPrefix(scope: string): string {
	return `leadIntake:{${scope.replace(/[{}|]/g, '_')}}:`;
}

function journalKeys(prefix: string): [string, string, string] {
	return [`${prefix}journal`, `${prefix}pending`, `${prefix}accepted`];
}

function registryKey(workflowId: string): string {
	return `leadIntake:journals:{${safeIdPart(workflowId)}}`;
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

export interface RecordOptions {
	keyTtlSeconds: number;
	/** how long a journaled lead is kept when nobody marks it done */
	journalRetentionSeconds: number;
	now?: number;
}

/**
 * Returns the indexes of the leads none of whose keys was recorded before; records all keys and
 * journals the new leads. `scope` comes from triggerScope(workflowId, nodeId).
 */
export async function checkAndRecordInRedis(client: RedisEvalClient, scope: { workflowId: string; nodeId: string }, leads: LeadToRecord[], options: RecordOptions): Promise<number[]> {
	if (leads.length === 0) return [];
	const now = options.now ?? Date.now();
	const name = triggerScope(scope.workflowId, scope.nodeId);
	const prefix = redisDeliveryKeyPrefix(name);
	const retention = Math.max(1, Math.floor(options.journalRetentionSeconds));
	if (leads.some((lead) => lead.journal)) {
		// before the journal entry (another slot, so another script): an entry Lead Recovery cannot find would be lost
		await client.eval(REGISTER, 1, registryKey(scope.workflowId), name, retention);
	}
	const keys = leads.flatMap((lead) => lead.keys.map((key) => `${prefix}${key}`));
	const args: Array<string | number> = [Math.max(1, Math.floor(options.keyTtlSeconds)), now, retention];
	for (const lead of leads) args.push(lead.keys.length, lead.journal?.field ?? '', lead.journal?.item ?? '');
	const fresh = (await client.eval(CHECK_AND_RECORD, 3 + keys.length, ...journalKeys(prefix), ...keys, ...args)) as number[];
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
	for (const [scope, fields] of byScope) open += Number(await client.eval(MARK_DONE, 3, ...journalKeys(redisDeliveryKeyPrefix(scope)), ...fields));
	return open;
}

/**
 * Puts a newer item into an open journal entry, by receipt: a chat message is journaled when its
 * key is recorded, before it is merged into its conversation, and Lead Recovery must hand out the
 * conversation's lead, not the lone message. Returns whether the entry was still open.
 */
export async function replaceJournalItem(client: RedisEvalClient, receipt: string, item: string): Promise<boolean> {
	const bar = receipt.indexOf('|');
	if (bar <= 0) return false;
	const [journal] = journalKeys(redisDeliveryKeyPrefix(receipt.slice(0, bar)));
	return Number(await client.eval(REPLACE_ITEM, 1, journal, receipt.slice(bar + 1), item)) === 1;
}

/**
 * Hands out journaled leads of the Lead Intake Triggers of one workflow, accepted (or last handed
 * out) before `olderThanMs` ago and not marked done; each is re-stamped, so the next call hands
 * it out again only after another full wait. Entries past their retention are deleted first.
 */
export async function takeUnfinished(client: RedisEvalClient, options: { workflowId: string; olderThanMs: number; limit: number; now?: number }): Promise<string[]> {
	const now = options.now ?? Date.now();
	const flat = (await client.eval(LIST_JOURNALS, 1, registryKey(options.workflowId))) as string[];
	const journals: Array<[string, number]> = [];
	for (let i = 0; i + 1 < flat.length; i += 2) journals.push([flat[i], Number(flat[i + 1])]);
	journals.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	const items: string[] = [];
	for (const [scope, retention] of journals) {
		if (items.length >= options.limit) break;
		const taken = (await client.eval(TAKE_UNFINISHED, 3, ...journalKeys(redisDeliveryKeyPrefix(scope)), now - options.olderThanMs, now, options.limit - items.length, retention > 0 ? retention : journalRetentionSeconds(DEFAULT_JOURNAL_RETENTION_DAYS))) as string[];
		items.push(...taken);
	}
	return items;
}
