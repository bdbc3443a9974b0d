/**
 * What the fault proofs on the shared test Postgres (test/reliability/*-under-load.test.ts)
 * have in common: a schema of their own, a recording bridge, a reader of that schema and the
 * Switchboard processes they spawn, all torn down when the file ends, and the environment those
 * processes run with.
 */
import { afterAll, beforeAll } from 'vitest';
import { openReader, type Reader } from './conversation-load.ts';
import { startRecordingChannel, type RecordingChannel } from './recording-channel.ts';
import type { SwitchboardProcess } from './switchboard-process.ts';
import { createTestSchema, type TestSchema } from './test-database.ts';

/**
 * Longest an answer may wait after a process died: its job comes back by its heartbeat (10 s),
 * a monitor pass (10 s) and a retry's delay, about 22 s at worst, with room for a loaded
 * machine's late timers. Without heartbeats it was 15 minutes.
 */
export const ANSWER_DELAY_BOUND_MS = 40_000;

export interface SharedDatabaseProof {
  readonly schema: TestSchema;
  readonly channel: RecordingChannel;
  readonly db: Reader;
  /** Every process the proof spawns; each is killed when the file ends. */
  readonly processes: SwitchboardProcess[];
}

/** Registers the proof's set-up and tear-down; the fields are there once `beforeAll` has run. */
export function useSharedDatabaseProof(options: { readonly latencyMs: number }): SharedDatabaseProof {
  const proof = { processes: [] as SwitchboardProcess[] } as { schema: TestSchema; channel: RecordingChannel; db: Reader; processes: SwitchboardProcess[] };
  beforeAll(async () => {
    proof.schema = await createTestSchema();
    proof.channel = await startRecordingChannel({ latencyMs: options.latencyMs });
    proof.db = openReader(proof.schema.databaseUrl, proof.schema.schema);
  });
  afterAll(async () => {
    for (const entry of proof.processes) await entry.kill();
    await proof.channel?.close();
    await proof.db?.close();
    await proof.schema?.drop();
  });
  return proof;
}

/** The environment of a proof's Switchboard process, on the proof's schema, with `token` as its admin token. */
export function proofEnv(
  schema: TestSchema,
  token: string,
): {
  readonly DATABASE_URL: string;
  readonly SWITCHBOARD_SCHEMA: string;
  readonly SWITCHBOARD_ADMIN_TOKEN: string;
  readonly SWITCHBOARD_CHANNEL_SECRET: string;
} {
  return {
    DATABASE_URL: schema.databaseUrl,
    SWITCHBOARD_SCHEMA: schema.schema,
    SWITCHBOARD_ADMIN_TOKEN: token,
    SWITCHBOARD_CHANNEL_SECRET: `${token}-channel-secret`,
  };
}
