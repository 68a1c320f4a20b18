/**
 * The flow engine loop, after goflow's `engine/session.go`: visit a node (run its actions, then
 * wait or route), follow the exit, enter and return from subflows, resume a wait with a reply, a
 * timeout or an expiry.
 */
import { Action, Category, FlowDefinition, FlowNode, SwitchRouter } from '../flow/types';
import { resultKey } from '../flow/naming';
import { derivedUuid } from '../uuid';
import { rootContext, SessionView } from './context';
import { runTest } from './excellent/case-tests';
import { UnsupportedExpressionError } from './excellent/errors';
import { evaluateTemplate, evaluateTemplateValue } from './excellent/template';
import { isError, toText, XError, XValue } from './excellent/values';
import { executeAction } from './actions';
import { ContactState, InputState, RunState } from './state';
import { PathStep, ScriptedReply, SimulatedBroadcast, SimulatedMessage, SimulatedWebhookCall, SimulateOptions, SimulationEvent } from './types';

function toTextValue(value: XValue): string {
  const converted = toText(value);
  return isError(converted) ? '' : converted.value;
}

/** goflow's default `MaxStepsPerSprint`: a sign of a loop between nodes. */
const MAX_STEPS_PER_SPRINT = 100;

/** goflow's `persistWebhookBytesLimit`: a bigger webhook response is gone once the run waits. */
const PERSIST_WEBHOOK_BYTES_LIMIT = 10_000;

/** A refusal or misuse located in a flow, e.g. `flow "Check-in" node <uuid>: @contact.groups is not supported by the simulator`. */
export class SimulationError extends Error {
  override name = 'SimulationError';
}

export class Session {
  readonly runs: RunState[] = [];
  readonly messages: SimulatedMessage[] = [];
  readonly broadcasts: SimulatedBroadcast[] = [];
  readonly webhooks: SimulatedWebhookCall[] = [];
  readonly path: PathStep[] = [];
  readonly errors: string[] = [];
  readonly events: SimulationEvent[] = [];
  private errorsEmitted = 0;
  input: InputState | null = null;
  private pushed: { flow: FlowDefinition; terminal: boolean } | null = null;
  private inputCount = 0;

  constructor(
    readonly flows: ReadonlyMap<string, FlowDefinition>,
    readonly contact: ContactState,
    public view: Omit<SessionView, 'contact' | 'input'>,
    readonly options: SimulateOptions,
    readonly smartGroups: ReadonlySet<string>,
  ) {}

  /** Records an event, after the errors logged since the last one (so they keep their order). */
  emit(event: SimulationEvent): void {
    this.flushErrors();
    this.events.push(event);
  }

  /** Records the errors logged since the last event as `error` events. */
  flushErrors(): void {
    while (this.errorsEmitted < this.errors.length) this.events.push({ type: 'error', text: this.errors[this.errorsEmitted++] });
  }

  /** Records how each run that stopped since the last call ended. */
  private ended(runs: readonly RunState[], before: ReadonlyMap<RunState, string>): void {
    // a subflow ends before the flow that entered it
    for (const run of [...runs].reverse()) {
      if (before.get(run) === run.status || run.status === 'active' || run.status === 'waiting') continue;
      this.emit({ type: 'run_ended', flow: run.flow.name, status: run.status });
    }
  }

  /** Runs `step`, then records the runs it ended. */
  private tracked(step: () => void): void {
    const before = new Map(this.runs.map((run) => [run, run.status as string]));
    step();
    this.ended(this.runs, before);
    this.flushErrors();
  }

  sessionView(): SessionView {
    return { ...this.view, contact: this.contact, input: this.input };
  }

  /** Evaluates a template for text (messages, values); errors are logged and render empty. */
  text(run: RunState, template: string, where: string, options: { truncate?: boolean } = {}): { value: string; ok: boolean } {
    const evaluated = this.guard(where, () => evaluateTemplate(template, rootContext(run, this.sessionView()), this.view.env, options));
    this.errors.push(...evaluated.errors.map((e) => `${where}: ${e}`));
    return { value: evaluated.value, ok: evaluated.errors.length === 0 };
  }

