// The contact summary cht-conf bundles (root contact-summary.templated.js re-exports dist/phone/contact-summary.js).
// CHT evaluates this module on the phone with `contact`, `reports` and `lineage` in scope. It
// bundles the workflows' profile cards only (./workflows/summaries.ts), never their tasks and targets.
import { composeSummary } from './kit/contact-summary';
import { contactSummaryInputs } from './kit/runtime';
import { SUMMARIES } from './workflows/summaries';

const { contact, reports, lineage } = contactSummaryInputs();
export default composeSummary(contact, reports, lineage, Object.values(SUMMARIES));
