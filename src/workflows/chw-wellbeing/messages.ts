/**
 * The SMS texts of the wellbeing flows in English, French and Swahili. The PHQ-4 items keep the
 * validated wording ("Over the last 2 weeks, how often have you been bothered by …") with the
 * answer scale in every message, because an SMS reader cannot scroll back to a form's header.
 */
import { Localized } from '../../phone/kit/locale';
import { CONTACT_PHONE, Words } from '../shared';

const SCALE: Localized = {
  en: 'Reply 0 = not at all, 1 = several days, 2 = more than half the days, 3 = nearly every day',
  fr: 'Répondez 0 = jamais, 1 = plusieurs jours, 2 = plus de la moitié des jours, 3 = presque tous les jours',
  sw: 'Jibu 0 = hata kidogo, 1 = siku kadhaa, 2 = zaidi ya nusu ya siku, 3 = karibu kila siku',
};

function phqItem(item: Localized): Localized {
  return {
    en: `Over the last 2 weeks, how often have you been bothered by ${item.en}?\n${SCALE.en}`,
    fr: `Au cours des 2 dernières semaines, à quelle fréquence avez-vous été gêné(e) par ${item.fr} ?\n${SCALE.fr}`,
    sw: `Katika wiki 2 zilizopita, ni mara ngapi umesumbuliwa na ${item.sw}?\n${SCALE.sw}`,
  };
}

const YES_NO: Localized = { en: 'Reply YES or NO', fr: 'Répondez OUI ou NON', sw: 'Jibu NDIYO au HAPANA' };
const yesNoQuestion = (question: Localized): Localized => ({
  en: `${question.en} ${YES_NO.en}`,
  fr: `${question.fr} ${YES_NO.fr}`,
  sw: `${question.sw} ${YES_NO.sw}`,
});

