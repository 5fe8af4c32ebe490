import type { StatusList } from '../../entities.ts';

export interface StatusListsStore {
  /** The newest list of an organization that still has room, if any. */
  findOpen(organizationId: string): Promise<StatusList | undefined>;
  findByNumber(organizationId: string, listNumber: number): Promise<StatusList | undefined>;
  /** Opens list number max+1. Hold the organization's status-list lock around it. */
  open(
    l: { organizationId: string; length: number; capacity: number },
    now: Date,
  ): Promise<StatusList>;
  /** Takes one slot of the list's capacity; false when it is full. */
  takeSlot(id: string): Promise<boolean>;
  /** Records `index` as handed out; false when it already was. */
  reserveIndex(id: string, index: number, now: Date): Promise<boolean>;
  /**
   * Marks the signed copy stale: call in the transaction that changes a bit, with the time
   * of that change. The version and its time move in one statement, and the time never moves
   * back: a later version of a list never claims to be valid from earlier than the one before.
   */
  bumpVersion(id: string, now: Date): Promise<void>;
  bumpAllVersions(organizationId: string, now: Date): Promise<void>;
  /** The current version, when it came about, and the signed copy (of `signedVersion`). */
  findSigned(id: string): Promise<
    | {
        version: number;
        versionChangedAt: Date;
        signedVersion: number | null;
        document: string | null;
      }
    | undefined
  >;
  /** Stores a signed copy of `version` unless a copy at least as new is there. */
  saveSigned(id: string, version: number, document: string): Promise<void>;
}
