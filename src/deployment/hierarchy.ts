/**
 * A hierarchy placed as src/deployment/roles.ts says: supervision areas, each with its supervisor
 * and CHW areas; each CHW area with its CHW and households; households with their members, some of
 * them traced contacts. `check` builds a small one to test the settings; the deployment tests
 * build larger ones. Docs are shaped as CHT stores them (minified lineage in `parent`).
 */
import { ChtUser, Doc } from './replication';
import { PERSON_TYPE, PLACE_TYPES, ROLES } from './roles';

export interface HierarchySpec {
  /** Per supervision area, the number of households of each of its CHW areas (e.g. `[[2, 3], [1]]`). */
  areas: readonly (readonly number[])[];
  /** Members per household; the first `tracedPerHousehold` of them are traced contacts. */
  membersPerHousehold: number;
  tracedPerHousehold: number;
  /**
   * Supervision areas covered by one supervisor with several places (`can_have_multiple_places`),
   * as indexes into `areas`; every other area has its own supervisor.
   */
  multiFacility?: readonly number[];
}

export interface PlacedPerson extends Doc {
  name: string;
  phone: string;
  parent: LineageRef;
}

export interface LineageRef {
  _id: string;
  parent?: LineageRef;
}

export interface ChwArea {
  area: Doc;
  chw: PlacedPerson;
  user: ChtUser;
  households: { household: Doc; members: PlacedPerson[]; traced: PlacedPerson[] }[];
}

export interface SupervisionArea {
  area: Doc;
  chwAreas: ChwArea[];
}

export interface Supervisor {
  person: PlacedPerson;
  user: ChtUser;
  areas: SupervisionArea[];
}

export interface Hierarchy {
  areas: SupervisionArea[];
  supervisors: Supervisor[];
  chws: ChwArea[];
  /** The integration user's own place, person and user. */
  integration: { place: Doc; person: PlacedPerson; user: ChtUser };
  docs: Doc[];
  /** Every contact by id. */
  byId: Map<string, Doc>;
}

/** `{ _id, parent: { _id, … } }` of a doc, as CHT minifies lineage. */
export function lineageOf(doc: { _id: string; parent?: LineageRef }): LineageRef {
  return doc.parent ? { _id: doc._id, parent: doc.parent } : { _id: doc._id };
}

/** Phone numbers in a reserved-looking range so tests never look like real people. */
function phoneFor(n: number): string {
  return `+2547000${String(n).padStart(5, '0')}`;
}

export function buildHierarchy(spec: HierarchySpec): Hierarchy {
  const docs: Doc[] = [];
  let phones = 0;
  const person = (id: string, name: string, parent: Doc, extra: Record<string, unknown> = {}): PlacedPerson => {
    const doc: PlacedPerson = { _id: id, type: PERSON_TYPE, name, phone: phoneFor(++phones), parent: lineageOf(parent as { _id: string; parent?: LineageRef }), reported_date: 0, ...extra };
    docs.push(doc);
    return doc;
  };
  const place = (id: string, type: string, name: string, parent?: Doc): Doc => {
    const doc: Doc = { _id: id, type, name, reported_date: 0, ...(parent ? { parent: lineageOf(parent as { _id: string; parent?: LineageRef }) } : {}) };
    docs.push(doc);
    return doc;
  };

  const areas: SupervisionArea[] = [];
  const chws: ChwArea[] = [];
  spec.areas.forEach((households, a) => {
    const area = place(`sa${a + 1}`, PLACE_TYPES.supervisionArea, `Supervision area ${a + 1}`);
    const supervisionArea: SupervisionArea = { area, chwAreas: [] };
    households.forEach((householdCount, c) => {
      const chwArea = place(`sa${a + 1}-ca${c + 1}`, PLACE_TYPES.chwArea, `CHW area ${a + 1}.${c + 1}`, area);
      const chw = person(`chw-${a + 1}-${c + 1}`, `CHW ${a + 1}.${c + 1}`, chwArea, { role: 'chw', patient_id: `7${a + 1}${c + 1}00` });
      chwArea.contact = lineageOf(chw);
      const entry: ChwArea = {
        area: chwArea,
        chw,
        user: { name: `chw_${a + 1}_${c + 1}`, roles: [ROLES.chw], facilityIds: [chwArea._id], contactId: chw._id },
        households: [],
      };
      for (let h = 0; h < householdCount; h++) {
        const household = place(`${chwArea._id}-hh${h + 1}`, PLACE_TYPES.household, `Household ${a + 1}.${c + 1}.${h + 1}`, chwArea);
        const members: PlacedPerson[] = [];
        for (let m = 0; m < spec.membersPerHousehold; m++) {
          const traced = m < spec.tracedPerHousehold;
          members.push(person(`${household._id}-p${m + 1}`, `Member ${a + 1}.${c + 1}.${h + 1}.${m + 1}`, household, { role: traced ? 'traced_contact' : 'other', patient_id: `8${a + 1}${c + 1}${h + 1}${m + 1}` }));
        }
        household.contact = lineageOf(members[0]);
        entry.households.push({ household, members, traced: members.slice(0, spec.tracedPerHousehold) });
      }
      supervisionArea.chwAreas.push(entry);
      chws.push(entry);
    });
    areas.push(supervisionArea);
  });

  const supervisors: Supervisor[] = [];
  const multi = new Set(spec.multiFacility ?? []);
  const groups: SupervisionArea[][] = [];
  areas.forEach((area, index) => {
    if (!multi.has(index)) groups.push([area]);
  });
  if (multi.size) groups.push([...multi].sort().map((index) => areas[index]));
  groups.forEach((covered, s) => {
    const home = covered[0].area;
    const supervisor = person(`supervisor-${s + 1}`, `Supervisor ${s + 1}`, home, { role: 'chw_supervisor' });
    home.contact = home.contact ?? lineageOf(supervisor);
    supervisors.push({
      person: supervisor,
      areas: covered,
      user: { name: `supervisor_${s + 1}`, roles: [ROLES.supervisor], facilityIds: covered.map((area) => area.area._id), contactId: supervisor._id },
    });
  });

  const integrationPlace = place('rapidpro-integration', PLACE_TYPES.supervisionArea, 'RapidPro integration');
  const integrationPerson = person('rapidpro-integration-user', 'RapidPro', integrationPlace);
  const integration = {
    place: integrationPlace,
    person: integrationPerson,
    user: { name: 'rapidpro', roles: [ROLES.webhook], facilityIds: [integrationPlace._id], contactId: integrationPerson._id },
  };

  return { areas, supervisors, chws, integration, docs, byId: new Map(docs.map((doc) => [doc._id, doc])) };
}

/** The supervisors of a CHW (whoever covers their supervision area). */
export function supervisorsOf(hierarchy: Hierarchy, chw: ChwArea): Supervisor[] {
  return hierarchy.supervisors.filter((supervisor) => supervisor.areas.some((area) => area.chwAreas.includes(chw)));
}

/** The CHW whose area holds a household member. */
export function chwOf(hierarchy: Hierarchy, member: PlacedPerson): ChwArea {
  const found = hierarchy.chws.find((chw) => chw.households.some((household) => household.members.includes(member)));
  if (!found) throw new Error(`${member._id} is in no CHW area`);
  return found;
}
