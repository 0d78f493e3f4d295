/**
 * Hosts for account matching: what part of an email domain or a website is the company's,
 * by the Public Suffix List (psl, generated into lib/data/generated at build time), so that
 * eu.acme.com belongs to acme.com, acme.co.uk and acme.com.tr are "acme" under a country's
 * suffix, and a blog on acme.blogspot.com is not Blogspot's. Pure, no n8n imports.
 */
import { PUBLIC_SUFFIX_RULES } from '../../data/generated/publicSuffixes';
import { memoizeText } from '../../memo';
import { DISPOSABLE_DOMAINS, FREE_MAIL_DOMAINS, domainInSet } from '../../scoring/hygiene';

const exactSuffixes = new Set<string>();
const wildcardParents = new Set<string>();
const exceptions = new Set<string>();
for (const rule of PUBLIC_SUFFIX_RULES) {
	if (rule.startsWith('!')) exceptions.add(rule.slice(1));
	else if (rule.startsWith('*.')) wildcardParents.add(rule.slice(2));
	else exactSuffixes.add(rule);
}

/** A host split at its public suffix: `eu.acme.co.uk` → registrable `acme.co.uk`, name `acme`, suffix `co.uk`. */
export interface HostParts {
	host: string;
	registrable: string;
	/** the label left of the public suffix */
	name: string;
	suffix: string;
}

/** The Public Suffix List algorithm: the longest matching rule wins, an exception rule takes one label off its wildcard. */
function publicSuffixLength(labels: readonly string[]): number {
	for (let i = 0; i < labels.length; i++) {
		const candidate = labels.slice(i).join('.');
		if (exceptions.has(candidate)) return labels.length - i - 1;
		if (exactSuffixes.has(candidate)) return labels.length - i;
		if (i + 1 < labels.length && wildcardParents.has(labels.slice(i + 1).join('.'))) return labels.length - i;
	}
	// the list's implicit "*" rule: an unlisted top-level label is a suffix
	return 1;
}

/** The host's registrable domain and its parts, or null for a host that is itself a public suffix ("co.uk"). */
export const hostParts: (host: string) => HostParts | null = memoizeText((host: string) => {
	const labels = host.split('.');
	const suffixLength = publicSuffixLength(labels);
	if (labels.length <= suffixLength) return null;
	const nameAt = labels.length - suffixLength - 1;
	return { host, registrable: labels.slice(nameAt).join('.'), name: labels[nameAt], suffix: labels.slice(nameAt + 1).join('.') };
});

// labels of letters (any script), digits and inner hyphens; at least two labels
const HOST_SHAPE = /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * The host of a website or domain as people write it: "https://www.Acme.com/contact" → "acme.com",
 * "ACME.COM." → "acme.com", "acme.com:8080" → "acme.com"; null when it is no host name (an IP address,
 * "n/a", a single word). A leading "www." (www2., www3.) is dropped: it names the same site.
 */
