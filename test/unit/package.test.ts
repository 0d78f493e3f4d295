/**
 * What `npm publish` would ship: only the built package (dist/), README, LICENSE, CHANGELOG and
 * package.json, and every node and credential n8n is told to load is in it. The file list comes from
 * npm itself (`npm pack --dry-run --json`), not from reading the `files` field back.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
	name: string;
	version: string;
	license: string;
	author: { name: string };
	dependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	scripts: Record<string, string>;
	n8n: { nodes: string[]; credentials: string[] };
};

function packedFiles(): string[] {
	if (!fs.existsSync(path.join(root, 'dist', 'nodes'))) throw new Error('dist/ is missing: run `npm run build` first');
	const stdout = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
	const [report] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>;
	return report.files.map((file) => file.path);
}

describe('the published package', () => {
	let files: string[];
	beforeAll(() => {
		files = packedFiles();
	}, 60_000);

	test('ships only dist/, README.md, LICENSE, CHANGELOG.md and package.json', () => {
		const outside = files.filter((file) => !file.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'].includes(file));
		expect(outside).toEqual([]);
		expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']));
	});

	test('ships no TypeScript sources, tests or fixtures', () => {
		expect(files.filter((file) => /\.ts$/.test(file) && !file.endsWith('.d.ts'))).toEqual([]);
		expect(files.filter((file) => /(^|\/)(test|fixtures|__tests__)\//.test(file))).toEqual([]);
	});

	test('ships every node and credential file package.json names for n8n', () => {
		const declared = [...pkg.n8n.nodes, ...pkg.n8n.credentials];
		expect(declared.length).toBeGreaterThan(0);
		expect(declared.filter((file) => !files.includes(file))).toEqual([]);
	});

	test('names each node folder under nodes/ for n8n to load', () => {
		const folders = fs
			.readdirSync(path.join(root, 'nodes'), { withFileTypes: true })
			.filter((entry) => entry.isDirectory() && fs.existsSync(path.join(root, 'nodes', entry.name, `${entry.name}.node.ts`)))
			.map((entry) => `dist/nodes/${entry.name}/${entry.name}.node.js`);
		expect([...pkg.n8n.nodes].sort()).toEqual(folders.sort());
	});
});

describe('package.json for release', () => {
	test('has no runtime dependencies and asks n8n for n8n-workflow', () => {
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	});

	test('builds and tests before it publishes', () => {
		expect(pkg.scripts.prepublishOnly).toMatch(/\bnpm test\b/);
		expect(pkg.scripts.test).toMatch(/\bnpm run build\b/);
	});

	test('LICENSE is the MIT licence package.json declares, held by its author', () => {
		const licence = fs.readFileSync(path.join(root, 'LICENSE'), 'utf8');
		expect(pkg.license).toBe('MIT');
		expect(licence.startsWith('MIT License')).toBe(true);
		expect(licence).toContain(`Copyright (c) 2026 ${pkg.author.name}`);
	});

	test('CHANGELOG has an Unreleased section and one for the current version', () => {
		const changelog = fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8');
		expect(changelog).toMatch(/^## \[Unreleased\]$/m);
		expect(changelog).toMatch(new RegExp(`^## \\[${pkg.version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm'));
	});
});
