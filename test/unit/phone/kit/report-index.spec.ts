import { expect } from 'chai';
import { ContactWithReports, ReportDoc } from '../../../../src/phone/kit/docs';
import { ReportIndex, indexOf } from '../../../../src/phone/kit/report-index';

const report = (id: string, form: string, reported_date: number, fields: Record<string, unknown> = {}): ReportDoc =>
  ({ _id: id, form, reported_date, fields });

describe('ReportIndex', () => {
  const reports = [
    report('c', 'RP_SYMPTOMS', 300, { answered: true }),
    report('a', 'RP_SYMPTOMS', 100, { answered: false }),
    report('e', 'visit', 250),
    report('b', 'RP_SYMPTOMS', 200, { answered: true }),
    { ...report('d', 'RP_SYMPTOMS', 400), deleted: true },
  ];
  const index = new ReportIndex(reports);

  it('lists a form oldest first and leaves out deleted reports', () => {
    expect(index.byForm('RP_SYMPTOMS').map((r) => r._id)).to.deep.equal(['a', 'b', 'c']);
    expect(index.byForm('unknown')).to.deep.equal([]);
  });

  it('finds the newest report matching a predicate', () => {
    expect(index.latest('RP_SYMPTOMS')?._id).to.equal('c');
    expect(index.latest('RP_SYMPTOMS', (r) => r.fields.answered === false)?._id).to.equal('a');
    expect(index.latest('RP_SYMPTOMS', () => false)).to.equal(undefined);
  });

  it('finds the first report at or after a time, before an optional bound', () => {
    expect(index.firstAfter('RP_SYMPTOMS', 150)?._id).to.equal('b');
    expect(index.firstAfter('RP_SYMPTOMS', 200)?._id).to.equal('b');
    expect(index.firstAfter('RP_SYMPTOMS', 301)).to.equal(undefined);
    expect(index.firstAfter('RP_SYMPTOMS', 150, undefined, 200)).to.equal(undefined);
    expect(index.firstAfter('RP_SYMPTOMS', 0, (r) => r.fields.answered === true)?._id).to.equal('b');
  });

  it('counts reports in a half-open window', () => {
    expect(index.countBetween('RP_SYMPTOMS', 100, 300)).to.equal(2);
    expect(index.countBetween('RP_SYMPTOMS', 0, 1000, (r) => r.fields.answered === true)).to.equal(2);
  });

  it('is built once per emission and shared by every rule', () => {
    const c: ContactWithReports = { contact: { _id: 'p', type: 'person' }, reports };
    const first = indexOf(c);
    expect(indexOf({ contact: c.contact, reports: c.reports })).to.equal(first);
    expect(indexOf({ contact: c.contact, reports: [...reports] })).to.not.equal(first);
    let computed = 0;
    first.remember('k', () => ++computed);
    first.remember('k', () => ++computed);
    expect(computed).to.equal(1);
  });
});
