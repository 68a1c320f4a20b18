/** The machine-readable trace of `simulate --json`. */
import { ReportDoc } from '../phone/kit/docs';

export type Step =
  | { kind: 'form'; day: number; user: string; form: string; doc: ReportDoc }
  | { kind: 'outbound'; day: number; name: string; doc: Record<string, unknown>; payload: Record<string, unknown> }
  | { kind: 'outbound-skipped'; day: number; name: string; reason: string }
  | { kind: 'flow'; day: number; flow: string; runUuid: string; status: string; replies: string[] }
  | { kind: 'sms'; day: number; to: string; text: string }
  | { kind: 'broadcast'; day: number; to: string[]; text: string }
  | { kind: 'webhook'; day: number; url: string; body: unknown; status: number }
  | { kind: 'record'; day: number; doc: ReportDoc }
  | { kind: 'tasks'; day: number; user: string; tasks: TaskView[] }
  | { kind: 'action'; day: number; user: string; task: string; form: string; doc: ReportDoc | undefined }
  | { kind: 'targets'; day: number; user: string; targets: TargetView[] }
  // CHT's own SMS through RapidPro (src/simulate/gateway.ts)
  | { kind: 'messages-sent'; day: number; user: string; to: string; text: string }
  | { kind: 'cht-sms'; day: number; url: string; body: { urns: string[]; text: string }; status: number; state: string; note?: string }
  | { kind: 'cht-sms-status'; day: number; state: string }
  | { kind: 'cht-sms-round'; day: number; pending: number }
  | { kind: 'incoming'; day: number; from: string; text: string; flow: string; forwarded: boolean; webhook?: { url: string; body: unknown; status: number }; doc?: Record<string, unknown> }
  | { kind: 'messages-tab'; day: number; user: string; entries: { contact: string; text: string; direction: 'in' | 'out' }[] };

export interface TaskView {
  title: string;
  contact: string | undefined;
  form: string | undefined;
  dueDate: string;
  priority?: string;
}

export interface TargetView {
  id: string;
  pass: number;
  total: number;
  percent?: number;
}

export interface WorkflowTrace {
  id: string;
  title: string;
  steps: Step[];
}

export interface SimulationTrace {
  workflows: WorkflowTrace[];
  /** CHT's own SMS through RapidPro's gateway flow. */
  gateway?: WorkflowTrace;
}
