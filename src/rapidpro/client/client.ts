import { RapidProExport } from '../flow/types';
import { RapidProError } from './errors';
import { FlowDirectory } from './flow-names';
import { RapidProHttp, RapidProHttpOptions } from './http';
import {
  Broadcast,
  BroadcastRequest,
  ContactFilter,
  ContactLookup,
  ContactWrite,
  FieldCreateRequest,
  FlowStart,
  FlowStartRequest,
  RapidProContact,
  RapidProField,
  RapidProFlow,
  RapidProRun,
  RunFilter,
} from './types';

export type RapidProClientOptions = RapidProHttpOptions;

/** Typed client for the RapidPro REST API v2 endpoints this project uses. */
export class RapidProClient {
  readonly http: RapidProHttp;

  constructor(options: RapidProClientOptions) {
    this.http = new RapidProHttp(options);
  }

  /** The workspace base URL (ends with `/`). */
  get host(): string {
    return this.http.host;
  }

  /** Every flow of the workspace, archived ones included. */
  listFlows(filter: { type?: string; archived?: boolean } = {}): AsyncGenerator<RapidProFlow, void, undefined> {
    return this.http.items<RapidProFlow>('flows.json', filter);
  }

  /** An index of the workspace's flows by name (one listing, however many names are looked up). */
  async flowDirectory(): Promise<FlowDirectory> {
    const flows: RapidProFlow[] = [];
    for await (const flow of this.listFlows()) flows.push(flow);
    return new FlowDirectory(flows);
  }

  /** The active flow with exactly this name, or undefined. Throws when several active flows share it. */
  async findFlowByName(name: string): Promise<RapidProFlow | undefined> {
    const match = (await this.flowDirectory()).match(name);
    if (match.status === 'ambiguous') {
      throw new RapidProError(`RapidPro has ${match.uuids.length} active flows named "${name}" (${match.uuids.join(', ')}): archive or rename the extra ones`, 'http', 'GET', 'flows.json', 200);
    }
    return match.status === 'found' ? match.flow : undefined;
  }

  /** Starts a flow. Never retried on 5xx or timeout: RapidPro may already have started it. */
  /**
   * The current definitions of these flows as the workspace holds them (`GET definitions.json`,
   * migrated to the workspace's engine), without their dependencies: what an upgrade would replace.
   */
  definitions(flowUuids: readonly string[]): Promise<Pick<RapidProExport, 'flows'>> {
    return this.http.request<Pick<RapidProExport, 'flows'>>('GET', 'definitions.json', { query: { flow: flowUuids, dependencies: 'none' }, idempotent: true });
  }

  startFlow(request: FlowStartRequest): Promise<FlowStart> {
    return this.http.request<FlowStart>('POST', 'flow_starts.json', { body: request, idempotent: false });
  }

  /** Runs, item by item, following pagination. Use `runPages` to work a page at a time. */
  listRuns(filter: RunFilter = {}): AsyncGenerator<RapidProRun, void, undefined> {
    return this.http.items<RapidProRun>('runs.json', { ...filter });
  }

  /** Runs, one page (up to 250) at a time. */
  runPages(filter: RunFilter = {}): AsyncGenerator<RapidProRun[], void, undefined> {
    return this.http.pages<RapidProRun>('runs.json', { ...filter });
  }

  listContacts(filter: ContactFilter = {}): AsyncGenerator<RapidProContact, void, undefined> {
    return this.http.items<RapidProContact>('contacts.json', { ...filter });
  }

  /** Creates a contact. Fails with `urns[i]: URN is in use by another contact.` on a taken URN. */
  createContact(contact: ContactWrite): Promise<RapidProContact> {
    return this.http.request<RapidProContact>('POST', 'contacts.json', { body: contact, idempotent: false });
  }

  /**
   * Updates the contact with this UUID or URN. With a URN RapidPro forbids `urns` in the body
   * and creates the contact when none has the URN.
   */
  updateContact(lookup: ContactLookup, contact: ContactWrite): Promise<RapidProContact> {
    return this.http.request<RapidProContact>('POST', 'contacts.json', { query: { ...lookup }, body: contact, idempotent: false });
  }

  /**
   * Creates the contact, or updates the one that already owns its URN: POST, then on
   * "URN is in use" re-POST with `?urn=` (encoded, so `+` survives) and without `urns`.
   */
  async upsertContact(contact: ContactWrite & { urns: string[] }): Promise<RapidProContact> {
    try {
      return await this.createContact(contact);
    } catch (error) {
      const index = takenUrnIndex(error);
      if (index === undefined) throw error;
      const { urns, ...rest } = contact;
      return this.updateContact({ urn: urns[index] }, rest);
    }
  }

  /** Sends an SMS broadcast. Never retried on 5xx or timeout: RapidPro may already have sent it. */
  sendBroadcast(request: BroadcastRequest): Promise<Broadcast> {
    return this.http.request<Broadcast>('POST', 'broadcasts.json', { body: request, idempotent: false });
  }

  listFields(filter: { key?: string } = {}): AsyncGenerator<RapidProField, void, undefined> {
    return this.http.items<RapidProField>('fields.json', filter);
  }

  createField(field: FieldCreateRequest): Promise<RapidProField> {
    return this.http.request<RapidProField>('POST', 'fields.json', { body: field, idempotent: false });
  }
}

/** The index of the URN RapidPro says is taken, from `{"urns": {"0": ["URN is in use by another contact."]}}`. */
function takenUrnIndex(error: unknown): number | undefined {
  if (!(error instanceof RapidProError) || error.status !== 400) return undefined;
  const urns = (error.body as { urns?: unknown } | undefined)?.urns;
  if (!urns || typeof urns !== 'object' || Array.isArray(urns)) return undefined;
  for (const [key, messages] of Object.entries(urns as Record<string, unknown>)) {
    const list = Array.isArray(messages) ? messages : [messages];
    if (/^\d+$/.test(key) && list.some((m) => typeof m === 'string' && /in use/i.test(m))) return Number(key);
  }
  return undefined;
}