  /** Evaluates a template keeping its type when it is a single expression (router operands, case arguments). */
  value(run: RunState, template: string, where: string): XValue {
    const evaluated = this.guard(where, () => evaluateTemplateValue(template, rootContext(run, this.sessionView()), this.view.env));
    this.errors.push(...evaluated.errors.map((e) => `${where}: ${e}`));
    return evaluated.value;
  }

  /** Turns a refusal into a `SimulationError` saying where in the flow it happened (once: the innermost location wins). */
  guard<T>(where: string, fn: () => T): T {
    try {
      return fn();
    } catch (caught) {
      if (caught instanceof UnsupportedExpressionError) throw new SimulationError(`${where}: ${caught.message}`);
      throw caught;
    }
  }

  /** The languages to look translations up in: the contact's (if allowed), the workspace default, the flow's base language. */
  languages(run: RunState): string[] {
    const languages: string[] = [];
    const allowed = this.options.allowedLanguages;
    const contactLanguage = this.contact.language;
    if (contactLanguage && (!allowed || allowed.includes(contactLanguage))) languages.push(contactLanguage);
    const defaultLanguage = this.options.defaultLanguage;
    if (defaultLanguage && defaultLanguage !== contactLanguage) languages.push(defaultLanguage);
    return [...languages, run.flow.language];
  }

  /** goflow's `run.getText`: the first of `languages` with a translation of `property` of item `uuid`, else the base value. */
  translate(run: RunState, uuid: string, property: string, base: string[], languages = this.languages(run)): { values: string[]; language: string } {
    for (const language of languages) {
      if (language === run.flow.language) return { values: base, language };
      const translated = run.flow.localization?.[language]?.[uuid]?.[property];
      // the editor sometimes saves an empty translation as [""]; goflow ignores it
      if (!Array.isArray(translated) || translated.length === 0 || (translated.length === 1 && translated[0] === '')) continue;
      if (translated.every((value) => typeof value === 'string')) return { values: translated, language };
    }
    return { values: base, language: run.flow.language };
  }

  /** Starts `flow` for the contact; runs until the first wait or the end. `input`: the message that triggered it (`@input`). */
  start(flow: FlowDefinition, input?: string): void {
    this.tracked(() => {
      if (input !== undefined) {
        this.input = { uuid: derivedUuid('input', flow.uuid, this.contact.uuid, this.options.runUuid ?? 'run', String(this.inputCount++), input || 'empty'), text: input };
        this.emit({ type: 'msg_received', text: input });
      }
      const run = this.newRun(flow);
      this.continueUntilWait(run, flow.nodes[0]?.uuid);
    });
  }

  /** The simulated time of the next sprint (`now()`, `today()`), in epoch milliseconds. */
  setNow(epochMs: number): void {
    this.view = { ...this.view, env: { ...this.view.env, now: epochMs } };
  }

  /** The run waiting for the contact, if any. */
  waitingRun(): RunState | undefined {
    return this.runs.find((run) => run.status === 'waiting');
  }

  /** Resumes the waiting run with a reply (text), a timeout, or interrupts every run. */
  resume(reply: ScriptedReply): void {
    this.tracked(() => this.resumeWith(reply));
  }

