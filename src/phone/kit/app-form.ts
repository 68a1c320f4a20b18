/**
 * A declared app form (XLSForm in `forms/app/<id>.xlsx`) and the field paths the TypeScript side
 * reads from its reports. Declaring the paths once lets outbound mappings, tasks and contact
 * summaries be type-checked, and lets `cht-rapidpro check` prove each path exists in the XLSForm.
 *
 * Two declarations per form, so the phone carries no path list:
 * - `FormPaths` (a plain object, `{ id, paths } as const satisfies FormPaths`): the form's id and
 *   the paths. Node reads it (the workflow's `appForms`, which `check` proves against the
 *   XLSForms); no phone code refers to it, so the phone bundles leave it out.
 * - `appForm<typeof paths>(id)`: the form the rules use, its id and typed readers. Its paths are
 *   its type only, taken from the declaration (a different id is a compile error).
 *
 * The `inputs.<name>` paths are what a task may pass into the form: a task's `passToForm` is
 * typed against them, so a key the form does not read is a compile error.
 */
import { ReportDoc } from './docs';
import { dateField, numberField, textField } from './fields';

/** An app form's id and the paths below `fields` (groups joined with dots, e.g. `quarantine.start_date`) the code reads. */
export interface FormPaths<Id extends string = string, P extends string = string> {
  readonly id: Id;
  readonly paths: readonly P[];
}

export interface AppForm<Id extends string = string, P extends string = string> {
  /** The form id: the XLSForm file name and `settings.form_id`. */
  readonly id: Id;
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

/** The app form a declaration (`FormPaths`) describes, as the rules read it: `appForm<typeof enrollmentPaths>('quarantine_enrollment')`. */
export const appForm = <F extends FormPaths,>(id: F['id']): AppForm<F['id'], F['paths'][number]> => ({
    id,
    text: textField,
    number: numberField,
    date: dateField,
  });