export const hostOf: (text: string) => string | null = memoizeText((text: string) => {
	let host = text.trim().toLowerCase();
	const scheme = /^[a-z][a-z0-9+.-]*:\/\//.exec(host);
	if (scheme) host = host.slice(scheme[0].length);
	const end = host.search(/[/?#\s]/);
	if (end !== -1) host = host.slice(0, end);
	const userInfoEnd = host.lastIndexOf('@');
	if (userInfoEnd !== -1) host = host.slice(userInfoEnd + 1);
	host = host.replace(/:\d*$/, '').replace(/\.+$/, '').replace(/^www\d*\./, '');
	if (!HOST_SHAPE.test(host) || IPV4.test(host)) return null;
	return host;
});

/** The host of an email address's domain, or null. */
export function emailHostOf(email: string): string | null {
	const at = email.lastIndexOf('@');
	if (at < 1) return null;
	const domain = email.slice(at + 1).trim();
	return domain && !domain.includes('/') ? hostOf(domain) : null;
}

/**
 * Hosts where the path, not the host, names the business (a company's page on a social network
 * or a link-in-bio service): forms in Iran and Turkey often give an Instagram page as the website.
 * No maintained package lists them; this is the short list of those we see in leads.
 */
const SHARED_SITE_HOSTS: ReadonlySet<string> = new Set([
	'instagram.com', 'facebook.com', 'fb.com', 'linkedin.com', 'twitter.com', 'x.com', 'youtube.com', 'tiktok.com',
	't.me', 'telegram.me', 'wa.me', 'whatsapp.com', 'line.me', 'vk.com', 'aparat.com', 'linktr.ee', 'bio.link', 'google.com', 'goo.gl',
	'sites.google.com', 'business.site', 'github.com', 'medium.com', 'etsy.com', 'amazon.com', 'trendyol.com', 'allegro.pl', 'digikala.com',
]);

export type NeverMatchedReason = 'freeMail' | 'sharedHost';

/** Why a host never identifies one company (free mail, disposable mail, a shared site), or null when it may. */
export function neverMatchedReason(host: string): NeverMatchedReason | null {
	if (domainInSet(host, FREE_MAIL_DOMAINS) || domainInSet(host, DISPOSABLE_DOMAINS)) return 'freeMail';
	if (domainInSet(host, SHARED_SITE_HOSTS)) return 'sharedHost';
	return null;
}

/**
 * Second-level labels under which country registries register companies (acme.co.uk, acme.com.tr,
 * acme.co.th, acme.or.th, acme.com.sa, acme.net.pl); with a top-level country label they make a
 * "country suffix" just like a bare country label (acme.de, acme.ir, acme.pl).
 */
const COMPANY_SECOND_LEVEL_LABELS: ReadonlySet<string> = new Set(['co', 'com', 'net', 'org', 'biz', 'ltd', 'plc', 'or', 'ne']);
/** The generic top-level labels a company's main site is found under. */
const GENERIC_TOP_LEVEL_LABELS: ReadonlySet<string> = new Set(['com', 'net', 'org', 'biz', 'info']);

const isCountryLabel = (label: string) => /^[a-z]{2}$/.test(label);

/** A suffix a company's country sites are found under: a country label, optionally behind a company label (co.uk), or a generic one (com). */
export function isCountrySuffix(suffix: string): boolean {
	const labels = suffix.split('.');
	if (labels.length === 1) return isCountryLabel(labels[0]);
	return labels.length === 2 && isCountryLabel(labels[1]) && COMPANY_SECOND_LEVEL_LABELS.has(labels[0]);
}

/**
 * Whether two suffixes may hold the same company under one name: both are country or generic suffixes,
 * they differ, and at least one is a country's (acme.de ↔ acme.com, acme.co.uk ↔ acme.com.tr; not acme.net ↔ acme.com).
 */
export function areCountryVariants(suffixA: string, suffixB: string): boolean {
	if (suffixA === suffixB) return false;
	const eligible = (suffix: string) => isCountrySuffix(suffix) || GENERIC_TOP_LEVEL_LABELS.has(suffix);
	return eligible(suffixA) && eligible(suffixB) && (isCountrySuffix(suffixA) || isCountrySuffix(suffixB));
}

/**
 * Names that are free-mail or disposable providers under some suffix (yahoo, hotmail, yandex, gmx…):
 * never matched as a country variant, so yandex.com.tr cannot reach an account at yandex.com even
 * where the list lacks one spelling.
 */
let providerNames: Set<string> | undefined;
export function isMailProviderName(name: string): boolean {
	if (!providerNames) {
		providerNames = new Set<string>();
		for (const domain of FREE_MAIL_DOMAINS) {
			const parts = hostParts(domain);
			if (parts && parts.host === parts.registrable && (isCountrySuffix(parts.suffix) || GENERIC_TOP_LEVEL_LABELS.has(parts.suffix))) providerNames.add(parts.name);
		}
	}
	return providerNames.has(name);
}
