import type { CoreDeps } from '../deps.ts';
import type { ImportedCredential, WalletCredential } from '../entities.ts';
import type { ErrorCode } from '../errors.ts';
import { err, ok, type Result } from '../result.ts';
import { issuerDid } from '../signing-keys/issuer-did.ts';

/** What /u/{slug} shows: never the email address, never a private credential. */
export interface PublicProfile {
  person: {
    id: string;
    firstName: string;
    lastName: string;
    profileSlug: string;
    linkedinUrl: string | null;
    /** The stored avatar's key (served at /avatars/{id}); null shows initials. */
    avatarPath: string | null;
  };
  /** Claimed, public and not hidden by their owner. */
  credentials: WalletCredential[];
  imported: ImportedCredential[];
  stats: { credentials: number; issuers: number };
  /** The viewer is the profile's owner: the page offers Edit profile and Export. */
  isOwner: boolean;
}

/** Whether a claimed credential belongs on the public profile. */
function shownOnProfile(c: WalletCredential): boolean {
  return c.isPublic && !c.hiddenFromProfile;
}

export async function getPublicProfile(
  deps: CoreDeps,
  slug: string,
  viewerUserId: string | null,
): Promise<Result<PublicProfile, ErrorCode>> {
  const s = deps.uow.stores;
  const user = await s.users.findByProfileSlug(slug.trim().toLowerCase());
  if (!user?.profileSlug) return err('NOT_FOUND', 'There is no profile at this address.');
  const [claimed, imported] = await Promise.all([
    s.credentials.listClaimedBy(user.id),
    s.importedCredentials.listForUser(user.id),
  ]);
  // The owner sees exactly what everyone sees: private ones are on their dashboard only.
  const credentials = claimed.filter(shownOnProfile);
  // Our own issuers are counted by their DID, so one imported from here is not a second issuer.
  const issuers = new Set([
    ...credentials.map((c) => issuerDid(deps.publicUrl, c.organizationSlug)),
    ...imported.map((c) => c.issuerId),
  ]);
  return ok({
    person: {
      id: user.id,
      firstName: user.firstName,
      lastName: user.lastName,
      profileSlug: user.profileSlug,
      linkedinUrl: user.linkedinUrl,
      avatarPath: user.avatarPath,
    },
    credentials,
    imported,
    stats: { credentials: credentials.length + imported.length, issuers: issuers.size },
    isOwner: viewerUserId === user.id,
  });
}
