import { randomUUID } from 'node:crypto';
import type { VerificationEventsStore } from '../../core/ports.ts';
import type { DbOrTrx } from '../database.ts';
import { iso } from './mapping.ts';

export function createVerificationEventsStore(db: DbOrTrx): VerificationEventsStore {
  return {
    async record(e, now) {
      await db
        .insertInto('verification_events')
        .values({
          id: randomUUID(),
          credential_id: e.credentialId,
          organization_id: e.organizationId,
          channel: e.channel,
          occurred_at: iso(now),
        })
        .execute();
    },
    async countForCredential(credentialId) {
      const r = await db
        .selectFrom('verification_events')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('credential_id', '=', credentialId)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async countForOrganization(organizationId, since) {
      const r = await db
        .selectFrom('verification_events')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('organization_id', '=', organizationId)
        .where('occurred_at', '>=', iso(since))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
