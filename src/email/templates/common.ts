import { ROLE_LABELS, type Role } from '../../core/authz/roles.ts';
import { headerSafe } from '../header-safe.ts';

/** A person's or organization's name as it appears in a subject: one line, not too long. */
export function inSubject(name: string): string {
  return headerSafe(name, 60);
}

/** "an Admin", "a Viewer". */
export function withArticle(role: Role): string {
  const label = ROLE_LABELS[role];
  return /^[AEIOU]/.test(label) ? `an ${label}` : `a ${label}`;
}
