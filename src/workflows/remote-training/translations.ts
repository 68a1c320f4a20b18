/** The CHT texts of remote-training: every translation key its rules show, in English, French and Swahili. */
import { KeysOf } from '../../phone/kit/keys';
import { Translations } from '../../phone/kit/locale';
import { rules } from '../../phone/workflows/remote-training';

export const translations: Translations<KeysOf<typeof rules>> = {
  "contact.profile.remote-training.answered": { en: "Questions answered", fr: "Questions répondues", sw: "Maswali yaliyojibiwa" },
  "contact.profile.remote-training.module": { en: "Module", fr: "Module", sw: "Moduli" },
  "contact.profile.remote-training.module.anc": { en: "Antenatal care (ANC)", fr: "Consultations prénatales (CPN)", sw: "Huduma kwa wajawazito (ANC)" },
  "contact.profile.remote-training.score": { en: "Score", fr: "Score", sw: "Alama" },
  "contact.profile.remote-training.status": { en: "Status", fr: "Statut", sw: "Hali" },
  "contact.profile.remote-training.status.completed": { en: "Completed", fr: "Terminée", sw: "Yamekamilika" },
  "contact.profile.remote-training.status.declined": { en: "Not started (no consent)", fr: "Non commencée (pas de consentement)", sw: "Hayajaanza (hakuna idhini)" },
  "contact.profile.remote-training.status.in-progress": { en: "In progress", fr: "En cours", sw: "Yanaendelea" },
  "contact.profile.remote-training.title": { en: "SMS training", fr: "Formation par SMS", sw: "Mafunzo kwa SMS" },
  "form.rp_training.title": { en: "SMS training answer", fr: "Réponse à la formation par SMS", sw: "Jibu la mafunzo kwa SMS" },
  "report.rp_training.answer": { en: "Answer", fr: "Réponse", sw: "Jibu" },
  "report.rp_training.correct": { en: "Correct", fr: "Correcte", sw: "Sahihi" },
  "report.rp_training.enrollment_id": { en: "Enrolment", fr: "Inscription", sw: "Usajili" },
  "report.rp_training.kind": { en: "Kind", fr: "Type", sw: "Aina" },
  "report.rp_training.module": { en: "Module", fr: "Module", sw: "Moduli" },
  "report.rp_training.patient_id": { en: "CHW", fr: "ASC", sw: "Mhudumu" },
  "report.rp_training.question_id": { en: "Question", fr: "Question", sw: "Swali" },
  "report.rp_training.rp_event_id": { en: "RapidPro event", fr: "Événement RapidPro", sw: "Tukio la RapidPro" },
  "report.rp_training.score": { en: "Score", fr: "Score", sw: "Alama" },
  "report.rp_training.topic": { en: "Topic", fr: "Thème", sw: "Mada" },
  "report.rp_training.total": { en: "Number of questions", fr: "Nombre de questions", sw: "Idadi ya maswali" },
  "target.remote-training-answers-correct.title": { en: "Training answers correct", fr: "Bonnes réponses à la formation", sw: "Majibu sahihi ya mafunzo" },
  "target.remote-training-completed.title": { en: "CHWs who completed the SMS training", fr: "ASC ayant terminé la formation par SMS", sw: "Wahudumu waliomaliza mafunzo ya SMS" },
  "target.remote-training-enrolled.title": { en: "CHWs enrolled in SMS training", fr: "ASC inscrits à la formation par SMS", sw: "Wahudumu waliosajiliwa kwenye mafunzo ya SMS" },
  "target.remote-training-follow-ups-done.title": { en: "Wrong answers followed up", fr: "Mauvaises réponses suivies", sw: "Majibu yasiyo sahihi yaliyofuatiliwa" },
  "task.remote-training-not-completed.title": { en: "CHW has not finished the SMS training", fr: "L'ASC n'a pas terminé la formation par SMS", sw: "Mhudumu hajamaliza mafunzo ya SMS" },
  "task.remote-training-wrong-answer.title": { en: "Coach CHW on a wrong training answer", fr: "Accompagner l'ASC après une mauvaise réponse", sw: "Msaidie mhudumu kuhusu jibu lisilo sahihi" },
};
