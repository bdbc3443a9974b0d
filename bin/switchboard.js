#!/usr/bin/env node
// Switchboard runs its TypeScript sources directly through tsx's loader: one
// source of truth, no build output to go stale, and the same code in tests,
// development and production. Type checking is `pnpm typecheck`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./switchboard.ts');
process.exitCode = await main(process.argv.slice(2));
