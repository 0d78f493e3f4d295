/**
 * Remembers the results of a pure function of a short string. Lead data repeats the same
 * values across thousands of items (job titles, first names, answer labels, activity types),
 * so a scoring run mostly computes each distinct value once. Long strings are not kept, and
 * the table is emptied when full, so memory stays bounded whatever the input.
 */
export function memoizeText<T>(compute: (text: string) => T, maxEntries = 10_000, maxLength = 200): (text: string) => T {
	const results = new Map<string, T>();
	return (text: string): T => {
		if (text.length > maxLength) return compute(text);
		const known = results.get(text);
		if (known !== undefined || results.has(text)) return known as T;
		const result = compute(text);
		if (results.size >= maxEntries) results.clear();
		results.set(text, result);
		return result;
	};
}
