import { randomUUID } from 'node:crypto';
import type { VerificationEventsStore } from '../../core/ports/stores/verification-events.ts';
import type { DbOrTrx } from '../database.ts';
import { iso } from './mapping.ts';

// Five values a row: 5,000 rows stay under SQLite's 32,766 bound parameters (PostgreSQL allows 65,535).
const ROWS_PER_STATEMENT = 5000;

export function createVerificationEventsStore(db: DbOrTrx): VerificationEventsStore {
  return {
    async recordAll(events) {
      for (let i = 0; i < events.length; i += ROWS_PER_STATEMENT) {
        await db
          .insertInto('verification_events')
          .values(
            events.slice(i, i + ROWS_PER_STATEMENT).map((e) => ({
              id: randomUUID(),
              credential_id: e.credentialId,
              organization_id: e.organizationId,
              channel: e.channel,
              occurred_at: iso(e.occurredAt),
            })),
          )
          .execute();
      }
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
