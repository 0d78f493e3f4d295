import path from 'path';

const root = path.resolve(__dirname, '..', '..');

export function projectRoot(): string {
	return root;
}

export function runtimeDir(): string {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { n8nVersion } = require(path.join(root, 'package.json')).config;
	return process.env.N8N_RUNTIME_DIR || path.join(root, '.cache', `n8n-${n8nVersion}`);
}
