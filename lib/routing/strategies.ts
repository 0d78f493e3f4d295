import { createHash } from 'crypto';
import { coerceChat } from '../lead/chat';
import { CHAT_CHANNEL_NAMES, CHAT_CHANNELS, type Lead } from '../lead/types';
import { toE164 } from '../lead/phone';
import { domainInSet, FREE_MAIL_DOMAINS } from '../scoring/hygiene';
import { capacityReason, ownerDay, ownerPresence, type UnavailableCode } from './availability';
import type { PickCandidate, PickResult, RoutingStore, SkipCode } from './store';
import { isValidTimeZone, RoutingConfigError, validateOwner, type Owner } from './team';
import { languageCode, languageName } from './language';
import { leadCountryCode, normalizeCountry, normalizeRegion, REGIONS, territoryCovering } from './territory';

export const STRATEGIES = ['roundRobin', 'weighted', 'territory', 'sticky'] as const;
export type StrategyName = (typeof STRATEGIES)[number];
export type BaseStrategy = Exclude<StrategyName, 'sticky'>;

/** Territory by any lead field: leads whose `field` equals `value` (or one of the values) go to `ownerIds`. */
export interface FieldRule {
	/** 'country', 'company', 'jobTitle', 'utm.source', 'answers.<label>', 'emailDomain', … */
	field: string;
	value: string | number | boolean | Array<string | number | boolean>;
	ownerIds: string[];
}

export interface RoutingOptions {
	strategy: StrategyName;
	/** what `sticky` does for a lead it has not seen (or whose owner is unavailable); default roundRobin */
	baseStrategy?: BaseStrategy;
	/** sticky by the whole email address (default) or by the company email domain */
	stickyBy?: 'email' | 'domain';
	/** how long an email or domain stays with its owner; default 90 days, 0 = for good */
	stickyTtlDays?: number;
	/** checked in order before the country; the first rule that matches decides the pool */
	territoryRules?: FieldRule[];
	/** when the matching owners are all unavailable: try the whole team (default) or go to the fallback owner */
	territoryOverflow?: 'team' | 'fallback';
	/** gets the lead when nobody in the pool is available: a team member's id or an owner of its own */
	fallbackOwner?: Owner | string | null;
	/** zone for counting daily capacity of owners without working hours; default UTC */
	timeZone?: string;
}

/** why an owner was passed over: unavailable, or (Reassign) already had this lead */
export type SkipReasonCode = UnavailableCode | 'alreadyHad';

export interface SkippedOwner {
	id: string;
	name: string;
	code: SkipReasonCode;
	reason: string;
}

/** What happened to a lead whose company is an account (see AssignRequest.account). */
export type AccountOutcome = 'accountOwner' | 'waiting' | 'overflow' | 'fallback' | 'notOnTeam' | 'alreadyHad';

/** The parts of a routing call beyond the lead and the settings: an account match, a re-assignment. */
export interface AssignRequest {
	/** the account the lead's company belongs to: its owner gets the lead before any strategy */
	account?: {
		/** the account owner's team id (or email), as the account list names it */
		ownerId: string;
		/** e.g. "Acme (email domain acme.com)", for the reason */
		label: string;
		/** the account owner is out of office, out of hours or full: keep it with them (wait), the strategy (team) or the fallback owner */
		whenUnavailable: 'wait' | 'team' | 'fallback';
	} | null;
	/** owners who already had this lead (Reassign): never chosen again, skipped as 'alreadyHad' */
	exclude?: ReadonlySet<string>;
	/** straight to the fallback owner (Reassign after the last hop), with this reason */
	escalate?: string | null;
}

export interface Assignment {
	owner: Owner | null;
	/** the strategy that made the choice: 'sticky' when the lead went back to its earlier owner, 'account' to its account's owner */
	strategy: StrategyName | 'account';
	/** why, in words a marketer can read */
	reason: string;
	/** true when the fallback owner got the lead */
	fallback: boolean;
	/** the rotation's turn number, when a rotation chose */
	turn: number | null;
	/** owners passed over and why */
	skipped: SkippedOwner[];
	/** the owner's working day this lead counts against, when assigned (see ownerDay) */
	day: string | null;
	/** the lead's language (BCP 47 primary subtag), when it has one this router recognises */
	language: string | null;
	/** whether the owner speaks the lead's language; null when the lead has no language or nobody got the lead */
	languageMatch: boolean | null;
	/** true when the owner got the lead for a turn given back to them (Return Turn, Reassign) */
	owedTurn?: boolean;
	/** set when an account matched: what happened and why */
	account?: { outcome: AccountOutcome; reason: string };
	/** true when the lead went to the fallback owner because it was escalated (AssignRequest.escalate) */
	escalated?: boolean;
	/** true when every eligible owner and the fallback owner already had the lead (Reassign) */
	exhausted?: boolean;
}

