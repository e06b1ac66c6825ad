// Turning files into an import: first a preview (format, column mapping, the
// first items as they will be stored, the runs they make, what the reader
// could not decide), then, once the user confirms, the import job. In
// Electron a file's or folder's real path is sent (the main process reads
// it); in the browser the bytes are uploaded first, all files of one pick or
// drop together, so they pair up as they do on disk. Drops anywhere on the
// window start the same flow.
import { useCallback, useEffect, useRef, useState } from 'react';
import { bridge, call } from '../api/client.ts';
import type { ImportPreviewResult, ImportSource } from '../../../shared/api/contract.ts';
import { describeError } from '../lib/errors.ts';
import { droppedFiles, pickedFiles, uploadFiles, type UploadFile, type UploadProgress } from '../lib/upload.ts';

interface Options {
  track: (jobId: string) => void;
  onError: (message: string) => void;
}

/** Where a pending file's bytes are: a path on this machine, or a file of a staged upload. */
type Origin = { kind: 'path'; path: string } | { kind: 'staged'; uploadId: string; path: string };

export interface PendingFile {
  /** The name shown: the file's name, or its path within what was picked. */
  name: string;
  origin: Origin | null;
  /** Reader options: the column mapping (column.<role>) and format choices. */
  options: Record<string, string>;
  result: ImportPreviewResult | null;
  loading: boolean;
}

/** While a browser upload runs: how far it is. */
export type UploadState = UploadProgress | null;

function source(origin: Origin, options: Record<string, string>): ImportSource {
  const opts = Object.keys(options).length > 0 ? options : undefined;
  return origin.kind === 'path' ? { kind: 'path', path: origin.path, options: opts } : { kind: 'staged', uploadId: origin.uploadId, path: origin.path, options: opts };
}

const baseName = (path: string) => path.split(/[\\/]/).pop() || path;

/** One pending entry per file a preview found (a folder becomes the runs in it). */
function entriesFrom(results: ImportPreviewResult[], originOf: (file: string) => Origin): PendingFile[] {
  return results.map((result) => {
    const file = result.ok ? result.preview.file : result.file;
    const origin = originOf(result.uploadPath ?? file);
    return { name: origin.kind === 'path' ? baseName(file) : file, origin, options: {}, result, loading: false };
  });
}

async function preview(sources: ImportSource[]): Promise<ImportPreviewResult[]> {
  const { files } = await call('import/preview', { sources, limit: 10 });
  return files;
}

