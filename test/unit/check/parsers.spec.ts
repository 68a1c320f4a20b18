import { expect } from 'chai';
import { bodyObject, objectOf, ExpressionError } from '../../../src/check/expression';
import { parseProperties } from '../../../src/check/properties';
import { isProvablyFalse } from '../../../src/check/xpath-constant';
import { closest } from '../../../src/check/closest';
import { parseXlsForm } from '../../../src/xlsform';
import { responseForm } from '../../../src/integration/response-form';
import { constant, resultFlag, resultNumber } from '../../../src/integration/sources';

describe('check parsers', () => {
  it('reads the top-level and _meta keys of a generated webhook body', () => {
    const form = responseForm({ code: 'RP_X', fields: { fever: { type: 'boolean' }, score: { type: 'integer', required: true }, kind: { type: 'string' } } });
    const post = form.post({ step: 'q1', presentWhen: 'score', subject: resultNumber('id'), values: { score: resultNumber('score'), fever: resultFlag('fever', ['Yes'], ['No']), kind: constant('a, "b"'.replace(/"/g, '')) } });
    const body = bodyObject(post.body());
    expect(body.keys).to.deep.equal(['_meta', 'patient_id', 'rp_event_id', 'fever', 'score', 'kind']);
    const meta = body.values.get('_meta');
    expect(meta && objectOf(meta).keys).to.deep.equal(['form', 'from']);
  });

  it('refuses bodies that are not json(object(…)) with a reason', () => {
    expect(() => bodyObject('@(json(object("a", 1, "b")))')).to.throw(ExpressionError, /odd number/);
    expect(() => bodyObject('@(json(object(results.a, 1)))')).to.throw(ExpressionError, /not a string literal/);
    expect(() => bodyObject('{"a": 1}')).to.throw(ExpressionError);
    expect(bodyObject('@(object("a", "x" & results.y.value, "b", if(a, "(", ")")))').keys).to.deep.equal(['a', 'b']);
  });

  it('proves only constant-false relevant expressions false', () => {
    for (const yes of ['false()', '0', '1 = 2', "'a' = 'b'", 'not(true())', '0 and ../x', '(1 != 1)', "${a} = 'x' and 2 < 1"]) expect(isProvablyFalse(yes), yes).to.equal(true);
    for (const no of ['', '1', 'true()', "'0'", "${a} = 'yes'", '../a = 2', 'count(../x) = 0', 'false() or ../x', 'not(../x)', '1 + 1 = 3', 'x(1=2', '1 = 1']) expect(isProvablyFalse(no), no).to.equal(false);
  });

  it('reads .properties with comments, separators, escapes and continuations', () => {
    const entries = parseProperties('# comment\n! other\na.b = One\nc:Two\nd Three\ne.f = long \\\n   line\nescaped\\ key = x\nempty =\n');
    expect(Object.fromEntries(entries)).to.deep.equal({ 'a.b': 'One', c: 'Two', d: 'Three', 'e.f': 'long line', 'escaped key': 'x', empty: '' });
  });

  it('suggests the nearest name only when it is a plausible rename', () => {
    expect(closest('quarantine.start_date', ['quarantine.start_dt', 'quarantine.length'])).to.equal('quarantine.start_dt');
    expect(closest('fever', ['cough', 'breathing'])).to.equal(undefined);
  });

  it('rejects non-workbook bytes with an XlsFormError', () => {
    expect(() => parseXlsForm(Buffer.from('hello'), 'x.xlsx')).to.throw(/not an \.xlsx workbook/);
  });
});
