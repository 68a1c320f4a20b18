import { ChtClient, ChtError } from '../../cht/api/client';
import { ChtConfigError, chtConnection, chtUrlWithCredentials } from '../../cht/api/connection';
import { ChtConfRunner } from '../../deploy/cht-conf';
import { DeployError, DeployOptions, DeployedFlow, deploy } from '../../deploy/deploy';
import { RapidProClient } from '../../rapidpro/client/client';
import { RapidProError } from '../../rapidpro/client/errors';
import { Timing } from '../../rapidpro/client/retry';
import { RapidProCredentialsError, loadRapidProCredentials } from '../../rapidpro/credentials';
import { deployedFlows } from '../../workflows/sync-sources';
import { parseArgs, stringFlag } from '../args';
import { Command, UsageError } from '../command';

/** What the deploy command takes from outside; tests replace it. */
export interface DeployCommandDeps {
  flows?: () => DeployedFlow[];
  generate?: DeployOptions['generate'];
  runChtConf?: ChtConfRunner;
  timing?: Partial<Timing>;
}

const USAGE = 'deploy --url <CHT url> [--rapidpro creds.json] [--dry-run]';

/** `cht-rapidpro deploy`: resolve flows in the workspace, set CHT credentials, upload with cht-conf. */
export function createDeployCommand(deps: DeployCommandDeps = {}): Command {
  return {
    name: 'deploy',
    summary: 'Resolve the RapidPro flows in the target workspace, set the CHT credentials the pushes use, upload with cht-conf.',
    usage: USAGE,
    async run(args, io) {
      const parsed = parseArgs(args, ['url', 'rapidpro'], ['dry-run']);
      const url = stringFlag(parsed, 'url');
      if (!url) throw new UsageError(`--url is required (${USAGE})`);
      let options: DeployOptions;
      try {
        const credentials = loadRapidProCredentials({ file: stringFlag(parsed, 'rapidpro'), env: io.env });
        const connection = chtConnection(url, io.env);
        options = {
          projectDir: io.projectDir,
          rapidpro: new RapidProClient({ credentials, timing: deps.timing, log: io.err }),
          rapidproToken: credentials.token,
          cht: new ChtClient(connection),
          chtUrl: chtUrlWithCredentials(connection),
          flows: (deps.flows ?? deployedFlows)(),
          generate: deps.generate,
          runChtConf: deps.runChtConf,
          dryRun: parsed.flags['dry-run'] === true,
          log: io.out,
        };
      } catch (error) {
        if (error instanceof RapidProCredentialsError || error instanceof ChtConfigError) throw new UsageError(error.message);
        throw error;
      }
      try {
        return (await deploy(options)).exitCode === 0 ? 0 : 1;
      } catch (error) {
        // Expected failures get one clear paragraph, not a stack trace.
        if (error instanceof DeployError || error instanceof RapidProError || error instanceof ChtError) {
          io.err(`deploy failed: ${error.message}`);
          return 1;
        }
        throw error;
      }
    },
  };
}

export const deployCommand: Command = createDeployCommand();
