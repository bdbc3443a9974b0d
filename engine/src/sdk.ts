/**
 * `@switchboard/engine/sdk`: the node SDK, `@switchboard/sdk`, as the engine
 * re-exports it, with the engine's error catalogue registered (./errors.ts) so
 * engine codes type-check and answer with their status. A node package depends
 * on `@switchboard/sdk` alone.
 */
import './errors.ts';

// The whole SDK and nothing else: a package's public surface, not an internal folder, so a
// second hand-kept list here could only fall behind the SDK's own index.
export * from '@switchboard/sdk';
