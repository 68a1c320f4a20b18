import { expect } from 'chai';
import { runTest, tokenize } from '../../../../src/rapidpro/simulator/excellent/case-tests';
import { Decimal } from '../../../../src/rapidpro/simulator/excellent/decimal';
import { render, text, XError, XNumber, XValue } from '../../../../src/rapidpro/simulator/excellent/values';

const number = (value: string): XNumber => new XNumber(Decimal.parse(value) as Decimal);

/** The match of a test as text, false when it does not match, or "ERROR". */
function match(name: string, operand: XValue, ...args: XValue[]): string | false {
  const result = runTest(name, operand, args);
  if (result === undefined) throw new Error(`${name} unsupported`);
  if (result instanceof XError) return 'ERROR';
  return result.matched ? render(result.match) : false;
}

// expectations are goflow's own documented examples (flows/routers/cases/tests.go) plus edge cases
describe('rapidpro simulator case tests', () => {
  it('tokenises words, apostrophes and symbols like goflow', () => {
    expect(tokenize("I don't know 👍, ok? 42.5")).to.deep.equal(['I', "don't", 'know', '👍', 'ok', '42', '5']);
  });

  it('has_any_word', () => {
    expect(match('has_any_word', text('The Quick Brown Fox'), text('fox quick'))).to.equal('Quick Fox');
    expect(match('has_any_word', text('The Quick Brown Fox'), text('red fox'))).to.equal('Fox');
    expect(match('has_any_word', text('The Quick Brown Fox'), text('red'))).to.equal(false);
    expect(match('has_any_word', text('OUI!'), text('oui o'))).to.equal('OUI');
    expect(match('has_any_word', text('yesterday'), text('yes'))).to.equal(false);
    expect(match('has_any_word', text('👍'), text('👍 yes'))).to.equal('👍');
  });

  it('has_all_words', () => {
    expect(match('has_all_words', text('the quick brown FOX'), text('the fox'))).to.equal('the FOX');
    expect(match('has_all_words', text('the quick brown fox'), text('red fox'))).to.equal(false);
  });

  it('has_phrase', () => {
    expect(match('has_phrase', text('the quick brown fox'), text('brown fox'))).to.equal('brown fox');
    expect(match('has_phrase', text('the Quick Brown fox'), text('quick fox'))).to.equal(false);
    expect(match('has_phrase', text('the Quick Brown fox'), text(''))).to.equal('');
  });

  it('has_only_phrase', () => {
    expect(match('has_only_phrase', text('Quick Brown'), text('quick brown'))).to.equal('Quick Brown');
    expect(match('has_only_phrase', text('  Quick, Brown! '), text('quick brown'))).to.equal('Quick Brown');
    expect(match('has_only_phrase', text('The Quick Brown Fox'), text('quick brown'))).to.equal(false);
    expect(match('has_only_phrase', text('the Quick Brown fox'), text(''))).to.equal(false);
    expect(match('has_only_phrase', text(''), text(''))).to.equal('');
  });

  it('has_only_text is exact and case-sensitive', () => {
    expect(match('has_only_text', text('foo'), text('foo'))).to.equal('foo');
    expect(match('has_only_text', text('foo'), text('FOO'))).to.equal(false);
    expect(match('has_only_text', text('foo'), text(' foo '))).to.equal(false);
  });

  it('has_beginning', () => {
    expect(match('has_beginning', text('The Quick Brown'), text('the quick'))).to.equal('The Quick');
    expect(match('has_beginning', text('The Quick Brown'), text('the   quick'))).to.equal(false);
    expect(match('has_beginning', text('The Quick Brown'), text('quick brown'))).to.equal(false);
    expect(match('has_beginning', text(''), text('x'))).to.equal(false);
  });

  it('has_text', () => {
    expect(match('has_text', text('quick brown'))).to.equal('quick brown');
    expect(match('has_text', text(' hi \n'))).to.equal('hi');
    expect(match('has_text', text(''))).to.equal(false);
    expect(match('has_text', text(' \n'))).to.equal(false);
    expect(match('has_text', number('123'))).to.equal('123');
    expect(match('has_text', null)).to.equal(false);
  });

  it('has_number finds numbers in text, grouped or in other digit systems', () => {
    expect(match('has_number', text('the number is 42'))).to.equal('42');
    expect(match('has_number', text('العدد ٤٢'))).to.equal('42');
    expect(match('has_number', text('about 1,000.50 shillings'))).to.equal('1000.5');
    expect(match('has_number', text('-3 degrees'))).to.equal('-3');
    expect(match('has_number', text('the number is forty two'))).to.equal(false);
  });

  it('has_number_eq, _lt, _lte, _gt, _gte and _between', () => {
    const answer = text('the number is 42');
    expect(match('has_number_eq', answer, number('42'))).to.equal('42');
    expect(match('has_number_eq', answer, number('40'))).to.equal(false);
    expect(match('has_number_lt', answer, number('44'))).to.equal('42');
    expect(match('has_number_lt', answer, number('42'))).to.equal(false);
    expect(match('has_number_lte', answer, number('42'))).to.equal('42');
    expect(match('has_number_gt', answer, number('40'))).to.equal('42');
    expect(match('has_number_gt', answer, number('42'))).to.equal(false);
    expect(match('has_number_gte', answer, number('42'))).to.equal('42');
    expect(match('has_number_between', answer, number('40'), number('44'))).to.equal('42');
    expect(match('has_number_between', answer, number('50'), number('60'))).to.equal(false);
    expect(match('has_number_between', text('2 or 3'), number('3'), number('3'))).to.equal('3');
    // arguments arrive as text from the flow and are converted
    expect(match('has_number_between', text('score 2'), text('0'), text('3'))).to.equal('2');
    expect(match('has_number_between', text('the number is not there'), text('foo'), number('60'))).to.equal('ERROR');
    expect(match('has_number_lt', answer)).to.equal('ERROR');
  });

  it('reports unsupported tests as undefined (the engine refuses them)', () => {
    expect(runTest('has_date', text('2026-01-01'), [])).to.equal(undefined);
    expect(runTest('has_phone', text('+254700000001'), [])).to.equal(undefined);
  });
});

