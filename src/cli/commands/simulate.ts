import { Command } from '../command';
import { parseArgs } from '../args';
import { createHarness } from '../../simulate/harness';
import { synthesize } from '../../project/synth';
import { runStory, Story } from '../../simulate/engine';
import { runGatewayStory } from '../../simulate/gateway';
import { STORIES } from '../../simulate/stories';
import { workflows } from '../../workflows';
import { timeline } from '../../simulate/timeline';
import { SimulationTrace, WorkflowTrace } from '../../simulate/trace';

export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'Run the workflows end to end offline: real forms in the CHT harness, outbound pushes, a RapidPro workspace over simulated days, records, tasks, targets; then stories across workflows and CHT\'s own SMS through RapidPro.',
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
    // every story runs in a workspace holding every workflow's export, as production does
    const assembly = synthesize();
    const trace: SimulationTrace = { workflows: [], stories: [] };
    const show = (result: WorkflowTrace): void => {
      if (parsed.flags.json) return;
      for (const line of timeline(result)) io.out(line);
      io.out('');
    };
    if (selected.length) {
      const harness = createHarness({ directory: io.projectDir });
      await harness.start();
      const tell = async (story: Story, into: WorkflowTrace[]): Promise<void> => {
        const result = await runStory(harness, story, assembly);
        into.push(result);
        show(result);
      };
      try {
        for (const workflow of selected) {
          await tell({ id: workflow.id, scenario: workflow.scenario, targetIds: workflow.rules.targets.map((target) => target.id) }, trace.workflows);
        }
        if (!only) for (const story of STORIES) await tell(story, trace.stories);
      } finally {
        await harness.stop();
      }
    }
    if (!only || only === GATEWAY) {
      trace.gateway = await runGatewayStory({ projectDir: io.projectDir });
      show(trace.gateway);
    }
    if (parsed.flags.json) io.out(JSON.stringify(trace, null, 2));
    else {
      const steps = [...trace.workflows, ...trace.stories].reduce((n, w) => n + w.steps.length, 0);
      io.out(`simulate: ${trace.workflows.length} workflows and ${trace.stories.length} stories across workflows, ${steps} steps${trace.gateway ? `; SMS gateway: ${trace.gateway.steps.length} steps` : ''}`);
    }
    return 0;
  },
};
