/**
 * Consent and yes/no answers (lib/lead/yesNo.ts through parseBoolean in lib/lead/fields.ts), per
 * language. Each expected value is what the sentence means, read by a person: a clear yes is
 * true, a clear no false, anything else null. The consent labels are the kind form builders send
 * when a ticked checkbox posts its own label.
 */
import { parseBoolean } from '../../../lib/lead/fields';

function expectAnswers(cases: Array<[unknown, boolean | null]>): void {
	for (const [input, expected] of cases) expect([input, parseBoolean(input)]).toEqual([input, expected]);
}

describe('values that are not text', () => {
	test('booleans, 1 and 0, ticked options', () => {
		expectAnswers([
			[true, true],
			[false, false],
			[1, true],
			[0, false],
			[2, null],
			[Number.NaN, null],
			[null, null],
			[undefined, null],
			[{}, null],
			[[], null],
			[['I agree to receive marketing emails'], true],
			[['Newsletter'], null],
			[['Yes', 'No'], false],
			[[true], true],
		]);
	});
});

describe('answers the parser always understood keep their meaning', () => {
	test('checkbox and form values', () => {
		expectAnswers([
			['yes', true],
			['Y', true],
			['true', true],
			['1', true],
			['on', true],
			['checked', true],
			['agree', true],
			['agreed', true],
			['accepted', true],
			['opt-in', true],
			['subscribed', true],
			['no', false],
			['N', false],
			['false', false],
			['0', false],
			['off', false],
			['unchecked', false],
			['declined', false],
			['opt-out', false],
			['unsubscribed', false],
			['', null],
			['n/a', null],
		]);
	});
});

describe('text that is not clearly a yes is never consent', () => {
	test('labels, questions and unclear answers are null', () => {
		expectAnswers([
			['Newsletter', null],
			['Marketing emails', null],
			['Do you agree to receive marketing emails?', null],
			['¿Acepta recibir correos?', null],
			['آیا موافق هستید؟', null],
			["I'm not sure", null],
			['maybe later', null],
			['Wisła Software Sp. z o.o.', null],
			['1.5', null],
		]);
	});
});

describe('per language', () => {
	test('English', () => {
		expectAnswers([
			['Yes, please', true],
			['I agree to receive marketing emails', true],
			['Sign me up for the newsletter', true],
			['I would like to be contacted by sales', true],
			['No thanks', false],
			['No, thank you', false],
			['I do not agree', false],
			["I don't want to receive emails", false],
			['Not interested', false],
			['I agree to receive marketing emails. You can unsubscribe at any time.', true],
			['I agree to receive emails and you may withdraw your consent at any time', null],
			// a ticked box that affirms, whatever it affirms: the form owner mapped it to consent
			['I agree to the Privacy Policy', true],
			["Don't contact me", false],
			['Please do not email me', false],
		]);
	});

	test('German', () => {
		expectAnswers([
			['Ja', true],
			['Ja, ich möchte den Newsletter erhalten', true],
			['Ja bitte', true],
			['Ich stimme zu', true],
			['Einverstanden', true],
			['Nein', false],
			['Nein danke', false],
			['Ich möchte keine E-Mails erhalten', false],
			['Ich stimme nicht zu', false],
			['Ich willige ein. Die Einwilligung kann ich jederzeit widerrufen.', true],
		]);
	});

	test('French', () => {
		expectAnswers([
			['Oui', true],
			["J'accepte de recevoir des offres", true],
			['Non', false],
			['Non merci', false],
			['Je ne souhaite pas', false],
			["Je n'accepte pas", false],
		]);
	});

	test('Spanish', () => {
		expectAnswers([
			['Sí', true],
			['Acepto recibir comunicaciones comerciales', true],
			['No', false],
			['No, gracias', false],
			['No deseo recibir correos', false],
		]);
	});

	test('Portuguese', () => {
		expectAnswers([
			['Sim', true],
			['Aceito receber novidades', true],
			['Não', false],
			['Não quero receber e-mails', false],
		]);
	});

	test('Italian', () => {
		expectAnswers([
			['Sì', true],
			['Acconsento al trattamento dei dati per finalità di marketing', true],
			['No', false],
			['Non desidero ricevere newsletter', false],
		]);
	});

	test('Dutch', () => {
		expectAnswers([
			['Ja', true],
			['Ik ga akkoord', true],
			['Nee', false],
			['Ik wil geen e-mails ontvangen', false],
		]);
	});

	test('Polish', () => {
		expectAnswers([
			['Tak', true],
			['Wyrażam zgodę na otrzymywanie informacji handlowych', true],
			['Zgadzam się', true],
			['Nie', false],
			['Nie wyrażam zgody', false],
			['Nie, dziękuję', false],
			['Brak zgody', false],
			// the clause every Polish consent label carries: withdrawing does not affect earlier processing
			[
				'Wyrażam zgodę na przesyłanie informacji handlowych. Wycofanie zgody nie wpływa na zgodność z prawem przetwarzania, którego dokonano przed jej wycofaniem.',
				true,
			],
			['Ja się zastanowię', null],
		]);
	});

	test('Turkish', () => {
		expectAnswers([
			['Evet', true],
			['Kabul ediyorum', true],
			['Onaylıyorum', true],
			['KVKK aydınlatma metnini okudum, kabul ediyorum', true],
			['İzin veriyorum', true],
			['Hayır', false],
			['HAYIR', false],
			['Kabul etmiyorum', false],
			['Onaylamıyorum', false],
			['E-posta almak istemiyorum', false],
		]);
	});

	test('Persian', () => {
		expectAnswers([
			['بله', true],
			['موافقم', true],
			['تأیید', true],
			['بله، موافقم', true],
			['مایلم خبرنامه را دریافت کنم', true],
			['خیر', false],
			['نه', false],
			['موافق نیستم', false],
			['نمی‌خواهم ایمیل دریافت کنم', false],
			['رضایت ندارم', false],
		]);
	});

	test('Arabic', () => {
		expectAnswers([
			['نعم', true],
			['أوافق', true],
			['اوافق على تلقي العروض', true],
			['أرغب في تلقي النشرة البريدية', true],
			['لا', false],
			['لا أوافق', false],
			['لا شكرا', false],
			['غير موافق', false],
			['لا أرغب في تلقي رسائل', false],
		]);
	});

	test('Thai', () => {
		expectAnswers([
			['ใช่', true],
			['ยินยอม', true],
			['ข้าพเจ้ายินยอมให้ส่งข่าวสารทางอีเมล', true],
			['ตกลง', true],
			['ไม่', false],
			['ไม่ยินยอม', false],
			['ไม่ใช่', false],
			['ไม่ต้องการรับข่าวสาร', false],
			['ไม่ ขอบคุณ', false],
			['ข้าพเจ้ายินยอมให้ส่งข่าวสาร สามารถยกเลิกได้ทุกเมื่อ', true],
		]);
	});
});