export const SMS = {
  /** The last SMS after "Stop SMS" (`sms_withdrawal`, wellbeing). */
  stopped: {
    en: 'You will receive no more wellbeing check-ins. Thank you for taking part. Your supervisor can enrol you again if you wish.',
    fr: 'Vous ne recevrez plus de suivi du bien-être. Merci de votre participation. Votre superviseur peut vous réinscrire si vous le souhaitez.',
    sw: 'Hutapokea tena ufuatiliaji wa ustawi. Asante kwa kushiriki. Msimamizi wako anaweza kukusajili tena ukitaka.',
  },
  welcome: {
    en: 'Hello @fields.wellbeing_name, you are enrolled in the weekly wellbeing check-in. Every week you will get a few questions by SMS. Replies are free and only your supervisor sees them.',
    fr: 'Bonjour @fields.wellbeing_name, vous êtes inscrit(e) au suivi hebdomadaire du bien-être. Chaque semaine, vous recevrez quelques questions par SMS. Les réponses sont gratuites et seul votre superviseur les voit.',
    sw: 'Habari @fields.wellbeing_name, umesajiliwa kwa ufuatiliaji wa kila wiki wa ustawi. Kila wiki utapokea maswali machache kwa SMS. Kujibu ni bure na msimamizi wako pekee ndiye ataona majibu.',
  },
  fever: {
    en: `Hello @fields.wellbeing_name, this is your weekly wellbeing check. Replies are free and private.\nDo you have a fever? ${YES_NO.en}`,
    fr: `Bonjour @fields.wellbeing_name, voici votre suivi hebdomadaire du bien-être. Les réponses sont gratuites et confidentielles.\nAvez-vous de la fièvre ? ${YES_NO.fr}`,
    sw: `Habari @fields.wellbeing_name, huu ni ufuatiliaji wako wa kila wiki wa ustawi. Kujibu ni bure na ni siri.\nJe, una homa? ${YES_NO.sw}`,
  },
  cough: yesNoQuestion({ en: 'Do you have a cough?', fr: 'Avez-vous de la toux ?', sw: 'Je, una kikohozi?' }),
  breathing: yesNoQuestion({ en: 'Do you have difficulty breathing?', fr: 'Avez-vous des difficultés à respirer ?', sw: 'Je, unapata shida kupumua?' }),
  tasteSmell: yesNoQuestion({ en: 'Have you lost your sense of taste or smell?', fr: "Avez-vous perdu le goût ou l'odorat ?", sw: 'Je, umepoteza uwezo wa kuonja au kunusa?' }),
  anxious: phqItem({ en: 'feeling nervous, anxious or on edge', fr: "un sentiment de nervosité, d'anxiété ou de tension", sw: 'kuhisi wasiwasi, hofu au kutotulia' }),
  worry: phqItem({ en: 'not being able to stop or control worrying', fr: "l'incapacité d'arrêter de vous inquiéter ou de contrôler vos inquiétudes", sw: 'kushindwa kuacha au kudhibiti wasiwasi' }),
  interest: phqItem({ en: 'little interest or pleasure in doing things', fr: "le peu d'intérêt ou de plaisir à faire les choses", sw: 'kukosa hamu au furaha ya kufanya mambo' }),
  down: phqItem({ en: 'feeling down, depressed or hopeless', fr: 'un sentiment de tristesse, de déprime ou de désespoir', sw: 'kujihisi mnyonge, mwenye huzuni au kukata tamaa' }),
  counsellor: yesNoQuestion({
    en: 'Would you like to talk to a counsellor? Your supervisor will arrange it in confidence.',
    fr: "Souhaitez-vous parler à un conseiller ? Votre superviseur l'organisera en toute confidentialité.",
    sw: 'Je, ungependa kuzungumza na mshauri? Msimamizi wako atapanga hilo kwa siri.',
  }),
  helpYesNo: { en: 'Sorry, please reply YES or NO.', fr: 'Désolé, veuillez répondre OUI ou NON.', sw: 'Samahani, tafadhali jibu NDIYO au HAPANA.' },
  helpScore: {
    en: 'Sorry, please reply with one number: 0, 1, 2 or 3.',
    fr: 'Désolé, veuillez répondre par un seul chiffre : 0, 1, 2 ou 3.',
    sw: 'Samahani, tafadhali jibu kwa namba moja: 0, 1, 2 au 3.',
  },
  isolation: {
    en: 'You reported symptoms that may be COVID-19. Please stay at home, avoid contact with others and pause household visits. Your supervisor will contact you about testing.',
    fr: 'Vous avez signalé des symptômes qui pourraient être ceux de la COVID-19. Restez chez vous, évitez les contacts et suspendez les visites à domicile. Votre superviseur vous contactera au sujet du dépistage.',
    sw: 'Umeripoti dalili zinazoweza kuwa za COVID-19. Tafadhali kaa nyumbani, epuka kukutana na watu na usitishe ziara za nyumbani. Msimamizi wako atawasiliana nawe kuhusu kupimwa.',
  },
  counsellorComing: {
    en: 'Thank you for telling us. Your supervisor will call you soon to arrange a counsellor. If you feel unsafe, go to the nearest health facility now.',
    fr: "Merci de nous l'avoir dit. Votre superviseur vous appellera bientôt pour organiser un entretien avec un conseiller. Si vous ne vous sentez pas en sécurité, rendez-vous tout de suite au centre de santé le plus proche.",
    sw: 'Asante kwa kutueleza. Msimamizi wako atakupigia simu hivi karibuni kupanga mazungumzo na mshauri. Ukijihisi si salama, nenda kituo cha afya kilicho karibu sasa hivi.',
  },
  notStarted: {
    en: 'Thank you. Your weekly wellbeing check-ins start on the day you chose with your supervisor.',
    fr: 'Merci. Vos suivis hebdomadaires du bien-être commencent le jour choisi avec votre superviseur.',
    sw: 'Asante. Ufuatiliaji wako wa kila wiki wa ustawi utaanza siku uliyochagua na msimamizi wako.',
  },
  answeredThisWeek: {
    en: 'Thank you. This week\'s check-in is already answered; the next one comes next week. If you need to talk to someone now, call your supervisor.',
    fr: 'Merci. Le suivi de cette semaine a déjà une réponse ; le prochain arrive la semaine prochaine. Si vous avez besoin de parler à quelqu\'un maintenant, appelez votre superviseur.',
    sw: 'Asante. Ufuatiliaji wa wiki hii umeshajibiwa; unaofuata utakuja wiki ijayo. Ukihitaji kuzungumza na mtu sasa, mpigie msimamizi wako.',
  },
  ended: {
    en: 'Your year of weekly wellbeing check-ins has ended. Thank you for taking part. Your supervisor can enrol you again.',
    fr: 'Votre année de suivis hebdomadaires du bien-être est terminée. Merci d\'y avoir participé. Votre superviseur peut vous inscrire à nouveau.',
    sw: 'Mwaka wako wa ufuatiliaji wa kila wiki wa ustawi umekwisha. Asante kwa kushiriki. Msimamizi wako anaweza kukusajili tena.',
  },
  thanks: {
    en: 'Thank you, your answers have been recorded. Take care of yourself.',
    fr: 'Merci, vos réponses ont été enregistrées. Prenez soin de vous.',
    sw: 'Asante, majibu yako yamehifadhiwa. Jitunze.',
  },
} satisfies Record<string, Localized>;

