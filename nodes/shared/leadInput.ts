/**
 * How a node reads a lead from an item, shared by Lead Score and Lead Insights so that a lead is
 * read the same way when it is scored live and when its history is checked: the lead found in the
 * item (detect.ts), the editor's field mapping, when it was received, and the hygiene options.
 */
import { isObjectEmpty, NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { coerceEvents, isWebhookNodeOutput, leadFromItem } from '../../lib/lead/detect';
import { cleanString, labelKey, normalizeEmail } from '../../lib/lead/fields';
import type { Lead } from '../../lib/lead/types';
import { DEFAULT_HONEYPOT_FIELDS, DEFAULT_HONEYPOT_KEYS, type HygieneOptions } from '../../lib/scoring/hygiene';

export const fieldMappingProperty: INodeProperties = {
		displayName: 'Map Lead Fields',
		name: 'fieldMapping',
		type: 'collection',
		placeholder: 'Map a Field',
		default: {},
		description: 'Lead data is found automatically (a "lead" object, form fields like "Email Address", or a Webhook node\'s body). Map a field here to take it from somewhere else.',
		options: [
			{ displayName: 'Activities (Events)', name: 'events', type: 'json', default: '[]', description: 'A list like [{"type": "pricing_page_view", "at": "2026-11-20T10:00:00Z"}]' },
			{ displayName: 'Company', name: 'company', type: 'string', default: '', description: 'E.g. {{ $JSON.org.name }}.' },
			{ displayName: 'Country', name: 'country', type: 'string', default: '', description: 'Two-letter code or country name, e.g. {{ $JSON.geo.country }}' },
			{ displayName: 'Email', name: 'email', type: 'string', default: '', description: 'Where the email address is, e.g. {{ $JSON.contact.email }}', placeholder: '={{ $json.contact.email }}' },
			{ displayName: 'First Name', name: 'firstName', type: 'string', default: '', description: 'E.g. {{ $JSON.contact.first }}.' },
			{ displayName: 'Job Title', name: 'jobTitle', type: 'string', default: '', description: 'E.g. {{ $JSON.role }}.' },
			{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '', description: 'E.g. {{ $JSON.contact.last }}.' },
			{ displayName: 'Phone', name: 'phone', type: 'string', default: '', description: 'E.g. {{ $JSON.mobile }}.' },
			{ displayName: 'Website', name: 'website', type: 'string', default: '', description: 'Company website, e.g. {{ $JSON.URL }}' },
		],
	};

/** Entries of a node's Options collection about data quality (honeypots, extra free and disposable domains). */
export const leadHygieneOptions: INodeProperties[] = [
	{
		displayName: 'Extra Disposable Domains',
		name: 'extraDisposableDomains',
		type: 'string',
		default: '',
		description: 'Throwaway email domains to treat as disposable, on top of the built-in list',
	},
	{
		displayName: 'Extra Free Email Domains',
		name: 'extraFreeMailDomains',
		type: 'string',
		default: '',
		description: 'Personal email domains to treat as free mail, on top of the built-in list (gmail.com, outlook.com...)',
	},
	{
		displayName: 'Honeypot Fields',
		name: 'honeypotFields',
		type: 'string',
		default: DEFAULT_HONEYPOT_FIELDS.join(', '),
		description: 'Hidden form fields that people never fill in; if one is filled, a bot sent the form',
	},
];

const MAPPABLE_TEXT_FIELDS = ['company', 'country', 'firstName', 'jobTitle', 'lastName', 'phone', 'website'] as const;

function domainSet(text: unknown): ReadonlySet<string> | undefined {
	const domains = String(text ?? '')
		.split(/[,\n;\s]+/)
		.map((domain) => domain.trim().toLowerCase().replace(/^@/, ''))
		.filter(Boolean);
	return domains.length ? new Set(domains) : undefined;
}

export function applyMapping(lead: Lead, mapping: IDataObject, itemIndex: number, context: IExecuteFunctions): void {
	if (mapping.email !== undefined && mapping.email !== '') lead.email = normalizeEmail(mapping.email);
	for (const field of MAPPABLE_TEXT_FIELDS) {
		if (mapping[field] !== undefined && mapping[field] !== '') lead[field] = cleanString(mapping[field], 500);
	}
	if (mapping.firstName || mapping.lastName) lead.fullName = [lead.firstName, lead.lastName].filter(Boolean).join(' ') || null;
	if (mapping.events !== undefined && mapping.events !== '' && mapping.events !== '[]') {
		let events = mapping.events;
		if (typeof events === 'string') {
			try {
				events = JSON.parse(events);
			} catch {
				throw new NodeOperationError(context.getNode(), `Item ${itemIndex}: "Activities (Events)" is not valid JSON`, { itemIndex });
			}
		}
		if (!Array.isArray(events)) {
			throw new NodeOperationError(context.getNode(), `Item ${itemIndex}: "Activities (Events)" must be a list of activities`, {
				itemIndex,
				description: 'Example: [{"type": "pricing_page_view", "at": "2026-11-20T10:00:00Z"}]',
			});
		}
		lead.events = coerceEvents(events);
	}
}

/** The lead of one item, as Lead Score scores it: found in the item, then the editor's mapping applied. */
export function readLead(json: IDataObject, mapping: IDataObject, itemIndex: number, context: IExecuteFunctions): Lead {
	const lead = leadFromItem(json);
	if (!isObjectEmpty(mapping)) applyMapping(lead, mapping, itemIndex, context);
	return lead;
}

/**
 * When the lead was received, which dates its activities (and a request read from the form) when
 * the form sent no submission time: the Lead Intake Trigger's meta.receivedAt, or, for the output
 * of n8n's Webhook node, the start of this execution, which that delivery started.
 */
export function receivedAtOf(json: IDataObject, executionStartedAt: string): string | null {
	const meta = json.meta;
	if (meta && typeof meta === 'object' && !Array.isArray(meta)) {
		const receivedAt = (meta as IDataObject).receivedAt;
		if (typeof receivedAt === 'string') return receivedAt;
	}
	return isWebhookNodeOutput(json) ? executionStartedAt : null;
}

/** Hygiene options from a node's Options collection, built once per distinct setting. */
export function hygieneReader(): (options: IDataObject) => HygieneOptions {
	const cache = new Map<string, HygieneOptions>();
	let last: { options: IDataObject; hygiene: HygieneOptions } | null = null;
	return (options) => {
		if (last && last.options === options) return last.hygiene;
		const key = JSON.stringify([options.honeypotFields, options.extraFreeMailDomains, options.extraDisposableDomains]);
		let hygiene = cache.get(key);
		if (!hygiene) {
			hygiene = {
				honeypotKeys: options.honeypotFields === undefined ? DEFAULT_HONEYPOT_KEYS : new Set(String(options.honeypotFields).split(',').map((name) => labelKey(name)).filter(Boolean)),
				extraFreeMailDomains: domainSet(options.extraFreeMailDomains),
				extraDisposableDomains: domainSet(options.extraDisposableDomains),
			};
			cache.set(key, hygiene);
		}
		last = { options, hygiene };
		return hygiene;
	};
}
