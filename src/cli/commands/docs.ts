import * as fs from 'fs';
import * as path from 'path';
import { Command } from '../command';
import { parseArgs } from '../args';
import { workflowsMarkdown } from '../../docs/workflow-diagrams';
import { synthesize } from '../../project/synth';
import { workflows } from '../../workflows';

export const docsCommand: Command = {
  name: 'docs',
  summary: 'Write docs/workflows.md: a Mermaid diagram per workflow, from the workflow modules (build runs it too).',
  usage: 'docs',
  async run(args, io) {
    parseArgs(args, []);
    const target = path.join(io.projectDir, 'docs', 'workflows.md');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, workflowsMarkdown(synthesize()));
    io.out(`wrote docs/workflows.md (${workflows.length} workflows)`);
    return 0;
  },
};
