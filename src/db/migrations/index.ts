import type { Migration, MigrationProvider } from 'kysely';
import * as m202611252145 from './202611252145_create_accounts.ts';
import * as m202611252150 from './202611252150_create_organizations.ts';
import * as m202611252155 from './202611252155_create_email_outbox.ts';
import * as m202611252300 from './202611252300_create_signing_keys.ts';
import * as m202611260010 from './202611260010_create_credentials.ts';
import * as m202611260100 from './202611260100_create_issuing.ts';
import * as m202611260200 from './202611260200_create_wallets.ts';
import * as m202612070100 from './202612070100_status_list_version_time.ts';
import * as m202612072140 from './202612072140_normalise_signed_text.ts';

/** Every migration, by name; listed by hand so they ship inside any bundle and run in order. */
export const migrations: Record<string, Migration> = {
  '202611252145_create_accounts': m202611252145,
  '202611252150_create_organizations': m202611252150,
  '202611252155_create_email_outbox': m202611252155,
  '202611252300_create_signing_keys': m202611252300,
  '202611260010_create_credentials': m202611260010,
  '202611260100_create_issuing': m202611260100,
  '202611260200_create_wallets': m202611260200,
  '202612070100_status_list_version_time': m202612070100,
  '202612072140_normalise_signed_text': m202612072140,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
