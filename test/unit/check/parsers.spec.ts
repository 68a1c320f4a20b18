import { expect } from 'chai';
import { parseProperties } from '../../../src/check/properties';
import { isProvablyFalse } from '../../../src/check/xpath-constant';
import { closest } from '../../../src/check/closest';
import { parseXlsForm } from '../../../src/xlsform';

describe('check parsers', () => {
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
