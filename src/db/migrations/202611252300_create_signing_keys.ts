import { sql, type Kysely } from 'kysely';

// Frozen in time: never edit after it has landed; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('signing_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    /** The fragment of the verification method in the DID document: key-1, key-2, … */
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('public_key_multibase', 'text', (c) => c.notNull())
    /** AES-256-GCM under the master key, bound to organization and key id; never the bare key. */
    .addColumn('sealed_private_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .addColumn('revoked_at', 'text')
    .addUniqueConstraint('signing_keys_org_key_unique', ['organization_id', 'key_id'])
    .execute();
  // One active key per organization, whatever races the application loses.
  await db.schema
    .createIndex('signing_keys_one_active_idx')
    .on('signing_keys')
    .column('organization_id')
    .unique()
    .where(sql.ref('status'), '=', 'active')
    .execute();

  // Facts about the installation, such as the check value that tells a wrong master key at start.
  await db.schema
    .createTable('installation')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('installation').execute();
  await db.schema.dropTable('signing_keys').execute();
}
