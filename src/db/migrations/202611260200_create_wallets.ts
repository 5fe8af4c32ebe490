import type { Kysely } from 'kysely';

// Frozen in time: never edit after it has landed; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  // The recipient's public profile (/u/{slug}); slugs are stored lower-case, so unique is enough.
  await db.schema.alterTable('users').addColumn('profile_slug', 'text').execute();
  await db.schema.alterTable('users').addColumn('linkedin_url', 'text').execute();
  await db.schema.alterTable('users').addColumn('avatar_path', 'text').execute();
  await db.schema
    .createIndex('users_profile_slug_idx')
    .on('users')
    .column('profile_slug')
    .unique()
    .execute();

  // LinkedIn's add-to-profile link names the organization by its company id when it has one.
  await db.schema.alterTable('organizations').addColumn('linkedin_company_id', 'text').execute();

  // The recipient may leave a claimed public credential off their profile; it stays public at /verify.
  await db.schema
    .alterTable('credentials')
    .addColumn('hidden_from_profile', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('credentials_claimed_by_idx')
    .on('credentials')
    .column('claimed_by')
    .execute();

  // Other issuers' credentials a user brought into their wallet, verified before they were stored.
  await db.schema
    .createTable('imported_credentials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // The document exactly as it was handed to us: its proof covers these bytes' graph.
    .addColumn('document', 'text', (c) => c.notNull())
    // sha256 of the document's text: the same credential is imported once per wallet.
    .addColumn('document_digest', 'text', (c) => c.notNull())
    .addColumn('issuer_id', 'text', (c) => c.notNull())
    .addColumn('issuer_name', 'text', (c) => c.notNull())
    .addColumn('achievement_name', 'text', (c) => c.notNull())
    .addColumn('achievement_description', 'text')
    .addColumn('image_path', 'text')
    .addColumn('valid_from', 'text')
    .addColumn('valid_until', 'text')
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('imported_credentials_user_digest_idx')
    .on('imported_credentials')
    .columns(['user_id', 'document_digest'])
    .unique()
    .execute();

  // One row per verification of one of our credentials, for the issuer's analytics. Nothing
  // about the verifier is kept: no address, no user, no agent.
  await db.schema
    .createTable('verification_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('credential_id', 'text', (c) =>
      c.notNull().references('credentials.id').onDelete('cascade'),
    )
    .addColumn('organization_id', 'text', (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('verification_events_credential_idx')
    .on('verification_events')
    .column('credential_id')
    .execute();
  await db.schema
    .createIndex('verification_events_org_idx')
    .on('verification_events')
    .columns(['organization_id', 'occurred_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('verification_events').execute();
  await db.schema.dropTable('imported_credentials').execute();
  await db.schema.dropIndex('credentials_claimed_by_idx').execute();
  await db.schema.alterTable('credentials').dropColumn('hidden_from_profile').execute();
  await db.schema.alterTable('organizations').dropColumn('linkedin_company_id').execute();
  await db.schema.dropIndex('users_profile_slug_idx').execute();
  await db.schema.alterTable('users').dropColumn('avatar_path').execute();
  await db.schema.alterTable('users').dropColumn('linkedin_url').execute();
  await db.schema.alterTable('users').dropColumn('profile_slug').execute();
}
