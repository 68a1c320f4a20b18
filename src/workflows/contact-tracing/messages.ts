/**
 * The SMS of contact tracing, in English, French and Swahili. RapidPro picks the text of the
 * contact's language, which every run sets from the language the CHW recorded
 * (`quarantine_language`). Texts name the person from `quarantine_name`, never `@contact.name`:
 * on a phone shared by a household the RapidPro contact may carry someone else's name.
 */
import { Localized } from '../../phone/kit/locale';
import { CONTACT_PHONE, Words } from '../shared';

/**
 * The words of each question that answer yes when no negation comes with them: "I have had fever
 * for 2 days", "Nina homa kwa siku 2", "J'ai de la fièvre". Yes, no and their variants are shared
 * by every workflow (`REPLY_WORDS` in ../shared.ts).
 */
export const ABOUT = {
  fever: { en: ['fever', 'fevers', 'feverish', 'fevr', 'temperature', 'hot'], fr: ['fièvre', 'fievre', 'fiévre', 'température', 'temperature', 'chaud'], sw: ['homa', 'joto'] },
  cough: { en: ['cough', 'coughing', 'coughs', 'kof'], fr: ['toux', 'tousse', 'tousser'], sw: ['kikohozi', 'kukohoa', 'nakohoa', 'kohoa'] },
  // the words of difficulty, not of breathing: "I breathe fine" is no
  breathing: { en: ['difficult', 'difficulty', 'hard', 'short', 'shortness', 'breathless', 'gasping'], fr: ['mal', 'difficile', 'difficulté', 'difficulte', 'essoufflé', 'essouffle', 'essoufflée', 'étouffe', 'etouffe'], sw: ['shida', 'tabu', 'ngumu'] },
} as const satisfies Record<string, Words>;

export const QUICK_REPLIES: readonly Localized[] = [{ en: 'Yes', fr: 'Oui', sw: 'Ndiyo' }, { en: 'No', fr: 'Non', sw: 'Hapana' }];

export const SMS = {
  welcome: {
    en: 'Hello @fields.quarantine_name. Your health worker has enrolled you in COVID-19 quarantine follow-up for @fields.quarantine_length days. Each morning we will ask you 3 short questions by SMS.',
    fr: 'Bonjour @fields.quarantine_name. Votre agent de santé vous a inscrit au suivi de quarantaine COVID-19 pour @fields.quarantine_length jours. Chaque matin, nous vous poserons 3 courtes questions par SMS.',
    sw: 'Habari @fields.quarantine_name. Mhudumu wako wa afya amekusajili kwa ufuatiliaji wa karantini ya COVID-19 kwa siku @fields.quarantine_length. Kila asubuhi tutakuuliza maswali 3 mafupi kwa SMS.',
  },
  fever: {
    en: '@fields.quarantine_name, day @results.quarantine_day.value of @fields.quarantine_length. Do you have a fever today? Reply 1 for YES or 2 for NO.',
    fr: '@fields.quarantine_name, jour @results.quarantine_day.value sur @fields.quarantine_length. Avez-vous de la fièvre aujourd\'hui ? Répondez 1 pour OUI ou 2 pour NON.',
    sw: '@fields.quarantine_name, siku ya @results.quarantine_day.value kati ya @fields.quarantine_length. Je, una homa leo? Jibu 1 kwa NDIYO au 2 kwa HAPANA.',
  },
  cough: {
    en: 'Do you have a cough? Reply 1 for YES or 2 for NO.',
    fr: 'Avez-vous de la toux ? Répondez 1 pour OUI ou 2 pour NON.',
    sw: 'Je, una kikohozi? Jibu 1 kwa NDIYO au 2 kwa HAPANA.',
  },
  breathing: {
    en: 'Do you have any difficulty breathing? Reply 1 for YES or 2 for NO.',
    fr: 'Avez-vous des difficultés à respirer ? Répondez 1 pour OUI ou 2 pour NON.',
    sw: 'Je, una shida ya kupumua? Jibu 1 kwa NDIYO au 2 kwa HAPANA.',
  },
  retry: {
    en: 'Sorry, we did not understand. Please reply 1 for YES or 2 for NO.',
    fr: 'Désolé, nous n\'avons pas compris. Veuillez répondre 1 pour OUI ou 2 pour NON.',
    sw: 'Samahani, hatukuelewa. Tafadhali jibu 1 kwa NDIYO au 2 kwa HAPANA.',
  },
  symptomatic: {
    en: 'Thank you. Your health worker will contact you today. If breathing becomes very difficult, go to the nearest health facility immediately.',
    fr: 'Merci. Votre agent de santé vous contactera aujourd\'hui. Si vous avez beaucoup de mal à respirer, rendez-vous immédiatement au centre de santé le plus proche.',
    sw: 'Asante. Mhudumu wako wa afya atawasiliana nawe leo. Ukipata shida kubwa ya kupumua, nenda kituo cha afya kilicho karibu mara moja.',
  },
  well: {
    en: 'Thank you. Please stay at home and avoid close contact with others until your quarantine ends.',
    fr: 'Merci. Veuillez rester à la maison et éviter tout contact rapproché avec d\'autres personnes jusqu\'à la fin de votre quarantaine.',
    sw: 'Asante. Tafadhali baki nyumbani na uepuke kukaribiana na watu wengine hadi karantini yako iishe.',
  },
  completed: {
    en: 'Your quarantine has ended. Thank you for answering the daily questions and for protecting your community.',
    fr: 'Votre quarantaine est terminée. Merci d\'avoir répondu aux questions quotidiennes et d\'avoir protégé votre communauté.',
    sw: 'Karantini yako imekwisha. Asante kwa kujibu maswali ya kila siku na kulinda jamii yako.',
  },
  notStarted: {
    en: 'Thank you. Your daily questions start on the morning of the first day of your quarantine.',
    fr: 'Merci. Vos questions quotidiennes commencent le matin du premier jour de votre quarantaine.',
    sw: 'Asante. Maswali yako ya kila siku yataanza asubuhi ya siku ya kwanza ya karantini yako.',
  },
  ended: {
    en: 'Your quarantine follow-up by SMS has ended. Thank you for answering the daily questions. Contact your health worker if you feel unwell.',
    fr: 'Votre suivi de quarantaine par SMS est terminé. Merci d\'avoir répondu aux questions quotidiennes. Contactez votre agent de santé si vous ne vous sentez pas bien.',
    sw: 'Ufuatiliaji wako wa karantini kwa SMS umekwisha. Asante kwa kujibu maswali ya kila siku. Wasiliana na mhudumu wako wa afya ukijisikia vibaya.',
  },
  forwarded: {
    en: 'Thank you. Your message has been sent to your health worker. If breathing becomes very difficult, go to the nearest health facility immediately.',
    fr: 'Merci. Votre message a été transmis à votre agent de santé. Si vous avez beaucoup de mal à respirer, rendez-vous immédiatement au centre de santé le plus proche.',
    sw: 'Asante. Ujumbe wako umetumwa kwa mhudumu wako wa afya. Ukipata shida kubwa ya kupumua, nenda kituo cha afya kilicho karibu mara moja.',
  },
  notForwarded: {
    en: 'Thank you. Today\'s questions are already answered. If you feel unwell, call your health worker; if breathing becomes very difficult, go to the nearest health facility immediately.',
    fr: 'Merci. Les questions du jour ont déjà une réponse. Si vous ne vous sentez pas bien, appelez votre agent de santé ; si vous avez beaucoup de mal à respirer, rendez-vous immédiatement au centre de santé le plus proche.',
    sw: 'Asante. Maswali ya leo yameshajibiwa. Ukijisikia vibaya, mpigie mhudumu wako wa afya; ukipata shida kubwa ya kupumua, nenda kituo cha afya kilicho karibu mara moja.',
  },
  stopped: {
    en: 'You will no longer receive the daily COVID-19 SMS. Contact your health worker if you feel unwell.',
    fr: 'Vous ne recevrez plus le SMS quotidien COVID-19. Contactez votre agent de santé si vous ne vous sentez pas bien.',
    sw: 'Hutapokea tena SMS za kila siku za COVID-19. Wasiliana na mhudumu wako wa afya ukijisikia vibaya.',
  },
} as const satisfies Record<string, Localized>;

