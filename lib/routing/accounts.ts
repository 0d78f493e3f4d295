/**
 * Lead-to-account matching: a lead whose company is already an account goes to that account's
 * owner. Pure, no n8n imports.
 *
 * Rules, first that answers wins (exact before approximate, the lead's email before what it typed):
 * 1. **Email domain**, exactly an account domain or under one (`jo@eu.acme.com` → `acme.com`).
 * 2. **Website host**, the same way (`https://www.acme.com/contact` → `acme.com`).
 * 3. **Email domain, country variant**: the same name under another country's suffix
 *    (`acme.de`, `acme.co.uk`, `acme.com.tr` ↔ `acme.com`), when exactly one account has that name.
 * 4. **Website host, country variant**, likewise.
 * 5. **Company name**, folded and without legal forms (lib/routing/accounts/names.ts): equal names
 *    (similarity 1), else the most similar name at or above the threshold (trigram Dice).
 * Ties within a rule: higher similarity, then the account listed first. Free-mail and disposable
 * domains never match, on either side; nor do shared sites (an Instagram page as a website).
 * A domain belongs to one account: its subdomains may belong to others (`eu.acme.com`), most specific first.
 */
import { areCountryVariants, emailHostOf, hostOf, hostParts, neverMatchedReason, type NeverMatchedReason } from './accounts/domains';
import { companyNameKey, NameIndex } from './accounts/names';
import { RoutingConfigError } from './team';

/** An account as a user or an earlier node (a CRM search) gives it; other fields are kept as they are. */
export interface AccountInput {
	id?: string | number;
	name?: string;
	/** one domain, or several comma-separated */
	domain?: string;
	domains?: string[] | string;
	website?: string;
	/** the team member id who owns the account */
	owner?: string | number;
	[field: string]: unknown;
}

/** A validated account. */
export interface Account {
	id: string | null;
	name: string | null;
	/** hosts from domain, domains and website: lower case, without scheme, path or www. */
	domains: string[];
	owner: string;
	/** position in the list given to buildAccountIndex (0-based) */
	index: number;
	/** the account object as given */
	source: AccountInput;
}

export type AccountMatchedOn = 'emailDomain' | 'website' | 'companyName';
/**
 * exactDomain: the lead's host is an account domain; subdomain: a host under one (eu.acme.com → acme.com);
 * countryVariant: the same name under another country's suffix (acme.co.uk ↔ acme.com);
 * sameName: the company names are equal once folded and stripped of legal forms; similarName: at or above the threshold.
 */
export type AccountMatchHow = 'exactDomain' | 'subdomain' | 'countryVariant' | 'sameName' | 'similarName';

export interface AccountCandidate {
	accountId: string | null;
	accountName: string | null;
	/** 0-based position in the account list */
	accountIndex: number;
	similarity: number;
}

export interface AccountMatch {
	account: Account;
	owner: string;
	matchedOn: AccountMatchedOn;
	how: AccountMatchHow;
	/** the lead's side: the host compared ("eu.acme.com"), or the company as the lead wrote it */
	value: string;
	/** the account's side: the account domain, or the account's name as given */
	accountValue: string;
	/** 1 for domains and equal names; trigram similarity (Dice, 0–1) for similar names */
	similarity: number;
	/** other accounts that passed the same rule, best first (at most MAX_CANDIDATES; present only when there were any) */
	candidates?: AccountCandidate[];
}

/** What `routing.match` holds: what matched and how strongly, in plain JSON. */
export interface RoutingMatch {
	accountId: string | null;
	accountName: string | null;
	/** 0-based position in the account list */
	accountIndex: number;
	owner: string;
	matchedOn: AccountMatchedOn;
	how: AccountMatchHow;
	value: string;
	accountValue: string;
	similarity: number;
	/** the similarity a name needed (the node's setting) */
	threshold: number;
	/** other accounts that passed the same rule, best first */
	candidates: AccountCandidate[];
}

export interface AccountIndexOptions {
	/** what the list is called in error messages ("Accounts (JSON)", "The item's accounts"); default "Accounts" */
	label?: string;
	/** field path prefix in errors; default "accounts" */
	field?: string;
	/** when given, every account's owner must be one of these team member ids */
	ownerIds?: readonly string[];
	/**
	 * Where each field is in an account, as a dot path, for lists shaped by a CRM search
	 * (HubSpot: `{ name: 'properties.name', domains: 'properties.domain', owner: 'properties.hubspot_owner_id' }`).
	 * Defaults: id, name, domain and domains, website, owner.
	 */
	fields?: AccountFieldPaths;
}

