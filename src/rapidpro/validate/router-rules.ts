/**
 * Rules for a node's router (goflow flows/routers: base.go, switch.go, random.go, category.go,
 * waits/*): categories point at exits of the node, cases at categories of the router, the default
 * and timeout categories exist, tests are registered, limits hold.
 */
import { checkCategoryName, checkResultName } from './action-rules';
import type { FlowContext } from './flow-rules';
import { describe, isNonEmptyString, isRecord, JsonRecord, runeLength } from './json';
import { CASE_TESTS, FLOW_TYPES, LIMITS, ROUTER_TYPES, WAIT_FLOW_TYPES } from './known-types';
import { isUuid } from '../uuid';

type Report = (message: string) => void;

/** The UUIDs a router declares, for the flow-wide uniqueness and localization checks. */
export interface RouterUuids {
  categories: string[];
  cases: string[];
}

export function checkRouter(router: unknown, exitUuids: ReadonlySet<string>, context: FlowContext): RouterUuids {
  const report: Report = (message) => context.report.error(message);
  const flowType = context.flowType;
  const names = { error: report, warning: (message: string) => context.report.warning(message), context };
  const declared: RouterUuids = { categories: [], cases: [] };
  if (!isRecord(router)) {
    report(`router is ${describe(router)}, not an object`);
    return declared;
  }
  if (!(ROUTER_TYPES as readonly string[]).includes(String(router.type))) {
    report(`unknown router type ${describe(router.type)}`);
    return declared;
  }
  checkResultName(router.result_name, 'router result_name', names, false);

  const categories = Array.isArray(router.categories) ? router.categories : [];
  if (!Array.isArray(router.categories) || categories.length === 0) report('router needs at least one category');
  if (categories.length > LIMITS.categoriesPerRouter) report(`router has ${categories.length} categories, at most ${LIMITS.categoriesPerRouter} are allowed`);
  for (const category of categories) {
    if (!isRecord(category)) {
      report(`category ${describe(category)} is not an object`);
      continue;
    }
    const label = `category ${describe(category.name)}`;
    if (!isUuid(category.uuid)) report(`${label}: uuid ${describe(category.uuid)} is not a valid UUID`);
    else declared.categories.push(category.uuid);
    checkCategoryName(category.name ?? '', `${label}: name`, names);
    if (!isUuid(category.exit_uuid)) report(`${label}: exit_uuid ${describe(category.exit_uuid)} is not a valid UUID`);
    else if (!exitUuids.has(category.exit_uuid)) report(`${label}: exit_uuid ${category.exit_uuid} is not an exit of this node`);
  }
  const categoryUuids = new Set(declared.categories);
  const isCategory = (uuid: unknown) => typeof uuid === 'string' && categoryUuids.has(uuid);

  checkWait(router.wait, isCategory, flowType, report);
  if (router.type === 'switch') checkSwitch(router, isCategory, declared, report, context);
  return declared;
}

function checkWait(wait: unknown, isCategory: (uuid: unknown) => boolean, flowType: string, report: Report): void {
  if (wait === undefined || wait === null) return;
  if (!isRecord(wait)) {
    report(`wait is ${describe(wait)}, not an object`);
    return;
  }
  const allowed = WAIT_FLOW_TYPES[String(wait.type)];
  if (!allowed) {
    report(`unknown wait type ${describe(wait.type)}`);
    return;
  }
  if ((FLOW_TYPES as readonly string[]).includes(flowType) && !(allowed as readonly string[]).includes(flowType)) {
    report(`a ${String(wait.type)} wait is not allowed in a ${flowType} flow`);
  }
  const timeout = wait.timeout;
  if (timeout === undefined || timeout === null) return;
  if (!isRecord(timeout)) {
    report(`wait timeout is ${describe(timeout)}, not an object`);
    return;
  }
  if (typeof timeout.seconds !== 'number' || !Number.isInteger(timeout.seconds) || timeout.seconds === 0) {
    report(`wait timeout needs a whole number of seconds (got ${describe(timeout.seconds)})`);
  }
  if (!isUuid(timeout.category_uuid)) report(`wait timeout category_uuid ${describe(timeout.category_uuid)} is not a valid UUID`);
  else if (!isCategory(timeout.category_uuid)) report(`wait timeout category ${timeout.category_uuid} is not a category of this router`);
}

function checkSwitch(router: JsonRecord, isCategory: (uuid: unknown) => boolean, declared: RouterUuids, report: Report, context: FlowContext): void {
  if (!isNonEmptyString(router.operand)) report('switch router needs an operand');
  else if (runeLength(router.operand) > 10000) report('switch operand is longer than 10000 characters');

  const defaultCategory = router.default_category_uuid;
  if (defaultCategory !== undefined && defaultCategory !== null && defaultCategory !== '') {
    if (!isUuid(defaultCategory)) report(`default_category_uuid ${describe(defaultCategory)} is not a valid UUID`);
    else if (!isCategory(defaultCategory)) report(`default category ${defaultCategory} is not a category of this router`);
  }

  if (router.cases === undefined || router.cases === null) return;
  if (!Array.isArray(router.cases)) {
    report('switch cases must be a list');
    return;
  }
  if (router.cases.length > LIMITS.casesPerRouter) report(`switch has ${router.cases.length} cases, at most ${LIMITS.casesPerRouter} are allowed`);
  router.cases.forEach((c, index) => {
    if (!isRecord(c)) {
      report(`case #${index + 1} is ${describe(c)}, not an object`);
      return;
    }
    const label = `case ${isNonEmptyString(c.uuid) ? c.uuid : `#${index + 1}`}`;
    if (!isUuid(c.uuid)) report(`${label}: uuid ${describe(c.uuid)} is not a valid UUID`);
    else declared.cases.push(c.uuid);
    if (!isNonEmptyString(c.type)) report(`${label}: has no test type`);
    else if (!CASE_TESTS.has(c.type)) report(`${label}: unknown case test "${c.type}"`);
    if (c.arguments !== undefined && c.arguments !== null) {
      if (!Array.isArray(c.arguments) || c.arguments.some((a) => typeof a !== 'string')) report(`${label}: arguments must be a list of texts`);
      else if (c.arguments.length > LIMITS.argumentsPerCase) report(`${label}: has ${c.arguments.length} arguments, at most ${LIMITS.argumentsPerCase} are allowed`);
      else if (c.arguments.some((a: string) => runeLength(a) > 10000)) report(`${label}: an argument is longer than 10000 characters`);
    }
    // has_group [uuid, name] depends on that group (goflow `Switch.Inspect`)
    if (c.type === 'has_group' && Array.isArray(c.arguments) && isUuid(c.arguments[0])) {
      const name = c.arguments.length === 2 && typeof c.arguments[1] === 'string' ? c.arguments[1] : '';
      context.dependencies.groups.push({ uuid: c.arguments[0], name, via: 'has_group case', flow: context.flowLabel, node: context.node });
    }
    if (!isNonEmptyString(c.category_uuid)) report(`${label}: has no category_uuid`);
    else if (!isCategory(c.category_uuid)) report(`${label}: category ${c.category_uuid} is not a category of this router`);
  });
}
