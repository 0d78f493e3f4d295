/**
 * Job-title words in every language our users' leads write in, and the level each one says:
 * a decision maker, a manager, or someone who will not buy (student, intern, job seeker).
 * The presets score `jobLevel`, which jobLevelsOf() reads from the job title with this table.
 *
 * A title gets the level of its longest phrase at each place, so that "Genel Müdür" (Turkish
 * CEO) is senior and not also "müdür" (manager), "กรรมการผู้จัดการ" (Thai managing director)
 * not also "ผู้จัดการ" (manager), "Product Owner" not "owner". Words are whole words of the
 * folded title (lib/text/fold); Thai has no spaces between words, so Thai phrases are found
 * anywhere inside Thai text. Persian writes compound words with a space, a zero-width
 * non-joiner or nothing ("مدیر عامل", "مدیر‌عامل", "مدیرعامل"): an Arabic-script phrase with
 * a space also matches written without it.
 */
import { memoizeText } from '../memo';
import { foldWords } from '../text/fold';

export const JOB_LEVELS = ['senior', 'manager', 'not_a_buyer'] as const;
export type JobLevel = (typeof JOB_LEVELS)[number];

type TitleWords = Record<JobLevel, readonly string[]>;

/** Spellings as people type them; folding takes care of case, accents and letter variants. */
export const JOB_TITLE_WORDS: Record<string, TitleWords> = {
	en: {
		senior: [
			'ceo', 'cto', 'cfo', 'coo', 'cmo', 'cro', 'cio', 'ciso', 'chief', 'founder', 'cofounder', 'owner', 'co-owner', 'president', 'vp', 'svp', 'evp', 'vice president',
			'head of', 'director', 'partner', 'managing director', 'managing partner', 'general manager', 'executive director', 'chairman', 'chairwoman', 'chairperson', 'board member', 'proprietor',
		],
		manager: ['manager', 'lead', 'team lead', 'team leader', 'principal', 'supervisor', 'product owner'],
		not_a_buyer: ['student', 'intern', 'internship', 'trainee', 'apprentice', 'job seeker', 'looking for work', 'looking for a job', 'unemployed', 'retired', 'teacher assistant'],
	},
	de: {
		senior: [
			'geschäftsführer', 'geschäftsführerin', 'geschaeftsfuehrer', 'geschäftsleitung', 'geschäftsleiter', 'inhaber', 'inhaberin', 'gründer', 'gründerin', 'mitgründer', 'mitgründerin',
			'mitbegründer', 'vorstand', 'vorstandsvorsitzender', 'vorstandsvorsitzende', 'vorstandsmitglied', 'direktor', 'direktorin', 'leiter', 'leiterin', 'leitung', 'bereichsleiter',
			'bereichsleiterin', 'abteilungsleiter', 'abteilungsleiterin', 'marketingleiter', 'marketingleiterin', 'vertriebsleiter', 'vertriebsleiterin', 'verkaufsleiter', 'verkaufsleiterin',
			'prokurist', 'prokuristin', 'gesellschafter', 'gesellschafterin', 'präsident', 'präsidentin', 'vizepräsident', 'vizepräsidentin',
		],
		manager: ['managerin', 'marketingmanager', 'vertriebsmanager', 'produktmanager', 'projektmanager', 'teamleiter', 'teamleiterin', 'gruppenleiter', 'gruppenleiterin', 'projektleiter', 'projektleiterin'],
		not_a_buyer: [
			'studentin', 'werkstudent', 'werkstudentin', 'praktikant', 'praktikantin', 'auszubildender', 'auszubildende', 'azubi', 'schüler', 'schülerin', 'arbeitssuchend', 'arbeitsuchend',
			'arbeitslos', 'rentner', 'rentnerin', 'im ruhestand',
		],
	},
	fr: {
		senior: [
			'pdg', 'p.-d.g.', 'président', 'présidente', 'président-directeur général', 'directeur général', 'directrice générale', 'dg', 'directeur', 'directrice', 'fondateur', 'fondatrice',
			'cofondateur', 'cofondatrice', 'co-fondateur', 'co-fondatrice', 'gérant', 'gérante', 'propriétaire', 'associé', 'associée', 'vice-président', 'vice-présidente', "chef d'entreprise",
		],
		manager: ['responsable', 'chef de projet', "chef d'équipe", 'chef de service', 'gestionnaire', 'superviseur', 'superviseure'],
		not_a_buyer: [
			'étudiant', 'étudiante', 'stagiaire', 'alternant', 'alternante', 'apprenti', 'apprentie', "demandeur d'emploi", "demandeuse d'emploi", "en recherche d'emploi", 'chômeur', 'chômeuse',
			'sans emploi', 'retraité', 'retraitée', 'élève',
		],
	},
	es: {
		senior: [
			'director', 'directora', 'director general', 'directora general', 'director ejecutivo', 'directora ejecutiva', 'consejero delegado', 'consejera delegada', 'fundador', 'fundadora',
			'cofundador', 'cofundadora', 'propietario', 'propietaria', 'dueño', 'dueña', 'presidente', 'presidenta', 'vicepresidente', 'vicepresidenta', 'socio', 'socia', 'gerente general',
		],
		manager: ['gerente', 'jefe', 'jefa', 'jefe de equipo', 'supervisora', 'líder de equipo', 'encargado', 'encargada'],
		not_a_buyer: ['estudiante', 'becario', 'becaria', 'practicante', 'en prácticas', 'pasante', 'desempleado', 'desempleada', 'buscando empleo', 'buscando trabajo', 'jubilado', 'jubilada', 'alumno', 'alumna'],
	},
	pt: {
		senior: [
			'diretor', 'diretora', 'diretor geral', 'diretora geral', 'diretor executivo', 'diretora executiva', 'presidente', 'vice-presidente', 'fundador', 'fundadora', 'cofundador',
			'cofundadora', 'sócio', 'sócia', 'sócio-fundador', 'proprietário', 'proprietária', 'dono', 'dona',
		],
		manager: ['gerente', 'gestor', 'gestora', 'coordenador', 'coordenadora', 'supervisora', 'líder de equipe', 'chefe', 'responsável'],
		not_a_buyer: ['estudante', 'estagiário', 'estagiária', 'aluno', 'aluna', 'desempregado', 'desempregada', 'procurando emprego', 'à procura de emprego', 'aposentado', 'aposentada', 'reformado', 'reformada'],
	},
	it: {
		senior: [
			'amministratore delegato', 'amministratrice delegata', 'amministratore unico', 'direttore generale', 'direttrice generale', 'direttore', 'direttrice', 'fondatore', 'fondatrice',
			'cofondatore', 'cofondatrice', 'co-fondatore', 'titolare', 'proprietario', 'proprietaria', 'presidente', 'vicepresidente', 'socio', 'socia',
		],
		manager: ['responsabile', 'capo', 'capo progetto', 'caposquadra', 'capo reparto', 'team leader', 'coordinatore', 'coordinatrice'],
		not_a_buyer: ['studente', 'studentessa', 'stagista', 'tirocinante', 'apprendista', 'disoccupato', 'disoccupata', 'in cerca di lavoro', 'pensionato', 'pensionata'],
	},
	nl: {
		senior: [
			'directeur', 'directrice', 'algemeen directeur', 'directeur-grootaandeelhouder', 'dga', 'eigenaar', 'eigenares', 'eigenaresse', 'oprichter', 'oprichtster', 'medeoprichter',
			'mede-oprichter', 'bestuurder', 'voorzitter', 'vennoot', 'zaakvoerder', 'hoofd', 'afdelingshoofd',
		],
		manager: ['teamleider', 'teamleidster', 'leidinggevende', 'projectleider', 'teamlead', 'marketingmanager', 'salesmanager', 'accountmanager', 'projectmanager', 'productmanager', 'officemanager'],
		not_a_buyer: ['studente', 'stagiair', 'werkzoekend', 'werkzoekende', 'werkloos', 'gepensioneerd', 'scholier'],
	},
	pl: {
		senior: [
			'prezes', 'prezes zarządu', 'wiceprezes', 'wiceprezes zarządu', 'członek zarządu', 'dyrektor', 'dyrektorka', 'dyrektor generalny', 'dyrektor zarządzający', 'właściciel',
			'właścicielka', 'współwłaściciel', 'współwłaścicielka', 'założyciel', 'założycielka', 'współzałożyciel', 'współzałożycielka', 'wspólnik', 'wspólniczka', 'szef', 'szefowa',
		],
		manager: ['kierownik', 'kierowniczka', 'menedżer', 'menadżer', 'menedżerka', 'lider zespołu', 'liderka zespołu'],
		not_a_buyer: [
			'studentka', 'stażysta', 'stażystka', 'praktykant', 'praktykantka', 'uczeń', 'uczennica', 'bezrobotny', 'bezrobotna', 'szukam pracy', 'poszukujący pracy', 'poszukująca pracy',
			'emeryt', 'emerytka', 'na emeryturze',
		],
	},
	tr: {
		senior: [
			'genel müdür', 'genel müdürü', 'genel müdür yardımcısı', 'kurucu', 'kurucu ortak', 'ortak kurucu', 'şirket sahibi', 'işletme sahibi', 'sahibi', 'patron', 'yönetim kurulu başkanı',
			'yönetim kurulu üyesi', 'icra kurulu başkanı', 'başkan', 'başkan yardımcısı', 'direktör', 'direktörü', 'ortak', 'üst düzey yönetici',
		],
		manager: ['müdür', 'müdürü', 'müdire', 'yönetici', 'yöneticisi', 'takım lideri', 'ekip lideri', 'şef', 'şefi', 'sorumlu', 'sorumlusu'],
		not_a_buyer: ['öğrenci', 'öğrencisi', 'üniversite öğrencisi', 'stajyer', 'çırak', 'iş arıyorum', 'iş arayan', 'işsiz', 'emekli'],
	},
	fa: {
		senior: [
			'مدیر عامل', 'مدیرکل', 'مدیر کل', 'مدیر ارشد', 'مدیر اجرایی', 'رئیس هیئت مدیره', 'عضو هیئت مدیره', 'هیئت مدیره', 'بنیان گذار', 'هم بنیان گذار', 'مؤسس', 'هم مؤسس', 'مالک',
			'صاحب کسب و کار', 'صاحب شرکت', 'رئیس', 'معاون', 'شریک',
		],
		manager: ['مدیر', 'سرپرست', 'مسئول', 'رهبر تیم', 'تیم لید'],
		not_a_buyer: ['دانشجو', 'دانشجوی', 'دانش آموز', 'کارآموز', 'کارورز', 'جویای کار', 'در جستجوی کار', 'بیکار', 'بازنشسته'],
	},
	ar: {
		senior: [
			'الرئيس التنفيذي', 'رئيس تنفيذي', 'الرئيسة التنفيذية', 'المدير التنفيذي', 'مدير تنفيذي', 'المديرة التنفيذية', 'مديرة تنفيذية', 'المدير العام', 'مدير عام', 'المديرة العامة',
			'مديرة عامة', 'العضو المنتدب', 'رئيس مجلس الإدارة', 'عضو مجلس الإدارة', 'المؤسس', 'مؤسس', 'المؤسسة', 'مؤسسة', 'الشريك المؤسس', 'شريك مؤسس', 'الشريك', 'المالك', 'مالكة',
			'صاحب الشركة', 'صاحب العمل', 'صاحبة الشركة', 'الرئيس', 'رئيسة', 'نائب الرئيس', 'نائب رئيس',
		],
		manager: ['مدير', 'المدير', 'مديرة', 'المديرة', 'مشرف', 'مشرفة', 'قائد فريق', 'رئيس فريق', 'رئيسة فريق'],
		not_a_buyer: ['طالب', 'طالبة', 'الطالب', 'طالب جامعي', 'متدرب', 'متدربة', 'باحث عن عمل', 'باحثة عن عمل', 'عاطل عن العمل', 'عاطل', 'متقاعد', 'متقاعدة'],
	},
	th: {
		senior: [
			'ประธานเจ้าหน้าที่บริหาร', 'ซีอีโอ', 'กรรมการผู้จัดการ', 'ผู้จัดการทั่วไป', 'ผู้อำนวยการ', 'กรรมการบริหาร', 'กรรมการ', 'ประธาน', 'รองประธาน', 'เจ้าของ', 'เจ้าของกิจการ',
			'ผู้ก่อตั้ง', 'ผู้ร่วมก่อตั้ง', 'หุ้นส่วน', 'ผู้บริหาร', 'หัวหน้าฝ่าย', 'ผู้ประกอบการ',
		],
		manager: ['ผู้จัดการ', 'หัวหน้า', 'หัวหน้าทีม', 'หัวหน้างาน', 'ผู้นำทีม', 'เจ้าของผลิตภัณฑ์'],
		not_a_buyer: ['นักศึกษา', 'นักเรียน', 'นักศึกษาฝึกงาน', 'เด็กฝึกงาน', 'ฝึกงาน', 'พนักงานฝึกหัด', 'หางาน', 'ว่างงาน', 'เกษียณ'],
	},
};

