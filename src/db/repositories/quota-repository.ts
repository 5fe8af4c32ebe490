import { normalizeEmail } from '../../core/email-address.ts';
import type { QuotaStore } from '../../core/ports/stores/quota.ts';
import type { DbOrTrx } from '../database.ts';
import { iso } from './mapping.ts';

export function createQuotaStore(db: DbOrTrx): QuotaStore {
  return {
    async countForMonth(organizationId, month) {
      const r = await db
        .selectFrom('quota_recipients')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('organization_id', '=', organizationId)
        .where('month', '=', month)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async hasRecipient(organizationId, month, email) {
      const r = await db
        .selectFrom('quota_recipients')
        .select('month')
        .where('organization_id', '=', organizationId)
        .where('month', '=', month)
        .where('email_normalized', '=', normalizeEmail(email))
        .executeTakeFirst();
      return r !== undefined;
    },
    async addRecipient(organizationId, month, email, now) {
      await db
        .insertInto('quota_recipients')
        .values({
          organization_id: organizationId,
          month,
          email_normalized: normalizeEmail(email),
          created_at: iso(now),
        })
        .onConflict((oc) =>
          oc.columns(['organization_id', 'month', 'email_normalized']).doNothing(),
        )
        .execute();
    },
  };
}
