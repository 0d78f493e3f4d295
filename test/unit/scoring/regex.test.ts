/**
 * Regex rules (lib/scoring/regex.ts) run in linear time: every accepted pattern, including the
 * known catastrophic ones of public ReDoS test sets, takes at most (characters + 1) × 2 × program
 * size steps on a hostile 200-character field, and its step count grows linearly with the input.
 * Steps are counted, not timed. What the patterns match is checked against V8's own RegExp (with
 * the same `iu` flags) on inputs short enough for backtracking to be harmless.
 */
import fc from 'fast-check';
import { MAX_REGEX_INPUT } from '../../../lib/scoring/engine';
import { MAX_REGEX_PROGRAM, RegexRuleError, compileLinearRegex, regexRuleProblem } from '../../../lib/scoring/regex';

const codePoints = (text: string) => [...text].length;

interface Attack {
	pattern: string;
	/** the attack string its source gives; patterns without one get the generic runs below */
	attack?: string;
}

/** substack/safe-regex, test/regex.js (commit 3243973a), the `bad` list */
const SAFE_REGEX_BAD: Attack[] = [
	{ pattern: '^(a?){25}(a){25}$' },
	{ pattern: `${'a?'.repeat(26)}${'a'.repeat(26)}` },
	{ pattern: '(x+x+)+y', attack: 'x'.repeat(200) },
	{ pattern: 'foo|(x+x+)+y', attack: 'x'.repeat(200) },
	{ pattern: '(a+){10}y' },
	{ pattern: '(a+){2}y' },
	{ pattern: '(a*|b)+$', attack: `${'ab'.repeat(99)}!` },
];

/** github/codeql, javascript/ql/test/query-tests/Performance/ReDoS/tst.js (commit 0063cb14): the NOT GOOD cases and their attacks */
const CODEQL_BAD: Attack[] = [
	{ pattern: '(.*,)+.+', attack: ','.repeat(200) },
	{ pattern: `^(?:\\s+(?:"(?:[^"\\\\]|\\\\\\\\|\\\\.)+"|'(?:[^'\\\\]|\\\\\\\\|\\\\.)+'|\\((?:[^)\\\\]|\\\\\\\\|\\\\.)+\\)))?`, attack: ` '${'\\\\'.repeat(100)}` },
	{ pattern: '^ *(\\S.*\\|.*)\\n *([-:]+ *\\|[-| :]*)\\n((?:.*\\|.*(?:\\n|$))*)a', attack: `a|\n:|\n${'||\n'.repeat(100)}` },
	{ pattern: '^([\\s\\[\\{\\(]|#.*)*$', attack: `${'##'.repeat(100)}\na` },
	// "\_" of the original written "_": with the u flag an escaped "_" does not compile
	{ pattern: '^[_$a-z][_$a-z0-9]*(\\[.*?\\])*(\\.[_$a-z][_$a-z0-9]*(\\[.*?\\])*)*$', attack: `a${'[]'.repeat(100)}.b\n` },
	{ pattern: '^([a-z]+)+$' },
	{ pattern: '^([a-z]*)*$' },
	{ pattern: '^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$' },
	{ pattern: '^(([a-z])+.)+[A-Z]([a-z])+$' },
	{ pattern: '(([\\w#:.~>+()\\s-]+|\\*|\\[.*?\\])+)\\s*(,|$)', attack: `[${']['.repeat(100)}]!` },
	{ pattern: '(b|a?b)*c', attack: 'b'.repeat(200) },
	{ pattern: '(a|aa?)*b' },
	{ pattern: '(.|\\n)*!', attack: '\n'.repeat(200) },
	{ pattern: '(([^]|[^a])*)"' },
	{ pattern: '([^"\']+)*' },
	{ pattern: '((.|[^a])*)"' },
	{ pattern: '((b|[^a])*)"', attack: 'b'.repeat(200) },
	{ pattern: '(([0-9]|[^a])*)"', attack: '1'.repeat(200) },
	{ pattern: '"((?:\\\\[\\x00-\\x7f]|[^\\x00-\\x08\\x0a-\\x1f\\x7f"])*)"', attack: `"${'\\\\'.repeat(100)}` },
	{ pattern: '(([a-z]|[d-h])*)"', attack: 'd'.repeat(200) },
	{ pattern: '((\\d|[0-9])*)"', attack: '1'.repeat(200) },
	{ pattern: '((\\s|\\s)*)"', attack: ' '.repeat(200) },
	{ pattern: '((\\w|G)*)"', attack: 'G'.repeat(200) },
	{ pattern: '((\\d|\\w)*)"', attack: '1'.repeat(200) },
	{ pattern: '((\\W|\\D)*)"', attack: '!'.repeat(200) },
	{ pattern: '((\\S|\\w)*)"' },
];

