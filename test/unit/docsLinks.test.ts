/**
 * The README is a front door and docs/ holds the reference, so a reader follows relative links
 * from one page to another. Every relative link and image in README.md and docs/*.md must point at
 * a file that exists (resolved from the page's own folder, as GitHub and npm resolve it), and every
 * `#anchor` at a heading of the target page (GitHub's heading ids).
 */
import fs from 'fs';
import path from 'path';

const ROOT = path.join(__dirname, '..', '..');

function pages(): string[] {
	const docs = fs
		.readdirSync(path.join(ROOT, 'docs'))
		.filter((name) => name.endsWith('.md'))
		.map((name) => path.join('docs', name));
	return ['README.md', ...docs];
}

/** Markdown without fenced code blocks and inline code, where brackets are not links. */
function proseOf(markdown: string): string {
	return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** Link and image targets: [text](target) and ![alt](target "title"), plus <img src="…">. */
export function linkTargets(markdown: string): string[] {
	const prose = proseOf(markdown);
	const targets: string[] = [];
	for (const match of prose.matchAll(/!?\[(?:[^\][]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
		targets.push(match[1]);
	}
	for (const match of prose.matchAll(/<img\b[^>]*\bsrc="([^"]+)"/g)) targets.push(match[1]);
	return targets;
}

/** GitHub's heading ids: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function headingIds(markdown: string): Set<string> {
	const ids = new Set<string>();
	const seen = new Map<string, number>();
	const withoutCode = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '');
	for (const match of withoutCode.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
		const text = match[1]
			.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
			.replace(/<[^>]+>/g, '');
		const base = text
			.toLowerCase()
			.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
			.replace(/ /g, '-');
		const count = seen.get(base) ?? 0;
		seen.set(base, count + 1);
		ids.add(count === 0 ? base : `${base}-${count}`);
	}
	return ids;
}

function brokenLinks(page: string): string[] {
	const markdown = fs.readFileSync(path.join(ROOT, page), 'utf8');
	const broken: string[] = [];
	for (const target of linkTargets(markdown)) {
		if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: …
		const [rawPath, anchor] = target.split('#', 2) as [string, string | undefined];
		const filePath = rawPath === '' ? page : path.join(path.dirname(page), decodeURIComponent(rawPath));
		const absolute = path.join(ROOT, filePath);
		if (!fs.existsSync(absolute)) {
			broken.push(`${page}: ${target} (no file ${filePath})`);
			continue;
		}
		if (anchor !== undefined && filePath.endsWith('.md')) {
			const ids = headingIds(fs.readFileSync(absolute, 'utf8'));
			if (!ids.has(decodeURIComponent(anchor))) broken.push(`${page}: ${target} (no heading #${anchor} in ${filePath})`);
		}
	}
	return broken;
}

describe('links between README.md and docs/', () => {
	it('reads links the way the pages write them (hand-written examples)', () => {
		const sample = [
			'See [scoring](docs/scoring.md#stages) and ![shot](docs/screenshots/a.png "A").',
			'`[not](a-link.md)` and',
			'```json',
			'{ "x": "[nor](this.md)" }',
			'```',
			'[web](https://n8n.io) <img src="docs/b.png">',
		].join('\n');
		expect(linkTargets(sample)).toEqual(['docs/scoring.md#stages', 'docs/screenshots/a.png', 'https://n8n.io', 'docs/b.png']);
		// ids as GitHub shows them for these headings
		expect([...headingIds('## What n8n guarantees, and what we add\n### Where the state lives (State Store)\n## B2B SaaS (`b2bSaas`)\n## Stages\n## Stages')]).toEqual([
			'what-n8n-guarantees-and-what-we-add',
			'where-the-state-lives-state-store',
			'b2b-saas-b2bsaas',
			'stages',
			'stages-1',
		]);
	});

	it.each(pages())('%s: every relative link and image resolves', (page) => {
		expect(brokenLinks(page)).toEqual([]);
	});
});
