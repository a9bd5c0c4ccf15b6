import { useEffect } from 'react';

/** Names the browser tab after the screen ("Billing · Tessera"), which screen readers announce. */
export function useTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Tessera` : 'Tessera';
  }, [title]);
}
