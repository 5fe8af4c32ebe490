import { createBadgeEndpoint } from './badges/create.ts';
import { deleteBadgeEndpoint } from './badges/delete.ts';
import { getBadgeEndpoint } from './badges/get.ts';
import { listBadgesEndpoint } from './badges/list.ts';
import { updateBadgeEndpoint } from './badges/update.ts';
import { checkRecipientEndpoint } from './credentials/check.ts';
import { issueCredentialEndpoint } from './credentials/create.ts';
import { getCredentialEndpoint } from './credentials/get.ts';
import { listCredentialsEndpoint } from './credentials/list.ts';
import { resendCredentialEndpoint } from './credentials/resend.ts';
import { revokeCredentialEndpoint } from './credentials/revoke.ts';
import type { ApiEndpoint } from './endpoint.ts';

/** Every v1 endpoint, in the order the OpenAPI document and the reference page list them. */
export const API_ENDPOINTS: readonly ApiEndpoint[] = [
  listBadgesEndpoint,
  getBadgeEndpoint,
  createBadgeEndpoint,
  updateBadgeEndpoint,
  deleteBadgeEndpoint,
  issueCredentialEndpoint,
  listCredentialsEndpoint,
  checkRecipientEndpoint,
  getCredentialEndpoint,
  revokeCredentialEndpoint,
  resendCredentialEndpoint,
];
