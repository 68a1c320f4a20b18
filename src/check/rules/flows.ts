/**
 * Every RapidPro export the project ships must pass `validate-flows`: a flow RapidPro refuses to
 * import (or imports broken) fails at deployment, far from the edit that caused it. The committed
 * file is what admins import, so it is validated when present, else the generated export.
 */
import * as fs from 'fs';
import { Problem as FlowProblem, validateExport, validateExportText } from '../../rapidpro/validate';
import { RapidProExportFile } from '../../workflows/workflow';
import { CheckProject } from '../project';
import { Problem, error, warning } from '../problem';

export function checkFlows(project: CheckProject): Problem[] {
  const problems: Problem[] = [];
  for (const workflow of project.workflows) {
    let exported: RapidProExportFile;
    try {
      exported = workflow.rapidpro();
    } catch {
      continue; // reported by the webhook rule, which reads the same export
    }
    const file = `rapidpro/${exported.file}`;
    const found: FlowProblem[] = project.exists(file)
      ? validateExportText(fs.readFileSync(project.abs(file), 'utf8'))
      : validateExport(exported.content);
    for (const problem of found) {
      const place = problem.flow === undefined ? undefined : `flow "${problem.flow}"${problem.node === undefined ? '' : ` node ${problem.node}`}`;
      const make = problem.severity === 'error' ? error : warning;
      const what = problem.severity === 'error' ? `fails validate-flows: ${problem.message}` : `validate-flows warns: ${problem.message}`;
      problems.push(make(file, place, what, `fix the flow in ${project.workflowFile(workflow)} and run npm run build`));
    }
  }
  return problems;
}
