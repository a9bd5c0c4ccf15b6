import { describe, expect, it } from '@jest/globals';
import { attachmentName } from './attachment-name.js';

describe('attachmentName', () => {
  it.each([
    [{ filename: 'report.pdf', contentType: 'application/pdf', inline: false }, 0, 'report.pdf'],
    [
      { filename: 'C:\\Users\\ann\\scan.png', contentType: 'image/png', inline: false },
      0,
      'scan.png',
    ],
    [{ filename: undefined, contentType: 'image/png', inline: true }, 0, 'inline-1.png'],
    [{ filename: undefined, contentType: 'message/rfc822', inline: false }, 2, 'attachment-3.eml'],
    [{ filename: '...', contentType: 'application/x-foo', inline: false }, 1, 'attachment-2.bin'],
  ])('names %j (index %d) %s', (file, index, name) => {
    expect(attachmentName(file, index)).toBe(name);
  });

  it('shortens a name that is too long, keeping its extension', () => {
    const name = attachmentName(
      {
        filename: `${'x'.repeat(300)}.docx`,
        contentType: 'application/octet-stream',
        inline: false,
      },
      0,
    );
    expect([...name].length).toBeLessThanOrEqual(255);
    expect(name.endsWith('.docx')).toBe(true);
  });
});
