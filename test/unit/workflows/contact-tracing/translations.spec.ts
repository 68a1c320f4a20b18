import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { contactTracing } from '../../../../src/workflows/contact-tracing';

const root = path.resolve(__dirname, '../../../..');
const keysOf = (language: string): Map<string, string> => new Map(
  fs.readFileSync(path.join(root, 'translations', `messages-${language}.properties`), 'utf8')
    .split('\n')
    .filter((line) => line.includes('=') && !line.startsWith('#'))
    .map((line) => [line.slice(0, line.indexOf('=')).trim(), line.slice(line.indexOf('=') + 1).trim()]),
);

describe('contact tracing: translations', () => {
  for (const language of ['en', 'fr', 'sw']) {
    it(`has a ${language} text for every task, target, summary and JSON form key`, () => {
      const messages = keysOf(language);
      const missing = contactTracing.translationKeys.filter((key) => !messages.get(key));
      expect(missing).to.deep.equal([]);
    });
  }

  it('declares the task titles, targets and RP_SYMPTOMS labels among its keys', () => {
    const keys = contactTracing.translationKeys;
    for (const task of contactTracing.tasks) expect(keys).to.include(task.title);
    for (const target of contactTracing.targets) expect(keys).to.include(target.translation_key);
    expect(keys).to.include.members(['form.rp_symptoms.title', 'report.rp_symptoms.fever', 'report.rp_symptoms.quarantine_day']);
  });
});
