/**
 * Sync sources and RapidPro runs for the sync tests, shaped like the toolkit's response forms:
 * one record per answered run (symptoms) or one per answered question (quiz, `rp_event_id`
 * suffixed with the step).
 */
import { randomUUID } from 'crypto';
import type { RapidProFlow, RapidProRun, RapidProRunValue } from '../../../src/rapidpro/client/types';
import { RecordRequest, SyncRecordError, SyncSource } from '../../../src/sync/types';
import { isE164 } from '../../../src/util/e164';

export const SYMPTOMS_FLOW = 'Quarantine symptom check';
export const QUIZ_FLOW = 'ANC training quiz';

export const FORMS: Record<string, string[]> = {
  RP_SYMPTOMS: ['patient_id', 'rp_event_id', 'fever'],
  RP_TRAINING: ['patient_id', 'rp_event_id', 'question', 'correct'],
};

function phoneOf(run: RapidProRun): string {
  const phone = run.contact.urn?.replace(/^tel:/, '');
  if (!phone || !isE164(phone)) throw new SyncRecordError(`contact URN ${run.contact.urn ?? '(none)'} is not an E.164 phone number`);
  return phone;
}

function patientOf(run: RapidProRun): string {
  const patient = run.values.patient_id?.value;
  if (!patient) throw new SyncRecordError('the run has no "patient_id" result');
  return patient;
}

export function symptomsSource(flowName = SYMPTOMS_FLOW): SyncSource {
  return {
    flowName,
    formCode: 'RP_SYMPTOMS',
    recordsFromRun(run) {
      const fever = run.values.fever;
      if (!fever) return [];
      return [{
        _meta: { form: 'RP_SYMPTOMS', from: phoneOf(run), reported_date: Date.parse(fever.time) },
        rp_event_id: run.uuid,
        patient_id: patientOf(run),
        fever: fever.category === 'Yes',
      }];
    },
  };
}

export function quizSource(flowName = QUIZ_FLOW): SyncSource {
  return {
    flowName,
    formCode: 'RP_TRAINING',
    recordsFromRun(run) {
      const records: RecordRequest[] = [];
      for (const step of ['q1', 'q2']) {
        const answer = run.values[step];
        if (!answer) continue;
        records.push({
          _meta: { form: 'RP_TRAINING', from: phoneOf(run) },
          rp_event_id: `${run.uuid}/${step}`,
          patient_id: patientOf(run),
          question: step,
          correct: answer.category === 'Correct',
        });
      }
      return records;
    },
  };
}

const BASE = Date.parse('2024-06-01T08:00:00Z');

function value(name: string, category: string, time: string, text = category): RapidProRunValue {
  return { name, value: text, category, node: randomUUID(), time };
}

export interface RunSpec {
  /** Seconds after the base time for `modified_on`. */
  at: number;
  answered?: boolean;
  phone?: string | null;
  patient?: string | null;
  /** Result values beyond fever/patient_id (quiz answers). */
  values?: Record<string, string>;
}

/** A run of `flow` modified `spec.at` seconds after 2024-06-01T08:00Z. */
export function makeRun(flow: RapidProFlow, spec: RunSpec): RapidProRun {
  const time = new Date(BASE + spec.at * 1000).toISOString();
  const values: Record<string, RapidProRunValue> = {};
  if (spec.patient !== null) values.patient_id = value('Patient ID', 'Has Text', time, spec.patient ?? `patient-${spec.at}`);
  if (spec.answered !== false && !spec.values) values.fever = value('Fever', spec.at % 2 ? 'Yes' : 'No', time);
  for (const [key, category] of Object.entries(spec.values ?? {})) values[key] = value(key, category, time);
  return {
    uuid: randomUUID(),
    flow: { uuid: flow.uuid, name: flow.name },
    contact: { uuid: randomUUID(), urn: spec.phone === null ? null : `tel:${spec.phone ?? '+254712' + String(1_000_000 + Math.round(spec.at * 10)).slice(-6)}`, name: 'Test contact' },
    start: null,
    responded: spec.answered !== false,
    path: [],
    values,
    created_on: time,
    modified_on: time,
    exited_on: time,
    exit_type: 'completed',
  };
}
