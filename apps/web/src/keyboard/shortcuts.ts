// Single-key shortcuts for the common path. They never fire while the user types (inputs,
// text areas, selects, editable content) or holds a modifier, so typing "r" stays typing.
import { useEffect, useRef } from 'react';

export type ShortcutMap = Record<string, (event: KeyboardEvent) => void>;

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file'].includes(type);
}

/** Registers shortcuts while the component is mounted; keys are `KeyboardEvent.key` values. */
export function useShortcuts(shortcuts: ShortcutMap, enabled = true): void {
  const ref = useRef(shortcuts);
  ref.current = shortcuts;
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target)) return;
      // An open dialog (the help overlay, a confirmation) owns the keyboard.
      if (document.querySelector('dialog[open]')) return;
      const handler = ref.current[event.key];
      if (!handler) return;
      event.preventDefault();
      handler(event);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}

/** What the help overlay lists. */
export const SHORTCUT_HELP: { keys: string; does: string }[] = [
  { keys: 'j / k', does: 'Next / previous ticket (in the list and on a ticket)' },
  { keys: 'Enter / o', does: 'Open the selected ticket' },
  { keys: 'x', does: 'Select or unselect the ticket (for bulk changes)' },
  { keys: '/', does: 'Search tickets' },
  { keys: 'r', does: 'Reply to the requester' },
  { keys: 'n', does: 'Write an internal note' },
  { keys: 'a', does: 'Assign the ticket to me' },
  { keys: 's', does: 'Set the state' },
  { keys: 'u', does: 'Back to the list' },
  { keys: 'Ctrl+Enter', does: 'Send the reply or note' },
  { keys: '?', does: 'Show this help' },
];
