/**
 * Regex rules run on a Pike VM (Thompson's NFA simulation, as in RE2 and Go's regexp): every
 * input character advances all live states at once, so matching takes at most
 * (characters + 1) × (program size) steps whatever the pattern. A backtracking engine (V8's
 * RegExp) can take seconds on 200 characters for patterns as harmless-looking as
 * `\w{1,20}\w{1,20}\w{1,20}\w{1,20}\w{1,20}!`, and a model rule runs on every lead.
 *
 * Syntax is JavaScript's with the `iu` flags (case-insensitive, Unicode), minus what needs
 * backtracking: back-references and lookaround are refused. Each single character test
 * (a literal, a class like `[a-z]` or `\p{L}`, `.`, `\w`) is left to V8 on one code point, so
 * case folding and Unicode properties are exactly JavaScript's; only the structure (sequence,
 * alternation, repetition, anchors) is simulated here.
 */

/** Patterns are bounded so a rule can never hang the scoring of a lead. */
export const MAX_REGEX_LENGTH = 200;
/** Instructions after `{m,n}` are expanded; the VM's work per character is bounded by it. */
export const MAX_REGEX_PROGRAM = 2000;
/** The largest m or n in `{m,n}`. */
export const MAX_REGEX_REPEAT = 1000;

export class RegexRuleError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RegexRuleError';
	}
}

type CharTest = (codePoint: number) => boolean;

type Assertion = 'start' | 'end' | 'wordBoundary' | 'notWordBoundary';

type RegexNode =
	| { kind: 'char'; test: CharTest }
	| { kind: 'assert'; assertion: Assertion }
	| { kind: 'sequence'; items: RegexNode[] }
	| { kind: 'alternation'; options: RegexNode[] }
	| { kind: 'repeat'; node: RegexNode; min: number; max: number };

/** The one-character test of an atom, answered by V8 and remembered per code point. */
function charTest(source: string): CharTest {
	const pattern = new RegExp(`^(?:${source})$`, 'iu');
	// 0 not asked yet, 1 no, 2 yes
	const ascii = new Uint8Array(128);
	const other = new Map<number, boolean>();
	return (codePoint) => {
		if (codePoint < 128) {
			let known = ascii[codePoint];
			if (known === 0) {
				known = pattern.test(String.fromCharCode(codePoint)) ? 2 : 1;
				ascii[codePoint] = known;
			}
			return known === 2;
		}
		let known = other.get(codePoint);
		if (known === undefined) {
			known = pattern.test(String.fromCodePoint(codePoint));
			if (other.size < 4096) other.set(codePoint, known);
		}
		return known;
	};
}

const HEX = /^[0-9a-fA-F]$/;

class Parser {
	private index = 0;
	/** one test per distinct atom text: `\w` twice in a pattern shares its remembered answers */
	private readonly tests = new Map<string, CharTest>();

	constructor(private readonly pattern: string) {}

	parse(): RegexNode {
		const node = this.alternation();
		// a stray ")" is a syntax error that RegExp already refused; defensive all the same
		if (this.index < this.pattern.length) throw new RegexRuleError(`regex has an unexpected "${this.pattern[this.index]}" at position ${this.index + 1}`);
		return node;
	}

	private alternation(): RegexNode {
		const options = [this.sequence()];
		while (this.pattern[this.index] === '|') {
			this.index++;
			options.push(this.sequence());
		}
		return options.length === 1 ? options[0] : { kind: 'alternation', options };
	}

	private sequence(): RegexNode {
		const items: RegexNode[] = [];
		while (this.index < this.pattern.length && this.pattern[this.index] !== '|' && this.pattern[this.index] !== ')') {
			const atom = this.atom();
			items.push(this.quantified(atom));
		}
		return items.length === 1 ? items[0] : { kind: 'sequence', items };
	}

	private quantified(atom: RegexNode): RegexNode {
		const char = this.pattern[this.index];
		let min: number;
		let max: number;
		if (char === '*' || char === '+' || char === '?') {
			this.index++;
			min = char === '+' ? 1 : 0;
			max = char === '?' ? 1 : Infinity;
		} else if (char === '{') {
			const bounds = /^\{(\d+)(,(\d*))?\}/.exec(this.pattern.slice(this.index));
			if (!bounds) return atom;
			this.index += bounds[0].length;
			min = Number(bounds[1]);
			max = bounds[2] === undefined ? min : bounds[3] === '' ? Infinity : Number(bounds[3]);
			if (min > MAX_REGEX_REPEAT || (max !== Infinity && max > MAX_REGEX_REPEAT)) {
				throw new RegexRuleError(`regex repeats something ${bounds[0]} times; at most ${MAX_REGEX_REPEAT} is allowed`);
			}
		} else {
			return atom;
		}
		// a lazy repetition ("+?") matches the same texts: only where the match ends differs
		if (this.pattern[this.index] === '?') this.index++;
		return this.quantified({ kind: 'repeat', node: atom, min, max });
	}

