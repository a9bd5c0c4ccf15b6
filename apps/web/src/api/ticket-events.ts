// Tells every mounted screen that tickets changed here (a reply, a bulk change), so counts and
// lists reload at once instead of at their next poll.
import { useEffect, useRef } from 'react';

const bus = new EventTarget();

export function announceTicketsChanged(): void {
  bus.dispatchEvent(new Event('tickets-changed'));
}

export function useTicketsChanged(listener: () => void): void {
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => {
    const handle = () => ref.current();
    bus.addEventListener('tickets-changed', handle);
    return () => bus.removeEventListener('tickets-changed', handle);
  }, []);
}
