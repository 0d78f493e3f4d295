/**
 * The language a lead wrote in, as a BCP 47 primary subtag ("fa", "ar", "pl", "tr", "th", "en",
 * "de"…), for routing a lead to someone who speaks it. Read, first that answers:
 * 1. a language the submission names: the lead's own `language`, or a `language` / `locale` /
 *    `lang` field of the form ("fa-IR", "de_DE", "Persian", "فارسی");
 * 2. the script of what was written: Thai → th; Arabic script → Persian when its Persian letters
 *    (پ چ ژ گ, ی and ک, Persian digits) outweigh the Arabic ones (ي ك ة ى, Arabic-Indic digits),
 *    Arabic when the Arabic ones do, unclear when neither does (a name like "محمد");
 * 3. Latin text: letters only one of our languages has (ą ł ż → Polish, ğ ı ş → Turkish, ß →
 *    German, ñ → Spanish, ã õ → Portuguese) and common words of form labels and answers, but only
 *    when one language clearly leads; names, companies, addresses and contact details do not
 *    count here (a "Müller" fills English forms too);
 * 4. the browser's Accept-Language header, when the form was posted by the lead's browser.
 * Anything unclear stays null. Pure, no n8n imports.
 */
import { memoizeText } from '../memo';
import { languageCode } from '../routing/language';
import { foldWords } from '../text/fold';
import { labelMeaning } from './labels';
import type { Lead } from './types';

/** Labels of a field that names the form's or the lead's language, folded (foldWords). */
const LANGUAGE_LABELS = new Set(
	['language', 'locale', 'lang', 'form language', 'preferred language', 'hs_language', 'sprache', 'langue', 'idioma', 'lingua', 'taal', 'język', 'dil', 'زبان', 'اللغة', 'ภาษา'].map((label) => foldWords(label)),
);

/**
 * Words common in forms (and, for chats, greetings and first messages) of one Latin-script language and not in the others, folded
 * (foldWords: no accents, Turkish ı as i). Each distinct word counts once per text, at most three per language.
 */
const LATIN_WORDS: Record<string, readonly string[]> = {
	en: ['the', 'and', 'your', 'you', 'with', 'what', 'how', 'please', 'first', 'last', 'company', 'phone', 'message', 'employees', 'size', 'job', 'title', 'country', 'would', 'like', 'our', 'we', 'work', 'business', 'full', 'hello', 'interested', 'thanks'],
	de: ['und', 'der', 'das', 'ihre', 'ihr', 'mit', 'fur', 'vorname', 'nachname', 'unternehmen', 'nachricht', 'mitarbeiter', 'mitarbeitende', 'anzahl', 'bitte', 'ich', 'wir', 'nicht', 'ein', 'eine', 'zu', 'von'],
	fr: ['les', 'et', 'votre', 'vous', 'avec', 'pour', 'prenom', 'entreprise', 'societe', 'telephone', 'pays', 'employes', 'salaries', 'je', 'nous', 'une', 'est', 'demander', 'devis'],
	es: ['el', 'los', 'las', 'y', 'usted', 'nombre', 'apellido', 'apellidos', 'mensaje', 'empleados', 'correo', 'yo', 'nosotros', 'por', 'es', 'solicitar', 'presupuesto'],
	pt: ['os', 'seu', 'voce', 'com', 'sobrenome', 'telefone', 'mensagem', 'funcionarios', 'colaboradores', 'eu', 'uma', 'nao', 'orcamento'],
	it: ['gli', 'tuo', 'tua', 'suo', 'per', 'cognome', 'azienda', 'messaggio', 'paese', 'dipendenti', 'ruolo', 'io', 'noi', 'della', 'di', 'che', 'preventivo'],
	nl: ['het', 'een', 'uw', 'jouw', 'voor', 'naam', 'voornaam', 'achternaam', 'bedrijf', 'bedrijfsnaam', 'telefoonnummer', 'bericht', 'medewerkers', 'werknemers', 'functie', 'ik', 'wij', 'niet', 'van', 'offerte'],
	pl: ['w', 'z', 'na', 'imie', 'nazwisko', 'nazwa', 'wiadomosc', 'kraj', 'stanowisko', 'liczba', 'pracownikow', 'jestem', 'prosze', 'oraz', 'firmy', 'sluzbowy', 'dzien', 'dobry', 'czesc', 'dziekuje', 'interesuje', 'mnie', 'chcialbym', 'chcialabym', 'kosztuje'],
	tr: ['ve', 'bir', 'bu', 'icin', 'ile', 'adiniz', 'soyad', 'soyadi', 'sirket', 'adi', 'mesaj', 'ulke', 'unvan', 'calisan', 'sayisi', 'e posta', 'adresi', 'lutfen', 'degil', 'biz', 'cep', 'telefonu', 'merhaba', 'selam', 'tesekkurler', 'tesekkur', 'ederim', 'ilgileniyorum', 'istiyorum', 'fiyat', 'fiyati'],
};

