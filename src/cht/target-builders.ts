/**
 * Builders for targets over RapidPro answer records and the forms that follow them up. They return
 * plain CHT target definitions; lookups use the shared per-contact index.
 */
import { Audience, inAudience } from './audience';
import { ContactWithReports, ReportDoc } from './docs';
import { indexOf } from './report-index';
import { CountTarget, GroupedTarget, PercentTarget } from './targets';

const HOUR = 60 * 60 * 1000;

interface TargetLabels {
  id: string;
  icon?: string;
  /** Translation key of the target title. */
  translation_key: string;
  subtitle_translation_key?: string;
  goal?: number;
  audience?: Audience;
  /** Count this period only ('reported'), or always the current state ('now'). */
  date?: 'reported' | 'now';
}

/** Counts contacts (one instance per contact) for which `when` holds, e.g. "contacts under monitoring". */
export function contactCountTarget(options: TargetLabels & {
  contactTypes: [string, ...string[]];
  when: (c: ContactWithReports) => boolean;
}): CountTarget {
  return {
    ...labels(options),
    type: 'count',
    goal: options.goal ?? -1,
    appliesTo: 'contacts',
    appliesToType: options.contactTypes,
    appliesIf: (c) => inAudience(options.audience, c) && options.when(c),
    idType: 'contact',
    date: options.date ?? 'now',
  };
}

/** Of the contacts for which `of` holds, the percentage for which `passes` holds. */
export function contactPercentTarget(options: TargetLabels & {
  contactTypes: [string, ...string[]];
  of: (c: ContactWithReports) => boolean;
  passes: (c: ContactWithReports) => boolean;
}): PercentTarget {
  return {
    ...labels(options),
    type: 'percent',
    goal: options.goal ?? 100,
    appliesTo: 'contacts',
    appliesToType: options.contactTypes,
    appliesIf: (c) => inAudience(options.audience, c) && options.of(c),
    passesIf: (c) => options.passes(c),
    idType: 'contact',
    date: options.date ?? 'now',
  };
}

/** Counts records of a form for which `when` holds (one instance per record). */
export function recordCountTarget(options: TargetLabels & {
  record: string;
  when?: (report: ReportDoc, c: ContactWithReports) => boolean;
}): CountTarget {
  return {
    ...labels(options),
    type: 'count',
    goal: options.goal ?? -1,
    appliesTo: 'reports',
    appliesToType: [options.record],
    appliesIf: (c, report) => !!report && inAudience(options.audience, c) && (!options.when || options.when(report, c)),
    idType: 'report',
    date: options.date ?? 'reported',
  };
}

/** Of the records for which `of` holds, the percentage for which `passes` holds (e.g. % answered). */
export function recordPercentTarget(options: TargetLabels & {
  record: string;
  of?: (report: ReportDoc, c: ContactWithReports) => boolean;
  passes: (report: ReportDoc, c: ContactWithReports) => boolean;
}): PercentTarget {
  return {
    ...labels(options),
    type: 'percent',
    goal: options.goal ?? 100,
    appliesTo: 'reports',
    appliesToType: [options.record],
    appliesIf: (c, report) => !!report && inAudience(options.audience, c) && (!options.of || options.of(report, c)),
    passesIf: (c, report) => !!report && options.passes(report, c),
    idType: 'report',
    date: options.date ?? 'reported',
  };
}

/**
 * Of the records that raise a follow-up, the percentage followed up by `actionForm` within
 * `withinHours` (e.g. "symptomatic contacts followed up within 24 h").
 */
export function followUpTarget(options: TargetLabels & {
  record: string;
  when: (report: ReportDoc, c: ContactWithReports) => boolean;
  actionForm: string;
  withinHours?: number;
}): PercentTarget {
  const within = (options.withinHours ?? Infinity) * HOUR;
  return recordPercentTarget({
    ...options,
    of: options.when,
    passes: (report, c) => !!indexOf(c).firstAfter(options.actionForm, report.reported_date, undefined, report.reported_date + within),
  });
}

/**
 * A percentage over contacts where each contact contributes its records, and a contact passes with
 * at least `gte` passing records (CHT's `groupBy` + `passesIfGroupCount`).
 */
export function groupedRecordTarget(options: TargetLabels & {
  record: string;
  type: 'count' | 'percent';
  when?: (report: ReportDoc, c: ContactWithReports) => boolean;
  gte: number;
}): GroupedTarget {
  return {
    ...labels(options),
    type: options.type,
    goal: options.goal ?? (options.type === 'percent' ? 100 : -1),
    appliesTo: 'reports',
    appliesToType: [options.record],
    appliesIf: (c, report) => !!report && inAudience(options.audience, c) && (!options.when || options.when(report, c)),
    groupBy: (c) => c.contact._id,
    passesIfGroupCount: { gte: options.gte },
    idType: 'report',
    date: options.date ?? 'reported',
  };
}

function labels(options: TargetLabels): Pick<CountTarget, 'id' | 'icon' | 'translation_key' | 'subtitle_translation_key'> {
  return {
    id: options.id,
    icon: options.icon,
    translation_key: options.translation_key,
    subtitle_translation_key: options.subtitle_translation_key,
  };
}
