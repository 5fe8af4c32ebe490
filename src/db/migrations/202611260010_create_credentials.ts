import { sql, type Kysely } from 'kysely';

// Frozen in time: never edit after it has landed; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('badges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('criteria', 'text', (c) => c.notNull())
    .addColumn('external_url', 'text')
    /** A key in file storage, not a URL: the public URL is derived, so moving hosts breaks nothing. */
    .addColumn('image_path', 'text')
    .addColumn('expires_in_days', 'integer')
    /** The skills, as a JSON array of strings. */
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('is_active', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('badges_org_slug_unique', ['organization_id', 'slug'])
    .execute();

  // One signed BitstringStatusListCredential per row. The bits are not stored: a bit is set
  // exactly when the credential holding that index is revoked, so the list is derived from
  // the credentials and `version` tells when the signed copy is stale.
  await db.schema
    .createTable('status_lists')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    /** 1, 2, …: the list's public URL is /issuers/{slug}/status/{list_number}. */
    .addColumn('list_number', 'integer', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('length', 'integer', (c) => c.notNull())
    /** Indexes handed out so far, and how many may be: a list closes before it is dense. */
    .addColumn('allocated', 'integer', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    /** Bumped in the transaction that changes a bit. */
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('signed_version', 'integer')
    .addColumn('signed_document', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('status_lists_org_number_unique', ['organization_id', 'list_number'])
    .execute();

  // Every index ever handed out, so none is reused, even when the issue it was for failed.
  await db.schema
    .createTable('status_list_entries')
    .addColumn('status_list_id', 'text', (c) =>
      c.notNull().references('status_lists.id').onDelete('cascade'),
    )
    .addColumn('status_index', 'integer', (c) => c.notNull())
    .addColumn('allocated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('status_list_entries_pk', ['status_list_id', 'status_index'])
    .execute();

  await db.schema
    .createTable('credentials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    /** CRD- and eight uppercase letters or digits: what people type and print. */
    .addColumn('short_id', 'text', (c) => c.notNull().unique())
    .addColumn('organization_id', 'text', (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('badge_id', 'text', (c) => c.notNull().references('badges.id'))
    .addColumn('recipient_name', 'text', (c) => c.notNull())
    .addColumn('recipient_email', 'text', (c) => c.notNull())
    /** Trimmed and lower-cased: what the recipient check and claiming compare. */
    .addColumn('recipient_email_normalized', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('is_public', 'integer', (c) => c.notNull())
    .addColumn('evidence_url', 'text')
    .addColumn('claimed_at', 'text')
    .addColumn('claimed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('revoked_at', 'text')
    .addColumn('revocation_reason', 'text')
    .addColumn('revoked_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('supersedes_credential_id', 'text')
    .addColumn('superseded_by_credential_id', 'text')
    .addColumn('signing_key_id', 'text', (c) => c.notNull().references('signing_keys.id'))
    .addColumn('status_list_id', 'text', (c) => c.notNull().references('status_lists.id'))
    .addColumn('status_list_index', 'integer', (c) => c.notNull())
    /** The signed OB 3.0 document exactly as issued; served byte for byte, never rebuilt. */
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('credentials_status_entry_unique', ['status_list_id', 'status_list_index'])
    .execute();
  await db.schema
    .createIndex('credentials_org_issued_idx')
    .on('credentials')
    .columns(['organization_id', 'issued_at'])
    .execute();
  await db.schema
    .createIndex('credentials_badge_recipient_idx')
    .on('credentials')
    .columns(['badge_id', 'recipient_email_normalized', 'issued_at'])
    .execute();
  await db.schema
    .createIndex('credentials_recipient_idx')
    .on('credentials')
    .column('recipient_email_normalized')
    .execute();
  await db.schema
    .createIndex('credentials_signing_key_idx')
    .on('credentials')
    .column('signing_key_id')
    .execute();
  await db.schema
    .createIndex('credentials_revoked_in_list_idx')
    .on('credentials')
    .columns(['status_list_id', 'status_list_index'])
    .where(sql.ref('revoked_at'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('credentials').execute();
  await db.schema.dropTable('status_list_entries').execute();
  await db.schema.dropTable('status_lists').execute();
  await db.schema.dropTable('badges').execute();
}
