/**
 * `cht-rapidpro check`: cross-checks what app builders edit by hand (XLSForms, translations, base
 * settings) against what the workflows declare and generate, before it reaches a phone.
 * Each rule family is one file under `rules/`; each problem is one line that names the file, the
 * place, what is wrong and how to fix it.
 */
import * as fs from 'fs';
import { workflows as projectWorkflows } from '../workflows';
import { Workflow } from '../workflows/workflow';
import { CheckProject } from './project';
import { Problem, error } from './problem';
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
  const problems: Problem[] = [...checkBaseSettings(project)];
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

/**
 * cht-conf compiles app_settings.json from app_settings/base_settings.json (roles, permissions,
 * transitions, the SMS gateway): without it `build` fails and a deploy would upload a stale
 * app_settings.json. Checked whatever `--only` says, since every rule assumes a whole project.
 */
function checkBaseSettings(project: CheckProject): Problem[] {
  const file = 'app_settings/base_settings.json';
  if (project.exists(file) && fs.statSync(project.abs(file)).isFile()) return [];
  return [error(file, undefined, project.exists(file) ? 'is not a file' : 'is missing', `restore it (git checkout -- ${file}): cht-conf compiles app_settings.json from it`)];
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
