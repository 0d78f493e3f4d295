import { expandBracketKeys } from '../../../lib/lead/fields';
import { elementorNormalizer } from '../../../lib/normalizers/elementor';
import { delivery, fixture, onlyLead, run } from './helpers';

describe('elementor normalizer', () => {
	it('normalizes an "Advanced Data" post with flat bracket keys', () => {
		const result = run(elementorNormalizer, fixture('elementor', 'advanced-data'));
		expect(result.eventId).toBeNull();
		expect(result.eventType).toBe('form_submission');
		const [lead] = result.leads;
		expect(lead).toMatchObject({
			source: 'elementor',
			channel: 'form',
			email: 'marie@example.fr',
			fullName: 'Marie Curie',
			firstName: 'Marie',
			lastName: 'Curie',
			phone: '+33612345678',
			formId: '3f5a2c1',
			formName: 'Request a quote',
			submittedAt: null,
		});
		expect(lead.utm).toEqual({ source: 'newsletter', medium: 'email', campaign: 'spring', term: null, content: null });
		// the trailing space of "Your Name " is gone
		expect(lead.answers).toEqual({
			'Your Name': 'Marie Curie',
			'E-mail Address': 'marie@example.fr',
			Mobile: '+33 6 12 34 56 78',
			'What do you need?': 'A quote for 20 seats',
		});
	});

	it('gives the same lead when the body arrives already nested', () => {
		const flat = fixture('elementor', 'advanced-data');
		const nested = expandBracketKeys(flat);
		expect(onlyLead(elementorNormalizer, nested)).toEqual(onlyLead(elementorNormalizer, flat));
	});

	it('normalizes the default (simple) post with owner-typed labels', () => {
		const lead = onlyLead(elementorNormalizer, fixture('elementor', 'simple'));
		expect(lead).toMatchObject({
			email: 'ahmed@example.eg',
			fullName: 'ahmed el-sayed',
			firstName: 'Ahmed',
			company: 'Nile Logistics',
			formId: '8c1d2e3',
			formName: 'Contact Form',
		});
		expect(lead.answers).toEqual({
			'Full name': 'ahmed el-sayed',
			'EMAIL ADDRESS': 'Ahmed@Example.EG',
			company: 'Nile Logistics',
			'How many trucks?': '35',
		});
		// meta rows are not answers
		expect(lead.answers).not.toHaveProperty('Remote IP');
		expect(lead.answers).not.toHaveProperty('Powered by');
	});

	it('detects the default post only with Elementor meta rows', () => {
		expect(elementorNormalizer.detect(delivery(fixture('elementor', 'simple')))).toBe(true);
		expect(elementorNormalizer.detect(delivery(fixture('elementor', 'advanced-data')))).toBe(true);
		// form_id/form_name and a "Date" question are common in hand-made forms
		expect(elementorNormalizer.detect(delivery({ form_id: 'contact', form_name: 'Contact', Date: '2024-01-01', Email: 'a@b.co' }))).toBe(false);
		expect(elementorNormalizer.detect(delivery({ Email: 'a@b.co', 'Page URL': 'https://x.y', 'Remote IP': '1.2.3.4' }))).toBe(false);
		expect(elementorNormalizer.detect(delivery({ form: { id: 'x' }, fields: { email: 'a@b.co' } }))).toBe(false);
	});

	it('copes with numbers and an RTL name in simple mode', () => {
		const body = fixture<any>('elementor', 'simple');
		body['Full name '] = 'محمد علي';
		body['How many trucks?'] = 35;
		delete body['EMAIL ADDRESS'];
		const lead = onlyLead(elementorNormalizer, body);
		expect(lead.fullName).toBe('محمد علي');
		expect(lead.email).toBeNull();
		expect(lead.answers['How many trucks?']).toBe(35);
	});
});
