// Deterministic synthetic leads for the benchmark. All names, companies and addresses are
// made up; the same (count, seed, now) always gives the same leads, so every variant scores
// exactly the same input.

/**
 * Returns `count` items shaped like `{ lead: {...} }`.
 *
 * Self-contained on purpose (no imports, no outer variables): the benchmark also sends this
 * function's source text to n8n's Code node, which generates the leads inside the workflow.
 */
export function generateLeads(count, seed, nowIso) {
	// mulberry32: small, fast and reproducible across Node versions
	let state = seed >>> 0;
	const random = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const pick = (list) => list[Math.floor(random() * list.length)];
	const firstNames = ['Ana', 'Ben', 'Chloé', 'Dmitri', 'Emeka', 'Fatima', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kavya', 'Liam', 'Mei', 'Noah', 'Olga', 'Pedro', 'Quinn', 'Rosa', 'Sven', 'Tariq', 'Uma', 'Viktor', 'Wen', 'Yara', 'Zoë'];
	const lastNames = ['Alvarez', 'Bauer', 'Chen', 'Dubois', 'Eze', 'Fischer', 'García', 'Hansen', 'Ito', 'Jensen', 'Kowalski', 'Larsen', 'Müller', 'Nakamura', 'Okafor', 'Patel', 'Rossi', 'Schmidt', 'Tanaka', 'Usman', 'Varga', 'Weber', 'Xu', 'Yilmaz', 'Zimmermann'];
	const companies = ['Northwind Analytics', 'Bluepeak Software', 'Orbital Freight', 'Lumen Health', 'Crestline Bank', 'Kestrel Robotics', 'Harbor & Vine', 'Quantfield', 'Silverleaf Retail', 'Tidewater Energy', 'Nimbus Labs', 'Granite Insurance', 'Pinecone Media', 'Redwood Logistics', 'Aurora Biotech', 'Vantage Cloud', 'Meridian Legal', 'Copperline Manufacturing', 'Brightpath Education', 'Sable Security'];
	const freeDomains = ['gmail.com', 'outlook.com', 'yahoo.com', 'hotmail.com', 'gmx.de', 'icloud.com'];
	const titles = [
		'CEO', 'CTO', 'Founder', 'VP Sales', 'VP of Engineering', 'Head of Marketing', 'Director of IT', 'Chief Revenue Officer', 'Managing Director',
		'Marketing Manager', 'Sales Manager', 'Product Manager', 'Team Lead', 'Engineering Manager', 'Principal Engineer',
		'Software Engineer', 'Data Analyst', 'Account Executive', 'Designer', 'Consultant', 'Office Assistant',
		'Student', 'Intern', '',
	];
	const countries = ['US', 'DE', 'GB', 'FR', 'ES', 'NL', 'SE', 'BR', 'IN', 'JP', 'CA', 'AU'];
	const sizes = ['1-10', '11-50', '51-200', '201-500', '501-1000', '1000+'];
	// weighted towards passive activity, as real traffic is
	const eventTypes = ['page_view', 'page_view', 'page_view', 'page_view', 'email_open', 'email_open', 'email_click', 'pricing_page_view', 'pricing_page_view', 'case_study_view', 'content_download', 'webinar_registered', 'webinar_attended', 'newsletter_signup', 'trial_signup', 'demo_request', 'contact_request', 'ad_click'];
	const now = Date.parse(nowIso);
	const items = new Array(count);
	for (let index = 0; index < count; index++) {
		const firstName = pick(firstNames);
		const lastName = pick(lastNames);
		const company = pick(companies);
		const workDomain = `${company.toLowerCase().replace(/[^a-z]+/g, '')}.example`;
		const local = `${firstName}.${lastName}`.normalize('NFD').replace(/[^A-Za-z.]/g, '').toLowerCase();
		const mailRoll = random();
		const email = mailRoll < 0.6 ? `${local}${index}@${workDomain}` : mailRoll < 0.93 ? `${local}${index}@${pick(freeDomains)}` : mailRoll < 0.97 ? `info@${workDomain}` : `${local}${index}@mailinator.com`;
		const events = [];
		const eventCount = Math.floor(random() * random() * 9);
		for (let e = 0; e < eventCount; e++) {
			events.push({ type: pick(eventTypes), at: new Date(now - Math.floor(random() * 120 * 86_400_000)).toISOString() });
		}
		items[index] = {
			lead: {
				email,
				firstName,
				lastName,
				company: random() < 0.9 ? company : null,
				jobTitle: pick(titles) || null,
				country: pick(countries),
				answers: { 'Company size': pick(sizes) },
				events,
			},
		};
	}
	return items;
}
