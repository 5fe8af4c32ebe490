import { randomUUID } from 'node:crypto';
import type { VerificationEventsStore } from '../../core/ports/stores/verification-events.ts';
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
    async countForCredentials(organizationId, credentialIds) {
      if (credentialIds.length === 0) return new Map();
      // One query for a whole page of the credentials list.
      const rows = await db
        .selectFrom('verification_events')
        .select((eb) => ['credential_id', eb.fn.countAll<string | number>().as('n')])
        .where('organization_id', '=', organizationId)
        .where('credential_id', 'in', credentialIds)
        .groupBy('credential_id')
        .execute();
      return new Map(rows.map((r) => [r.credential_id, Number(r.n)]));
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
