// Mail shows pasted screenshots and signature logos as inline images: `cid:` URLs that name a
// file of the same message by its Content-ID. The message frame loads nothing from the network
// (its Content-Security-Policy allows data: images only, and the files need the access token),
// so the images are fetched here and put into the HTML as data: URLs.
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client.js';
import { unwrap } from '../api/problem.js';
import type { AttachmentSummary } from '../api/types.js';

/** Raster formats every browser shows; SVG and anything else stays a download. */
const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp']);
/** Larger files are not inlined: a data: URL holds the whole file in the page's memory twice. */
const MAX_INLINE_BYTES = 5 * 1024 * 1024;

/**
 * The message HTML with the `cid:` images that name one of its files shown; until they are
 * fetched (or if fetching fails), the HTML as it is.
 */
export function useInlineImages(
  html: string | null | undefined,
  files: readonly AttachmentSummary[] | undefined,
): string | null | undefined {
  const [inlined, setInlined] = useState<{ from: string; html: string } | undefined>();
  // A reloaded timeline brings new objects for the same files: keyed by what they are, the
  // images are fetched once, not on every reload.
  const inlinable = (files ?? []).filter(
    (file) => file.contentId && INLINE_TYPES.has(file.contentType) && file.size <= MAX_INLINE_BYTES,
  );
  const filesKey = inlinable.map((file) => `${file.id} ${file.contentId}`).join('\n');
  const current = useRef(inlinable);
  current.current = inlinable;
  useEffect(() => {
    if (!html || !filesKey || !/\bsrc\s*=\s*["']?cid:/i.test(html)) return;
    let cancelled = false;
    inlineImages(html, current.current)
      .then((result) => {
        if (!cancelled && result !== html) setInlined({ from: html, html: result });
      })
      .catch(() => undefined); // the images stay broken, as in a mail client that cannot load them
    return () => {
      cancelled = true;
    };
  }, [html, filesKey]);
  return inlined && inlined.from === html ? inlined.html : html;
}

/** `html` with its `cid:` images that name one of `files` (all inlinable) as data: URLs. */
async function inlineImages(html: string, files: readonly AttachmentSummary[]): Promise<string> {
  // An inert document: parsing runs nothing and loads nothing.
  const document = new DOMParser().parseFromString(html, 'text/html');
  const images = [...document.querySelectorAll('img')].filter((img) =>
    /^cid:/i.test(img.getAttribute('src') ?? ''),
  );
  const byContentId = new Map<string, AttachmentSummary>();
  for (const file of files) byContentId.set((file.contentId ?? '').toLowerCase(), file);
  const urls = new Map<string, Promise<string>>();
  let changed = false;
  await Promise.all(
    images.map(async (img) => {
      const file = byContentId.get(contentIdOf(img.getAttribute('src') ?? '').toLowerCase());
      if (!file) return;
      let url = urls.get(file.id);
      if (!url) {
        url = dataUrlOf(file);
        urls.set(file.id, url);
      }
      img.setAttribute('src', await url);
      changed = true;
    }),
  );
  return changed ? document.body.innerHTML : html;
}

/** A `cid:` URL is the Content-ID, URL-encoded (RFC 2392). */
function contentIdOf(src: string): string {
  const encoded = src.slice('cid:'.length);
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

async function dataUrlOf(file: AttachmentSummary): Promise<string> {
  const blob = unwrap(
    await api.GET('/api/v1/attachments/{id}', {
      params: { path: { id: file.id } },
      parseAs: 'blob',
    }),
  );
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () =>
      typeof reader.result === 'string'
        ? resolve(reader.result)
        : reject(new Error('the image could not be read'));
    reader.onerror = () => reject(reader.error ?? new Error('the image could not be read'));
    // The type the message lists, whatever the download was served as.
    reader.readAsDataURL(new Blob([blob], { type: file.contentType }));
  });
}
