import { sql, type Kysely } from 'kysely';

// Frozen in time: never edit after it has landed; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  // The credential's most recent email (issuance, renewal or resend), for its delivery state and the resend cooldown.
  await db.schema.alterTable('credentials').addColumn('email_outbox_id', 'text').execute();
  // One chain head per badge and recipient: every issue supersedes the head before it, so two
  // simultaneous issues can never both become current, whatever races the application loses.
  await db.schema
    .createIndex('credentials_one_head_idx')
    .on('credentials')
    .columns(['badge_id', 'recipient_email_normalized'])
    .unique()
    .where(sql.ref('superseded_by_credential_id'), 'is', null)
    .execute();

  // The monthly quota: each recipient counts once per organization per calendar month (UTC).
  await db.schema
    .createTable('quota_recipients')
    .addColumn('organization_id', 'text', (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    /** YYYY-MM in UTC. */
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('email_normalized', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('quota_recipients_pk', [
      'organization_id',
      'month',
      'email_normalized',
    ])
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    /** SHA-256 of the whole key: what a request is looked up by. The key itself is never stored. */
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    /** What the list shows: the first characters and the last four. */
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('last4', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createIndex('api_keys_org_idx')
    .on('api_keys')
    .column('organization_id')
    .execute();

  // Idempotency-Key on API POSTs: the first response is kept and replayed for the same key.
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('api_key_id', 'text', (c) =>
      c.notNull().references('api_keys.id').onDelete('cascade'),
    )
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('response_status', 'integer')
    .addColumn('response_body', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['api_key_id', 'idempotency_key'])
    .execute();

  // Fixed-window request counters shared by every instance (API rate limits).
  await db.schema
    .createTable('rate_limit_windows')
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limit_windows_pk', ['bucket', 'window_start'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limit_windows').execute();
  await db.schema.dropTable('idempotency_keys').execute();
  await db.schema.dropTable('api_keys').execute();
  await db.schema.dropTable('quota_recipients').execute();
  await db.schema.dropIndex('credentials_one_head_idx').execute();
  await db.schema.alterTable('credentials').dropColumn('email_outbox_id').execute();
}
