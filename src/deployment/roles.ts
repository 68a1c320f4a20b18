/**
 * The CHT user roles of the deployment, where each role's users sit in the hierarchy, and what each
 * integration credential can do. `app_settings/base_settings.json` configures the same roles
 * (`roles`, `permissions`, `replication_depth`); `check` compares the two, so the README lines built
 * from here stay true.
 *
 * Why the integration users look the way they do (cht-core 4.11.0):
 * - Every role in `app_settings.roles` becomes a member of the medic database
 *   (`api/src/services/config-watcher.js` `addUserRolesToDb`). A user whose roles are all online is
 *   proxied to CouchDB for database paths (`api/src/middleware/authorization.js`
 *   `onlineUserProxy`): it reads every document (`_find`, views, `_all_docs`, `GET /medic/<id>`).
 *   Writes through those paths need `can_edit` (`routing.js`: PUT/POST/DELETE under `/medic/`).
 * - An offline user (a role with `offline: true`) is firewalled from `_find`, views and the other
 *   online-only endpoints (`offlineUserFirewall`, 403 "Offline users are not allowed access to this
 *   endpoint"); its `_all_docs`, `_changes`, `_bulk_get`, doc reads and writes are filtered to what
 *   replicates to it from its place (`api/src/services/authorization.js`).
 * - `POST /api/v2/records` checks only `can_create_records` (`api/src/controllers/records.js`),
 *   online or offline.
 * So the webhook user is offline, placed alone in an empty place it replicates nothing from
 * (`replication_depth` 0), with `can_create_records` only; `sync` needs Mango `_find` to see which
 * records CHT already holds, which only online users may call, so it gets its own online role.
 */

/** Role ids, as in `app_settings.roles`. */
export const ROLES = {
  chw: 'chw',
  supervisor: 'chw_supervisor',
  programOfficer: 'program_officer',
  webhook: 'rapidpro_webhook',
  sync: 'rapidpro_sync',
} as const;

export type RoleId = (typeof ROLES)[keyof typeof ROLES];

/** The contact types of the hierarchy (`app_settings.contact_types`), top down. */
export const PLACE_TYPES = {
  /** One supervisor's area: the supervisor and their CHW areas. */
  supervisionArea: 'district_hospital',
  /** One CHW's area: the CHW (the area's primary contact) and their households. */
  chwArea: 'health_center',
  /** A household: its members, the traced contacts among them. */
  household: 'clinic',
} as const;

export const PERSON_TYPE = 'person';

/** Where a role's users are placed, and how deep CHT replicates below that place. */
export interface Placement {
  role: RoleId;
  offline: boolean;
  /** The place type of the user's facility (`facility_id`), or undefined for online users. */
  facility?: (typeof PLACE_TYPES)[keyof typeof PLACE_TYPES];
  /** The `replication_depth` this placement needs (offline roles). */
  depth?: number;
  /** One line for the README's placement table: where the user and their contact sit. */
  where: string;
  /** What their phone receives (or, online, what they can read). */
  receives: string;
}

export const PLACEMENTS: readonly Placement[] = [
  {
    role: ROLES.chw,
    offline: true,
    facility: PLACE_TYPES.chwArea,
    depth: 2,
    where: 'facility: their own CHW area (health_center); contact: their person doc directly in that area, set as its primary contact. One CHW per CHW area.',
    receives: 'their area, its households and members (depth 2) and every report about them: the traced contacts\' enrolments, RP_SYMPTOMS and follow-ups; their own person doc and the training and wellbeing records about themselves (wellbeing ones purged daily, below). Nothing from another CHW area.',
  },
  {
    role: ROLES.supervisor,
    offline: true,
    facility: PLACE_TYPES.supervisionArea,
    depth: 2,
    where: 'facility: their supervision area (district_hospital), several with can_have_multiple_places; contact: their person doc directly in (one of) those areas, never inside a CHW area.',
    receives: 'the CHW areas, their CHWs and the households (depth 2), and every report about the CHWs: enrolments, RP_TRAINING, RP_WELLBEING, follow-ups. Not household members, so no traced contact\'s data.',
  },
  {
    role: ROLES.programOfficer,
    offline: false,
    where: 'online user, no place needed.',
    receives: 'no replication: reads the whole medic database through CHT (every configured role is a member of it).',
  },
  {
    role: ROLES.webhook,
    offline: true,
    facility: PLACE_TYPES.supervisionArea,
    depth: 0,
    where: 'facility: a place of its own with nothing below it (a top-level district_hospital named e.g. "RapidPro integration"); contact: a person in that place.',
    receives: 'nothing but its own place doc, the settings, forms and translations every user gets; the purge removes even its place from its replication.',
  },
  {
    role: ROLES.sync,
    offline: false,
    where: 'online user, no place needed.',
    receives: 'no replication: reads the whole medic database (needed for `_find`).',
  },
];

/** One integration credential: the role, its permissions, and exactly what it can do (the README line). */
export interface IntegrationCredential {
  role: RoleId;
  /** The only permissions the role has. */
  permissions: readonly string[];
  usedBy: string;
  can: readonly string[];
  cannot: readonly string[];
}

export const INTEGRATION_CREDENTIALS: readonly IntegrationCredential[] = [
  {
    role: ROLES.webhook,
    permissions: ['can_create_records'],
    usedBy: 'RapidPro\'s flow webhooks (the `cht_auth` workspace global)',
    can: [
      'create reports with `POST /api/v2/records` (any JSON form in app_settings.forms)',
      'read what every user reads: settings, forms, translations, resources, its own user-settings and place',
      'log in and read its own `_session`',
    ],
    cannot: [
      'read any contact, report or message: `_find`, views and other online-only endpoints answer 403; `_all_docs`, `_changes` and doc reads are filtered to its empty place',
      'write documents under `/medic/` other than about its own place (CHT filters offline users\' writes to what replicates to them)',
      'use any other API that needs a permission (people, places, users, exports, messages, credentials, settings)',
    ],
  },
  {
    role: ROLES.sync,
    permissions: ['can_create_records'],
    usedBy: '`cht-rapidpro sync` (the `--url` user)',
    can: [
      'create reports with `POST /api/v2/records`',
      'read every document of the medic database through CHT: contacts, reports (PHQ-4 scores included), messages — CHT 4.11 has no narrower grant for Mango `_find`, which sync needs to find the records CHT already holds',
    ],
    cannot: [
      'write, update or delete documents directly (PUT/POST/DELETE under `/medic/` need `can_edit`)',
      'read other databases (sentinel, users, audit logs): roles are members of the medic database only',
      'use any other API that needs a permission (people, places, users, exports, messages, credentials, settings)',
    ],
  },
];
