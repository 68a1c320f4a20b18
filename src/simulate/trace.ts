/** The machine-readable trace of `simulate --json`. Every step says when it happened: story day and local `HH:MM`. */
import { ReportDoc } from '../phone/kit/docs';

interface When {
  day: number;
  time: string;
}

export type Step = When & (
  | { kind: 'form'; user: string; form: string; doc: ReportDoc }
  | { kind: 'outbound'; name: string; doc: Record<string, unknown>; payload: Record<string, unknown> }
  | { kind: 'outbound-skipped'; name: string; reason: string }
  /** A message from a phone, and where RapidPro gave it: the waiting run, a catch-all trigger, or nowhere (`inbox`). */
  | { kind: 'reply'; from: string; text: string; to: 'waiting run' | 'catch-all trigger' | 'inbox' }
  /** A RapidPro run started (`trigger`: manual for an API start, campaign, msg) or ended (`status`). */
  | { kind: 'run'; flow: string; runUuid: string; event: 'started' | 'ended'; trigger?: string; background?: boolean; status?: string }
  /** A campaign event skipped because the contact was answering another flow (start mode S). */
  | { kind: 'skipped'; flow: string; campaign: string; to: string }
  /** A change to the RapidPro contact that matters to a reader: its name, language or groups. */
  | { kind: 'contact'; urn: string; change: string }
  | { kind: 'sms'; to: string; text: string }
  | { kind: 'broadcast'; to: string[]; text: string }
  | { kind: 'webhook'; url: string; body: unknown; status: number }
  | { kind: 'record'; doc: ReportDoc }
  | { kind: 'error'; flow: string; text: string }
  | { kind: 'tasks'; user: string; tasks: TaskView[] }
  | { kind: 'action'; user: string; task: string; form: string; doc: ReportDoc | undefined }
  | { kind: 'targets'; user: string; targets: TargetView[] }
  // CHT's own SMS through RapidPro (src/simulate/gateway.ts)
  | { kind: 'messages-sent'; user: string; to: string; text: string }
  | { kind: 'cht-sms'; url: string; body: { urns: string[]; text: string }; status: number; state: string; note?: string }
  | { kind: 'cht-sms-status'; state: string }
  | { kind: 'cht-sms-round'; pending: number }
  | { kind: 'incoming'; from: string; text: string; flow: string; forwarded: boolean; webhook?: { url: string; body: unknown; status: number }; doc?: Record<string, unknown> }
  | { kind: 'messages-tab'; user: string; entries: { contact: string; text: string; direction: 'in' | 'out' }[] }
);

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
  /** Each workflow's own story. */
  workflows: WorkflowTrace[];
  /** Stories across workflows: overlapping runs on one phone, a phone shared by two people. */
  stories: WorkflowTrace[];
  /** CHT's own SMS through RapidPro's gateway flow. */
  gateway?: WorkflowTrace;
}
