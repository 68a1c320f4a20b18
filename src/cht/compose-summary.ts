import { ContactSummary, SummaryField } from './contact-summary';
import { ContactDoc, ReportDoc } from './docs';

interface SummaryContributor {
  summary?(contact: ContactDoc, reports: ReportDoc[]): Partial<ContactSummary>;
}

/** The base fields every contact shows, then each workflow's fields, cards and context. */
export function composeSummary(contact: ContactDoc, reports: ReportDoc[], lineage: ContactDoc[], contributors: SummaryContributor[]): ContactSummary {
  const isPerson = contact.type === 'person' || contact.contact_type === 'person';
  const base: SummaryField[] = isPerson
    ? [
      { label: 'contact.profile.phone', value: contact.phone, filter: 'phone', width: 4 },
      { label: 'contact.profile.role', value: contact.role ? `contact.role.${contact.role}` : undefined, translate: true, width: 4 },
      { label: 'contact.parent', value: lineage, filter: 'lineage', width: 12 },
    ]
    : [{ label: 'contact.profile.contact', value: contact.name, width: 12 }];
  const summary: ContactSummary = { fields: base, cards: [], context: {} };
  for (const contributor of contributors) {
    const part = contributor.summary?.(contact, reports);
    if (!part) continue;
    summary.fields.push(...(part.fields ?? []));
    summary.cards.push(...(part.cards ?? []));
    Object.assign(summary.context, part.context ?? {});
  }
  return summary;
}
