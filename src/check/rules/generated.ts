/**
 * Generated files must match the workflows (CI fails when they are stale), and every XLSForm must
 * have its converted XForm next to it: cht-conf uploads the `.xml`, so an `.xlsx` without one
 * never reaches a phone.
 */
import * as path from 'path';
import { formSources, readChecksums, sha256File } from '../../project/form-checksums';
import * as fs from 'fs';
import { CheckProject } from '../project';
import { Problem, error, warning } from '../problem';

export function checkGenerated(project: CheckProject): Problem[] {
  const problems: Problem[] = [];
  for (const [file, content] of project.assembly?.files ?? []) {
    if (project.exists(file) && fs.readFileSync(project.abs(file), 'utf8') === content) continue;
    problems.push(error(file, undefined, project.exists(file) ? 'generated file is stale (it differs from what src/workflows generates)' : 'generated file is missing',
      'run npm run build and commit the result; never edit it by hand'));
  }
  // A form is stale when forms/checksums.json says its .xml came from another version of the .xlsx.
  const recorded = readChecksums(project.dir);
  const outdated = new Set(formSources(project.dir)
    .filter((form) => recorded[form.key] !== undefined && recorded[form.key] !== sha256File(form.xlsx))
    .map((form) => `forms/${form.kind}/${form.name}.xlsx`));
  for (const folder of ['app', 'contact'] as const) {
    for (const file of project.formFiles(folder)) {
      const xml = file.replace(/\.xlsx$/, '.xml');
      if (!project.exists(xml)) {
        problems.push(error(file, undefined, `converted form ${path.basename(xml)} is missing`, `run npm run build (cht-conf convert-${folder}-forms) and commit ${xml}`));
      } else if (outdated.has(file)) {
        problems.push(error(file, undefined, `converted form ${path.basename(xml)} is stale: the .xlsx changed since it was converted (forms/checksums.json)`, `run npm run build and commit ${xml} and forms/checksums.json`));
      }
    }
    for (const xml of project.otherFiles(`forms/${folder}`, '.xml')) {
      if (!project.exists(xml.replace(/\.xml$/, '.xlsx'))) {
        problems.push(warning(xml, undefined, `no ${path.basename(xml, '.xml')}.xlsx next to this converted form`, 'delete the .xml or restore its .xlsx source'));
      }
    }
  }
  return problems;
}
