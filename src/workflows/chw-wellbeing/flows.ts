/**
 * The RapidPro side: an enrolment flow (started by the outbound push), a weekly campaign, and the
 * weekly check flow that asks the questions and posts one `RP_WELLBEING` record.
 *
 * Scheduling: the enrolment form computes the date of the first check (the next occurrence of the
 * CHW's chosen weekday, 1 to 7 days ahead) and the flow saves it in `wellbeing_start`; the campaign
 * starts the weekly flow 52 times, one week apart, at 09:00 from that date. Re-enrolling (a new push) moves the date
 * and so the whole schedule. The campaign skips a week rather than interrupt a CHW who is in
 * another flow at that moment (e.g. an SMS training): that week then has no record, which the
 * "checked in this week" target shows.
 */
import { addToGroups, setContactField, setContactLanguage, setRunResult } from '../../rapidpro/flow/actions';
import { FlowBuilder } from '../../rapidpro/flow/builder';
import { CampaignBuilder } from '../../rapidpro/flow/campaign';
import { hasAnyWord, hasNumberEq, hasOnlyText } from '../../rapidpro/flow/cases';
import { contactField, contactGroup } from '../../rapidpro/flow/fields';
import { exportOf } from '../../rapidpro/export';
import { FieldDefinition, GroupDefinition, RapidProExport } from '../../rapidpro/flow/types';
import { MSG, WORDS } from './messages';
import { weeklyCheckPost } from './record';
import { CAMPAIGN_NAME, CATEGORY, ENROLMENT_FLOW_NAME, FIELD, GROUP_NAME, PARAM, RESULT, WEEKLY_FLOW_NAME } from './results';

const LANGUAGES = { language: 'eng', localizations: ['fra', 'swa'] } as const;
const HOUR = 3600;
/** The CHW has a day to start answering; after that the week counts as missed. */
const FIRST_ANSWER_WAIT = 24 * HOUR;
/** Once started, each further question waits half a day, so a run always ends well before it expires. */
const NEXT_ANSWER_WAIT = 12 * HOUR;

export interface WellbeingFlows {
  fields: Record<'chtContactId' | 'enrollmentId' | 'supervisorPhone' | 'firstCheck', FieldDefinition>;
  group: GroupDefinition;
  enrolmentFlow: FlowBuilder;
  weeklyFlow: FlowBuilder;
  weeklyCampaign: CampaignBuilder;
}

let built: WellbeingFlows | undefined;

/**
 * Built on first use, never at module load: the rules bundle cht-conf ships to phones imports this
 * workflow module, and deriving UUIDs there would need Node's crypto and Buffer.
 */
export function wellbeingFlows(): WellbeingFlows {
  built ??= build();
  return built;
}

export function wellbeingExport(): RapidProExport {
  const { enrolmentFlow, weeklyFlow, weeklyCampaign, fields, group } = wellbeingFlows();
  return exportOf([enrolmentFlow, weeklyFlow], [weeklyCampaign], Object.values(fields), [group]);
}

