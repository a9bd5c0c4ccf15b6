import { describe, expect, it } from '@jest/globals';
import { HtmlSanitizer, MAX_DATA_IMAGE_LENGTH } from './html-sanitizer.js';

const sanitizer = new HtmlSanitizer();
const LINK = 'rel="noopener noreferrer nofollow" target="_blank"';
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/x8AAwMCAO+ip1sAAAAASUVORK5CYII=';

describe('HtmlSanitizer.sanitize', () => {
  const hostile: { name: string; html: string; expected: string }[] = [
    { name: 'script with content', html: '<script>alert(1)</script>ok', expected: 'ok' },
    {
      name: 'upper-case script',
      html: '<SCRIPT SRC=//evil.example/x.js></SCRIPT>ok',
      expected: 'ok',
    },
    {
      name: 'script split around a script',
      html: '<scr<script>x</script>ipt>alert(1)</script>',
      // The browser reads the same: an unknown <scr<script> element, then text.
      expected: 'xipt&gt;alert(1)',
    },
    { name: 'img with onerror', html: '<img src=x onerror=alert(1)>', expected: '' },
    {
      name: 'attribute break-out',
      html: '<a href="https://ok.example/" title=\'"><script>alert(1)</script>\'>x</a>',
      expected: `<a href="https://ok.example/" title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" ${LINK}>x</a>`,
    },
    {
      name: 'iframe',
      html: '<iframe src="https://evil.example/"><p>inner</p></iframe>after',
      expected: 'after',
    },
    {
      name: 'svg with onload',
      html: '<svg onload=alert(1)><text>svg text</text></svg>after',
      expected: 'after',
    },
    { name: 'math', html: '<math><mtext>m</mtext></math>after', expected: 'after' },
    { name: 'style element', html: '<style>body{display:none}</style>text', expected: 'text' },
    {
      name: 'style attribute with url()',
      html: '<div style="background:url(javascript:alert(1))">x</div>',
      expected: '<div>x</div>',
    },
    {
      name: 'css expression()',
      html: '<span style="color: expression(alert(1))">x</span>',
      expected: '<span>x</span>',
    },
    {
      name: 'style breaking out of its rule',
      html: '<span style="color: red} * {background:url(https://evil.example/)">x</span>',
      expected: '<span style="color:red">x</span>',
    },
    {
      name: 'object',
      html: '<object data="https://evil.example/x.swf">fallback</object>after',
      expected: 'after',
    },
    { name: 'embed', html: '<embed src="https://evil.example/x.swf">after', expected: 'after' },
    {
      name: 'form with inputs and button',
      html: '<form action="https://evil.example/"><input name="password"><button>Log in</button>Password:</form>after',
      expected: 'after',
    },
    { name: 'form with input', html: '<form><input></form>', expected: '' },
    {
      name: 'meta refresh',
      html: '<meta http-equiv="refresh" content="0;url=https://evil.example/">x',
      expected: 'x',
    },
    { name: 'base href', html: '<base href="https://evil.example/">x', expected: 'x' },
    {
      name: 'stylesheet link',
      html: '<link rel="stylesheet" href="https://evil.example/x.css">x',
      expected: 'x',
    },
    {
      name: 'raw-text and inert elements',
      html: '<title>T</title><textarea>ta</textarea><noscript>ns</noscript><template>tp</template><xmp>xm</xmp>x',
      expected: 'x',
    },
    {
      name: 'noscript parsing differential',
      html: '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>after',
      expected: 'after',
    },
    { name: 'select and options', html: '<select><option>o</option></select>x', expected: 'x' },
    { name: 'misnested tags', html: '<b><i>x</b></i>', expected: '<b><i>x</i></b>' },
    { name: 'unclosed tags', html: '<div><p>unclosed', expected: '<div><p>unclosed</p></div>' },
    {
      name: 'unknown tags keep their text',
      html: '<marquee><blink>hi</blink></marquee>',
      expected: 'hi',
    },
    { name: 'comment', html: 'a<!-- x -->b', expected: 'ab' },
    { name: 'conditional comment', html: 'a<!--[if IE]><p>ie</p><![endif]-->b', expected: 'ab' },
    { name: 'CDATA', html: '<![CDATA[<img src=x onerror=alert(1)>]]>x', expected: 'x' },
    {
      name: 'escaped markup stays escaped',
      html: '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>',
      expected: '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>',
    },
    {
      name: 'class, id and event handlers',
      html: '<p class="app-banner" id="login" onclick="steal()" onmouseover="steal()">x</p>',
      expected: '<p>x</p>',
    },
  ];

  // Each loses its href; the browser would run, download or resolve it against Tessera itself.
  const refusedHrefs = [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    '&#106;avascript:alert(1)',
    ' javascript:alert(1)',
    'java&#x09;script:alert(1)',
    'java\nscript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    '//evil.example/',
    '\\\\evil.example/',
    '/api/admin/users',
    'tickets/1',
    '#top',
  ];
  const refusedLinks = refusedHrefs.map((href) => ({
    name: `link to ${JSON.stringify(href)}`,
    html: `<a href="${href}">x</a>`,
    expected: `<a ${LINK}>x</a>`,
  }));

  it.each([...hostile, ...refusedLinks])('cleans $name', ({ html, expected }) => {
    expect(sanitizer.sanitize(html)).toBe(expected);
  });

  it.each([...hostile, ...refusedLinks])('leaves nothing executable from $name', ({ html }) => {
    const clean = sanitizer.sanitize(html);
    expect(clean).not.toMatch(
      /<(script|style|iframe|svg|math|object|embed|form|input|meta|base|link)\b/i,
    );
    expect(clean).not.toMatch(/\son\w+\s*=/i);
    expect(clean).not.toMatch(/(java|vb)script:/i);
  });

  it('keeps a benign mail body and makes its links open safely', () => {
    const html =
      '<div class="WordSection1"><p>Hello Anna,</p>' +
      '<blockquote type="cite"><p>Order <b>#4711</b> has <em>not</em> arrived.</p></blockquote>' +
      '<table border="0" cellpadding="4" width="600"><tr><th align="left">Order</th><td>#4711</td></tr></table>' +
      '<ul><li>one</li></ul><hr>' +
      '<p>Track it <a href="https://shop.example/track?id=4711&amp;lang=en" target="_self">here</a>.</p></div>';
    expect(sanitizer.sanitize(html)).toBe(
      '<div><p>Hello Anna,</p>' +
        '<blockquote><p>Order <b>#4711</b> has <em>not</em> arrived.</p></blockquote>' +
        '<table border="0" cellpadding="4" width="600"><tr><th align="left">Order</th><td>#4711</td></tr></table>' +
        '<ul><li>one</li></ul><hr />' +
        `<p>Track it <a href="https://shop.example/track?id=4711&amp;lang=en" target="_blank" rel="noopener noreferrer nofollow">here</a>.</p></div>`,
    );
  });

  describe('links', () => {
    it('replaces rel and target of the mail with its own', () => {
      expect(
        sanitizer.sanitize('<a href="https://ok.example/" rel="opener" target="_top">x</a>'),
      ).toBe(
        '<a href="https://ok.example/" rel="noopener noreferrer nofollow" target="_blank">x</a>',
      );
    });

    it('keeps mailto links and anchors names', () => {
      expect(sanitizer.sanitize('<a href="mailto:anna@example.com" name="top">Anna</a>')).toBe(
        `<a href="mailto:anna@example.com" name="top" ${LINK}>Anna</a>`,
      );
    });

    it('stores the URL as the browser will read it', () => {
      expect(sanitizer.sanitize('<a href="https://ok.example/a b?q=&quot;x&quot;">x</a>')).toBe(
        `<a href="https://ok.example/a%20b?q=%22x%22" ${LINK}>x</a>`,
      );
    });
  });

  describe('images', () => {
    const tracker = '<img src="https://tracker.example/pixel.gif" width="1" height="1">';

    it('removes remote images by default', () => {
      expect(sanitizer.sanitize(`a${tracker}b`)).toBe('ab');
      expect(sanitizer.sanitize(`a${tracker}b`, { allowRemoteImages: false })).toBe('ab');
    });

    it('keeps http(s) images when remote images are allowed', () => {
      expect(sanitizer.sanitize(tracker, { allowRemoteImages: true })).toBe(
        '<img src="https://tracker.example/pixel.gif" width="1" height="1" />',
      );
      expect(
        sanitizer.sanitize('<img src="http://a.example/x.png">', { allowRemoteImages: true }),
      ).toBe('<img src="http://a.example/x.png" />');
    });

    it.each([
      ['protocol-relative', '<img src="//tracker.example/p.gif">'],
      ['relative', '<img src="/api/tickets/1/close">'],
      ['javascript:', '<img src="javascript:alert(1)">'],
      ['ftp:', '<img src="ftp://files.example/x.png">'],
    ])('removes %s images even when remote images are allowed', (_kind, html) => {
      expect(sanitizer.sanitize(`a${html}b`, { allowRemoteImages: true })).toBe('ab');
    });

    it('keeps inline attachments referenced by cid:', () => {
      expect(sanitizer.sanitize('<img src="cid:logo@x" alt="Logo" onerror="alert(1)">')).toBe(
        '<img src="cid:logo@x" alt="Logo" />',
      );
    });

    it('keeps small data: images of the raster types', () => {
      expect(sanitizer.sanitize(`<img src="${PNG}" alt="">`)).toBe(`<img src="${PNG}" alt="" />`);
      const jpeg = 'data:image/jpeg;base64,/9j/4AAQSkZJRg==';
      expect(sanitizer.sanitize(`<img src="${jpeg}">`)).toBe(`<img src="${jpeg}" />`);
    });

    it('joins a data: image wrapped over several lines', () => {
      expect(sanitizer.sanitize(`<img src="${PNG.slice(0, 40)}\n  ${PNG.slice(40)}">`)).toBe(
        `<img src="${PNG}" />`,
      );
    });

    it.each([
      ['text/html', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
      ['svg', 'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+'],
      ['not base64', 'data:image/png,<svg onload=alert(1)>'],
      ['bad base64', 'data:image/png;base64,iVBOR"w0KGgo='],
    ])('removes a data: image of %s', (_kind, src) => {
      expect(sanitizer.sanitize(`a<img src='${src}'>b`)).toBe('ab');
    });

    it('removes data: images above the size limit and keeps one at it', () => {
      const prefix = 'data:image/png;base64,';
      const atLimit = prefix + 'A'.repeat(MAX_DATA_IMAGE_LENGTH - prefix.length);
      expect(sanitizer.sanitize(`<img src="${atLimit}">`)).toBe(`<img src="${atLimit}" />`);
      expect(sanitizer.sanitize(`a<img src="${atLimit}A">b`)).toBe('ab');
    });

    it('drops width and height that are not plain sizes', () => {
      expect(sanitizer.sanitize('<img src="cid:a" width="600" height="99999999">')).toBe(
        '<img src="cid:a" width="600" />',
      );
    });
  });

  describe('attributes and styles', () => {
    it('keeps the allowed CSS properties and drops the rest', () => {
      const html =
        '<div style="color: red; background-color:#fff; position:fixed; top:0; ' +
        'text-align:center; font-weight:bold; font-style:italic; text-decoration:underline; ' +
        'background-image:url(https://tracker.example/p.gif)">x</div>';
      expect(sanitizer.sanitize(html)).toBe(
        '<div style="color:red;background-color:#fff;text-align:center;font-weight:bold;' +
          'font-style:italic;text-decoration:underline">x</div>',
      );
    });

    it('keeps rgb() colours but no other functions', () => {
      expect(sanitizer.sanitize('<span style="color: rgb(0, 128, 255)">x</span>')).toBe(
        '<span style="color:rgb(0, 128, 255)">x</span>',
      );
      expect(sanitizer.sanitize('<span style="color: var(--app-danger)">x</span>')).toBe(
        '<span>x</span>',
      );
    });

    it('keeps table layout attributes with valid values only', () => {
      const html =
        '<table border=1 cellpadding="4" cellspacing="x" width="100%" class="grid">' +
        '<tr><td colspan=2 align="center" valign=top>a</td><td align="javascript:" rowspan="9999">b</td></tr></table>';
      expect(sanitizer.sanitize(html)).toBe(
        '<table border="1" cellpadding="4" width="100%">' +
          '<tr><td colspan="2" align="center" valign="top">a</td><td>b</td></tr></table>',
      );
    });

    it('keeps font and center but none of their attributes', () => {
      expect(
        sanitizer.sanitize('<font color="red" face="Arial" size=3>f</font><center>c</center>'),
      ).toBe('<font>f</font><center>c</center>');
    });
  });

  it('drops the head of a whole document and keeps its body', () => {
    const html =
      '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Newsletter</title>' +
      '<style>p { color: red }</style></head><body><p>Hello</p></body></html>';
    expect(sanitizer.sanitize(html)).toBe('<p>Hello</p>');
  });
});

describe('HtmlSanitizer.toText', () => {
  it.each([
    ['paragraphs', '<p>One\n   two  words</p>\n\n<p>Three</p>', 'One two words\n\nThree'],
    ['line breaks', 'a<br>b<br/><br>c', 'a\nb\n\nc'],
    ['no more than two blank lines', 'a<br><br><br><br><br><br>b', 'a\n\n\nb'],
    ['a break at the end of a paragraph', '<p>a<br></p><p>b</p>', 'a\n\nb'],
    [
      'divs and inline elements',
      '<div>Hi <span>there</span></div><div>next</div>',
      'Hi there\nnext',
    ],
    ['inline spacing', 'a<b>b</b>c <i> d </i> e', 'abc d e'],
    [
      'lists',
      '<ul><li>one</li><li>two <b>bold</b></li></ul><p>after</p>',
      '- one\n- two bold\n\nafter',
    ],
    [
      'nested lists',
      '<ol><li>one<ul><li>nested</li></ul></li><li>two</li></ol>',
      '- one\n  - nested\n- two',
    ],
    [
      'links',
      '<p>See <a href="https://example.com/docs">the docs</a>.</p>',
      'See the docs (https://example.com/docs).',
    ],
    [
      'a link that shows its URL',
      '<a href="https://example.com">https://example.com</a>',
      'https://example.com',
    ],
    [
      'a mailto link',
      'Write to <a href="mailto:a@b.example">a@b.example</a>',
      'Write to a@b.example',
    ],
    [
      'a link without text',
      'Logo:<a href="https://example.com/x"><img src="cid:a"></a>',
      'Logo: https://example.com/x',
    ],
    [
      'a link in a list item',
      '<ul><li><a href="https://e.example/">link</a></li></ul>',
      '- link (https://e.example/)',
    ],
    ['a javascript: link', '<a href="javascript:alert(1)">click</a>', 'click'],
    [
      'entities',
      '&amp; &lt;b&gt; &quot;q&quot; &eacute; caf&#233; a&nbsp;b',
      '& <b> "q" é café a b',
    ],
    ['script and style excluded', '<script>alert(1)</script><style>p{}</style>Hello', 'Hello'],
    [
      'head of a document excluded',
      '<html><head><title>T</title></head><body>Hi</body></html>',
      'Hi',
    ],
    [
      'tables',
      '<table><tr><th>Name</th><th>Qty</th></tr><tr><td>Apple</td><td>3</td></tr></table>',
      'Name\tQty\nApple\t3',
    ],
    [
      'preformatted text',
      '<pre>\nline 1\n  indented\n</pre><p>after</p>',
      'line 1\n  indented\n\nafter',
    ],
    [
      'quotes and headings',
      '<h1>Title</h1><blockquote><p>quoted</p></blockquote>reply<hr>foot',
      'Title\n\nquoted\n\nreply\n\nfoot',
    ],
    ['surrounding whitespace', '  <p> leading and trailing </p>  ', 'leading and trailing'],
    ['empty input', '', ''],
  ])('renders %s', (_name, html, expected) => {
    expect(sanitizer.toText(html)).toBe(expected);
  });
});