  private resumeWith(reply: ScriptedReply): void {
    const run = this.waitingRun();
    if (!run) throw new SimulationError('no run is waiting for a reply');
    if (typeof reply !== 'string' && 'interrupt' in reply) {
      this.emit({ type: 'run_interrupted' });
      for (const other of this.runs) if (other.isActive()) other.status = 'interrupted';
      return;
    }
    // a new sprint: runs only keep webhook responses RapidPro persists (at most 10,000 bytes of JSON)
    for (const other of this.runs) {
      if (other.webhook && other.webhook.jsonBytes > PERSIST_WEBHOOK_BYTES_LIMIT) other.webhook = null;
    }
    const node = this.node(run, run.currentNode);
    const router = node.router;
    if (typeof reply === 'string') {
      this.input = { uuid: derivedUuid('input', run.uuid, String(this.inputCount++)), text: reply };
      this.emit({ type: 'msg_received', text: reply });
      run.status = 'active';
      this.continueUntilWait(run, this.pickExit(run, node, false));
    } else if ('timeout' in reply && router?.wait?.timeout) {
      this.emit({ type: 'wait_timed_out' });
      run.status = 'active';
      this.continueUntilWait(run, this.pickExit(run, node, true));
    } else {
      // an expiry, or a timeout on a wait without one: the contact never answers and the run expires
      this.emit({ type: 'run_expired' });
      run.status = 'expired';
      this.continueUntilWait(run, undefined);
    }
  }

  private newRun(flow: FlowDefinition, parent?: RunState): RunState {
    const uuid = parent
      ? derivedUuid('run', parent.uuid, String(this.runs.length))
      : this.options.runUuid ?? derivedUuid('run', flow.uuid, this.contact.uuid);
    const run = new RunState(uuid, flow, parent);
    if (parent) parent.child = run;
    this.runs.push(run);
    this.emit(parent ? { type: 'run_started', flow: flow.name, parent: parent.flow.name } : { type: 'run_started', flow: flow.name });
    return run;
  }

  private node(run: RunState, uuid: string | undefined): FlowNode {
    const node = run.flow.nodes.find((n) => n.uuid === uuid);
    if (!node) throw new SimulationError(`flow "${run.flow.name}": node ${uuid} does not exist`);
    return node;
  }

  /** goflow's `continueUntilWait`: `destination` is the next node of `run`, undefined when it has none. */
  private continueUntilWait(startRun: RunState, startDestination: string | undefined): void {
    let run = startRun;
    let destination = startDestination;
    let steps = 0;
    for (;;) {
      if (this.pushed) {
        const { flow, terminal } = this.pushed;
        this.pushed = null;
        if (terminal) for (const other of this.runs) if (other.isActive()) other.status = 'completed';
        run = this.newRun(flow, run);
        destination = flow.nodes[0]?.uuid;
      }
      if (destination === undefined) {
        if (run.status === 'active') run.status = 'completed';
        const parent = run.parent;
        if (!parent || parent.status !== 'active') return;
        const child = run;
        run = parent;
        if (child.status === 'failed') {
          run.status = 'failed';
          continue;
        }
        destination = this.pickExit(run, this.node(run, run.currentNode), false);
        continue;
      }
      if (++steps > MAX_STEPS_PER_SPRINT) {
        this.errors.push(`flow "${run.flow.name}": reached the maximum of ${MAX_STEPS_PER_SPRINT} steps without waiting (a loop?)`);
        run.status = 'failed';
        destination = undefined;
        continue;
      }
      const next = this.visitNode(run, this.node(run, destination));
      if (next === 'wait') return;
      destination = next;
    }
  }

  /** Runs a node's actions, then waits (returns 'wait') or routes (returns the next node, or undefined). */
  private visitNode(run: RunState, node: FlowNode): string | 'wait' | undefined {
    run.path.push(node.uuid);
    this.path.push({ flow: run.flow.name, node: node.uuid });
    for (const action of node.actions ?? []) {
      const where = `flow "${run.flow.name}" node ${node.uuid} action ${action.type}`;
      this.guard(where, () => executeAction(this, run, node, action as Action, where));
      if (run.status === 'failed') return undefined;
    }
    if (this.pushed) return undefined;
    if (node.router?.wait) {
      run.status = 'waiting';
      const timeout = node.router.wait.timeout?.seconds;
      this.emit(timeout === undefined ? { type: 'msg_wait', flow: run.flow.name, node: node.uuid } : { type: 'msg_wait', flow: run.flow.name, node: node.uuid, timeout_seconds: timeout });
      return 'wait';
    }
    return this.pickExit(run, node, false);
  }

