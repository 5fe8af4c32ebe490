import type { Clock } from './clock.ts';
import type { CredentialDocuments } from './ports/credential-documents.ts';
import type { CredentialVerifier } from './ports/credential-verifier.ts';
import type { EmailComposer } from './ports/email-composer.ts';
import type { KeyVault } from './ports/key-vault.ts';
import type { PasswordHasher } from './ports/password-hasher.ts';
import type { UnitOfWork } from './ports/unit-of-work.ts';

/** What every use case is given by the composition root. */
export interface CoreDeps {
  uow: UnitOfWork;
  clock: Clock;
  hasher: PasswordHasher;
  keyVault: KeyVault;
  emails: EmailComposer;
  /** Builds and signs credentials and status lists. */
  documents: CredentialDocuments;
  /** The one verification function (it reads our own issuers back through the use cases). */
  verifier: CredentialVerifier;
  /** Absolute base for links in emails, e.g. https://laurel.example.org */
  publicUrl: string;
}