	private atom(): RegexNode {
		const { pattern } = this;
		const start = this.index;
		const char = pattern[start];
		if (char === '(') return this.group();
		if (char === '^' || char === '$') {
			this.index++;
			return { kind: 'assert', assertion: char === '^' ? 'start' : 'end' };
		}
		if (char === '[') {
			let end = start + 1;
			while (end < pattern.length && pattern[end] !== ']') end += pattern[end] === '\\' ? 2 : 1;
			this.index = end + 1;
			return this.char(pattern.slice(start, this.index));
		}
		if (char === '\\') return this.escape();
		// a literal, astral characters included
		const codePoint = pattern.codePointAt(start) as number;
		this.index += codePoint > 0xffff ? 2 : 1;
		return this.char(pattern.slice(start, this.index));
	}

	private group(): RegexNode {
		const { pattern } = this;
		const start = this.index;
		this.index++;
		if (pattern[this.index] === '?') {
			const kind = pattern.slice(this.index, this.index + 3);
			if (kind.startsWith('?:')) this.index += 2;
			else if (kind === '?<=' || kind === '?<!' || kind.startsWith('?=') || kind.startsWith('?!')) {
				throw new RegexRuleError(`regex uses a lookahead or lookbehind ("(${kind}"), which rules do not support; match the text itself instead`);
			} else if (kind.startsWith('?<')) {
				// a named group: the name only matters to back-references, which are refused
				const close = pattern.indexOf('>', this.index);
				this.index = close + 1;
			} else {
				throw new RegexRuleError(`regex uses "(${kind.slice(0, 2)}", which rules do not support`);
			}
		}
		const inner = this.alternation();
		if (pattern[this.index] !== ')') throw new RegexRuleError(`regex has an unclosed group at position ${start + 1}`);
		this.index++;
		return inner;
	}

	private escape(): RegexNode {
		const { pattern } = this;
		const start = this.index;
		const next = pattern[start + 1];
		let end = start + 2;
		if (next === 'b' || next === 'B') {
			this.index = end;
			return { kind: 'assert', assertion: next === 'b' ? 'wordBoundary' : 'notWordBoundary' };
		}
		if ((next >= '1' && next <= '9') || next === 'k') {
			throw new RegexRuleError(`regex uses a back-reference ("\\${next}"), which rules do not support`);
		}
		if (next === 'p' || next === 'P') end = pattern.indexOf('}', start) + 1;
		else if (next === 'x') end = start + 4;
		else if (next === 'c') end = start + 3;
		else if (next === 'u') {
			if (pattern[start + 2] === '{') end = pattern.indexOf('}', start) + 1;
			else {
				end = start + 6;
				// "\uD83D\uDE00" is one character with the u flag
				const unit = Number.parseInt(pattern.slice(start + 2, end), 16);
				const trail = pattern.slice(end, end + 6);
				if (unit >= 0xd800 && unit <= 0xdbff && /^\\u[dD][c-fC-F][0-9a-fA-F]{2}$/.test(trail)) end += 6;
			}
		} else if (next === undefined) {
			throw new RegexRuleError('regex ends with a lone "\\"');
		} else if (next.charCodeAt(0) >= 0xd800 && next.charCodeAt(0) <= 0xdbff) end = start + 3;
		this.index = end;
		// defensive: the escapes above were checked by RegExp, but a short slice must not pass silently
		if (end <= start + 1 || (next === 'x' && !(HEX.test(pattern[start + 2]) && HEX.test(pattern[start + 3])))) throw new RegexRuleError(`regex has an incomplete escape at position ${start + 1}`);
		return this.char(pattern.slice(start, end));
	}

	private char(source: string): RegexNode {
		let test = this.tests.get(source);
		if (!test) {
			test = charTest(source);
			this.tests.set(source, test);
		}
		return { kind: 'char', test };
	}
}

