import { spawnSync } from 'child_process';
import * as path from 'path';
import { Command } from '../command';
import { writeGeneratedFiles } from '../../project/generate';

const CHT_ACTIONS = [
  'compile-app-settings',
  'convert-app-forms',
  'convert-contact-forms',
  'validate-app-forms',
  'validate-contact-forms',
];

export const buildCommand: Command = {
  name: 'build',
  summary: 'Generate config from the workflows, then compile and convert with cht-conf (run `tsc` first; `npm run build` does both).',
  usage: 'build',
  async run(_args, io) {
    const written = writeGeneratedFiles(io.projectDir);
    io.out(`generated ${written.length} file(s): ${written.join(', ')}`);
    const cht = path.join(io.projectDir, 'node_modules', '.bin', 'cht');
    const result = spawnSync(cht, [...CHT_ACTIONS, '--skip-version-check'], {
      cwd: io.projectDir,
      encoding: 'utf8',
      env: io.env,
    });
    if (result.status !== 0) {
      io.err(result.stdout);
      io.err(result.stderr);
      io.err('cht-conf failed: see the messages above (the first ERROR line names the file)');
      return 1;
    }
    io.out('cht-conf: app_settings.json and forms converted and validated');
    return 0;
  },
};
