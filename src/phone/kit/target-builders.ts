/**
 * Builders for targets over RapidPro answer records and the forms that follow them up. They return
 * plain CHT target definitions whose title is `target.<id>.title` and whose subtitle is the shared
 * `target.period.<period>` (./keys.ts); lookups use the shared per-contact index.
 *
 * Every target has an audience: its `context` (what CHT 4.11 evaluates to show the tile, with only
 * `user` in scope) is written from the audience's roles, and its instances are only counted on the
 * phones of those users. Report targets skip second copies of a RapidPro answer (same
 * `rp_event_id`), so a duplicated record never adds an instance. Like the task builders, the
 * definitions are built once per rules-engine start and allocate nothing per call (no spreads, no
 * closures per call).
 */
import { AppForm } from './app-form';
import { Audience, countsFor, forContact, targetContext, withAudience } from './audience';
import { ContactWithReports, ReportDoc } from './docs';
import { Keyed, TargetPeriod, targetKey, targetPeriodKey } from './keys';
import { RecordForm } from './record';
import { indexOf } from './report-index';
import { CountTarget, GroupedTarget, PercentTarget, TargetDefinition } from './targets';
import { HOUR } from './time';

/** A form whose reports a target counts: an app form or a record form. */
export type CountedForm = AppForm | RecordForm;

const formCode = (form: CountedForm): string => (form instanceof RecordForm ? form.code : form.id);

/** A target definition carrying its title key in its type. */
export type BuiltTarget<I extends string, T extends TargetDefinition = TargetDefinition> = T & Keyed<`target.${I}.title`>;

interface TargetLabels<I extends string> {
  id: I;
  icon?: string;
  /** The period the figure covers, shown as the subtitle. */
  period?: TargetPeriod;
  goal?: number;
  /** Who sees the target: the tile is shown to exactly these roles (its `context`). */
  audience: Audience;
  /** Count this period only ('reported'), or always the current state ('now'). */
  date?: 'reported' | 'now';
}

/** Counts contacts (one instance per contact) for which `when` holds, e.g. "contacts under monitoring". */
export function contactCountTarget<const I extends string>(options: TargetLabels<I> & {
  contactTypes: [string, ...string[]];
  when: (c: ContactWithReports) => boolean;
}): BuiltTarget<I, CountTarget> {
  return target(options, 'count', options.contactTypes, ofContacts(options.audience, options.when));
}

/** Of the contacts for which `of` holds, the percentage for which `passes` holds. */
export function contactPercentTarget<const I extends string>(options: TargetLabels<I> & {
  contactTypes: [string, ...string[]];
  of: (c: ContactWithReports) => boolean;
  passes: (c: ContactWithReports) => boolean;
}): BuiltTarget<I, PercentTarget> {
  return target(options, 'percent', options.contactTypes, ofContacts(options.audience, options.of), options.passes);
}

/** Counts reports of a form for which `when` holds (one instance per report). */
export function recordCountTarget<const I extends string>(options: TargetLabels<I> & {
  record: CountedForm;
  when?: (report: ReportDoc, c: ContactWithReports) => boolean;
}): BuiltTarget<I, CountTarget> {
  return target(options, 'count', undefined, ofReports(options.audience, options.when));
}

/** Of the reports for which `of` holds, the percentage for which `passes` holds (e.g. % answered). */
export function recordPercentTarget<const I extends string>(options: TargetLabels<I> & {
  record: CountedForm;
  of?: (report: ReportDoc, c: ContactWithReports) => boolean;
  passes: (report: ReportDoc, c: ContactWithReports) => boolean;
}): BuiltTarget<I, PercentTarget> {
  const passes = options.passes;
  return target(options, 'percent', undefined, ofReports(options.audience, options.of), (c, report) => !!report && passes(report, c));
}

/**
 * Of the records that raise a follow-up, the percentage followed up by `actionForm` within
 * `withinHours` (e.g. "symptomatic contacts followed up within 24 h").
 */
export function followUpTarget<const I extends string>(options: TargetLabels<I> & {
  record: CountedForm;
  when: (report: ReportDoc, c: ContactWithReports) => boolean;
  actionForm: AppForm;
  withinHours?: number;
}): BuiltTarget<I, PercentTarget> {
  const within = (options.withinHours ?? Infinity) * HOUR;
  const form = options.actionForm.id;
  return recordPercentTarget({
    id: options.id,
    icon: options.icon,
    period: options.period,
    goal: options.goal,
    audience: options.audience,
    date: options.date,
    record: options.record,
    of: options.when,
    passes: (report, c) => !!indexOf(c).firstAfter(form, report.reported_date, undefined, report.reported_date + within),
  });
}

/**
 * A figure over contacts where each contact contributes its records, and a contact passes with
 * at least `gte` passing records (CHT's `groupBy` + `passesIfGroupCount`).
 */
export function groupedRecordTarget<const I extends string>(options: TargetLabels<I> & {
  record: CountedForm;
  type: 'count' | 'percent';
  when?: (report: ReportDoc, c: ContactWithReports) => boolean;
  gte: number;
}): BuiltTarget<I, GroupedTarget> {
  const grouped = target<I, GroupedTarget>(options, options.type, undefined, ofReports(options.audience, options.when));
  grouped.groupBy = contactIdOf;
  grouped.passesIfGroupCount = { gte: options.gte };
  return grouped;
}

/**
 * A target as every builder shapes it: over the contacts of `contactTypes` (one instance per
 * contact, dated now by default) or else over the reports of the options' `record` (one per report,
 * dated when reported); its labels and context derived from its id, period and audience, and its
 * audience recorded.
 */
function target<I extends string, T extends TargetDefinition>(
  options: TargetLabels<I> & { record?: CountedForm },
  type: 'count' | 'percent',
  contactTypes: [string, ...string[]] | undefined,
  appliesIf: NonNullable<TargetDefinition['appliesIf']>,
  passesIf?: PercentTarget['passesIf'],
): BuiltTarget<I, T> {
  const contacts = !!contactTypes;
  const definition = {
    id: options.id,
    type,
    icon: options.icon,
    goal: options.goal ?? (type === 'percent' ? 100 : -1),
    translation_key: targetKey(options.id),
    subtitle_translation_key: options.period ? targetPeriodKey(options.period) : undefined,
    context: targetContext(options.audience),
    appliesTo: contacts ? 'contacts' : 'reports',
    appliesToType: contactTypes ?? [formCode(options.record as CountedForm)],
    appliesIf,
    passesIf,
    idType: contacts ? 'contact' : 'report',
    date: options.date ?? (contacts ? 'now' : 'reported'),
  };
  return withAudience(definition as unknown as BuiltTarget<I, T>, options.audience);
}

/** A contact target's `appliesIf`: the target applies to the contact (`notAboutSelf`), and `when`. */
function ofContacts(audience: Audience, when: (c: ContactWithReports) => boolean): (c: ContactWithReports) => boolean {
  return (c) => forContact(audience, c) && when(c);
}

/** A report target's `appliesIf`: the first copy of the report, about a contact the target applies to, and `when`. */
function ofReports(audience: Audience, when?: (report: ReportDoc, c: ContactWithReports) => boolean): (c: ContactWithReports, report?: ReportDoc) => boolean {
  return (c, report) => countsFor(audience, c, report) && (!when || when(report, c));
}

const contactIdOf = (c: ContactWithReports): string => c.contact._id;
