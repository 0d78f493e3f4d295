/**
 * Languages of leads and of team members as BCP 47 primary subtags ("fa", "ar", "pl", "tr", "th",
 * "en"). Members may write a code ("fa", "fa-IR", "fas") or a name in any of our markets'
 * languages ("Persian", "فارسی", "Farsça", "polski", "ภาษาไทย"); names come from the runtime's
 * own CLDR data (Intl.DisplayNames), so no list of names ships with the package.
 */
import { foldKey } from '../text/fold';

/** locales whose language names a team member may type: our markets' languages, English and a few European ones */
const NAME_LOCALES = ['en', 'fa', 'ar', 'pl', 'tr', 'th', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'ru'];

/** words for "language" that people put before a language's name: "ภาษาไทย", "زبان فارسی", "اللغة العربية", "język polski" */
const LANGUAGE_WORDS = ['ภาษา', 'زبان', 'اللغة', 'language', 'język'].map(foldKey);

/** names people use that CLDR does not list: Iranians writing in English often say "Farsi" */
const NAME_ALIASES: Record<string, string> = { farsi: 'fa' };

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

let names: Map<string, string> | null = null;
let englishNames: Intl.DisplayNames | null = null;

function english(): Intl.DisplayNames {
	englishNames ??= new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
	return englishNames;
}

/** a language the runtime can name, so "xx" or "zz" do not pass for one */
function isKnownLanguage(code: string): boolean {
	try {
		const name = english().of(code);
		return name !== undefined && name !== code;
	} catch {
		return false;
	}
}

/** folded name → code, built once from Intl.DisplayNames in NAME_LOCALES and each language's own name */
function nameTable(): Map<string, string> {
	if (names) return names;
	const table = new Map<string, string>();
	const codes: string[] = [];
	for (const a of LETTERS) for (const b of LETTERS) if (isKnownLanguage(a + b)) codes.push(a + b);
	const add = (name: string | undefined, code: string) => {
		if (!name || name === code) return;
		const key = foldKey(name);
		if (key && !table.has(key)) table.set(key, code);
	};
	for (const locale of NAME_LOCALES) {
		const display = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' });
		for (const code of codes) add(display.of(code), code);
	}
	for (const code of codes) {
		try {
			add(new Intl.DisplayNames([code], { type: 'language', fallback: 'none' }).of(code), code);
		} catch {
			// a language the runtime has no locale data for keeps its names in other languages
		}
	}
	for (const [alias, code] of Object.entries(NAME_ALIASES)) if (!table.has(alias)) table.set(alias, code);
	names = table;
	return table;
}

function fromCode(text: string): string | null {
	if (!/^[a-z]{2,3}(?:[-_][a-z0-9]{1,8})*$/i.test(text)) return null;
	let language: string;
	try {
		language = new Intl.Locale(text.replace(/_/g, '-')).language;
	} catch {
		return null;
	}
	return isKnownLanguage(language) ? language : null;
}

/**
 * "fa", "FA-ir", "fas", "Persian", "فارسی", "Farsça" → "fa"; "ภาษาไทย" → "th"; anything that is
 * not a language this runtime knows → null.
 */
export function languageCode(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const text = value.trim();
	if (!text) return null;
	const key = foldKey(text);
	if (!key) return null;
	const table = nameTable();
	const named = table.get(key);
	if (named) return named;
	for (const word of LANGUAGE_WORDS) {
		if (key.startsWith(word) && key.length > word.length) {
			const rest = table.get(key.slice(word.length));
			if (rest) return rest;
		}
	}
	return fromCode(text);
}

/** "fa" → "Persian", for reasons a marketer reads */
export function languageName(code: string): string {
	try {
		return english().of(code) ?? code;
	} catch {
		return code;
	}
}
