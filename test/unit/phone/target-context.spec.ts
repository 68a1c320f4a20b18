/**
 * Who sees which target tile on CHT 4.11: the webapp shows a target when
 * `!!parseProvider.parse(target.context)({ user })` with `user` the logged-in user's contact doc
 * (`rules-engine.service.ts`), an Angular expression with null-safe reads (`parse.provider.ts`).
 * Evaluated here on the compiled `app_settings.json`, the bytes CHT receives.
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PERSON_ROLES } from '../../../src/phone/kit/roles';
import { RULES } from '../../../src/phone/workflows';
import { compileExpression, targetVisibleTo } from '../../support/cht-expression';

const ROOT = path.resolve(__dirname, '..', '..', '..');

interface CompiledTarget {
  id: string;
  context?: string;
}

const compiled = (JSON.parse(fs.readFileSync(path.join(ROOT, 'app_settings.json'), 'utf8')) as { tasks: { targets: { items: CompiledTarget[] } } })
  .tasks.targets.items;

/** Who each workflow's figures are for. */
const AUDIENCE: Record<keyof typeof RULES, string> = {
  'contact-tracing': 'chw',
  'remote-training': 'chw_supervisor',
  'chw-wellbeing': 'chw_supervisor',
};

/** A user's contact doc as the person form saves it, under the user's facility. */
const userWithRole = (role: string | undefined): Record<string, unknown> => ({
  _id: `user-${role}`, type: 'person', name: 'A user', ...(role ? { role } : {}), phone: '+254700000009',
  parent: { _id: 'health_center_1', parent: { _id: 'district_1' } },
});

describe('target context under CHT 4.11 (only `user` in scope)', () => {
  it('the compiled settings hold every target of every workflow, each with a context', () => {
    const declared = Object.values(RULES).flatMap((rules) => rules.targets.map((target) => target.id));
    expect(compiled.map((target) => target.id)).to.deep.equal(declared);
    for (const target of compiled) expect(target.context, target.id).to.be.a('string').and.not.equal('');
  });

  for (const role of [...PERSON_ROLES, undefined]) {
    it(`shows a user whose contact has role ${role ?? '(none)'} exactly the targets for that role`, () => {
      const user = userWithRole(role);
      for (const [workflow, rules] of Object.entries(RULES) as [keyof typeof RULES, (typeof RULES)[keyof typeof RULES]][]) {
        for (const { id } of rules.targets) {
          const target = compiled.find((candidate) => candidate.id === id);
          expect(targetVisibleTo(target?.context, user), `${id} for ${role}`).to.equal(role === AUDIENCE[workflow]);
        }
      }
    });
  }

  it('shows nothing to a user without a contact doc (an admin)', () => {
    for (const target of compiled) expect(targetVisibleTo(target.context, undefined), target.id).to.equal(false);
  });

  describe('the evaluator reads expressions as 4.11 does', () => {
    it('has no `cht`, permissions or globals in scope: a permission check is always false', () => {
      const supervisor = userWithRole('chw_supervisor');
      expect(targetVisibleTo("cht.v1.hasPermissions('can_supervise_wellbeing')", supervisor)).to.equal(false);
      expect(targetVisibleTo('!!Utils', supervisor)).to.equal(false);
      expect(targetVisibleTo("user.roles && user.roles.includes('chw_supervisor')", supervisor)).to.equal(false);
    });

    it('reads properties and calls methods null-safely, and compares as JavaScript', () => {
      const evaluate = (source: string, ctx: Record<string, unknown>): unknown => compileExpression(source)(ctx);
      expect(evaluate('user.parent.parent.parent.name', { user: userWithRole('chw') })).to.equal(undefined);
      expect(evaluate('contact.role === "chw" || contact.role === \'chw_supervisor\'', { contact: { role: 'chw_supervisor' } })).to.equal(true);
      expect(evaluate("['chw', 'other'].includes(user.role)", { user: { role: 'other' } })).to.equal(true);
      expect(evaluate('user.name.toUpperCase()', { user: {} })).to.equal(undefined);
      expect(evaluate('!summary.ct_enrolled && (user.age + 1 > 3 ? "old" : "young")', { summary: {}, user: { age: 5 } })).to.equal('old');
      expect(evaluate('x + 1', {})).to.equal(1);
      expect(() => compileExpression('user.role = "chw"')).to.throw(/unsupported|unexpected/);
    });
  });
});