/** Every phrase of one level, all languages: what the README lists and rules can reuse. */
export function titleWordsOf(level: JobLevel): string[] {
	return Object.values(JOB_TITLE_WORDS).flatMap((words) => words[level]);
}

const THAI = /[\u0e00-\u0e7f]/;
const ARABIC_SCRIPT = /[\u0600-\u06ff]/;
/** Thai writers sometimes space words apart ("กรรมการ ผู้จัดการ"); the table writes them together. */
const SPACE_BETWEEN_THAI = /([\u0e00-\u0e7f]) (?=[\u0e00-\u0e7f])/g;

/** Folded text as phrases are matched: foldWords, with no spaces inside Thai runs. */
export function foldForPhrases(text: string): string {
	const folded = foldWords(text);
	return THAI.test(folded) ? folded.replace(SPACE_BETWEEN_THAI, '$1') : folded;
}

interface TrieNode {
	next: Map<string, TrieNode>;
	/** the value of a phrase that ends here */
	value?: string;
}

/**
 * Finds phrases in folded text, the longest at each place: a character trie walked from each
 * place a phrase may start (a word start, or anywhere inside Thai), so a title costs a few map
 * lookups per character whatever the size of the table.
 */
export class PhraseFinder {
	private readonly root: TrieNode = { next: new Map() };

