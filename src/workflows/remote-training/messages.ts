/**
 * The antenatal care (ANC) training module: short SMS lessons, each followed by one quiz question,
 * in English, French and Swahili. Content follows the WHO recommendations on antenatal care for a
 * positive pregnancy experience (2016): at least eight contacts, danger signs, daily iron and folic
 * acid, tetanus toxoid, malaria prevention (ITNs, IPTp-SP), nutrition and birth preparedness.
 *
 * This file is the single source of the quiz and of every SMS the training sends: the RapidPro flow (lessons, questions, accepted
 * answers, feedback), the follow-up form's topic and question labels and the score total all come
 * from it. Options are written so that no two options of a question share an answer word.
 */
import { LOCALES, Locale, Localized } from '../../phone/kit/locale';
import { AncQuestionId } from '../../phone/workflows/remote-training/model';


/** The CHT language codes a CHW can be trained in (person `preferred_language`). */
export const TRAINING_LANGUAGES = LOCALES;
export type TrainingLanguage = Locale;

export type OptionKey = 'a' | 'b' | 'c';
export const OPTION_KEYS: readonly OptionKey[] = ['a', 'b', 'c'];

export interface QuizOption {
  text: Localized;
  /** Words that identify this option when the CHW types it out instead of a letter or number. */
  words: Record<TrainingLanguage, string[]>;
}

export type TopicId =
  | 'anc_contacts'
  | 'danger_signs'
  | 'iron_folic_acid'
  | 'tetanus'
  | 'malaria'
  | 'nutrition'
  | 'birth_preparedness';

export interface QuizQuestion {
  /**
   * The options' contents are numbers ("4", "8"): a digit in a reply is content, not the option's
   * position, so "2" is not read as B.
   */
  numericOptions?: boolean;
  /** Stable id: the `question_id` of RP_TRAINING records and the webhook's step. */
  id: AncQuestionId;
  topic: TopicId;
  /** The lesson sent just before the question. */
  lesson: Localized;
  question: Localized;
  options: Record<OptionKey, QuizOption>;
  correct: OptionKey;
  /** Why the right answer is right: sent after every answer, right or wrong. */
  explanation: Localized;
}

export interface TrainingModule {
  id: string;
  title: Localized;
  topics: Record<TopicId, Localized>;
  intro: Localized;
  questions: QuizQuestion[];
}