/** a canonical Lead, or any item JSON holding its fields (email, country, answers, …) */
export type RoutableLead = Partial<Lead> | Record<string, unknown>;

export const DEFAULT_STICKY_TTL_DAYS = 90;
const WEIGHT_UNITS = 1000;

/* ------------------------------------------------------------------------------------------ */
/* Options                                                                                      */
/* ------------------------------------------------------------------------------------------ */

function hasValue(value: unknown): boolean {
	return !(value === undefined || value === null || value === '');
}

function pickOne<T extends string>(value: unknown, allowed: readonly T[], field: string, label: string, fallback: T): T {
	if (!hasValue(value)) return fallback;
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
	throw new RoutingConfigError(field, `${label} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}.`);
}

/**
 * Checks the router settings against the (already validated) team and fills in defaults.
 * Throws a RoutingConfigError with the path of the faulty setting, e.g. `territoryRules[1].ownerIds[0]`.
 */
export function validateRoutingOptions(input: unknown, owners: readonly Owner[]): RoutingOptions {
	const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
	const strategy = pickOne(raw.strategy, STRATEGIES, 'strategy', 'The routing strategy', 'roundRobin');
	const baseStrategy = pickOne(raw.baseStrategy, ['roundRobin', 'weighted', 'territory'] as const, 'baseStrategy', 'The strategy behind sticky routing', 'roundRobin');
	const stickyBy = pickOne(raw.stickyBy, ['email', 'domain'] as const, 'stickyBy', 'Sticky by', 'email');
	const territoryOverflow = pickOne(raw.territoryOverflow, ['team', 'fallback'] as const, 'territoryOverflow', 'When nobody in the territory is available', 'team');

	let stickyTtlDays = DEFAULT_STICKY_TTL_DAYS;
	if (hasValue(raw.stickyTtlDays)) {
		const days = Number(raw.stickyTtlDays);
		if (!Number.isFinite(days) || days < 0 || days > 36500) {
			throw new RoutingConfigError('stickyTtlDays', `Remember owners for must be a number of days (0 = for good), not ${JSON.stringify(raw.stickyTtlDays)}.`);
		}
		stickyTtlDays = days;
	}

	let timeZone = 'UTC';
	if (hasValue(raw.timeZone)) {
		if (typeof raw.timeZone !== 'string' || !isValidTimeZone(raw.timeZone.trim())) {
			throw new RoutingConfigError('timeZone', `${JSON.stringify(raw.timeZone)} is not a time zone this system knows. Use a name such as Europe/Berlin.`);
		}
		timeZone = raw.timeZone.trim();
	}

	const byId = new Map(owners.map((owner) => [owner.id.toLowerCase(), owner]));
	const territoryRules: FieldRule[] = [];
	const rulesInput = raw.territoryRules;
	if (hasValue(rulesInput)) {
		if (!Array.isArray(rulesInput)) throw new RoutingConfigError('territoryRules', 'Territory rules must be a list of rules.');
		rulesInput.forEach((ruleInput: unknown, i: number) => {
			const path = `territoryRules[${i}]`;
			const rule = (typeof ruleInput === 'object' && ruleInput !== null ? ruleInput : {}) as Record<string, unknown>;
			const field = typeof rule.field === 'string' ? rule.field.trim() : '';
			if (!field) throw new RoutingConfigError(`${path}.field`, `Rule ${i + 1}: name the lead field it looks at, e.g. country or answers.Industry.`);
			const values = (Array.isArray(rule.value) ? rule.value : [rule.value]).filter(hasValue);
			if (values.length === 0 || values.some((v) => !['string', 'number', 'boolean'].includes(typeof v))) {
				throw new RoutingConfigError(`${path}.value`, `Rule ${i + 1}: give the value (or values) of ${field} that this rule matches.`);
			}
			const idsInput = Array.isArray(rule.ownerIds) ? rule.ownerIds : typeof rule.ownerIds === 'string' ? rule.ownerIds.split(',') : [];
			const ownerIds: string[] = [];
			idsInput.forEach((idInput: unknown, j: number) => {
				const id = typeof idInput === 'string' ? idInput.trim() : '';
				if (!id) return;
				const owner = byId.get(id.toLowerCase());
				if (!owner) {
					throw new RoutingConfigError(
						Array.isArray(rule.ownerIds) ? `${path}.ownerIds[${j}]` : `${path}.ownerIds`,
						`Rule ${i + 1} sends leads to "${id}", but nobody on the team has that id. Team ids: ${owners.map((o) => o.id).join(', ')}.`,
					);
				}
				if (!ownerIds.includes(owner.id)) ownerIds.push(owner.id);
			});
			if (ownerIds.length === 0) throw new RoutingConfigError(`${path}.ownerIds`, `Rule ${i + 1}: pick at least one team member who gets these leads.`);
			territoryRules.push({ field, value: values as Array<string | number | boolean>, ownerIds });
		});
	}

	let fallbackOwner: Owner | string | null = null;
	if (hasValue(raw.fallbackOwner)) {
		if (typeof raw.fallbackOwner === 'string') {
			const owner = byId.get(raw.fallbackOwner.trim().toLowerCase());
			if (!owner) {
				throw new RoutingConfigError('fallbackOwner', `The fallback owner "${raw.fallbackOwner}" is not on the team. Team ids: ${owners.map((o) => o.id).join(', ')}.`);
			}
			fallbackOwner = owner.id;
		} else {
			fallbackOwner = validateOwner(raw.fallbackOwner, 'fallbackOwner', 'The fallback owner', { timeZone });
		}
	}

	return { strategy, baseStrategy, stickyBy, stickyTtlDays, territoryRules, territoryOverflow, fallbackOwner, timeZone };
}

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                      */
/* ------------------------------------------------------------------------------------------ */

