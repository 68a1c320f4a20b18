/**
 * Builds what ./engine.ts keeps for one rules-engine initialisation: the definitions the
 * logged-in user can see, as views cht-conf's emitters can use without rebinding anything, and a
 * cheap per-contact choice of the definitions that can emit something for that contact.
 *
 * - By audience: a definition built by the kit knows its audience (./audience.ts); one whose
 *   roles or permission exclude the user could never emit on this phone, so it is left out.
 * - By contact: cht-conf's emitters offer a report definition the reports of its `appliesToType`
 *   forms, a contact definition the contact if it is of its types (report targets only when the
 *   container has a contact), and emit something only where `appliesIf` holds. A definition
 *   whose `appliesIf` holds for none of them emits nothing for the contact, so it is not handed
 *   over for that contact: cht-conf's per-definition work (preparation, a loop over every report)
 *   runs in code that is new for every contact, ours runs warm. One pass over the contact's
 *   reports gives the candidates (a bit mask over the definitions); each candidate's `appliesIf`
 *   is then asked until it holds once (our predicates memoize what they derive, so cht-conf
 *   asking again costs little); the arrays handed over are kept per mask.
 * - Views: a task view is the definition's own properties (undefined ones left out) with its
 *   events, actions and priority as objects whose properties are not enumerable; a target view
 *   has no enumerable property at all. cht-conf's `definition-preparation.js` walks
 *   `Object.keys` to bind functions and deep-copies the definition for every contact: it finds
 *   nothing to bind in our nested objects (our functions never use `this`), and copies almost
 *   nothing. A task without its own `resolvedIf` relies on cht-conf's default, which reads the
 *   copied actions: it is handed over as a fresh plain copy for every contact instead.
 */
import { audienceOf, userInAudience } from './audience';
import { ContactDoc, ContactWithReports, ReportDoc } from './docs';
import { Engine, RuleLists } from './engine';
import { TargetDefinition } from './targets';
import { TaskDefinition } from './tasks';

type Definition = TaskDefinition | TargetDefinition;

/** The most definitions a mask can tell apart; with more, every contact gets them all. */
const MAX_MASKED = 30;
/** The mask of "every definition". */
const ALL = -1;

export function buildEngine(lists: RuleLists, user: unknown, api: unknown): Engine {
  const tasks = lists.tasks.filter(visible);
  const targets = lists.targets.filter(visible);
  const taskViews = tasks.map(taskView);
  const targetViews = targets.map(hiddenCopy);
  const fresh = tasks.map((task) => typeof task.resolvedIf !== 'function');
  const anyFresh = fresh.some(Boolean);
  const selector = tasks.length + targets.length <= MAX_MASKED ? new Selector([...tasks, ...targets], targets.length) : undefined;
  const chosen = new Map<number, { tasks: TaskDefinition[]; targets: TargetDefinition[] }>();
  const has = (mask: number, i: number): boolean => mask === ALL || (mask & (1 << i)) !== 0;
  // the mask of the contact last asked about: tasks.js and targets.js ask in turn for each contact
  let lastContainer: ContactWithReports | undefined;
  let lastReports: unknown;
  let lastContact: unknown;
  let lastMask = ALL;

  const maskOf = (c: ContactWithReports | undefined): number => {
    if (!c || !selector) return ALL;
    if (c === lastContainer && c.reports === lastReports && c.contact === lastContact) return lastMask;
    lastContainer = c;
    lastReports = c.reports;
    lastContact = c.contact;
    return lastMask = selector.maskOf(c);
  };
  const choose = (mask: number): { tasks: TaskDefinition[]; targets: TargetDefinition[] } => {
    let chosenLists = chosen.get(mask);
    if (!chosenLists) {
      chosenLists = { tasks: [], targets: [] };
      for (let i = 0; i < taskViews.length; i++) if (has(mask, i)) chosenLists.tasks.push(taskViews[i]);
      for (let i = 0; i < targetViews.length; i++) if (has(mask, tasks.length + i)) chosenLists.targets.push(targetViews[i]);
      chosen.set(mask, chosenLists);
    }
    return chosenLists;
  };

  return {
    user,
    api,
    tasksFor(c) {
      const mask = maskOf(c);
      if (!anyFresh) return choose(mask).tasks;
      // a task relying on cht-conf's default resolution gets a plain copy each time
      const out: TaskDefinition[] = [];
      for (let i = 0; i < taskViews.length; i++) if (has(mask, i)) out.push(fresh[i] ? plainCopy(tasks[i]) : taskViews[i]);
      return out;
    },
    targetsFor(c) {
      return choose(maskOf(c)).targets;
    },
  };
}

