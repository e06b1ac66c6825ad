// Turning files into an import job: in Electron a File's real path is sent (the
// main process streams it); in the browser its text is uploaded. Drops anywhere
// on the window import too.
import { useCallback, useEffect, useRef, useState } from 'react';
import { bridge, call } from '../api/client.ts';
import type { ImportSource } from '../../../shared/api/contract.ts';
import { MAX_UPLOAD_CHARS } from '../../../shared/api/verbs.ts';
import { describeError } from '../lib/errors.ts';

interface Options {
  track: (jobId: string) => void;
  onError: (message: string) => void;
}

async function toSource(file: File): Promise<ImportSource> {
  const path = bridge?.pathForFile(file) ?? null;
  if (path) return { kind: 'path', path };
  // A UTF-16 string never has more characters than the file has bytes.
  if (file.size > MAX_UPLOAD_CHARS) {
    throw new Error(`${file.name}: ${Math.round(file.size / 2 ** 20)} MiB is more than browser mode accepts in one upload; use the desktop app or the CLI.`);
  }
  return { kind: 'upload', name: file.name, text: await file.text() };
}

export function useFileImport({ track, onError }: Options) {
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);

  const importFiles = useCallback(
    async (files: File[]) => {
      if (files.length === 0) return;
      try {
        const sources = await Promise.all(files.map(toSource));
        const { jobId } = await call('import/start', { sources });
        track(jobId);
      } catch (error) {
        onError(describeError(error));
      }
    },
    [track, onError],
  );

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

  return { importFiles, dragging };
}