	/** `phrases` maps a phrase as people write it to the value found for it; the first value of a phrase wins. */
	constructor(phrases: Iterable<[string, string]>) {
		for (const [phrase, value] of phrases) {
			const folded = foldForPhrases(phrase);
			if (!folded) continue;
			// "مدیر عامل" is also written "مدیرعامل" (or with a zero-width non-joiner, which folds away): each space may be missing
			for (const variant of ARABIC_SCRIPT.test(folded) ? spacingVariants(folded) : [folded]) this.add(variant, value);
		}
	}

	private add(folded: string, value: string): void {
		let node = this.root;
		for (const char of folded) {
			let child = node.next.get(char);
			if (!child) node.next.set(char, (child = { next: new Map() }));
			node = child;
		}
		node.value ??= value;
	}

	/**
	 * Every phrase found in text already folded with foldForPhrases, left to right, each with
	 * where it starts and ends. `onFound` returns false to stop.
	 */
	scan(folded: string, onFound: (value: string, start: number, end: number) => boolean | void): void {
		let position = 0;
		const length = folded.length;
		while (position < length) {
			let node: TrieNode | undefined = this.root;
			let foundValue: string | undefined;
			let foundEnd = -1;
			for (let index = position; index < length; index++) {
				node = node.next.get(folded[index]);
				if (!node) break;
				if (node.value !== undefined) {
					const next = folded.charCodeAt(index + 1);
					// a phrase ends at the end of a word; Thai has no spaces to end one
					if (index + 1 === length || next === 0x20 || isThaiCode(next) || isThaiCode(folded.charCodeAt(index))) {
						foundValue = node.value;
						foundEnd = index + 1;
					}
				}
			}
			if (foundValue !== undefined) {
				if (onFound(foundValue, position, foundEnd) === false) return;
				position = foundEnd;
				if (folded.charCodeAt(position) === 0x20) position++;
				continue;
			}
			position = nextStart(folded, position);
		}
	}
}