/** Letters only one of our Latin-script languages writes (lower case, as typed). */
const LATIN_LETTERS: ReadonlyArray<readonly [string, RegExp]> = [
	['pl', /[ąćęłńśźż]/],
	['tr', /[ğış]|İ/],
	['de', /ß/],
	['es', /[ñ¿¡]/],
	['pt', /[ãõ]/],
	['fr', /[œùûêè]/],
];

/** Each language one counter slot, so that a lead's evidence adds up without a map per lead. */
const LANGUAGES = ['en', 'de', 'fr', 'es', 'pt', 'it', 'nl', 'pl', 'tr', 'fa', 'ar', 'th', 'he', 'el', 'ru', 'uk', 'ko', 'ja', 'hi'] as const;
const SLOT = new Map<string, number>(LANGUAGES.map((language, index) => [language, index]));
const FIRST_SCRIPT_SLOT = SLOT.get('fa') as number;
const FA = SLOT.get('fa') as number;
const AR = SLOT.get('ar') as number;

const WORD_LANGUAGE = new Map<string, number>();
for (const [language, words] of Object.entries(LATIN_WORDS)) for (const word of words) WORD_LANGUAGE.set(word, SLOT.get(language) as number);

/** Distinct common words of one language that count in one text. */
const MAX_WORDS_PER_TEXT = 3;

/** Evidence as [slot, weight, slot, weight, …]; shared and never changed. */
type Evidence = readonly number[];
const NONE: Evidence = Object.freeze([]);

