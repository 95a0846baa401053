import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { AppError } from '../core/errors.js';

// Apart from the pipeline so that `claimtrail extract` reads files without loading the storage layer.

/** Reads a file, refusing one over maxBytes without loading it whole. */
export function readFileCapped(file: string, maxBytes: number): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > maxBytes) throw new FileTooLargeError(size, maxBytes);
    const want = size;
    const buf = Buffer.allocUnsafe(want);
    let read = 0;
    while (read < want) {
      const n = readSync(fd, buf, read, want - read, read);
      if (n === 0) break;
      read += n;
    }
    return buf.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

export class FileTooLargeError extends AppError {
  constructor(size: number, limit: number) {
    super('too_large', `file too large: ${size} bytes (limit ${limit})`);
  }
}

/** The reason a file could not be read, for the summary. */
export function readFailure(e: unknown): string {
  if (e instanceof FileTooLargeError) return e.message;
  const err = e as NodeJS.ErrnoException;
  return `cannot read: ${err.code === 'EISDIR' ? 'is a folder' : (err.code ?? err.message)}`;
}