/** A phrase with each of its spaces kept or left out (at most the first four, 16 variants). */
function spacingVariants(phrase: string): string[] {
	const parts = phrase.split(' ');
	let variants = [parts[0]];
	for (let index = 1; index < parts.length; index++) {
		const joinable = index <= 4;
		variants = variants.flatMap((variant) => (joinable ? [`${variant} ${parts[index]}`, variant + parts[index]] : [`${variant} ${parts[index]}`]));
	}
	return variants;
}

function isThaiCode(code: number): boolean {
	return code >= 0x0e00 && code <= 0x0e7f;
}

/** The next place a phrase may start: the next character inside Thai, else the next word or Thai run. */
function nextStart(folded: string, position: number): number {
	if (isThaiCode(folded.charCodeAt(position))) return position + 1;
	for (let index = position + 1; index < folded.length; index++) {
		const code = folded.charCodeAt(index);
		if (code === 0x20) return index + 1;
		if (isThaiCode(code)) return index;
	}
	return folded.length;
}

const TITLE_FINDER = new PhraseFinder(
	Object.values(JOB_TITLE_WORDS).flatMap((words) => JOB_LEVELS.flatMap((level) => words[level].map((phrase): [string, string] => [phrase, level]))),
);

const NO_LEVELS: readonly JobLevel[] = Object.freeze([]);

/**
 * The levels a job title says, in table order ("CTO & Co-founder" → senior; "Marketing
 * Manager, student" → manager and not_a_buyer). Remembered per distinct title; the array
 * returned is shared and frozen.
 */
export const jobLevelsOf: (title: string) => readonly JobLevel[] = memoizeText((title: string) => {
	let found = 0;
	TITLE_FINDER.scan(foldForPhrases(title), (value) => {
		found |= 1 << JOB_LEVELS.indexOf(value as JobLevel);
	});
	if (found === 0) return NO_LEVELS;
	return Object.freeze(JOB_LEVELS.filter((_, index) => found & (1 << index)));
}, 10_000, 500);
