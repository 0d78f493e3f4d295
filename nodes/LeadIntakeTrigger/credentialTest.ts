import type { ICredentialDataDecryptedObject, ICredentialTestFunctions, ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';
import { findSignatureScheme, TELEGRAM_SECRET_TOKEN } from '../../lib/intake/signatures';

/** No vendor offers an endpoint to check a webhook secret; this checks what can be checked locally. Used by both Lead Intake nodes. */
export async function leadWebhookSecretTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const data = (credential.data ?? {}) as ICredentialDataDecryptedObject;
	const scheme = findSignatureScheme(String(data.scheme ?? ''));
	if (!scheme || scheme.id === 'none') return { status: 'Error', message: 'Choose the service that sends the leads' };
	if (typeof data.secret !== 'string' || data.secret.trim().length < 6) return { status: 'Error', message: 'The secret is missing or shorter than 6 characters' };
	if (scheme.id === 'telegram' && !TELEGRAM_SECRET_TOKEN.test(data.secret)) return { status: 'Error', message: 'Telegram accepts a secret token of 1-256 characters: A-Z, a-z, 0-9, _ and - only' };
	if (scheme.id === 'meta' && !data.verifyToken) return { status: 'Error', message: 'Meta also needs the Verify Token you typed in its webhook settings' };
	return { status: 'OK', message: `Ready to verify ${scheme.displayName} deliveries. The first signed delivery confirms the secret.` };
}