/** The words of each yes/no question that answer yes without a negation (yes and no themselves are in ../shared.ts). */
export const ABOUT = {
  fever: { en: ['fever', 'fevers', 'feverish', 'temperature', 'hot'], fr: ['fièvre', 'fievre', 'température', 'temperature'], sw: ['homa', 'joto'] },
  cough: { en: ['cough', 'coughing', 'coughs'], fr: ['toux', 'tousse'], sw: ['kikohozi', 'kukohoa', 'nakohoa'] },
  breathing: { en: ['difficult', 'difficulty', 'hard', 'short', 'shortness', 'breathless'], fr: ['mal', 'difficile', 'difficulté', 'difficulte', 'essoufflé', 'essouffle'], sw: ['shida', 'tabu', 'ngumu'] },
  tasteSmell: { en: ['taste', 'smell'], fr: ['goût', 'gout', 'odorat', 'odeur'], sw: ['ladha', 'harufu', 'kuonja', 'kunusa'] },
  counsellor: { en: ['want', 'talk', 'please', 'help', 'counsellor', 'counselor', 'like'], fr: ['veux', 'voudrais', 'parler', 'aide', 'conseiller', 'svp'], sw: ['nataka', 'ningependa', 'kuzungumza', 'msaada', 'mshauri', 'tafadhali'] },
} as const satisfies Record<string, Words>;

/**
 * The PHQ-4 answer scale in words, for a CHW who writes the answer instead of its number: the
 * phrases of the scale in every language (anywhere in the reply), and the number as a word (the
 * whole reply only: "two weeks" is not an answer).
 */
export const SCALE_WORDS: Readonly<Record<0 | 1 | 2 | 3, { phrases: readonly string[]; number: readonly string[] }>> = {
  0: { phrases: ['not at all', 'hata kidogo', 'jamais', 'pas du tout'], number: ['zero', 'sifuri', 'zéro'] },
  1: { phrases: ['several days', 'siku kadhaa', 'plusieurs jours'], number: ['one', 'moja', 'un'] },
  2: { phrases: ['more than half', 'zaidi ya nusu', 'plus de la moitié', 'plus de la moitie'], number: ['two', 'mbili', 'deux'] },
  3: { phrases: ['nearly every day', 'almost every day', 'karibu kila siku', 'presque tous les jours'], number: ['three', 'tatu', 'trois'] },
};

/** To the supervisor who enrolled a CHW with a phone that already receives another CHW's check-ins. */
export const PHONE_IN_USE: Localized = {
  en: `Weekly wellbeing SMS NOT started for @trigger.params.name: phone ${CONTACT_PHONE} already receives the weekly check-ins of @fields.wellbeing_name. Enrol @trigger.params.name again with their own phone number.`,
  fr: `SMS hebdomadaires de bien-être NON démarrés pour @trigger.params.name : le téléphone ${CONTACT_PHONE} reçoit déjà les suivis de @fields.wellbeing_name. Inscrivez à nouveau @trigger.params.name avec son propre numéro.`,
  sw: `SMS za kila wiki za ustawi HAZIJAANZA kwa @trigger.params.name: simu ${CONTACT_PHONE} tayari inapokea ufuatiliaji wa @fields.wellbeing_name. Msajili @trigger.params.name tena kwa namba yake mwenyewe.`,
};
