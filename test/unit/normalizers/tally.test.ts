import { tallyNormalizer } from '../../../lib/normalizers/tally';
import { delivery, fixture, onlyLead, run } from './helpers';

describe('tally normalizer', () => {
	it('normalizes the documented example event', () => {
		const result = run(tallyNormalizer, fixture('tally', 'example-payload'));
		expect(result.eventId).toBe('a4cb511e-d513-4fa5-baee-b815d718dfd1');
		expect(result.eventType).toBe('FORM_RESPONSE');
		const [lead] = result.leads;
		expect(lead).toMatchObject({
			source: 'tally',
			channel: 'form',
			email: 'alice@example.com',
			phone: '+32491223344',
			website: 'example.com',
			formId: 'VwbNEw',
			formName: 'Webhook payload',
			externalId: '2wgx4n',
			// the envelope time, not the answer to the question labelled "Date"
			submittedAt: '2023-06-28T15:00:21.000Z',
		});
		expect(lead.utm.campaign).toBe('newsletter');
		expect(lead.answers).not.toHaveProperty('utm_campaign');
	});

	it('resolves choice option ids to their texts', () => {
		const { answers } = onlyLead(tallyNormalizer, fixture('tally', 'example-payload'));
		expect(answers['Multiple choice']).toBe('In progress');
		expect(answers.Dropdown).toBe('Hard');
		expect(answers.Checkboxes).toEqual(['Swimming', 'Skiing']);
		expect(answers['Multi-select']).toEqual(['Surf', 'Golf']);
		expect(answers.Ranking).toEqual(['Pear', 'Apple', 'Banana']);
		expect(answers.Matrix).toEqual(['Quality: Satisfied', 'Speed: Neutral']);
		expect(answers['File upload']).toEqual([
			'https://storage.googleapis.com/tally-response-assets-dev/vBXMXN/34fd1ee5-4ead-4929-9a4a-918ac9f0b416/Tally_Icon.png',
		]);
		// the per-option checkbox echoes are not separate answers
		expect(answers).not.toHaveProperty('Checkboxes (Soccer)');
		expect(answers).not.toHaveProperty('Checkboxes (Swimming)');
		expect(answers.Date).toBe('2023-06-28');
		expect(answers.Score).toBe(20);
	});

	it('lets the typed email field win over a payment email listed elsewhere', () => {
		const body = fixture<any>('tally', 'example-payload');
		const fields = body.data.fields;
		const email = fields.findIndex((field: any) => field.type === 'INPUT_EMAIL');
		fields.push(fields.splice(email, 1)[0]);
		const lead = onlyLead(tallyNormalizer, body);
		expect(lead.email).toBe('alice@example.com');
		expect(lead.answers['Payment (email)']).toBe('alice.payments@example.com');
	});

	it('keeps an unknown option id as-is and accepts a single id string', () => {
		const body = fixture<any>('tally', 'example-payload');
		const dropdown = body.data.fields.find((field: any) => field.label === 'Dropdown');
		dropdown.value = 'not-an-option';
		const multiple = body.data.fields.find((field: any) => field.label === 'Multiple choice');
		multiple.value = '2ff233ad-ad78-42ee-b51f-57b54a55bd3e';
		const { answers } = onlyLead(tallyNormalizer, body);
		expect(answers.Dropdown).toBe('not-an-option');
		expect(answers['Multiple choice']).toBe('Done');
	});

	it('handles a submission without email and a numeric phone', () => {
		const body = fixture<any>('tally', 'example-payload');
		body.data.fields = body.data.fields.filter((field: any) => field.type !== 'INPUT_EMAIL' && field.type !== 'PAYMENT');
		body.data.fields.find((field: any) => field.type === 'INPUT_PHONE_NUMBER').value = 32491223344;
		const lead = onlyLead(tallyNormalizer, body);
		expect(lead.email).toBeNull();
		expect(lead.phone).toBe('32491223344');
	});

	it('maps a hidden email field and keeps other hidden fields as answers', () => {
		const body = fixture<any>('tally', 'example-payload');
		body.data.fields = [
			{ key: 'h1', label: 'email', type: 'HIDDEN_FIELDS', value: 'hidden@example.com' },
			{ key: 'h2', label: 'ref', type: 'HIDDEN_FIELDS', value: 'partner-7' },
		];
		const lead = onlyLead(tallyNormalizer, body);
		expect(lead.email).toBe('hidden@example.com');
		expect(lead.answers).toEqual({ ref: 'partner-7' });
	});

	it('detects Tally only by its envelope', () => {
		expect(tallyNormalizer.detect(delivery(fixture('tally', 'example-payload')))).toBe(true);
		expect(tallyNormalizer.detect(delivery({ eventType: 'FORM_RESPONSE', data: {} }))).toBe(false);
		expect(tallyNormalizer.detect(delivery({ eventType: 'OTHER', data: { fields: [] } }))).toBe(false);
	});
});