const NOT_LATIN = /[^\u0000-\u024f\u1e00-\u1eff\u2000-\u206f]/;
const ARABIC_SCRIPT = /[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/;
const PERSIAN_ONLY = /[\u067e\u0686\u0698\u06af]/g; // پ چ ژ گ
const PERSIAN_FORMS = /[\u06cc\u06a9\u06f0-\u06f9]/g; // ی ک ۰–۹
const ARABIC_ONLY = /[\u0629]/g; // ة
const ARABIC_FORMS = /[\u064a\u0643\u0649\u0660-\u0669]/g; // ي ك ى ٠–٩
const OTHER_SCRIPTS: ReadonlyArray<readonly [string, RegExp]> = [
	['th', /[\u0e00-\u0e7f]/],
	['he', /[\u0590-\u05ff]/],
	['el', /[\u0370-\u03ff]/],
	['uk', /[іїєґІЇЄҐ]/],
	['ru', /[ыэЫЭ]/],
	['ko', /[\uac00-\ud7af\u1100-\u11ff]/],
	['ja', /[\u3040-\u30ff]/],
	['hi', /[\u0900-\u097f]/],
];

function count(text: string, pattern: RegExp): number {
	return text.match(pattern)?.length ?? 0;
}

/** What the script of a text says: any text, names included. */
function scriptEvidence(text: string): number[] {
	if (!NOT_LATIN.test(text)) return [];
	const evidence: number[] = [];
	if (ARABIC_SCRIPT.test(text)) {
		const persian = 2 * count(text, PERSIAN_ONLY) + count(text, PERSIAN_FORMS);
		const arabic = 2 * count(text, ARABIC_ONLY) + count(text, ARABIC_FORMS);
		if (persian) evidence.push(FA, persian);
		if (arabic) evidence.push(AR, arabic);
	}
	for (const [language, pattern] of OTHER_SCRIPTS) if (pattern.test(text)) evidence.push(SLOT.get(language) as number, 2);
	return evidence;
}

/** The script evidence of a name, a company, an address: never its Latin words or letters. */
const scriptOnly: (text: string) => Evidence = memoizeText((text: string) => {
	const evidence = scriptEvidence(text);
	return evidence.length ? Object.freeze(evidence) : NONE;
}, 10_000, 500);

/** Everything a text the form or the lead wrote says: script, distinctive letters, common words. */
const allEvidence: (text: string) => Evidence = memoizeText((text: string) => {
	const evidence = scriptEvidence(text);
	const lower = text.toLowerCase();
	for (const [language, pattern] of LATIN_LETTERS) if (pattern.test(lower)) evidence.push(SLOT.get(language) as number, 2);
	const folded = foldWords(text);
	if (folded) {
		const seenWords = new Set<string>();
		const perLanguage = new Map<number, number>();
		const words = folded.split(' ');
		for (let index = 0; index < words.length; index++) {
			// "e posta" is one word to its writer
			const pair = index + 1 < words.length ? `${words[index]} ${words[index + 1]}` : '';
			const word = WORD_LANGUAGE.has(words[index]) ? words[index] : WORD_LANGUAGE.has(pair) ? pair : null;
			if (word === null || seenWords.has(word)) continue;
			seenWords.add(word);
			const slot = WORD_LANGUAGE.get(word) as number;
			perLanguage.set(slot, (perLanguage.get(slot) ?? 0) + 1);
		}
		// a long text in one language must not outweigh everything else the form says
		for (const [slot, found] of perLanguage) evidence.push(slot, Math.min(found, MAX_WORDS_PER_TEXT));
	}
	return evidence.length ? Object.freeze(evidence) : NONE;
}, 10_000, 500);

/** Labels whose answers are names, companies, addresses or contact details. */
const IDENTITY_FIELDS = new Set(['email', 'firstName', 'lastName', 'fullName', 'phone', 'company', 'website', 'country', 'city']);
const isIdentityLabel = memoizeText((label: string) => IDENTITY_FIELDS.has(labelMeaning(label) ?? ''));
const isLanguageLabel = memoizeText((label: string) => LANGUAGE_LABELS.has(foldWords(label)));

/** A language tag or name → its primary subtag: "fa-IR", "de_DE", "Persian", "فارسی" → "fa"; "*" or anything unknown → null. */
export function languageFromTag(value: unknown): string | null {
	return typeof value === 'string' ? rememberedLanguageCode(value) : null;
}

const rememberedLanguageCode = memoizeText((text: string) => languageCode(text), 1000, 100);

/** The language the lead's browser asks for first ("fa-IR,fa;q=0.9,en-US;q=0.8" → "fa"); "*" and nothing → null. */
export function languageFromAcceptLanguage(header: string | null | undefined): string | null {
	if (!header) return null;
	let best: string | null = null;
	let bestQuality = 0;
	for (const part of header.split(',').slice(0, 20)) {
		const [tag, ...parameters] = part.trim().split(';');
		const qualityParameter = parameters.map((parameter) => parameter.trim()).find((parameter) => parameter.startsWith('q='));
		const quality = qualityParameter === undefined ? 1 : Number(qualityParameter.slice(2));
		if (!tag || tag === '*' || !(quality > bestQuality)) continue;
		const language = languageFromTag(tag);
		if (language) {
			best = language;
			bestQuality = quality;
		}
	}
	return best;
}

/** scratch counters for one lead at a time (detection is synchronous) */
const totals = new Float64Array(LANGUAGES.length);

function add(evidence: Evidence): void {
	for (let index = 0; index < evidence.length; index += 2) totals[evidence[index]] += evidence[index + 1];
}

/** The language the text of a lead says, or null when no language clearly leads. */
function languageOfText(lead: Lead): string | null {
	totals.fill(0);
	if (lead.firstName) add(scriptOnly(lead.firstName));
	if (lead.lastName) add(scriptOnly(lead.lastName));
	if (lead.fullName) add(scriptOnly(lead.fullName));
	if (lead.company) add(scriptOnly(lead.company));
	if (lead.city) add(scriptOnly(lead.city));
	if (lead.country) add(scriptOnly(lead.country));
	if (lead.jobTitle) add(allEvidence(lead.jobTitle));
	if (lead.message) add(allEvidence(lead.message));
	if (lead.formName) add(allEvidence(lead.formName));
	const answers = lead.answers;
	// a chat's answer labels ("Message", "Last message") are ours, not words the person wrote
	const labelsAreTheirs = lead.chat === undefined;
	for (const label in answers) {
		if (!Object.prototype.hasOwnProperty.call(answers, label)) continue;
		if (labelsAreTheirs) add(allEvidence(label));
		const value = answers[label];
		// the job title and message were read above
		if (typeof value !== 'string' || !value || value === lead.jobTitle || value === lead.message) continue;
		add(isIdentityLabel(label) ? scriptOnly(value) : allEvidence(value));
	}
	return decide();
}

function decide(): string | null {
	// a script other than Latin is the strongest sign there is: a Persian name in an English form is a Persian speaker
	let scriptBest = -1;
	let scriptTotal = 0;
	for (let slot = FIRST_SCRIPT_SLOT; slot < LANGUAGES.length; slot++) {
		if (totals[slot] === 0) continue;
		scriptTotal += totals[slot];
		if (scriptBest === -1 || totals[slot] > totals[scriptBest]) scriptBest = slot;
	}
	if (scriptBest !== -1) {
		// Persian and Arabic share a script: the one whose own letters are more frequent, and neither on a tie
		if ((scriptBest === FA || scriptBest === AR) && totals[FA] === totals[AR]) return null;
		return totals[scriptBest] * 2 > scriptTotal ? LANGUAGES[scriptBest] : null;
	}
	let first = 0;
	for (let slot = 1; slot < FIRST_SCRIPT_SLOT; slot++) if (totals[slot] > totals[first]) first = slot;
	let second = 0;
	for (let slot = 0; slot < FIRST_SCRIPT_SLOT; slot++) if (slot !== first && totals[slot] > second) second = totals[slot];
	// clear only with at least two signs and twice as many as any other language
	return totals[first] >= 2 && totals[first] >= 2 * second ? LANGUAGES[first] : null;
}

/** A language the submission names: the lead's own field or a language/locale answer. */
function namedLanguage(lead: Lead): string | null {
	if (lead.language) {
		const own = languageFromTag(lead.language);
		if (own) return own;
	}
	const answers = lead.answers;
	for (const label in answers) {
		if (!Object.prototype.hasOwnProperty.call(answers, label) || !isLanguageLabel(label)) continue;
		const named = languageFromTag(answers[label]);
		if (named) return named;
	}
	return null;
}

/**
 * The lead's language (see the top of this file); `acceptLanguage` is the Accept-Language header
 * of a form the lead's browser posted, read only when nothing the lead wrote is clear.
 */
export function leadLanguage(lead: Lead, acceptLanguage?: string | null): string | null {
	return namedLanguage(lead) ?? languageOfText(lead) ?? languageFromAcceptLanguage(acceptLanguage);
}
