/**
 * Property-based tests (fast-check, fixed seeds) for everything that reads untrusted input into a
 * lead: every source normalizer, normalizeDelivery (auto-detection) and leadFromItem.
 *
 * Inputs are arbitrary and hostile JSON: vendor payloads (the fixtures) with random sub-trees
 * replaced, deepened, turned into arrays or strings, `__proto__` / `constructor` / `prototype`
 * keys created by JSON.parse (so they are own keys, as n8n's body parser delivers them), numbers
 * as strings, unicode and RTL text, megabyte strings, string and Buffer bodies, bracket-keyed form posts.
 *
 * For every input: nothing throws, nothing pollutes a built-in prototype, the input is not mutated,
 * and every lead has the canonical shape of docs/lead-format.md.
 */
import fc from 'fast-check';
import { leadFromItem } from '../../../lib/lead/detect';
import { LEAD_STRING_FIELDS, type Lead } from '../../../lib/lead/types';
import { detectNormalizer, normalizeDelivery, NORMALIZERS, type DeliveryInput } from '../../../lib/normalizers';
import { allFixtures } from '../normalizers/helpers';

const SEED = 20261120;
/** how many cases each property runs; the suite total is printed by the last test */
let casesRun = 0;
const counted = <T>(predicate: (value: T) => void) => (value: T) => {
	casesRun++;
	predicate(value);
};

/** how coerceEvents() writes the type of an object event (null: the event is dropped); string events are written the same way */
function objectEventType(type: string): string | null {
	const clean = type.replace(/\s+/g, ' ').trim();
	if (MISSING_WORDS.has(clean.toLowerCase())) return null;
	return clean.slice(0, 100).toLowerCase().replace(/[\s-]+/g, '_');
}

/* ------------------------------------------------------------------------------------------ */
/* Prototype pollution guard                                                                    */
/* ------------------------------------------------------------------------------------------ */

const PROTOTYPES: Array<[string, object]> = [
	['Object.prototype', Object.prototype],
	['Array.prototype', Array.prototype],
	['Function.prototype', Function.prototype],
	['String.prototype', String.prototype],
	['Number.prototype', Number.prototype],
	['Boolean.prototype', Boolean.prototype],
];
const PROTOTYPE_BASELINE = PROTOTYPES.map(([, proto]) => new Map(Reflect.ownKeys(proto).map((key) => [key, Object.getOwnPropertyDescriptor(proto, key)?.value])));
/** property names the hostile payloads try to plant on prototypes */
const POLLUTION_MARKERS = ['polluted', 'polluted2', 'isAdmin', 'email', 'lead', 'answers', 'source', 'body', 'headers', 'form_response', 'data'];

function expectNoPollution(): void {
	PROTOTYPES.forEach(([name, proto], index) => {
		const keys = Reflect.ownKeys(proto);
		const baseline = PROTOTYPE_BASELINE[index];
		if (keys.length !== baseline.size || keys.some((key) => !baseline.has(key))) {
			throw new Error(`${name} gained or lost properties: ${keys.filter((key) => !baseline.has(key)).map(String).join(', ')}`);
		}
		for (const key of keys) {
			if (Object.getOwnPropertyDescriptor(proto, key)?.value !== baseline.get(key)) throw new Error(`${name}.${String(key)} was overwritten`);
		}
	});
	const probe: Record<string, unknown> = {};
	for (const marker of POLLUTION_MARKERS) expect(probe[marker]).toBeUndefined();
	expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
	expect(Object.getPrototypeOf({})).toBe(Object.prototype);
}

/* ------------------------------------------------------------------------------------------ */
/* Arbitraries                                                                                  */
/* ------------------------------------------------------------------------------------------ */

/** Deep enough for hostile shapes, shallow enough for thousands of cases; 5,000 levels are a regression test below. */
const MAX_PROPERTY_DEPTH = 1000;

/** An object whose keys are all own data properties, exactly what JSON.parse makes of `{"__proto__": …}`. */
function objectFrom(entries: Array<[string, unknown]>): Record<string, unknown> {
	const object: Record<string, unknown> = {};
	for (const [key, value] of entries) Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
	return object;
}

function jsonRoundTrip<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

const HOSTILE_PROTO_KEYS = () =>
	JSON.parse(
		'{"__proto__": {"polluted": "yes", "email": "proto@evil.example", "isAdmin": true}, "constructor": {"prototype": {"polluted": "yes", "polluted2": "yes"}}, "prototype": {"polluted": "yes"}}',
	) as Record<string, unknown>;

const RTL_AND_UNICODE = [
	'مرحبا بالعالم',
	'محمد علي',
	'שלום עולם',
	'עברית@דוגמה.ישראל',
	'\u202Egnp.exe\u202C',
	'Ali\u200F Hassan',
	'\u0661\u0662\u0663-\u0664\u0665',
	'用户@例子.广告',
	'Zoë Ångström-Łukasiewicz',
	'e\u0301le\u0300ve',
	'👩‍👩‍👧‍👦 Family',
	'H̸̡̪̯ͨ͊̽̅̾̎Ȩ̬̩̾͛ͪ̈́̀́͘ zalgo',
	'\uFEFFbom@acme.io',
	'zero\u200Bwidth@acme.io',
	'\uD800 lone high surrogate',
	'lone \uDFFF low surrogate',
	'\u0000nul\u0000',
	'İstanbul',
	'ǅemal',
];

