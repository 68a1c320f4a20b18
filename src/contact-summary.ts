// Compiled to dist/contact-summary.js; the root contact-summary.templated.js re-exports it.
// cht-conf evaluates this module on the phone with `contact`, `reports` and `lineage` in scope.
import { composeSummary } from './cht/compose-summary';
import { contactSummaryInputs } from './cht/runtime';
import { workflowRules } from './workflows/rules';

const { contact, reports, lineage } = contactSummaryInputs();
export = composeSummary(contact, reports, lineage, workflowRules);
