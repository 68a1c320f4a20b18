/**
 * A declared app form (XLSForm in `forms/app/<id>.xlsx`) and the field paths the TypeScript side
 * reads from its reports. Declaring the paths once lets outbound mappings, tasks and contact
 * summaries be type-checked, and lets `cht-rapidpro check` prove each path exists in the XLSForm.
 */
import { ReportDoc } from './docs';
import { dateField, numberField, readField, textField } from './fields';

export interface AppForm<P extends string = string> {
  /** The form id: the XLSForm file name and `settings.form_id`. */
  readonly id: string;
  /** Paths below `fields` (groups joined with dots), e.g. `quarantine.start_date`. */
  readonly paths: readonly P[];
  /** `doc.fields.<path>`: the form of a path that outbound mappings use. */
  docPath(path: P): string;
  read(report: ReportDoc | undefined, path: P): unknown;
  text(report: ReportDoc | undefined, path: P): string;
  number(report: ReportDoc | undefined, path: P): number | undefined;
  date(report: ReportDoc | undefined, path: P): number | undefined;
}

/** Declares an app form and the paths the code reads from it. */
export function appForm<const P extends string>(id: string, paths: readonly P[]): AppForm<P> {
  return {
    id,
    paths,
    docPath: (path) => `doc.fields.${path}`,
    read: (report, path) => readField(report, path),
    text: (report, path) => textField(report, path),
    number: (report, path) => numberField(report, path),
    date: (report, path) => dateField(report, path),
  };
}