const WEIRD_STRINGS = [
	'',
	' ',
	'\t\n\r ',
	'undefined',
	'null',
	'None',
	'N/A',
	'-',
	'NaN',
	'Infinity',
	'-Infinity',
	'-0',
	'0x1F',
	'1e309',
	'__proto__',
	'constructor',
	'prototype',
	'toString',
	'hasOwnProperty',
	'<script>alert(1)</script>',
	"'; DROP TABLE leads;--",
	'${7*7}',
	'{{ $json.email }}',
	'%s%n%x',
	'../../etc/passwd',
	'MAILTO:Mixed.Case@Example.COM ',
	'  spaced @ example . com ',
	'a@b',
	'@',
	'x@y.z',
	'info@acme.io',
	'2024-02-30 25:61:00',
	'0000-00-00 00:00:00',
	'2024-03-05 10:02:13',
	'2026-11-20T10:00:00Z',
	'9999999999999',
	'1700000000',
	'-1',
	'true',
	'false',
	'yes',
	'on',
	'51-200',
	'$5k',
	'FORM_RESPONSE',
	'form_response',
	'invitee.created',
	'subscribe',
	'LEAD_ACTION',
	'form_submission',
	'page',
	'leadgen',
	'urn:li:leadGenFormResponse:1',
	'https://example.com/?utm_source=news&utm_campaign=%E2%9C%93&utm_medium=__proto__',
	'utm_source=x&__proto__[polluted]=yes',
	'{"__proto__": {"polluted": "yes"}}',
	'[1, 2, {"__proto__": {"polluted": "yes"}}]',
];

const KNOWN_KEYS = [
	'email', 'Email Address', 'e-mail', 'work_email', 'first_name', 'FirstName', 'last_name', 'name', 'Full Name', 'company', 'Company name', 'job title', 'title', 'phone',
	'country', 'website', 'utm_source', 'utm_campaign', 'utm', 'consent', 'events', 'lead', 'contact', 'data', 'fields', 'form_fields', 'formData', 'submission', 'payload',
	'properties', 'answers', 'id', 'type', 'value', 'values', 'label', 'key', 'options', 'text', 'title', 'ref', 'field', 'choice', 'choices', 'labels',
	'event_id', 'event_type', 'form_response', 'form_id', 'token', 'submitted_at', 'hidden', 'definition',
	'eventId', 'eventType', 'createdAt', 'responseId', 'submissionId', 'formId', 'formName',
	'event', 'created_at', 'questions_and_answers', 'question', 'answer', 'position', 'tracking', 'scheduled_event', 'uri', 'text_reminder_number',
	'fired_at', 'list_id', 'merges', 'EMAIL', 'FNAME', 'LNAME', 'GROUPINGS', 'new_email',
	'object', 'entry', 'changes', 'leadgen_id', 'field_data', 'created_time', 'ad_id', 'form', 'ad', 'adset', 'page', 'platform', 'campaign_name', 'is_organic', 'questions',
	'lead_id', 'user_column_data', 'column_id', 'column_name', 'string_value', 'google_key', 'gcl_id', 'is_test', 'campaign_id',
	'leadGenFormResponse', 'leadGenForm', 'leadAction', 'leadType', 'occurredAt',
	'fields', 'context', 'hutk', 'pageUri', 'submittedAt', 'legalConsentOptions', 'communications',
	'triggerType', '_id', 'd', 'site', 'siteId', 'pageUrl',
	'formID', 'submissionID', 'formTitle', 'rawRequest', 'q3_email', 'q4_name', 'first', 'last', 'full', 'area',
	'form_name', 'Powered by', 'Page URL', 'raw_value', 'meta',
	'date_created', 'source_url', 'is_starred', '1', '1.3', '1.6', '2.6', '5.1',
	'headers', 'body', 'query', 'params', 'honeypot', '_gotcha', 'Company size', 'Budget',
	'data[merges][FNAME]', 'data[email]', 'data[list_id]',
];

const HOSTILE_KEYS = [
	'__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', '__lookupGetter__', 'isPrototypeOf', 'length', '', ' ',
	'data[__proto__][polluted]', 'data[constructor][prototype][polluted]', '__proto__[polluted]', 'a[b][__proto__]', 'data[merges][__proto__]', 'constructor[prototype][polluted]',
];

const keyArb: fc.Arbitrary<string> = fc.oneof(
	{ weight: 8, arbitrary: fc.constantFrom(...KNOWN_KEYS) },
	{ weight: 3, arbitrary: fc.constantFrom(...HOSTILE_KEYS) },
	{ weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
	{ weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
	{ weight: 1, arbitrary: fc.constantFrom(...RTL_AND_UNICODE) },
);

/** 256 KB to 1.2 MB of text (built by repetition: generating it char by char would be far too slow) */
const megabyteString = fc
	.tuple(fc.constantFrom('a', 'x y ', 'ä', 'مرحبا ', '@', '\u200B', 'lead@acme.io ', '1', ' '), fc.integer({ min: 1 << 18, max: 1_200_000 }))
	.map(([unit, size]) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size));

const dateLike = fc.oneof(
	fc.date({ min: new Date(-1e14), max: new Date(1e14), noInvalidDate: true }).map((date) => date.toISOString()),
	fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }).map((date) => Math.floor(date.getTime() / 1000)),
	fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }).map((date) => String(date.getTime())),
	fc.constantFrom(8.64e15, 8.64e15 + 1, -1, 0, 1e11, 99999999999),
);

