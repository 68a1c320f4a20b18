/**
 * The RapidPro contact fields of contact tracing. Kept apart from ./names.ts because declaring a
 * field uses the flow builder, which the phone-side rules (importing ./names.ts) must not load.
 */
import { contactField } from '../../rapidpro/flow/fields';

/** Contact fields: the enrolment flow saves the params here, the daily check-in reads them. */
export const FIELD = {
  chtContactId: contactField('cht_contact_id', 'CHT Contact ID'),
  enrollmentId: contactField('cht_enrollment_id', 'CHT Enrollment ID'),
  quarantineStart: contactField('quarantine_start', 'Quarantine Start', 'datetime'),
  quarantineLength: contactField('quarantine_length', 'Quarantine Length', 'number'),
  chwPhone: contactField('chw_phone', 'CHW Phone'),
} as const;
