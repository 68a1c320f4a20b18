import * as fs from 'fs';
import { ChtConfigError, chtConnection } from '../../cht/api/connection';
import { ChtAdmin } from '../../deploy/cht-admin';
import { ChtConfRunner } from '../../deploy/cht-conf';
import { DeployError, DeployOptions, DeployStopped, DeployedFlow, deploy } from '../../deploy/deploy';
import { INCOMING_KEY, checkIncomingSecret } from '../../deploy/gateway';
import { RapidProClient } from '../../rapidpro/client/client';
import { RapidProError } from '../../rapidpro/client/errors';
import { Timing } from '../../rapidpro/client/retry';
import { RapidProCredentialsError, loadRapidProCredentials } from '../../rapidpro/credentials';
import { deployedFlows } from '../../workflows/sync-sources';
import { parseArgs, stringFlag } from '../args';
import { Command, CommandIO, UsageError, signalExitCode } from '../command';

/** What the deploy command takes from outside; tests replace it. */
export interface DeployCommandDeps {
  flows?: () => DeployedFlow[];
  synthesize?: DeployOptions['synthesize'];
  runChtConf?: ChtConfRunner;
  timing?: Partial<Timing>;
}

const USAGE = 'deploy --url <CHT url> [--rapidpro creds.json] [--dry-run] [--remove-default-forms] [--insecure-tls] ' +
  '[--incoming-secret-file FILE] [--show-incoming-secret]';

const OPTIONS = [
  '--url URL                  the CHT instance. User and password: CHT_USERNAME and CHT_PASSWORD (a password in the URL',
  '                           is visible to other users in ps); cht-conf gets them through its environment, never argv',
  '--rapidpro FILE            RapidPro credentials {"host": …, "token": …} (default: RAPIDPRO_HOST and RAPIDPRO_TOKEN)',
  '--dry-run                  read CHT and RapidPro, print what would change (overwrites included), change nothing',
  '--remove-default-forms     delete CHT\'s default app forms the project does not use, and the settings naming them',
  '--insecure-tls             do not verify CHT\'s TLS certificate (a self-signed test instance); off unless given',
  '--incoming-secret-file F   the rapidpro:incoming secret: read from F if it exists, else a generated one is written',
  '                           there (mode 600). Or set RAPIDPRO_INCOMING_SECRET. Default: keep CHT\'s, or generate one',
  '--show-incoming-secret     print a generated rapidpro:incoming secret',
];

/** `cht-rapidpro deploy`. */
export function createDeployCommand(deps: DeployCommandDeps = {}): Command {
  return {
    name: 'deploy',
    summary: 'Deploy to a CHT instance wired to a RapidPro workspace, unattended: forms and translations first, credentials, settings last.',
    usage: USAGE,
    options: OPTIONS,
    async run(args, io) {
      const parsed = parseArgs(args, ['url', 'rapidpro', 'incoming-secret-file'], ['dry-run', 'remove-default-forms', 'insecure-tls', 'show-incoming-secret']);
      const url = stringFlag(parsed, 'url');
      if (!url) throw new UsageError(`--url is required (${USAGE})`);
      const controller = new AbortController();
      let options: DeployOptions;
      try {
        const credentials = loadRapidProCredentials({ file: stringFlag(parsed, 'rapidpro'), env: io.env });
        const connection = chtConnection(url, io.env);
        if (urlHasPassword(url)) {
          io.err('warning: the password in --url is on cht-rapidpro\'s command line, where other users can read it (ps): set CHT_USERNAME and CHT_PASSWORD instead');
        }
        const insecureTls = parsed.flags['insecure-tls'] === true;
        const secretFile = stringFlag(parsed, 'incoming-secret-file');
        options = {
          projectDir: io.projectDir,
          rapidpro: new RapidProClient({ credentials, timing: deps.timing, log: io.err }),
          rapidproToken: credentials.token,
          cht: new ChtAdmin(connection, { insecureTls, signal: controller.signal }),
          flows: (deps.flows ?? deployedFlows)(),
          synthesize: deps.synthesize,
          runChtConf: deps.runChtConf,
          dryRun: parsed.flags['dry-run'] === true,
          removeDefaultForms: parsed.flags['remove-default-forms'] === true,
          insecureTls,
          incomingSecret: givenIncomingSecret(io.env, secretFile),
          incomingSecretFile: secretFile,
          showIncomingSecret: parsed.flags['show-incoming-secret'] === true,
          env: io.env,
          signal: controller.signal,
          log: io.out,
        };
      } catch (error) {
        if (error instanceof RapidProCredentialsError || error instanceof ChtConfigError) throw new UsageError(error.message);
        throw error;
      }
      const stopListening = io.onSignal?.((signal) => {
        if (!controller.signal.aborted) io.err(`deploy: ${signal} received — stopping cht-conf and removing the temporary copy…`);
        controller.abort(signal);
      });
      try {
        await deploy(options);
        return 0;
      } catch (error) {
        return report(error, io);
      } finally {
        stopListening?.();
      }
    },
  };
}

export const deployCommand: Command = createDeployCommand();

/** Expected failures get one clear paragraph saying what state CHT is in, never a stack trace. */
function report(error: unknown, io: CommandIO): number {
  if (error instanceof DeployStopped) {
    io.err(`deploy ${error.message}`);
    return signalExitCode(error.signal);
  }
  if (error instanceof DeployError || error instanceof RapidProError) {
    io.err(`deploy failed: ${error.message}`);
    return 1;
  }
  throw error;
}

function urlHasPassword(url: string): boolean {
  try {
    return new URL(url).password !== '';
  } catch {
    return false;
  }
}

/**
 * The `rapidpro:incoming` secret the admin chose: `RAPIDPRO_INCOMING_SECRET`, or the content of
 * `--incoming-secret-file` when that file exists (when it does not, a generated secret is written
 * there). Never a flag value: a command line is readable by every user.
 */
function givenIncomingSecret(env: NodeJS.ProcessEnv, file: string | undefined): { secret: string; from: string } | undefined {
  const fromEnv = env.RAPIDPRO_INCOMING_SECRET?.trim();
  if (fromEnv && file && fs.existsSync(file)) throw new UsageError(`give the ${INCOMING_KEY} secret once: RAPIDPRO_INCOMING_SECRET or --incoming-secret-file, not both`);
  let given: { secret: string; from: string } | undefined;
  if (fromEnv) given = { secret: fromEnv, from: 'RAPIDPRO_INCOMING_SECRET' };
  else if (file && fs.existsSync(file)) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(`--incoming-secret-file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    given = { secret: text.replace(/^\uFEFF/, '').trim(), from: file };
  }
  if (!given) return undefined;
  const problem = checkIncomingSecret(given.secret, given.from);
  if (problem) throw new UsageError(problem);
  return given;
}