describe('rapidpro simulator has_pattern (Go RE2 with (?mi), as goflow compiles it)', () => {
  const extra = (operand: string, pattern: string): Record<string, string> | false | 'ERROR' => {
    const result = runTest('has_pattern', text(operand), [text(pattern)]);
    if (result instanceof XError) return 'ERROR';
    if (!result || !result.matched) return false;
    return Object.fromEntries([...(result.extra?.properties ?? [])].map(([key, value]) => [key, render(value)]));
  };

  it("goflow's documented examples", () => {
    expect(match('has_pattern', text('Buy cheese please'), text('buy (\\w+)'))).to.equal('Buy cheese');
    expect(extra('Buy cheese please', 'buy (\\w+)')).to.deep.equal({ 0: 'Buy cheese', 1: 'cheese' });
    expect(match('has_pattern', text('Sell cheese please'), text('buy (\\w+)'))).to.equal(false);
  });

  it('is case-insensitive and multi-line, and trims the pattern but not the text', () => {
    expect(match('has_pattern', text('hello\nYES please'), text('  ^yes\\b  '))).to.equal('YES');
    expect(match('has_pattern', text('  yes'), text('^yes'))).to.equal(false);
    expect(match('has_pattern', text('OUI'), text('^oui$'))).to.equal('OUI');
  });

  it('keeps Go meanings JavaScript does not share', () => {
    // `.` does not cross \n but does match \r; `$` ends a line only at \n
    expect(match('has_pattern', text('a\rb'), text('a.b'))).to.equal('a\rb');
    expect(match('has_pattern', text('a\nb'), text('a.b'))).to.equal(false);
    expect(match('has_pattern', text('yes\rno'), text('^yes$'))).to.equal(false);
    // \s is ASCII white space only
    expect(match('has_pattern', text('1\u00a02'), text('1\\s2'))).to.equal(false);
    expect(match('has_pattern', text('1 2'), text('1\\s2'))).to.equal('1 2');
    // a brace that is not a repetition is a literal; \pL and \p{Lu} are Unicode categories
    expect(match('has_pattern', text('x{y}'), text('x{y}'))).to.equal('x{y}');
    expect(match('has_pattern', text('fièvre 2'), text('^\\pL+'))).to.equal('fièvre');
    expect(match('has_pattern', text('2 jours'), text('^[^\\p{L}\\p{N}]*2([^\\p{L}\\p{N}]|$)'))).to.equal('2 ');
    // an optional group that took no part is ""
    expect(extra('ab', 'a(x)?b')).to.deep.equal({ 0: 'ab', 1: '' });
    // escaped punctuation and hex escapes are characters
    expect(match('has_pattern', text('1.5 ✓'), text('1\\.5 \\x{2713}'))).to.equal('1.5 ✓');
  });

  it('reports what Go refuses as an invalid pattern, and refuses what it does not model', () => {
    expect(match('has_pattern', text('x'), text('(unclosed'))).to.equal('ERROR');
    expect(match('has_pattern', text('x'), text('a**'))).to.equal('ERROR');
    expect(() => runTest('has_pattern', text('x'), [text('(?s)a')])).to.throw(/flags group/);
    expect(() => runTest('has_pattern', text('x'), [text('[[:alpha:]]')])).to.throw(/POSIX/);
    expect(() => runTest('has_pattern', text('x'), [text('\\p{Greek}')])).to.throw(/Unicode class/);
  });
});
