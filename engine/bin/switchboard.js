#!/usr/bin/env node
// Switchboard runs its TypeScript sources directly through tsx's loader: one
// source of truth, no build step to forget, and the same code path in tests,
// development and production. Type checking is `pnpm typecheck`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
