import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

import type { Lead } from '../../../lib/lead/types';
import type { DeliveryInput, NormalizeResult, SourceNormalizer } from '../../../lib/normalizers/types';

export const PAYLOADS_DIR = join(__dirname, '..', '..', 'fixtures', 'payloads');

/** A fresh copy of a fixture, so tests can mutate it freely. */
export function fixture<T = Record<string, unknown>>(source: string, name: string): T {
	return JSON.parse(readFileSync(join(PAYLOADS_DIR, source, `${name}.json`), 'utf8')) as T;
}

export interface FixtureFile {
	source: string;
	name: string;
	body: unknown;
}

/** Fixture folders of posts from no particular vendor (hand-written forms in our users' languages): the generic normalizer reads them. */
const GENERIC_FOLDERS = new Set(['international']);
/** What n8n's trigger nodes output, one sub-folder per source that reads it (see its README). */
export const N8N_TRIGGERS_FOLDER = 'n8n-triggers';
/** Sub-folders of n8n-triggers whose shape no detector may claim: the node before the Lead Intake node names the source. */
export const NODE_CHOSEN_FOLDERS = new Set(['typeformTrigger', 'jotformTrigger']);

function jsonFiles(folder: string): string[] {
	return readdirSync(join(PAYLOADS_DIR, folder))
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => file.replace(/\.json$/, ''));
}

export function allFixtures(): FixtureFile[] {
	return readdirSync(PAYLOADS_DIR)
		.sort()
		.flatMap((folder) => {
			if (folder === N8N_TRIGGERS_FOLDER) {
				return readdirSync(join(PAYLOADS_DIR, folder))
					.sort()
					.filter((source) => !NODE_CHOSEN_FOLDERS.has(source) && !source.includes('.'))
					.flatMap((source) => jsonFiles(join(folder, source)).map((name) => ({ source, name: `${folder}/${source}/${name}`, body: fixture(join(folder, source), name) })));
			}
			return jsonFiles(folder).map((name) => {
				const body = fixture(folder, name);
				return GENERIC_FOLDERS.has(folder) ? { source: 'generic', name: `${folder}/${name}`, body } : { source: folder, name, body };
			});
		});
}

/** A fixture of n8n-triggers/<source>/<name>.json. */
export function triggerFixture<T = Record<string, unknown>>(source: string, name: string): T {
	return fixture<T>(join(N8N_TRIGGERS_FOLDER, source), name);
}

export function delivery(body: unknown, headers: Record<string, string> = {}): DeliveryInput {
	return { body, headers, query: {} };
}

export function run(normalizer: SourceNormalizer, body: unknown): NormalizeResult {
	return normalizer.normalize(delivery(body));
}

/** The single lead of a delivery (fails the test when there is not exactly one). */
export function onlyLead(normalizer: SourceNormalizer, body: unknown): Lead {
	const { leads } = run(normalizer, body);
	expect(leads).toHaveLength(1);
	return leads[0];
}
