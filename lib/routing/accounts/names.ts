/**
 * Company names for account matching: the name without its legal form, folded, so that
 * "Kowalski Sp. z o.o." and "KOWALSKI", "Yıldız Teknoloji A.Ş." and "Yildiz Teknoloji",
 * "شرکت داده‌پردازان سهامی خاص" and "داده پردازان", "บริษัท สยามเทค จำกัด" and "สยามเทค" compare
 * equal; and an index of those names by trigrams, for names that are merely alike. Pure, no n8n imports.
 */
import { foldWords } from '../../text/fold';

/**
 * THE table of legal forms, as written in company names. Source: GLEIF's ISO 20275 Entity Legal
 * Forms code list (v1.5: the abbreviations and names it gives for DE, AT, CH, FR, ES, IT, NL, BE, PT,
 * the Nordic countries, PL, TR, TH, SA, AE, GB and US), plus the forms that list lacks for our markets
 * (Iran is not in it; Arab states' Arabic abbreviations ش.م.م, ذ.م.م, ش.م.ع; Thai บจก./บมจ./หจก.) from
 * each country's commercial code, and the words Turkish trade names carry before the form
 * ("Sanayi ve Ticaret A.Ş.": industry and trade). No maintained npm package holds such a list
 * (cleanco, the one JS port, has 4 releases and no Persian, Arabic or Thai).
 *
 * How they are compared: folded (foldWords: case, Turkish i, diacritics, Arabic and Persian letter
 * variants, zero-width non-joiners) and without spaces or punctuation, against whole words at the
 * start or the end of the name, so "S.A.", "SA" and "S. A." are one form and "Mesa" keeps its "sa".
 * Thai writes no spaces, so Thai forms are also found at the very start or end of a word.
 */
const LEGAL_FORMS_AT_END: readonly string[] = [
	// English-speaking countries, and the English names companies of our markets use abroad
	'Inc', 'Incorporated', 'Corp', 'Corporation', 'Co', 'Company', 'Co Ltd', 'Company Limited', 'Ltd', 'Limited', 'LLC', 'L.L.C.', 'LLP', 'LP', 'PLC',
	'PLLC', 'Pty', 'Pty Ltd', 'PCL', 'Public Company Limited', 'JSC', 'PJSC', 'Joint Stock Company', 'FZE', 'FZCO', 'FZ-LLC',
	// German-speaking countries
	'GmbH', 'mbH', 'AG', 'KG', 'OHG', 'GbR', 'UG', 'UG (haftungsbeschränkt)', 'GmbH & Co. KG', 'AG & Co. KG', 'KGaA', 'SE', 'e.K.', 'e.V.',
	// French, Spanish, Italian, Portuguese
	'SA', 'SAS', 'SASU', 'SARL', 'EURL', 'SNC', 'SCI', 'S.L.', 'S.L.U.', 'S.A.U.', 'S.Coop.', 'S.A. de C.V.', 'S.p.A.', 'S.r.l.', 'S.r.l.s.', 'S.a.s.', 'Lda', 'Ltda',
	// Dutch and Belgian
	'B.V.', 'N.V.', 'BVBA', 'V.O.F.', 'C.V.',
	// Nordic
	'AS', 'ASA', 'AB', 'Oy', 'Oyj', 'ApS',
	// Poland (Kodeks spółek handlowych)
	'Sp. z o.o.', 'Spółka z ograniczoną odpowiedzialnością', 'S.A.', 'Spółka Akcyjna', 'P.S.A.', 'Prosta Spółka Akcyjna', 'Sp.k.', 'Spółka komandytowa',
	'S.K.A.', 'Spółka komandytowo-akcyjna', 'Sp.j.', 'Spółka jawna', 'Sp.p.', 'Spółka partnerska', 'S.C.', 'Spółka cywilna',
	// Turkey (Türk Ticaret Kanunu), then the trade words that precede the form
	'A.Ş.', 'Anonim Şirketi', 'Ltd. Şti.', 'Limited Şirketi', 'Şti.', 'Koll. Şti.', 'Kollektif Şirketi', 'Koop.', 'Kooperatifi',
	'Sanayi ve Ticaret', 'San. ve Tic.', 'San. Tic.', 'Sanayi', 'San.', 'Ticaret', 'Tic.', 'İthalat İhracat', 'İth. İhr.',
	// Iran (قانون تجارت)
	'سهامی خاص', 'سهامی عام', 'سهامی', 'با مسئولیت محدود', 'مسئولیت محدود', 'تضامنی', 'تعاونی', 'نسبی',
	// Arab states (Saudi, UAE, Bahrain, Oman, Egypt companies laws)
	'ذ.م.م', 'ش.ذ.م.م', 'ش.م.م', 'ش.م.ع', 'ش.م.ع.ع', 'ش.م.ب', 'ش.م.خ', 'ذات مسؤولية محدودة', 'شركة ذات مسؤولية محدودة', 'المحدودة', 'مساهمة عامة',
	'مساهمة مقفلة', 'شركة مساهمة', 'شركة مساهمة عامة', 'شركة مساهمة مقفلة', 'للتجارة', 'وشركاه', 'وشركاؤه',
	// Thailand (ประมวลกฎหมายแพ่งและพาณิชย์; พ.ร.บ. บริษัทมหาชนจำกัด)
	'จำกัด', 'มหาชน', 'จำกัด (มหาชน)',
];

