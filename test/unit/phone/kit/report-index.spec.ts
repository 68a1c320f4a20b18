import { expect } from 'chai';
import { ContactWithReports, ReportDoc } from '../../../../src/phone/kit/docs';
import { ReportIndex, indexOf, perContact, perReport } from '../../../../src/phone/kit/report-index';

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
  });

  it('computes a per-contact value once per contact, and a per-report value once per report', () => {
    let contactCalls = 0;
    let reportCalls = 0;
    const newest = perContact((_c, index) => { contactCalls++; return index.latest('RP_SYMPTOMS'); });
    const later = perReport((_c, r, index) => { reportCalls++; return index.countBetween(r.form, r.reported_date + 1, Infinity); });
    const c: ContactWithReports = { contact: { _id: 'p', type: 'person' }, reports };
    expect([newest(c), newest(c), newest({ contact: c.contact, reports })].map((r) => r?._id)).to.deep.equal(['c', 'c', 'c']);
    expect(contactCalls).to.equal(1);
    expect([later(c, reports[1]), later(c, reports[1]), later(c, reports[3]), later(c, reports[0])]).to.deep.equal([2, 2, 1, 0]);
    expect(reportCalls).to.equal(3);
    // another emission (new reports array): computed again
    newest({ contact: c.contact, reports: [...reports] });
    expect(contactCalls).to.equal(2);
  });

  it('finds the newest report at or before a time', () => {
    expect(index.latestUntil('RP_SYMPTOMS', 250)?._id).to.equal('b');
    expect(index.latestUntil('RP_SYMPTOMS', 200)?._id).to.equal('b');
    expect(index.latestUntil('RP_SYMPTOMS', 99)).to.equal(undefined);
    expect(index.latestUntil('RP_SYMPTOMS', 1000, (r) => r.fields.answered === false)?._id).to.equal('a');
  });
});

describe('ReportIndex: each RapidPro answer once', () => {
  // one answer posted by the webhook (on arrival), recovered by sync (backdated to the run) and replayed
  const webhook = report('w', 'RP_SYMPTOMS', 1_010, { rp_event_id: 'run-1', answered: true });
  const synced = report('s', 'RP_SYMPTOMS', 1_000, { rp_event_id: 'run-1', answered: true });
  const replayed = report('r', 'RP_SYMPTOMS', 5_000, { rp_event_id: 'run-1', answered: true });
  const next = report('n', 'RP_SYMPTOMS', 2_000, { rp_event_id: 'run-2', answered: false });
  const steps = [report('q1', 'RP_TRAINING', 10, { rp_event_id: 'run-9/q1' }), report('q2', 'RP_TRAINING', 11, { rp_event_id: 'run-9/q2' })];

  it('keeps the earliest copy of an rp_event_id, whatever the order the copies arrive in', () => {
    for (const order of [[webhook, synced, replayed, next], [replayed, next, webhook, synced], [next, synced, webhook, replayed]]) {
      const index = new ReportIndex(order);
      expect(index.byForm('RP_SYMPTOMS').map((r) => r._id)).to.deep.equal(['s', 'n']);
      expect([webhook, synced, replayed, next].map((r) => index.isDuplicate(r))).to.deep.equal([true, false, true, false]);
    }
  });

  it('breaks a tie on the time by the id, so every phone keeps the same copy', () => {
    const a = report('a', 'RP_SYMPTOMS', 1_000, { rp_event_id: 'run-1' });
    const b = report('b', 'RP_SYMPTOMS', 1_000, { rp_event_id: 'run-1' });
    expect(new ReportIndex([b, a]).byForm('RP_SYMPTOMS')).to.deep.equal([a]);
    expect(new ReportIndex([a, b]).byForm('RP_SYMPTOMS')).to.deep.equal([a]);
  });

  it('keeps records of distinct steps of one run, app form reports and records without an event id', () => {
    const index = new ReportIndex([...steps, report('x', 'visit', 1), report('y', 'visit', 1), report('z', 'RP_SYMPTOMS', 3, { rp_event_id: '' })]);
    expect(index.byForm('RP_TRAINING')).to.have.length(2);
    expect(index.byForm('visit')).to.have.length(2);
    expect(index.byForm('RP_SYMPTOMS')).to.have.length(1);
  });

  it('ignores a deleted copy: the other one counts', () => {
    const index = new ReportIndex([{ ...synced, deleted: true }, webhook]);
    expect(index.byForm('RP_SYMPTOMS')).to.deep.equal([webhook]);
    expect(index.isDuplicate(webhook)).to.equal(false);
  });
});
