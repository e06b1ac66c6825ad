// Renaming, correcting, tagging and deleting runs, wherever they are asked for
// (the sidebar's menu and keys, the command palette): which dialog is open,
// the edits that can be undone (newest last), and the note the sidebar shows
// after each. Undo writes the fields back unless the run changed again since.
import { useCallback, useState } from 'react';
import type { RunSummary } from '../../../shared/domain.ts';
import type { RunFields } from '../../../shared/runs/fields.ts';
import { call } from '../api/client.ts';
import type { RunAction } from '../components/RunMenu.tsx';
import { describeError } from '../lib/errors.ts';
import { fmtCount } from '../lib/format.ts';
import { describeEdit, fieldsOf, pushEdit, undoRequest, type RunEdit } from '../lib/run-edits.ts';
import type { EditFocus } from '../views/runs/RunEditDialog.tsx';

/** An open dialog and the run as the database had it when it opened (not the list, which may be a moment old). */
export type RunDialog = { kind: 'edit'; run: RunSummary; focus: EditFocus } | { kind: 'delete'; run: RunSummary };

interface Options {
  refreshRuns: () => Promise<RunSummary[]>;
  /** A run left the database: take it out of the selection. */
  onDeleted: (runId: number) => void;
  onError: (message: string) => void;
  onNotice: (message: string) => void;
}

export function useRunManagement({ refreshRuns, onDeleted, onError, onNotice }: Options) {
  const [dialog, setDialog] = useState<RunDialog | null>(null);
  const [edits, setEdits] = useState<RunEdit[]>([]);
  const [note, setNote] = useState<{ text: string; undoable: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  const open = useCallback(
    async (action: RunAction, runId: number) => {
      try {
        const run = await call('runs/get', { runId });
        if (action === 'delete') setDialog({ kind: 'delete', run });
        else setDialog({ kind: 'edit', run, focus: action === 'rename' ? 'name' : action === 'tags' ? 'tags' : 'model' });
      } catch (error) {
        onError(describeError(error));
      }
    },
    [onError],
  );

  const say = useCallback(
    (text: string, undoable: boolean) => {
      setNote({ text, undoable });
      onNotice(text);
    },
    [onNotice],
  );

  /** Writes the fields a person changed (only those: the dialog may have opened on a list a moment old). */
  const save = useCallback(
    async (runId: number, changes: Partial<RunFields>) => {
      setDialog(null);
      if (Object.keys(changes).length === 0) return;
      try {
        const { run: after, before } = await call('runs/update', { runId, ...changes });
        const edit = { runId, before, after: fieldsOf(after) };
        const next = pushEdit(edits, edit);
        setEdits(next);
        await refreshRuns();
        if (next.length > edits.length) say(`${capital(describeEdit(edit))}.`, true);
      } catch (error) {
        onError(describeError(error));
      }
    },
    [edits, refreshRuns, say, onError],
  );

  const confirmDelete = useCallback(
    async (run: RunSummary) => {
      const runId = run.id;
      setBusy(true);
      try {
        const result = await call('runs/delete', { runId });
        setDialog(null);
        // Its edits cannot be undone any more.
        setEdits((current) => current.filter((edit) => edit.runId !== runId));
        onDeleted(runId);
        await refreshRuns();
        const labels = result.labelsExportedTo
          ? ` Its ${fmtCount(result.labels)} label record${result.labels === 1 ? ' was' : 's were'} saved first to ${result.labelsExportedTo}.`
          : ' It had no labels.';
        say(`Deleted “${run.name}” (${fmtCount(run.itemCount)} items).${labels}`, false);
      } catch (error) {
        onError(describeError(error));
      } finally {
        setBusy(false);
      }
    },
    [refreshRuns, onDeleted, say, onError],
  );

  const last = edits.at(-1) ?? null;
  const undo = useCallback(async () => {
    if (!last) return;
    setEdits((current) => current.slice(0, -1));
    try {
      // Compared with the run as it is now: a field changed again since is left alone.
      const current = (await call('runs/list', {})).find((run) => run.id === last.runId);
      const plan = undoRequest(last, current);
      if ('refused' in plan) {
        say(plan.refused, false);
        return;
      }
      await call('runs/update', plan.request);
      await refreshRuns();
      say(`Undone: ${describeEdit(last)}.`, false);
    } catch (error) {
      onError(describeError(error));
    }
  }, [last, refreshRuns, say, onError]);

  return {
    dialog,
    busy,
    note,
    /** The edit Undo would take back, as words; null when there is none. */
    undoable: last ? describeEdit(last) : null,
    open: (action: RunAction, runId: number) => void open(action, runId),
    close: () => setDialog(null),
    save,
    confirmDelete,
    undo,
    dismissNote: () => setNote(null),
  };
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
