/** The floor's input: what ours emits, by contact and report (bench/rules.ts builds it). */
export interface FloorEmission {
  kind: 'task' | 'target';
  /** The emission's own fields (no container or contact doc), dates as epoch ms. */
  fields: Record<string, unknown>;
}

/** Per contact id: what ours emits for the contact itself and for each of its reports. */
export type FloorTable = Record<string, { contact: FloorEmission[]; reports: Record<string, FloorEmission[]> }>;
