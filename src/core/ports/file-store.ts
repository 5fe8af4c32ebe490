/** A stored file and the content type it is served with. */
export interface StoredFile {
  bytes: Buffer;
  contentType: string;
}

/**
 * Where uploaded files live (badge images, logos, avatars, imported credentials' pictures):
 * local disk by default, object storage later. The core chooses every key and owns each
 * file's lifecycle: it stores before recording, and deletes what a failed write or a
 * replacement left behind.
 */
export interface FileStore {
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<StoredFile | undefined>;
  /** Deleting a key that holds nothing is not an error. */
  delete(key: string): Promise<void>;
}
