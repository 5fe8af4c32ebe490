import { createHash, randomUUID } from 'node:crypto';
import type { ImportedCredential } from '../../core/entities.ts';
import type { ImportedCredentialsStore } from '../../core/ports/stores/imported-credentials.ts';
import type { DbOrTrx } from '../database.ts';
import type { ImportedCredentialsTable } from '../schema.ts';
import { date, dateOrNull, iso } from './mapping.ts';

// Everything but the document, which only the export and the download read.
const COLUMNS = [
  'id',
  'user_id',
  'issuer_id',
  'issuer_name',
  'achievement_name',
  'achievement_description',
  'image_path',
  'valid_from',
  'valid_until',
  'imported_at',
] as const;

function toImported(
  r: Pick<ImportedCredentialsTable, (typeof COLUMNS)[number]>,
): ImportedCredential {
  return {
    id: r.id,
    userId: r.user_id,
    issuerId: r.issuer_id,
    issuerName: r.issuer_name,
    achievementName: r.achievement_name,
    achievementDescription: r.achievement_description,
    imagePath: r.image_path,
    validFrom: dateOrNull(r.valid_from),
    validUntil: dateOrNull(r.valid_until),
    importedAt: date(r.imported_at),
  };
}

export function createImportedCredentialsStore(db: DbOrTrx): ImportedCredentialsStore {
  return {
    async create(c, now) {
      const row: ImportedCredentialsTable = {
        id: randomUUID(),
        user_id: c.userId,
        document: c.document,
        document_digest: createHash('sha256').update(c.document).digest('hex'),
        issuer_id: c.issuerId,
        issuer_name: c.issuerName,
        achievement_name: c.achievementName,
        achievement_description: c.achievementDescription,
        image_path: c.imagePath,
        valid_from: c.validFrom && iso(c.validFrom),
        valid_until: c.validUntil && iso(c.validUntil),
        imported_at: iso(now),
      };
      // The unique (user, digest) index makes a second import of the same document a no-op.
      const r = await db
        .insertInto('imported_credentials')
        .values(row)
        .onConflict((oc) => oc.columns(['user_id', 'document_digest']).doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) === 1 ? toImported(row) : undefined;
    },
    async listForUser(userId) {
      const rows = await db
        .selectFrom('imported_credentials')
        .select(COLUMNS)
        .where('user_id', '=', userId)
        .orderBy('imported_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toImported);
    },
    async find(userId, id) {
      const r = await db
        .selectFrom('imported_credentials')
        .select(COLUMNS)
        .where('user_id', '=', userId)
        .where('id', '=', id)
        .executeTakeFirst();
      return r && toImported(r);
    },
    async findDocument(userId, id) {
      const r = await db
        .selectFrom('imported_credentials')
        .select('document')
        .where('user_id', '=', userId)
        .where('id', '=', id)
        .executeTakeFirst();
      return r?.document;
    },
    async listDocuments(userId) {
      const rows = await db
        .selectFrom('imported_credentials')
        .select('document')
        .where('user_id', '=', userId)
        .orderBy('imported_at')
        .orderBy('id')
        .execute();
      return rows.map((r) => r.document);
    },
    async delete(userId, id) {
      const r = await db
        .deleteFrom('imported_credentials')
        .where('user_id', '=', userId)
        .where('id', '=', id)
        .returning('image_path')
        .executeTakeFirst();
      return r && { imagePath: r.image_path };
    },
  };
}
