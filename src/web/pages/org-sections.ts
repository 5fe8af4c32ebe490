import { can } from '../../core/authz/permissions.ts';
import type { Role } from '../../core/authz/roles.ts';
import type { OrgSection } from '../components/index.ts';

/** The tabs a member of `role` does not get: API keys are managed by owners only. */
export function hiddenSections(role: Role): readonly OrgSection[] {
  return can(role, 'api_keys.manage') ? [] : ['api-keys'];
}
