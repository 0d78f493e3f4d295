/**
 * Territories: two-letter country codes (ISO 3166-1 alpha-2) and a small table of sales regions.
 * Country names in leads and territories ("Germany", "Polska", "ایران", "USA") are turned into
 * codes by countryCodeFor (lib/lead/country.ts, names in our markets' languages), then by the
 * runtime's own region names (Intl.DisplayNames) for the European names it does not cover.
 */
import { countryCodeFor } from '../lead/country';

const EU = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'];
const EUROPE = [
	...EU,
	'AD', 'AL', 'BA', 'BY', 'CH', 'FO', 'GB', 'GG', 'GI', 'IM', 'IS', 'JE', 'LI', 'MC', 'MD', 'ME', 'MK', 'NO', 'RS', 'RU', 'SM', 'UA', 'VA', 'XK',
];
const MIDDLE_EAST = ['AE', 'BH', 'EG', 'IL', 'IQ', 'IR', 'JO', 'KW', 'LB', 'OM', 'PS', 'QA', 'SA', 'SY', 'TR', 'YE'];
const AFRICA = [
	'DZ', 'AO', 'BJ', 'BW', 'BF', 'BI', 'CV', 'CM', 'CF', 'TD', 'KM', 'CD', 'CG', 'CI', 'DJ', 'GQ', 'ER', 'SZ', 'ET', 'GA', 'GM', 'GH', 'GN', 'GW', 'KE', 'LS', 'LR', 'LY', 'MG',
	'MW', 'ML', 'MR', 'MU', 'MA', 'MZ', 'NA', 'NE', 'NG', 'RW', 'ST', 'SN', 'SC', 'SL', 'SO', 'ZA', 'SS', 'SD', 'TZ', 'TG', 'TN', 'UG', 'ZM', 'ZW',
];
const LATAM = ['AR', 'BO', 'BR', 'CL', 'CO', 'CR', 'CU', 'DO', 'EC', 'SV', 'GT', 'HN', 'MX', 'NI', 'PA', 'PY', 'PE', 'PR', 'UY', 'VE'];
const APAC = ['AU', 'BD', 'BN', 'CN', 'FJ', 'HK', 'ID', 'IN', 'JP', 'KH', 'KR', 'LA', 'LK', 'MM', 'MN', 'MO', 'MY', 'NP', 'NZ', 'PG', 'PH', 'PK', 'SG', 'TH', 'TW', 'VN'];

/**
 * Sales regions a territory may name instead of countries. Deliberately small and documented:
 * NA is the United States and Canada (Mexico is in LATAM), EMEA is Europe, the Middle East and Africa.
 */
export const REGIONS: Readonly<Record<string, readonly string[]>> = Object.freeze({
	DACH: ['DE', 'AT', 'CH'],
	BENELUX: ['BE', 'NL', 'LU'],
	NORDICS: ['DK', 'FI', 'IS', 'NO', 'SE'],
	UKI: ['GB', 'IE'],
	EU,
	EUROPE,
	MIDDLE_EAST,
	AFRICA,
	EMEA: [...EUROPE, ...MIDDLE_EAST, ...AFRICA],
	NA: ['US', 'CA'],
	LATAM,
	AMER: ['US', 'CA', ...LATAM],
	APAC,
	ANZ: ['AU', 'NZ'],
});

const REGION_ALIASES: Record<string, string> = {
	NORAM: 'NA',
	NORTHAMERICA: 'NA',
	AMERICAS: 'AMER',
	LATINAMERICA: 'LATAM',
	NORDIC: 'NORDICS',
	SCANDINAVIA: 'NORDICS',
	MIDDLEEAST: 'MIDDLE_EAST',
	MENA: 'MIDDLE_EAST',
	EUROPEANUNION: 'EU',
	ASIAPACIFIC: 'APAC',
	UKANDIRELAND: 'UKI',
};

const COUNTRY_ALIASES: Record<string, string> = {
	UK: 'GB',
	USA: 'US',
	UNITEDSTATESOFAMERICA: 'US',
	AMERICA: 'US',
	UAE: 'AE',
	ENGLAND: 'GB',
	SCOTLAND: 'GB',
	WALES: 'GB',
	NORTHERNIRELAND: 'GB',
	GREATBRITAIN: 'GB',
	HOLLAND: 'NL',
	KOREA: 'KR',
	SOUTHKOREA: 'KR',
	RUSSIA: 'RU',
	CZECHIA: 'CZ',
	DEU: 'DE',
	AUT: 'AT',
	CHE: 'CH',
	FRA: 'FR',
	GBR: 'GB',
	ESP: 'ES',
	ITA: 'IT',
	NLD: 'NL',
	BEL: 'BE',
	CAN: 'CA',
	AUS: 'AU',
	BRA: 'BR',
	MEX: 'MX',
	IND: 'IN',
	JPN: 'JP',
	CHN: 'CN',
};

