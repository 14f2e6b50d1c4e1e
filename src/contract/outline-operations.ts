/** The outline edits of PUT /api/sessions/:id/outline, as the widget sends them and the dialogue applies them. Imports nothing. */

/** A part of the outline: the top-level item `part` (1 = 一、), or its child `child` (1 = （一）). */
export interface PartRef {
  part: number;
  child?: number;
}

export type OutlineOperation =
  | { op: 'rename'; target: PartRef; heading: string }
  | { op: 'move'; target: PartRef; to: PartRef }
  | { op: 'merge'; targets: [PartRef, PartRef] }
  | { op: 'drop'; target: PartRef };
