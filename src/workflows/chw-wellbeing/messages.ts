/**
 * The SMS texts of the wellbeing flows in English, French and Swahili. The PHQ-4 items keep the
 * validated wording ("Over the last 2 weeks, how often have you been bothered by …") with the
 * answer scale in every message, because an SMS reader cannot scroll back to a form's header.
 */
type Localized = { eng: string; fra: string; swa: string };

const SCALE: Localized = {
  eng: 'Reply 0 = not at all, 1 = several days, 2 = more than half the days, 3 = nearly every day',
  fra: 'Répondez 0 = jamais, 1 = plusieurs jours, 2 = plus de la moitié des jours, 3 = presque tous les jours',
  swa: 'Jibu 0 = hata kidogo, 1 = siku kadhaa, 2 = zaidi ya nusu ya siku, 3 = karibu kila siku',
};

function phqItem(item: Localized): Localized {
  return {
    eng: `Over the last 2 weeks, how often have you been bothered by ${item.eng}?\n${SCALE.eng}`,
    fra: `Au cours des 2 dernières semaines, à quelle fréquence avez-vous été gêné(e) par ${item.fra} ?\n${SCALE.fra}`,
    swa: `Katika wiki 2 zilizopita, ni mara ngapi umesumbuliwa na ${item.swa}?\n${SCALE.swa}`,
  };
}

const YES_NO: Localized = { eng: 'Reply YES or NO', fra: 'Répondez OUI ou NON', swa: 'Jibu NDIYO au HAPANA' };
const yesNoQuestion = (question: Localized): Localized => ({
  eng: `${question.eng} ${YES_NO.eng}`,
  fra: `${question.fra} ${YES_NO.fra}`,
  swa: `${question.swa} ${YES_NO.swa}`,
});

export const MSG = {
  welcome: {
    eng: 'Hello @contact.first_name, you are enrolled in the weekly wellbeing check-in. Every week you will get a few questions by SMS. Replies are free and only your supervisor sees them.',
    fra: 'Bonjour @contact.first_name, vous êtes inscrit(e) au suivi hebdomadaire du bien-être. Chaque semaine, vous recevrez quelques questions par SMS. Les réponses sont gratuites et seul votre superviseur les voit.',
    swa: 'Habari @contact.first_name, umesajiliwa kwa ufuatiliaji wa kila wiki wa ustawi. Kila wiki utapokea maswali machache kwa SMS. Kujibu ni bure na msimamizi wako pekee ndiye ataona majibu.',
  },
  fever: {
    eng: `Hello @contact.first_name, this is your weekly wellbeing check. Replies are free and private.\nDo you have a fever? ${YES_NO.eng}`,
    fra: `Bonjour @contact.first_name, voici votre suivi hebdomadaire du bien-être. Les réponses sont gratuites et confidentielles.\nAvez-vous de la fièvre ? ${YES_NO.fra}`,
    swa: `Habari @contact.first_name, huu ni ufuatiliaji wako wa kila wiki wa ustawi. Kujibu ni bure na ni siri.\nJe, una homa? ${YES_NO.swa}`,
  },
  cough: yesNoQuestion({ eng: 'Do you have a cough?', fra: 'Avez-vous de la toux ?', swa: 'Je, una kikohozi?' }),
  breathing: yesNoQuestion({ eng: 'Do you have difficulty breathing?', fra: 'Avez-vous des difficultés à respirer ?', swa: 'Je, unapata shida kupumua?' }),
  tasteSmell: yesNoQuestion({ eng: 'Have you lost your sense of taste or smell?', fra: "Avez-vous perdu le goût ou l'odorat ?", swa: 'Je, umepoteza uwezo wa kuonja au kunusa?' }),
  anxious: phqItem({ eng: 'feeling nervous, anxious or on edge', fra: "un sentiment de nervosité, d'anxiété ou de tension", swa: 'kuhisi wasiwasi, hofu au kutotulia' }),
  worry: phqItem({ eng: 'not being able to stop or control worrying', fra: "l'incapacité d'arrêter de vous inquiéter ou de contrôler vos inquiétudes", swa: 'kushindwa kuacha au kudhibiti wasiwasi' }),
  interest: phqItem({ eng: 'little interest or pleasure in doing things', fra: "le peu d'intérêt ou de plaisir à faire les choses", swa: 'kukosa hamu au furaha ya kufanya mambo' }),
  down: phqItem({ eng: 'feeling down, depressed or hopeless', fra: 'un sentiment de tristesse, de déprime ou de désespoir', swa: 'kujihisi mnyonge, mwenye huzuni au kukata tamaa' }),
  counsellor: yesNoQuestion({
    eng: 'Would you like to talk to a counsellor? Your supervisor will arrange it in confidence.',
    fra: "Souhaitez-vous parler à un conseiller ? Votre superviseur l'organisera en toute confidentialité.",
    swa: 'Je, ungependa kuzungumza na mshauri? Msimamizi wako atapanga hilo kwa siri.',
  }),
  helpYesNo: { eng: 'Sorry, please reply YES or NO.', fra: 'Désolé, veuillez répondre OUI ou NON.', swa: 'Samahani, tafadhali jibu NDIYO au HAPANA.' },
  helpScore: {
    eng: 'Sorry, please reply with one number: 0, 1, 2 or 3.',
    fra: 'Désolé, veuillez répondre par un seul chiffre : 0, 1, 2 ou 3.',
    swa: 'Samahani, tafadhali jibu kwa namba moja: 0, 1, 2 au 3.',
  },
  isolation: {
    eng: 'You reported symptoms that may be COVID-19. Please stay at home, avoid contact with others and pause household visits. Your supervisor will contact you about testing.',
    fra: 'Vous avez signalé des symptômes qui pourraient être ceux de la COVID-19. Restez chez vous, évitez les contacts et suspendez les visites à domicile. Votre superviseur vous contactera au sujet du dépistage.',
    swa: 'Umeripoti dalili zinazoweza kuwa za COVID-19. Tafadhali kaa nyumbani, epuka kukutana na watu na usitishe ziara za nyumbani. Msimamizi wako atawasiliana nawe kuhusu kupimwa.',
  },
  counsellorComing: {
    eng: 'Thank you for telling us. Your supervisor will call you soon to arrange a counsellor. If you feel unsafe, go to the nearest health facility now.',
    fra: "Merci de nous l'avoir dit. Votre superviseur vous appellera bientôt pour organiser un entretien avec un conseiller. Si vous ne vous sentez pas en sécurité, rendez-vous tout de suite au centre de santé le plus proche.",
    swa: 'Asante kwa kutueleza. Msimamizi wako atakupigia simu hivi karibuni kupanga mazungumzo na mshauri. Ukijihisi si salama, nenda kituo cha afya kilicho karibu sasa hivi.',
  },
  thanks: {
    eng: 'Thank you, your answers have been recorded. Take care of yourself.',
    fra: 'Merci, vos réponses ont été enregistrées. Prenez soin de vous.',
    swa: 'Asante, majibu yako yamehifadhiwa. Jitunze.',
  },
} satisfies Record<string, Localized>;

/** Reply words per language; English words are accepted from everyone (CHWs often answer in English). */
export const WORDS = {
  yes: { eng: 'yes y', fra: 'oui o yes', swa: 'ndiyo ndio yes' },
  no: { eng: 'no n', fra: 'non n no', swa: 'hapana la no' },
} satisfies Record<string, Localized>;
