import type { FastifyInstance } from 'fastify';
import { buildHttpApp } from '../http/app.ts';
import type { ApiOptions } from '../http/api/index.ts';
import type { AppContext } from '../http/context.ts';
import { renderApiReference } from '../web/pages/api-reference-page.tsx';
import { registerWebRoutes } from '../web/routes/index.ts';
import { WEB_ASSETS_DIR } from '../web/static-files.ts';

export interface AppOptions {
  /** The v1 API's rate limits and (in tests) extra endpoints. */
  api?: ApiOptions | undefined;
}

/**
 * The whole Fastify app: http's plugins, API and public documents, then the web's pages. Built
 * here so that http never imports web: the web is handed to it as its assets and its API page.
 */
export async function buildApp(
  ctx: AppContext,
  options: AppOptions = {},
): Promise<FastifyInstance> {
  const app = await buildHttpApp(ctx, {
    api: options.api,
    assetsDir: WEB_ASSETS_DIR,
    apiReferencePage: renderApiReference,
  });
  registerWebRoutes(app, ctx);
  return app;
}
