/**
 * The app's translations, `translations/messages-{en,fr,sw}.properties`, generated from the texts
 * declared in TypeScript: the hierarchy and user types (here), the toolkit's own profile labels,
 * and each workflow's `translations`, whose type requires exactly the keys its rules show.
 */
import { BaseProfileKey } from '../phone/kit/contact-summary';
import { TargetPeriod } from '../phone/kit/keys';
import { LOCALES, Localized, Translations } from '../phone/kit/locale';
import { Workflow } from '../workflows/workflow';

/** The contact types, their forms' labels and the user types (base_settings.json). */
export const BASE_TRANSLATIONS: Readonly<Record<string, Localized>> = {
  'clinic.field.contact': { en: "Primary contact", fr: "Contact principal", sw: "Mtu mkuu wa mawasiliano" },
  'contact.type.clinic': { en: "Household", fr: "Ménage", sw: "Kaya" },
  'contact.type.clinic.new': { en: "New household", fr: "Nouveau ménage", sw: "Kaya mpya" },
  'contact.type.clinic.plural': { en: "Households", fr: "Ménages", sw: "Kaya" },
  'contact.type.district_hospital': { en: "Supervision area", fr: "Zone de supervision", sw: "Eneo la usimamizi" },
  'contact.type.district_hospital.new': { en: "New supervision area", fr: "Nouvelle zone de supervision", sw: "Eneo jipya la usimamizi" },
  'contact.type.district_hospital.plural': { en: "Supervision areas", fr: "Zones de supervision", sw: "Maeneo ya usimamizi" },
  'contact.type.health_center': { en: "CHW area", fr: "Aire de l'ASC", sw: "Eneo la mhudumu wa afya" },
  'contact.type.health_center.new': { en: "New CHW area", fr: "Nouvelle aire d'ASC", sw: "Eneo jipya la mhudumu wa afya" },
  'contact.type.health_center.plural': { en: "CHW areas", fr: "Aires des ASC", sw: "Maeneo ya wahudumu wa afya" },
  'contact.type.person': { en: "Person", fr: "Personne", sw: "Mtu" },
  'contact.type.person.edit': { en: "Edit person", fr: "Modifier la personne", sw: "Badilisha taarifa za mtu" },
  'contact.type.person.new': { en: "New person", fr: "Nouvelle personne", sw: "Mtu mpya" },
  'contact.type.person.plural': { en: "People", fr: "Personnes", sw: "Watu" },
  'contact.type.place.edit': { en: "Edit place", fr: "Modifier le lieu", sw: "Badilisha taarifa za mahali" },
  'usertype.chw': { en: "Community health worker", fr: "Agent de santé communautaire", sw: "Mhudumu wa afya ya jamii" },
  'usertype.chw-supervisor': { en: "CHW supervisor", fr: "Superviseur des ASC", sw: "Msimamizi wa wahudumu wa afya ya jamii" },
  'usertype.program-officer': { en: "Program officer", fr: "Chargé de programme", sw: "Afisa wa programu" },
  'usertype.rapidpro-webhook': { en: "RapidPro webhook (creates records only)", fr: "Webhook RapidPro (crée des rapports uniquement)", sw: "Webhook ya RapidPro (huunda ripoti tu)" },
  'usertype.rapidpro-sync': { en: "RapidPro sync (reads records, creates records)", fr: "Synchronisation RapidPro (lit et crée des rapports)", sw: "Usawazishaji wa RapidPro (husoma na kuunda ripoti)" },
};

