/**
 * `cht-rapidpro check`: cross-checks what app builders edit by hand (XLSForms, translations, base
 * settings) against what the workflows declare and generate, before it reaches a phone.
 * Each rule family is one file under `rules/`; each problem is one line that names the file, the
 * place, what is wrong and how to fix it.
 */
import { workflows as projectWorkflows } from '../workflows';
import { Workflow } from '../workflows/workflow';
import { CheckProject } from './project';
import { Problem } from './problem';
import { checkDeployment } from './rules/deployment';
import { checkFlows } from './rules/flows';
import { checkFormPaths } from './rules/form-paths';
import { checkGenerated } from './rules/generated';
import { checkIcons } from './rules/icons';
import { checkSecrets } from './rules/secrets';
import { checkTranslations } from './rules/translations';
import { checkWebhooks } from './rules/webhooks';
import { checkXlsForms } from './rules/xlsforms';

export { Problem, formatProblem } from './problem';

export type RuleName = 'forms' | 'paths' | 'webhooks' | 'flows' | 'translations' | 'secrets' | 'generated' | 'icons' | 'deployment';

export interface CheckOptions {
  /** The workflows to check against (default: the project's). */
  workflows?: readonly Workflow[];
  /** Run only these rule families (default: all). */
  only?: RuleName[];
}

export interface CheckResult {
  errors: Problem[];
  warnings: Problem[];
}

const RULES: Record<RuleName, (project: CheckProject) => Problem[]> = {
  forms: checkXlsForms,
  paths: checkFormPaths,
  webhooks: checkWebhooks,
  flows: checkFlows,
  translations: checkTranslations,
  secrets: checkSecrets,
  generated: checkGenerated,
  icons: checkIcons,
  deployment: checkDeployment,
};

export function runCheck(projectDir: string, options: CheckOptions = {}): CheckResult {
  const project = new CheckProject(projectDir, options.workflows ?? projectWorkflows);
  const problems: Problem[] = [];
  for (const [name, rule] of Object.entries(RULES) as [RuleName, (project: CheckProject) => Problem[]][]) {
    if (!options.only || options.only.includes(name)) problems.push(...rule(project));
  }
  // Malformed workbooks are reported once, by whichever rule read them first.
  problems.unshift(...project.readProblems);
  const unique = dedupe(problems);
  return {
    errors: unique.filter((problem) => problem.severity === 'error'),
    warnings: unique.filter((problem) => problem.severity === 'warning'),
  };
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = JSON.stringify([problem.severity, problem.file, problem.place, problem.what]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
