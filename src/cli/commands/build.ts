import { Command } from '../command';
import { parseArgs } from '../args';
import { writeGeneratedFiles } from '../../project/synth';
import { FormSource, formSources, formsToConvert, readChecksums, sha256File, writeChecksums } from '../../project/form-checksums';
import { chtConfErrors, convertForms, runChtConf } from '../../project/cht-conf';
import { compileIsFresh, forgetCompile, recordCompile } from '../../project/compile-stamp';

/**
 * `build`: generate config from the workflows, then let cht-conf compile app_settings.json (unless
 * nothing it is compiled from changed since it last did: src/project/compile-stamp.ts) and convert
 * the XLSForms that changed since their last conversion (`--force` compiles and converts all).
 * TypeScript is compiled before this runs (`npm run build` does both).
 */
export const buildCommand: Command = {
  name: 'build',
  summary: 'Generate config from the workflows, compile app_settings.json and convert changed XLSForms with cht-conf.',
  usage: 'build [--force]',
  async run(args, io) {
    const parsed = parseArgs(args, [], ['force']);
    const written = writeGeneratedFiles(io.projectDir);
    io.out(written.length ? `generated: ${written.join(', ')}` : 'generated files: up to date');

    if (!parsed.flags.force && compileIsFresh(io.projectDir)) {
      io.out('cht-conf: app_settings.json up to date (nothing it is compiled from changed)');
    } else {
      forgetCompile(io.projectDir);
      const compiled = runChtConf(io.projectDir, ['compile-app-settings'], [], io.env);
      if (!compiled.ok) return fail(io, 'compile-app-settings', compiled.output);
      recordCompile(io.projectDir);
      io.out('cht-conf: app_settings.json compiled');
    }

    const changed = parsed.flags.force ? formSources(io.projectDir) : formsToConvert(io.projectDir);
    const checksums = readChecksums(io.projectDir);
    for (const kind of ['app', 'contact'] as const) {
      const forms = changed.filter((form) => form.kind === kind);
      if (!forms.length) continue;
      const names = forms.map((form) => form.name);
      // Converted in a temporary copy: a form that fails keeps its committed .xml.
      const converted = convertForms(io.projectDir, kind, names, io.env);
      if (!converted.ok) return fail(io, `convert-${kind}-forms ${names.join(' ')}`, converted.output, kind);
      record(checksums, forms);
      writeChecksums(io.projectDir, pruned(checksums, formSources(io.projectDir)));
      io.out(`cht-conf: converted and validated ${kind} forms: ${names.join(', ')}`);
    }
    if (!changed.length) io.out('forms: up to date (no .xlsx changed since its .xml was converted)');
    writeChecksums(io.projectDir, pruned(checksums, formSources(io.projectDir)));
    return 0;
  },
};

function record(checksums: Record<string, string>, forms: FormSource[]): void {
  for (const form of forms) checksums[form.key] = sha256File(form.xlsx);
}

function pruned(checksums: Record<string, string>, present: FormSource[]): Record<string, string> {
  const keys = new Set(present.map((form) => form.key));
  return Object.fromEntries(Object.entries(checksums).filter(([key]) => keys.has(key)));
}

function fail(io: { err(line: string): void }, step: string, output: string, kind?: 'app' | 'contact'): number {
  io.err(`cht-conf ${step} failed:`);
  for (const line of chtConfErrors(output)) io.err(`  ${line}`);
  if (kind) io.err(`  the committed forms/${kind}/*.xml are unchanged; fix the form and run build again`);
  return 1;
}