const LEGAL_FORMS_AT_START: readonly string[] = [
	// Persian شرکت, Arabic شركة and مؤسسة (sole establishment), Thai บริษัท and its abbreviations, ห้างหุ้นส่วน (partnership)
	'شرکت', 'شركة', 'مؤسسة', 'مؤسسه', 'บริษัท', 'บจก.', 'บมจ.', 'หจก.', 'ห้างหุ้นส่วนจำกัด', 'ห้างหุ้นส่วนสามัญ', 'ห้างหุ้นส่วน',
];

/** Words that join parts of a name and are spelled differently in each language ("Smith & Sons", "Smith and Sons", "Smith und Söhne"). */
const CONNECTOR_WORDS: ReadonlySet<string> = new Set(['and', 'und', 'et', 'y', 'e', 'i', 've', 'و', 'the']);

const THAI = /[\u0e00-\u0e7f]/;
const keyOf = (text: string) => foldWords(text).replace(/ /g, '');

const endForms = new Set(LEGAL_FORMS_AT_END.map(keyOf));
const startForms = new Set(LEGAL_FORMS_AT_START.map(keyOf));
const thaiEndForms = [...endForms].filter((form) => THAI.test(form)).sort((a, b) => b.length - a.length);
const thaiStartForms = [...startForms].filter((form) => THAI.test(form)).sort((a, b) => b.length - a.length);
const LONGEST_FORM_WORDS = Math.max(...[...LEGAL_FORMS_AT_END, ...LEGAL_FORMS_AT_START].map((form) => foldWords(form).split(' ').length));

/** How many words at the end of `words` make the longest legal form there (0: none); never all of them. */
function endFormLength(words: readonly string[]): number {
	let key = '';
	let found = 0;
	for (let count = 1; count <= Math.min(LONGEST_FORM_WORDS, words.length - 1); count++) {
		key = words[words.length - count] + key;
		if (endForms.has(key)) found = count;
	}
	return found;
}

/** How many words at the start of `words` make the longest legal form there (0: none); never all of them. */
function startFormLength(words: readonly string[]): number {
	let key = '';
	let found = 0;
	for (let count = 1; count <= Math.min(LONGEST_FORM_WORDS, words.length - 1); count++) {
		key += words[count - 1];
		if (startForms.has(key)) found = count;
	}
	return found;
}

/** Takes legal forms off both ends, word by word, never leaving nothing: a company called "Limited" stays "limited". */
function stripLegalForms(words: string[]): string[] {
	let changed = true;
	while (changed && words.length > 0) {
		changed = false;
		const atEnd = endFormLength(words);
		if (atEnd > 0) {
			words = words.slice(0, words.length - atEnd);
			changed = true;
		}
		const atStart = startFormLength(words);
		if (atStart > 0) {
			words = words.slice(atStart);
			changed = true;
		}
		const last = words[words.length - 1];
		const thaiEnd = THAI.test(last) ? thaiEndForms.find((form) => last.length > form.length && last.endsWith(form)) : undefined;
		if (thaiEnd) {
			words = [...words.slice(0, -1), last.slice(0, last.length - thaiEnd.length)];
			changed = true;
		}
		const first = words[0];
		const thaiStart = THAI.test(first) ? thaiStartForms.find((form) => first.length > form.length && first.startsWith(form)) : undefined;
		if (thaiStart) {
			words = [first.slice(thaiStart.length), ...words.slice(1)];
			changed = true;
		}
	}
	return words;
}

/**
 * The core of a company name, folded, without legal forms, joining words or spaces: the key names
 * are compared on, not remembered: most leads name a company once (foldWords remembers the folding) ("Acme GmbH" → "acme", "شرکت داده‌پردازان سهامی خاص" → "دادهپردازان"). "" when nothing is left.
 */
export function companyNameKey(name: string): string {
	const words = foldWords(name).split(' ').filter(Boolean);
	if (words.length === 0) return '';
	const core = stripLegalForms(words);
	const meaningful = core.filter((word) => !CONNECTOR_WORDS.has(word));
	return (meaningful.length > 0 ? meaningful : core).join('');
}

