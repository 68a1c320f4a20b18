/** One thing wrong with a RapidPro export, located as precisely as the validator can. */
export interface Problem {
  /** The file the export was read from, when validating files. */
  file?: string;
  /** The name of the flow (or, when it has none, its UUID or position). */
  flow?: string;
  /** The UUID (or position) of the node. */
  node?: string;
  /** What is wrong, in plain words. */
  message: string;
}

/** `FILE: flow "Name" node <uuid>: what is wrong`, leaving out the parts a problem does not have. */
export function formatProblem(problem: Problem): string {
  const location: string[] = [];
  if (problem.flow !== undefined) location.push(`flow ${JSON.stringify(problem.flow)}`);
  if (problem.node !== undefined) location.push(`node ${problem.node}`);
  const prefix = [problem.file, location.join(' ')].filter((part) => part).join(': ');
  return prefix ? `${prefix}: ${problem.message}` : problem.message;
}
