import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { asset } from './components/assets.ts';

const require = createRequire(import.meta.url);

/** The stylesheet, icons and logos the pages link under ASSET_BASE; the composition root has http serve it. */
export const WEB_ASSETS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');

/** htmx is served from its package rather than a copy in assets/, so updating the package updates it. */
export function registerHtmx(app: FastifyInstance): void {
  app.get(asset.htmx, (_request, reply) =>
    reply
      .header('cache-control', 'public, max-age=86400')
      .sendFile('htmx.min.js', path.dirname(require.resolve('htmx.org/dist/htmx.min.js'))),
  );
}
