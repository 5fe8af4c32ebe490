import type { Clock } from './clock.ts';
import type { CredentialDocuments } from './ports/credential-documents.ts';
import type { CredentialVerifier } from './ports/credential-verifier.ts';
import type { EmailComposer } from './ports/email-composer.ts';
import type { KeyVault } from './ports/key-vault.ts';
import type { PasswordHasher } from './ports/password-hasher.ts';
import type { UnitOfWork } from './ports/unit-of-work.ts';
import type { FileStore } from './ports/file-store.ts';
import type { ImageProcessor } from './ports/image-processor.ts';
import type { VerificationLog } from './ports/verification-log.ts';
import type { IssuerRecordsCache } from './credentials/issuer-records-cache.ts';

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
  /** This process's copies of our issuers' keys and signed status lists, checked before each use. */
  issuerRecords: IssuerRecordsCache;
  /** Uploaded images and imported pictures; only use cases write to it. */
  files: FileStore;
  /** Checks uploaded images and makes them safe to publish. */
  images: ImageProcessor;
  /** Counts verifications for the issuers' analytics, written in batches off the request's path. */
  verificationLog: VerificationLog;
  /** Absolute base for links in emails, e.g. https://laurel.example.org */
  publicUrl: string;
}