/** tjenkinson/redos-detector, src/redos-detector.test.ts: cases it reports unsafe (those without back-references or lookaround) */
const REDOS_DETECTOR_UNSAFE: Attack[] = [
	{ pattern: 'a*b?a*$' },
	{ pattern: '(a+b)+(a+b)+f$', attack: 'ab'.repeat(100) },
	{ pattern: '(a{1,2})*$' },
	{ pattern: '(a{1,3})*(a{1,2}){1,2}$' },
	{ pattern: '[ab]*(ab)+$', attack: `${'ab'.repeat(99)}!` },
	{ pattern: '(aa)*a?(aaa)?' },
	{ pattern: '(a|b|ab)*c', attack: 'ab'.repeat(100) },
	{ pattern: '(a|b*)+$', attack: `${'b'.repeat(199)}!` },
	{ pattern: '(a{2,3}){1,}$' },
	{ pattern: '(a{1,2}a{1,2})*$' },
	{ pattern: '\\d+[0-9]*$', attack: `${'1'.repeat(199)}x` },
	{ pattern: '\\w+a*$' },
	{ pattern: '([\\d\\w][-\\d\\w]{0,253}[\\d\\w]\\.)+$', attack: 'a'.repeat(200) },
	{ pattern: '(a|b|c|ab|bc)*a.*$', attack: 'abc'.repeat(66) },
	{ pattern: '\\p{L}+a+$' },
	{ pattern: '(a*b|a*c)*$' },
	{ pattern: '(a+\\b)+$' },
];

/** the issue's own finding and what this repository's property tests found (issue 15 "Trust", KS4) */
const FOUND_HERE: Attack[] = [
	{ pattern: '\\w{1,20}\\w{1,20}\\w{1,20}\\w{1,20}\\w{1,20}!' },
	{ pattern: 'a*a*a*b' },
	{ pattern: '\\w*\\w*\\w*\\w*\\w*\\w*!' },
	{ pattern: '\\d+\\d+\\d+\\d+\\d+x', attack: '1'.repeat(200) },
	{ pattern: `${'a?'.repeat(30)}${'a'.repeat(30)}` },
	{ pattern: '^(\\w+\\s?)*$' },
	{ pattern: '(.*a){12}' },
];

/** the runs that make backtracking explode on most of the patterns above */
const GENERIC_ATTACKS = ['a'.repeat(200), `${'a'.repeat(199)}!`, `${'ab'.repeat(99)}!`, `${'x'.repeat(199)}!`, `${'1'.repeat(199)}x`, `${'a '.repeat(99)}!`, '😀'.repeat(100)];

const CORPUS: Array<[string, Attack]> = [
	...SAFE_REGEX_BAD.map((attack): [string, Attack] => ['safe-regex', attack]),
	...CODEQL_BAD.map((attack): [string, Attack] => ['codeql', attack]),
	...REDOS_DETECTOR_UNSAFE.map((attack): [string, Attack] => ['redos-detector', attack]),
	...FOUND_HERE.map((attack): [string, Attack] => ['issue 15', attack]),
];

