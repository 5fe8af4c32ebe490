import type { CoreDeps } from '../core/deps.ts';
import { createIssuerRecordsCache } from '../core/credentials/issuer-records-cache.ts';
import { localIssuerByDid, localStatusListByUrl } from '../core/credentials/local-sources.ts';
import { createLaurelDocuments } from '../vc/laurel-documents.ts';
import { createLaurelVerifier } from '../vc/laurel-verifier.ts';
import { createSafeFetchJson, type FetchJson } from '../vc/remote/safe-fetch.ts';

/**
 * Completes the core's dependencies with the credential engine. The verifier reads our own
 * issuers back through the use cases, so it is handed the finished deps lazily.
 */
export function withCredentialEngine(
  base: Omit<CoreDeps, 'documents' | 'verifier' | 'issuerRecords'>,
  opts: { fetchJson?: FetchJson } = {},
): CoreDeps {
  const deps: CoreDeps = {
    ...base,
    issuerRecords: createIssuerRecordsCache(),
    documents: createLaurelDocuments({ publicUrl: base.publicUrl, keyVault: base.keyVault }),
    verifier: createLaurelVerifier({
      publicUrl: base.publicUrl,
      clock: base.clock,
      local: {
        issuerByDid: (did, known) => localIssuerByDid(deps, did, known),
        statusListByUrl: (url, known) => localStatusListByUrl(deps, url, known),
      },
      fetchJson: opts.fetchJson ?? createSafeFetchJson(),
    }),
  };
  return deps;
}
