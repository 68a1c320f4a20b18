/**
 * The SMS of contact tracing, in English, French and Swahili. RapidPro picks the text of the
 * contact's language, which the enrolment flow sets from the language the CHW recorded.
 */
import { Localized } from '../../phone/kit/locale';

/** Replies in any of the three languages, or 1/2, whatever the contact's language. */
export const WORDS = { yes: 'yes y 1 oui ndio ndiyo', no: 'no n 2 non hapana sina' } as const;

export const QUICK_REPLIES: readonly Localized[] = [{ en: 'Yes', fr: 'Oui', sw: 'Ndiyo' }, { en: 'No', fr: 'Non', sw: 'Hapana' }];

export const SMS = {
  welcome: {
    en: 'Hello @contact.name. Your health worker has enrolled you in COVID-19 quarantine follow-up for @fields.quarantine_length days. Each morning we will ask you 3 short questions by SMS.',
    fr: 'Bonjour @contact.name. Votre agent de santé vous a inscrit au suivi de quarantaine COVID-19 pour @fields.quarantine_length jours. Chaque matin, nous vous poserons 3 courtes questions par SMS.',
    sw: 'Habari @contact.name. Mhudumu wako wa afya amekusajili kwa ufuatiliaji wa karantini ya COVID-19 kwa siku @fields.quarantine_length. Kila asubuhi tutakuuliza maswali 3 mafupi kwa SMS.',
  },
  fever: {
    en: 'Day @results.quarantine_day.value of @fields.quarantine_length. Do you have a fever today? Reply 1 for YES or 2 for NO.',
    fr: 'Jour @results.quarantine_day.value sur @fields.quarantine_length. Avez-vous de la fièvre aujourd\'hui ? Répondez 1 pour OUI ou 2 pour NON.',
    sw: 'Siku ya @results.quarantine_day.value kati ya @fields.quarantine_length. Je, una homa leo? Jibu 1 kwa NDIYO au 2 kwa HAPANA.',
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
  stopped: {
    en: 'You will no longer receive the daily COVID-19 SMS. Contact your health worker if you feel unwell.',
    fr: 'Vous ne recevrez plus le SMS quotidien COVID-19. Contactez votre agent de santé si vous ne vous sentez pas bien.',
    sw: 'Hutapokea tena SMS za kila siku za COVID-19. Wasiliana na mhudumu wako wa afya ukijisikia vibaya.',
  },
} as const satisfies Record<string, Localized>;

/**
 * The SMS alert to the CHW. One text whatever the traced contact's language: RapidPro would pick
 * the translation by the *contact's* language, not the CHW's.
 */
export const CHW_ALERT = 'COVID-19 ALERT: @contact.name (@(urn_parts(contact.urn).path)) reported symptoms on quarantine day @results.quarantine_day.value. Please follow up today (task in CHT).';