/** instructions of the program */
const CHAR = 0;
const SPLIT = 1;
const JUMP = 2;
const ASSERT = 3;
const MATCH = 4;
type Op = typeof CHAR | typeof SPLIT | typeof JUMP | typeof ASSERT | typeof MATCH;

interface Program {
	ops: Op[];
	/** Char: unused (always the next instruction); Split: first branch; Jump: target */
	targets: number[];
	/** Split: second branch */
	alternatives: number[];
	tests: Array<CharTest | null>;
	assertions: Array<Assertion | null>;
}

function compileProgram(root: RegexNode): Program {
	const program: Program = { ops: [], targets: [], alternatives: [], tests: [], assertions: [] };
	const emit = (op: Op, target = -1, alternative = -1, test: CharTest | null = null, assertion: Assertion | null = null): number => {
		if (program.ops.length >= MAX_REGEX_PROGRAM) {
			throw new RegexRuleError(`regex is too large once its repetitions are spelled out (more than ${MAX_REGEX_PROGRAM} steps per character); use smaller {m,n} counts`);
		}
		program.ops.push(op);
		program.targets.push(target);
		program.alternatives.push(alternative);
		program.tests.push(test);
		program.assertions.push(assertion);
		return program.ops.length - 1;
	};
	const node = (current: RegexNode): void => {
		switch (current.kind) {
			case 'char':
				emit(CHAR, -1, -1, current.test);
				return;
			case 'assert':
				emit(ASSERT, -1, -1, null, current.assertion);
				return;
			case 'sequence':
				for (const item of current.items) node(item);
				return;
			case 'alternation': {
				const jumps: number[] = [];
				current.options.forEach((option, index) => {
					if (index < current.options.length - 1) {
						const split = emit(SPLIT);
						program.targets[split] = split + 1;
						node(option);
						jumps.push(emit(JUMP));
						program.alternatives[split] = program.ops.length;
					} else node(option);
				});
				for (const jump of jumps) program.targets[jump] = program.ops.length;
				return;
			}
			case 'repeat': {
				for (let copy = 0; copy < current.min; copy++) node(current.node);
				if (current.max === Infinity) {
					const split = emit(SPLIT);
					program.targets[split] = split + 1;
					node(current.node);
					emit(JUMP, split);
					program.alternatives[split] = program.ops.length;
					return;
				}
				// x{2,4} is xx(x(x)?)?: each optional copy may stop the repetition
				const splits: number[] = [];
				for (let copy = current.min; copy < current.max; copy++) {
					const split = emit(SPLIT);
					program.targets[split] = split + 1;
					splits.push(split);
					node(current.node);
				}
				for (const split of splits) program.alternatives[split] = program.ops.length;
				return;
			}
		}
	};
	node(root);
	emit(MATCH);
	return program;
}

export interface LinearRegex {
	/** Like RegExp.prototype.test with the `iu` flags: does the pattern match anywhere in `text`? */
	test(text: string): boolean;
	/** instructions in the program; a test takes at most (code points + 1) × 2 × size steps */
	readonly size: number;
	/** the steps the last test took (threads advanced and states entered), for tests of the bound */
	readonly lastSteps: number;
}

class PikeVm implements LinearRegex {
	lastSteps = 0;
	readonly size: number;
	private readonly ops: Uint8Array;
	private readonly targets: Int32Array;
	private readonly alternatives: Int32Array;
	private readonly tests: Array<CharTest | null>;
	private readonly assertions: Array<Assertion | null>;
	/** the generation in which each instruction was last entered: a state is entered once per position */
	private readonly entered: Uint32Array;
	private generation = 0;
	private current: Int32Array;
	private next: Int32Array;
	private readonly stack: Int32Array;
	private readonly isWordChar: CharTest;
	/** "^…": no match can start after the first position */
	private readonly anchoredAtStart: boolean;
	private steps = 0;

	constructor(program: Program) {
		const size = program.ops.length;
		this.size = size;
		this.ops = Uint8Array.from(program.ops);
		this.targets = Int32Array.from(program.targets);
		this.alternatives = Int32Array.from(program.alternatives);
		this.tests = program.tests;
		this.assertions = program.assertions;
		this.entered = new Uint32Array(size);
		this.current = new Int32Array(size);
		this.next = new Int32Array(size);
		// a split pushes two entries and pops one: the stack never holds more than size + 1
		this.stack = new Int32Array(size + 2);
		const usesWordBoundaries = program.assertions.some((assertion) => assertion === 'wordBoundary' || assertion === 'notWordBoundary');
		this.isWordChar = usesWordBoundaries ? charTest('\\w') : () => false;
		this.anchoredAtStart = program.ops[0] === ASSERT && program.assertions[0] === 'start';
	}

