import { NORMALIZERS } from '../../../lib/normalizers';
import { allFixtures, delivery } from './helpers';

const VENDOR_NORMALIZERS = NORMALIZERS.filter((normalizer) => normalizer.id !== 'generic');

/** Deep copy of a fixture where every object also gets `__proto__` and `constructor` keys, as JSON.parse would create them. */
function withHostileKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withHostileKeys);
	if (typeof value !== 'object' || value === null) return value;
	const copy = JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted2": "yes"}}}') as Record<string, unknown>;
	for (const [key, inner] of Object.entries(value)) copy[key] = withHostileKeys(inner);
	return copy;
}

describe('all vendor normalizers', () => {
	afterEach(() => {
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(({} as Record<string, unknown>).polluted2).toBeUndefined();
	});

	it.each(allFixtures().map((file) => [`${file.source}/${file.name}`, file] as const))('%s: __proto__ keys do not pollute prototypes', (_name, file) => {
		const normalizer = NORMALIZERS.find((candidate) => candidate.id === file.source)!;
		const hostile = withHostileKeys(file.body);
		expect(normalizer.detect(delivery(hostile))).toBe(true);
		const result = normalizer.normalize(delivery(hostile));
		expect(result.leads.length).toBeGreaterThan(0);
		for (const lead of result.leads) {
			expect(Object.getPrototypeOf(lead.answers)).toBe(Object.prototype);
			expect(Object.prototype.hasOwnProperty.call(lead.answers, '__proto__')).toBe(false);
		}
		expect(Object.prototype).not.toHaveProperty('polluted');
	});

	it.each(allFixtures().map((file) => [`${file.source}/${file.name}`, file] as const))('%s: the input is not mutated', (_name, file) => {
		const before = JSON.stringify(file.body);
		NORMALIZERS.find((candidate) => candidate.id === file.source)!.normalize(delivery(file.body));
		expect(JSON.stringify(file.body)).toBe(before);
	});

	it.each(VENDOR_NORMALIZERS.map((normalizer) => [normalizer.id, normalizer] as const))('%s: forced onto garbage it returns valid, empty leads', (id, normalizer) => {
		for (const body of [null, 'nope', 7, {}, { unrelated: true }]) {
			const result = normalizer.normalize(delivery(body));
			for (const lead of result.leads) {
				expect(lead.source).toBe(id);
				expect(lead.email).toBeNull();
				expect(lead.events.filter((event) => event.type !== 'ad_click')).toEqual([]);
			}
		}
	});

	it.each(allFixtures().map((file) => [`${file.source}/${file.name}`, file] as const))('%s: leads match the canonical shape', (_name, file) => {
		const normalizer = NORMALIZERS.find((candidate) => candidate.id === file.source)!;
		for (const lead of normalizer.normalize(delivery(file.body)).leads) {
			expect(lead.source).toBe(file.source);
			expect(lead.channel).toBe(normalizer.channel);
			expect(Object.values(lead).some((value) => value === undefined)).toBe(false);
			if (lead.submittedAt !== null) expect(lead.submittedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
			if (lead.email !== null) expect(lead.email).toBe(lead.email.toLowerCase());
		}
	});
});