export interface AccountFieldPaths {
	id?: string;
	name?: string;
	/** one path to a domain, a list of domains or a comma-separated text; by default both `domain` and `domains` are read */
	domains?: string;
	website?: string;
	owner?: string;
}

/** A value at a dot path of an object, reading own properties only (never a prototype's). */
function valueAt(source: object, path: string): unknown {
	let value: unknown = source;
	for (const key of path.split('.')) {
		if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

export interface IgnoredAccountDomain {
	domain: string;
	accountIndex: number;
	reason: NeverMatchedReason;
}

export interface AccountIndex {
	readonly accounts: readonly Account[];
	/** account domains that are never matched (free mail, disposable mail, shared sites), with the account they came from */
	readonly ignoredDomains: readonly IgnoredAccountDomain[];
	/** @internal host → account position */
	readonly byHost: ReadonlyMap<string, number>;
	/** @internal registrable name label → the registrable domains with that name, for country variants */
	readonly byDomainName: ReadonlyMap<string, ReadonlyArray<{ account: number; registrable: string; suffix: string }>>;
	/** @internal account names by key and by trigram */
	readonly names: NameIndex;
}

export interface MatchOptions {
	/** 0 < t ≤ 1: how alike two company names must be (trigram Dice on the folded name without legal forms) */
	nameSimilarityThreshold: number;
}

/** The lead fields matching reads. */
export interface AccountMatchLead {
	email?: string | null;
	website?: string | null;
	company?: string | null;
}

/** One letter different in an eight-letter name scores 0.75, in a fifteen-letter name about 0.87. */
export const DEFAULT_NAME_SIMILARITY_THRESHOLD = 0.8;
export const MAX_CANDIDATES = 5;
/** a bound on the one-time work a node execution may be asked for */
export const MAX_ACCOUNTS = 1_000_000;

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'string') return `"${value.length > 60 ? `${value.slice(0, 57)}...` : value}"`;
	return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

function optionalText(value: unknown, field: string, who: string, what: string): string | null {
	if (value === undefined || value === null) return null;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') throw new RoutingConfigError(field, `${who}: ${what} must be text, not ${describe(value)}.`);
	return value.trim() || null;
}

function domainTexts(value: unknown, field: string, who: string): string[] {
	if (value === undefined || value === null || value === '') return [];
	const list = typeof value === 'string' ? value.split(/[,;\s]+/) : value;
	if (!Array.isArray(list)) throw new RoutingConfigError(field, `${who}: domains must be a list of domains or a comma-separated text, not ${describe(value)}.`);
	return list.map((entry, i) => {
		if (typeof entry !== 'string') throw new RoutingConfigError(`${field}[${i}]`, `${who}: each domain must be text, not ${describe(entry)}.`);
		return entry;
	}).filter((entry) => entry.trim() !== '');
}

/**
 * Validates an account list and indexes it once; matchAccount then costs a few hash lookups per lead.
 * Errors (RoutingConfigError; `field` is the path, e.g. `accounts[2].owner`): not a list, an account that
 * is not an object, no owner, an owner not on the team (with `ownerIds`), a domain that is no host name,
 * an account with nothing to match on, the same domain on two accounts.
 */
export function buildAccountIndex(accounts: unknown, options: AccountIndexOptions = {}): AccountIndex {
	const label = options.label ?? 'Accounts';
	const root = options.field ?? 'accounts';
	if (!Array.isArray(accounts)) throw new RoutingConfigError(root, `${label} must be a list of accounts (a JSON array of objects with owner and name, domains or website), not ${describe(accounts)}.`);
	if (accounts.length > MAX_ACCOUNTS) throw new RoutingConfigError(root, `${label}: at most ${MAX_ACCOUNTS.toLocaleString('en-US')} accounts, not ${accounts.length.toLocaleString('en-US')}.`);
	const teamIds = options.ownerIds ? new Set(options.ownerIds) : null;
	const fields = options.fields ?? {};
	const paths = { id: fields.id || 'id', name: fields.name || 'name', website: fields.website || 'website', owner: fields.owner || 'owner' };
	const domainPaths = fields.domains ? [fields.domains] : ['domain', 'domains'];
	const validated: Account[] = [];
	const byHost = new Map<string, number>();
	const byDomainName = new Map<string, Array<{ account: number; registrable: string; suffix: string }>>();
	const names = new NameIndex();
	const ignoredDomains: IgnoredAccountDomain[] = [];
	const whoOf = (index: number, name: string | null, id: string | null) => `${label}: account ${index + 1}${name ? ` ("${name}")` : id ? ` (id ${id})` : ''}`;

	for (let index = 0; index < accounts.length; index++) {
		const raw = accounts[index] as unknown;
		const field = `${root}[${index}]`;
		if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new RoutingConfigError(field, `${label}: account ${index + 1} must be an object, not ${describe(raw)}.`);
		const source = raw as AccountInput;
		const bare = whoOf(index, null, null);
		const id = optionalText(valueAt(source, paths.id), `${field}.${paths.id}`, bare, 'id');
		const name = optionalText(valueAt(source, paths.name), `${field}.${paths.name}`, bare, 'name');
		const who = whoOf(index, name, id);
		const owner = optionalText(valueAt(source, paths.owner), `${field}.${paths.owner}`, who, 'owner');
		if (!owner) throw new RoutingConfigError(`${field}.${paths.owner}`, `${who} has no owner: give the id of the team member who owns it${paths.owner === 'owner' ? '' : ` (at ${paths.owner})`}.`);
		if (teamIds && !teamIds.has(owner)) throw new RoutingConfigError(`${field}.${paths.owner}`, `${who}: owner "${owner}" is not on the team. Team ids: ${[...teamIds].join(', ')}.`);

		const hosts: string[] = [];
		const hostFields = new Map<string, string>();
		const written = domainPaths.flatMap((path) => domainTexts(valueAt(source, path), `${field}.${path}`, who).map((text) => ({ text, field: `${field}.${path}` })));
		const website = optionalText(valueAt(source, paths.website), `${field}.${paths.website}`, who, 'website');
		if (website) written.push({ text: website, field: `${field}.${paths.website}` });
		for (const { text, field: hostField } of written) {
			const host = hostOf(text);
			if (!host) throw new RoutingConfigError(hostField, `${who}: ${describe(text)} is not a domain or website (expected e.g. acme.com or https://www.acme.com).`);
			if (!hostFields.has(host)) {
				hosts.push(host);
				hostFields.set(host, hostField);
			}
		}
		const nameKey = name ? companyNameKey(name) : '';
		if (hosts.length === 0 && !nameKey) throw new RoutingConfigError(field, `${who} has nothing to match leads on: give it a name, domains or a website.`);

		validated.push({ id, name, domains: hosts, owner, index, source });
		names.add(nameKey, index);
		for (const host of hosts) {
			const reason = neverMatchedReason(host);
			if (reason) {
				ignoredDomains.push({ domain: host, accountIndex: index, reason });
				continue;
			}
			const holder = byHost.get(host);
			if (holder !== undefined && holder !== index) {
				const first = validated[holder];
				throw new RoutingConfigError(
					hostFields.get(host) ?? `${field}.domains`,
					`${label}: accounts ${holder + 1}${first.name ? ` ("${first.name}")` : ''} and ${index + 1}${name ? ` ("${name}")` : ''} both have the domain ${host}. A domain belongs to one account: remove it from one of them (a subdomain such as eu.${host} may belong to another account).`,
				);
			}
			byHost.set(host, index);
			const parts = hostParts(host);
			if (parts && parts.host === parts.registrable) {
				const sameName = byDomainName.get(parts.name);
				const entry = { account: index, registrable: parts.registrable, suffix: parts.suffix };
				if (sameName) sameName.push(entry);
				else byDomainName.set(parts.name, [entry]);
			}
		}
	}
	return { accounts: validated, ignoredDomains, byHost, byDomainName, names };
}

/** The account holding this host or a domain above it, most specific first, up to the registrable domain. */
function accountOfHost(index: AccountIndex, host: string, registrable: string): { account: number; domain: string } | null {
	let current = host;
	for (;;) {
		const account = index.byHost.get(current);
		if (account !== undefined) return { account, domain: current };
		if (current === registrable) return null;
		const dot = current.indexOf('.');
		if (dot === -1) return null;
		current = current.slice(dot + 1);
	}
}

interface HostCheck {
	host: string;
	registrable: string;
	name: string;
	suffix: string;
}

function checkedHost(host: string | null): HostCheck | null {
	if (!host || neverMatchedReason(host)) return null;
	const parts = hostParts(host);
	return parts ? { host, registrable: parts.registrable, name: parts.name, suffix: parts.suffix } : null;
}

function candidateOf(index: AccountIndex, account: number, similarity: number): AccountCandidate {
	const { id, name } = index.accounts[account];
	return { accountId: id, accountName: name, accountIndex: account, similarity };
}

function domainMatch(index: AccountIndex, matchedOn: AccountMatchedOn, host: HostCheck): AccountMatch | null {
	const found = accountOfHost(index, host.host, host.registrable);
	if (!found) return null;
	const account = index.accounts[found.account];
	return { account, owner: account.owner, matchedOn, how: found.domain === host.host ? 'exactDomain' : 'subdomain', value: host.host, accountValue: found.domain, similarity: 1 };
}

/** A country variant held by exactly one account; several accounts with the name leave it to the company name. */
function variantMatch(index: AccountIndex, matchedOn: AccountMatchedOn, host: HostCheck): AccountMatch | null {
	const sameName = index.byDomainName.get(host.name);
	if (!sameName) return null;
	let chosen: { account: number; registrable: string } | null = null;
	for (const entry of sameName) {
		if (!areCountryVariants(host.suffix, entry.suffix)) continue;
		if (chosen && chosen.account !== entry.account) return null;
		chosen ??= entry;
	}
	if (!chosen) return null;
	const account = index.accounts[chosen.account];
	return { account, owner: account.owner, matchedOn, how: 'countryVariant', value: host.registrable, accountValue: chosen.registrable, similarity: 1 };
}

function nameMatch(index: AccountIndex, company: string, threshold: number): AccountMatch | null {
	const key = companyNameKey(company);
	if (!key) return null;
	const equal = index.names.equal(key);
	let ranked: Array<{ account: number; similarity: number }>;
	if (equal.length > 0) ranked = equal.map((account) => ({ account, similarity: 1 }));
	else {
		const similar = index.names.similar(key, threshold);
		if (similar.length === 0) return null;
		// an account may hold several similar keys in future; keep its best only
		const seen = new Set<number>();
		ranked = [];
		for (const { entry, similarity } of similar) {
			if (seen.has(entry)) continue;
			seen.add(entry);
			ranked.push({ account: entry, similarity });
		}
	}
	const [best, ...others] = ranked;
	const account = index.accounts[best.account];
	const match: AccountMatch = {
		account,
		owner: account.owner,
		matchedOn: 'companyName',
		how: equal.length > 0 ? 'sameName' : 'similarName',
		value: company.trim(),
		accountValue: account.name ?? '',
		similarity: best.similarity,
	};
	if (others.length > 0) match.candidates = others.slice(0, MAX_CANDIDATES).map(({ account: other, similarity }) => candidateOf(index, other, similarity));
	return match;
}

function validThreshold(options: MatchOptions): number {
	const threshold = options?.nameSimilarityThreshold;
	if (typeof threshold !== 'number' || !(threshold > 0 && threshold <= 1)) {
		throw new RoutingConfigError('nameSimilarityThreshold', `Name similarity threshold must be a number above 0 and at most 1 (e.g. ${DEFAULT_NAME_SIMILARITY_THRESHOLD}), not ${describe(threshold)}.`);
	}
	return threshold;
}

/** The account a lead belongs to, or null when none is clear. Rules and ties: see the top of this file. */
export function matchAccount(index: AccountIndex, lead: AccountMatchLead, options: MatchOptions): AccountMatch | null {
	const threshold = validThreshold(options);
	const emailHost = typeof lead.email === 'string' ? checkedHost(emailHostOf(lead.email)) : null;
	const websiteHost = typeof lead.website === 'string' && lead.website ? checkedHost(hostOf(lead.website)) : null;
	if (emailHost) {
		const match = domainMatch(index, 'emailDomain', emailHost);
		if (match) return match;
	}
	if (websiteHost) {
		const match = domainMatch(index, 'website', websiteHost);
		if (match) return match;
	}
	if (emailHost) {
		const match = variantMatch(index, 'emailDomain', emailHost);
		if (match) return match;
	}
	if (websiteHost) {
		const match = variantMatch(index, 'website', websiteHost);
		if (match) return match;
	}
	return typeof lead.company === 'string' && lead.company.trim() ? nameMatch(index, lead.company, threshold) : null;
}

/** `routing.match` for a match. */
export function toRoutingMatch(match: AccountMatch, threshold: number): RoutingMatch {
	return {
		accountId: match.account.id,
		accountName: match.account.name,
		accountIndex: match.account.index,
		owner: match.owner,
		matchedOn: match.matchedOn,
		how: match.how,
		value: match.value,
		accountValue: match.accountValue,
		similarity: Math.round(match.similarity * 1000) / 1000,
		threshold,
		candidates: (match.candidates ?? []).map((candidate) => ({ ...candidate, similarity: Math.round(candidate.similarity * 1000) / 1000 })),
	};
}
