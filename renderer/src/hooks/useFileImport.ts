// Turning files into an import: first a preview (format, column mapping, the
// first items as they will be stored, the runs they make), then, once the user
// confirms, the import job. In Electron a File's real path is sent (the main
// process streams it); in the browser its text is uploaded. Drops anywhere on
// the window start the same flow.
import { useCallback, useEffect, useRef, useState } from 'react';
import { bridge, call } from '../api/client.ts';
import type { ImportPreviewResult, ImportSource } from '../../../shared/api/contract.ts';
import { MAX_UPLOAD_CHARS } from '../../../shared/api/verbs.ts';
import { describeError } from '../lib/errors.ts';

interface Options {
  track: (jobId: string) => void;
  onError: (message: string) => void;
}

/** How much of an uploaded file the preview reads: the first items need no more. */
const PREVIEW_CHARS = 2 * 1024 * 1024;

/** A file the user chose: a browser File, or (Electron's native dialog) a path on this machine. */
export interface PickedFile {
  name: string;
  file: File | null;
  path: string | null;
}

function fromFile(file: File): PickedFile {
  return { name: file.name, file, path: bridge?.pathForFile(file) ?? null };
}

function fromPath(path: string): PickedFile {
  return { name: path.split(/[\\/]/).pop() || path, file: null, path };
}

export interface PendingFile {
  file: PickedFile;
  /** Reader options: the column mapping (column.<role>) and format choices. */
  options: Record<string, string>;
  result: ImportPreviewResult | null;
  loading: boolean;
}

async function toSource(picked: PickedFile, options: Record<string, string>, previewOnly: boolean): Promise<ImportSource> {
  const opts = Object.keys(options).length > 0 ? options : undefined;
  if (picked.path) return { kind: 'path', path: picked.path, options: opts };
  const file = picked.file;
  if (!file) throw new Error(`${picked.name}: nothing to read`);
  // A UTF-16 string never has more characters than the file has bytes.
  if (!previewOnly && file.size > MAX_UPLOAD_CHARS) {
    throw new Error(`${file.name}: ${Math.round(file.size / 2 ** 20)} MiB is more than browser mode accepts in one upload; use the desktop app or the CLI.`);
  }
  const text = previewOnly ? await file.slice(0, PREVIEW_CHARS).text() : await file.text();
  return { kind: 'upload', name: file.name, text, options: opts };
}

async function previewOne(file: PickedFile, options: Record<string, string>): Promise<ImportPreviewResult> {
  const { files } = await call('import/preview', { sources: [await toSource(file, options, true)], limit: 10 });
  return files[0] ?? { ok: false, file: file.name, error: { code: 'empty', message: `${file.name}: nothing to preview` } };
}

export function useFileImport({ track, onError }: Options) {
  const [dragging, setDragging] = useState(false);
  const [pending, setPendingState] = useState<PendingFile[] | null>(null);
  // The latest list, for async callbacks that must not read a stale render's copy.
  const pendingRef = useRef<PendingFile[] | null>(null);
  const setPending = useCallback((next: PendingFile[] | null) => {
    pendingRef.current = next;
    setPendingState(next);
  }, []);
  const depth = useRef(0);

  /** Files chosen or dropped: preview them, and wait for the user to confirm. */
  const importPicked = useCallback(
    async (files: PickedFile[]) => {
      if (files.length === 0) return;
      setPending(files.map((file) => ({ file, options: {}, result: null, loading: true })));
      const results = await Promise.all(
        files.map((file) =>
          previewOne(file, {}).catch((error: unknown) => ({ ok: false as const, file: file.name, error: { code: 'preview', message: describeError(error) } })),
        ),
      );
      setPending(files.map((file, i) => ({ file, options: {}, result: results[i]!, loading: false })));
    },
    [setPending],
  );
  const importFiles = useCallback((files: File[]) => importPicked(files.map(fromFile)), [importPicked]);
  /** Paths from Electron's native File > Import dialog: the same preview, then the same import. */
  const importPaths = useCallback((paths: string[]) => importPicked(paths.map(fromPath)), [importPicked]);

  /** The user changed a file's mapping: preview it again with the new choice. */
  const setOption = useCallback(
    async (index: number, key: string, value: string) => {
      const current = pendingRef.current;
      const entry = current?.[index];
      if (!current || !entry) return;
      const options = { ...entry.options, [key]: value };
      setPending(current.map((e, i) => (i === index ? { ...e, options, loading: true } : e)));
      const result = await previewOne(entry.file, options).catch(
        (error: unknown): ImportPreviewResult => ({ ok: false, file: entry.file.name, error: { code: 'preview', message: describeError(error) } }),
      );
      const latest = pendingRef.current;
      // The dialog may have closed, or the user changed something else meanwhile: only the newest answer counts.
      if (!latest || latest[index]?.file !== entry.file || latest[index]?.options[key] !== value) return;
      setPending(latest.map((e, i) => (i === index ? { ...e, result, loading: false } : e)));
    },
    [setPending],
  );

  const cancel = useCallback(() => setPending(null), [setPending]);

  const confirm = useCallback(async () => {
    const chosen = (pendingRef.current ?? []).filter((entry) => entry.result?.ok);
    setPending(null);
    if (chosen.length === 0) return;
    try {
      const sources = await Promise.all(chosen.map((entry) => toSource(entry.file, entry.options, false)));
      const { jobId } = await call('import/start', { sources });
      track(jobId);
    } catch (error) {
      onError(describeError(error));
    }
  }, [setPending, track, onError]);

  useEffect(() => {
    const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');
    const onEnter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth.current += 1;
      setDragging(true);
    };
    const onOver = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    };
    const onDrop = (event: DragEvent) => {
      // Without this the browser would navigate to the dropped file.
      event.preventDefault();
      depth.current = 0;
      setDragging(false);
      void importFiles(Array.from(event.dataTransfer?.files ?? []));
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [importFiles]);

  return { importFiles, importPaths, dragging, pending, setOption, confirm, cancel };
}
