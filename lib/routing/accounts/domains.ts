/**
 * Hosts for account matching: what part of an email domain or a website is the company's,
 * by the Public Suffix List (psl, generated into lib/data/generated at build time), so that
 * eu.acme.com belongs to acme.com, acme.co.uk and acme.com.tr are "acme" under a country's
 * suffix, and a blog on acme.blogspot.com is not Blogspot's. Pure, no n8n imports.
 */
import { PUBLIC_SUFFIX_RULES } from '../../data/generated/publicSuffixes';
import { memoizeText } from '../../memo';
import { DISPOSABLE_DOMAINS, FREE_MAIL_DOMAINS } from '../../scoring/hygiene';

const exactSuffixes = new Set<string>();
const wildcardParents = new Set<string>();
const exceptions = new Set<string>();
for (const rule of PUBLIC_SUFFIX_RULES) {
	if (rule.startsWith('!')) exceptions.add(rule.slice(1));
	else if (rule.startsWith('*.')) {
		wildcardParents.add(rule.slice(2));
		// "*.kawasaki.jp" implies "kawasaki.jp" (the list's linter requires it; publicsuffix/list#1989), as psl reads it
		exactSuffixes.add(rule.slice(2));
	} else exactSuffixes.add(rule);
}

/** A host split at its public suffix: `eu.acme.co.uk` → registrable `acme.co.uk`, name `acme`, suffix `co.uk`. */
export interface HostParts {
	host: string;
	registrable: string;
	/** the label left of the public suffix */
	name: string;
	suffix: string;
}

/**
 * The host's registrable domain and its parts, or null for a host that is itself a public suffix ("co.uk").
 * The Public Suffix List algorithm: the longest matching rule wins; an exception rule ("!www.ck") takes
 * one label off its wildcard ("*.ck"); an unlisted top-level label is a suffix (the list's implicit "*").
 */
export function hostParts(host: string): HostParts | null {
	// starts[i]: where the i-th label begins, so every candidate suffix is one slice
	const starts = [0];
	for (let dot = host.indexOf('.'); dot !== -1; dot = host.indexOf('.', dot + 1)) starts.push(dot + 1);
	const labels = starts.length;
	let suffixLabels = 1;
	for (let i = 0; i < labels; i++) {
		const candidate = i === 0 ? host : host.slice(starts[i]);
		if (exceptions.has(candidate)) {
			suffixLabels = labels - i - 1;
			break;
		}
		if (exactSuffixes.has(candidate) || (i + 1 < labels && wildcardParents.has(host.slice(starts[i + 1])))) {
			suffixLabels = labels - i;
			break;
		}
	}
	if (labels <= suffixLabels) return null;
	const nameAt = labels - suffixLabels - 1;
	const suffixStart = starts[nameAt + 1];
	return { host, registrable: host.slice(starts[nameAt]), name: host.slice(starts[nameAt], suffixStart - 1), suffix: host.slice(suffixStart) };
}

// labels of letters (any script), digits and inner hyphens; at least two labels
const ASCII_HOST_SHAPE = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
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
	if (!(ASCII_HOST_SHAPE.test(host) || HOST_SHAPE.test(host)) || IPV4.test(host)) return null;
	return host;
});

/** The host of an email address's domain, or null. Most are plain lower-case ASCII and skip hostOf's clean-up. */
export function emailHostOf(email: string): string | null {
	const at = email.lastIndexOf('@');
	if (at < 1) return null;
	const domain = email.slice(at + 1);
	if (ASCII_HOST_SHAPE.test(domain) && !domain.startsWith('www') && !IPV4.test(domain)) return domain;
	const trimmed = domain.trim();
	return trimmed && !trimmed.includes('/') ? hostOf(trimmed) : null;
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

/**
 * Why a host never identifies one company (free mail, disposable mail, a shared site), or null when it may.
 * The host and every parent domain are looked up, as the hygiene check does (domainInSet): mail.yahoo.com is Yahoo's.
 */
export function neverMatchedReason(host: string): NeverMatchedReason | null {
	let domain = host;
	for (;;) {
		if (FREE_MAIL_DOMAINS.has(domain) || DISPOSABLE_DOMAINS.has(domain)) return 'freeMail';
		if (SHARED_SITE_HOSTS.has(domain)) return 'sharedHost';
		domain = domain.slice(domain.indexOf('.') + 1);
		// a bare top-level label ("com") is nobody's domain
		if (!domain.includes('.')) return null;
	}
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
