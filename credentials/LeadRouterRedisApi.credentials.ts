import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * The same fields as n8n's built-in Redis credential. Community packages may not use credentials
 * of other packages (n8n's community-node rules), so the router brings its own.
 */
export class LeadRouterRedisApi implements ICredentialType {
	name = 'leadRouterRedisApi';

	displayName = 'Lead Router Redis API';

	icon: Icon = { light: 'file:leadRouterRedis.svg', dark: 'file:leadRouterRedis.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-lead-qualification/n8n-nodes-lead-qualification#state-stores';

	properties: INodeProperties[] = [
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The Redis password (leave empty if Redis has none)',
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			description: 'Leave blank for password-only auth',
		},
		{
			displayName: 'Host',
			name: 'host',
			type: 'string',
			default: 'localhost',
			description: 'Where Redis runs, e.g. localhost or redis.internal',
		},
		{
			displayName: 'Port',
			name: 'port',
			type: 'number',
			default: 6379,
			description: 'Usually 6379',
		},
		{
			displayName: 'Database Number',
			name: 'database',
			type: 'number',
			default: 0,
			description: 'The number of the Redis database for the router\'s keys; 0 unless you keep apps apart',
		},
		{
			displayName: 'SSL',
			name: 'ssl',
			type: 'boolean',
			default: false,
			description: 'Whether to connect with TLS',
		},
		{
			displayName: 'Disable TLS Verification (Insecure)',
			name: 'disableTlsVerification',
			type: 'boolean',
			displayOptions: { show: { ssl: [true] } },
			default: false,
			description: 'Whether to skip the check of the server\'s certificate (self-signed certificates only)',
		},
	];
}
