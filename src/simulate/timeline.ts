/** The readable timeline `simulate` prints by default. Phone numbers are masked, as in every log. */
import { redactPhone, redactText } from '../util/redact';
import { Step, WorkflowTrace } from './trace';

export function timeline(trace: WorkflowTrace): string[] {
  const lines = [`== ${trace.title}`];
  let day = -1;
  const steps = trace.steps;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    if (step.day !== day) {
      day = step.day;
      lines.push(`-- day ${day}`);
    }
    // a run that ends as it starts, having sent nothing (e.g. a retry of a check already asked), is one line
    const next = steps[i + 1];
    if (step.kind === 'run' && step.event === 'started' && next?.kind === 'run' && next.event === 'ended' && next.runUuid === step.runUuid) {
      lines.push(`   ${step.time} RapidPro runs "${step.flow}" (${step.trigger}${step.background ? ', background' : ''}): nothing to send, ${next.status}`);
      i++;
      continue;
    }
    lines.push(`   ${step.time} ${describe(step)}`);
  }
  return lines;
}

function describe(step: Step): string {
  switch (step.kind) {
    case 'form':
      return `${step.user} submits ${step.form} (report ${step.doc._id})`;
    case 'outbound':
      return `CHT outbound ${step.name} → flow_starts.json ${redactText(JSON.stringify(step.payload))}`;
    case 'outbound-skipped':
      return `CHT outbound ${step.name} not sent: ${step.reason}`;
    case 'reply':
      return step.to === 'inbox'
        ? `SMS from ${redactPhone(step.from)} reached no flow (RapidPro inbox only): ${JSON.stringify(redactText(step.text))}`
        : `SMS from ${redactPhone(step.from)} → ${step.to}: ${JSON.stringify(redactText(step.text))}`;
    case 'run':
      return step.event === 'started'
        ? `RapidPro starts "${step.flow}" (${step.trigger}${step.background ? ', background' : ''})`
        : `RapidPro run of "${step.flow}" ${step.status}`;
    case 'skipped':
      return `RapidPro skips "${step.flow}" for ${redactPhone(step.to)}: the contact is answering a flow (skip mode; a later event retries)`;
    case 'contact':
      return `RapidPro contact ${redactPhone(step.urn)}: ${redactText(step.change)}`;
    case 'sms':
      return `SMS to ${redactPhone(step.to)}: ${redactText(oneLine(step.text))}`;
    case 'broadcast':
      return `SMS to ${step.to.map(redactPhone).join(', ')} (broadcast): ${redactText(oneLine(step.text))}`;
    case 'webhook':
      return `webhook POST /api/v2/records → ${step.status} ${redactText(JSON.stringify(step.body))}`;
    case 'record':
      return `record ${step.doc.form} saved: ${redactText(JSON.stringify(step.doc.fields))}${errorsOf(step.doc)}`;
    case 'error':
      return `RapidPro logs an error in "${step.flow}": ${redactText(step.text)}`;
    case 'tasks':
      return step.tasks.length
        ? `tasks for ${step.user}: ${step.tasks.map((t) => `${t.title} [${t.contact ?? '?'} → ${t.form ?? 'contact'}${t.priority ? `, ${t.priority}` : ''}]`).join('; ')}`
        : `tasks for ${step.user}: none`;
    case 'action':
      return `${step.user} completes task ${step.task} with ${step.form}`;
    case 'targets':
      return `targets for ${step.user}: ${step.targets.map((t) => `${t.id} ${t.percent !== undefined ? `${t.percent}% (${t.pass}/${t.total})` : t.pass}`).join('; ')}`;
    case 'messages-sent':
      return `${step.user} sends from the Messages tab to ${redactPhone(step.to)}: ${redactText(oneLine(step.text))}`;
    case 'cht-sms':
      return `CHT sends it through RapidPro: POST ${step.url} ${redactText(JSON.stringify(step.body))} → ${step.status}, message ${step.state}${step.note ? ` (${step.note})` : ''}`;
    case 'cht-sms-status':
      return `CHT polls RapidPro for its status: ${step.state}`;
    case 'cht-sms-round':
      return step.pending ? `${step.pending} message(s) still pending: CHT sends them again in a minute` : 'nothing left pending: CHT sends it once';
    case 'incoming':
      return step.forwarded
        ? `SMS from ${redactPhone(step.from)} no flow is waiting for: "${step.flow}" forwards it → POST ${step.webhook?.url} → ${step.webhook?.status}${step.doc ? `, saved and linked to ${String((step.doc.contact as { _id?: string } | undefined)?._id ?? 'no contact')}` : ''}`
        : `SMS from ${redactPhone(step.from)} contains a record form's code: "${step.flow}" keeps it in RapidPro's inbox (CHT would parse it as that form)`;
    case 'messages-tab':
      return `Messages tab of ${step.user}: ${step.entries.map((e) => `${e.direction === 'in' ? '←' : '→'} ${e.contact}: ${redactText(oneLine(e.text))}`).join(' | ')}`;
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function errorsOf(doc: { [key: string]: unknown }): string {
  return Array.isArray(doc.errors) && doc.errors.length ? ` ERRORS ${JSON.stringify(doc.errors)}` : '';
}
