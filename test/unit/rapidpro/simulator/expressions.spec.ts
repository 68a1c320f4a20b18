import { expect } from 'chai';
import { FlowBuilder } from '../../../../src/rapidpro/flow/builder';
import { contactField } from '../../../../src/rapidpro/flow/fields';
import { exportOf } from '../../../../src/rapidpro/export';
import { simulateFlow, SimulateOptions, SimulationError } from '../../../../src/rapidpro/simulator';

const RUN_UUID = '2f7c0d2e-5a1b-4c8e-9f3a-1b2c3d4e5f60';

/** Sends `template` as the only message of a one-node flow and returns what the contact gets. */
function render(template: string, overrides: Partial<SimulateOptions> = {}): { text: string; errors: string[] } {
  const flow = new FlowBuilder({ name: 'Expressions', key: 'test-expressions', language: 'eng' }).send('show', template);
  const exported = exportOf([flow], [], [contactField('age', 'Age', 'number'), contactField('nickname', 'Nickname'), contactField('enrolled_on', 'Enrolled On', 'datetime')]);
  const run = simulateFlow(exported, 'Expressions', {
    contact: { uuid: '0f5a2d0e-8c1b-4d3e-9a7b-6c5d4e3f2a1b', urn: 'tel:+254700000001', name: 'Ben Haggerty', language: 'eng', fields: { age: 23, enrolled_on: '2026-04-28' } },
    params: { day: 3, chw: { phone: '+254700000002', name: 'Wanjiru' }, list: ['a', 'b', 'c'], 'key with spaces': 'spaced', flag: true },
    globals: { cht_url: 'https://cht.example.org' },
    runUuid: RUN_UUID,
    now: '2026-05-01T10:30:00Z',
    timezone: 'Africa/Nairobi',
    ...overrides,
  });
  return { text: run.messages[0].text, errors: run.errors };
}

const text = (template: string, overrides: Partial<SimulateOptions> = {}): string => render(template, overrides).text;