const leafArb: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 4, arbitrary: fc.constantFrom(...WEIRD_STRINGS) },
	{ weight: 2, arbitrary: fc.constantFrom(...RTL_AND_UNICODE) },
	{ weight: 3, arbitrary: fc.string({ maxLength: 24 }) },
	{ weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 24 }) },
	{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) },
	{ weight: 2, arbitrary: fc.emailAddress() },
	{ weight: 1, arbitrary: fc.emailAddress().map((email) => `  MAILTO:${email.toUpperCase()}  `) },
	{ weight: 2, arbitrary: fc.integer() },
	{ weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
	{ weight: 1, arbitrary: fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MAX_VALUE, Number.MIN_VALUE, 1e21, -1e-7, 0) },
	{ weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true })).map(String) },
	{ weight: 2, arbitrary: dateLike },
	{ weight: 2, arbitrary: fc.boolean() },
	{ weight: 2, arbitrary: fc.constant(null) },
	{ weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 6 }).chain((unit) => fc.integer({ min: 500, max: 6000 }).map((n) => unit.repeat(n))) },
);

const { value: jsonValueArb, object: jsonObjectArb } = fc.letrec<{ value: unknown; array: unknown[]; object: Record<string, unknown> }>((tie) => ({
	value: fc.oneof({ depthSize: 'small', maxDepth: 6 }, { weight: 5, arbitrary: leafArb }, { weight: 2, arbitrary: tie('array') }, { weight: 3, arbitrary: tie('object') }),
	array: fc.array(tie('value'), { maxLength: 5 }),
	object: fc.array(fc.tuple(keyArb, tie('value')), { maxLength: 7 }).map(objectFrom),
}));

function nest(inner: unknown, depth: number, kind: 'array' | 'object' | 'mixed', key: string): unknown {
	let value = inner;
	for (let i = 0; i < depth; i++) value = kind === 'array' || (kind === 'mixed' && i % 2 === 0) ? [value] : objectFrom([[key, value]]);
	return value;
}

const deepNestArb = fc
	.tuple(leafArb, fc.integer({ min: 50, max: MAX_PROPERTY_DEPTH }), fc.constantFrom('array' as const, 'object' as const, 'mixed' as const), keyArb)
	.map(([inner, depth, kind, key]) => nest(inner, depth, kind, key));

/* Vendor payloads with random edits: the normalizers' own code paths, fed hostile values */

const FIXTURES = allFixtures();

type Container = Record<string, unknown> | unknown[];
interface Slot {
	parent: Container | null;
	key: string | number;
	value: unknown;
}

/** every position in a JSON tree (the root has no parent), iteratively so deep trees are fine */
function slotsOf(root: unknown): Slot[] {
	const slots: Slot[] = [{ parent: null, key: '', value: root }];
	const stack: unknown[] = [root];
	while (stack.length > 0 && slots.length < 5000) {
		const node = stack.pop();
		if (Array.isArray(node)) {
			node.forEach((value, index) => {
				slots.push({ parent: node, key: index, value });
				stack.push(value);
			});
		} else if (typeof node === 'object' && node !== null) {
			for (const key of Object.keys(node)) {
				const value = (node as Record<string, unknown>)[key];
				slots.push({ parent: node as Record<string, unknown>, key, value });
				stack.push(value);
			}
		}
	}
	return slots;
}

const EDIT_KINDS = ['replace', 'replace', 'addKey', 'addKey', 'hostileKeys', 'hostileKeys', 'toArray', 'toObject', 'numberString', 'stringify', 'delete', 'deepen'] as const;
interface Edit {
	at: number;
	kind: (typeof EDIT_KINDS)[number];
	key: string;
	value: unknown;
	depth: number;
}

