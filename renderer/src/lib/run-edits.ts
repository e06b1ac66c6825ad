// Undo for what a person corrects on a run (name, model, task, tags): each
// edit keeps the fields before and after, and undoing it writes the "before"
// back through runs/update, unless the run changed again since (then it says
// so rather than overwrite the newer change).
import type { Request } from '../../../shared/api/contract.ts';
import type { RunSummary } from '../../../shared/domain.ts';
import type { RunFields } from '../../../shared/runs/fields.ts';

export interface RunEdit {
  runId: number;
  before: RunFields;
  after: RunFields;
}

export const MAX_RUN_EDITS = 20;

export function fieldsOf(run: Pick<RunSummary, 'name' | 'model' | 'task' | 'tags'>): RunFields {
  return { name: run.name, model: run.model, task: run.task, tags: [...run.tags] };
}

const sameTags = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((tag, i) => tag.toLowerCase() === b[i]!.toLowerCase());

/** The fields that differ between two states of a run. */
export function changedFields(before: RunFields, after: RunFields): Array<keyof RunFields> {
  const keys: Array<keyof RunFields> = [];
  if (before.name !== after.name) keys.push('name');
  if (before.model !== after.model) keys.push('model');
  if (before.task !== after.task) keys.push('task');
  if (!sameTags(before.tags, after.tags)) keys.push('tags');
  return keys;
}

const quoted = (text: string | null) => (text === null ? 'unknown' : `“${text}”`);

/** How an edit reads in a notice and in Undo: "renamed “a” to “b”", "“b”: tags + x, − y". */
export function describeEdit(edit: RunEdit): string {
  const parts: string[] = [];
  const { before, after } = edit;
  for (const key of changedFields(before, after)) {
    if (key === 'name') parts.push(`renamed ${quoted(before.name)} to ${quoted(after.name)}`);
    else if (key === 'model') parts.push(`model ${quoted(before.model)} → ${quoted(after.model)}`);
    else if (key === 'task') parts.push(`task ${quoted(before.task)} → ${quoted(after.task)}`);
    else {
      const lower = (tags: string[]) => new Set(tags.map((tag) => tag.toLowerCase()));
      const had = lower(before.tags);
      const has = lower(after.tags);
      const added = after.tags.filter((tag) => !had.has(tag.toLowerCase()));
      const removed = before.tags.filter((tag) => !has.has(tag.toLowerCase()));
      const change = [...added.map((tag) => `+ ${tag}`), ...removed.map((tag) => `− ${tag}`)].join(', ');
      parts.push(`tags ${change || 'reordered'}`);
    }
  }
  if (parts.length === 0) return `no change to ${quoted(after.name)}`;
  return changedFields(before, after).includes('name') ? parts.join('; ') : `${quoted(after.name)}: ${parts.join('; ')}`;
}

/**
 * The request that takes an edit back, or why it cannot: a field it changed
 * that has changed again since is left as it now is.
 */
export function undoRequest(edit: RunEdit, current: RunSummary | undefined): { request: Request<'runs/update'> } | { refused: string } {
  if (!current) return { refused: 'The run was deleted since.' };
  const now = fieldsOf(current);
  const keys = changedFields(edit.before, edit.after);
  const moved = keys.filter((key) => changedFields(now, edit.after).includes(key));
  if (moved.length > 0) return { refused: `The run’s ${moved.join(' and ')} changed again since; nothing was undone.` };
  const request: Request<'runs/update'> = { runId: edit.runId };
  for (const key of keys) {
    if (key === 'name') request.name = edit.before.name;
    else if (key === 'model') request.model = edit.before.model;
    else if (key === 'task') request.task = edit.before.task;
    else request.tags = edit.before.tags;
  }
  return { request };
}

/** The stack after an edit: newest last, at most MAX_RUN_EDITS kept; an edit that changes nothing is not kept. */
export function pushEdit(stack: readonly RunEdit[], edit: RunEdit): RunEdit[] {
  if (changedFields(edit.before, edit.after).length === 0) return [...stack];
  return [...stack, edit].slice(-MAX_RUN_EDITS);
}
