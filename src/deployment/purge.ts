/**
 * What a phone keeps, and for how long: the purge rules, declared per role against the record and
 * app forms, and the generated `purge.js` cht-conf compiles into `app_settings.purge`.
 *
 * How CHT 4.11 purges (sentinel `src/lib/purging.js`, `src/schedule/purging.js`): on the schedule
 * (`cron`), sentinel groups every contact with the reports about it and the messages it sent or
 * received, and calls `fn(userCtx, contact, reports, messages, chtDatasource, permissions)` once per
 * distinct set of roles of the offline users, with `userCtx = { roles }` only (no user, no place).
 * The ids it returns (of that group) are recorded in that role set's purge database; the API then
 * leaves them out of those users' replication and deletes them from their phones at the next sync
 * (`api/src/services/replication.js`). Reports without a subject and unallocated docs are passed one
 * at a time with an empty contact. Online users are never purged. The function reaches CHT as text
 * (cht-conf calls `fn.toString()`; sentinel `eval`s it), so it must not close over anything: the
 * policy is written into its body.
 *
 * The rule: a doc is purged for a user only when every role of the user purges it. A role the
 * policy does not name keeps everything.
 */
import { symptomsRecord } from '../phone/workflows/contact-tracing/model';
import { enrollmentForm as wellbeingEnrollmentForm, followUpForm as wellbeingFollowUpForm, wellbeingRecord } from '../phone/workflows/chw-wellbeing/model';
import { ROLES } from './roles';

/** How long a role's phones keep the reports of one form (by `reported_date`); 0: never. */
export interface Retention {
  keepDays: number;
  why: string;
}

export type RolePurge =
  /** Nothing the role could replicate is kept (contacts, reports, messages). */
  | { everything: true; why: string }
  /** Per form code (`RP_…`) or app form id; forms not listed are kept. */
  | { forms: Readonly<Record<string, Retention>> };

export interface PurgePolicy {
  roles: Readonly<Record<string, RolePurge>>;
  /** When sentinel runs the purge (a cron expression in the server's time zone). */
  cron: string;
}

/** What the quarantine rules read at most: this month's targets (≤ 31 days) and tasks that close within days of a ≤ 21-day quarantine. */
export const SYMPTOMS_KEEP_DAYS = 60;
/** What the supervisor's wellbeing rules read at most: two missed weeks, this month's targets, follow-ups within 7 days; one quarter kept. */
export const WELLBEING_KEEP_DAYS = 92;

export const PURGE_POLICY: PurgePolicy = {
  cron: '0 2 * * *',
  roles: {
    [ROLES.chw]: {
      forms: {
        [symptomsRecord.code]: { keepDays: SYMPTOMS_KEEP_DAYS, why: 'up to 21 daily check-ins per traced contact; older than any task window or this month\'s targets' },
        [wellbeingRecord.code]: { keepDays: 0, why: 'a CHW\'s own PHQ-4 answers: no CHW rule reads them (tasks, targets and card are the supervisor\'s)' },
        [wellbeingEnrollmentForm.id]: { keepDays: 0, why: 'the supervisor\'s enrolment of the CHW: read by supervisor rules only' },
        [wellbeingFollowUpForm.id]: { keepDays: 0, why: 'the supervisor\'s follow-up about the CHW: read by supervisor rules only' },
      },
    },
    [ROLES.supervisor]: {
      forms: {
        [wellbeingRecord.code]: { keepDays: WELLBEING_KEEP_DAYS, why: 'one record a week per CHW; the rules read the last two weeks and this month' },
      },
    },
    [ROLES.webhook]: { everything: true, why: 'the integration user only posts records: whatever its place holds never reaches it' },
  },
};

/** The purge function as CHT receives it: self-contained, the policy in its body. */
export function purgeFunctionSource(policy: PurgePolicy): string {
  const compact: Record<string, true | Record<string, number>> = {};
  for (const [role, rule] of Object.entries(policy.roles)) {
    compact[role] = 'everything' in rule ? true : Object.fromEntries(Object.entries(rule.forms).map(([form, retention]) => [form, retention.keepDays]));
  }
  return [
    'function purge(userCtx, contact, reports, messages) {',
    '  // Generated from src/deployment/purge.ts. Per role: true purges everything; otherwise form -> days kept (0: none).',
    `  var POLICY = ${JSON.stringify(compact)};`,
    '  var DAY = 24 * 60 * 60 * 1000;',
    '  var now = Date.now();',
    '  var roles = (userCtx && userCtx.roles) || [];',
    '  if (!roles.length) { return []; }',
    '  var purgedByRole = function (role, doc, isReport) {',
    '    var rule = POLICY[role];',
    '    if (rule === true) { return true; }',
    '    if (!rule || !isReport || !doc || !Object.prototype.hasOwnProperty.call(rule, doc.form)) { return false; }',
    '    return !(typeof doc.reported_date === \'number\' && now - doc.reported_date < rule[doc.form] * DAY);',
    '  };',
    '  var purged = function (doc, isReport) {',
    '    for (var i = 0; i < roles.length; i++) { if (!purgedByRole(roles[i], doc, isReport)) { return false; } }',
    '    return true;',
    '  };',
    '  var ids = [];',
    '  if (contact && contact._id && purged(contact, false)) { ids.push(contact._id); }',
    '  (reports || []).forEach(function (doc) { if (doc && doc._id && purged(doc, true)) { ids.push(doc._id); } });',
    '  (messages || []).forEach(function (doc) { if (doc && doc._id && purged(doc, false)) { ids.push(doc._id); } });',
    '  return ids;',
    '}',
  ].join('\n');
}

/** `purge.js`: what cht-conf's `compile-app-settings` reads into `app_settings.purge`. */
export function purgeModule(policy: PurgePolicy = PURGE_POLICY): string {
  return [
    '// Generated by `cht-rapidpro build` from src/deployment/purge.ts: do not edit.',
    '// cht-conf compiles it into app_settings.purge; CHT\'s sentinel runs it on the cron schedule.',
    'module.exports = {',
    `  cron: ${JSON.stringify(policy.cron)},`,
    // not re-indented: CHT receives this text exactly as purgeFunctionSource writes it
    `  fn: ${purgeFunctionSource(policy)},`,
    '};',
    '',
  ].join('\n');
}
