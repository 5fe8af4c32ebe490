import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id; the enum is const and cannot be imported under verbatimModuleSyntax.
const ARGON2ID = 2;
import type { PasswordHasher } from '../core/ports/password-hasher.ts';

/** argon2id with the library's defaults (OWASP's 19 MiB, 2 passes). */
export const argon2Hasher: PasswordHasher = {
  hash: (password) => hash(password, { algorithm: ARGON2ID }),
  verify: async (stored, password) => {
    try {
      return await verify(stored, password);
    } catch {
      return false;
    }
  },
};