function applyEdits(fixture: unknown, edits: Edit[]): unknown {
	let root = jsonRoundTrip(fixture);
	for (const edit of edits) {
		const slots = slotsOf(root);
		const slot = slots[edit.at % slots.length];
		const set = (value: unknown) => {
			if (slot.parent === null) root = value;
			else if (Array.isArray(slot.parent)) slot.parent[slot.key as number] = value;
			else Object.defineProperty(slot.parent, slot.key, { value, enumerable: true, writable: true, configurable: true });
		};
		const isObject = typeof slot.value === 'object' && slot.value !== null && !Array.isArray(slot.value);
		switch (edit.kind) {
			case 'replace':
				set(edit.value);
				break;
			case 'addKey':
				if (isObject) Object.defineProperty(slot.value, edit.key, { value: edit.value, enumerable: true, writable: true, configurable: true });
				else set(edit.value);
				break;
			case 'hostileKeys': {
				const target = isObject ? (slot.value as Record<string, unknown>) : slot.parent && !Array.isArray(slot.parent) ? slot.parent : null;
				if (target) for (const [key, value] of Object.entries(HOSTILE_PROTO_KEYS())) Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
				break;
			}
			case 'toArray':
				// arrays where objects (or scalars) belong
				set(isObject ? (edit.depth % 2 === 0 ? [slot.value] : Object.values(slot.value as object)) : [slot.value, edit.value]);
				break;
			case 'toObject':
				set(Array.isArray(slot.value) ? objectFrom(slot.value.map((value, index) => [String(index), value])) : objectFrom([[edit.key, slot.value]]));
				break;
			case 'numberString':
				if (typeof slot.value === 'number') set(String(slot.value));
				else if (typeof slot.value === 'string' && slot.value.trim() !== '' && Number.isFinite(Number(slot.value))) set(Number(slot.value));
				else set(String(edit.depth));
				break;
			case 'stringify':
				set(JSON.stringify(slot.value));
				break;
			case 'delete':
				if (slot.parent && !Array.isArray(slot.parent)) delete slot.parent[slot.key as string];
				else set(null);
				break;
			case 'deepen':
				set(nest(slot.value, 10 + (edit.depth % (MAX_PROPERTY_DEPTH - 10)), edit.depth % 3 === 0 ? 'array' : edit.depth % 3 === 1 ? 'object' : 'mixed', edit.key));
				break;
		}
	}
	return jsonRoundTrip(root);
}

const editArb: fc.Arbitrary<Edit> = fc.record({
	at: fc.nat(),
	kind: fc.constantFrom(...EDIT_KINDS),
	key: keyArb,
	value: jsonValueArb,
	depth: fc.nat({ max: 100_000 }),
});

const mutatedFixtureArb = fc
	.tuple(fc.constantFrom(...FIXTURES), fc.array(editArb, { minLength: 1, maxLength: 6 }))
	.map(([file, edits]) => applyEdits(file.body, edits));

/** lone surrogates cannot be percent-encoded */
const wellFormed = (text: string) => text.replace(/[\uD800-\uDFFF]/g, '\uFFFD');

/** url-encoded form posts as n8n hands over an unparsed body, with bracket keys aiming at prototypes */
const formPostArb = fc
	.array(fc.tuple(fc.oneof(keyArb, fc.constantFrom('data[merges][FNAME]', 'data[email]', 'type', 'fired_at', 'data[list_id]')), fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom(...WEIRD_STRINGS))), { maxLength: 12 })
	.map((pairs) => [...pairs, ['data[__proto__][polluted]', 'yes'] as [string, string], ['type', 'subscribe'] as [string, string]].map(([key, value]) => `${encodeURIComponent(wellFormed(key))}=${encodeURIComponent(wellFormed(value))}`).join('&'));

/** what `body` can be: a parsed object (mostly), any JSON value, JSON or form text, a Buffer */
const bodyArb: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 6, arbitrary: mutatedFixtureArb },
	{ weight: 4, arbitrary: jsonObjectArb.map(jsonRoundTrip) },
	{ weight: 1, arbitrary: jsonValueArb.map(jsonRoundTrip) },
	{ weight: 1, arbitrary: deepNestArb.map((deep) => jsonRoundTrip(objectFrom([['email', deep], ['answers', deep]]))) },
	{ weight: 1, arbitrary: mutatedFixtureArb.map((body) => JSON.stringify(body)) },
	{ weight: 1, arbitrary: formPostArb },
	{ weight: 1, arbitrary: mutatedFixtureArb.map((body) => Buffer.from(JSON.stringify(body), 'utf8')) },
	{ weight: 1, arbitrary: fc.constantFrom('', '   ', 'not json {', '{"broken": ', '[]', 'null', '__proto__[polluted]=yes', 'a=1&a=2&a=3') },
);

const headersArb = fc
	.array(fc.tuple(fc.oneof(fc.constantFrom('content-type', 'user-agent', 'typeform-signature', 'x-hub-signature-256', '__proto__', 'constructor'), fc.string({ maxLength: 10 })), fc.string({ maxLength: 30 })), { maxLength: 4 })
	.map((entries) => objectFrom(entries) as Record<string, string>);

const deliveryArb: fc.Arbitrary<DeliveryInput> = fc.record({ body: bodyArb, headers: headersArb, query: jsonObjectArb.map(jsonRoundTrip) });

/* ------------------------------------------------------------------------------------------ */
/* The canonical lead                                                                           */
/* ------------------------------------------------------------------------------------------ */

const SOURCE_IDS = NORMALIZERS.map((normalizer) => normalizer.id);
const CHANNELS = ['form', 'newsletter', 'ad', 'other'];
const LEAD_KEYS = [...LEAD_STRING_FIELDS, 'source', 'channel', 'consent', 'utm', 'answers', 'events'].sort();
const UTM_KEYS = ['campaign', 'content', 'medium', 'source', 'term'];
/** values that mean "nothing"; a canonical field holds null instead */
const MISSING_WORDS = new Set(['', 'undefined', 'null', 'none', 'n/a', 'na', '-']);
/** fields filled only through cleanString(): never a "nothing" word, whatever the input */
const CLEANED_FIELDS = ['firstName', 'lastName', 'fullName', 'phone', 'company', 'jobTitle', 'website', 'country', 'formName'] as const;
const ISO = /^(\d{4}|[+-]\d{6})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function isIsoDate(value: unknown): boolean {
	return typeof value === 'string' && ISO.test(value) && new Date(value).toISOString() === value;
}

