import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { demoWorkflow, editXlsx, miniProject, removeProject } from './mini-project';
import { check } from './helpers';

describe('check: field paths and forms read by pushes, tasks and summaries', () => {
  let dir: string;
  afterEach(() => removeProject(dir));

  it('passes the clean mini project', () => {
    const workflow = demoWorkflow();
    dir = miniProject(workflow);
    expect(check(dir, { workflows: [workflow] })).to.deep.equal({ errors: [], warnings: [] });
  });

  it('reports a field renamed in Excel with its row, every reader and the closest name', () => {
    const workflow = demoWorkflow();
    dir = miniProject(workflow);
    editXlsx(path.join(dir, 'forms/app/demo_enrollment.xlsx'), (form) => {
      const row = form.survey.find((r) => r.name === 'start_date');
      if (row) row.name = 'start_dt';
    });
    expect(check(dir, { workflows: [workflow] }).errors).to.deep.equal([
      'forms/app/demo_enrollment.xlsx:survey row 10: field "enrollment.start_date" read by workflow demo and push rapidpro_demo_start does not exist — did you mean "enrollment.start_dt"? Rename it back or update src/phone/workflows/demo/model.ts and src/workflows/demo/index.ts',
    ]);
  });

  it('reports a field a push reads in its relevant_to (consent) once it is renamed', () => {
    const workflow = demoWorkflow();
    dir = miniProject(workflow);
    editXlsx(path.join(dir, 'forms/app/demo_enrollment.xlsx'), (form) => {
      const row = form.survey.find((r) => r.name === 'consent');
      if (row) row.name = 'sms_consent';
    });
    expect(check(dir, { workflows: [workflow], only: ['paths'] }).errors).to.deep.equal([
      'forms/app/demo_enrollment.xlsx:survey row 11: field "enrollment.consent" read by workflow demo and push rapidpro_demo_start does not exist — did you mean "enrollment.sms_consent"? Rename it back or update src/phone/workflows/demo/model.ts and src/workflows/demo/index.ts',
    ]);
  });

  it('reports a path a workflow declares that no row writes, pointing at the survey sheet', () => {
    const workflow = demoWorkflow({ extraPaths: ['visit.day_of_visit'] });
    dir = miniProject(workflow);
    expect(check(dir, { workflows: [workflow] }).errors).to.deep.equal([
      'forms/app/demo_enrollment.xlsx:survey: field "visit.day_of_visit" read by workflow demo does not exist — add it to the form or update src/phone/workflows/demo/model.ts',
    ]);
  });

  it('reports a task action form that is not in forms/app, with the closest form', () => {
    const workflow = demoWorkflow({ actionForm: 'demo_folow_up' });
    dir = miniProject(workflow);
    expect(check(dir, { workflows: [workflow], only: ['paths'] }).errors).to.deep.equal([
      'src/phone/workflows/demo/tasks.ts:task demo-follow-up: action form "demo_folow_up" does not exist in forms/app/ — did you mean "demo_follow_up"? Rename it back or fix the form id',
    ]);
  });

  it('reports a deleted action form', () => {
    const workflow = demoWorkflow();
    dir = miniProject(workflow);
    fs.rmSync(path.join(dir, 'forms/app/demo_follow_up.xlsx'));
    fs.rmSync(path.join(dir, 'forms/app/demo_follow_up.xml'));
    expect(check(dir, { workflows: [workflow] }).errors).to.deep.equal([
      'src/phone/workflows/demo/tasks.ts:task demo-follow-up: action form "demo_follow_up" does not exist in forms/app/ — add forms/app/demo_follow_up.xlsx or fix the form id',
    ]);
  });

  it('reports the form a push names when it is deleted', () => {
    const workflow = demoWorkflow();
    dir = miniProject(workflow);
    fs.rmSync(path.join(dir, 'forms/app/demo_enrollment.xlsx'));
    fs.rmSync(path.join(dir, 'forms/app/demo_enrollment.xml'));
    expect(check(dir, { workflows: [workflow], only: ['paths'] }).errors).to.deep.equal([
      'src/phone/workflows/demo/model.ts:workflow demo: app form "demo_enrollment" does not exist in forms/app/ — add forms/app/demo_enrollment.xlsx or fix the form id',
      'src/workflows/demo/index.ts:push rapidpro_demo_start: form "demo_enrollment" does not exist in forms/app/ — add forms/app/demo_enrollment.xlsx or fix the form id',
    ]);
  });
});
