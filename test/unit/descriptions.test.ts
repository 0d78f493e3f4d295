/**
 * What a marketer reads in the editor: every node, parameter and credential field explains itself,
 * and the node panel finds each node by the words people search for.
 */
import fs from 'fs';
import path from 'path';
import type { ICredentialType, INodeProperties, INodePropertyCollection, INodeType } from 'n8n-workflow';
import { LeadRouterRedisApi } from '../../credentials/LeadRouterRedisApi.credentials';
import { LeadWebhookSecretApi } from '../../credentials/LeadWebhookSecretApi.credentials';
import { LeadIntakeTrigger } from '../../nodes/LeadIntakeTrigger/LeadIntakeTrigger.node';
import { LeadRecovery } from '../../nodes/LeadRecovery/LeadRecovery.node';
import { LeadRouter } from '../../nodes/LeadRouter/LeadRouter.node';
import { LeadScore } from '../../nodes/LeadScore/LeadScore.node';

const NODES: Array<[string, INodeType]> = [
	['LeadIntakeTrigger', new LeadIntakeTrigger()],
	['LeadRecovery', new LeadRecovery()],
	['LeadRouter', new LeadRouter()],
	['LeadScore', new LeadScore()],
];
const CREDENTIALS: ICredentialType[] = [new LeadWebhookSecretApi(), new LeadRouterRedisApi()];

function undescribed(properties: INodeProperties[], at: string): string[] {
	const missing: string[] = [];
	for (const property of properties) {
		if (property.type === 'notice') continue;
		const here = `${at}/${property.name}`;
		if (!property.description || property.description.length < 10) missing.push(here);
		for (const option of property.options ?? []) {
			if ('values' in (option as INodePropertyCollection)) missing.push(...undescribed((option as INodePropertyCollection).values, `${here}/${(option as INodePropertyCollection).name}`));
			else if ('type' in (option as INodeProperties)) missing.push(...undescribed([option as INodeProperties], here));
		}
	}
	return missing;
}

test.each(NODES)('%s: every parameter has a description', (_name, node) => {
	expect(undescribed(node.description.properties, '')).toEqual([]);
});

test.each(CREDENTIALS.map((credential) => [credential.name, credential] as const))('%s: every field has a description or is self-evident', (_name, credential) => {
	const selfEvident = new Set(['user', 'scheme']);
	expect(undescribed(credential.properties.filter((property) => !selfEvident.has(property.name)), '')).toEqual([]);
});

test.each(NODES)('%s: light and dark SVG icons, a one-line description and codex aliases', (name, node) => {
	const dir = path.join(__dirname, '..', '..', 'nodes', name);
	const icon = node.description.icon as { light: string; dark: string };
	for (const file of [icon.light, icon.dark]) {
		const svg = fs.readFileSync(path.join(dir, file.replace(/^file:/, '')), 'utf8');
		expect(svg).toMatch(/^<svg[^>]+viewBox=/);
	}
	expect(node.description.description.length).toBeGreaterThan(30);
	expect(node.description.description).not.toMatch(/\n/);
	const codex = JSON.parse(fs.readFileSync(path.join(dir, `${name}.node.json`), 'utf8'));
	expect(codex.node).toBe(`n8n-nodes-lead-qualification.${node.description.name}`);
	expect(codex.alias.map((alias: string) => alias.toLowerCase())).toEqual(expect.arrayContaining(['lead']));
	expect(codex.categories.length).toBeGreaterThan(0);
});
