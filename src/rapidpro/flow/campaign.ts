/**
 * Campaigns: RapidPro starts a flow for every member of a group at offsets from a date field of
 * the contact. A campaign event fires once, so "every day for 14 days" is 14 events
 * (`repeat`). On import RapidPro re-links each event to the imported flow, so the flow must be in
 * the same export.
 */
import type { FlowBuilder } from './builder';
import { checkRapidProName } from './naming';
import {
  CampaignDefinition,
  CampaignEventDefinition,
  CampaignEventUnit,
  CampaignStartMode,
  FieldDefinition,
  FlowReference,
  GroupDefinition,
  GroupReference,
} from './types';
import { derivedUuid } from '../uuid';

export interface CampaignEventSpec {
  flow: FlowReference | FlowBuilder;
  /** A `datetime` contact field, e.g. the quarantine start date. */
  relativeTo: FieldDefinition;
  /** Offset from the date, in `unit`s; negative fires before it. */
  offset: number;
  unit: CampaignEventUnit;
  /** Hour of the day (0–23) to fire day and week events at; default: the exact time of the date field. */
  deliveryHour?: number;
  /** What happens to a contact already in a flow: `I` interrupt it (default), `S` skip this event, `P` run in the background. */
  startMode?: CampaignStartMode;
}

export interface RepeatSpec extends Omit<CampaignEventSpec, 'offset' | 'unit'> {
  every: 'day' | 'week';
  /** How many events, e.g. 14 for a 14-day quarantine. */
  times: number;
  /** Offset of the first event, in days or weeks. Default 0 (on the date itself). */
  firstOffset?: number;
}

/** RapidPro does not limit events per campaign, but hundreds of them point to a mistake in `times`. */
const MAX_REPEAT = 366;

export class CampaignBuilder {
  private readonly events: CampaignEventDefinition[] = [];

  /** `key` is the stable identifier the campaign's UUIDs derive from; `group` the contacts it runs for. */
  constructor(readonly options: { key: string; name: string; group: GroupDefinition | GroupReference }) {
    checkRapidProName('campaign', options.name);
  }

  /** One event: start `flow` once at `offset` `unit`s from the contact's date field. */
  event(spec: CampaignEventSpec): this {
    if (spec.relativeTo.type !== 'datetime') {
      throw new Error(`campaign "${this.options.name}": field "${spec.relativeTo.key}" is a ${spec.relativeTo.type} field; campaign events need a datetime field`);
    }
    if (!Number.isInteger(spec.offset)) throw new Error(`campaign "${this.options.name}": offset ${spec.offset} is not a whole number`);
    const deliveryHour = spec.deliveryHour ?? -1;
    if (!Number.isInteger(deliveryHour) || deliveryHour < -1 || deliveryHour > 23) {
      throw new Error(`campaign "${this.options.name}": delivery hour ${deliveryHour} must be 0 to 23`);
    }
    if (deliveryHour !== -1 && (spec.unit === 'M' || spec.unit === 'H')) {
      throw new Error(`campaign "${this.options.name}": a delivery hour only applies to day and week offsets`);
    }
    const flow = 'toDefinition' in spec.flow ? spec.flow.ref : spec.flow;
    this.events.push({
      uuid: derivedUuid('campaign', this.options.key, 'event', String(this.events.length)),
      offset: spec.offset,
      unit: spec.unit,
      event_type: 'F',
      delivery_hour: deliveryHour,
      relative_to: { key: spec.relativeTo.key, label: spec.relativeTo.name },
      flow: { uuid: flow.uuid, name: flow.name },
      start_mode: spec.startMode ?? 'I',
    });
    return this;
  }

  /** `times` events, one a day or a week, starting `firstOffset` days/weeks after the date. */
  repeat(spec: RepeatSpec): this {
    if (!Number.isInteger(spec.times) || spec.times < 1 || spec.times > MAX_REPEAT) {
      throw new Error(`campaign "${this.options.name}": times must be 1 to ${MAX_REPEAT} (got ${spec.times})`);
    }
    const unit: CampaignEventUnit = spec.every === 'day' ? 'D' : 'W';
    const first = spec.firstOffset ?? 0;
    for (let i = 0; i < spec.times; i++) this.event({ ...spec, offset: first + i, unit });
    return this;
  }

  toDefinition(): CampaignDefinition {
    if (this.events.length === 0) throw new Error(`campaign "${this.options.name}" has no events`);
    return {
      uuid: derivedUuid('campaign', this.options.key),
      name: this.options.name,
      group: { uuid: this.options.group.uuid, name: this.options.group.name },
      events: this.events.map((event) => ({ ...event, relative_to: { ...event.relative_to }, flow: { ...event.flow } })),
    };
  }
}
