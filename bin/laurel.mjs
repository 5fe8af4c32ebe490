#!/usr/bin/env node
// Laurel's command line. Runs the TypeScript sources directly through tsx, so a clone needs
// no build step (see docs/adr/0001-run-typescript-with-tsx.md).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main/cli.ts');
process.exitCode = await main(process.argv.slice(2));
