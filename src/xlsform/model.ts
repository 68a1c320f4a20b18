/**
 * A typed model of an XLSForm workbook (survey / choices / settings), as app builders edit it in
 * Excel. Row numbers are the sheet's own (1-based, header included) so messages can point at the
 * cell an app builder has to open.
 */

/** One non-empty row of a sheet: the header's column names → the cell's text, and its row number. */
export interface SheetRow {
  /** The row number Excel shows (the header is usually row 1). */
  row: number;
  cells: Readonly<Record<string, string>>;
}

export type SurveyKind = 'begin group' | 'end group' | 'begin repeat' | 'end repeat' | 'field';

/** A `survey` row with its position in the group tree resolved. */
export interface SurveyRow extends SheetRow {
  /** The `type` cell, trimmed, e.g. `select_one yes_no`, `begin group`. */
  type: string;
  kind: SurveyKind;
  name: string;
  /**
   * Path below the report's `fields`: group and repeat names joined by dots, e.g.
   * `quarantine.start_date`. Empty for `end group` / `end repeat` rows.
   */
  path: string;
  /** Paths of the enclosing groups and repeats, outermost first. */
  ancestors: string[];
  relevant: string;
  required: string;
  constraint: string;
  choiceFilter: string;
  /** The choice list of a `select_one` / `select_multiple` row. */
  choiceList?: string;
}

export interface ChoiceRow extends SheetRow {
  list: string;
  name: string;
}

export interface XlsForm {
  /** Path of the workbook, as given to the reader. */
  file: string;
  survey: SurveyRow[];
  /** The survey sheet's column names (e.g. `label::fr`). */
  surveyColumns: string[];
  choices: ChoiceRow[];
  choiceColumns: string[];
  /** Choice list name → its rows. */
  choiceLists: Map<string, ChoiceRow[]>;
  /** `settings.form_id`, empty when absent. */
  formId: string;
  /** The row of `form_id`'s value in the settings sheet (for messages). */
  formIdRow?: number;
  /** Every field, group and repeat path → its survey row. */
  paths: Map<string, SurveyRow>;
}

/** A workbook that cannot be read as an XLSForm: one clear sentence for the app builder. */
export class XlsFormError extends Error {
  override name = 'XlsFormError';
  constructor(readonly file: string, readonly what: string, readonly fix: string, readonly place?: string) {
    super(`${what} — ${fix}`);
  }
}
