// The contact summary cht-conf bundles (root contact-summary.templated.js re-exports dist/phone/contact-summary.js).
// CHT evaluates this module on the phone with `contact`, `reports` and `lineage` in scope.
import { composeSummary } from './kit/contact-summary';
import { contactSummaryInputs } from './kit/runtime';
import { phoneRules } from './workflows';

const { contact, reports, lineage } = contactSummaryInputs();
export = composeSummary(contact, reports, lineage, phoneRules.map((rules) => rules.summary));
