import type { UserActor } from '../authz/actor.ts';
import type { CoreDeps } from '../deps.ts';
import type { ImportedCredential } from '../entities.ts';
import type { ErrorCode } from '../errors.ts';
import type { StoredFile } from '../ports/file-store.ts';
import { err, ok, type Result } from '../result.ts';
import { storedImage } from '../stored-images.ts';
import { importedImageKey } from './images.ts';

// The imported half of a wallet, always scoped by its owner: another user's id looks missing.

const NOT_FOUND = 'Imported credential not found.';

/** The user's imported credentials, newest first. */
export function listImported(deps: CoreDeps, actor: UserActor): Promise<ImportedCredential[]> {
  return deps.uow.stores.importedCredentials.listForUser(actor.userId);
}

/** The credential's JSON exactly as it was imported, for its owner to download. */
export async function importedDocument(
  deps: CoreDeps,
  actor: UserActor,
  id: string,
): Promise<Result<string, ErrorCode>> {
  const { userId } = actor;
  const text = await deps.uow.stores.importedCredentials.findDocument(userId, id);
  return text === undefined ? err('NOT_FOUND', NOT_FOUND) : ok(text);
}

/** Takes it out of the wallet, and its picture out of storage once the row is gone. */
export async function removeImported(
  deps: CoreDeps,
  actor: UserActor,
  id: string,
): Promise<Result<void, ErrorCode>> {
  const { userId } = actor;
  const removed = await deps.uow.transaction((s) => s.importedCredentials.delete(userId, id));
  if (!removed) return err('NOT_FOUND', NOT_FOUND);
  if (removed.imagePath) await deps.files.delete(removed.imagePath);
  return ok(undefined);
}

/** An imported credential's picture by the image id of its public URL; public, like the profile that shows it. */
export function importedPicture(deps: CoreDeps, imageId: string): Promise<StoredFile | undefined> {
  return storedImage(deps, importedImageKey(imageId));
}