	test(text: string): boolean {
		const { ops, tests } = this;
		if (this.generation > 0xfffffff0) {
			this.entered.fill(0);
			this.generation = 0;
		}
		this.steps = 0;
		const length = text.length;
		let position = 0;
		let codePoint = length > 0 ? (text.codePointAt(0) as number) : -1;
		let previousIsWord = false;
		let nextIsWord = codePoint >= 0 && this.isWordChar(codePoint);
		let currentCount = 0;
		this.generation++;
		for (;;) {
			// a match may start at every position: enter the program's first state here too
			if (position === 0 || !this.anchoredAtStart) currentCount = this.enter(this.current, currentCount, 0, position === 0, position >= length, previousIsWord, nextIsWord);
			if (currentCount <= 0 || codePoint < 0) {
				if (currentCount === 0 && this.anchoredAtStart && position > 0) break;
				if (currentCount < 0 || codePoint < 0) break;
			}
			const nextPosition = position + (codePoint > 0xffff ? 2 : 1);
			const following = nextPosition < length ? (text.codePointAt(nextPosition) as number) : -1;
			const followingIsWord = following >= 0 && this.isWordChar(following);
			this.generation++;
			let nextCount = 0;
			this.steps += currentCount;
			for (let index = 0; index < currentCount && nextCount >= 0; index++) {
				const pc = this.current[index];
				if (ops[pc] === CHAR && (tests[pc] as CharTest)(codePoint)) nextCount = this.enter(this.next, nextCount, pc + 1, false, nextPosition >= length, nextIsWord, followingIsWord);
			}
			const swap = this.current;
			this.current = this.next;
			this.next = swap;
			currentCount = nextCount;
			if (currentCount < 0) break;
			position = nextPosition;
			codePoint = following;
			previousIsWord = nextIsWord;
			nextIsWord = followingIsWord;
		}
		this.lastSteps = this.steps;
		return currentCount < 0;
	}

	/**
	 * Follows jumps, splits and assertions from `start` at one position and adds the character
	 * states reached to `list`. Returns the new length of the list, or −1 when the match state was reached.
	 */
	private enter(list: Int32Array, count: number, start: number, atStart: boolean, atEnd: boolean, previousIsWord: boolean, nextIsWord: boolean): number {
		const { ops, targets, alternatives, entered, stack, generation } = this;
		let top = 0;
		stack[top++] = start;
		while (top > 0) {
			const pc = stack[--top];
			if (entered[pc] === generation) continue;
			entered[pc] = generation;
			this.steps++;
			switch (ops[pc]) {
				case CHAR:
					list[count++] = pc;
					break;
				case MATCH:
					return -1;
				case JUMP:
					stack[top++] = targets[pc];
					break;
				case SPLIT:
					stack[top++] = alternatives[pc];
					stack[top++] = targets[pc];
					break;
				case ASSERT: {
					const assertion = this.assertions[pc];
					const holds = assertion === 'start' ? atStart : assertion === 'end' ? atEnd : assertion === 'wordBoundary' ? previousIsWord !== nextIsWord : previousIsWord === nextIsWord;
					if (holds) stack[top++] = pc + 1;
					break;
				}
			}
		}
		return count;
	}
}

/**
 * Compiles a rule's pattern for linear-time matching. Throws RegexRuleError, with a message a
 * marketer can act on, for a pattern that is not a valid JavaScript regex or uses what rules
 * do not support.
 */
export function compileLinearRegex(pattern: string): LinearRegex {
	if (pattern.length > MAX_REGEX_LENGTH) throw new RegexRuleError(`regex is longer than ${MAX_REGEX_LENGTH} characters`);
	try {
		// the syntax is JavaScript's with the flags rules use
		new RegExp(pattern, 'iu');
	} catch (error) {
		throw new RegexRuleError(`regex does not compile: ${(error as Error).message}`);
	}
	return new PikeVm(compileProgram(new Parser(pattern).parse()));
}

/** Why a rule's pattern cannot be used, or null when it can. */
export function regexRuleProblem(pattern: string): string | null {
	try {
		compileLinearRegex(pattern);
		return null;
	} catch (error) {
		if (error instanceof RegexRuleError) return error.message;
		throw error;
	}
}
