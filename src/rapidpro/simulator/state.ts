/** The mutable state of a simulated session: the contact, the runs, the current input. */
import { FieldType, FlowDefinition } from '../flow/types';
import { RunStatus, SimulatedResult } from './types';

export interface ContactState {
  uuid: string;
  name: string;
  urn: string;
  language: string;
  /** Raw field values by key; null for an unset field. */
  fields: Map<string, string | null>;
  /** Field types by key, for every field the workspace has. */
  fieldTypes: Map<string, FieldType>;
  groups: Set<string>;
}

export interface WebhookState {
  method: string;
  url: string;
  status: number;
  headers: Record<string, string>;
  /** The response body parsed as JSON, when it is JSON. */
  json: unknown;
  hasJson: boolean;
  /** Size of the JSON response body in bytes (RapidPro keeps at most 10,000 across waits). */
  jsonBytes: number;
}

export interface ResultState extends SimulatedResult {
  /** Parsed JSON response of the webhook that saved this result (`@results.x.extra`). */
  extra?: unknown;
}

export class RunState {
  status: RunStatus | 'active' = 'active';
  readonly results = new Map<string, ResultState>();
  /** Node UUIDs visited, in order; the last is where the run is. */
  readonly path: string[] = [];
  webhook: WebhookState | null = null;
  /** The most recent subflow run started from this run. */
  child?: RunState;

  constructor(
    readonly uuid: string,
    readonly flow: FlowDefinition,
    readonly parent?: RunState,
  ) {}

  get currentNode(): string | undefined {
    return this.path[this.path.length - 1];
  }

  isActive(): boolean {
    return this.status === 'active' || this.status === 'waiting';
  }
}

/** The reply the session is processing (`@input`), once the contact has replied. */
export interface InputState {
  uuid: string;
  text: string;
}
