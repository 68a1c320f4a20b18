import { Command } from '../command';
import { parseArgs } from '../args';
import { createHarness } from '../../simulate/harness';
import { runScenario } from '../../simulate/engine';
import { runGatewayStory } from '../../simulate/gateway';
import { workflows } from '../../workflows';
import { timeline } from '../../simulate/timeline';
import { SimulationTrace } from '../../simulate/trace';

export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'Run the three workflows end to end offline: real forms in the CHT harness, outbound pushes, RapidPro flows, records, tasks, targets; then CHT\'s own SMS through RapidPro.',
  usage: 'simulate [--json] [--workflow ID|cht-sms-gateway]',
  async run(args, io) {
    const parsed = parseArgs(args, ['workflow'], ['json']);
    const only = typeof parsed.flags.workflow === 'string' ? parsed.flags.workflow : undefined;
    const GATEWAY = 'cht-sms-gateway';
    const selected = workflows.filter((workflow) => !only || workflow.id === only);
    if (!selected.length && only !== GATEWAY) {
      io.err(`simulate: no workflow "${only}" (workflows: ${[...workflows.map((workflow) => workflow.id), GATEWAY].join(', ')})`);
      return 2;
    }
    const trace: SimulationTrace = { workflows: [] };
    if (selected.length) {
      const harness = createHarness({ directory: io.projectDir });
      await harness.start();
      try {
        for (const workflow of selected) {
          const result = await runScenario(harness, workflow);
          trace.workflows.push(result);
          if (!parsed.flags.json) {
            for (const line of timeline(result)) io.out(line);
            io.out('');
          }
        }
      } finally {
        await harness.stop();
      }
    }
    if (!only || only === GATEWAY) {
      trace.gateway = await runGatewayStory({ projectDir: io.projectDir });
      if (!parsed.flags.json) {
        for (const line of timeline(trace.gateway)) io.out(line);
        io.out('');
      }
    }
    if (parsed.flags.json) io.out(JSON.stringify(trace, null, 2));
    else io.out(`simulate: ${trace.workflows.length} workflows, ${trace.workflows.reduce((n, w) => n + w.steps.length, 0)} steps${trace.gateway ? `; SMS gateway: ${trace.gateway.steps.length} steps` : ''}`);
    return 0;
  },
};
