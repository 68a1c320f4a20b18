import { expect } from 'chai';
import { makeCaseload, freshContainers } from '../../../bench/caseload';
import { compareEmissions, diff } from '../../../bench/compare';
import { fresh } from '../../../bench/rules-runner';
import { median, table } from '../../../bench/stats';

describe('bench helpers', () => {
  it('median of odd and even counts, unsorted input', () => {
    expect(median([5, 1, 3])).to.equal(3);
    expect(median([4, 1, 3, 2])).to.equal(2.5);
    expect(median([])).to.be.NaN;
  });

  it('diff reports multiset differences both ways', () => {
    expect(diff('task', ['a', 'a', 'b'], ['a', 'b', 'c'])).to.deep.equal(['task only in ours (x1): a', 'task only in baseline (x1): c']);
    expect(diff('task', ['x'], ['x'])).to.deep.equal([]);
  });

  it('compareEmissions sees a changed resolved flag and a changed pass', () => {
    const task = { _id: 'r1~e~t', resolved: false, deleted: false, date: 1, title: 't' };
    const target = { _id: 'r1~g', type: 'percent', pass: true };
    expect(compareEmissions({ tasks: [task], targets: [target] }, { tasks: [task], targets: [target] }).same).to.equal(true);
    const other = compareEmissions({ tasks: [task], targets: [target] }, { tasks: [{ ...task, resolved: true }], targets: [{ ...target, pass: false }] });
    expect(other.same).to.equal(false);
    expect(other.differences).to.have.length(4);
  });

  it('fresh copies nested objects and arrays but keeps functions', () => {
    const dueDate = (): Date => new Date(0);
    const definition = { name: 'x', events: [{ id: 'e', dueDate }], priority: { level: 'high' } };
    const copy = fresh(definition);
    expect(copy).to.deep.equal(definition);
    expect(copy.events).to.not.equal(definition.events);
    expect(copy.events[0]).to.not.equal(definition.events[0]);
    expect(copy.events[0].dueDate).to.equal(dueDate);
  });

  it('table pads every column but the last', () => {
    expect(table([['a', 'bb', 'c'], ['ccc', 'd', 'e']])).to.equal('a    bb  c\nccc  d   e');
  });

  it('the caseload has 14 check-ins per traced contact and 12 weekly checks and a finished training per CHW', () => {
    const caseload = makeCaseload({ tracedContacts: 4, chws: 2 }, Date.now());
    expect(caseload.containers).to.have.length(6);
    for (const c of caseload.containers.slice(0, 4)) {
      expect(c.reports.filter((r) => r.form === 'RP_SYMPTOMS')).to.have.length(14);
      expect(c.reports.filter((r) => r.form === 'quarantine_enrollment')).to.have.length(1);
    }
    for (const c of caseload.containers.slice(4)) {
      expect(c.reports.filter((r) => r.form === 'RP_WELLBEING')).to.have.length(12);
      expect(c.reports.filter((r) => r.form === 'RP_TRAINING' && r.fields.kind === 'answer')).to.have.length(7);
      expect(c.reports.filter((r) => r.form === 'RP_TRAINING' && r.fields.kind === 'complete')).to.have.length(1);
      expect(c.reports.filter((r) => r.form === 'training_enrollment')).to.have.length(1);
    }
    for (const c of caseload.containers) {
      const times = c.reports.map((r) => r.reported_date);
      expect(times).to.deep.equal([...times].sort((a, b) => a - b));
    }
    const copies = freshContainers(caseload);
    expect(copies[0].reports).to.not.equal(caseload.containers[0].reports);
    expect(copies[0].reports).to.deep.equal(caseload.containers[0].reports);
  });
});
