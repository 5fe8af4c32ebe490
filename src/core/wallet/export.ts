import type { UserActor } from '../authz/actor.ts';
import type { CoreDeps } from '../deps.ts';

/**
 * A W3C VC 2.0 Verifiable Presentation of a whole wallet. It is not signed: a holder has no
 * key in Laurel to sign it with, and it needs none to be useful, since every credential in
 * it carries its issuer's own proof and verifies on its own. No `holder` is named, for the
 * same reason: nothing in the presentation would back the claim.
 */
export interface WalletPresentation {
  '@context': ['https://www.w3.org/ns/credentials/v2'];
  type: ['VerifiablePresentation'];
  verifiableCredential: unknown[];
}

/**
 * Everything in the user's wallet, for the user alone: each credential they claimed (private
 * and hidden ones too) as the signed document exactly as issued, then each imported one as it
 * was imported.
 */
export async function exportWallet(deps: CoreDeps, actor: UserActor): Promise<WalletPresentation> {
  const { userId } = actor;
  const s = deps.uow.stores;
  const claimed = await s.credentials.listClaimedBy(userId);
  const issued = await Promise.all(
    claimed.map(async (c) => {
      const text = await s.credentials.findDocument(c.id);
      // Every stored credential has its document; a gap is a bug, not something to leave out quietly.
      if (text === undefined) throw new Error(`credential ${c.id} has no document`);
      return JSON.parse(text) as unknown;
    }),
  );
  const imported = (await s.importedCredentials.listDocuments(userId)).map(
    (text) => JSON.parse(text) as unknown,
  );
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiablePresentation'],
    verifiableCredential: [...issued, ...imported],
  };
}