export function useFileImport({ track, onError }: Options) {
  const [dragging, setDragging] = useState(false);
  const [pending, setPendingState] = useState<PendingFile[] | null>(null);
  const [upload, setUpload] = useState<UploadState>(null);
  // The latest list, for async callbacks that must not read a stale render's copy.
  const pendingRef = useRef<PendingFile[] | null>(null);
  const setPending = useCallback((next: PendingFile[] | null) => {
    pendingRef.current = next;
    setPendingState(next);
  }, []);
  const depth = useRef(0);

  const failed = (name: string, error: unknown): PendingFile => ({
    name,
    origin: null,
    options: {},
    result: { ok: false, file: name, error: { code: 'preview', message: describeError(error) } },
    loading: false,
  });

  /** Paths on this machine (Electron): preview each; a folder turns into the runs inside it. */
  const importPaths = useCallback(
    async (paths: string[]) => {
      if (paths.length === 0) return;
      setPending(paths.map((path) => ({ name: baseName(path), origin: { kind: 'path', path }, options: {}, result: null, loading: true })));
      const entries: PendingFile[] = [];
      for (const path of paths) {
        try {
          entries.push(...entriesFrom(await preview([{ kind: 'path', path }]), (file) => ({ kind: 'path', path: file })));
        } catch (error) {
          entries.push(failed(baseName(path), error));
        }
      }
      setPending(entries);
    },
    [setPending],
  );

  /** Files (with their relative paths) from the browser: upload their bytes together, then preview what they hold. */
  const importUploads = useCallback(
    async (files: UploadFile[]) => {
      if (files.length === 0) return;
      setPending(files.map(({ path }) => ({ name: path, origin: null, options: {}, result: null, loading: true })));
      setUpload({ files: 0, fileCount: files.length, bytes: 0, bytesTotal: files.reduce((sum, f) => sum + f.file.size, 0) });
      let uploadId: string;
      try {
        uploadId = await uploadFiles(files, setUpload);
      } catch (error) {
        setUpload(null);
        setPending([failed(files.length === 1 ? files[0]!.path : `${files.length} files`, error)]);
        return;
      } finally {
        setUpload(null);
      }
      try {
        setPending(entriesFrom(await preview([{ kind: 'staged', uploadId }]), (file) => ({ kind: 'staged', uploadId, path: file })));
      } catch (error) {
        setPending([failed(`${files.length} files`, error)]);
      }
    },
    [setPending],
  );

  /** Files chosen or dropped: in Electron their paths, else their bytes. */
  const importFiles = useCallback(
    (files: File[]) => {
      const paths = bridge ? files.map((file) => bridge!.pathForFile(file)) : [];
      if (bridge && paths.every((path) => path)) return importPaths(paths as string[]);
      return importUploads(pickedFiles(files));
    },
    [importPaths, importUploads],
  );

  /** The user changed a file's mapping or a format choice: preview it again with the new choice. */
  const setOption = useCallback(
    async (index: number, key: string, value: string) => {
      const current = pendingRef.current;
      const entry = current?.[index];
      if (!current || !entry?.origin) return;
      const options = { ...entry.options, [key]: value };
      setPending(current.map((e, i) => (i === index ? { ...e, options, loading: true } : e)));
      const result = await preview([source(entry.origin, options)])
        .then((files): ImportPreviewResult => files[0] ?? { ok: false, file: entry.name, error: { code: 'empty', message: `${entry.name}: nothing to preview` } })
        .catch((error: unknown): ImportPreviewResult => ({ ok: false, file: entry.name, error: { code: 'preview', message: describeError(error) } }));
      const latest = pendingRef.current;
      // The dialog may have closed, or the user changed something else meanwhile: only the newest answer counts.
      if (!latest || latest[index]?.origin !== entry.origin || latest[index]?.options[key] !== value) return;
      setPending(latest.map((e, i) => (i === index ? { ...e, result, loading: false } : e)));
    },
    [setPending],
  );

  const discardUploads = useCallback((entries: PendingFile[]) => {
    const ids = new Set(entries.flatMap((e) => (e.origin?.kind === 'staged' ? [e.origin.uploadId] : [])));
    for (const uploadId of ids) void call('import/discard', { uploadId }).catch(() => undefined);
  }, []);

  const cancel = useCallback(() => {
    discardUploads(pendingRef.current ?? []);
    setPending(null);
  }, [setPending, discardUploads]);

  const confirm = useCallback(async () => {
    const all = pendingRef.current ?? [];
    const chosen = all.filter((entry) => entry.result?.ok && entry.origin);
    setPending(null);
    if (chosen.length === 0) {
      discardUploads(all);
      return;
    }
    try {
      // The server removes the staged upload once this import ends.
      const { jobId } = await call('import/start', { sources: chosen.map((entry) => source(entry.origin!, entry.options)) });
      track(jobId);
    } catch (error) {
      discardUploads(all);
      onError(describeError(error));
    }
  }, [setPending, track, onError, discardUploads]);

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
      const files = Array.from(event.dataTransfer?.files ?? []);
      if (bridge) {
        void importFiles(files);
        return;
      }
      // Folders are read through the entries API, which must be asked before the event returns.
      const entries = Array.from(event.dataTransfer?.items ?? [])
        .map((item) => (item.kind === 'file' ? item.webkitGetAsEntry?.() ?? null : null))
        .filter((entry): entry is FileSystemEntry => entry !== null);
      if (entries.length === 0) {
        void importFiles(files);
        return;
      }
      void droppedFiles(entries)
        .then(importUploads)
        .catch((error: unknown) => onError(describeError(error)));
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
  }, [importFiles, importUploads, onError]);

  return { importFiles, importPaths, dragging, pending, upload, setOption, confirm, cancel };
}