/** every string anywhere in a value (keys included) */
function* stringsIn(value: unknown): Generator<string> {
	if (typeof value === 'string') yield value;
	else if (Array.isArray(value)) for (const item of value) yield* stringsIn(item);
	else if (typeof value === 'object' && value !== null) {
		for (const key of Object.keys(value)) {
			yield key;
			yield* stringsIn((value as Record<string, unknown>)[key]);
		}
	}
}

/** plain JSON data: no undefined, NaN, functions or class instances, so n8n stores exactly this */
function expectPlainJson(value: unknown, path = 'lead'): void {
	if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new Error(`${path} is ${value}`);
		return;
	}
	if (Array.isArray(value)) {
		value.forEach((item, index) => expectPlainJson(item, `${path}[${index}]`));
		return;
	}
	if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) throw new Error(`${path} is not plain JSON: ${typeof value}`);
	for (const key of Object.keys(value)) expectPlainJson((value as Record<string, unknown>)[key], `${path}.${key}`);
}

/** a failed invariant, named; plain throws keep the checks cheap enough for thousands of cases */
function check(condition: boolean, what: string, value?: unknown): void {
	if (!condition) throw new Error(`${what}${value === undefined ? '' : `: ${JSON.stringify(value)?.slice(0, 300)}`}`);
}

/** The input as lower-case text, once per case (for "did the input say this word" checks). */
function inputText(input: unknown): string {
	// a Webhook-node item may carry its body as bytes: what the sender wrote is in them
	const body = typeof input === 'object' && input !== null && Buffer.isBuffer((input as { body?: unknown }).body) ? (input as { body: Buffer }).body.toString('utf8') : '';
	return (Buffer.isBuffer(input) ? input.toString('utf8') : typeof input === 'string' ? input : (JSON.stringify(input) ?? '') + body).toLowerCase();
}

function expectCanonicalLead(original: Lead, input: unknown, expected: { source?: string; channel?: string } = {}, text = inputText(input)): void {
	check(Object.getPrototypeOf(original) === Object.prototype, 'the lead is a plain object');
	const lead = original;
	expect(Object.keys(lead).sort()).toEqual(LEAD_KEYS);
	expectPlainJson(lead);

	for (const field of LEAD_STRING_FIELDS) {
		const value = lead[field];
		if (value === null) continue;
		check(typeof value === 'string' && value.length > 0, `${field} is a non-empty string or null`, value);
		// a megabyte string never reaches a canonical field whole (names are at most first + " " + last)
		check(value.length <= 1001, `${field} is bounded`, value.length);
	}
	for (const field of CLEANED_FIELDS) {
		const value = lead[field];
		check(value === null || !MISSING_WORDS.has(value.trim().toLowerCase()), `${field} is null rather than a "nothing" word`, value);
	}
	if (lead.email !== null) {
		check(lead.email === lead.email.toLowerCase(), 'email is lower-case', lead.email);
		check(!/\s/.test(lead.email), 'email has no whitespace', lead.email);
		check(lead.email.length <= 320, 'email is at most 320 characters', lead.email.length);
		// a "nothing" word only when the input literally says it (e.g. "mailto:undefined")
		check(!MISSING_WORDS.has(lead.email) || text.includes(lead.email), 'email is never a "nothing" word the input did not send', lead.email);
	}
	check(lead.submittedAt === null || isIsoDate(lead.submittedAt), 'submittedAt is ISO 8601 or null', lead.submittedAt);
	check(lead.country === null || lead.country.length !== 2 || lead.country === lead.country.toUpperCase(), 'two-letter countries are upper-case', lead.country);

	check(typeof lead.source === 'string' && lead.source.length > 0, 'source is a non-empty string', lead.source);
	if (expected.source) check(lead.source === expected.source, `source is ${expected.source}`, lead.source);
	check(CHANNELS.includes(lead.channel), 'channel is form, newsletter, ad or other', lead.channel);
	if (expected.channel) check(lead.channel === expected.channel, `channel is ${expected.channel}`, lead.channel);

	check(Object.keys(lead.consent).join() === 'marketing' && [true, false, null].includes(lead.consent.marketing), 'consent is {marketing: boolean | null}', lead.consent);
	check(Object.keys(lead.utm).sort().join() === UTM_KEYS.join(), 'utm has exactly the five utm keys', lead.utm);
	for (const [key, value] of Object.entries(lead.utm)) {
		check(value === null || (typeof value === 'string' && value.length <= 500 && !MISSING_WORDS.has(value.trim().toLowerCase())), `utm.${key} is a bounded string or null`, value);
	}

	for (const label of Object.keys(lead.answers)) {
		check(label.length <= 200, 'answer labels are at most 200 characters', label.length);
		const answer = lead.answers[label];
		const ok =
			answer === null ||
			typeof answer === 'boolean' ||
			(typeof answer === 'number' && Number.isFinite(answer)) ||
			(typeof answer === 'string' && answer.length <= 5000) ||
			(Array.isArray(answer) && answer.length <= 200 && answer.every((item) => typeof item === 'string'));
		check(ok, `answers[${JSON.stringify(label.slice(0, 40))}] is a bounded answer value`, answer);
	}

	check(Array.isArray(lead.events) && lead.events.length <= 1001, 'events is a list of at most 1,001 activities', lead.events.length);
	for (const event of lead.events) {
		check(Object.keys(event).every((key) => key === 'type' || key === 'at' || key === 'value'), 'an event has only type, at and value', event);
		check(typeof event.type === 'string' && event.type.length > 0, 'an event has a type', event);
		check(event.at === null || isIsoDate(event.at), 'an event date is ISO 8601 or null', event);
		check(!('value' in event) || event.value === null || typeof event.value === 'number' || typeof event.value === 'string', 'an event value is a number, string or null', event);
	}

	// String(undefined) never leaks: without the word in the input, no value anywhere in the lead is "undefined"
	if (!text.includes('undefined')) for (const string of stringsIn(lead)) check(string.toLowerCase() !== 'undefined', 'no value is the string "undefined"');
}

