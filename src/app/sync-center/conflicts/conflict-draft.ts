/**
 * A person's decision on an open conflict, field by field: keep the local value, keep the
 * server's, or type another. Pure: `resolution()` turns a complete draft into the
 * engine's ConflictResolution and answers null while a field is undecided.
 */
import type { ConflictEntry, ConflictResolution, ConflictWinner, Row } from '../../../engine/api.ts';

export type Choice = ConflictWinner | 'edit';

export interface FieldDraft {
  readonly choice: Choice | null;
  /** The typed value while choice is 'edit'. */
  readonly edit: string;
}

export type Draft = Readonly<Record<string, FieldDraft>>;

export function emptyDraft(conflict: Pick<ConflictEntry, 'fields'>): Draft {
  return Object.fromEntries(conflict.fields.map((f) => [f, { choice: null, edit: '' }]));
}

export function choose(draft: Draft, field: string, choice: Choice, edit?: string): Draft {
  const before = draft[field] ?? { choice: null, edit: '' };
  return { ...draft, [field]: { choice, edit: edit ?? before.edit } };
}

/** Every field the same way (the "all local" / "all server" buttons). */
export function chooseAll(draft: Draft, choice: ConflictWinner): Draft {
  return Object.fromEntries(Object.keys(draft).map((f) => [f, { choice, edit: draft[f]?.edit ?? '' }]));
}

export function undecided(draft: Draft): readonly string[] {
  return Object.entries(draft)
    .filter(([, d]) => d.choice === null)
    .map(([f]) => f);
}

/**
 * The resolution to send, or null while a field is undecided. An edited field is sent
 * as an edit (it beats a pick) typed like the values it replaces: a number when both
 * sides hold numbers and the text is one, null when emptied, else the text.
 */
export function resolution(conflict: Pick<ConflictEntry, 'fields' | 'local' | 'server'>, draft: Draft): ConflictResolution | null {
  if (undecided(draft).length > 0) return null;
  const pick: Record<string, ConflictWinner> = {};
  const edits: Record<string, unknown> = {};
  for (const field of conflict.fields) {
    const d = draft[field];
    if (!d || d.choice === null) return null;
    if (d.choice === 'edit') {
      edits[field] = typedEdit(d.edit, conflict.local[field], conflict.server[field]);
      pick[field] = 'local';
    } else pick[field] = d.choice;
  }
  return Object.keys(edits).length > 0 ? { pick, edits: edits as Row } : { pick };
}

function typedEdit(text: string, local: unknown, server: unknown): unknown {
  if (text.trim() === '') return null;
  const numeric = typeof local === 'number' || typeof server === 'number';
  if (numeric && /^-?\d+(\.\d+)?$/.test(text.trim())) return Number(text.trim());
  return text;
}
