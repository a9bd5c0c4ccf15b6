import { describe, expect, it } from '@jest/globals';
import { escapeHtml, htmlDocument, isHtmlDocument, textToHtml } from './html.js';

describe('escapeHtml', () => {
  it('escapes what could open markup or an attribute', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });
});

describe('textToHtml', () => {
  it('makes paragraphs and line breaks, escaped', () => {
    expect(textToHtml('Hello <b>you</b>,\r\nline two\n\n\nBye & thanks')).toBe(
      '<p>Hello &lt;b&gt;you&lt;/b&gt;,<br>\nline two</p>\n<p>Bye &amp; thanks</p>',
    );
  });

  it('is empty for blank text', () => {
    expect(textToHtml('  \n\n ')).toBe('');
  });
});

describe('htmlDocument', () => {
  it('declares UTF-8 around the body', () => {
    expect(htmlDocument('<p>x</p>')).toMatch(
      /^<!DOCTYPE html>\n<html><head><meta charset="utf-8"><\/head>\n<body>\n<p>x<\/p>\n<\/body><\/html>\n$/,
    );
  });
});

describe('isHtmlDocument', () => {
  it('tells a whole document from a fragment', () => {
    expect(isHtmlDocument('<!DOCTYPE html><html><body>x</body></html>')).toBe(true);
    expect(isHtmlDocument('\n  <html lang="en"><body>x</body></html>')).toBe(true);
    expect(isHtmlDocument('<p>x</p>')).toBe(false);
    expect(isHtmlDocument('<htmlish>')).toBe(false);
  });
});
