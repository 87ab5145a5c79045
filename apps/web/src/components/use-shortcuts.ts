// Keyboard shortcuts for the design page. Keys typed into a form field belong to the field.
import { useEffect } from 'react';

export interface ShortcutActions {
  undo(): void;
  redo(): void;
  copy(): void;
  cut(): void;
  paste(): void;
  selectAll(): void;
  deleteSelection(): void;
  focusPalette(): void;
  autoLayout(): void;
  toggleFailure(): void;
  escape(): void;
}

export const shortcutList: readonly { keys: string; action: string }[] = [
  { keys: '/', action: 'search the palette (Enter adds)' },
  { keys: 'Ctrl+Z / Ctrl+Shift+Z', action: 'undo / redo' },
  { keys: 'Ctrl+C / X / V', action: 'copy / cut / paste' },
  { keys: 'Ctrl+A', action: 'select everything' },
  { keys: 'Delete', action: 'delete the selection' },
  { keys: 'Shift+L', action: 'auto-layout' },
  { keys: 'F', action: 'fail the selected component (or bring it back)' },
  { keys: 'Shift+drag', action: 'select an area' },
  { keys: 'Esc', action: 'leave fail mode, close the report' },
];

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

export function useShortcuts(actions: ShortcutActions): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTypingTarget(event.target)) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      let handled = true;
      if (mod && key === 'z' && !event.shiftKey) actions.undo();
      else if (mod && ((key === 'z' && event.shiftKey) || key === 'y')) actions.redo();
      else if (mod && key === 'c') actions.copy();
      else if (mod && key === 'x') actions.cut();
      else if (mod && key === 'v') actions.paste();
      else if (mod && key === 'a') actions.selectAll();
      else if (!mod && (event.key === 'Delete' || event.key === 'Backspace')) actions.deleteSelection();
      else if (!mod && event.key === '/') actions.focusPalette();
      else if (!mod && event.shiftKey && key === 'l') actions.autoLayout();
      else if (!mod && !event.shiftKey && key === 'f') actions.toggleFailure();
      else if (event.key === 'Escape') actions.escape();
      else handled = false;
      if (handled) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [actions]);
}
