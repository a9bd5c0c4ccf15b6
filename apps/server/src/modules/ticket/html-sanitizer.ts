// The one gate for message HTML: every body a browser will render is cleaned here before it is
// stored, and its plain-text rendering (text body, search) is derived from the cleaned HTML.
import { Injectable } from '@nestjs/common';
// htmlparser2 is the parser sanitize-html itself is built on; reusing it keeps one HTML parser.
import { Parser } from 'htmlparser2';
import sanitizeHtml from 'sanitize-html';

export interface HtmlSanitizeOptions {
  /** Keep http(s) images. Off by default: loading them tells the sender the mail was read. */
  allowRemoteImages?: boolean;
}

/** Largest inline `data:` image kept, in characters of the URL (768 KiB of image). */
export const MAX_DATA_IMAGE_LENGTH = 1024 * 1024;

// prettier-ignore
const ALLOWED_TAGS = [
  'p', 'br', 'div', 'span', 'b', 'strong', 'i', 'em', 'u', 's', 'strike', 'sub', 'sup', 'small',
  'big', 'font', 'blockquote', 'pre', 'code', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol',
  'li', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption',
  'colgroup', 'col', 'a', 'img', 'abbr', 'cite', 'q', 'center',
];

// Dropped together with everything inside them. Raw-text elements (script, style, textarea,
// title, xmp, noscript, noembed, noframes, iframe) are here so their source never leaks out as
// text; the rest hold active or foreign content, where any text inside is not message text.
// prettier-ignore
const REMOVED_WITH_CONTENT = [
  'script', 'style', 'textarea', 'title', 'xmp', 'noscript', 'noembed', 'noframes', 'iframe',
  'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'button', 'select', 'option',
  'template', 'svg', 'math',
];

const CELL_ATTRIBUTES = ['colspan', 'rowspan', 'align', 'valign'];
const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  // rel and target are always set by the `a` transform below, never taken from the mail.
  a: ['href', 'title', 'name', 'rel', 'target'],
  img: ['src', 'alt', 'title', 'width', 'height'],
  td: CELL_ATTRIBUTES,
  th: CELL_ATTRIBUTES,
  table: ['border', 'cellpadding', 'cellspacing', 'width'],
  // Filtered down to ALLOWED_STYLES; class and id are never kept (they could mimic the app's UI).
  '*': ['style'],
};

// Attribute values outside these shapes are dropped, so size and layout attributes cannot carry
// anything but a small number or a keyword.
const ATTRIBUTE_VALUES: Record<string, RegExp> = {
  width: /^\d{1,4}(px|%)?$/i,
  height: /^\d{1,4}(px|%)?$/i,
  colspan: /^\d{1,3}$/,
  rowspan: /^\d{1,3}$/,
  border: /^\d{1,2}$/,
  cellpadding: /^\d{1,2}$/,
  cellspacing: /^\d{1,2}$/,
  align: /^(left|center|right|justify)$/i,
  valign: /^(top|middle|bottom|baseline)$/i,
};

