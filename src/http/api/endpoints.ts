import { getBadgeEndpoint } from './badges/get.ts';
import { listBadgesEndpoint } from './badges/list.ts';
import type { ApiEndpoint } from './endpoint.ts';

/** Every v1 endpoint, in the order the OpenAPI document and the reference page list them. */
export const API_ENDPOINTS: readonly ApiEndpoint[] = [listBadgesEndpoint, getBadgeEndpoint];
