import { describe, expect, it } from 'vitest';
import type { Progress } from './api';
import { acceptOf, ruleFor } from './uploadRules';
import { precheck } from '../../lib/upload';
import {
  canSubmit,
  checkStep,
  countdown,
  fieldStep,
  infoFieldName,
  parseStep,
  resumeStep,
  sortChecks,
  STEPS,
  toInfo,
} from './steps';

const progress = (p: Partial<Progress>): Progress => ({
  last_step: 1,
  photo: false,
  guarantee_signed: false,
  info: false,
  records: 0,
  attachments_complete: false,
  ...p,
});

describe('the wizard steps', () => {
  it('are the seven of the manual', () => {
    expect(STEPS.map((s) => s.title)).toEqual(['选择申报计划', '上传证件照', '签署保证书', '填写申报信息', '选择业绩', '上传附件', '预览并提交']);
  });

  it('parses ?step= only when it names a step', () => {
    expect(parseStep('3')).toBe(3);
    expect(parseStep('0')).toBeNull();
    expect(parseStep('8')).toBeNull();
    expect(parseStep('2.5')).toBeNull();
    expect(parseStep('x')).toBeNull();
    expect(parseStep(null)).toBeNull();
  });
});

describe('resumeStep', () => {
  it('starts a new draft at the photo', () => {
    expect(resumeStep(progress({}))).toBe(2);
  });

  it('goes to the first of photo, guarantee, info that is missing', () => {
    expect(resumeStep(progress({ photo: true, last_step: 2 }))).toBe(3);
    expect(resumeStep(progress({ photo: true, guarantee_signed: true, last_step: 3 }))).toBe(4);
    // info saved but the photo gone missing: back to the photo
    expect(resumeStep(progress({ photo: false, guarantee_signed: true, info: true, last_step: 4 }))).toBe(2);
  });

  it('asks to sign again when the signature expired', () => {
    expect(resumeStep(progress({ photo: true, guarantee_signed: true, info: true, last_step: 5 }), { expired: true })).toBe(3);
  });

  it('then continues after the furthest step saved', () => {
    const base = { photo: true, guarantee_signed: true, info: true };
    expect(resumeStep(progress({ ...base, last_step: 4 }))).toBe(5);
    expect(resumeStep(progress({ ...base, last_step: 5, records: 3 }))).toBe(6);
    expect(resumeStep(progress({ ...base, last_step: 6, records: 3, attachments_complete: false }))).toBe(6);
    expect(resumeStep(progress({ ...base, last_step: 6, records: 3, attachments_complete: true }))).toBe(7);
    expect(resumeStep(progress({ ...base, last_step: 7, records: 3, attachments_complete: true }))).toBe(7);
  });
});

describe('checks and the steps that fix them', () => {
  it('maps every kind of check to its step', () => {
    expect(checkStep({ kind: 'window' })).toBe(1);
    expect(checkStep({ kind: 'photo' })).toBe(2);
    expect(checkStep({ kind: 'guarantee' })).toBe(3);
    expect(checkStep({ kind: 'info' })).toBe(4);
    expect(checkStep({ kind: 'acceptor' })).toBe(4);
    expect(checkStep({ kind: 'education' })).toBe(5);
    expect(checkStep({ kind: 'work_history' })).toBe(5);
    expect(checkStep({ kind: 'assessment' })).toBe(5);
    expect(checkStep({ kind: 'attachment' })).toBe(6);
  });

  it('maps the fields of a 422 declaration_incomplete', () => {
    expect(fieldStep('photo')).toBe(2);
    expect(fieldStep('guarantee')).toBe(3);
    expect(fieldStep('info.specialty')).toBe(4);
    expect(fieldStep('acceptor_id')).toBe(4);
    expect(fieldStep('records.education')).toBe(5);
    expect(fieldStep('attachments.0')).toBe(6);
    expect(fieldStep('plan')).toBe(1);
    expect(fieldStep('something_new')).toBe(7);
  });

  it('lists unmet checks first, in step order', () => {
    const sorted = sortChecks([
      { kind: 'window', met: true },
      { kind: 'attachment', met: false },
      { kind: 'photo', met: false },
      { kind: 'acceptor', met: true },
      { kind: 'education', met: false },
    ] as const);
    expect(sorted.map((c) => c.kind)).toEqual(['photo', 'education', 'attachment', 'window', 'acceptor']);
  });

  it('allows submitting only when everything is met', () => {
    expect(canSubmit([{ met: true }, { met: true }])).toBe(true);
    expect(canSubmit([{ met: true }, { met: false }])).toBe(false);
  });
});

describe('step 4 values', () => {
  it('trims text, sends empty text and numbers as null', () => {
    expect(
      toInfo({ current_specialty: '  水利工程设计 ', archive_location: '   ', years_in_specialty: 12, recognition_kind: 'transfer_in', specialty: undefined }),
    ).toEqual({
      specialty: null,
      current_specialty: '水利工程设计',
      archive_location: null,
      foreign_language: null,
      achievements: null,
      specialities: null,
      societies: null,
      years_in_specialty: 12,
      recognition_kind: 'transfer_in',
    });
    expect(toInfo({ years_in_specialty: null, recognition_kind: 'bogus' }).years_in_specialty).toBeNull();
    expect(toInfo({ recognition_kind: 'bogus' }).recognition_kind).toBeNull();
  });

  it('maps server field names onto the form', () => {
    expect(infoFieldName('info.current_specialty')).toBe('current_specialty');
    expect(infoFieldName('acceptor_id')).toBe('acceptor_id');
  });
});

describe('the signing link countdown', () => {
  it('shows mm:ss and stops at zero', () => {
    const now = Date.parse('2026-11-27T10:00:00Z');
    expect(countdown('2026-11-27T10:09:58Z', now)).toBe('09:58');
    expect(countdown('2026-11-27T10:00:00.500Z', now)).toBe('00:00');
    expect(countdown('2026-11-27T09:59:00Z', now)).toBe('00:00');
  });
});

describe('attachment upload rules', () => {
  it('follow the plan item’s types', () => {
    expect(acceptOf(['pdf', 'jpg'])).toBe('.pdf,.jpg,.jpeg');
    const pdfOnly = ruleFor(['pdf']);
    expect(precheck({ name: 'a.pdf', size: 10 }, pdfOnly).ok).toBe(true);
    expect(precheck({ name: 'a.png', size: 10 }, pdfOnly).ok).toBe(false);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(precheck({ name: 'fake.pdf', size: 10 }, pdfOnly, png).ok).toBe(false);
  });
});