/** The toolkit's keys: the standard profile fields, person roles and target periods. */
export const KIT_TRANSLATIONS: Translations<BaseProfileKey | `target.period.${TargetPeriod}`> = {
  'contact.profile.shortcode': { en: 'Short code', fr: 'Code court', sw: 'Nambari fupi' },
  'contact.profile.age': { en: 'Age', fr: 'Âge', sw: 'Umri' },
  'contact.profile.sex': { en: 'Sex', fr: 'Sexe', sw: 'Jinsia' },
  'contact.profile.sex.female': { en: 'Female', fr: 'Femme', sw: 'Mwanamke' },
  'contact.profile.sex.male': { en: 'Male', fr: 'Homme', sw: 'Mwanamume' },
  'contact.profile.phone': { en: 'Phone', fr: 'Téléphone', sw: 'Simu' },
  'contact.profile.role': { en: 'Role', fr: 'Rôle', sw: 'Jukumu' },
  'contact.role.chw': { en: 'Community health worker (CHW)', fr: 'Agent de santé communautaire (ASC)', sw: 'Mhudumu wa afya ya jamii (CHW)' },
  'contact.role.chw_supervisor': { en: 'CHW supervisor', fr: 'Superviseur des ASC', sw: 'Msimamizi wa wahudumu wa afya ya jamii' },
  'contact.role.traced_contact': { en: 'Traced contact (quarantine follow-up)', fr: 'Cas contact suivi (quarantaine)', sw: 'Mtu aliyetangamana na mgonjwa (anafuatiliwa akiwa karantini)' },
  'contact.role.other': { en: 'Other', fr: 'Autre', sw: 'Nyingine' },
  'contact.profile.sms-language': { en: 'SMS language', fr: 'Langue des SMS', sw: 'Lugha ya SMS' },
  'contact.profile.language.en': { en: 'English', fr: 'Anglais', sw: 'Kiingereza' },
  'contact.profile.language.fr': { en: 'French', fr: 'Français', sw: 'Kifaransa' },
  'contact.profile.language.sw': { en: 'Swahili', fr: 'Swahili', sw: 'Kiswahili' },
  'contact.profile.parent': { en: 'Belongs to', fr: 'Appartient à', sw: 'Ni wa' },
  'contact.profile.notes': { en: 'Notes', fr: 'Remarques', sw: 'Maelezo' },
  'contact.profile.contact': { en: 'Primary contact', fr: 'Contact principal', sw: 'Mtu wa kuwasiliana naye' },
  'contact.profile.contact-phone': { en: 'Primary contact\'s phone', fr: 'Téléphone du contact principal', sw: 'Simu ya mtu wa kuwasiliana naye' },
  'target.period.last-7-days': { en: "Last 7 days", fr: "7 derniers jours", sw: "Siku 7 zilizopita" },
  'target.period.this-month': { en: "This month", fr: "Ce mois-ci", sw: "Mwezi huu" },
};

/** Every key and its texts; a key declared twice with different texts is an error. */
export function allTranslations(workflows: readonly Workflow[]): Map<string, Localized> {
  const all = new Map<string, Localized>();
  const sources: [string, Readonly<Record<string, Localized>>][] = [
    ['base', BASE_TRANSLATIONS],
    ['toolkit', KIT_TRANSLATIONS],
    ...workflows.map((workflow): [string, Readonly<Record<string, Localized>>] => [workflow.id, workflow.translations]),
  ];
  for (const [source, texts] of sources) {
    for (const [key, text] of Object.entries(texts)) {
      const existing = all.get(key);
      if (existing && LOCALES.some((locale) => existing[locale] !== text[locale])) {
        throw new Error(`translation key "${key}" of ${source} is declared again with other texts`);
      }
      all.set(key, text);
    }
  }
  return all;
}

/** `translations/messages-<locale>.properties` for every locale: sorted `key = text` lines. */
export function translationFiles(workflows: readonly Workflow[]): Map<string, string> {
  const all = [...allTranslations(workflows)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const files = new Map<string, string>();
  for (const locale of LOCALES) {
    const lines = all.map(([key, text]) => `${key} = ${escapeProperty(text[locale])}`);
    files.set(`translations/messages-${locale}.properties`, lines.join('\n') + '\n');
  }
  return files;
}

/** A `.properties` value: newlines and a leading space escaped; everything else as is (UTF-8). */
function escapeProperty(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/^ /, '\\ ');
}