function hash(text: string, length = 32): string {
	return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/** The state key of a rotation: one per strategy and set of owners, so pools do not share turns. */
export function rotationKey(mode: 'roundRobin' | 'weighted', pool: readonly Owner[], team: readonly Owner[]): string {
	const prefix = mode === 'roundRobin' ? 'rr' : 'w';
	const isTeam = pool.length === team.length && pool.every((owner, i) => owner === team[i]);
	return isTeam ? `${prefix}:team` : `${prefix}:${hash(pool.map((o) => o.id).join('\n'), 16)}`;
}

function plural(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function listNames(names: string[], max = 6): string {
	if (names.length <= max) return names.join(', ');
	return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

function emailOf(lead: RoutableLead): string | null {
	return typeof lead.email === 'string' && lead.email.includes('@') ? lead.email.trim().toLowerCase() : null;
}

function domainOf(email: string | null): string | null {
	if (!email) return null;
	const domain = email.slice(email.lastIndexOf('@') + 1).trim();
	return domain || null;
}

/** Values of a lead field as lower-case strings; lists (multi-choice answers) give several. */
export function leadFieldValues(lead: RoutableLead, field: string): string[] {
	let value: unknown;
	if (field === 'emailDomain') value = domainOf(emailOf(lead));
	else if (field.startsWith('answers.')) {
		const answers = lead.answers as Record<string, unknown> | undefined;
		const label = field.slice('answers.'.length);
		value = answers && Object.prototype.hasOwnProperty.call(answers, label) ? answers[label] : undefined;
	} else {
		value = lead;
		for (const part of field.split('.')) {
			if (typeof value !== 'object' || value === null || !Object.prototype.hasOwnProperty.call(value, part)) {
				value = undefined;
				break;
			}
			value = (value as Record<string, unknown>)[part];
		}
	}
	const list = Array.isArray(value) ? value : [value];
	return list.filter((v) => ['string', 'number', 'boolean'].includes(typeof v)).map((v) => String(v).trim().toLowerCase()).filter((v) => v !== '');
}

function ruleMatches(rule: FieldRule, lead: RoutableLead): boolean {
	const wanted = (Array.isArray(rule.value) ? rule.value : [rule.value]).map((v) => String(v).trim().toLowerCase());
	const actual = leadFieldValues(lead, rule.field);
	if (rule.field === 'country') {
		const country = leadCountryCode(lead);
		if (country) {
			return wanted.some((w) => {
				const region = normalizeRegion(w);
				if (region) return REGIONS[region].includes(country);
				return normalizeCountry(w) === country || actual.includes(w);
			});
		}
	}
	return actual.some((value) => wanted.includes(value));
}

function describeRuleValue(rule: FieldRule): string {
	const values = Array.isArray(rule.value) ? rule.value : [rule.value];
	return values.length === 1 ? String(values[0]) : values.join(' or ');
}

interface Context {
	now: Date;
	timeZone: string;
	byId: Map<string, Owner>;
	candidate: (owner: Owner) => PickCandidate;
	skippedOwner: (id: string, code: SkipCode) => SkippedOwner;
}

function makeContext(owners: readonly Owner[], options: RoutingOptions, now: Date, exclude: ReadonlySet<string> = new Set()): Context {
	const timeZone = options.timeZone ?? 'UTC';
	const presence = new Map(owners.map((owner) => [owner.id, ownerPresence(owner, now)]));
	const byId = new Map(owners.map((owner) => [owner.id, owner]));
	return {
		now,
		timeZone,
		byId,
		candidate: (owner) => ({
			id: owner.id,
			weight: Math.max(1, Math.round(owner.weight * WEIGHT_UNITS)),
			capacity: owner.dailyCapacity,
			day: ownerDay(owner, now, timeZone),
			// one who already had the lead is as good as away for the store; the reason says which
			available: !exclude.has(owner.id) && (presence.get(owner.id)?.available ?? true),
		}),
		skippedOwner: (id, code) => {
			const owner = byId.get(id);
			const name = owner?.name ?? id;
			if (exclude.has(id)) return { id, name, code: 'alreadyHad', reason: `${name} already had this lead` };
			if (code === 'full' || !owner) return { id, name, code: 'capacity', reason: owner ? capacityReason(owner) : `${name} is full` };
			const state = presence.get(id);
			if (state && !state.available) return { id, name, code: state.code, reason: state.reason };
			return { id, name, code: 'outOfHours', reason: `${name} is not available` };
		},
	};
}

interface Pool {
	owners: Owner[];
	/** e.g. "Territory: country DE → Ana (DACH), Carl (DE)" */
	note: string;
	/** true when the pool is the whole team because nothing matched */
	wholeTeam: boolean;
}

/** `everyone` names the owners when nothing narrows them: "the whole team", "everyone who speaks Persian" */
function territoryPool(lead: RoutableLead, owners: readonly Owner[], options: RoutingOptions, everyone: string): Pool {
	const rules = options.territoryRules ?? [];
	for (let i = 0; i < rules.length; i++) {
		const rule = rules[i];
		if (!ruleMatches(rule, lead)) continue;
		const ids = new Set(rule.ownerIds);
		const pool = owners.filter((owner) => ids.has(owner.id));
		if (pool.length === 0) continue;
		return {
			owners: pool,
			note: `Territory: rule ${i + 1} (${rule.field} = ${describeRuleValue(rule)}) → ${listNames(pool.map((o) => o.name))}`,
			wholeTeam: false,
		};
	}
	const rawCountry = typeof lead.country === 'string' ? lead.country.trim() : '';
	const country = leadCountryCode(lead);
	if (country) {
		const matches: string[] = [];
		const pool = owners.filter((owner) => {
			const covering = territoryCovering(owner.territories, country);
			if (covering) matches.push(covering === country ? owner.name : `${owner.name} (${covering})`);
			return covering !== null;
		});
		if (pool.length > 0) return { owners: pool, note: `Territory: country ${country} → ${listNames(matches)}`, wholeTeam: false };
		return { owners: [...owners], note: `Territory: nobody covers country ${country}, so ${everyone}`, wholeTeam: true };
	}
	const why = rawCountry ? `the country "${rawCountry}" is not one this router recognises` : 'the lead has no country';
	const ruleNote = rules.length > 0 ? ' and no rule matched' : '';
	return { owners: [...owners], note: `Territory: ${why}${ruleNote}, so ${everyone}`, wholeTeam: true };
}

interface StickyPlan {
	key: string | null;
	/** "email ana@acme.com" / "domain acme.com" */
	label: string;
	/** when there is no key: why */
	note: string;
}

/**
 * The lead's phone in E.164 ("+989121234567"), from lead.phone and its country code; null when the
 * number is not certain (a local form without a country).
 */
export function leadPhoneE164(lead: RoutableLead): string | null {
	const phone = typeof lead.phone === 'string' ? lead.phone.trim() : '';
	if (!phone) return null;
	const country = typeof lead.countryCode === 'string' && /^[A-Za-z]{2}$/.test(lead.countryCode) ? lead.countryCode.toUpperCase() : null;
	const e164 = toE164(phone, country);
	return e164 && /^\+\d{7,15}$/.test(e164) ? e164 : null;
}

/** `c:` + the hash of "<channel>:<userId>": the person on a chat channel (Telegram, LINE and Instagram give no phone) */
function chatKeyOf(lead: RoutableLead): { key: string; channelName: string } | null {
	const chat = coerceChat(lead.chat);
	return chat ? { key: `c:${hash(`${chat.channel}:${chat.userId}`)}`, channelName: CHAT_CHANNEL_NAMES[chat.channel] } : null;
}

/**
 * The pseudonymous key of a lead across the router's state: its email, else its E.164 phone,
 * else its chat user, hashed ('e:…', 'p:…', 'c:…'). The same key sticky routing uses, so the
 * audit trail and Explain find a lead by it without the store holding the address itself. Null
 * without any.
 */
export function leadKeyOf(lead: RoutableLead): string | null {
	const email = emailOf(lead);
	if (email) return `e:${hash(email)}`;
	const phone = leadPhoneE164(lead);
	if (phone) return `p:${hash(phone)}`;
	return chatKeyOf(lead)?.key ?? null;
}

const CHAT_USER_TYPED = new RegExp(`^(${CHAT_CHANNELS.join('|')}):\\s*(\\S+)$`, 'i');

/**
 * the key Explain looks up for what a user typed: an email, a phone in E.164, a chat user as
 * `<channel>:<user id>` (`telegram:123456789`) or a key as routing.leadId shows it
 */
export function leadKeyForLookup(text: string): string | null {
	const value = text.trim();
	if (/^[epc]:[0-9a-f]{32}$/.test(value)) return value;
	if (value.includes('@')) return leadKeyOf({ email: value });
	const chatUser = CHAT_USER_TYPED.exec(value);
	if (chatUser) return leadKeyOf({ chat: { channel: chatUser[1].toLowerCase(), userId: chatUser[2] } });
	return leadKeyOf({ phone: value, countryCode: null });
}

function stickyPlan(lead: RoutableLead, options: RoutingOptions): StickyPlan {
	const email = emailOf(lead);
	if (!email) {
		// phone-only leads (ad forms, WhatsApp) stay with their owner by the number, whatever Sticky By says
		const phone = leadPhoneE164(lead);
		if (phone) return { key: `p:${hash(phone)}`, label: `phone ${phone} (no email)`, note: '' };
		// Telegram, LINE and Instagram users by their id on the channel; the label never shows the id
		const chat = chatKeyOf(lead);
		if (chat) return { key: chat.key, label: `${chat.channelName} user (no email)`, note: '' };
		return { key: null, label: '', note: 'the lead has no email address, no phone number in international form and no chat user, so nothing to match' };
	}
	if (options.stickyBy === 'domain') {
		const domain = domainOf(email);
		if (domain && !domainInSet(domain, FREE_MAIL_DOMAINS)) return { key: `d:${hash(domain)}`, label: `domain ${domain}`, note: '' };
		return { key: `e:${hash(email)}`, label: `email ${email} (${domain ?? 'its domain'} is a free email provider, so by address)`, note: '' };
	}
	return { key: `e:${hash(email)}`, label: `email ${email}`, note: '' };
}

function describeSkips(skipped: SkippedOwner[]): string {
	return skipped.length > 0 ? ` (${skipped.map((s) => s.reason).join('; ')})` : '';
}

function rotationReason(mode: 'roundRobin' | 'weighted', result: PickResult, pool: readonly Owner[], owner: Owner, skipped: SkippedOwner[]): string {
	if (mode === 'roundRobin') {
		return `Round robin: turn ${result.turn} of ${plural(pool.length, 'owner')} → ${owner.name}${describeSkips(skipped)}`;
	}
	const unavailable = new Set(skipped.map((s) => s.id));
	const total = pool.filter((o) => !unavailable.has(o.id)).reduce((sum, o) => sum + o.weight, 0);
	return `Weighted round robin: turn ${result.turn}, weight ${owner.weight} of ${Number(total.toFixed(3))} → ${owner.name}${describeSkips(skipped)}`;
}

/* ------------------------------------------------------------------------------------------ */
/* assignOwner                                                                                  */
/* ------------------------------------------------------------------------------------------ */

/**
 * Chooses the owner for one lead. `owners` comes from validateTeam and `options` from
 * validateRoutingOptions. Every choice that consumes a turn or capacity is one atomic store
 * operation, so concurrent calls (and several n8n processes on one Redis) stay exact.
 */
export async function assignOwner(
	lead: RoutableLead,
	owners: readonly Owner[],
	options: RoutingOptions,
	store: RoutingStore,
	now: Date = new Date(),
	request: AssignRequest = {},
): Promise<Assignment> {
	if (owners.length === 0) throw new RoutingConfigError('team', 'The team is empty: add at least one person who can receive leads.');
	const exclude = request.exclude ?? new Set<string>();
	const ctx = makeContext(owners, options, now, exclude);
	const base: BaseStrategy = options.strategy === 'sticky' ? options.baseStrategy ?? 'roundRobin' : options.strategy;
	const mode = base === 'weighted' ? 'weighted' : 'roundRobin';
	const notes: string[] = [];

	const language = languageCode(lead.language);
	const speaks = (owner: Owner | null): boolean | null => (language && owner ? owner.languages.includes(language) : null);
	let account: Assignment['account'];
	const done = (assignment: Omit<Assignment, 'language' | 'languageMatch'>): Assignment => {
		const out: Assignment = { ...assignment, language, languageMatch: speaks(assignment.owner) };
		if (account) out.account = account;
		return out;
	};
	const toFallback = (why: string[], skipped: SkippedOwner[], strategy: Assignment['strategy']) => fallbackAssignment(options, ctx, store, now, why, skipped, strategy, exclude, done);

	if (request.escalate) {
		const escalated = await toFallback([...notes, request.escalate], [], base);
		escalated.escalated = true;
		return escalated;
	}

	// the account's owner comes before any strategy
	if (request.account) {
		const wanted = request.account.ownerId.trim().toLowerCase();
		const accountOwner = owners.find((owner) => owner.id.toLowerCase() === wanted || owner.email?.toLowerCase() === wanted);
		const label = `Account ${request.account.label}`;
		if (!accountOwner) {
			account = { outcome: 'notOnTeam', reason: `${label}: its owner "${request.account.ownerId}" is not on the team` };
			notes.push(account.reason);
		} else if (exclude.has(accountOwner.id)) {
			account = { outcome: 'alreadyHad', reason: `${label}: its owner ${accountOwner.name} already had this lead` };
			notes.push(account.reason);
		} else {
			const candidate = ctx.candidate(accountOwner);
			const result = await store.pick({ mode: 'roundRobin', poolKey: 'acct', candidates: [candidate], sticky: null, now: now.getTime(), ignoreOwed: true });
			if (result.ownerId) {
				account = { outcome: 'accountOwner', reason: `${label} → ${accountOwner.name}` };
				return done({ owner: accountOwner, strategy: 'account', reason: [...notes, account.reason].join(' → '), fallback: false, turn: null, skipped: [], day: candidate.day });
			}
			const blocked = ctx.skippedOwner(accountOwner.id, result.skipped[0]?.code ?? 'away');
			const whenUnavailable = request.account.whenUnavailable;
			if (whenUnavailable === 'wait') {
				// the lead waits for its account owner: counted on their day, cap or not
				await store.incrementDailyCount(accountOwner.id, candidate.day);
				account = { outcome: 'waiting', reason: `${label}: ${blocked.reason}, so the lead waits for ${accountOwner.name} (Account Owner Unavailable: Wait)` };
				return done({ owner: accountOwner, strategy: 'account', reason: [...notes, account.reason].join(' → '), fallback: false, turn: null, skipped: [blocked], day: candidate.day });
			}
			if (whenUnavailable === 'fallback') {
				account = { outcome: 'fallback', reason: `${label}: ${blocked.reason}, so the fallback owner (Account Owner Unavailable: Fallback Owner)` };
				return await toFallback([...notes, `${label}: ${blocked.reason}`], [blocked], 'account');
			}
			account = { outcome: 'overflow', reason: `${label}: ${blocked.reason}, so the strategy below (Account Owner Unavailable: Team)` };
			notes.push(account.reason);
		}
	}

	let sticky: StickyPlan | null = null;
	if (options.strategy === 'sticky') {
		sticky = stickyPlan(lead, options);
		if (!sticky.key) notes.push(`Sticky: ${sticky.note}`);
	} else if (chatKeyOf(lead)) {
		// a chat conversation is one lead that comes back with every message: under any strategy its
		// later messages go to the owner the first one got, by the person's email, phone or chat user
		const plan = stickyPlan(lead, { ...options, stickyBy: 'email' });
		if (plan.key) sticky = plan;
	}
	// every pick carries the sticky request, so whichever pool finally gives the lead an owner
	// (the language's speakers, the territory, or the whole team after an overflow) is remembered
	const stickyRequest =
		sticky?.key != null
			? { key: sticky.key, ttlSeconds: Math.round((options.stickyTtlDays ?? DEFAULT_STICKY_TTL_DAYS) * 86400), team: owners.map(ctx.candidate) }
			: null;

	let firstPick: PickResult | null = null;
	const pick = async (pool: readonly Owner[]): Promise<PickResult> => {
		const result = await store.pick({ mode, poolKey: rotationKey(mode, pool, owners), candidates: pool.map(ctx.candidate), sticky: stickyRequest, now: now.getTime() });
		firstPick ??= result;
		return result;
	};

	interface Attempt {
		result: PickResult;
		pool: Pool;
		skipped: SkippedOwner[];
		notes: string[];
	}
	/** the base strategy among `members`; `everyone` names them in reasons */
	const attempt = async (members: readonly Owner[], everyone: string): Promise<Attempt> => {
		const steps: string[] = [];
		let pool: Pool = base === 'territory' ? territoryPool(lead, members, options, everyone) : { owners: [...members], note: '', wholeTeam: true };
		let result = await pick(pool.owners);
		let skipped = result.skipped.map((s) => ctx.skippedOwner(s.id, s.code));
		if (result.via === 'sticky') return { result, pool, skipped, notes: steps };
		if (pool.note) steps.push(pool.note);
		// the territory's owners are all unavailable: everyone gets a go, unless the user wants the fallback
		if (!result.ownerId && base === 'territory' && !pool.wholeTeam && (options.territoryOverflow ?? 'team') === 'team') {
			const poolSkipped = skipped;
			pool = { owners: [...members], note: '', wholeTeam: true };
			result = await pick(pool.owners);
			skipped = result.skipped.map((s) => ctx.skippedOwner(s.id, s.code));
			// say why the territory's owners were passed over unless the next step says it anyway
			const told = new Set(skipped.map((s) => s.id));
			const untold = poolSkipped.filter((s) => !told.has(s.id));
			if (result.via !== 'sticky') steps.push(`nobody there is available${describeSkips(untold)}, so ${everyone}`);
		}
		return { result, pool, skipped, notes: steps };
	};

	// the lead's language first: only those who speak it, while one of them can take the lead
	let tried: Attempt | null = null;
	let languageNote = '';
	if (language) {
		const label = `${language} (${languageName(language)})`;
		const speakers = owners.filter((owner) => owner.languages.includes(language));
		if (speakers.length === 0) languageNote = `Language ${label}: nobody on the team speaks it, so the whole team`;
		else if (speakers.length === owners.length) languageNote = `Language ${label}: everyone on the team speaks it`;
		else {
			const names = listNames(speakers.map((o) => o.name));
			tried = await attempt(speakers, `everyone who speaks ${languageName(language)}`);
			if (tried.result.ownerId) languageNote = `Language ${label}: ${names} ${speakers.length === 1 ? 'speaks' : 'speak'} it`;
			else {
				languageNote = `Language ${label}: ${names} ${speakers.length === 1 ? 'speaks' : 'speak'} it, but nobody of them is available${describeSkips(tried.skipped)}, so the whole team`;
				tried = null;
			}
		}
	}
	const final = tried ?? (await attempt(owners, 'the whole team'));
	const { result, pool, skipped } = final;

	if (result.ownerId && result.via === 'sticky') {
		const owner = ctx.byId.get(result.ownerId) as Owner;
		return done({
			owner,
			strategy: 'sticky',
			reason: `Sticky: ${sticky?.label} went to ${owner.name} before → ${owner.name}`,
			fallback: false,
			turn: null,
			skipped: [],
			day: ownerDay(owner, now, ctx.timeZone),
		});
	}
	if (sticky?.key) {
		const first = firstPick as PickResult | null;
		const remembered = first?.stickyOwnerId ? ctx.byId.get(first.stickyOwnerId) : undefined;
		if (remembered && exclude.has(remembered.id)) notes.push(`Sticky: ${sticky.label} belongs to ${remembered.name}, who already had this lead`);
		else if (remembered && first?.stickyBlocked) {
			notes.push(`Sticky: ${sticky.label} belongs to ${remembered.name}, but ${ctx.skippedOwner(remembered.id, first.stickyBlocked).reason}`);
		} else notes.push(`Sticky: first lead from ${sticky.label}`);
	}
	if (languageNote) notes.push(languageNote);
	notes.push(...final.notes);

	const strategy: StrategyName = base;
	if (result.ownerId) {
		const owner = ctx.byId.get(result.ownerId) as Owner;
		let reason = result.owedTurn
			? `Turn given back to ${owner.name} (a returned or reassigned lead): turn ${result.turn} → ${owner.name}`
			: rotationReason(mode, result, pool.owners, owner, skipped);
		if (result.stickySaved) reason += ' (remembered for next time)';
		// a re-assigned lead stays with its new owner next time
		if (sticky?.key && stickyRequest && exclude.size > 0 && !result.stickySaved) {
			await store.setSticky(sticky.key, owner.id, stickyRequest.ttlSeconds, now.getTime());
			reason += ' (remembered for next time)';
		}
		const assignment = done({
			owner,
			strategy,
			reason: [...notes, reason].join(' → '),
			fallback: false,
			turn: result.turn,
			skipped,
			day: ownerDay(owner, now, ctx.timeZone),
		});
		if (result.owedTurn) assignment.owedTurn = true;
		return assignment;
	}

	// nobody in the pool can take the lead
	return await toFallback(notes, skipped, strategy);
}

/** The fallback owner's turn: nobody in the pool could take the lead, or it was escalated. */
async function fallbackAssignment(
	options: RoutingOptions,
	ctx: Context,
	store: RoutingStore,
	now: Date,
	notes: string[],
	skipped: SkippedOwner[],
	strategy: Assignment['strategy'],
	exclude: ReadonlySet<string>,
	done: (assignment: Omit<Assignment, 'language' | 'languageMatch'>) => Assignment,
): Promise<Assignment> {
	const nobody = skipped.length > 0 ? `Nobody available${describeSkips(skipped)}` : 'Escalated';
	const unassigned = (why: string): Assignment => done({ owner: null, strategy, reason: [...notes, why].join(' → '), fallback: false, turn: null, skipped, day: null });
	const fallbackOwner = resolveFallback(options.fallbackOwner, ctx.byId);
	if (!fallbackOwner) return unassigned(`${nobody} and no fallback owner is set, so the lead stays unassigned`);
	if (exclude.has(fallbackOwner.id)) {
		// every way is tried: the lead stays with the fallback owner rather than go nowhere
		const kept = done({ owner: fallbackOwner, strategy, reason: [...notes, `${nobody}, and the fallback owner ${fallbackOwner.name} already had this lead, so it stays with them`].join(' → '), fallback: true, turn: null, skipped, day: null });
		kept.exhausted = true;
		return kept;
	}
	// the fallback is the last resort, so working hours do not apply to it; out of office and its cap do
	if (fallbackOwner.outOfOffice) return unassigned(`${nobody}, and the fallback owner ${fallbackOwner.name} is out of office, so the lead stays unassigned`);
	const day = ownerDay(fallbackOwner, now, ctx.timeZone);
	const took = await store.takeCapacity(fallbackOwner.id, day, fallbackOwner.dailyCapacity);
	if (!took) return unassigned(`${nobody}, and the fallback owner ${capacityReason(fallbackOwner)}, so the lead stays unassigned`);
	return done({
		owner: fallbackOwner,
		strategy,
		reason: [...notes, `${nobody} → fallback owner ${fallbackOwner.name}`].join(' → '),
		fallback: true,
		turn: null,
		skipped,
		day,
	});
}

function resolveFallback(fallback: RoutingOptions['fallbackOwner'], byId: Map<string, Owner>): Owner | null {
	if (!fallback) return null;
	if (typeof fallback !== 'string') return fallback;
	const direct = byId.get(fallback);
	if (direct) return direct;
	for (const owner of byId.values()) if (owner.id.toLowerCase() === fallback.toLowerCase()) return owner;
	return null;
}
