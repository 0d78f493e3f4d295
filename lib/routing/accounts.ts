/**
 * Lead-to-account matching: a lead whose company is already an account goes to that account's
 * owner. Pure, no n8n imports. API first; the matching itself follows in this file.
 */
import { RoutingConfigError } from './team';

/** An account as a user or an earlier node (CRM search) gives it; other fields are kept as they are. */
export interface AccountInput {
	id?: string | number;
	name?: string;
	/** one domain, or several comma-separated */
	domain?: string;
	domains?: string[] | string;
	website?: string;
	/** the team member id who owns the account */
	owner?: string;
	[field: string]: unknown;
}

/** A validated account. */
export interface Account {
	id: string | null;
	name: string | null;
	/** registrable domains and hosts, lower case, without www. */
	domains: string[];
	owner: string;
	/** position in the list given to buildAccountIndex */
	index: number;
	/** the account object as given */
	source: AccountInput;
}

export type AccountMatchedOn = 'emailDomain' | 'website' | 'companyName';
/**
 * exactDomain: the lead's host is an account domain; subdomain: a host under one (eu.acme.com → acme.com);
 * countryVariant: the same name under another public suffix (acme.co.uk ↔ acme.com);
 * sameName: the company names are equal once folded and stripped of legal forms; similarName: above the threshold.
 */
export type AccountMatchHow = 'exactDomain' | 'subdomain' | 'countryVariant' | 'sameName' | 'similarName';

export interface AccountCandidate {
	accountId: string | null;
	accountName: string | null;
	accountIndex: number;
	similarity: number;
}

export interface AccountMatch {
	account: Account;
	owner: string;
	matchedOn: AccountMatchedOn;
	how: AccountMatchHow;
	/** the lead's side as compared: a host ("eu.acme.com") or the folded core of the company name ("kowalski") */
	value: string;
	/** the account's side as compared: a domain or the folded core of its name */
	accountValue: string;
	/** 1 for domains and equal names; trigram similarity (Dice, 0–1) for similar names */
	similarity: number;
	/** other accounts that passed the same rule, best first (present only when there were any) */
	candidates?: AccountCandidate[];
}

/** What `routing.match` holds: what matched and how strongly, in plain JSON. */
export interface RoutingMatch {
	accountId: string | null;
	accountName: string | null;
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
	/** where the list came from, for error messages ("Accounts (JSON)" or "the input item's accounts") */
	label?: string;
}

export interface AccountIndex {
	readonly accounts: readonly Account[];
	/** account domains that are never matched (free-mail providers), with the account they came from */
	readonly ignoredDomains: ReadonlyArray<{ domain: string; accountIndex: number; reason: 'freeMail' | 'sharedHost' }>;
}

export interface MatchOptions {
	/** 0–1: how alike two company names must be (trigram Dice on the folded name without legal forms) */
	nameSimilarityThreshold: number;
}

/** The lead fields matching reads. */
export interface AccountMatchLead {
	email?: string | null;
	website?: string | null;
	company?: string | null;
	countryCode?: string | null;
}

export const DEFAULT_NAME_SIMILARITY_THRESHOLD = 0.85;

/**
 * Validates an account list and indexes it once. Errors (RoutingConfigError, field `accounts[i].owner` etc.):
 * not a list, an account that is not an object, an account without an owner, the same domain on two accounts.
 */
export function buildAccountIndex(accounts: unknown, options: AccountIndexOptions = {}): AccountIndex {
	if (!Array.isArray(accounts)) throw new RoutingConfigError('accounts', `${options.label ?? 'Accounts'} must be a list of accounts.`);
	throw new Error('buildAccountIndex: not implemented yet');
}

/** The account a lead belongs to, or null. Rules in order: email domain, website host, company name. */
export function matchAccount(index: AccountIndex, lead: AccountMatchLead, options: MatchOptions): AccountMatch | null {
	void index;
	void lead;
	void options;
	return null;
}

/** `routing.match` for a match. */
export function toRoutingMatch(match: AccountMatch, threshold: number): RoutingMatch {
	return {
		accountId: match.account.id,
		accountName: match.account.name,
		owner: match.owner,
		matchedOn: match.matchedOn,
		how: match.how,
		value: match.value,
		accountValue: match.accountValue,
		similarity: match.similarity,
		threshold,
		candidates: match.candidates ?? [],
	};
}
