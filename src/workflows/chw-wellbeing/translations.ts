/**
 * Every text the wellbeing workflow shows in CHT, in English, French and Swahili. The
 * `translations/messages-*.properties` files hold them for CHT (block `# chw-wellbeing`); a unit
 * test keeps the files and this list identical.
 */
import { wellbeingRecord } from './record';
import { TASK } from './tasks';
import { TARGET } from './targets';

type Texts = { en: string; fr: string; sw: string };

const profile = 'contact.profile.chw-wellbeing';
const report = (field: string): string => wellbeingRecord.labelKey(field);

export const WELLBEING_TRANSLATIONS: Record<string, Texts> = {
  [`task.${TASK.symptomatic}.title`]: { en: 'CHW with COVID-19 symptoms', fr: 'ASC avec des symptômes de la COVID-19', sw: 'Mhudumu mwenye dalili za COVID-19' },
  [`task.${TASK.symptomatic}.action`]: { en: 'Advise isolation and testing', fr: "Conseiller l'isolement et le dépistage", sw: 'Shauri kujitenga na kupimwa' },
  [`task.${TASK.psychosocial}.title`]: { en: 'Psychosocial support for CHW', fr: "Soutien psychosocial pour l'ASC", sw: 'Msaada wa kisaikolojia kwa mhudumu' },
  [`task.${TASK.psychosocial}.action`]: { en: 'Call the CHW in private', fr: "Appeler l'ASC en privé", sw: 'Mpigie mhudumu simu faraghani' },
  [`task.${TASK.missed}.title`]: { en: 'CHW missed 2 weekly check-ins', fr: "L'ASC n'a pas répondu à 2 suivis hebdomadaires", sw: 'Mhudumu hajajibu ufuatiliaji wa wiki 2' },
  [`task.${TASK.missed}.action`]: { en: 'Find out why', fr: 'Savoir pourquoi', sw: 'Tafuta sababu' },
  'task.chw-wellbeing.priority.high': { en: 'Urgent', fr: 'Urgent', sw: 'Dharura' },
  [`target.${TARGET.checkedIn}.title`]: { en: 'CHWs checked in this week', fr: 'ASC ayant répondu cette semaine', sw: 'Wahudumu waliojibu wiki hii' },
  [`target.${TARGET.referred}.title`]: { en: 'CHWs referred for support', fr: 'ASC orientés vers un soutien', sw: 'Wahudumu waliopewa rufaa ya msaada' },
  [`target.${TARGET.followedUp}.title`]: { en: 'Support referrals followed up', fr: 'Orientations vers un soutien suivies', sw: 'Rufaa za msaada zilizofuatiliwa' },
  'target.chw-wellbeing.subtitle.last-7-days': { en: 'Last 7 days', fr: '7 derniers jours', sw: 'Siku 7 zilizopita' },
  'target.chw-wellbeing.subtitle.this-month': { en: 'This month', fr: 'Ce mois-ci', sw: 'Mwezi huu' },
  [`${profile}.title`]: { en: 'Wellbeing check-ins', fr: 'Suivi du bien-être', sw: 'Ufuatiliaji wa ustawi' },
  [`${profile}.status`]: { en: 'Weekly check-in', fr: 'Suivi hebdomadaire', sw: 'Ufuatiliaji wa kila wiki' },
  [`${profile}.status.enrolled`]: { en: 'Enrolled', fr: 'Inscrit(e)', sw: 'Amesajiliwa' },
  [`${profile}.status.declined`]: { en: 'Not enrolled (no consent)', fr: 'Non inscrit(e) (pas de consentement)', sw: 'Hajasajiliwa (hakuna ridhaa)' },
  [`${profile}.last-check-in`]: { en: 'Last answered check-in', fr: 'Dernier suivi répondu', sw: 'Ufuatiliaji wa mwisho uliojibiwa' },
  [`${profile}.none`]: { en: 'None yet', fr: "Aucun pour l'instant", sw: 'Bado hakuna' },
  [`${profile}.symptoms`]: { en: 'COVID-19 symptoms', fr: 'Symptômes de la COVID-19', sw: 'Dalili za COVID-19' },
  [`${profile}.gad2`]: { en: 'Anxiety score (GAD-2)', fr: "Score d'anxiété (GAD-2)", sw: 'Alama ya wasiwasi (GAD-2)' },
  [`${profile}.phq2`]: { en: 'Mood score (PHQ-2)', fr: "Score d'humeur (PHQ-2)", sw: 'Alama ya hisia (PHQ-2)' },
  [`${profile}.not-scored`]: { en: 'Not scored', fr: 'Non calculé', sw: 'Haijapimwa' },
  [`${profile}.needs-support`]: { en: 'Needs psychosocial support', fr: 'Besoin de soutien psychosocial', sw: 'Anahitaji msaada wa kisaikolojia' },
  [`${profile}.counsellor`]: { en: 'Asked for a counsellor', fr: 'A demandé un conseiller', sw: 'Ameomba mshauri' },
  [`${profile}.yes`]: { en: 'Yes', fr: 'Oui', sw: 'Ndiyo' },
  [`${profile}.no`]: { en: 'No', fr: 'Non', sw: 'Hapana' },
  [`${profile}.last-week`]: { en: 'Last check-in', fr: 'Dernier suivi', sw: 'Ufuatiliaji wa mwisho' },
  [`${profile}.missed`]: { en: 'Missed', fr: 'Sans réponse', sw: 'Haukujibiwa' },
  [wellbeingRecord.titleKey]: { en: 'Weekly wellbeing check (SMS)', fr: 'Suivi hebdomadaire du bien-être (SMS)', sw: 'Ufuatiliaji wa kila wiki wa ustawi (SMS)' },
  [report('patient_id')]: { en: 'CHW', fr: 'ASC', sw: 'Mhudumu' },
  [report('rp_event_id')]: { en: 'RapidPro run', fr: 'Session RapidPro', sw: 'Kipindi cha RapidPro' },
  [report('answered')]: { en: 'Answered', fr: 'A répondu', sw: 'Amejibu' },
  [report('fever')]: { en: 'Fever', fr: 'Fièvre', sw: 'Homa' },
  [report('cough')]: { en: 'Cough', fr: 'Toux', sw: 'Kikohozi' },
  [report('difficulty_breathing')]: { en: 'Difficulty breathing', fr: 'Difficultés à respirer', sw: 'Shida ya kupumua' },
  [report('loss_taste_smell')]: { en: 'Loss of taste or smell', fr: "Perte du goût ou de l'odorat", sw: 'Kupoteza uwezo wa kuonja au kunusa' },
  [report('phq_anxious')]: { en: 'Nervous, anxious or on edge (0-3)', fr: 'Nervosité, anxiété ou tension (0-3)', sw: 'Wasiwasi, hofu au kutotulia (0-3)' },
  [report('phq_worry')]: { en: 'Cannot stop or control worrying (0-3)', fr: 'Inquiétudes incontrôlables (0-3)', sw: 'Kushindwa kudhibiti wasiwasi (0-3)' },
  [report('phq_interest')]: { en: 'Little interest or pleasure (0-3)', fr: "Peu d'intérêt ou de plaisir (0-3)", sw: 'Kukosa hamu au furaha (0-3)' },
  [report('phq_down')]: { en: 'Down, depressed or hopeless (0-3)', fr: 'Tristesse, déprime ou désespoir (0-3)', sw: 'Mnyonge, huzuni au kukata tamaa (0-3)' },
  [report('wants_counsellor')]: { en: 'Wants a counsellor', fr: 'Souhaite parler à un conseiller', sw: 'Anataka mshauri' },
};

export const WELLBEING_TRANSLATION_KEYS: string[] = Object.keys(WELLBEING_TRANSLATIONS);
