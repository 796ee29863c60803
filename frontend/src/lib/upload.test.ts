import { describe, expect, it } from 'vitest';
import { ARCHIVE_ATTACHMENT, AUTHORISATION_PDF, MB, UNIT_CERTIFICATE, precheck, precheckFile, sniffKind } from './upload';

const PDF = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);

describe('upload pre-check', () => {
  it('recognises PDF, JPEG and PNG by content', () => {
    expect(sniffKind(PDF)).toBe('pdf');
    expect(sniffKind(JPEG)).toBe('jpeg');
    expect(sniffKind(PNG)).toBe('png');
    expect(sniffKind(new TextEncoder().encode('hello'))).toBeNull();
  });

  it('archive attachments: pdf/jpg/png up to 10 MB', () => {
    expect(precheck({ name: '毕业证书.pdf', size: 1000 }, ARCHIVE_ATTACHMENT, PDF)).toEqual({ ok: true });
    expect(precheck({ name: '学位证书.PNG', size: 1000 }, ARCHIVE_ATTACHMENT, PNG)).toEqual({ ok: true });
    expect(precheck({ name: 'a.docx', size: 1000 }, ARCHIVE_ATTACHMENT)).toMatchObject({ ok: false, message: expect.stringContaining('格式不支持') });
    expect(precheck({ name: 'big.pdf', size: 10 * MB + 1 }, ARCHIVE_ATTACHMENT)).toMatchObject({
      ok: false,
      message: expect.stringContaining('超过10MB'),
    });
    expect(precheck({ name: 'empty.pdf', size: 0 }, ARCHIVE_ATTACHMENT)).toMatchObject({ ok: false });
    // A renamed text file is caught by its content.
    expect(precheck({ name: 'fake.pdf', size: 5 }, ARCHIVE_ATTACHMENT, new TextEncoder().encode('hello'))).toMatchObject({
      ok: false,
      message: expect.stringContaining('不是有效的PDF、JPG、PNG文件'),
    });
  });

  it('unit certificate: jpg/jpeg up to 1 MB only', () => {
    expect(precheck({ name: '证件.jpeg', size: MB }, UNIT_CERTIFICATE, JPEG)).toEqual({ ok: true });
    expect(precheck({ name: '证件.png', size: 100 }, UNIT_CERTIFICATE, PNG)).toMatchObject({ ok: false });
    expect(precheck({ name: '证件.jpg', size: MB + 1 }, UNIT_CERTIFICATE, JPEG)).toMatchObject({ ok: false, message: expect.stringContaining('超过1.0MB') });
    expect(precheck({ name: '证件.jpg', size: 100 }, UNIT_CERTIFICATE, PNG)).toMatchObject({ ok: false });
  });

  it('authorisation proof: a PDF', async () => {
    const ok = new File([PDF], '委托证明.pdf', { type: 'application/pdf' });
    expect(await precheckFile(ok, AUTHORISATION_PDF)).toEqual({ ok: true });
    const jpg = new File([JPEG], '委托证明.pdf', { type: 'application/pdf' });
    expect(await precheckFile(jpg, AUTHORISATION_PDF)).toMatchObject({ ok: false, message: expect.stringContaining('不是有效的PDF') });
  });
});
