import type { Clock } from './clock.ts';
import type { EmailComposer, KeyVault, PasswordHasher, UnitOfWork } from './ports.ts';

/** What every use case is given by the composition root. */
export interface CoreDeps {
  uow: UnitOfWork;
  clock: Clock;
  hasher: PasswordHasher;
  keyVault: KeyVault;
  emails: EmailComposer;
  /** Absolute base for links in emails, e.g. https://laurel.example.org */
  publicUrl: string;
}