function snapshotOf(input: DeliveryInput): string {
	const body = Buffer.isBuffer(input.body) ? `buffer:${input.body.toString('base64')}` : JSON.stringify(input.body) ?? 'undefined';
	return `${body}|${JSON.stringify(input.headers)}|${JSON.stringify(input.query)}`;
}

/* ------------------------------------------------------------------------------------------ */
/* Generator sanity: the hostile cases really are generated                                    */
/* ------------------------------------------------------------------------------------------ */

describe('the generators', () => {
	const sample = fc.sample(deliveryArb, { seed: SEED, numRuns: 400 });

	test('create __proto__, constructor and prototype as own keys, as JSON.parse does', () => {
		const objects = sample.flatMap((input) => [...objectsIn(input.body)]);
		expect(objects.some((object) => Object.prototype.hasOwnProperty.call(object, '__proto__'))).toBe(true);
		expect(objects.some((object) => Object.prototype.hasOwnProperty.call(object, 'constructor'))).toBe(true);
		expect(objects.some((object) => Object.prototype.hasOwnProperty.call(object, 'prototype'))).toBe(true);
		// an own __proto__ key never changes the prototype of the generated object itself
		for (const object of objects) expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
	});

	test('create deep nesting, long strings, arrays where objects belong, and non-object bodies', () => {
		const depths = sample.map((input) => depthOf(input.body));
		expect(Math.max(...depths)).toBeGreaterThanOrEqual(500);
		expect(sample.some((input) => typeof input.body === 'string')).toBe(true);
		expect(sample.some((input) => Buffer.isBuffer(input.body))).toBe(true);
		expect(sample.some((input) => Array.isArray(input.body))).toBe(true);
		const strings = sample.flatMap((input) => [...stringsIn(input.body)]);
		expect(strings.some((text) => text.length >= 5000)).toBe(true);
		expect(strings.some((text) => /[\u0590-\u06FF]/.test(text))).toBe(true);
	});

	test('megabyte strings are really a megabyte', () => {
		const lengths = fc.sample(megabyteString, { seed: SEED, numRuns: 20 }).map((text) => text.length);
		expect(Math.min(...lengths)).toBeGreaterThanOrEqual(1 << 18);
		expect(Math.max(...lengths)).toBeGreaterThanOrEqual(1_000_000);
	});
});

function* objectsIn(value: unknown): Generator<Record<string, unknown>> {
	const stack = [value];
	while (stack.length > 0) {
		const node = stack.pop();
		if (Array.isArray(node)) stack.push(...node);
		else if (typeof node === 'object' && node !== null && !Buffer.isBuffer(node)) {
			yield node as Record<string, unknown>;
			for (const key of Object.keys(node)) stack.push((node as Record<string, unknown>)[key]);
		}
	}
}

function depthOf(value: unknown): number {
	let max = 0;
	const stack: Array<[unknown, number]> = [[value, 0]];
	while (stack.length > 0) {
		const [node, depth] = stack.pop() as [unknown, number];
		max = Math.max(max, depth);
		if (Array.isArray(node)) for (const item of node) stack.push([item, depth + 1]);
		else if (typeof node === 'object' && node !== null && !Buffer.isBuffer(node)) for (const key of Object.keys(node)) stack.push([(node as Record<string, unknown>)[key], depth + 1]);
	}
	return max;
}

/* ------------------------------------------------------------------------------------------ */
/* Properties                                                                                   */
/* ------------------------------------------------------------------------------------------ */

afterEach(() => {
	expectNoPollution();
});

describe('every source normalizer, forced onto any delivery', () => {
	test.each(NORMALIZERS.map((normalizer) => [normalizer.id, normalizer] as const))('%s: never throws, never pollutes, never mutates, canonical leads', (id, normalizer) => {
		fc.assert(
			fc.property(
				deliveryArb,
				counted((input: DeliveryInput) => {
					const before = snapshotOf(input);
					expect(typeof normalizer.detect(input)).toBe('boolean');
					const result = normalizer.normalize(input);
					expectNoPollution();
					expect(snapshotOf(input)).toBe(before);
					expect(Array.isArray(result.leads)).toBe(true);
					// only Meta's notification envelope and the chat sources (statuses, echoes, junk: no message from a person) may carry no lead at all
					if (id !== 'meta' && normalizer.channel !== 'chat') expect(result.leads.length).toBeGreaterThan(0);
					// a reason to ignore a delivery only ever comes without leads, and is text
					if (result.ignored !== undefined) {
						expect(result.leads).toHaveLength(0);
						expect(typeof result.ignored).toBe('string');
					}
					expect(result.eventId === null || (typeof result.eventId === 'string' && result.eventId.length > 0)).toBe(true);
					expect(result.eventType === null || typeof result.eventType === 'string').toBe(true);
					const text = inputText(input.body);
					for (const lead of result.leads) expectCanonicalLead(lead, input.body, { source: id, channel: normalizer.channel }, text);
				}),
			),
			{ seed: SEED, numRuns: 250 },
		);
	});
});