describe('known catastrophic patterns run in linear time', () => {
	// steps are counted, not timed; the timeouts only keep a loaded machine from failing a test
	test.each(CORPUS)('%s: %j', (_source, { pattern, attack }) => {
		const regex = compileLinearRegex(pattern);
		expect(regex.size).toBeLessThanOrEqual(MAX_REGEX_PROGRAM);
		for (const input of attack === undefined ? GENERIC_ATTACKS : [attack, ...GENERIC_ATTACKS]) {
			// what the engine sees of a field
			const field = input.slice(0, MAX_REGEX_INPUT);
			regex.test(field);
			// per character at most every state entered once and every thread advanced once: linear in
			// the input for a given pattern (backtracking on these inputs takes 2^n or n^k steps)
			expect(regex.lastSteps).toBeLessThanOrEqual((codePoints(field) + 1) * 2 * regex.size);
			expect(regex.lastSteps).toBeLessThanOrEqual((MAX_REGEX_INPUT + 1) * 2 * MAX_REGEX_PROGRAM);
		}
	}, 30_000);

	test('the issue\'s pattern on 200 word characters: no match, within 201 × 2 × size steps', () => {
		const regex = compileLinearRegex('\\w{1,20}\\w{1,20}\\w{1,20}\\w{1,20}\\w{1,20}!');
		expect(regex.test('a'.repeat(200))).toBe(false);
		expect(regex.test(`${'a'.repeat(60)}!`)).toBe(true);
		// 5 × (20 character tests + 19 optional-copy splits) + "!" + the match state
		expect(regex.size).toBe(5 * 39 + 2);
		regex.test('a'.repeat(200));
		expect(regex.lastSteps).toBeLessThanOrEqual(201 * 2 * (5 * 39 + 2));
	});

	test('a pattern that would spell out too many states is refused, not run', () => {
		expect(() => compileLinearRegex('(?:(?:a{100}){100}){100}')).toThrow(RegexRuleError);
		expect(regexRuleProblem('((a{1000}){1000})')).toMatch(/too large/);
		expect(regexRuleProblem('(.*){1,32000}[bc]')).toMatch(/at most 1000/);
		expect(regexRuleProblem('a'.repeat(201))).toMatch(/longer than 200/);
	});
});

describe('what rules refuse', () => {
	test.each([
		['(a)\\1', /back-reference/],
		['(?<x>a)\\k<x>', /back-reference/],
		['(a+)+\\1', /back-reference/],
		['vp(?= of sales)', /lookahead or lookbehind/],
		['(?!intern)\\w+', /lookahead or lookbehind/],
		['(?<=head of )sales', /lookahead or lookbehind/],
		['(?<!vice )president', /lookahead or lookbehind/],
		['co\\-founder', /does not compile/],
		['a{', /does not compile/],
		[']', /does not compile/],
	])('%s', (pattern, reason) => {
		expect(regexRuleProblem(pattern)).toMatch(reason);
		expect(() => compileLinearRegex(pattern)).toThrow(RegexRuleError);
	});
});

