/** Which key presses send an answer: Enter sends, Shift+Enter breaks the line, and an IME's Enter only commits. */

export interface KeyLike {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  isComposing?: boolean;
  keyCode?: number;
}

/**
 * True when the key press should send the message. keyCode 229 is what browsers report while an input method
 * holds the key (Safari ends composition before keydown, so isComposing alone is not enough there).
 * @example shouldSend({ key: 'Enter', isComposing: true }) // false
 */
export function shouldSend(event: KeyLike): boolean {
  if (event.key !== 'Enter') return false;
  if (event.isComposing || event.keyCode === 229) return false;
  return !(event.shiftKey || event.altKey || event.ctrlKey || event.metaKey);
}