export const ANC_MODULE: TrainingModule = {
  id: 'anc',
  title: {
    en: 'Antenatal care (ANC)',
    fr: 'Consultations prénatales (CPN)',
    sw: 'Huduma kwa wajawazito (ANC)',
  },
  topics: {
    anc_contacts: { en: 'Number and timing of ANC contacts', fr: 'Nombre et calendrier des contacts prénatals', sw: 'Idadi na muda wa mahudhurio ya kliniki ya wajawazito' },
    danger_signs: { en: 'Danger signs in pregnancy', fr: 'Signes de danger pendant la grossesse', sw: 'Dalili za hatari wakati wa ujauzito' },
    iron_folic_acid: { en: 'Iron and folic acid supplements', fr: 'Supplémentation en fer et acide folique', sw: 'Vidonge vya madini chuma na asidi ya foliki' },
    tetanus: { en: 'Tetanus toxoid vaccination', fr: 'Vaccination antitétanique', sw: 'Chanjo ya pepopunda' },
    malaria: { en: 'Malaria prevention in pregnancy', fr: 'Prévention du paludisme pendant la grossesse', sw: 'Kuzuia malaria wakati wa ujauzito' },
    nutrition: { en: 'Nutrition in pregnancy', fr: 'Alimentation pendant la grossesse', sw: 'Lishe wakati wa ujauzito' },
    birth_preparedness: { en: 'Birth preparedness', fr: "Préparation à l'accouchement", sw: 'Maandalizi ya kujifungua' },
  },
  intro: {
    en: 'Welcome to the antenatal care (ANC) training. You will get 7 short lessons, each followed by a question. Reply with the letter of your answer (A, B or C).',
    fr: 'Bienvenue dans la formation sur les consultations prénatales (CPN). Vous recevrez 7 courtes leçons, chacune suivie d\'une question. Répondez avec la lettre de votre réponse (A, B ou C).',
    sw: 'Karibu kwenye mafunzo ya huduma kwa wajawazito (ANC). Utapokea masomo mafupi 7, kila moja likifuatwa na swali. Jibu kwa herufi ya jibu lako (A, B au C).',
  },
  questions: [
    {
      id: 'anc_q1',
      topic: 'anc_contacts',
      numericOptions: true,
      lesson: {
        en: 'Lesson 1: WHO recommends at least 8 ANC contacts in every pregnancy, the first one within the first 12 weeks. Encourage every pregnant woman to start ANC early.',
        fr: "Leçon 1 : l'OMS recommande au moins 8 contacts prénatals pour chaque grossesse, le premier au cours des 12 premières semaines. Encouragez chaque femme enceinte à commencer tôt les CPN.",
        sw: 'Somo la 1: WHO inapendekeza angalau mahudhurio 8 ya kliniki ya wajawazito katika kila ujauzito, la kwanza ndani ya wiki 12 za kwanza. Mhimize kila mjamzito kuanza kliniki mapema.',
      },
      question: {
        en: 'Question 1: How many ANC contacts does WHO recommend during a pregnancy?',
        fr: "Question 1 : combien de contacts prénatals l'OMS recommande-t-elle pendant une grossesse ?",
        sw: 'Swali la 1: WHO inapendekeza mahudhurio mangapi ya kliniki wakati wa ujauzito?',
      },
      options: {
        a: { text: { en: 'One', fr: 'Un seul', sw: 'Moja' }, words: { en: ['one', '1'], fr: ['un', 'seul', '1'], sw: ['moja', '1'] } },
        b: { text: { en: 'Four', fr: 'Quatre', sw: 'Manne' }, words: { en: ['four', '4'], fr: ['quatre', '4'], sw: ['manne', 'nne', '4'] } },
        c: { text: { en: 'At least eight', fr: 'Au moins huit', sw: 'Angalau manane' }, words: { en: ['eight', '8'], fr: ['huit', '8'], sw: ['manane', 'nane', '8'] } },
      },
      correct: 'c',
      explanation: {
        en: 'At least 8 contacts, the first before 12 weeks.',
        fr: 'Au moins 8 contacts, le premier avant 12 semaines.',
        sw: 'Angalau mahudhurio 8, la kwanza kabla ya wiki 12.',
      },
    },
    {
      id: 'anc_q2',
      topic: 'danger_signs',
      lesson: {
        en: 'Lesson 2: Danger signs in pregnancy: vaginal bleeding, severe headache or blurred vision, convulsions, fever, and the baby moving less than usual. Any of these: go to a health facility immediately.',
        fr: "Leçon 2 : signes de danger pendant la grossesse : saignement vaginal, maux de tête violents ou vision trouble, convulsions, fièvre, bébé qui bouge moins que d'habitude. Devant l'un d'eux : aller immédiatement au centre de santé.",
        sw: 'Somo la 2: Dalili za hatari wakati wa ujauzito: kutokwa na damu ukeni, maumivu makali ya kichwa au kuona ukungu, degedege, homa, na mtoto kucheza tumboni kidogo kuliko kawaida. Ukiona mojawapo: nenda kituo cha afya mara moja.',
      },
      question: {
        en: 'Question 2: A pregnant woman has a severe headache and blurred vision. What do you do?',
        fr: 'Question 2 : une femme enceinte a des maux de tête violents et une vision trouble. Que faites-vous ?',
        sw: 'Swali la 2: Mjamzito ana maumivu makali ya kichwa na anaona ukungu. Utafanya nini?',
      },
      options: {
        a: { text: { en: 'Advise rest at home', fr: 'Conseiller du repos à la maison', sw: 'Kumshauri apumzike nyumbani' }, words: { en: ['rest', 'home'], fr: ['repos', 'maison'], sw: ['apumzike', 'pumzika', 'nyumbani'] } },
        b: { text: { en: 'Refer her urgently to a health facility', fr: "L'orienter d'urgence vers un centre de santé", sw: 'Kumpeleka haraka kituo cha afya' }, words: { en: ['refer', 'urgently', 'facility', 'hospital'], fr: ['orienter', "l'orienter", 'urgence', "d'urgence", 'centre', 'hôpital', 'hopital', "l'hôpital", "l'hopital"], sw: ['kumpeleka', 'haraka', 'kituo', 'hospitali'] } },
        c: { text: { en: 'Visit her again next week', fr: 'La revoir la semaine prochaine', sw: 'Kumtembelea tena wiki ijayo' }, words: { en: ['next', 'week'], fr: ['semaine', 'prochaine', 'revoir'], sw: ['wiki', 'ijayo'] } },
      },
      correct: 'b',
      explanation: {
        en: 'Severe headache with blurred vision can mean pre-eclampsia: refer her urgently.',
        fr: "Des maux de tête violents avec une vision trouble peuvent signaler une pré-éclampsie : orientez-la d'urgence.",
        sw: 'Maumivu makali ya kichwa na kuona ukungu yanaweza kuwa kifafa cha mimba: mpeleke kituo cha afya haraka.',
      },
    },
    {
      id: 'anc_q3',
      topic: 'iron_folic_acid',
      lesson: {
        en: 'Lesson 3: Every pregnant woman should take one iron and folic acid tablet every day for the whole pregnancy. It prevents anaemia and protects the baby from birth defects.',
        fr: "Leçon 3 : chaque femme enceinte doit prendre un comprimé de fer et d'acide folique chaque jour pendant toute la grossesse. Cela prévient l'anémie et protège le bébé contre les malformations.",
        sw: 'Somo la 3: Kila mjamzito anapaswa kumeza kidonge kimoja cha madini chuma na asidi ya foliki kila siku katika ujauzito wote. Huzuia upungufu wa damu na humkinga mtoto dhidi ya ulemavu wa kuzaliwa.',
      },
      question: {
        en: 'Question 3: What prevents anaemia in pregnancy?',
        fr: "Question 3 : qu'est-ce qui prévient l'anémie pendant la grossesse ?",
        sw: 'Swali la 3: Nini huzuia upungufu wa damu wakati wa ujauzito?',
      },
      options: {
        a: { text: { en: 'A daily iron and folic acid tablet', fr: "Un comprimé de fer et d'acide folique chaque jour", sw: 'Kidonge cha madini chuma na foliki kila siku' }, words: { en: ['daily', 'folic'], fr: ['folique', 'comprimé', 'comprime'], sw: ['foliki', 'kidonge'] } },
        b: { text: { en: 'Tablets only when she feels weak', fr: 'Des comprimés seulement si elle se sent faible', sw: 'Vidonge pale tu anapojisikia dhaifu' }, words: { en: ['weak', 'feels'], fr: ['faible', 'sent'], sw: ['dhaifu', 'anapojisikia'] } },
        c: { text: { en: 'Iron only after the birth', fr: "Du fer seulement après l'accouchement", sw: 'Madini chuma baada ya kujifungua tu' }, words: { en: ['after', 'birth'], fr: ['après', 'apres', 'accouchement'], sw: ['baada', 'kujifungua'] } },
      },
      correct: 'a',
      explanation: {
        en: 'One iron and folic acid tablet every day, from the first ANC contact until the birth.',
        fr: "Un comprimé de fer et d'acide folique chaque jour, du premier contact prénatal jusqu'à l'accouchement.",
        sw: 'Kidonge kimoja cha madini chuma na foliki kila siku, tangu hudhurio la kwanza hadi kujifungua.',
      },
    },
    {
      id: 'anc_q4',
      topic: 'tetanus',
      lesson: {
        en: 'Lesson 4: Tetanus toxoid vaccine given at ANC protects the mother and her newborn from tetanus. Check her vaccination card and make sure she gets every dose she needs.',
        fr: 'Leçon 4 : le vaccin antitétanique donné pendant les CPN protège la mère et son nouveau-né contre le tétanos. Vérifiez sa carte de vaccination et veillez à ce qu\'elle reçoive toutes les doses nécessaires.',
        sw: 'Somo la 4: Chanjo ya pepopunda inayotolewa kliniki humkinga mama na mtoto wake mchanga dhidi ya pepopunda. Angalia kadi yake ya chanjo na hakikisha anapata dozi zote anazohitaji.',
      },
      question: {
        en: 'Question 4: Why does a pregnant woman need the tetanus toxoid vaccine?',
        fr: 'Question 4 : pourquoi une femme enceinte a-t-elle besoin du vaccin antitétanique ?',
        sw: 'Swali la 4: Kwa nini mjamzito anahitaji chanjo ya pepopunda?',
      },
      options: {
        a: { text: { en: 'To prevent malaria', fr: 'Pour prévenir le paludisme', sw: 'Kuzuia malaria' }, words: { en: ['malaria'], fr: ['paludisme'], sw: ['malaria'] } },
        b: { text: { en: 'To protect her and her newborn from tetanus', fr: 'Pour la protéger, elle et son nouveau-né, contre le tétanos', sw: 'Kumkinga yeye na mtoto mchanga dhidi ya pepopunda' }, words: { en: ['protect', 'newborn', 'tetanus'], fr: ['protéger', 'proteger', 'tétanos', 'tetanos'], sw: ['kumkinga', 'pepopunda', 'mchanga'] } },
        c: { text: { en: 'To make the baby grow bigger', fr: 'Pour que le bébé grossisse', sw: 'Kumfanya mtoto akue zaidi' }, words: { en: ['grow', 'bigger'], fr: ['grossisse', 'grossir'], sw: ['akue', 'zaidi'] } },
      },
      correct: 'b',
      explanation: {
        en: 'The vaccine protects the mother and, through her, the newborn from tetanus.',
        fr: 'Le vaccin protège la mère et, à travers elle, le nouveau-né contre le tétanos.',
        sw: 'Chanjo humkinga mama na, kupitia kwake, mtoto mchanga dhidi ya pepopunda.',
      },
    },
    {
      id: 'anc_q5',
      topic: 'malaria',
      lesson: {
        en: 'Lesson 5: Where malaria is common, a pregnant woman should sleep under an insecticide-treated net every night and take preventive treatment (IPTp with SP) at ANC contacts from the 4th month.',
        fr: 'Leçon 5 : là où le paludisme est fréquent, la femme enceinte doit dormir chaque nuit sous une moustiquaire imprégnée d\'insecticide et prendre le traitement préventif (TPIp à la SP) aux CPN dès le 4e mois.',
        sw: 'Somo la 5: Mahali penye malaria, mjamzito anapaswa kulala ndani ya chandarua chenye dawa kila usiku na kupata dawa ya kinga (SP) kliniki kuanzia mwezi wa 4.',
      },
      question: {
        en: 'Question 5: How can a pregnant woman prevent malaria?',
        fr: 'Question 5 : comment une femme enceinte peut-elle prévenir le paludisme ?',
        sw: 'Swali la 5: Mjamzito anawezaje kujikinga na malaria?',
      },
      options: {
        a: { text: { en: 'Sleep under a treated net every night and take IPTp at ANC', fr: 'Dormir sous une moustiquaire imprégnée chaque nuit et prendre le TPIp aux CPN', sw: 'Kulala ndani ya chandarua chenye dawa kila usiku na kupata SP kliniki' }, words: { en: ['net', 'sleep', 'iptp'], fr: ['moustiquaire', 'dormir', 'tpip'], sw: ['chandarua', 'kulala', 'sp'] } },
        b: { text: { en: 'Drink boiled water', fr: "Boire de l'eau bouillie", sw: 'Kunywa maji yaliyochemshwa' }, words: { en: ['boiled', 'water'], fr: ['eau', 'bouillie', 'boire'], sw: ['maji', 'kunywa'] } },
        c: { text: { en: 'Avoid ANC in the rainy season', fr: 'Éviter les CPN pendant la saison des pluies', sw: 'Kuepuka kliniki wakati wa mvua' }, words: { en: ['avoid', 'rainy', 'rain'], fr: ['éviter', 'eviter', 'pluies'], sw: ['kuepuka', 'mvua'] } },
      },
      correct: 'a',
      explanation: {
        en: 'A treated net every night plus IPTp with SP at each ANC contact from the 4th month.',
        fr: 'Une moustiquaire imprégnée chaque nuit et le TPIp à la SP à chaque CPN dès le 4e mois.',
        sw: 'Chandarua chenye dawa kila usiku pamoja na SP kila hudhurio la kliniki kuanzia mwezi wa 4.',
      },
    },
    {
      id: 'anc_q6',
      topic: 'nutrition',
      lesson: {
        en: 'Lesson 6: A pregnant woman needs more food than usual and a varied diet every day: grains, beans, vegetables, fruit, milk, eggs, fish or meat. Use iodized salt.',
        fr: 'Leçon 6 : une femme enceinte a besoin de manger plus que d\'habitude et varié chaque jour : céréales, haricots, légumes, fruits, lait, œufs, poisson ou viande. Utiliser du sel iodé.',
        sw: 'Somo la 6: Mjamzito anahitaji chakula zaidi kuliko kawaida na mlo wenye aina mbalimbali kila siku: nafaka, maharage, mboga, matunda, maziwa, mayai, samaki au nyama. Atumie chumvi yenye madini joto.',
      },
      question: {
        en: 'Question 6: Which advice about food in pregnancy is right?',
        fr: "Question 6 : quel conseil sur l'alimentation pendant la grossesse est juste ?",
        sw: 'Swali la 6: Ushauri upi kuhusu chakula wakati wa ujauzito ni sahihi?',
      },
      options: {
        a: { text: { en: 'Eat less so the baby stays small', fr: 'Manger moins pour que le bébé reste petit', sw: 'Kula kidogo ili mtoto abaki mdogo' }, words: { en: ['less', 'small'], fr: ['moins', 'petit'], sw: ['kidogo', 'mdogo'] } },
        b: { text: { en: 'Eat more and a variety of foods every day', fr: 'Manger plus et varié chaque jour', sw: 'Kula zaidi na vyakula vya aina mbalimbali kila siku' }, words: { en: ['more', 'variety', 'varied'], fr: ['plus', 'varié', 'varie'], sw: ['zaidi', 'mbalimbali'] } },
        c: { text: { en: 'Avoid eggs and beans', fr: 'Éviter les œufs et les haricots', sw: 'Kuepuka mayai na maharage' }, words: { en: ['avoid', 'eggs', 'beans'], fr: ['éviter', 'eviter', 'œufs', 'oeufs', 'haricots'], sw: ['kuepuka', 'mayai', 'maharage'] } },
      },
      correct: 'b',
      explanation: {
        en: 'More food and a varied diet every day; no healthy food is forbidden in pregnancy.',
        fr: "Manger plus et varié chaque jour ; aucun aliment sain n'est interdit pendant la grossesse.",
        sw: 'Chakula zaidi na cha aina mbalimbali kila siku; hakuna chakula bora kilichokatazwa wakati wa ujauzito.',
      },
    },
    {
      id: 'anc_q7',
      topic: 'birth_preparedness',
      lesson: {
        en: 'Lesson 7: Make a birth plan early: choose the health facility for the birth, save money, arrange transport and a companion, and know the danger signs.',
        fr: "Leçon 7 : préparer tôt un plan d'accouchement : choisir le centre de santé pour l'accouchement, économiser de l'argent, prévoir le transport et un accompagnant, connaître les signes de danger.",
        sw: 'Somo la 7: Panga mapema mpango wa kujifungua: chagua kituo cha afya cha kujifungulia, weka akiba ya pesa, panga usafiri na mtu wa kumsindikiza, na jua dalili za hatari.',
      },
      question: {
        en: 'Question 7: Which is part of a birth plan?',
        fr: "Question 7 : qu'est-ce qui fait partie d'un plan d'accouchement ?",
        sw: 'Swali la 7: Kipi ni sehemu ya mpango wa kujifungua?',
      },
      options: {
        a: { text: { en: 'Wait for labour to start before deciding', fr: 'Attendre le début du travail pour décider', sw: 'Kusubiri uchungu uanze ndipo aamue' }, words: { en: ['wait', 'labour', 'labor'], fr: ['attendre', 'travail'], sw: ['kusubiri', 'uchungu'] } },
        b: { text: { en: 'Choose the facility, save money and arrange transport early', fr: "Choisir le centre, économiser et prévoir le transport à l'avance", sw: 'Kuchagua kituo, kuweka akiba na kupanga usafiri mapema' }, words: { en: ['choose', 'save', 'money', 'transport'], fr: ['choisir', 'économiser', 'economiser', 'transport'], sw: ['kuchagua', 'akiba', 'usafiri'] } },
        c: { text: { en: 'Plan to give birth at home alone', fr: 'Prévoir d\'accoucher seule à la maison', sw: 'Kupanga kujifungua nyumbani peke yake' }, words: { en: ['alone', 'home'], fr: ['seule', 'maison'], sw: ['peke', 'nyumbani'] } },
      },
      correct: 'b',
      explanation: {
        en: 'A birth plan: the facility, money, transport and a companion, decided early.',
        fr: "Un plan d'accouchement : le centre, l'argent, le transport et un accompagnant, décidés tôt.",
        sw: 'Mpango wa kujifungua: kituo, pesa, usafiri na msindikizaji, vyote hupangwa mapema.',
      },
    },
  ],
};

