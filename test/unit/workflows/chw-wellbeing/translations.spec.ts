import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { chwWellbeing } from '../../../../src/workflows/chw-wellbeing';
import { WELLBEING_TRANSLATIONS } from '../../../../src/workflows/chw-wellbeing/translations';

const ROOT = path.resolve(__dirname, '../../../..');

/** `key = value` lines of a properties file (our values hold no continuation lines). */
function properties(language: string): Map<string, string> {
  const text = fs.readFileSync(path.join(ROOT, `translations/messages-${language}.properties`), 'utf8');
  const entries = text.split('\n').filter((line) => line.includes(' = ') && !line.startsWith('#'))
    .map((line): [string, string] => [line.slice(0, line.indexOf(' = ')), line.slice(line.indexOf(' = ') + 3)]);
  return new Map(entries);
}

describe('chw-wellbeing translations', () => {
  for (const language of ['en', 'fr', 'sw'] as const) {
    it(`messages-${language}.properties has every wellbeing text as declared`, () => {
      const messages = properties(language);
      for (const [key, texts] of Object.entries(WELLBEING_TRANSLATIONS)) expect(messages.get(key), key).to.equal(texts[language]);
    });
  }

  it('covers every task title, target title and JSON form label the workflow uses', () => {
    const used = [
      ...chwWellbeing.tasks.map((task) => task.title),
      ...chwWellbeing.targets.flatMap((target) => [target.translation_key, target.subtitle_translation_key]),
      ...chwWellbeing.responseForms.flatMap((form) => [form.titleKey, ...Object.keys(form.allFields).map((field) => form.labelKey(field))]),
    ].filter((key): key is string => !!key);
    expect(chwWellbeing.translationKeys).to.include.members(used);
  });
});