describe('what rules match: JavaScript semantics with the iu flags', () => {
	const matches = (pattern: string, text: string) => compileLinearRegex(pattern).test(text);

	test('hand-checked examples in our markets\' scripts', () => {
		expect(matches('^(ceo|cto|founder)\\b', 'CTO & Co-founder')).toBe(true);
		expect(matches('^(ceo|cto|founder)\\b', 'Director')).toBe(false);
		expect(matches('\\bvp\\b', 'Senior VP, Sales')).toBe(true);
		expect(matches('\\bvp\\b', 'MVP')).toBe(false);
		expect(matches('łódź', 'ŁÓDŹ')).toBe(true);
		expect(matches('^\\p{L}+$', 'محمد')).toBe(true);
		expect(matches('^\\p{L}+$', 'محمد 2')).toBe(false);
		expect(matches('^\\p{L}+$', 'บริษัท')).toBe(false); // Thai vowel signs are marks (\p{M}), not letters
		expect(matches('^[\\p{L}\\p{M}]+$', 'บริษัท')).toBe(true);
		expect(matches('^\\d{3}$', '۱۲۳')).toBe(false); // \d is ASCII in JavaScript, Persian digits are \p{Nd}
		expect(matches('^\\p{Nd}{3}$', '۱۲۳')).toBe(true);
		expect(matches('^.$', '😀')).toBe(true);
		expect(matches('^.$', '\n')).toBe(false);
		expect(matches('^$', '')).toBe(true);
		expect(matches('gmail\\.com$', 'ana@GMAIL.COM')).toBe(true);
		expect(matches('gmail\\.com$', 'ana@gmail.com.evil.io')).toBe(false);
		expect(matches('\\u{1F600}|\\uD83D\\uDE00', 'hi 😀')).toBe(true);
	});

	// atoms, groups and quantifiers of the supported syntax, and short texts from the same letters
	const atom = fc.constantFrom('a', 'b', 'A', 'é', 'İ', 'ı', 'ß', 'K', 'ſ', 's', '😀', '.', '\\w', '\\W', '\\d', '\\s', '\\S', '[a-c]', '[^ab]', '[\\w-]', '[s-t]', '\\p{L}', '\\P{L}', '\\p{Lu}', '\\u{1F600}', '\\uD83D\\uDE00', '\\x41', '\\cJ', '\\0', '\\.');
	const { pattern } = fc.letrec<{ pattern: string; sequence: string; alternation: string; group: string; repeat: string }>((tie) => ({
		pattern: fc.oneof({ depthSize: 'small' }, atom, tie('sequence'), tie('alternation'), tie('repeat'), tie('group'), fc.constantFrom('^', '$', '\\b', '\\B')),
		sequence: fc.array(tie('pattern'), { minLength: 2, maxLength: 4 }).map((parts) => parts.join('')),
		alternation: fc.array(tie('pattern'), { minLength: 2, maxLength: 3 }).map((parts) => parts.join('|')),
		group: fc.tuple(fc.constantFrom('(', '(?:', '(?<g>'), tie('pattern')).map(([open, inner]) => `${open}${inner})`),
		repeat: fc.tuple(fc.oneof(atom, tie('group')), fc.constantFrom('*', '+', '?', '{2}', '{0,3}', '{1,}', '*?', '+?', '{1,2}?')).map(([inner, quantifier]) => `${inner}${quantifier}`),
	}));
	const text = fc.array(fc.constantFrom('a', 'b', 'A', 'B', ' ', '1', '_', 'é', 'É', 'İ', 'i', 'ı', 'I', 'ß', 'ẞ', 'K', 'k', 'ſ', 's', 'S', 'c', '😀', '\uD83D', '\n', '\u0000', '-'), { maxLength: 10 }).map((chars) => chars.join(''));

	/** V8 tries a zero-width match between the two halves of an astral character; the spec and this engine do not */
	const insideSurrogatePair = (input: string, index: number) => index > 0 && /[\uD800-\uDBFF]/.test(input[index - 1]) && /[\uDC00-\uDFFF]/.test(input[index] ?? '');

	test('the same answer as V8 for generated patterns and texts', () => {
		let compared = 0;
		fc.assert(
			fc.property(pattern, fc.array(text, { minLength: 1, maxLength: 6 }), (source, inputs) => {
				let native: RegExp;
				try {
					native = new RegExp(source, 'iu');
				} catch {
					expect(() => compileLinearRegex(source)).toThrow(RegexRuleError);
					return;
				}
				const regex = compileLinearRegex(source);
				for (const input of inputs) {
					const match = native.exec(input);
					if (match && insideSurrogatePair(input, match.index)) continue;
					compared++;
					if (regex.test(input) !== (match !== null)) throw new Error(`${JSON.stringify(source)} on ${JSON.stringify(input)}: V8 says ${match !== null}`);
				}
			}),
			{ seed: 20261201, numRuns: 2000 },
		);
		expect(compared).toBeGreaterThan(5000);
	}, 60_000);
});
