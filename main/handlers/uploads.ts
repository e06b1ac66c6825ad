// Browser mode's uploads: the page sends each picked or dropped file's bytes
// (base64, in chunks) into one private temp folder per pick, under its
// relative path, so binary formats (.eval zips, parquet) arrive intact and
// files picked together sit side by side as they did on the user's disk (a
// samples file finds its results file; a HELM run folder stays a folder).
// Previews and the import then read the staged copy like any path. The area
// lives with the handlers (its errors are theirs); the import layer sees it
// only as StagedUploads.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { appendFile, mkdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import type { StagedUploads } from '../import/types.ts';
import { HandlerError } from './errors.ts';

/** One pick's limits: generous for run files, small enough that a runaway page cannot fill the disk. */
export const MAX_UPLOAD_BYTES = 4 * 1024 ** 3;
export const MAX_UPLOAD_FILES = 10_000;
/** Uploads left untouched this long (a closed tab) are removed. */
const IDLE_MS = 60 * 60 * 1000;

interface Upload {
  dir: string;
  bytes: number;
  files: Map<string, number>;
  touched: number;
}

/** A relative path from the page, made safe: no absolute paths, no "..", no empty or odd segments. */
export function safeRelativePath(raw: string): string {
  const segments = raw.replace(/\\/g, '/').split('/').filter((s) => s !== '' && s !== '.');
  if (segments.length === 0 || segments.length > 32) throw new HandlerError('bad-request', `"${raw.slice(0, 200)}" is not a usable file name`);
  for (const s of segments) {
    if (s === '..' || s.includes('\0') || s.length > 255) throw new HandlerError('bad-request', `"${raw.slice(0, 200)}" is not a usable file name`);
  }
  return segments.join('/');
}

export class UploadArea implements StagedUploads {
  private readonly uploads = new Map<string, Upload>();
  private root: string | null = null;

  private rootDir(): string {
    if (this.root === null) {
      this.root = mkdtempSync(join(tmpdir(), 'candor-uploads-'));
      // Staged copies of the user's files never outlive the process.
      process.once('exit', () => this.close());
    }
    return this.root;
  }

  private sweep(now: number): void {
    for (const [id, upload] of this.uploads) if (now - upload.touched > IDLE_MS) this.discard(id);
  }

  /** Appends a chunk of one file at `offset` (chunks arrive in order); creates the upload when `uploadId` is absent. */
  async put(uploadId: string | undefined, relativePath: string, offset: number, data: Buffer): Promise<{ uploadId: string; bytes: number }> {
    const now = Date.now();
    this.sweep(now);
    let id = uploadId;
    let upload = id !== undefined ? this.uploads.get(id) : undefined;
    if (id !== undefined && !upload) throw new HandlerError('not-found', 'that upload is gone (uploads are removed after an import, a cancel, or an hour idle); pick the files again');
    if (!upload) {
      id = randomBytes(12).toString('hex');
      upload = { dir: join(this.rootDir(), id), bytes: 0, files: new Map(), touched: now };
      await mkdir(upload.dir, { recursive: true });
      this.uploads.set(id, upload);
    }
    const path = safeRelativePath(relativePath);
    const written = upload.files.get(path);
    if (written === undefined && upload.files.size >= MAX_UPLOAD_FILES) throw new HandlerError('too-large', `one upload holds at most ${MAX_UPLOAD_FILES} files`);
    if ((written ?? 0) !== offset) throw new HandlerError('bad-request', `${path}: chunk at byte ${offset}, but ${written ?? 0} bytes were received (chunks must arrive in order)`);
    if (upload.bytes + data.length > MAX_UPLOAD_BYTES) throw new HandlerError('too-large', `one upload holds at most ${MAX_UPLOAD_BYTES / 1024 ** 3} GiB; use the desktop app or the CLI for more`);
    const target = join(upload.dir, ...path.split('/'));
    if (!target.startsWith(upload.dir + sep)) throw new HandlerError('bad-request', `"${path}" is not a usable file name`);
    await mkdir(dirname(target), { recursive: true });
    await appendFile(target, data);
    upload.files.set(path, offset + data.length);
    upload.bytes += data.length;
    upload.touched = now;
    return { uploadId: id!, bytes: offset + data.length };
  }

  /** The staged folder of an upload, or a file or folder inside it. */
  async resolve(uploadId: string, relativePath?: string): Promise<{ path: string; root: string }> {
    const upload = this.uploads.get(uploadId);
    if (!upload) throw new HandlerError('not-found', 'that upload is gone (uploads are removed after an import, a cancel, or an hour idle); pick the files again');
    upload.touched = Date.now();
    const path = relativePath === undefined || relativePath === '' || relativePath === '.' ? upload.dir : join(upload.dir, ...safeRelativePath(relativePath).split('/'));
    if (path !== upload.dir && !path.startsWith(upload.dir + sep)) throw new HandlerError('bad-request', 'that path is outside the upload');
    await stat(path).catch(() => {
      throw new HandlerError('not-found', `${relativePath} is not part of that upload`);
    });
    return { path, root: upload.dir };
  }

  discard(uploadId: string): boolean {
    const upload = this.uploads.get(uploadId);
    if (!upload) return false;
    this.uploads.delete(uploadId);
    rmSync(upload.dir, { recursive: true, force: true });
    return true;
  }

  /** Removes every staged upload (the server is closing). */
  close(): void {
    for (const id of [...this.uploads.keys()]) this.discard(id);
    if (this.root) rmSync(this.root, { recursive: true, force: true });
    this.root = null;
  }
}