function build(): WellbeingFlows {
  const fields = {
    chtContactId: contactField(FIELD.chtContactId.key, FIELD.chtContactId.name),
    enrollmentId: contactField(FIELD.enrollmentId.key, FIELD.enrollmentId.name),
    supervisorPhone: contactField(FIELD.supervisorPhone.key, FIELD.supervisorPhone.name),
    firstCheck: contactField(FIELD.firstCheck.key, FIELD.firstCheck.name, 'datetime'),
  };

  const group = contactGroup(GROUP_NAME);

  const param = (key: string): string => `@trigger.params.${key}`;

  const enrolmentFlow = new FlowBuilder({ name: ENROLMENT_FLOW_NAME, key: 'chw-wellbeing-enrolment', ...LANGUAGES, expireAfterMinutes: 60 })
    .actions('enrol', [
      // CHT languages (en, fr, sw) to RapidPro's ISO 639-3 codes
      setContactLanguage(`@(if(trigger.params.${PARAM.language} = "fr", "fra", if(trigger.params.${PARAM.language} = "sw", "swa", "eng")))`),
      setContactField(fields.chtContactId, param(PARAM.chtContactId)),
      setContactField(fields.enrollmentId, param(PARAM.enrollmentId)),
      setContactField(fields.supervisorPhone, param(PARAM.supervisorPhone)),
      setContactField(fields.firstCheck, param(PARAM.firstCheck)),
      addToGroups(group),
    ], { next: 'welcome' })
    .send('welcome', MSG.welcome);

  type Step = { key: string; result: string; text: (typeof MSG)[keyof typeof MSG]; wait: number };

  function yesNo(flow: FlowBuilder, step: Step, next: string): FlowBuilder {
    return flow
      .send(`ask_${step.key}`, step.text, { next: step.key })
      .waitForReply(step.key, {
        resultName: step.result,
        cases: [
          { test: hasAnyWord(WORDS.yes), category: CATEGORY.yes },
          { test: hasAnyWord(WORDS.no), category: CATEGORY.no },
        ],
        timeout: { seconds: step.wait, category: CATEGORY.noResponse },
        routes: { Yes: next, No: next, Other: `help_${step.key}`, 'No Response': 'close' },
      })
      .send(`help_${step.key}`, MSG.helpYesNo, { next: step.key });
  }

  /** A PHQ-4 item: only 0, 1, 2 or 3 is a score; anything else is asked again. */
  function phqItem(flow: FlowBuilder, step: Step, next: string): FlowBuilder {
    return flow
      .send(`ask_${step.key}`, step.text, { next: step.key })
      .waitForReply(step.key, {
        resultName: step.result,
        cases: [0, 1, 2, 3].map((score) => ({ test: hasNumberEq(score), category: CATEGORY.score })),
        timeout: { seconds: step.wait, category: CATEGORY.noResponse },
        routes: { Score: next, Other: `help_${step.key}`, 'No Response': 'close' },
      })
      .send(`help_${step.key}`, MSG.helpScore, { next: step.key });
  }

  const weekly = new FlowBuilder({ name: WEEKLY_FLOW_NAME, key: 'chw-wellbeing-weekly', ...LANGUAGES, expireAfterMinutes: 10080 })
    // every value the webhook sends must be a run result, so sync can rebuild the record from runs.json
    .actions('start', [setRunResult(RESULT.chtContactId, `@fields.${FIELD.chtContactId.key}`)], { next: 'ask_fever' });
  yesNo(weekly, { key: 'fever', result: RESULT.fever, text: MSG.fever, wait: FIRST_ANSWER_WAIT }, 'ask_cough');
  yesNo(weekly, { key: 'cough', result: RESULT.cough, text: MSG.cough, wait: NEXT_ANSWER_WAIT }, 'ask_breathing');
  yesNo(weekly, { key: 'breathing', result: RESULT.breathing, text: MSG.breathing, wait: NEXT_ANSWER_WAIT }, 'ask_taste_smell');
  yesNo(weekly, { key: 'taste_smell', result: RESULT.tasteSmell, text: MSG.tasteSmell, wait: NEXT_ANSWER_WAIT }, 'ask_anxious');
  phqItem(weekly, { key: 'anxious', result: RESULT.anxious, text: MSG.anxious, wait: NEXT_ANSWER_WAIT }, 'ask_worry');
  phqItem(weekly, { key: 'worry', result: RESULT.worry, text: MSG.worry, wait: NEXT_ANSWER_WAIT }, 'ask_interest');
  phqItem(weekly, { key: 'interest', result: RESULT.interest, text: MSG.interest, wait: NEXT_ANSWER_WAIT }, 'ask_down');
  phqItem(weekly, { key: 'down', result: RESULT.down, text: MSG.down, wait: NEXT_ANSWER_WAIT }, 'ask_counsellor');
  yesNo(weekly, { key: 'counsellor', result: RESULT.counsellor, text: MSG.counsellor, wait: NEXT_ANSWER_WAIT }, 'close');

  const anySymptom = [RESULT.fever, RESULT.cough, RESULT.breathing, RESULT.tasteSmell]
    .map((result) => `results.${result}.category = "${CATEGORY.yes}"`).join(', ');

  const weeklyFlow = weekly
    // answered, partly answered or missed: every run ends here and posts exactly one record
    .actions('close', [setRunResult(RESULT.closed, 'yes')], { next: 'post' })
    .callWebhook('post', {
      ...weeklyCheckPost.webhook(),
      resultName: 'cht_record',
      // a failed post is not retried by RapidPro; `cht-rapidpro sync` rebuilds it from the run
      routes: { Success: 'answered', Failure: 'answered' },
    })
    .split('answered', {
      operand: `@results.${RESULT.fever}.category`,
      cases: [{ test: hasOnlyText(CATEGORY.noResponse), category: 'Missed' }],
      other: 'Answered',
      routes: { Answered: 'symptoms' },
    })
    .split('symptoms', {
      operand: `@(or(${anySymptom}))`,
      cases: [{ test: hasOnlyText('true'), category: 'Symptoms' }],
      other: 'None',
      routes: { Symptoms: 'isolation', None: 'wants_counsellor' },
    })
    .send('isolation', MSG.isolation, { next: 'wants_counsellor' })
    .split('wants_counsellor', {
      operand: `@results.${RESULT.counsellor}.category`,
      cases: [{ test: hasOnlyText(CATEGORY.yes), category: 'Counsellor' }],
      other: 'No Counsellor',
      routes: { Counsellor: 'counsellor_coming', 'No Counsellor': 'thanks' },
    })
    .send('counsellor_coming', MSG.counsellorComing)
    .send('thanks', MSG.thanks);

  const weeklyCampaign = new CampaignBuilder({ key: 'chw-wellbeing-weekly', name: CAMPAIGN_NAME, group })
    .repeat({ flow: weeklyFlow, relativeTo: fields.firstCheck, every: 'week', times: 52, deliveryHour: 9, startMode: 'S' });

  return { fields, group, enrolmentFlow, weeklyFlow, weeklyCampaign };
}
