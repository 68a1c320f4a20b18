/**
 * A realistic check-in flow for the tests: asks about fever in English, French or Swahili, waits
 * six hours for the answer, alerts the health worker on a yes, and posts the answer to CHT.
 */
import { addToGroups, sendBroadcast, setContactField, setContactLanguage } from '../../../src/rapidpro/flow/actions';
import { FlowBuilder } from '../../../src/rapidpro/flow/builder';
import { CampaignBuilder } from '../../../src/rapidpro/flow/campaign';
import { hasAnyWord } from '../../../src/rapidpro/flow/cases';
import { contactField, contactGroup } from '../../../src/rapidpro/flow/fields';
import { RapidProExport } from '../../../src/rapidpro/flow/types';
import { exportOf } from '../../../src/rapidpro/export';

export const lastCheckin = contactField('last_checkin', 'Last Checkin', 'text');
export const quarantineStart = contactField('quarantine_start', 'Quarantine Start', 'datetime');
export const monitored = contactGroup('Quarantine Monitoring');

export const RECORD_BODY =
  '@(json(object("_meta", object("form", "RP_SYMPTOMS"), "run_uuid", run.uuid, "contact_uuid", contact.uuid, ' +
  '"fever", if(results.fever.category = "Yes", true, false), "answered", results.fever.category != "No Response", "day", number(trigger.params.day))))';

export function checkinFlow(): FlowBuilder {
  return new FlowBuilder({ name: 'Quarantine Check-in', key: 'test-quarantine-checkin', language: 'eng', localizations: ['fra', 'swa'], expireAfterMinutes: 1440 })
    .actions('start', [setContactLanguage('@trigger.params.language'), addToGroups(monitored)], { next: 'ask' })
    .send(
      'ask',
      {
        eng: 'Hello @contact.first_name, day @trigger.params.day: do you have fever, cough or difficulty breathing? Reply YES or NO',
        fra: 'Bonjour @contact.first_name, jour @trigger.params.day : avez-vous de la fièvre, de la toux ou du mal à respirer ? Répondez OUI ou NON',
        swa: 'Habari @contact.first_name, siku @trigger.params.day: una homa, kikohozi au shida ya kupumua? Jibu NDIYO au HAPANA',
      },
      { quickReplies: [{ eng: 'Yes', fra: 'Oui', swa: 'Ndiyo' }, { eng: 'No', fra: 'Non', swa: 'Hapana' }], next: 'answer' },
    )
    .waitForReply('answer', {
      resultName: 'fever',
      cases: [
        { test: hasAnyWord({ eng: 'yes y', fra: 'oui o', swa: 'ndiyo ndio' }), category: 'Yes' },
        { test: hasAnyWord({ eng: 'no n', fra: 'non n', swa: 'hapana la' }), category: 'No' },
      ],
      timeout: { seconds: 6 * 3600, category: 'No Response' },
      routes: { Yes: 'alert_chw', No: 'post_record', Other: 'ask', 'No Response': 'post_record' },
    })
    .actions(
      'alert_chw',
      [
        sendBroadcast({
          to: ['@trigger.params.chw_phone'],
          text: {
            eng: 'ALERT: @contact.name reported symptoms on day @trigger.params.day. Please follow up.',
            fra: 'ALERTE : @contact.name a signalé des symptômes au jour @trigger.params.day. Merci de faire le suivi.',
            swa: 'TAHADHARI: @contact.name ameripoti dalili siku ya @trigger.params.day. Tafadhali fuatilia.',
          },
        }),
      ],
      { next: 'post_record' },
    )
    .callWebhook('post_record', {
      method: 'POST',
      url: '@globals.cht_url/api/v2/records',
      headers: { 'Content-Type': 'application/json', Authorization: '@globals.cht_auth' },
      body: RECORD_BODY,
      resultName: 'CHT Record',
      routes: { Success: 'thanks' },
    })
    .actions('thanks', [setContactField(lastCheckin, '@(format_date(today(), "DD/MM/YYYY"))')], { next: 'bye' })
    .send('bye', { eng: 'Thank you, stay safe.', fra: 'Merci, prenez soin de vous.', swa: 'Asante, jitunze.' });
}

export function checkinCampaign(flow: FlowBuilder): CampaignBuilder {
  return new CampaignBuilder({ key: 'test-quarantine', name: 'Quarantine Monitoring', group: monitored }).repeat({
    flow,
    relativeTo: quarantineStart,
    every: 'day',
    times: 14,
    deliveryHour: 9,
  });
}

export function checkinExport(): RapidProExport {
  const flow = checkinFlow();
  return exportOf([flow], [checkinCampaign(flow)], [lastCheckin, quarantineStart], [monitored]);
}

export const GLOBALS = { cht_url: 'https://cht.example.org', cht_auth: 'Basic dGVzdDp0ZXN0' };