/** The question with this id, or undefined. */
export function questionById(module: TrainingModule, id: string): QuizQuestion | undefined {
  return module.questions.find((question) => question.id === id);
}

// ---------------------------------------------------------------- the flow's fixed texts

const REPLY_HINT: Localized = {
  en: 'Reply A, B or C.',
  fr: 'Répondez A, B ou C.',
  sw: 'Jibu A, B au C.',
};

/** The question with its three options, one per line. */
export function questionText(question: QuizQuestion, language: TrainingLanguage): string {
  const options = OPTION_KEYS.map((key) => `${key.toUpperCase()}) ${question.options[key].text[language]}`);
  return [question.question[language], ...options, REPLY_HINT[language]].join('\n');
}

const NOT_UNDERSTOOD: Localized = {
  en: 'Sorry, I did not understand your answer.',
  fr: "Désolé, je n'ai pas compris votre réponse.",
  sw: 'Samahani, sikuelewa jibu lako.',
};

/** The re-ask after an unclear reply: an apology, then the question again. */
export function reaskText(question: QuizQuestion, language: TrainingLanguage): string {
  return `${NOT_UNDERSTOOD[language]}\n${questionText(question, language)}`;
}

const CORRECT: Localized = { en: 'Correct!', fr: 'Bonne réponse !', sw: 'Sahihi!' };
const RIGHT_ANSWER: Localized = { en: 'The right answer is', fr: 'La bonne réponse est', sw: 'Jibu sahihi ni' };