describe('normalizeDelivery (auto-detection)', () => {
	test('vendor payloads with hostile edits: one normalizer claims them and its leads are canonical', () => {
		fc.assert(
			fc.property(
				deliveryArb,
				counted((input: DeliveryInput) => {
					const before = snapshotOf(input);
					const detected = detectNormalizer(input);
					const result = normalizeDelivery(input);
					expectNoPollution();
					expect(snapshotOf(input)).toBe(before);
					expect(SOURCE_IDS).toContain(result.source);
					expect(result.source).toBe(detected.id);
					const text = inputText(input.body);
					for (const lead of result.leads) expectCanonicalLead(lead, input.body, { source: result.source, channel: detected.channel }, text);
					// the same bytes always give the same leads (retries are recognised by them)
					expect(JSON.stringify(normalizeDelivery(input))).toBe(JSON.stringify(result));
				}),
			),
			{ seed: SEED + 1, numRuns: 1200 },
		);
	});

	test('a megabyte string anywhere in a vendor payload is cut, not copied into the lead', () => {
		fc.assert(
			fc.property(
				fc.tuple(fc.constantFrom(...FIXTURES), fc.nat(), megabyteString, keyArb),
				counted(([file, at, huge, key]: [(typeof FIXTURES)[number], number, string, string]) => {
					const body = applyEdits(file.body, [{ at, kind: 'replace', key, value: huge, depth: 0 }, { at: at + 7, kind: 'addKey', key, value: huge, depth: 0 }]);
					const input = { body, headers: {}, query: {} };
					const result = normalizeDelivery(input);
					for (const lead of result.leads) {
						expectCanonicalLead(lead, body, { source: result.source });
						// answers keep at most 5,000 characters of one value
						expect(JSON.stringify(lead.answers).length).toBeLessThan(huge.length);
					}
				}),
			),
			{ seed: SEED + 2, numRuns: 40 },
		);
	});
});

describe('leadFromItem', () => {
	const canonicalish = fc
		.record(
			{
				email: leafArb,
				firstName: leafArb,
				lastName: leafArb,
				fullName: leafArb,
				company: leafArb,
				country: leafArb,
				source: leafArb,
				channel: fc.oneof(fc.constantFrom('form', 'newsletter', 'ad', 'other', 'sms', '__proto__'), leafArb),
				submittedAt: leafArb,
				consent: jsonValueArb,
				utm: jsonValueArb,
				answers: fc.oneof(jsonObjectArb, jsonValueArb),
				events: fc.oneof(fc.array(fc.oneof(jsonValueArb, fc.record({ type: leafArb, at: leafArb, value: leafArb })), { maxLength: 8 }), jsonValueArb),
			},
			{ requiredKeys: [] },
		)
		.chain((lead) => fc.array(fc.tuple(keyArb, jsonValueArb), { maxLength: 4 }).map((extra) => objectFrom([...Object.entries(lead), ...extra, ...Object.entries(HOSTILE_PROTO_KEYS())])));

	const itemArb: fc.Arbitrary<Record<string, unknown>> = fc
		.oneof(
			// an item carrying a (hostile) canonical lead, e.g. from a CRM or an earlier node
			fc.tuple(canonicalish, jsonObjectArb).map(([lead, rest]) => objectFrom([...Object.entries(rest), ['lead', lead]])),
			// n8n's Webhook node output
			fc.tuple(deliveryArb, fc.oneof(jsonObjectArb, jsonValueArb)).map(([input, params]) => objectFrom([['headers', input.headers], ['params', params], ['query', input.query], ['body', input.body]])),
			// the item itself is the payload
			mutatedFixtureArb.filter((body): body is Record<string, unknown> => typeof body === 'object' && body !== null && !Array.isArray(body)),
			jsonObjectArb,
			// a top-level events list next to anything
			fc.tuple(jsonObjectArb, fc.array(fc.oneof(leafArb, jsonObjectArb), { maxLength: 6 })).map(([body, events]) => objectFrom([...Object.entries(body), ['events', events]])),
		)
		.map((item) => (Buffer.isBuffer(item.body) ? item : jsonRoundTrip(item)));

	test('any item gives exactly one canonical lead without throwing or polluting', () => {
		fc.assert(
			fc.property(
				itemArb,
				counted((item: Record<string, unknown>) => {
					const before = JSON.stringify(item);
					const lead = leadFromItem(item);
					expectNoPollution();
					expect(JSON.stringify(item)).toBe(before);
					expectCanonicalLead(lead, item);
					expect(lead.source.length).toBeLessThanOrEqual(100);
					expect(JSON.stringify(leadFromItem(item))).toBe(JSON.stringify(lead));
				}),
			),
			{ seed: SEED + 3, numRuns: 1500 },
		);
	});

	test('a lead passed on by an earlier node comes back unchanged (coercion is idempotent)', () => {
		fc.assert(
			fc.property(
				itemArb,
				counted((item: Record<string, unknown>) => {
					const lead = leadFromItem(item);
					const again = leadFromItem({ lead: jsonRoundTrip(lead) });
					expectCanonicalLead(again, lead);
					// `answers` keys named __proto__ are dropped on the way in (safeEntries), so compare the rest
					const { answers: answersAgain, events: eventsAgain, ...rest } = again;
					const { answers, events, ...original } = lead;
					expect(rest).toEqual(original);
					expect(JSON.stringify(answersAgain)).toBe(JSON.stringify(objectFrom(Object.entries(answers).filter(([label]) => label !== '__proto__'))));
					// string and object events are cleaned alike, so the second pass keeps every activity as it is
					const expectedEvents = events.flatMap((event) => {
						const type = objectEventType(event.type);
						const { value, ...rest } = event;
						return type === null ? [] : [value === null || value === undefined ? { ...rest, type } : { ...rest, type, value }];
					});
					expect(expectedEvents).toStrictEqual(events.map(({ value, ...rest }) => (value === null || value === undefined ? rest : { ...rest, value })));
					// (an event value of null is the same as no value)
					expect(eventsAgain.map(({ value, ...rest }) => (value === null || value === undefined ? rest : { ...rest, value }))).toStrictEqual(expectedEvents);
				}),
			),
			{ seed: SEED + 4, numRuns: 500 },
		);
	});
});

