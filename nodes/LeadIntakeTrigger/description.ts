import type { INodeProperties } from 'n8n-workflow';
import { NORMALIZERS } from '../../lib/normalizers';
import { conversationWindowOption } from '../shared/conversations';

/** Shared with the Lead Intake action node: one list of sources. */
export const SOURCE_OPTIONS = [
	{ name: 'Detect Automatically', value: 'auto', description: 'Recognise the sender from the payload and headers' },
	...NORMALIZERS.map((normalizer) => ({ name: normalizer.displayName, value: normalizer.id })).sort((a, b) => a.name.localeCompare(b.name)),
];

export const leadIntakeProperties: INodeProperties[] = [
	{
		displayName:
			'Copy the Production URL above into your form builder, newsletter tool, ad platform or messaging app (its "webhook" settings) and switch this workflow to Active. The documentation page docs/signatures.md lists where to paste it for each tool.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: 'leads',
		required: true,
		placeholder: 'leads',
		description: 'The last part of the webhook URL, e.g. "leads" or "client-a/leads". One URL can take leads from all your tools.',
	},
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		default: 'auto',
		options: SOURCE_OPTIONS,
		description: 'Where the leads come from. Automatic detection handles every listed tool; choose one to refuse anything else.',
	},
	{
		displayName: 'Verification',
		name: 'verification',
		type: 'options',
		default: 'signature',
		options: [
			{ name: 'Check Signature', value: 'signature', description: 'Only accept deliveries signed with the secret in the credential (recommended). Mailchimp and Google Ads send the secret itself, in the URL or the body.' },
			{ name: 'No Verification', value: 'none', description: 'Accept unsigned deliveries, e.g. from Jotform, Elementor or a test tool. Anyone who knows the URL can post leads.' },
		],
		description: 'Whether to prove that a delivery really comes from your tool. Forged or unsigned deliveries get 401 and start nothing.',
	},
	{
		displayName: 'Respond',
		name: 'responseMode',
		type: 'options',
		default: 'onReceived',
		options: [
			{ name: 'Immediately', value: 'onReceived', description: 'Answer 200 at once; form builders stop retrying' },
			{ name: 'Using "Respond to Webhook" Node', value: 'responseNode', description: 'Let a later Respond to Webhook node answer, e.g. with a thank-you page redirect chosen by lead stage' },
		],
		description: 'When and how to answer the tool that sent the lead',
	},
	{
		displayName: 'Remember Deliveries In',
		name: 'duplicateStore',
		type: 'options',
		default: 'database',
		options: [
			{ name: 'Database', value: 'database', description: 'The database of this n8n. Exact while one n8n process receives the webhooks (a single n8n, or queue mode with one webhook processor).' },
			{ name: 'Redis (Shared by All Processes)', value: 'redis', description: 'Exact however many n8n processes receive the webhooks (queue mode with several webhook processors). Uses a Lead Router Redis credential.' },
			{ name: "This Workflow's Static Data (Small Volumes)", value: 'staticData', description: 'The last 1,000 deliveries, saved with the workflow after each execution. For a single n8n receiving a few hundred leads a day; use Database or Redis beyond that.' },
		],
		description: 'Where repeated deliveries are recognised when "Drop Repeated Deliveries" is on (the default)',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'Conversations, duplicates, crash safety, raw body and size limit',
		options: [
			conversationWindowOption,
			{
				displayName: 'Drop Repeated Deliveries',
				name: 'dropDuplicates',
				type: 'boolean',
				default: true,
				description: 'Whether a lead that arrives again (a retry, a double click) starts no second execution. Remembered across restarts in the store chosen under Remember Deliveries In.',
			},
			{
				displayName: 'Duplicate Window (Minutes)',
				name: 'duplicateWindowMinutes',
				type: 'number',
				default: 60,
				description: 'For tools that send no delivery or submission ID: the same answers from the same person on the same form within this time count as a repeat',
			},
			{
				displayName: 'Include Raw Body',
				name: 'includeRawBody',
				type: 'boolean',
				default: false,
				description: 'Whether to add the payload exactly as received under "raw", for debugging or fields the lead does not cover',
			},
			{
				displayName: 'Keep Leads Until Done',
				name: 'keepUntilDone',
				type: 'boolean',
				default: false,
				description:
					'Whether each new lead is also kept in Redis until a Lead Recovery node marks it done, so a crashed n8n worker loses no lead (n8n does not re-run its executions). Needs Remember Deliveries In: Redis.',
			},
			{
				displayName: 'Keep Unfinished Leads For (Days)',
				name: 'keepLeadsDays',
				type: 'number',
				default: 7,
				typeOptions: { minValue: 1 },
				description: 'With Keep Leads Until Done: how long a lead nobody marked done stays in Redis (the whole lead, personal data included) before it is deleted',
			},
			{
				displayName: 'Maximum Body Size (KB)',
				name: 'maxBodyKb',
				type: 'number',
				default: 1024,
				description: 'Larger deliveries are refused with 413. Lead payloads are a few KB.',
			},
		],
	},
];
