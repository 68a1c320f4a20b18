import { expect } from 'chai';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { workflows } from '../../../src/workflows';
import { workflowRules } from '../../../src/workflows/rules';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('phone-side rules', () => {
  it('are exactly the tasks, targets and summaries each workflow declares', () => {
    expect(workflowRules).to.have.length(workflows.length);
    workflows.forEach((workflow, i) => {
      expect(workflow.tasks, workflow.id).to.equal(workflowRules[i].tasks);
      expect(workflow.targets, workflow.id).to.equal(workflowRules[i].targets);
      expect(workflow.summary, workflow.id).to.equal(workflowRules[i].summary);
    });
  });

  it('never load the RapidPro flow builders, exports or simulator (they would be bundled onto every phone)', () => {
    // A fresh Node process loads the compiled rules as cht-conf does, then lists what it loaded.
    const script = `
      globalThis.contact = { _id: 'c', type: 'person' }; globalThis.reports = []; globalThis.lineage = [];
      require('./dist/tasks'); require('./dist/targets'); require('./dist/contact-summary');
      console.log(JSON.stringify(Object.keys(require.cache)));`;
    const result = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status, result.stderr).to.equal(0);
    const loaded = (JSON.parse(result.stdout) as string[]).map((file) => path.relative(ROOT, file));
    expect(loaded.filter((file) => /^dist[\\/](rapidpro|simulate|sync|deploy|cli|check|xlsform)[\\/]/.test(file) || /flows?\.js$/.test(file)))
      .to.deep.equal([]);
  });
});
