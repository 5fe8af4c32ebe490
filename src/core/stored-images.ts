import { randomBytes } from 'node:crypto';
import type { CoreDeps } from './deps.ts';
import type { ErrorCode } from './errors.ts';
import { ACCEPTS_SVG, IMAGE_FIELD, imageRefusalMessage, type ImageUse } from './image-uses.ts';
import type { StoredFile } from './ports/file-store.ts';
import type { PreparedImage } from './ports/image-processor.ts';
import { err, ok, type Result } from './result.ts';

// Uploaded images through their whole life: checked and stripped of metadata, stored under a
// key chosen here, recorded by the use case, and deleted when the write fails or a newer image
// replaces them. Routes hand over the bytes and never touch the file store.

/** Ids that become part of a key: a real organization's or user's id cannot climb out of its folder. */
const OWNER_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

function checked(id: string, what: 'an organization id' | 'a user id'): string {
  // Use cases authorize first, so this is a real id; anything else is a bug.
  if (!OWNER_ID.test(id)) throw new Error(`Cannot store an image: not ${what}: ${id}`);
  return id;
}

const random = (bytes: number) => randomBytes(bytes).toString('hex');

/** badges/{organization id}/{random}.{ext} */
export function badgeImageKey(organizationId: string, image: PreparedImage): string {
  return `badges/${checked(organizationId, 'an organization id')}/${random(16)}.${image.extension}`;
}

/** logos/{organization id}-{random}.{ext}: a new name per upload, so a cached logo is never stale. */
export function logoKey(organizationId: string, image: PreparedImage): string {
  return `logos/${checked(organizationId, 'an organization id')}-${random(8)}.${image.extension}`;
}

/** avatars/{user id}-{random}.{ext} */
export function avatarKey(userId: string, image: PreparedImage): string {
  return `avatars/${checked(userId, 'a user id')}-${random(8)}.${image.extension}`;
}

/**
 * Checks an uploaded image for its use and prepares it for publishing (an SVG rasterised,
 * metadata removed). A refusal is a VALIDATION_ERROR worded for the person uploading, naming
 * the form's file field.
 */
export async function prepareImage(
  deps: CoreDeps,
  use: ImageUse,
  bytes: Buffer,
): Promise<Result<PreparedImage, ErrorCode>> {
  const prepared = await deps.images.prepare(bytes, { svg: ACCEPTS_SVG[use] });
  if (prepared.ok) return ok(prepared.image);
  const message = imageRefusalMessage(use, prepared.refusal);
  return err('VALIDATION_ERROR', message, { fields: { [IMAGE_FIELD[use]]: message } });
}

/**
 * Stores the image under `key`, then records it. The file goes first, so no row ever names a
 * missing file; when the record is refused or throws, the file is deleted again, so none
 * outlives a failed write.
 */
export async function storeThenRecord<T>(
  deps: CoreDeps,
  key: string,
  image: PreparedImage,
  record: () => Promise<Result<T, ErrorCode>>,
): Promise<Result<T, ErrorCode>> {
  await deps.files.put(key, image.bytes, image.contentType);
  let outcome: Result<T, ErrorCode>;
  try {
    outcome = await record();
  } catch (error) {
    // The write's own error is the one to report: a cleanup that fails too would only leave
    // an unreferenced file behind, and must not hide why the write failed.
    await deps.files.delete(key).catch(() => undefined);
    throw error;
  }
  if (!outcome.ok) await deps.files.delete(key);
  return outcome;
}

/** Deletes the file of an image nothing refers to any more (replaced, removed, or its badge deleted). */
export async function deleteStoredImage(deps: CoreDeps, key: string | null): Promise<void> {
  if (key) await deps.files.delete(key);
}

/** A stored image for a public route to serve; undefined when there is no key or no file. */
export async function storedImage(
  deps: CoreDeps,
  key: string | null | undefined,
): Promise<StoredFile | undefined> {
  return key ? deps.files.get(key) : undefined;
}
