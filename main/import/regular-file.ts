// Opens a file for reading only if it is a regular file. A FIFO inside a run
// folder (or a link to one, or to /dev/zero) would block an import forever or
// feed it without end; opening without blocking and checking what was opened
// refuses it at once, with no window between the check and the read.
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { ImportError } from './types.ts';

// O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting (POSIX; 0 elsewhere).
const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export async function openRegularFile(path: string, file: string): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(path, FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'it cannot be read (permission denied)' : `it cannot be opened (${code ?? String(error)})`;
    throw new ImportError('not-found', why, { file });
  }
  const info = await handle.stat();
  if (!info.isFile()) {
    await handle.close();
    const kind = info.isFIFO() ? 'a FIFO (named pipe)' : info.isDirectory() ? 'a folder' : info.isCharacterDevice() || info.isBlockDevice() ? 'a device' : info.isSocket() ? 'a socket' : 'not a regular file';
    throw new ImportError('not-a-file', `is ${kind}, not a regular file: Candor reads only regular files (a pipe or device could block the import or never end)`, { file });
  }
  return handle;
}
