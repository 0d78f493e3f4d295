import type { INodeProperties } from 'n8n-workflow';
import { SOURCE_OPTIONS } from '../LeadIntakeTrigger/description';
import { conversationWindowOption } from '../shared/conversations';

export const leadIntakeActionProperties: INodeProperties[] = [
	{
		displayName:
			'Put this after n8n\'s Webhook node (turn on its Raw Body option so signatures can be checked), a Form Trigger, or a vendor trigger such as Typeform Trigger or Facebook Lead Ads Trigger.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		default: 'auto',
		options: SOURCE_OPTIONS,
		description: 'Where the leads come from. Automatic detection handles every listed tool and the output of n8n\'s Form Trigger and vendor triggers; choose one to refuse anything else.',
	},
	{
		displayName: 'Verification',
		name: 'verification',
		type: 'options',
		default: 'signature',
		options: [
			{
				name: 'Check Signature',
				value: 'signature',
				description:
					"Only accept deliveries signed with the secret in the credential (recommended after a Webhook node; needs the Webhook node's Raw Body option). Mailchimp and Google Ads send the secret itself, in the URL or the body.",
			},
			{
				name: 'No Verification',
				value: 'none',
				description: "Accept unsigned items: a Form Trigger, a vendor trigger (it checks its sender itself), or a Webhook node protected by its own Authentication option",
			},
		],
		description: 'Whether to prove that a delivery really comes from your tool. A forged or unsigned delivery fails this node and gives no lead.',
	},
	{
		displayName: 'Remember Deliveries In',
		name: 'duplicateStore',
		type: 'options',
		default: 'database',
		options: [
			{ name: 'Database', value: 'database', description: "The database of this n8n, through n8n's own deduplication helpers: shared by every worker" },
			{ name: 'Redis (Shared by All Processes)', value: 'redis', description: 'Exact however many workers run at once, and needed for Keep Leads Until Done. Uses a Lead Router Redis credential.' },
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
				description: 'Whether a lead that arrives again (a retry, a double click) is kept out of the Leads output. Remembered across restarts in the store chosen under Remember Deliveries In.',
			},
			{
				displayName: 'Duplicate Window (Minutes)',
				name: 'duplicateWindowMinutes',
				type: 'number',
				default: 60,
				description: 'For tools that send no delivery or submission ID: the same answers from the same person on the same form within this time count as a repeat',
			},
			{
				displayName: 'Duplicates Output',
				name: 'duplicatesOutput',
				type: 'boolean',
				default: true,
				description: 'Whether repeated deliveries go to a second output, "Duplicates", with the reason. When off they are dropped and the execution shows a hint with their number.',
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
					'Whether each new lead is also kept in Redis until a Lead Recovery node marks it done, so a lead whose execution failed or whose worker crashed is handed out again (its retry counts as a repeat). Needs Remember Deliveries In: Redis.',
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
				description: 'Larger deliveries are refused with an error. Lead payloads are a few KB.',
			},
			{
				displayName: 'Raw Body Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
				description: "The binary field holding the request's raw body: \"data\" for n8n's Webhook node with Raw Body on",
			},
		],
	},
];