export function rightText(question: QuizQuestion, language: TrainingLanguage): string {
  return `${CORRECT[language]} ${question.explanation[language]}`;
}

export function wrongText(question: QuizQuestion, language: TrainingLanguage): string {
  const key = question.correct;
  return `${RIGHT_ANSWER[language]} ${key.toUpperCase()}) ${question.options[key].text[language]}. ${question.explanation[language]}`;
}

/** `@results.score.value` is filled in by RapidPro. */
export function completionText(total: number): Localized {
  return {
    en: `You have finished the antenatal care training. Your score: @results.score.value out of ${total}. Your supervisor will go over any wrong answers with you. Thank you!`,
    fr: `Vous avez terminé la formation sur les consultations prénatales. Votre score : @results.score.value sur ${total}. Votre superviseur reverra avec vous les mauvaises réponses. Merci !`,
    sw: `Umemaliza mafunzo ya huduma kwa wajawazito. Alama zako: @results.score.value kati ya ${total}. Msimamizi wako atapitia nawe majibu yasiyo sahihi. Asante!`,
  };
}

/** Sent to the supervisor's phone at completion (in the supervisor's RapidPro contact language). */
export function supervisorText(total: number): Localized {
  return {
    en: `@fields.training_name has finished the ANC training by SMS with a score of @results.score.value out of ${total}. Wrong answers appear as tasks in CHT.`,
    fr: `@fields.training_name a terminé la formation CPN par SMS avec un score de @results.score.value sur ${total}. Les mauvaises réponses apparaissent comme tâches dans CHT.`,
    sw: `@fields.training_name amemaliza mafunzo ya ANC kwa SMS kwa alama @results.score.value kati ya ${total}. Majibu yasiyo sahihi yanaonekana kama kazi kwenye CHT.`,
  };
}

