import type { Permissions } from '../../core/authz/permissions.ts';
import type { OrgSection } from '../components/index.ts';

/** The tabs a member does not get: the API keys tab is for those who may manage them. */
export function hiddenSections(may: Permissions): readonly OrgSection[] {
  return may['api_keys.manage'] ? [] : ['api-keys'];
}
