/**
 * The wellbeing card on a CHW's profile, for supervisors only.
 *
 * CHT evaluates the contact summary on the phone of whoever opens the profile, with the `cht`
 * script API of that user (the `user` global does not exist there). A CHW opening their own
 * profile lacks `can_supervise_wellbeing`, so the card, its scores and its context are simply not
 * produced: nothing sensitive reaches the CHW's screen, not even hidden.
 */
import { SummaryField, workflowSummary } from '../../kit/contact-summary';
import { ContactWithReports } from '../../kit/docs';
import { indexOf } from '../../kit/report-index';
import { chtApi } from '../../kit/runtime';
import { ID, enrollmentForm } from './model';
import { isEnrolled, latestAnsweredCheck, latestCheck, screen } from './state';

const PERMISSION = 'can_supervise_wellbeing';

export const summary = workflowSummary(ID, [
  'title', 'status', 'status.enrolled', 'status.declined', 'last-check-in', 'none', 'symptoms', 'gad2', 'phq2',
  'not-scored', 'needs-support', 'counsellor', 'yes', 'no', 'last-week', 'missed',
], (contact, reports, label) => {
  const api = chtApi();
  if (!api || !api.v1.hasPermissions(PERMISSION)) return {};
  const c: ContactWithReports = { contact, reports };
  const enrolment = indexOf(c).latest(enrollmentForm.id);
  if (!enrolment) return {};

  const enrolled = isEnrolled(c);
  const last = latestCheck(c);
  const lastAnswered = latestAnsweredCheck(c);
  const fields: SummaryField[] = [
    { label: label('status'), value: label(enrolled ? 'status.enrolled' : 'status.declined'), translate: true, width: 6 },
  ];
  if (enrolled) {
    fields.push({ label: label('last-check-in'), value: lastAnswered?.reported_date ?? label('none'), filter: lastAnswered ? 'simpleDate' : undefined, translate: !lastAnswered, width: 6 });
  }
  if (last && lastAnswered === last) {
    const result = screen(last);
    const yesNo = (flag: boolean) => label(flag ? 'yes' : 'no');
    fields.push(
      { label: label('symptoms'), value: yesNo(result.symptomatic), translate: true, width: 6 },
      { label: label('gad2'), value: result.gad2 ?? label('not-scored'), translate: result.gad2 === undefined, width: 3 },
      { label: label('phq2'), value: result.phq2 ?? label('not-scored'), translate: result.phq2 === undefined, width: 3 },
      { label: label('needs-support'), value: yesNo(result.needsSupport), translate: true, width: 6 },
      { label: label('counsellor'), value: yesNo(result.wantsCounsellor), translate: true, width: 6 },
    );
  } else if (last) {
    fields.push({ label: label('last-week'), value: label('missed'), translate: true, width: 6 });
  }

  return {
    cards: [{ label: label('title'), fields }],
    // lets the follow-up form (and others) know without reading the scores
    context: { chw_wellbeing_enrolled: enrolled },
  };
});