function squash(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toUpperCase()
		.replace(/[^A-Z]/g, '');
}

let countryNames: Map<string, string> | null = null;

/** codes Intl names that are not countries (unions, private use, "unknown region") */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'ZZ', 'QO', 'XA', 'XB']);

/** deprecated codes (DD → DE, YU → RS) are aliases and must not claim a name */
function canonicalRegion(code: string): string | undefined {
	try {
		return new Intl.Locale(`und-${code}`).region;
	} catch {
		return undefined;
	}
}

/** Country names in a few languages marketers' forms use, built once from Intl.DisplayNames. */
function countryNameTable(): Map<string, string> {
	if (countryNames) return countryNames;
	const table = new Map<string, string>();
	const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
	for (const locale of ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt']) {
		let names: Intl.DisplayNames;
		try {
			names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
		} catch {
			continue;
		}
		for (const a of letters) {
			for (const b of letters) {
				const code = a + b;
				if (NOT_COUNTRIES.has(code) || canonicalRegion(code) !== code) continue;
				let name: string | undefined;
				try {
					name = names.of(code);
				} catch {
					name = undefined;
				}
				if (!name || name === code) continue;
				const key = squash(name);
				if (key && !table.has(key)) table.set(key, code);
			}
		}
	}
	countryNames = table;
	return table;
}

let knownCodes: Set<string> | null = null;

function isKnownCountryCode(code: string): boolean {
	if (!knownCodes) {
		knownCodes = new Set(countryNameTable().values());
		for (const list of Object.values(REGIONS)) for (const c of list) knownCodes.add(c);
	}
	return knownCodes.has(code);
}

/** "de", "DE", "Germany", "Deutschland", "USA" → "DE"/"US"; anything unrecognised → null. */
export function normalizeCountry(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const trimmed = value.trim();
	if (!trimmed) return null;
	if (/^[A-Za-z]{2}$/.test(trimmed)) {
		const code = trimmed.toUpperCase();
		return code === 'UK' ? 'GB' : code;
	}
	const code = countryCodeFor(trimmed);
	if (code) return code;
	const key = squash(trimmed);
	if (!key) return null;
	return COUNTRY_ALIASES[key] ?? countryNameTable().get(key) ?? null;
}

/**
 * The lead's country code: its `countryCode` (ISO alpha-2, set by the intake from the country as
 * written or the phone number) when present, else its `country` as written.
 */
export function leadCountryCode(lead: { countryCode?: unknown; country?: unknown }): string | null {
	if (typeof lead.countryCode === 'string' && /^[A-Za-z]{2}$/.test(lead.countryCode.trim())) return normalizeCountry(lead.countryCode);
	return normalizeCountry(lead.country);
}

/** The region key for a name such as "emea", "North America" or "DACH", else null. */
export function normalizeRegion(value: string): string | null {
	const key = value
		.trim()
		.toUpperCase()
		.replace(/[\s&-]+/g, '_');
	if (key in REGIONS) return key;
	const squashed = squash(value);
	if (squashed in REGIONS) return squashed;
	return REGION_ALIASES[squashed] ?? null;
}

/**
 * One territory entry as typed by a user → its canonical form (a region key or a country code),
 * or null when it is neither.
 */
export function normalizeTerritory(value: string): string | null {
	const region = normalizeRegion(value);
	if (region) return region;
	const country = normalizeCountry(value);
	// a country whose code is also a region key (NA: Namibia) cannot be told apart from the region
	if (country && isKnownCountryCode(country) && !(country in REGIONS)) return country;
	return null;
}

/** Country codes covered by canonical territories (regions expanded). */
export function expandTerritories(territories: readonly string[]): Set<string> {
	const countries = new Set<string>();
	for (const territory of territories) {
		const region = REGIONS[territory];
		if (region) for (const code of region) countries.add(code);
		else countries.add(territory);
	}
	return countries;
}

/** Which of the owner's territories covers the country (for the reason text), or null. */
export function territoryCovering(territories: readonly string[], country: string): string | null {
	for (const territory of territories) {
		const region = REGIONS[territory];
		if (region ? region.includes(country) : territory === country) return territory;
	}
	return null;
}
