/** Contact summary (`contact-summary.templated.js`) types, after cht-conf's contact-summary emitter. */
import { ContactDoc, ReportDoc } from './docs';

export interface SummaryField {
  label: string;
  /** Text, a number, or what the filter expects (e.g. the lineage array for `lineage`). */
  value: unknown;
  appliesToType?: string | string[];
  appliesIf?: (contact: ContactDoc, report?: ReportDoc) => boolean;
  filter?: 'age' | 'phone' | 'relativeDay' | 'simpleDate' | 'dateOfDeath' | 'weeksPregnant' | 'lineage' | 'resourceIcon' | 'translate';
  translate?: boolean;
  context?: Record<string, unknown>;
  icon?: string;
  width?: 3 | 4 | 6 | 12;
}

export interface SummaryCard {
  label: string;
  appliesToType?: string | string[];
  appliesIf?: (contact: ContactDoc, report?: ReportDoc) => boolean;
  modifyContext?: (context: Record<string, unknown>) => void;
  fields: SummaryField[];
}

/** What `contact-summary.templated.js` exports. `context` is readable in forms as `instance('contact-summary')/context/…`. */
export interface ContactSummary {
  fields: SummaryField[];
  cards: SummaryCard[];
  context: Record<string, unknown>;
}
