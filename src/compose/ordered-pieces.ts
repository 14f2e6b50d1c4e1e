/**
 * Puts streamed pieces back in reading order: the piece whose turn it is goes out as it arrives, later pieces
 * (written in parallel) wait until the ones before them end. For outputs that can't jump around, like a terminal.
 */
import type { Outline } from '../domain/outline.js';
import { leafItems } from './assemble.js';
import type { DraftEvent } from './draft-events.js';

export class OrderedPieces {
  private order: string[] = [];
  private turn = 0;
  private buffered = new Map<string, string>();
  private ended = new Set<string>();

  constructor(private readonly write: (text: string) => void) {}

  /** Feeds one draft event; text is written in outline order, each piece followed by a blank line. */
  push(event: DraftEvent): void {
    if (event.type === 'outline') this.order = ['opening', ...leafItems(event.outline as Outline).map((item) => item.key), 'closing'];
    if (event.type === 'text') {
      if (this.order[this.turn] === event.key) this.write(event.text);
      else this.buffered.set(event.key, (this.buffered.get(event.key) ?? '') + event.text);
    }
    if (event.type === 'section-end') {
      this.ended.add(event.key);
      while (this.turn < this.order.length && this.ended.has(this.order[this.turn])) {
        this.write('\n\n');
        this.turn++;
        const next = this.order[this.turn];
        if (next && this.buffered.has(next)) {
          this.write(this.buffered.get(next)!);
          this.buffered.delete(next);
        }
      }
    }
  }
}
