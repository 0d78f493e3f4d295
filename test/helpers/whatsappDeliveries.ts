/**
 * WhatsApp Business Cloud API deliveries, as Meta posts them (compact JSON), in the shape of the
 * text-message and status examples of Meta's "messages webhook reference"
 * (developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages).
 * The business ids are those of Meta's examples; the person, message and time are the test's.
 */
export const WHATSAPP_BUSINESS = { accountId: '102290129340398', displayPhoneNumber: '15550783881', phoneNumberId: '106540352242922' };

function delivery(value: Record<string, unknown>, phoneNumberId: string): string {
	return JSON.stringify({
		object: 'whatsapp_business_account',
		entry: [
			{
				id: WHATSAPP_BUSINESS.accountId,
				changes: [{ value: { messaging_product: 'whatsapp', metadata: { display_phone_number: WHATSAPP_BUSINESS.displayPhoneNumber, phone_number_id: phoneNumberId }, ...value }, field: 'messages' }],
			},
		],
	});
}

/** One text message from a person (`waId`: their number without "+"). */
export function whatsappTextDelivery(message: { waId: string; name: string; id: string; timestampSeconds: number; text: string; phoneNumberId?: string }): string {
	return delivery(
		{
			contacts: [{ profile: { name: message.name }, wa_id: message.waId }],
			messages: [{ from: message.waId, id: message.id, timestamp: String(message.timestampSeconds), text: { body: message.text }, type: 'text' }],
		},
		message.phoneNumberId ?? WHATSAPP_BUSINESS.phoneNumberId,
	);
}

/** A status update (sent, delivered, read) of a message the business sent to `waId`: no lead in it. */
export function whatsappStatusDelivery(status: { waId: string; id: string; status: string; timestampSeconds: number; phoneNumberId?: string }): string {
	return delivery(
		{ statuses: [{ id: status.id, status: status.status, timestamp: String(status.timestampSeconds), recipient_id: status.waId }] },
		status.phoneNumberId ?? WHATSAPP_BUSINESS.phoneNumberId,
	);
}
