import { randomUUID } from 'node:crypto';
import type { ImportedCredential } from '../entities.ts';

// An imported credential's picture is stored under a name of its own, chosen before the
// credential's row exists (the store picks the row's id), so the public image route serves
// it by that name without a database lookup: imported/{image id} ↔ /imported-images/{image id}.

const PREFIX = 'imported/';
const IMAGE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A fresh storage key for an imported credential's picture. */
export function newImportedImageKey(): string {
  return `${PREFIX}${randomUUID()}`;
}

/** The storage key of an image id from the public URL; undefined for anything we never made. */
export function importedImageKey(imageId: string): string | undefined {
  return IMAGE_ID.test(imageId) ? `${PREFIX}${imageId}` : undefined;
}

/** Where the public profile and the wallet show the picture: /imported-images/{image id}, or null without one. */
export function importedImagePath(c: Pick<ImportedCredential, 'imagePath'>): string | null {
  if (!c.imagePath?.startsWith(PREFIX)) return null;
  return `/imported-images/${c.imagePath.slice(PREFIX.length)}`;
}
