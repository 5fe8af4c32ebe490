import { can } from '../../core/authz/permissions.ts';
import type { Role } from '../../core/authz/roles.ts';
import type { OrgSection } from '../components/index.ts';

/**
 * Organization sections whose pages do not exist yet; their tabs stay hidden until they do.
 * Every section is built now; pages that know the member's role hide more with `hiddenSections`.
 */
export const UNBUILT_SECTIONS: readonly OrgSection[] = [];

/** The tabs a member of `role` does not get: API keys are managed by owners only. */
export function hiddenSections(role: Role): readonly OrgSection[] {
  return can(role, 'api_keys.manage') ? UNBUILT_SECTIONS : [...UNBUILT_SECTIONS, 'api-keys'];
}
