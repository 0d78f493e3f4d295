// `npm run n8n -- <args>`: the pinned n8n, with an isolated user folder (SQLite) and this
// package installed from its packed tarball, so node types are n8n-nodes-lead-qualification.<name>.
import { createRequire } from 'module';
import { spawnSync } from 'child_process';
import path from 'path';

const require = createRequire(import.meta.url);
const runtime = require('./lib/runtime.js');

const userFolder = process.env.LQ_USER_FOLDER || path.join(runtime.root, '.cache', 'n8n-user');
runtime.ensureRuntime();
runtime.installPackage(userFolder);
const result = spawnSync(process.execPath, [runtime.n8nBin, ...process.argv.slice(2)], { stdio: 'inherit', env: runtime.n8nEnv(userFolder) });
process.exit(result.status ?? 1);