function visible(definition: Definition): boolean {
  const audience = audienceOf(definition);
  return !audience || userInAudience(audience);
}

/** `source`'s own properties, not enumerable (nor writable): invisible to cht-conf's preparation. */
function hiddenCopy<T extends object>(source: T): T {
  const view = {};
  for (const key of Object.keys(source)) {
    Object.defineProperty(view, key, { value: (source as Record<string, unknown>)[key], enumerable: false, writable: false, configurable: false });
  }
  return view as T;
}

function taskView(task: TaskDefinition): TaskDefinition {
  if (typeof task.resolvedIf !== 'function') return task;
  const view: Record<string, unknown> = {};
  for (const key of Object.keys(task)) {
    const value = (task as unknown as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (key === 'events' || key === 'actions') view[key] = (value as object[]).map(hiddenCopy);
    else if (key === 'priority' && value && typeof value === 'object') view[key] = hiddenCopy(value);
    else view[key] = value;
  }
  return view as unknown as TaskDefinition;
}

/** A copy of a definition's objects and arrays, functions shared: what cht-conf may rebind in place. */
function plainCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(plainCopy) as T;
  if (value && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) copy[key] = plainCopy((value as Record<string, unknown>)[key]);
    return copy as T;
  }
  return value;
}

const contactTypeOf = (contact: ContactDoc): string => (contact.type === 'contact' ? String(contact.contact_type) : contact.type);

/**
 * Which definitions emit something for a contact, as a bit mask (bit i: definition i; targets
 * after tasks), as cht-conf's emitters decide it.
 */
class Selector {
  /** Definitions offered whatever the contact (an `appliesTo` cht-conf will refuse). */
  private always = 0;
  /** Contact definitions without types, and by contact type. */
  private anyContact = 0;
  private readonly byType = new Map<string, number>();
  /** Report definitions without types, and by form. */
  private anyReport = 0;
  private readonly byForm = new Map<string, number>();
  /** Report targets: cht-conf's target emitter skips a container without a contact. */
  private needsContact = 0;

  constructor(private readonly definitions: readonly Definition[], targetCount: number) {
    const firstTarget = definitions.length - targetCount;
    definitions.forEach((definition, i) => {
      const bit = 1 << i;
      const types = definition.appliesToType;
      if (definition.appliesTo === 'contacts') {
        if (!types) this.anyContact |= bit;
        else for (const type of types) this.byType.set(type, (this.byType.get(type) ?? 0) | bit);
      } else if (definition.appliesTo === 'reports' || definition.appliesTo === 'scheduled_tasks') {
        if (!types) this.anyReport |= bit;
        else for (const form of types) this.byForm.set(form, (this.byForm.get(form) ?? 0) | bit);
        if (i >= firstTarget) this.needsContact |= bit;
      } else {
        this.always |= bit;
      }
    });
  }

  /** The definitions that emit something for the contact. */
  maskOf(c: ContactWithReports): number {
    let candidates = this.always;
    const contact = c.contact;
    if (contact) candidates |= this.anyContact | (this.byType.get(contactTypeOf(contact)) ?? 0);
    const reports = c.reports;
    if (reports && reports.length) {
      candidates |= this.anyReport;
      const byForm = this.byForm;
      for (let i = 0; i < reports.length; i++) {
        const bits = byForm.get(reports[i].form);
        if (bits !== undefined) candidates |= bits;
      }
    }
    if (!contact) candidates &= ~this.needsContact;
    let mask = 0;
    for (let i = 0; candidates >>> i !== 0; i++) {
      const bit = 1 << i;
      if ((candidates & bit) !== 0 && this.emits(this.definitions[i], c)) mask |= bit;
    }
    return mask;
  }

  /** Whether cht-conf's emitter would call the definition's `appliesIf` true at least once for the contact. */
  private emits(definition: Definition, c: ContactWithReports): boolean {
    const appliesIf = definition.appliesIf as ((c: ContactWithReports, report?: ReportDoc) => boolean) | undefined;
    if (!appliesIf) return true;
    if (definition.appliesTo === 'contacts') return appliesIf(c);
    if (definition.appliesTo !== 'reports') return true;
    const types = definition.appliesToType;
    const reports = c.reports;
    for (let i = 0; i < reports.length; i++) {
      const report = reports[i];
      if ((!types || types.indexOf(report.form) >= 0) && appliesIf(c, report)) return true;
    }
    return false;
  }
}