describe('rapidpro simulator expressions', () => {
  describe('context', () => {
    it('reads contact, fields, trigger params, globals and run', () => {
      expect(text('@contact.name|@contact.first_name|@contact.language|@contact.urn|@contact')).to.equal('Ben Haggerty|Ben|eng|tel:+254700000001|Ben Haggerty');
      expect(text('@contact.uuid @run.uuid')).to.equal(`0f5a2d0e-8c1b-4d3e-9a7b-6c5d4e3f2a1b ${RUN_UUID}`);
      expect(text('@fields.age @contact.fields.age @fields.nickname.')).to.equal('23 23 .');
      expect(text('@trigger.params.chw.phone @trigger.params.day @trigger.type')).to.equal('+254700000002 3 manual');
      expect(text('@(trigger.params.list[0])@(trigger.params.list[-1])@(trigger.params["key with spaces"])')).to.equal('acspaced');
      expect(text('@globals.cht_url/api/v2/records')).to.equal('https://cht.example.org/api/v2/records');
    });

    it('is case-insensitive like goflow', () => {
      expect(text('@CONTACT.Name @(UPPER(contact.NAME))')).to.equal('Ben Haggerty BEN HAGGERTY');
    });

    it('keeps @@, e-mail addresses, lone @ and unbalanced @( as text', () => {
      expect(text('@@contact.name')).to.equal('@contact.name');
      expect(text('write to info@example.org or @ me')).to.equal('write to info@example.org or @ me');
      expect(text('@(1 + 2')).to.equal('@(1 + 2');
      expect(text('Hi @contact.name.')).to.equal('Hi Ben Haggerty.');
    });

    it('renders missing values as nothing and reports the error', () => {
      expect(render('[@trigger.params.missing]')).to.deep.equal({ text: '[]', errors: ["flow \"Expressions\" node " + new FlowBuilder({ name: 'Expressions', key: 'test-expressions', language: 'eng' }).nodeUuid('show') + " action send_msg: @trigger.params.missing: object has no property 'missing'"] });
      expect(render('[@results.fever]').errors[0]).to.match(/@results.fever: object has no property 'fever'$/);
      expect(render('[@input.text]').errors[0]).to.match(/null doesn't support lookups$/);
      expect(render('[@(trigger.params["missing"])]')).to.deep.include({ text: '[]', errors: [] });
    });
  });

  describe('operators', () => {
    it('computes exact decimals with goflow precedence', () => {
      expect(text('@(1 + 2) @(1.1 + 2.2) @(10 - 2 * 3) @((10 - 2) * 3) @(-fields.age) @(3 / 2) @(4 / 2)')).to.equal('3 3.3 4 24 -23 1.5 2');
      expect(text('@(1 / 3) @(2 / 3) @(1.50) @(fields.age + 1)')).to.equal('0.3333333333333333 0.6666666666666667 1.5 24');
    });

    it('compares text with = and != and numbers with < <= > >=', () => {
      expect(text('@(1 = "1") @("hello" = "HELLO") @(2 != 3) @(2 < 3) @(3 <= 3) @(4 > 3) @(3 >= 4)')).to.equal('true false true true true true false');
      expect(text('@(contact.name = "Ben Haggerty")')).to.equal('true');
    });

    it('joins text with &, which binds loosest', () => {
      expect(text('@("hello" & " " & "bar") @("hello" & null) @("a" & 1 + 2) @("x" & true)')).to.equal('hello bar hello a3 xtrue');
    });

    it('turns errors into empty output', () => {
      expect(render('[@(1 / 0)]')).to.deep.include({ text: '[]' });
      expect(render('[@(1 / 0)]').errors[0]).to.match(/@\(1 \/ 0\): division by zero$/);
      expect(render('[@("abc" + 1)]').errors[0]).to.match(/unable to convert "abc" to a number$/);
    });
  });

  describe('functions', () => {
    it('json() writes Go JSON: sorted keys, no spaces, no HTML escaping', () => {
      expect(text('@(json(object("foo", 1, "bar", "x")))')).to.equal('{"bar":"x","foo":1}');
      expect(text('@(json(object("a", "<b>&", "n", null, "t", true, "q", "say \\"hi\\"")))')).to.equal('{"a":"<b>&","n":null,"q":"say \\"hi\\"","t":true}');
      expect(text('@(json(123.450)) @(json(text(123.45))) @(json(array(1, "x", null))) @(json(trigger.params.chw))')).to.equal(
        '123.45 "123.45" [1,"x",null] {"name":"Wanjiru","phone":"+254700000002"}',
      );
      expect(text('@(json(fields.enrolled_on))')).to.equal('"2026-04-28T00:00:00.000000+03:00"');
    });

    it('object() renders as {key: value} and has properties', () => {
      expect(text('@(object("foo", 1, "bar", "x")) @(object("foo", 1, "bar", "x").bar) @(count(object("a", 1)))')).to.equal('{bar: x, foo: 1} x 1');
      expect(render('[@(object("odd"))]').errors[0]).to.match(/requires an even number of arguments/);
    });

    it('text(), number(), if(), and(), or(), default()', () => {
      expect(text('@(text(true)) @(text(1.50)) @(number("12.50") + 1) @(if(fields.age > 18, "adult", "child")) @(if("false", "y", "n"))')).to.equal('true 1.5 13.5 adult n');
      expect(text('@(and(true, "yes", 1)) @(and(true, 0)) @(or(false, 0, "")) @(or(false, "x"))')).to.equal('true false false true');
      expect(text('@(default(fields.nickname, "none")) @(default(trigger.params.missing, "x")) @(default("a", "b"))')).to.equal('none x a');
      expect(text('@(if(trigger.params.flag, true, false)) @(json(if(trigger.params.day = 3, true, false)))')).to.equal('true true');
    });

    it('upper(), lower(), trim(), count(), round()', () => {
      expect(text('@(upper("Straße")) @(lower("ÉCOLE")) [@(trim("  hi  "))] @(trim("**hi**", "*"))')).to.equal('STRAßE école [hi] hi');
      expect(text('@(count(trigger.params.list)) @(count(null))')).to.equal('3 0');
      expect(render('[@(count("abc"))]').errors[0]).to.match(/value isn't countable/);
      expect(text('@(round(12.141, 2)) @(round(12.145, 2)) @(round(-1.5)) @(round(12.9)) @(round(1234, -2))')).to.equal('12.14 12.15 -2 13 1200');
    });

    it('urn_parts() and format_urn()', () => {
      expect(text('@(urn_parts(contact.urn).scheme) @(urn_parts(contact.urn).path) [@(urn_parts(contact.urn).display)]')).to.equal('tel +254700000001 []');
      expect(text('@(format_urn("twitter:134252511151#billy_bob")) @(format_urn("mailto:foo@bar.com"))')).to.equal('billy_bob foo@bar.com');
    });

    it('now(), today(), datetime_add() and format_date() in the workspace time zone', () => {
      expect(text('@(now()) @(today())')).to.equal('2026-05-01T13:30:00.000000+03:00 2026-05-01');
      expect(text('@(datetime_add(now(), 2, "h")) @(datetime_add("2026-01-31", 1, "M"))')).to.equal('2026-05-01T15:30:00.000000+03:00 2026-03-03T00:00:00.000000+03:00');
      expect(text('@(format_date(datetime_add(today(), 13, "D"), "D MMMM YYYY")) @(format_date("2026-05-01", "EEE DD/MM/YY")) @(format_date(fields.enrolled_on))')).to.equal(
        '14 May 2026 Fri 01/05/26 2026-04-28',
      );
      expect(text('@(format_date(today()))', { dateFormat: 'DD-MM-YYYY' })).to.equal('01-05-2026');
      expect(text('@(now())', { timezone: 'UTC' })).to.equal('2026-05-01T10:30:00.000000Z');
      expect(render('[@(datetime_add(now(), 1, "fortnight"))]').errors[0]).to.match(/unknown unit: fortnight/);
      expect(render('[@(format_date(today(), "hh"))]').errors[0]).to.match(/'hh' is not valid in a date formatting layout/);
    });

    it('datetime_diff() counts calendar days, weeks and months from the first date to the second', () => {
      expect(text('@(datetime_diff("2026-04-28", today(), "D")) @(datetime_diff(today(), "2026-04-28", "D"))')).to.equal('3 -3');
      expect(text('@(datetime_diff("2026-04-30T23:00:00+03:00", now(), "D")) @(datetime_diff("2026-04-30T23:00:00+03:00", now(), "h"))')).to.equal('1 14');
      expect(text('@(datetime_diff("2026-04-01", "2026-04-22", "W")) @(datetime_diff("2025-12-31", today(), "M")) @(datetime_diff("2024-05-01", today(), "Y"))')).to.equal('3 5 2');
      expect(render('[@(datetime_diff(today(), today(), "fortnight"))]').errors[0]).to.match(/unknown unit: fortnight/);
    });

    it("datetime_diff() gives goflow's documented results and counts calendar years, each date in its own zone", () => {
      expect(
        text(
          '@(datetime_diff("2017-01-15", "2017-01-17", "D")) @(datetime_diff("2017-01-15", "2017-05-15", "W")) @(datetime_diff("2017-01-15", "2017-05-15", "M")) ' +
            '@(datetime_diff("2017-01-17 10:50", "2017-01-17 12:30", "h")) @(datetime_diff("2017-01-17", "2015-12-17", "Y"))',
        ),
      ).to.equal('2 17 4 1 -2');
      // Y is date2.Year() - date1.Year(): one day across New Year is a year, a whole year within one is none
      expect(text('@(datetime_diff("2025-12-31", "2026-01-01", "Y")) @(datetime_diff("2025-01-01", "2025-12-31", "Y")) @(datetime_diff("2026-12-31", "2025-01-01", "Y"))')).to.equal('1 0 -1');
      // the first date's calendar day is read in UTC (its offset), the second's in Nairobi, though the second is the earlier instant
      expect(text('@(datetime_diff("2026-04-30T23:30:00Z", "2026-05-01T01:00:00+03:00", "D")) @(datetime_diff("2026-04-30T23:30:00Z", "2026-05-01T01:00:00+03:00", "m"))')).to.equal('1 -90');
    });

    it('datetimes keep microseconds through parsing, arithmetic, comparison and rendering, as goflow does', () => {
      const utc = { timezone: 'UTC' };
      expect(text('@(datetime("1979-07-18T10:30:45.123456Z")) @(date("1979-07-18T10:30:45.123456Z"))', utc)).to.equal('1979-07-18T10:30:45.123456Z 1979-07-18');
      expect(text('@(json(datetime("1979-07-18T10:30:45.123456Z")))', utc)).to.equal('"1979-07-18T10:30:45.123456Z"');
      // Go keeps nanoseconds and renders six digits
      expect(text('@(datetime("2026-05-01T10:30:00.123456789Z"))', utc)).to.equal('2026-05-01T10:30:00.123456Z');
      expect(text('@(datetime_add("2026-05-01T10:30:00.000999Z", 1, "s")) @(datetime_add("2026-05-01T10:30:00.123456Z", 1, "D"))', utc)).to.equal(
        '2026-05-01T10:30:01.000999Z 2026-05-02T10:30:00.123456Z',
      );
      expect(text('@(datetime_add("2026-05-01T10:30:00.000001Z", -1, "m"))', utc)).to.equal('2026-05-01T10:29:00.000001Z');
      // 0.999999 seconds is no whole second; 1.000001 is one
      expect(text('@(datetime_diff("2026-05-01T10:30:00.000001Z", "2026-05-01T10:30:01Z", "s")) @(datetime_diff("2026-05-01T10:30:00Z", "2026-05-01T10:30:01.000001Z", "s"))', utc)).to.equal('0 1');
      expect(text('@(datetime("2026-05-01T13:30:00.5+03:00"))')).to.equal('2026-05-01T13:30:00.500000+03:00');
    });
  });

  describe('refusals', () => {
    const refused = (template: string, pattern: RegExp) => expect(() => render(template)).to.throw(SimulationError, pattern);

    it('refuses not(), which goflow does not have', () => {
      refused('@(not(true))', /not\(\) is not a function in RapidPro's expression language \(goflow has no not\(\): write if\(x, false, true\)\)/);
    });

    it('refuses goflow functions it does not implement, and invented ones', () => {
      refused('@(title("x"))', /the function title\(\) is not supported by the simulator \(in "@\(title\(\\"x\\"\)\)"\)/);
      refused('@(frobnicate(1))', /frobnicate\(\) is not a function in RapidPro's expression language/);
      refused('@(format_urn(contact.urn))', /format_urn of a tel URN needs libphonenumber/);
    });

    it('refuses context it does not model', () => {
      refused('@contact.groups', /action send_msg: @contact.groups is not supported by the simulator/);
      refused('@urns.tel', /@urns is not supported by the simulator/);
      refused('@run.created_on', /@run.created_on is not supported/);
    });

    it('refuses syntax it does not support or cannot parse', () => {
      refused('@(1 +)', /expected a value but found the end/);
      refused('@(foreach(trigger.params.list, (x) => x))', /anonymous functions are not supported/);
      refused('@(2 ^ 3)', /the \^ operator is not supported/);
      // like goflow's scanner, an expression whose text never closes is not an expression at all
      expect(text('@("open)')).to.equal('@("open)');
    });

    it('refuses to guess how RapidPro formats a contact without a name', () => {
      expect(() => render('@contact', { contact: { urn: 'tel:+254700000001' } })).to.throw(/@contact as text for a contact without a name/);
    });
  });
});