/** Names shorter than this (after folding) match only when equal: two letters alike say nothing. */
export const MIN_SIMILAR_NAME_LENGTH = 4;

/** Distinct trigrams of a key padded with ^ and $, so that the first and last letters weigh like the others. */
export function trigramsOf(key: string): string[] {
	const padded = `^${key}$`;
	const grams = new Set<string>();
	for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
	return [...grams];
}

export interface SimilarName {
	/** the entry's position, as given to add() */
	entry: number;
	key: string;
	/** Dice coefficient of the trigram sets: 2·shared ÷ (trigrams of one + trigrams of the other) */
	similarity: number;
}

/**
 * Names by key (equal names) and by trigram (similar names). A query looks only at the names that
 * share one of its rarest trigrams: a name sharing none of them cannot reach the threshold (prefix
 * filtering), so a lookup costs what the rare trigrams' lists cost, not a scan of every name.
 */
export class NameIndex {
	private readonly byKey = new Map<string, number[]>();
	private readonly gramIds = new Map<string, number>();
	private readonly postings: number[][] = [];
	private readonly entryKeys: string[] = [];
	private readonly slotEntries: number[] = [];
	private readonly entryGrams: Int32Array[] = [];
	private seen = new Int32Array(0);
	private stamp = 0;

	/** Adds a name key for an entry (an account); an entry may have several. */
	add(key: string, entry: number): void {
		if (!key) return;
		const sameKey = this.byKey.get(key);
		if (sameKey) {
			if (!sameKey.includes(entry)) sameKey.push(entry);
		} else this.byKey.set(key, [entry]);
		if (key.length < MIN_SIMILAR_NAME_LENGTH) return;
		const slot = this.entryKeys.length;
		this.entryKeys.push(key);
		const ids = trigramsOf(key).map((gram) => {
			let id = this.gramIds.get(gram);
			if (id === undefined) {
				id = this.postings.length;
				this.gramIds.set(gram, id);
				this.postings.push([]);
			}
			this.postings[id].push(slot);
			return id;
		});
		this.entryGrams.push(Int32Array.from(ids).sort());
		this.slotEntries.push(entry);
	}

	/** Entries whose name key is exactly this one, in the order they were added. */
	equal(key: string): readonly number[] {
		return this.byKey.get(key) ?? [];
	}

	/** Entries whose names reach the threshold (0 < threshold ≤ 1), best first; equal keys included. */
	similar(key: string, threshold: number): SimilarName[] {
		if (key.length < MIN_SIMILAR_NAME_LENGTH || threshold <= 0) return [];
		const grams = trigramsOf(key);
		const size = grams.length;
		// Dice ≥ t needs shared ≥ t·|A| ÷ (2 − t); the epsilon keeps a bound that is exactly whole from rounding up
		const minShared = Math.ceil((threshold * size) / (2 - threshold) - 1e-9);
		const prefixLength = size - minShared + 1;
		if (prefixLength <= 0) return [];
		const known: number[] = [];
		for (const gram of grams) {
			const id = this.gramIds.get(gram);
			if (id !== undefined) known.push(id);
		}
		const unknownCount = size - known.length;
		const knownInPrefix = prefixLength - unknownCount;
		if (knownInPrefix <= 0) return [];
		known.sort((a, b) => this.postings[a].length - this.postings[b].length || a - b);
		if (this.seen.length < this.entryKeys.length) this.seen = new Int32Array(this.entryKeys.length);
		const stamp = ++this.stamp;
		const queryGrams = Int32Array.from(known).sort();
		const minSize = minShared;
		const maxSize = Math.floor(((2 - threshold) * size) / threshold + 1e-9);
		const results: SimilarName[] = [];
		for (let p = 0; p < knownInPrefix && p < known.length; p++) {
			for (const slot of this.postings[known[p]]) {
				if (this.seen[slot] === stamp) continue;
				this.seen[slot] = stamp;
				const other = this.entryGrams[slot];
				if (other.length < minSize || other.length > maxSize) continue;
				const shared = sharedCount(queryGrams, other);
				const similarity = (2 * shared) / (size + other.length);
				if (similarity + 1e-12 >= threshold) results.push({ entry: this.slotEntries[slot], key: this.entryKeys[slot], similarity });
			}
		}
		return results.sort((a, b) => b.similarity - a.similarity || a.entry - b.entry);
	}
}

/** How many ids two ascending arrays share. */
function sharedCount(a: Int32Array, b: Int32Array): number {
	let i = 0;
	let j = 0;
	let shared = 0;
	while (i < a.length && j < b.length) {
		if (a[i] === b[j]) {
			shared++;
			i++;
			j++;
		} else if (a[i] < b[j]) i++;
		else j++;
	}
	return shared;
}