/** Sent when the CHW is enrolled (the first lesson follows as soon as no other SMS check is waiting for them). */
export const WELCOME: Localized = {
  en: 'Hello @fields.training_name, your supervisor has enrolled you in the SMS training on antenatal care. The first lesson follows shortly.',
  fr: 'Bonjour @fields.training_name, votre superviseur vous a inscrit(e) à la formation par SMS sur les consultations prénatales. La première leçon suit bientôt.',
  sw: 'Habari @fields.training_name, msimamizi wako amekusajili kwenye mafunzo ya SMS kuhusu huduma kwa wajawazito. Somo la kwanza litafuata hivi karibuni.',
};

/** After a question waited a few hours: the phone is free for other SMS until the CHW comes back. */
export const PAUSED: Localized = {
  en: 'We will continue the training tomorrow. Reply to the question any time to continue now.',
  fr: 'Nous continuerons la formation demain. Répondez à la question à tout moment pour continuer maintenant.',
  sw: 'Tutaendelea na mafunzo kesho. Jibu swali wakati wowote ili kuendelea sasa.',
};

/** A week after enrolment without finishing: the reminders stop (the supervisor gets a task). */
export const STOPPED: Localized = {
  en: 'The training has stopped because it was not finished within 7 days. Your supervisor can enrol you again.',
  fr: "La formation s'est arrêtée car elle n'a pas été terminée en 7 jours. Votre superviseur peut vous inscrire à nouveau.",
  sw: 'Mafunzo yamesimama kwa sababu hayakukamilika ndani ya siku 7. Msimamizi wako anaweza kukusajili tena.',
};

