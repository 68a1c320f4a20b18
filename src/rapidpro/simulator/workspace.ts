/**
 * A RapidPro workspace over simulated time, after mailroom: what happens between the flows, where
 * `simulateFlow` walks one run. Exports are imported together (flows, campaigns, catch-all
 * triggers, fields, groups); then flow starts (the `flow_starts` API), incoming messages and the
 * passing of time drive sessions the way mailroom does:
 *
 * - **Contacts**: one per URN, created from the URN alone (no name, no language) by a flow start,
 *   an incoming message or a broadcast (`search/resolve.go`, `GetOrCreateContactsFromURNs`).
 * - **One waiting session per contact** (`contacts_contact.current_session_uuid`). A start of a
 *   messaging flow interrupts it; a background flow never does and never becomes it
 *   (`tasks/start_flow_batch.go`: `StartModeBackground` unless `FlowType().Interrupts()`;
 *   `handlers/sprint_ended.go`).
 * - **Start exclusions** (`flow_starts` serializer → `Exclusions`): `exclude_active` drops contacts
 *   with a waiting session (a contact the start creates is never dropped); `restart_participants:
 *   false` drops contacts who ran the flow in the last 90 days (`search/queries.go`).
 * - **Campaigns** (`hooks/update_campaign_fires.go`, `models/campaign.go` `ScheduleForTime`): a
 *   contact joining the group, or a change of the event's date field, schedules each event at the
 *   date + offset (rounded up to the minute; at the delivery hour for day and week events) unless
 *   that time has passed; leaving the group deletes the contact's fires. A fire starts the flow in
 *   the event's start mode: `I` interrupts the waiting session, `S` skips the contact when one is
 *   waiting, `P` runs a background flow (`tasks/bulk_campaign_trigger.go`, `runner/start.go`).
 * - **Waits**: a timeout fires `timeout` seconds after the wait began (if before the expiry) and
 *   the wait expires `expire_after_minutes` after it began; a later sprint replaces both
 *   (`handlers/sprint_ended.go` `calculateFires`).
 * - **Incoming messages** (`ctasks/msg_received.go`): resume the waiting session; with none, start
 *   the flow of the best-matching catch-all trigger (groups included +2, excluded +1,
 *   `models/trigger.go`); with neither, the message only reaches the inbox, which this workspace
 *   reports as `msg_unhandled`.
 *
 * Keyword, scheduled and other triggers, voice flows and `start_session` are not modelled and are
 * refused by name.
 */
