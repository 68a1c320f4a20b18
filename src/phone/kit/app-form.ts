/**
 * A declared app form (XLSForm in `forms/app/<id>.xlsx`) and the field paths the TypeScript side
 * reads from its reports. Declaring the paths once lets outbound mappings, tasks and contact
 * summaries be type-checked, and lets `cht-rapidpro check` prove each path exists in the XLSForm.
 *
 * The `inputs.<name>` paths are what a task may pass into the form: a task's `passToForm` is
 * typed against them, so a key the form does not read is a compile error.
 */
import { ReportDoc } from './docs';
import { dateField, numberField, textField } from './fields';

export interface AppForm<Id extends string = string, P extends string = string> {
  /** The form id: the XLSForm file name and `settings.form_id`. */
  readonly id: Id;
  /** Paths below `fields` (groups joined with dots), e.g. `quarantine.start_date`. */
  readonly paths: readonly P[];
  text(report: ReportDoc | undefined, path: P): string;
  number(report: ReportDoc | undefined, path: P): number | undefined;
  date(report: ReportDoc | undefined, path: P): number | undefined;
}

/** The paths of an app form. */
export type PathsOf<F> = F extends AppForm<string, infer P> ? P : never;

/** `inputs.<key>` paths a task can fill (`source_id` and `contact` are CHT's own). */
type InputKey<P extends string> = P extends `inputs.${infer K}`
  ? (K extends 'source_id' | 'contact' | `${string}.${string}` ? never : K)
  : never;

/** What a task may pass into an app form: values for its declared `inputs.*`. */
export type FormInputs<F> = { [K in InputKey<PathsOf<F>>]?: string | number | boolean };

/** Declares an app form and the paths the code reads from it. */
export function appForm<const Id extends string, const P extends string>(id: Id, paths: readonly P[]): AppForm<Id, P> {
  return {
    id,
    paths,
    text: textField,
    number: numberField,
    date: dateField,
  };
}
