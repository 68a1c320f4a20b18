/**
 * Every RapidPro export the project ships must pass `validate-flows`: a flow RapidPro refuses to
 * import (or imports broken) fails at deployment, far from the edit that caused it. The committed
 * file is what admins import, so it is validated when present, else the synthesized export.
 */
import * as fs from 'fs';
import { Problem as FlowProblem, validateExport, validateExportText } from '../../rapidpro/validate';
import { CheckProject } from '../project';
import { Problem, error, warning } from '../problem';

export function checkFlows(project: CheckProject): Problem[] {
  const problems: Problem[] = [];
  for (const exported of project.assembly?.exports ?? []) {
    const workflow = project.workflows.find((candidate) => candidate.id === exported.workflow);
    const found: FlowProblem[] = project.exists(exported.file)
      ? validateExportText(fs.readFileSync(project.abs(exported.file), 'utf8'))
      : validateExport(exported.content);
    for (const problem of found) {
      const place = problem.flow === undefined ? undefined : `flow "${problem.flow}"${problem.node === undefined ? '' : ` node ${problem.node}`}`;
      const source = workflow ? `src/workflows/${workflow.id}/flows.ts` : 'src/workflows';
      const make = problem.severity === 'error' ? error : warning;
      const what = problem.severity === 'error' ? `fails validate-flows: ${problem.message}` : `validate-flows warns: ${problem.message}`;
      problems.push(make(exported.file, place, what, `fix the flow in ${source} and run npm run build`));
    }
  }
  return problems;
}
