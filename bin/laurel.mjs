#!/usr/bin/env node
// Laurel's command line. Runs the TypeScript sources directly through tsx, so a clone needs
// no build step (see docs/adr/0001-run-typescript-with-tsx.md).
import { register } from 'tsx/esm/api';

// React renders pages several times slower in its development build, which it picks unless
// told otherwise; an operator who wants it sets NODE_ENV themselves.
process.env.NODE_ENV ??= 'production';

register();
const { main } = await import('../src/main/cli.ts');
process.exitCode = await main(process.argv.slice(2));