  /** Pushes a subflow; it starts once the current node's actions are done. */
  pushFlow(flow: FlowDefinition, terminal: boolean): void {
    this.pushed = { flow, terminal };
  }

  /** goflow's `pickNodeExit`: routes with the router (or takes the only exit); the next node's UUID, or undefined. */
  private pickExit(run: RunState, node: FlowNode, isTimeout: boolean): string | undefined {
    let exitUuid: string | undefined;
    if (node.router) {
      const category = this.route(run, node, node.router as SwitchRouter, isTimeout);
      if (!category) {
        this.errors.push(`flow "${run.flow.name}" node ${node.uuid}: router failed to pick a category`);
        run.status = 'failed';
        return undefined;
      }
      const step = [...this.path].reverse().find((s) => s.node === node.uuid);
      if (step) step.category = category.name;
      exitUuid = category.exit_uuid;
    } else {
      exitUuid = node.exits[0]?.uuid;
    }
    const exit = node.exits.find((e) => e.uuid === exitUuid);
    return exit?.destination_uuid || undefined;
  }

  /** goflow's `Switch.Route` / `RouteTimeout`: the category taken, saving the result if the router names one. */
  private route(run: RunState, node: FlowNode, router: SwitchRouter, isTimeout: boolean): Category | undefined {
    const where = `flow "${run.flow.name}" node ${node.uuid}`;
    if ((router.type as string) !== 'switch') throw new SimulationError(`${where}: ${String(router.type)} routers are not supported by the simulator`);
    const categoryByUuid = (uuid: string | undefined) => router.categories.find((c) => c.uuid === uuid);
    if (isTimeout) {
      const category = categoryByUuid(router.wait?.timeout?.category_uuid);
      if (category) this.saveRouterResult(run, node, router, category, '', '');
      return category;
    }
    const operand = this.value(run, router.operand, `${where} operand`);
    const operandText = toText(operand);
    const operandAsText = isError(operandText) ? '' : operandText.value;
    for (const c of router.cases ?? []) {
      const base = c.arguments ?? [];
      let args = this.translate(run, c.uuid, 'arguments', base).values;
      if (args.length !== base.length) args = base;
      const values = args.map((arg) => this.value(run, arg, `${where} case ${c.uuid}`));
      const result = runTest(c.type, operand, values);
      if (result === undefined) throw new SimulationError(`${where}: the case test ${c.type} is not supported by the simulator`);
      if (result instanceof XError) {
        this.errors.push(`${where}: error calling test ${c.type}(...): ${result.message}`);
        continue;
      }
      if (result.matched) {
        const match = toText(result.match);
        // has_pattern's groups become the result's extra, as goflow saves a test's extra
        const extra = result.extra ? Object.fromEntries([...result.extra.properties].map(([key, value]) => [key, value === null || isError(value) ? '' : toTextValue(value)])) : undefined;
        return this.saveRouterResult(run, node, router, categoryByUuid(c.category_uuid), isError(match) ? '' : match.value, operandAsText, extra);
      }
    }
    if (router.default_category_uuid) {
      if (isError(operandText)) this.errors.push(`${where}: ${operandText.message}`);
      return this.saveRouterResult(run, node, router, categoryByUuid(router.default_category_uuid), operandAsText, operandAsText);
    }
    return undefined;
  }

  private saveRouterResult(run: RunState, node: FlowNode, router: SwitchRouter, category: Category | undefined, value: string, input: string, extra?: Record<string, string>): Category | undefined {
    if (category && router.result_name) {
      const localized = this.translate(run, category.uuid, 'name', [category.name]).values[0];
      this.saveResult(run, { name: router.result_name, value, category: category.name, categoryLocalized: localized, node: node.uuid, input, ...(extra ? { extra } : {}) });
    }
    return category;
  }

  saveResult(run: RunState, result: { name: string; value: string; category: string; categoryLocalized: string; node: string; input: string; extra?: unknown }): void {
    run.results.set(resultKey(result.name), result);
    this.emit({ type: 'run_result_changed', flow: run.flow.name, name: result.name, value: result.value, category: result.category });
  }
}
