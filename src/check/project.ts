/**
 * What the rules read: the project folder, its XLSForms (each read once, malformed ones reported
 * once), and the workflows under check. Paths in messages are project-relative.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Assembly, synthesize } from '../project/synth';
import { Workflow } from '../workflows/workflow';
import { XlsForm, XlsFormError, readXlsForm } from '../xlsform';
import { Problem, error } from './problem';

export type FormFolder = 'app' | 'contact';

export class CheckProject {
  private readonly forms = new Map<string, XlsForm | undefined>();
  /** Problems found while reading files (malformed workbooks), reported once. */
  readonly readProblems: Problem[] = [];

  private synthesized?: { assembly?: Assembly; problem?: Problem };

  constructor(readonly dir: string, readonly workflows: readonly Workflow[]) {}

  /**
   * The workflows synthesized (pushes, exports, record sources), or undefined when a declaration
   * makes synthesis throw; that problem is then reported once, in `readProblems`.
   */
  get assembly(): Assembly | undefined {
    if (!this.synthesized) {
      try {
        this.synthesized = { assembly: synthesize({ workflows: this.workflows }) };
      } catch (caught) {
        const problem = error('src/workflows', undefined, `the workflows cannot be synthesized: ${caught instanceof Error ? caught.message : String(caught)}`, 'fix the declaration it names and run npm run build');
        this.readProblems.push(problem);
        this.synthesized = { problem };
      }
    }
    return this.synthesized.assembly;
  }

  abs(relative: string): string {
    return path.join(this.dir, relative);
  }

  exists(relative: string): boolean {
    return fs.existsSync(this.abs(relative));
  }

  /** Project-relative paths of the `.xlsx` files in `forms/<folder>/`, sorted. */
  formFiles(folder: FormFolder): string[] {
    const dir = this.abs(`forms/${folder}`);
    if (!fs.existsSync(dir)) return [];
    const entries = fs.readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.name.endsWith('.xlsx') && !entry.name.startsWith('~$'));
    for (const entry of entries.filter((candidate) => !candidate.isFile())) {
      // Reported once (runCheck de-duplicates), and never read as a workbook.
      this.readProblems.push(error(`forms/${folder}/${entry.name}`, undefined, 'is a folder, not an XLSForm workbook', `rename or remove it: only .xlsx files belong in forms/${folder}`));
    }
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name)
      .sort()
      .map((name) => `forms/${folder}/${name}`);
  }

  /** Project-relative paths of the files ending in `ext` in `dir`, sorted. */
  otherFiles(dir: string, ext: string): string[] {
    if (!fs.existsSync(this.abs(dir))) return [];
    return fs.readdirSync(this.abs(dir)).filter((name) => name.endsWith(ext)).sort().map((name) => `${dir}/${name}`);
  }

  /** Ids of the app forms (`forms/app/<id>.xlsx`). */
  appFormIds(): string[] {
    return this.formFiles('app').map((file) => path.basename(file, '.xlsx'));
  }

  /** The parsed workbook, or undefined when it is missing or malformed (then reported once). */
  form(relative: string): XlsForm | undefined {
    if (this.forms.has(relative)) return this.forms.get(relative);
    let form: XlsForm | undefined;
    if (this.exists(relative) && !fs.statSync(this.abs(relative)).isFile()) {
      this.readProblems.push(error(relative, undefined, 'is a folder, not an XLSForm workbook', `rename or remove it: only .xlsx files belong in ${path.dirname(relative)}`));
    } else if (this.exists(relative)) {
      try {
        form = readXlsForm(this.abs(relative), relative);
      } catch (caught) {
        if (!(caught instanceof XlsFormError)) throw caught;
        this.readProblems.push(error(relative, caught.place, caught.what, caught.fix));
      }
    }
    this.forms.set(relative, form);
    return form;
  }

  appForm(id: string): XlsForm | undefined {
    return this.form(`forms/app/${id}.xlsx`);
  }

  /** The TypeScript module of a workflow, for "update …" hints. */
  workflowFile(workflow: Workflow): string {
    return `src/workflows/${workflow.id}/index.ts`;
  }

  /** The phone-side module of a workflow (its forms and record), for "update …" hints. */
  modelFile(workflow: Workflow): string {
    return `src/phone/workflows/${workflow.id}/model.ts`;
  }

  readJson(relative: string): unknown {
    return JSON.parse(fs.readFileSync(this.abs(relative), 'utf8')) as unknown;
  }
}