/**
 * SMS to the CHW. One text whatever the traced contact's language: RapidPro picks a broadcast's
 * translation by each recipient's own language, but the CHW's RapidPro contact may have none. The
 * person is named from the workflow's own field (the RapidPro contact may carry another name on a
 * shared phone); the number is the phone the contact answers from.
 */
export const CHW_ALERT = `COVID-19 ALERT: @fields.quarantine_name (${CONTACT_PHONE}) reported symptoms on quarantine day @results.quarantine_day.value. Please follow up today (task in CHT).`;

/** A message the contact sent when no question was waiting, passed on to the CHW as it was written. */
export const CHW_FORWARD = `Message from @fields.quarantine_name (${CONTACT_PHONE}), in quarantine, outside the daily questions: "@input.text"`;

/**
 * To the CHW who enrolled someone with a phone that already receives another person's daily
 * checks: nothing changed for either person, and what to do next.
 */
export const PHONE_IN_USE: Localized = {
  en: `Daily SMS NOT started for @trigger.params.name: phone ${CONTACT_PHONE} already receives the COVID-19 daily checks of @fields.quarantine_name. Enrol @trigger.params.name with another phone, or close @fields.quarantine_name's quarantine first (end check), then submit the enrolment again.`,
  fr: `SMS quotidiens NON démarrés pour @trigger.params.name : le téléphone ${CONTACT_PHONE} reçoit déjà le suivi COVID-19 de @fields.quarantine_name. Inscrivez @trigger.params.name avec un autre téléphone, ou clôturez d'abord la quarantaine de @fields.quarantine_name (vérification finale), puis soumettez à nouveau l'inscription.`,
  sw: `SMS za kila siku HAZIJAANZA kwa @trigger.params.name: simu ${CONTACT_PHONE} tayari inapokea ufuatiliaji wa COVID-19 wa @fields.quarantine_name. Msajili @trigger.params.name kwa simu nyingine, au funga karantini ya @fields.quarantine_name kwanza (ukaguzi wa mwisho), kisha wasilisha usajili tena.`,
};
