import type { ImportedCredential } from '../../entities.ts';

/** What an import stores: the facts read from the document, and the document's text as given. */
type NewImportedCredential = Omit<ImportedCredential, 'id' | 'importedAt'> & {
  document: string;
};

export interface ImportedCredentialsStore {
  /** undefined when this wallet already holds the same document. */
  create(c: NewImportedCredential, now: Date): Promise<ImportedCredential | undefined>;
  listForUser(userId: string): Promise<ImportedCredential[]>;
  /** Scoped by user: another user's id answers undefined. */
  find(userId: string, id: string): Promise<ImportedCredential | undefined>;
  findDocument(userId: string, id: string): Promise<string | undefined>;
  /** Every imported document of the user, oldest first, for the wallet export. */
  listDocuments(userId: string): Promise<string[]>;
  /** Removes it from the wallet; returns its image key (to delete) when it existed. */
  delete(userId: string, id: string): Promise<{ imagePath: string | null } | undefined>;
}
