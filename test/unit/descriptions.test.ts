/**
 * What a marketer reads in the editor: every node, parameter and credential field explains itself,
 * and the node panel finds each node by the words people search for.
 */
import fs from 'fs';
import path from 'path';
import { resolveWebhookDescriptionField, webhookDescriptionIsNativelyResolvable, type ICredentialType, type INodeProperties, type INodePropertyCollection, type INodeType } from 'n8n-workflow';
import { LeadRouterRedisApi } from '../../credentials/LeadRouterRedisApi.credentials';
import { LeadWebhookSecretApi } from '../../credentials/LeadWebhookSecretApi.credentials';
import { LeadInsights } from '../../nodes/LeadInsights/LeadInsights.node';
import { LeadIntake } from '../../nodes/LeadIntake/LeadIntake.node';
import { LeadIntakeTrigger } from '../../nodes/LeadIntakeTrigger/LeadIntakeTrigger.node';
import { LeadRecovery } from '../../nodes/LeadRecovery/LeadRecovery.node';
import { LeadRouter } from '../../nodes/LeadRouter/LeadRouter.node';
import { LeadScore } from '../../nodes/LeadScore/LeadScore.node';

const NODES: Array<[string, INodeType]> = [
	['LeadInsights', new LeadInsights()],
	['LeadIntake', new LeadIntake()],
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

describe('Lead Intake Trigger webhooks need no expression sandbox', () => {
	const trigger = new LeadIntakeTrigger().description;
	const node = { id: 'trigger', name: 'Lead Intake Trigger', type: 'n8n-nodes-lead-qualification.leadIntakeTrigger', typeVersion: 2, position: [0, 0] as [number, number], parameters: { path: 'leads/acme', responseMode: 'onReceived', source: 'auto' } };

	test('new nodes get version 2; workflows saved with version 1 still load', () => {
		expect(trigger.version).toEqual([1, 2]);
		expect(trigger.defaultVersion).toBe(2);
	});

	test.each(trigger.webhooks ?? [])('the "$name" webhook resolves its path and response mode from static parameters', (webhook) => {
		expect(webhookDescriptionIsNativelyResolvable(webhook)).toBe(true);
		expect(resolveWebhookDescriptionField(node, webhook, 'path')).toEqual({ resolved: true, value: 'leads/acme' });
		if (webhook.name === 'default') expect(resolveWebhookDescriptionField(node, webhook, 'responseMode')).toEqual({ resolved: true, value: 'onReceived' });
		// an expression in the parameters sends n8n back to its engine, with the same template as before
		expect(resolveWebhookDescriptionField({ ...node, parameters: { ...node.parameters, path: '={{ "x" }}' } }, webhook, 'path')).toEqual({ resolved: false });
		expect(webhook.path).toBe('={{$parameter["path"]}}');
	});
});
