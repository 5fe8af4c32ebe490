import { getCredential } from '../../core/credentials/queries.ts';
import type { RecipientCheck } from '../../core/credentials/recipient-check.ts';
import type { Actor } from '../../core/authz/actor.ts';
import type { AppContext } from '../../http/context.ts';

export type OrgParams = { Params: { orgId: string } };
export type CredentialParams = { Params: { orgId: string; credentialId: string } };

/** What the credential routes share: CRD- ids looked up through the use cases. */
export function credentialRouteHelpers(ctx: AppContext) {
  const { deps } = ctx;

  /** CRD- ids by credential UUID, looked up once each through the use case. */
  async function shortIds(
    actor: Actor,
    orgId: string,
    ids: (string | null)[],
  ): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((id): id is string => id !== null))];
    const found = await Promise.all(unique.map((id) => getCredential(deps, actor, orgId, id)));
    const out = new Map<string, string>();
    for (const r of found) if (r.ok) out.set(r.value.credential.id, r.value.credential.shortId);
    return out;
  }

  /** The CRD- id of the earlier credential a recipient check found, if it found one. */
  async function priorShortId(
    actor: Actor,
    orgId: string,
    check: RecipientCheck,
  ): Promise<string | undefined> {
    const id = check.priorCredentialId;
    return id ? (await shortIds(actor, orgId, [id])).get(id) : undefined;
  }

  return { shortIds, priorShortId };
}
