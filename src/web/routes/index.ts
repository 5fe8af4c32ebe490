import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context.ts';
import { registerHtmx } from '../static-files.ts';
import { registerAccountSettingsRoutes } from './account-settings.tsx';
import { registerAccountRoutes } from './accounts.tsx';
import { registerAdminRoutes } from './admin.tsx';
import { registerApiKeyRoutes } from './api-keys.tsx';
import { registerBadgeDeleteRoutes } from './badge-delete.tsx';
import { registerBadgeFormRoutes } from './badge-form.tsx';
import { registerBadgeRoutes } from './badges.tsx';
import { registerCredentialRoutes } from './credentials.tsx';
import { registerDashboardRoutes } from './dashboard.tsx';
import { registerEmbed } from './embed.tsx';
import { registerErrorPages } from './error-pages.tsx';
import { registerInvitationRoutes } from './invitations.tsx';
import { registerOrganizationRoutes } from './organizations.tsx';
import { registerProfileRoutes } from './profiles.tsx';
import { registerPublicOrganizationRoutes } from './public-organizations.tsx';
import { registerSetupRoutes } from './setup.tsx';
import { registerTeamRoutes } from './team.tsx';
import { registerVerifyLookupRoutes } from './verify-lookup.tsx';
import { registerVerifyRoutes } from './verify.tsx';
import { registerWalletImportRoutes } from './wallet-import.tsx';

/** Every server-rendered page. Setup comes first: its hook sends an empty site to /setup. */
export function registerWebRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerSetupRoutes(app, ctx);
  registerHtmx(app);
  registerEmbed(app, ctx);
  registerAccountRoutes(app, ctx);
  registerAccountSettingsRoutes(app, ctx);
  registerDashboardRoutes(app, ctx);
  registerInvitationRoutes(app, ctx);
  registerOrganizationRoutes(app, ctx);
  registerTeamRoutes(app, ctx);
  registerBadgeRoutes(app, ctx);
  registerBadgeFormRoutes(app, ctx);
  registerBadgeDeleteRoutes(app, ctx);
  registerCredentialRoutes(app, ctx);
  registerPublicOrganizationRoutes(app, ctx);
  registerApiKeyRoutes(app, ctx);
  registerWalletImportRoutes(app, ctx);
  registerProfileRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  registerVerifyLookupRoutes(app, ctx);
  registerVerifyRoutes(app, ctx);
  registerErrorPages(app, ctx);
}