/* Regressions: bugs these properties found, fixed. */
describe('regressions found by these properties', () => {
	const normalize = (body: unknown) => normalizeDelivery({ body, headers: {}, query: {} });

	// lib/lead/fields.ts cleanString() recursed into nested arrays and toAnswerValue() called
	// JSON.stringify on objects: 5,000 nested arrays (a 10 KB body, far under the 1 MB intake limit,
	// and n8n's JSON parser accepts it) threw "RangeError: Maximum call stack size exceeded".
	const DEPTH = 5000;
	test('normalizeDelivery survives {"email": [[[…5,000 levels…]]]}', () => {
		const body = JSON.parse(`{"email": ${'['.repeat(DEPTH)}"deep@acme.io"${']'.repeat(DEPTH)}}`) as Record<string, unknown>;
		expect(() => normalize(body)).not.toThrow();
	});
	test('leadFromItem survives {"lead": {"answers": {"q": {"a": {"a": …5,000 levels…}}}}}', () => {
		const item = JSON.parse(`{"lead": {"email": "a@acme.io", "answers": {"q": ${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}}}}`) as Record<string, unknown>;
		expect(() => leadFromItem(item)).not.toThrow();
	});

	test('Tally: a field whose "type" is {"toString": …} does not throw', () => {
		const body = JSON.parse('{"eventId":"e1","eventType":"FORM_RESPONSE","data":{"responseId":"r1","fields":[{"key":"q1","label":"Email","type":{"toString":"x"},"value":"a@acme.io"}]}}');
		expect(() => normalize(body)).not.toThrow();
	});
	test('Calendly: a question whose "position" is {"toString": …} does not throw', () => {
		const body = JSON.parse('{"event":"invitee.created","payload":{"email":"a@acme.io","questions_and_answers":[{"question":"Company","answer":"Acme","position":{"toString":1}},{"question":"Size","answer":"10","position":1}]}}');
		expect(() => normalize(body)).not.toThrow();
	});

	test('Meta: fields named "constructor" or "__proto__" add no junk keys to the lead', () => {
		const body = { id: '1', field_data: [{ name: 'email', values: ['a@acme.io'] }, { name: 'constructor', values: ['x'] }, { name: '__proto__', values: ['y'] }] };
		const [lead] = normalize(body).leads;
		// before the fix: also "function Object() { [native code] }" and "[object Object]", both undefined
		expect(Object.keys(lead).sort()).toEqual(LEAD_KEYS);
	});

	test('string and object events give the same activity types ("Demo Request" → demo_request, "undefined" dropped)', () => {
		const fromStrings = leadFromItem({ email: 'a@acme.io', events: ['Demo Request', 'pricing-page-view', 'undefined'] });
		const fromObjects = leadFromItem({ email: 'a@acme.io', events: [{ type: 'Demo Request' }, { type: 'pricing-page-view' }, { type: 'undefined' }] });
		expect(fromObjects.events.map((event) => event.type)).toEqual(['demo_request', 'pricing_page_view']);
		// before the fix: ["demo request", "pricing-page-view", "undefined"]: no hand-raiser, no points
		expect(fromStrings.events.map((event) => event.type)).toEqual(['demo_request', 'pricing_page_view']);
	});

	test('a value cut to 500 characters does not end in a space', () => {
		const lead = leadFromItem({ lead: { jobTitle: `${'x'.repeat(499)} yz` } });
		expect(lead.jobTitle).toBe(lead.jobTitle?.trim());
	});
});

afterAll(() => {
	// eslint-disable-next-line no-console
	console.log(`normalizer properties: ${casesRun} cases`);
});
