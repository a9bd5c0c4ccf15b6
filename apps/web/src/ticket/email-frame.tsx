// Shows message HTML, which comes from strangers' email, where it can do nothing: a sandboxed
// iframe without allow-scripts (no script, no forms, no plugins, no navigating the app) whose
// document forbids loading anything but inline and data: images and inline styles. The server
// sanitises the HTML too; this holds even if the sanitiser missed something.
import { useCallback, useEffect, useRef, useState } from 'react';

export const MESSAGE_CSP = "default-src 'none'; img-src data: cid:; style-src 'unsafe-inline'";

const FRAME_STYLE = `
  html { color-scheme: light; }
  body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif;
         color: #1f2933; overflow-wrap: anywhere; }
  img { max-width: 100%; height: auto; }
  blockquote { margin: 0 0 0 .25em; padding-left: .75em; border-left: 3px solid #cbd2d9;
               color: #52606d; }
  pre { white-space: pre-wrap; }
  table { max-width: 100%; }
  a { color: #1d4ed8; }
`;

export function messageDocument(html: string): string {
  // The CSP comes first, before anything that could load; links open outside the app.
  return (
    '<!doctype html><html><head>' +
    `<meta http-equiv="Content-Security-Policy" content="${MESSAGE_CSP}">` +
    '<meta http-equiv="x-dns-prefetch-control" content="off">' +
    '<meta charset="utf-8"><meta name="referrer" content="no-referrer">' +
    `<base target="_blank"><style>${FRAME_STYLE}</style></head><body>${html}</body></html>`
  );
}

/**
 * `allow-same-origin` only lets this page measure the frame's height; without `allow-scripts`
 * nothing inside can use it. `allow-popups(-to-escape-sandbox)` lets a clicked link open in a new
 * tab, as an ordinary page.
 */
const SANDBOX = 'allow-same-origin allow-popups allow-popups-to-escape-sandbox';

export function EmailFrame({ html, title }: { html: string; title: string }) {
  const ref = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(80);

  const measure = useCallback(() => {
    const body = ref.current?.contentDocument?.documentElement;
    if (body) setHeight(Math.min(Math.max(body.scrollHeight, 24), 4000));
  }, []);

  useEffect(() => {
    const frame = ref.current;
    if (!frame) return;
    let observer: ResizeObserver | undefined;
    const onLoad = () => {
      measure();
      const root = frame.contentDocument?.documentElement;
      if (root && 'ResizeObserver' in window) {
        observer?.disconnect();
        observer = new ResizeObserver(measure);
        observer.observe(root);
      }
    };
    frame.addEventListener('load', onLoad);
    return () => {
      frame.removeEventListener('load', onLoad);
      observer?.disconnect();
    };
  }, [measure]);

  return (
    <iframe
      ref={ref}
      className="email-frame"
      title={title}
      sandbox={SANDBOX}
      srcDoc={messageDocument(html)}
      referrerPolicy="no-referrer"
      loading="lazy"
      style={{ height }}
    />
  );
}