import { FieldType, FlowDefinition, RapidProExport } from '../flow/types';
import { derivedUuid } from '../uuid';
import { checkZone, fromWallClock, parseDateTime, wallClock } from './excellent/dates';
import { Session, SimulationError } from './session';
import { ContactState, RunState } from './state';
import { fromJson } from './excellent/values';
import { RunStatus, SimulationEvent, WebhookRequest, WebhookResponse } from './types';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** `restart_participants: false` excludes contacts who were in the flow within this long (mailroom's `history` query). */
const HISTORY_WINDOW = 90 * DAY;

/** A `flow_starts.json` request body, as CHT's outbound push sends it. */
export interface FlowStartRequest {
  flow: string;
  urns?: readonly string[];
  params?: Readonly<Record<string, unknown>>;
  restart_participants?: boolean;
  exclude_active?: boolean;
}

/** What a webhook call looks like to the handler: the request and when, for whom, from which run. */
export interface WorkspaceWebhookContext {
  at: number;
  urn: string;
  flow: string;
  run: string;
}

export interface WorkspaceOptions {
  /** The simulated time the workspace starts at (epoch milliseconds). */
  start: number;
  /** Workspace time zone (IANA); campaign delivery hours and `today()` use it. Default UTC. */
  timezone?: string;
  /** Workspace date format. Default `YYYY-MM-DD`. */
  dateFormat?: 'YYYY-MM-DD' | 'DD-MM-YYYY' | 'MM-DD-YYYY';
  globals?: Readonly<Record<string, string>>;
  /** Workspace languages; a contact language outside them is ignored. Default: any. */
  allowedLanguages?: readonly string[];
  defaultLanguage?: string;
  /** Answers webhook calls; a flow that calls one without this handler is refused. */
  webhook?: (request: WebhookRequest, context: WorkspaceWebhookContext) => WebhookResponse;
}

/** How a session was started (`@trigger.type`). */
export type WorkspaceTrigger = 'manual' | 'campaign' | 'msg';

/** Something that happened in the workspace, in time order. */
export type WorkspaceEvent = { at: number; urn: string } & (
  | { type: 'contact_created' }
  | { type: 'run_started'; flow: string; run: string; trigger: WorkspaceTrigger; background: boolean }
  | { type: 'run_ended'; flow: string; run: string; status: RunStatus }
  | { type: 'run_waiting'; flow: string; run: string; timeoutSeconds?: number }
  | { type: 'msg_received'; text: string; to: 'waiting run' | 'catch-all trigger' }
  | { type: 'msg_unhandled'; text: string }
  | { type: 'msg_sent'; flow: string; text: string; language: string }
  | { type: 'broadcast_sent'; flow: string; to: string; text: string; language: string }
  | { type: 'webhook_called'; flow: string; run: string; request: WebhookRequest; status: number }
  | { type: 'contact_changed'; change: string }
  | { type: 'start_excluded'; flow: string; reason: 'in a flow' | 'started previously' }
  | { type: 'campaign_skipped'; campaign: string; flow: string }
  | { type: 'error'; flow: string; text: string }
);

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type EventBody = DistributiveOmit<WorkspaceEvent, 'at' | 'urn'>;

/** A run as `runs.json` would list it. */
export interface WorkspaceRun {
  uuid: string;
  flow: string;
  urn: string;
  trigger: WorkspaceTrigger;
  status: RunStatus | 'active';
  results: Record<string, { value: string; category: string; input: string }>;
  createdOn: number;
  modifiedOn: number;
  exitedOn: number | null;
}

interface CampaignPoint {
  campaign: string;
  group: string;
  index: number;
  flow: string;
  field: string;
  offset: number;
  unit: 'M' | 'H' | 'D' | 'W';
  deliveryHour: number;
  startMode: 'I' | 'S' | 'P';
}

/** A catch-all trigger, its groups by name. */
export interface CatchallTrigger {
  flow: string;
  groups: readonly string[];
  excludeGroups: readonly string[];
}

/**
 * mailroom's `findBestTriggerMatch` for catch-all triggers: a trigger with groups matches a
 * contact in one of them (+2), one with exclusions a contact in none of them (+1); the highest
 * score wins, the first in order on a tie.
 */
export function bestCatchall<T extends CatchallTrigger>(triggers: readonly T[], groups: ReadonlySet<string>): T | undefined {
  let best: { trigger: T; score: number } | undefined;
  for (const trigger of triggers) {
    let score = 0;
    if (trigger.groups.length > 0) {
      if (!trigger.groups.some((group) => groups.has(group))) continue;
      score += 2;
    }
    if (trigger.excludeGroups.length > 0) {
      if (trigger.excludeGroups.some((group) => groups.has(group))) continue;
      score += 1;
    }
    if (!best || score > best.score) best = { trigger, score };
  }
  return best?.trigger;
}

interface WorkspaceContact {
  state: ContactState;
  /** The session waiting for this contact's reply. */
  waiting?: LiveSession;
  /** When the contact last ran each flow (by UUID), for `restart_participants: false`. */
  history: Map<string, number>;
}

interface LiveSession {
  session: Session;
  contact: WorkspaceContact;
  /** Changes on every sprint: a wait fire from an earlier sprint is stale. */
  sprint: number;
  eventsSeen: number;
  runsSeen: number;
  trigger: WorkspaceTrigger;
}

type Fire =
  | { kind: 'campaign'; at: number; seq: number; urn: string; point: CampaignPoint }
  | { kind: 'timeout' | 'expire'; at: number; seq: number; urn: string; live: LiveSession; sprint: number };

export class SimulatedWorkspace {
  private readonly flows = new Map<string, FlowDefinition>();
  private readonly points: CampaignPoint[] = [];
  private readonly catchalls: CatchallTrigger[] = [];
  private readonly fieldTypes = new Map<string, FieldType>();
  private readonly smartGroups = new Set<string>();
  private readonly contacts = new Map<string, WorkspaceContact>();
  private fires: Fire[] = [];
  private seq = 0;
  private sessionCount = 0;
  private clock: number;
  private readonly timezone: string;
  readonly events: WorkspaceEvent[] = [];
  readonly runs: WorkspaceRun[] = [];
  private readonly runsByUuid = new Map<string, WorkspaceRun>();

  constructor(exports: readonly RapidProExport[], readonly options: WorkspaceOptions) {
    this.clock = options.start;
    this.timezone = options.timezone ?? 'UTC';
    checkZone(this.timezone);
    for (const exported of exports) this.import(exported);
  }

  /** The current simulated time (epoch milliseconds). */
  get now(): number {
    return this.clock;
  }

  /** The contact with this URN, as the workspace holds it (undefined before anything created it). */
  contact(urn: string): Readonly<ContactState> | undefined {
    return this.contacts.get(urn)?.state;
  }

  /** The flow the contact's waiting session is waiting in, if any. */
  waitingFlow(urn: string): string | undefined {
    const live = this.contacts.get(urn)?.waiting;
    return live?.session.waitingRun()?.flow.name;
  }

  /** `POST /api/v2/flow_starts.json` at the current time. */
  startFlow(request: FlowStartRequest): void {
    const flow = this.flows.get(request.flow);
    if (!flow) throw new SimulationError(`flow_starts: no flow with UUID ${request.flow} in the workspace (RapidPro answers 400)`);
    if (flow.type === 'voice') throw new SimulationError(`flow_starts: voice flow "${flow.name}" is not modelled`);
    for (const urn of request.urns ?? []) {
      const { contact, created } = this.contactFor(urn);
      if (!created && request.exclude_active === true && contact.waiting) {
        this.record(urn, { type: 'start_excluded', flow: flow.name, reason: 'in a flow' });
        continue;
      }
      const last = contact.history.get(flow.uuid);
      if (!created && request.restart_participants === false && last !== undefined && this.clock - last <= HISTORY_WINDOW) {
        this.record(urn, { type: 'start_excluded', flow: flow.name, reason: 'started previously' });
        continue;
      }
      this.startSession(contact, flow, { trigger: 'manual', params: request.params ?? {}, interrupt: flow.type !== 'messaging_background' });
    }
  }

  /** A message from `urn` arrives now. */
  receive(urn: string, text: string): void {
    const { contact } = this.contactFor(urn);
    const live = contact.waiting;
    if (live) {
      this.record(urn, { type: 'msg_received', text, to: 'waiting run' });
      this.sprint(live, () => live.session.resume(text));
      return;
    }
    const trigger = this.matchCatchall(contact.state.groups);
    if (trigger) {
      const flow = this.flows.get(trigger.flow) as FlowDefinition;
      this.record(urn, { type: 'msg_received', text, to: 'catch-all trigger' });
      this.startSession(contact, flow, { trigger: 'msg', params: {}, interrupt: flow.type !== 'messaging_background', input: text });
      return;
    }
    this.record(urn, { type: 'msg_unhandled', text });
  }

  /** Lets time pass until `time`, firing campaign events, wait timeouts and expiries on the way. */
  advanceTo(time: number): void {
    if (time < this.clock) throw new SimulationError(`cannot go back in time (${new Date(time).toISOString()} is before ${new Date(this.clock).toISOString()})`);
    for (;;) {
      const next = this.nextFire();
      if (!next || next.at > time) break;
      this.fires = this.fires.filter((fire) => fire !== next);
      this.clock = Math.max(this.clock, next.at);
      this.fire(next);
    }
    this.clock = time;
  }

  // ------------------------------------------------------------------ import

  private import(exported: RapidProExport): void {
    for (const flow of exported.flows) {
      if (!flow.nodes) throw new SimulationError(`flow "${flow.name}" is in the legacy format; the workspace simulator reads spec 13+ flows`);
      this.flows.set(flow.uuid, flow);
      for (const node of flow.nodes) {
        for (const action of node.actions ?? []) {
          if (action.type === 'set_contact_field' && !this.fieldTypes.has(action.field.key)) this.fieldTypes.set(action.field.key, 'text');
        }
      }
    }
    for (const field of exported.fields ?? []) this.fieldTypes.set(field.key, field.type);
    for (const group of exported.groups ?? []) if (group.query) this.smartGroups.add(group.name);
    for (const campaign of exported.campaigns ?? []) {
      campaign.events.forEach((event, index) => {
        if (event.event_type !== 'F') throw new SimulationError(`campaign "${campaign.name}": message events are not modelled`);
        // campaign fields are datetimes: RapidPro creates or converts them on import
        this.fieldTypes.set(event.relative_to.key, 'datetime');
        this.points.push({
          campaign: campaign.name, group: campaign.group.name, index, flow: event.flow.uuid, field: event.relative_to.key,
          offset: event.offset, unit: event.unit, deliveryHour: event.delivery_hour, startMode: event.start_mode,
        });
      });
    }
    for (const raw of exported.triggers ?? []) {
      const trigger = raw as { trigger_type?: string; flow?: { uuid: string }; groups?: Array<{ name: string }>; exclude_groups?: Array<{ name: string }>; channel?: unknown };
      if (trigger.trigger_type !== 'C') throw new SimulationError(`trigger type ${String(trigger.trigger_type)} is not modelled by the workspace simulator (only catch-all triggers are)`);
      if (trigger.channel) throw new SimulationError('channel-specific catch-all triggers are not modelled');
      this.catchalls.push({ flow: trigger.flow?.uuid ?? '', groups: (trigger.groups ?? []).map((g) => g.name), excludeGroups: (trigger.exclude_groups ?? []).map((g) => g.name) });
    }
  }

  // ------------------------------------------------------------------ contacts and sessions

  private contactFor(urn: string): { contact: WorkspaceContact; created: boolean } {
    const existing = this.contacts.get(urn);
    if (existing) return { contact: existing, created: false };
    if (!/^(tel|whatsapp|telegram|facebook|viber|mailto|ext|line|instagram):.+/.test(urn)) throw new SimulationError(`"${urn}" is not a URN like tel:+254700000001`);
    const state: ContactState = {
      uuid: derivedUuid('contact', urn),
      name: '',
      urn,
      language: '',
      fields: new Map([...this.fieldTypes.keys()].map((key) => [key, null])),
      fieldTypes: this.fieldTypes,
      groups: new Set(),
    };
    const contact: WorkspaceContact = { state, history: new Map() };
    this.contacts.set(urn, contact);
    this.record(urn, { type: 'contact_created' });
    return { contact, created: true };
  }

  private startSession(contact: WorkspaceContact, flow: FlowDefinition, how: { trigger: WorkspaceTrigger; params: Readonly<Record<string, unknown>>; interrupt: boolean; input?: string }): void {
    if (how.interrupt && contact.waiting) {
      const previous = contact.waiting;
      this.sprint(previous, () => previous.session.resume({ interrupt: true }));
    }
    const session: Session = new Session(
      this.flows,
      contact.state,
      { triggerType: how.trigger, params: fromJson(how.params), globals: this.options.globals ?? {}, env: { now: this.clock, timezone: this.timezone, dateFormat: this.options.dateFormat ?? 'YYYY-MM-DD' } },
      {
        contact: { urn: contact.state.urn },
        runUuid: derivedUuid('run', flow.uuid, contact.state.uuid, String(this.sessionCount++)),
        allowedLanguages: this.options.allowedLanguages,
        defaultLanguage: this.options.defaultLanguage,
        webhook: (request: WebhookRequest): WebhookResponse => {
          const handler = this.options.webhook;
          if (!handler) throw new SimulationError(`flow "${flow.name}" calls ${request.method} ${request.url} but the workspace was given no webhook handler`);
          const run = session.runs[session.runs.length - 1];
          return handler(request, { at: this.clock, urn: contact.state.urn, flow: run?.flow.name ?? flow.name, run: run?.uuid ?? '' });
        },
      },
      this.smartGroups,
    );
    const live: LiveSession = { session, contact, sprint: 0, eventsSeen: 0, runsSeen: 0, trigger: how.trigger };
    contact.history.set(flow.uuid, this.clock);
    this.sprint(live, () => session.start(flow, how.input));
  }

  /** Runs one sprint of `live` now, then records what it did and reschedules its fires. */
  private sprint(live: LiveSession, step: () => void): void {
    const { session, contact } = live;
    const urn = contact.state.urn;
    session.setNow(this.clock);
    step();
    live.sprint++;
    const started = session.runs.slice(live.runsSeen);
    for (const run of started) {
      const listed: WorkspaceRun = { uuid: run.uuid, flow: run.flow.name, urn, trigger: live.trigger, status: 'active', results: {}, createdOn: this.clock, modifiedOn: this.clock, exitedOn: null };
      this.runs.push(listed);
      this.runsByUuid.set(run.uuid, listed);
    }
    live.runsSeen = session.runs.length;
    const fieldChanges = new Set<string>();
    const groupsAdded = new Set<string>();
    const groupsRemoved = new Set<string>();
    const startedQueue = [...started];
    for (const event of session.events.slice(live.eventsSeen)) {
      this.translateEvent(event, live, urn, startedQueue, { fieldChanges, groupsAdded, groupsRemoved });
    }
    live.eventsSeen = session.events.length;
    for (const run of session.runs) {
      const listed = this.runsByUuid.get(run.uuid);
      if (!listed) continue;
      listed.results = Object.fromEntries([...run.results].map(([key, result]) => [key, { value: result.value, category: result.category, input: result.input }]));
      if (listed.status !== run.status) {
        listed.status = run.status;
        listed.modifiedOn = this.clock;
        if (run.status !== 'active' && run.status !== 'waiting') listed.exitedOn = this.clock;
      }
    }

    // the contact's current session: a waiting messaging session, never a background one
    const waitingRun = session.waitingRun();
    const background = session.runs[0]?.flow.type === 'messaging_background';
    if (!background) {
      if (waitingRun) contact.waiting = live;
      else if (contact.waiting === live) contact.waiting = undefined;
    }
    // session fires: the previous wait's are replaced by this sprint's
    this.fires = this.fires.filter((fire) => fire.kind === 'campaign' || fire.live !== live);
    if (waitingRun && !background) {
      const node = waitingRun.flow.nodes.find((n) => n.uuid === waitingRun.currentNode);
      const timeout = node?.router?.wait?.timeout?.seconds;
      const expiresOn = this.clock + waitingRun.flow.expire_after_minutes * MINUTE;
      if (timeout !== undefined && this.clock + timeout * 1000 < expiresOn) this.schedule({ kind: 'timeout', at: this.clock + timeout * 1000, urn, live, sprint: live.sprint });
      this.schedule({ kind: 'expire', at: expiresOn, urn, live, sprint: live.sprint });
    }
    this.updateCampaignFires(contact, fieldChanges, groupsAdded, groupsRemoved);
  }

  private translateEvent(event: SimulationEvent, live: LiveSession, urn: string, started: RunState[], changes: { fieldChanges: Set<string>; groupsAdded: Set<string>; groupsRemoved: Set<string> }): void {
    const flowName = live.session.runs[live.session.runs.length - 1]?.flow.name ?? '';
    switch (event.type) {
      case 'run_started': {
        // the runs a sprint starts are announced in the order they were created
        const run = started.shift();
        this.record(urn, { type: 'run_started', flow: event.flow, run: run?.uuid ?? '', trigger: live.trigger, background: run?.flow.type === 'messaging_background' });
        return;
      }
      case 'run_ended': {
        const run = [...live.session.runs].reverse().find((candidate) => candidate.flow.name === event.flow && candidate.status === event.status);
        this.record(urn, { type: 'run_ended', flow: event.flow, run: run?.uuid ?? '', status: event.status });
        return;
      }
      case 'msg_wait': {
        const run = live.session.waitingRun();
        this.record(urn, { type: 'run_waiting', flow: event.flow, run: run?.uuid ?? '', ...(event.timeout_seconds !== undefined ? { timeoutSeconds: event.timeout_seconds } : {}) });
        return;
      }
      case 'msg_created':
        this.record(urn, { type: 'msg_sent', flow: flowName, text: event.text, language: event.language });
        return;
      case 'broadcast_created':
        for (const to of event.to) {
          const { contact } = this.contactFor(to);
          const language = contact.state.language && event.translations[contact.state.language] !== undefined ? contact.state.language : Object.keys(event.translations)[0];
          this.record(to, { type: 'broadcast_sent', flow: flowName, to, text: event.translations[language] ?? event.text, language });
        }
        return;
      case 'webhook_called': {
        const run = live.session.runs[live.session.runs.length - 1];
        this.record(urn, { type: 'webhook_called', flow: flowName, run: run?.uuid ?? '', request: { method: event.method, url: event.url, headers: event.headers, body: event.body }, status: event.status });
        return;
      }
      case 'contact_field_changed':
        changes.fieldChanges.add(event.field);
        this.record(urn, { type: 'contact_changed', change: `field ${event.field} = ${event.value === null ? '(empty)' : JSON.stringify(event.value)}` });
        return;
      case 'contact_groups_changed':
        for (const group of event.added) { changes.groupsAdded.add(group); changes.groupsRemoved.delete(group); }
        for (const group of event.removed) { changes.groupsRemoved.add(group); changes.groupsAdded.delete(group); }
        this.record(urn, { type: 'contact_changed', change: [...event.added.map((g) => `joined ${g}`), ...event.removed.map((g) => `left ${g}`)].join(', ') });
        return;
      case 'contact_name_changed':
        this.record(urn, { type: 'contact_changed', change: `name ${JSON.stringify(event.name)}` });
        return;
      case 'contact_language_changed':
        this.record(urn, { type: 'contact_changed', change: `language ${event.language || '(none)'}` });
        return;
      case 'error':
        this.record(urn, { type: 'error', flow: flowName, text: event.text });
        return;
      default:
        return;
    }
  }

  // ------------------------------------------------------------------ campaigns

  /** mailroom's `updateCampaignFires` hook for one contact's sprint. */
  private updateCampaignFires(contact: WorkspaceContact, fieldChanges: ReadonlySet<string>, groupsAdded: ReadonlySet<string>, groupsRemoved: ReadonlySet<string>): void {
    const urn = contact.state.urn;
    const toRemove = new Set<CampaignPoint>();
    const toAdd = new Set<CampaignPoint>();
    for (const point of this.points) {
      const inGroup = contact.state.groups.has(point.group);
      const qualifiesByField = contact.state.fields.get(point.field) !== null && contact.state.fields.get(point.field) !== undefined;
      if (groupsRemoved.has(point.group) && (qualifiesByField || fieldChanges.has(point.field))) toRemove.add(point);
      if (fieldChanges.has(point.field) && (inGroup || groupsRemoved.has(point.group))) {
        toRemove.add(point);
        toAdd.add(point);
      }
      if (groupsAdded.has(point.group)) toAdd.add(point);
    }
    this.fires = this.fires.filter((fire) => fire.kind !== 'campaign' || fire.urn !== urn || !toRemove.has(fire.point));
    for (const point of this.points.filter((p) => toAdd.has(p))) {
      // a point scheduled again replaces the contact's earlier fire for it
      this.fires = this.fires.filter((fire) => fire.kind !== 'campaign' || fire.urn !== urn || fire.point !== point);
      const at = this.scheduleFor(point, contact.state);
      if (at !== undefined) this.schedule({ kind: 'campaign', at, urn, point });
    }
  }

  /** `CampaignPoint.ScheduleForContact`: when the event fires for this contact, or undefined. */
  private scheduleFor(point: CampaignPoint, state: ContactState): number | undefined {
    if (!state.groups.has(point.group)) return undefined;
    const raw = state.fields.get(point.field);
    if (raw === null || raw === undefined) return undefined;
    const start = parseDateTime(raw, this.timezone, this.options.dateFormat ?? 'YYYY-MM-DD');
    if (!start) return undefined;
    return scheduleForTime(point, this.timezone, this.clock, start.epochMs + (start.micros ? 1 : 0));
  }

  // ------------------------------------------------------------------ fires

  private schedule(fire: DistributiveOmit<Fire, 'seq'>): void {
    this.fires.push({ ...fire, seq: this.seq++ });
  }

  private nextFire(): Fire | undefined {
    let next: Fire | undefined;
    for (const fire of this.fires) if (!next || fire.at < next.at || (fire.at === next.at && fire.seq < next.seq)) next = fire;
    return next;
  }

  private fire(fire: Fire): void {
    const contact = this.contacts.get(fire.urn);
    if (!contact) return;
    if (fire.kind === 'campaign') {
      const flow = this.flows.get(fire.point.flow);
      if (!flow) {
        this.record(fire.urn, { type: 'error', flow: '', text: `campaign "${fire.point.campaign}" event ${fire.point.index} starts a flow that is not in the workspace` });
        return;
      }
      const background = flow.type === 'messaging_background';
      if (fire.point.startMode === 'P' && !background) throw new SimulationError(`campaign "${fire.point.campaign}": start mode P with messaging flow "${flow.name}" is not modelled (RapidPro forces P only for background flows)`);
      if (fire.point.startMode === 'S' && contact.waiting) {
        this.record(fire.urn, { type: 'campaign_skipped', campaign: fire.point.campaign, flow: flow.name });
        return;
      }
      this.startSession(contact, flow, { trigger: 'campaign', params: {}, interrupt: fire.point.startMode === 'I' && !background });
      return;
    }
    const live = fire.live;
    if (contact.waiting !== live || live.sprint !== fire.sprint || !live.session.waitingRun()) return;
    this.sprint(live, () => live.session.resume(fire.kind === 'timeout' ? { timeout: true } : { expire: true }));
  }

  // ------------------------------------------------------------------ triggers

  private matchCatchall(groups: ReadonlySet<string>): CatchallTrigger | undefined {
    return bestCatchall(this.catchalls, groups);
  }

  private record(urn: string, event: EventBody): void {
    this.events.push({ at: this.clock, urn, ...event } as WorkspaceEvent);
  }
}

/**
 * mailroom's `CampaignPoint.ScheduleForTime`: the start rounded up to the next minute, plus the
 * offset (minutes and hours as durations, days and weeks on the calendar), at the delivery hour
 * if set; undefined when that is before `now`.
 */
export function scheduleForTime(point: { offset: number; unit: 'M' | 'H' | 'D' | 'W'; deliveryHour: number }, zone: string, now: number, startMs: number): number | undefined {
  let scheduled = startMs % MINUTE === 0 ? startMs : Math.floor(startMs / MINUTE) * MINUTE + MINUTE;
  if (point.unit === 'M') scheduled += point.offset * MINUTE;
  else if (point.unit === 'H') scheduled += point.offset * 60 * MINUTE;
  else {
    const clock = wallClock({ epochMs: scheduled, zone });
    scheduled = fromWallClock({ ...clock, day: clock.day + point.offset * (point.unit === 'W' ? 7 : 1) }, zone).epochMs;
  }
  if (point.deliveryHour !== -1) {
    const clock = wallClock({ epochMs: scheduled, zone });
    scheduled = fromWallClock({ ...clock, hour: point.deliveryHour, minute: 0, second: 0, millisecond: 0, microsecond: 0 }, zone).epochMs;
  }
  return scheduled < now ? undefined : scheduled;
}
