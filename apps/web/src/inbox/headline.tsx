import { Fragment, useMemo } from 'react';

/**
 * A search headline (the subject as escaped HTML with matches in <mark>) as React text: parsed
 * inertly and rebuilt from its text and <mark> elements only, so nothing else can slip through.
 */
export function Headline({ html }: { html: string }) {
  const parts = useMemo(() => {
    const body = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body;
    return [...body.childNodes].map((node) => ({
      mark: node.nodeName === 'MARK',
      text: node.textContent ?? '',
    }));
  }, [html]);
  return (
    <>
      {parts.map((part, index) =>
        part.mark ? (
          <mark key={index}>{part.text}</mark>
        ) : (
          <Fragment key={index}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}
