import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/context.ts';
import { registerAccountSettingsRoutes } from './account-settings.tsx';
import { registerAccountRoutes } from './accounts.tsx';
import { registerAdminRoutes } from './admin.tsx';
import { registerApiKeyRoutes } from './api-keys.tsx';
import { registerBadgeRoutes } from './badges.tsx';
import { registerCredentialRoutes } from './credentials.tsx';
import { registerDashboardRoutes } from './dashboard.tsx';
import { registerErrorPages } from './error-pages.tsx';
import { registerInvitationRoutes } from './invitations.tsx';
import { registerOrganizationRoutes } from './organizations.tsx';
import { registerSetupRoutes } from './setup.tsx';
import { registerTeamRoutes } from './team.tsx';

/** Every server-rendered page. Setup comes first: its hook sends an empty site to /setup. */
export function registerWebRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerSetupRoutes(app, ctx);
  registerAccountRoutes(app, ctx);
  registerAccountSettingsRoutes(app, ctx);
  registerDashboardRoutes(app, ctx);
  registerInvitationRoutes(app, ctx);
  registerOrganizationRoutes(app, ctx);
  registerTeamRoutes(app, ctx);
  registerBadgeRoutes(app, ctx);
  registerCredentialRoutes(app, ctx);
  registerApiKeyRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  registerErrorPages(app, ctx);
}
