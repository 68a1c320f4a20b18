/** CHT 4.11 declarative target schema, typed after cht-conf 6's `validate-declarative-schema.js`. */
import { ContactWithReports, ReportDoc } from './docs';

type Predicate = (c: ContactWithReports, report?: ReportDoc) => boolean;

export interface DhisMapping {
  dataSet?: string;
  dataElement: string;
}

interface TargetBase {
  id: string;
  icon?: string;
  translation_key?: string;
  subtitle_translation_key?: string;
  percentage_count_translation_key?: string;
  /** An expression on `user` deciding who sees the target, e.g. "user.role === 'chw_supervisor'". */
  context?: string;
  appliesTo: 'contacts' | 'reports';
  appliesToType?: [string, ...string[]];
  appliesIf?: Predicate;
  date?: 'reported' | 'now' | ((c: ContactWithReports, report?: ReportDoc) => number | undefined);
  idType?: 'report' | 'contact' | ((c: ContactWithReports, report?: ReportDoc) => string | string[]);
  emitCustom?: (emit: (type: string, value: unknown) => void, instance: unknown, c: ContactWithReports, report?: ReportDoc) => void;
  dhis?: DhisMapping | DhisMapping[];
  visible?: boolean;
  aggregate?: boolean;
  limit_count_to_goal?: boolean;
}

/** A count: how many instances pass `appliesIf`. `goal` -1 means no goal. */
export interface CountTarget extends TargetBase {
  type: 'count';
  goal: number;
  passesIf?: never;
  groupBy?: never;
  passesIfGroupCount?: never;
}

/** A percentage: of the instances that apply, how many pass. `goal` is -1..100. */
export interface PercentTarget extends TargetBase {
  type: 'percent';
  goal: number;
  passesIf: Predicate;
  groupBy?: never;
  passesIfGroupCount?: never;
}

/** Instances grouped (e.g. by contact); a group passes with at least `gte` passing instances. */
export interface GroupedTarget extends TargetBase {
  type: 'count' | 'percent';
  goal: number;
  groupBy: (c: ContactWithReports, report?: ReportDoc) => string;
  passesIfGroupCount: { gte: number };
  passesIf?: never;
}

export type TargetDefinition = CountTarget | PercentTarget | GroupedTarget;
