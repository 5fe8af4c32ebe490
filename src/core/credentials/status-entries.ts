// Revocation entries in per-organization Bitstring status lists (W3C Bitstring Status
// List v1.0). Indexes are drawn at random so a list's position says nothing about when a
// credential was issued, and every index handed out is recorded so none is ever reused,
// not even one whose issue failed after it was drawn.
import { randomInt } from 'node:crypto';
import type { CoreDeps } from '../deps.ts';
import type { Credential, StatusList } from '../entities.ts';
import type { Stores } from '../ports/unit-of-work.ts';

/** The spec's minimum length: every list is at least this long. */
const STATUS_LIST_LENGTH = 131_072;
/**
 * A list is closed once half its indexes are handed out: random draws then rarely collide,
 * and each list keeps a large crowd of unused entries for herd privacy.
 */
export const STATUS_LIST_CAPACITY = STATUS_LIST_LENGTH / 2;

export interface StatusEntry {
  list: StatusList;
  index: number;
}

/**
 * Draws a fresh revocation entry for a credential the organization is about to sign. Runs
 * in its own short transaction, before signing, so no lock is held while a proof is made.
 */
export async function allocateStatusEntry(
  deps: CoreDeps,
  organizationId: string,
): Promise<StatusEntry> {
  const now = deps.clock.now();
  return deps.uow.transaction(async (s) => {
    await s.locks.hold(`status-lists:${organizationId}`);
    let list = await s.statusLists.findOpen(organizationId);
    if (!list || !(await s.statusLists.takeSlot(list.id))) {
      list = await s.statusLists.open(
        { organizationId, length: STATUS_LIST_LENGTH, capacity: STATUS_LIST_CAPACITY },
        now,
      );
      if (!(await s.statusLists.takeSlot(list.id)))
        throw new Error('a new status list has no free slot');
    }
    // At most half the list is taken, so each draw succeeds with probability >= 1/2.
    for (;;) {
      const index = randomInt(list.length);
      if (await s.statusLists.reserveIndex(list.id, index, now)) return { list, index };
    }
  });
}

/**
 * Records a revocation and sets the credential's status bit, in the caller's transaction:
 * the bit is the revocation, and the list's version bump makes its signed copy stale so
 * the next fetch re-signs it. Final: a revoked credential stays revoked. False when the
 * credential was revoked already.
 */
export async function recordRevocation(
  s: Stores,
  credential: Pick<Credential, 'id' | 'statusListId'>,
  r: { reason: string; revokedBy: string | null },
  now: Date,
): Promise<boolean> {
  const revoked = await s.credentials.markRevoked(credential.id, r, now);
  if (revoked) await s.statusLists.bumpVersion(credential.statusListId, now);
  return revoked;
}
