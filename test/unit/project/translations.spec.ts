import { expect } from 'chai';
import { BASE_PROFILE_KEYS, PERSON_ROLES } from '../../../src/phone/kit/contact-summary';
import { LOCALES } from '../../../src/phone/kit/locale';
import { translationKeysOf } from '../../../src/phone/kit/rules';
import { allTranslations, translationFiles } from '../../../src/project/translations';
import { workflows } from '../../../src/workflows';

describe('translations', () => {
  const all = allTranslations(workflows);

  it('have a non-empty text in every language for every key the phone shows', () => {
    const used = [
      ...BASE_PROFILE_KEYS,
      ...PERSON_ROLES.map((role) => `contact.role.${role}`),
      ...workflows.flatMap((workflow) => [
        ...translationKeysOf(workflow.rules),
        ...workflow.rules.targets.map((target) => target.subtitle_translation_key).filter((key): key is string => !!key),
      ]),
    ];
    const missing = used.filter((key) => LOCALES.some((locale) => !all.get(key)?.[locale]?.trim()));
    expect(missing).to.deep.equal([]);
    expect(used.length).to.be.greaterThan(100);
  });

  it('use one grammar: task.<name>.*, target.<id>.title, target.period.*, contact.profile.<workflow>.*, form/report.<code>.*', () => {
    const grammar = /^(task\.[a-z0-9-]+\.(title|priority|action)|target\.[a-z0-9-]+\.title|target\.period\.[a-z0-9-]+|contact\.profile\.[a-z0-9-]+(\.[a-z0-9_-]+)*|contact\.role\.[a-z_]+|form\.rp_[a-z_]+\.title|report\.rp_[a-z_]+\.[a-z_]+)$/;
    const keys = workflows.flatMap((workflow) => translationKeysOf(workflow.rules));
    expect(keys.filter((key) => !grammar.test(key))).to.deep.equal([]);
    for (const workflow of workflows) {
      for (const key of translationKeysOf(workflow.rules).filter((candidate) => /^(task|target)\.[^.]+\.title$/.test(candidate))) {
        expect(key.split('.')[1], key).to.match(new RegExp(`^${workflow.id}-`));
      }
    }
  });

  it('write sorted properties files, one per language, escaping what .properties needs', () => {
    const files = translationFiles(workflows);
    expect([...files.keys()]).to.deep.equal(LOCALES.map((locale) => `translations/messages-${locale}.properties`));
    const english = (files.get('translations/messages-en.properties') ?? '').trimEnd().split('\n');
    const keys = english.map((line) => line.slice(0, line.indexOf(' = ')));
    expect(keys).to.deep.equal([...keys].sort());
    expect(keys).to.have.length(all.size);
    const withNewline = translationFiles([{ ...workflows[0], translations: { ...workflows[0].translations, 'form.rp_symptoms.title': { en: ' two\nlines', fr: 'x', sw: 'y' } } }]);
    expect(withNewline.get('translations/messages-en.properties')).to.include('form.rp_symptoms.title = \\ two\\nlines\n');
  });

  it('refuse one key declared twice with different texts', () => {
    const clash = { ...workflows[1], translations: { ...workflows[1].translations, 'form.rp_symptoms.title': { en: 'Other', fr: 'Autre', sw: 'Nyingine' } } };
    expect(() => allTranslations([workflows[0], clash])).to.throw(/form\.rp_symptoms\.title.*declared again/);
  });
});
