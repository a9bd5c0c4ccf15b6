import { describe, expect, it } from '@jest/globals';
import { contentDisposition, sanitizeFilename } from './attachment-filename.js';

describe('sanitizeFilename', () => {
  it.each([
    ['a plain name', 'report.pdf', 'report.pdf'],
    ['a Unix path', '/home/ann/report.pdf', 'report.pdf'],
    ['a Windows path', 'C:\\Users\\Ann\\report.pdf', 'report.pdf'],
    ['path traversal', '../../etc/passwd', 'passwd'],
    ['control characters', 'rep\u0000ort\r\n.pdf\u007f', 'report.pdf'],
    ['C1 controls', 'a\u0085b\u009f.txt', 'ab.txt'],
    ['a right-to-left override', 'invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['surrounding blanks', '  notes.txt \t', 'notes.txt'],
    ['leading dots', '.env', '.env'],
    ['non-ASCII', 'Übersicht – März.pdf', 'Übersicht – März.pdf'],
    ['decomposed accents (NFD to NFC)', 'Cafe\u0301.txt', 'Caf\u00e9.txt'],
  ])('keeps the name of %s', (_case, raw, expected) => {
    expect(sanitizeFilename(raw)).toEqual({ filename: expected });
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['a directory', 'reports/'],
    ['dots only', '..'],
    ['control characters only', '\u0001\u0002'],
  ])('refuses %s', (_case, raw) => {
    expect(sanitizeFilename(raw)).toEqual({ problem: 'must name a file' });
  });

  it('allows 255 characters, counted as characters, and refuses more', () => {
    expect(sanitizeFilename('é'.repeat(251) + '.txt')).toEqual({
      filename: 'é'.repeat(251) + '.txt',
    });
    expect(sanitizeFilename('😀'.repeat(255))).toEqual({ filename: '😀'.repeat(255) });
    expect(sanitizeFilename('a'.repeat(256))).toEqual({
      problem: 'must be at most 255 characters',
    });
  });
});

describe('contentDisposition', () => {
  it('names an ASCII file both ways', () => {
    expect(contentDisposition('report.pdf')).toBe(
      `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`,
    );
  });

  it('percent-encodes UTF-8 in filename* and falls back to _ in filename', () => {
    expect(contentDisposition('Übersicht März.pdf')).toBe(
      `attachment; filename="_bersicht M_rz.pdf"; filename*=UTF-8''%C3%9Cbersicht%20M%C3%A4rz.pdf`,
    );
  });

  it('never lets the name break out of its parameter', () => {
    expect(contentDisposition(`a"b\\c;d'e(f)*g.txt`)).toBe(
      `attachment; filename="a_b_c;d'e(f)*g.txt"; filename*=UTF-8''a%22b%5Cc%3Bd%27e%28f%29%2Ag.txt`,
    );
  });

  it('encodes characters outside the BMP as their UTF-8 bytes, with one _ in the fallback', () => {
    expect(contentDisposition('😀.png')).toBe(
      `attachment; filename="_.png"; filename*=UTF-8''%F0%9F%98%80.png`,
    );
  });
});