/** To the supervisor who enrolled a CHW with a phone on which another CHW's training is under way. */
export const PHONE_IN_USE: Localized = {
  en: `SMS training NOT started for @trigger.params.name: phone @(urn_parts(contact.urn).path) is in the middle of the training of @fields.training_name. Enrol @trigger.params.name again with their own phone number, or once that training has ended.`,
  fr: `Formation par SMS NON démarrée pour @trigger.params.name : le téléphone @(urn_parts(contact.urn).path) suit déjà la formation de @fields.training_name. Inscrivez à nouveau @trigger.params.name avec son propre numéro, ou quand cette formation sera terminée.`,
  sw: `Mafunzo ya SMS HAYAJAANZA kwa @trigger.params.name: simu @(urn_parts(contact.urn).path) iko katikati ya mafunzo ya @fields.training_name. Msajili @trigger.params.name tena kwa namba yake mwenyewe, au mafunzo hayo yakimalizika.`,
};

/** The last SMS after "Stop SMS" (`sms_withdrawal`, training). */
export const WITHDRAWN: Localized = {
  en: 'You will receive no more training messages. Thank you. Ask your supervisor if you want to start again.',
  fr: 'Vous ne recevrez plus de messages de formation. Merci. Demandez à votre superviseur si vous souhaitez recommencer.',
  sw: 'Hutapokea tena ujumbe wa mafunzo. Asante. Muulize msimamizi wako ukitaka kuanza tena.',
};