const COLOR = [
  /^#[0-9a-f]{3,8}$/i,
  /^[a-z]{3,20}$/i,
  /^rgba?\(\s*\d{1,3}%?\s*,\s*\d{1,3}%?\s*,\s*\d{1,3}%?\s*(,\s*(\d|\d?\.\d+|\d{1,3}%)\s*)?\)$/i,
];
// Whole-value patterns: nothing that can hold url(), expression() or escapes gets through.
const ALLOWED_STYLES = {
  '*': {
    color: COLOR,
    'background-color': COLOR,
    'text-align': [/^(left|right|center|justify|start|end)$/i],
    'font-weight': [/^(normal|bold|bolder|lighter|[1-9]00)$/i],
    'font-style': [/^(normal|italic|oblique)$/i],
    'text-decoration': [/^(none|((underline|overline|line-through)\s*)+)$/i],
  },
};

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
const REMOTE_IMAGE_PROTOCOLS = new Set(['http:', 'https:']);
const CID_SOURCE = /^cid:[^\s"'<>\\]{1,255}$/i;
const DATA_IMAGE_SOURCE = /^data:image\/(png|jpeg|gif|webp);base64,[a-z0-9+/]+={0,2}$/i;
const LINK_REL = 'noopener noreferrer nofollow';

/**
 * Parses an absolute URL the way a browser does (WHATWG: stripping the spaces, tabs and newlines
 * used to disguise `javascript:`) and returns its serialised form when its scheme is allowed.
 * Relative URLs are refused: they would point into Tessera itself.
 */
function absoluteUrl(value: string, protocols: ReadonlySet<string>): string | undefined {
  if (!URL.canParse(value)) return undefined;
  const url = new URL(value);
  return protocols.has(url.protocol) ? url.href : undefined;
}

function imageSource(value: string, allowRemote: boolean): string | undefined {
  const src = value.trim();
  if (/^cid:/i.test(src)) return CID_SOURCE.test(src) ? src : undefined;
  if (/^data:/i.test(src)) {
    const compact = src.replace(/\s+/g, '');
    const fits = compact.length <= MAX_DATA_IMAGE_LENGTH && DATA_IMAGE_SOURCE.test(compact);
    return fits ? compact : undefined;
  }
  return allowRemote ? absoluteUrl(src, REMOTE_IMAGE_PROTOCOLS) : undefined;
}

function withValidValues(attribs: sanitizeHtml.Attributes): sanitizeHtml.Attributes {
  const valid: sanitizeHtml.Attributes = {};
  for (const [name, value] of Object.entries(attribs)) {
    const pattern = ATTRIBUTE_VALUES[name];
    if (pattern === undefined) valid[name] = value;
    else if (pattern.test(value.trim())) valid[name] = value.trim();
  }
  return valid;
}

function withAttribute(
  attribs: sanitizeHtml.Attributes,
  name: string,
  value: string | undefined,
): sanitizeHtml.Attributes {
  const result = { ...attribs };
  if (value === undefined) delete result[name];
  else result[name] = value;
  return result;
}

function sanitizeOptions(allowRemoteImages: boolean): sanitizeHtml.IOptions {
  return {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: ALLOWED_ATTRIBUTES,
    allowedStyles: ALLOWED_STYLES,
    nonTextTags: REMOVED_WITH_CONTENT,
    disallowedTagsMode: 'discard',
    // A second check after the transforms below, which already enforce stricter rules.
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: {
      img: allowRemoteImages ? ['cid', 'data', 'http', 'https'] : ['cid', 'data'],
    },
    allowProtocolRelative: false,
    transformTags: {
      a: (tagName, attribs) => ({
        tagName,
        attribs: {
          ...withAttribute(attribs, 'href', absoluteUrl(attribs.href ?? '', LINK_PROTOCOLS)),
          rel: LINK_REL,
          target: '_blank',
        },
      }),
      img: (tagName, attribs) => ({
        tagName,
        attribs: withAttribute(attribs, 'src', imageSource(attribs.src ?? '', allowRemoteImages)),
      }),
      '*': (tagName, attribs) => ({ tagName, attribs: withValidValues(attribs) }),
    },
    // An image whose source was refused goes entirely, not as a broken-image icon.
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  };
}

const LOCAL_ONLY = sanitizeOptions(false);
const REMOTE_IMAGES = sanitizeOptions(true);

@Injectable()
export class HtmlSanitizer {
  /** Cleans message HTML down to an allow-list; comments, scripts and remote content go. */
  sanitize(html: string, options: HtmlSanitizeOptions = {}): string {
    return sanitizeHtml(html, options.allowRemoteImages ? REMOTE_IMAGES : LOCAL_ONLY);
  }

  /**
   * Plain text of message HTML, for the text body and search. It renders the sanitised HTML, so
   * it holds exactly what an agent can see: no script or style source, no `javascript:` URLs.
   */
  toText(html: string): string {
    return renderText(this.sanitize(html));
  }
}

// Block elements end the line they are on; these also leave a blank line around them.
// prettier-ignore
const PARAGRAPHS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'hr', 'ul', 'ol', 'dl']);
// prettier-ignore
const LINES = new Set(['div', 'center', 'li', 'dt', 'dd', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr']);
const LISTS = new Set(['ul', 'ol']);

/** Renders already sanitised HTML as text, one streaming pass over htmlparser2's events. */
function renderText(html: string): string {
  let out = '';
  let newlines = 0; // owed before the next text: block ends take the larger, <br> adds one
  let gap = ''; // ' ' or a tab between table cells, owed before the next text on the same line
  let linePrefix = ''; // "- " of a list item, written before its first text
  let preDepth = 0;
  let preStart = false;
  let listDepth = 0;
  const cellsInRow: number[] = [];
  const links: { href: string | undefined; start: number }[] = [];

  const breakLine = (count: number) => {
    newlines = Math.max(newlines, count);
  };
  const write = (text: string) => {
    if (out !== '' && newlines > 0) out += '\n'.repeat(newlines);
    else if (out !== '' && !out.endsWith('\n')) out += gap;
    out += linePrefix;
    newlines = 0;
    gap = '';
    linePrefix = '';
    for (const link of links) if (link.start < 0) link.start = out.length;
    out += text;
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        // A list inside a list item continues it, without a blank line.
        if (LISTS.has(name) && listDepth > 0) breakLine(1);
        else if (PARAGRAPHS.has(name)) breakLine(2);
        else if (LINES.has(name)) breakLine(1);
        if (name === 'br') newlines += 1;
        if (LISTS.has(name)) listDepth += 1;
        if (name === 'li') linePrefix = `${'  '.repeat(Math.max(listDepth - 1, 0))}- `;
        if (name === 'pre') {
          preDepth += 1;
          preStart = true;
        }
        if (name === 'tr') cellsInRow.push(0);
        if (name === 'td' || name === 'th') {
          const row = cellsInRow.length - 1;
          if (row >= 0) {
            if (cellsInRow[row] > 0) gap = '\t';
            cellsInRow[row] += 1;
          }
        }
        if (name === 'a') links.push({ href: attribs.href, start: -1 });
      },
      ontext(text) {
        if (preDepth > 0) {
          // Like a browser: drop the newline right after <pre>; owe the trailing ones, so they
          // merge with the break after the block instead of adding to it.
          let body = text.replace(/\r\n?/g, '\n');
          if (preStart) body = body.replace(/^\n/, '');
          preStart = false;
          const content = body.replace(/\n+$/, '');
          if (content !== '') write(content);
          newlines += body.length - content.length;
          return;
        }
        const collapsed = text.replace(/[ \t\n\f\r]+/g, ' ');
        const words = collapsed.trim();
        if (words === '') {
          if (collapsed !== '' && gap === '') gap = ' ';
          return;
        }
        if (collapsed.startsWith(' ') && gap === '') gap = ' ';
        write(words);
        if (collapsed.endsWith(' ')) gap = ' ';
      },
      onclosetag(name) {
        if (LISTS.has(name)) listDepth = Math.max(listDepth - 1, 0);
        if (LISTS.has(name) && listDepth > 0) breakLine(1);
        else if (PARAGRAPHS.has(name)) breakLine(2);
        else if (LINES.has(name)) breakLine(1);
        if (name === 'pre') preDepth = Math.max(preDepth - 1, 0);
        if (name === 'tr') cellsInRow.pop();
        if (name === 'a') {
          const link = links.pop();
          if (link?.href === undefined) return;
          const label = link.start < 0 ? '' : out.slice(link.start).trim();
          if (label !== '' && sameTarget(label, link.href)) return;
          if (gap === '') gap = ' ';
          write(label === '' ? link.href : `(${link.href})`);
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();

  return out
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{4,}/g, '\n\n\n')
    .replace(/^\n+|\n+$/g, '');
}

/** Whether a link's text already shows where it goes, so the URL need not follow it. */
function sameTarget(label: string, href: string): boolean {
  if (label === href || `mailto:${label}` === href) return true;
  return URL.canParse(label) && new URL(label).href === href;
}
