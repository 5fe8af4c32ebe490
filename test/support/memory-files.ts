import type { FileStore, StoredFile } from '../../src/core/ports/file-store.ts';

/** A file store in memory, so a test sees every file that was (or was not) kept. */
export function memoryFileStore(): FileStore & { files: Map<string, StoredFile> } {
  const files = new Map<string, StoredFile>();
  return {
    files,
    put: (key, bytes, contentType) => {
      files.set(key, { bytes, contentType });
      return Promise.resolve();
    },
    get: (key) => Promise.resolve(files.get(key)),
    delete: (key) => {
      files.delete(key);
      return Promise.resolve();
    },
  };
}
