import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

const showFor = (...schemes: string[]) => ({ show: { scheme: schemes } });

export class LeadWebhookSecretApi implements ICredentialType {
	name = 'leadWebhookSecretApi';

	displayName = 'Lead Webhook Secret API';

	icon: Icon = { light: 'file:leadWebhookSecret.svg', dark: 'file:leadWebhookSecret.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-lead-qualification/n8n-nodes-lead-qualification#lead-intake-trigger';

	properties: INodeProperties[] = [
		{
			displayName: 'Sender',
			name: 'scheme',
			type: 'options',
			default: 'typeform',
			description: 'Which service signs the deliveries. Each signs in its own way; pick the one whose webhook you set up.',
			options: [
				{ name: 'Calendly', value: 'calendly' },
				{ name: 'Generic HMAC-SHA256 (Any Other Tool)', value: 'generic' },
				{ name: 'Google Ads Lead Forms', value: 'googleads' },
				{ name: 'HubSpot (Signature v3)', value: 'hubspot' },
				{ name: 'LINE Messaging API', value: 'line' },
				{ name: 'LinkedIn Lead Gen Forms', value: 'linkedin' },
				{ name: 'Mailchimp (Secret in the URL)', value: 'mailchimp' },
				{ name: 'Meta (Facebook Lead Ads, WhatsApp, Instagram)', value: 'meta' },
				{ name: 'Tally', value: 'tally' },
				{ name: 'Telegram Bot (Secret Token)', value: 'telegram' },
				{ name: 'Typeform', value: 'typeform' },
				{ name: 'Webflow', value: 'webflow' },
			],
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Typeform: the webhook secret. Tally: the signing secret. Meta (Facebook Lead Ads, WhatsApp, Instagram): the App Secret of the Meta app. LINE: the channel secret (Basic settings of the Messaging API channel). Telegram: the secret_token you passed to setWebhook (1-256 characters A-Z, a-z, 0-9, _ and -). Webflow: the webhook secret. LinkedIn: the app client secret. Calendly: the webhook signing key. HubSpot: the app client secret. Google Ads: the webhook key. Mailchimp: a long random value you also put in the webhook URL as ?secret=<value>. Generic: the shared secret.',
		},
		{
			displayName: 'Verify Token',
			name: 'verifyToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The token you type as Verify Token in the Meta app\'s webhook settings (Facebook Lead Ads, WhatsApp or Instagram); Meta sends it back once to confirm the URL',
			displayOptions: showFor('meta'),
		},
		{
			displayName: 'Signature Header',
			name: 'headerName',
			type: 'string',
			default: 'x-signature',
			description: 'Header your tool puts the hex HMAC-SHA256 of the body in (a "sha256=" prefix is fine)',
			displayOptions: showFor('generic'),
		},
		{
			displayName: 'Timestamp Header',
			name: 'timestampHeader',
			type: 'string',
			default: '',
			placeholder: 'x-timestamp',
			description: 'Optional. When set, "timestamp:body" is signed and deliveries older than the replay window are refused.',
			displayOptions: showFor('generic'),
		},
		{
			displayName: 'URL Parameter',
			name: 'queryParameter',
			type: 'string',
			default: 'secret',
			description: 'Query parameter of the webhook URL that carries the secret: "secret" for https://…/webhook/leads?secret=…',
			displayOptions: showFor('mailchimp'),
		},
		{
			displayName: 'Replay Window (Seconds)',
			name: 'toleranceSeconds',
			type: 'number',
			default: 300,
			description: 'Refuse signed deliveries whose timestamp is further than this from now, so a captured request cannot be replayed later',
			displayOptions: showFor('webflow', 'calendly', 'hubspot', 'generic'),
		},
	];
}
