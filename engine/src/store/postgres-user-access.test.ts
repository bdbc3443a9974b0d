import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allowPostgresUserIn, postgresUserAccessHint } from './postgres-user-access.ts';

const ownEntries = ['postgres', 'admin-token', 'running-instance.json'];
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'switchboard-access-'));
});
afterEach(async () => {
  await chmod(dir, 0o700);
  await rm(dir, { recursive: true, force: true });
});

const modeOf = async (file: string): Promise<number> => (await stat(file)).mode & 0o777;

describe('allowPostgresUserIn', () => {
  it('gives others search permission only on a 0700 folder that is empty, as mktemp -d makes it', async () => {
    expect(await modeOf(dir)).toBe(0o700);
    expect(await allowPostgresUserIn(dir, { ownEntries })).toBe(true);
    expect(await modeOf(dir)).toBe(0o701);
  });

  it("opens a folder that holds only Switchboard's own entries", async () => {
    await mkdir(path.join(dir, 'postgres'));
    await writeFile(path.join(dir, 'admin-token'), 'sb_x\n', { mode: 0o600 });
    expect(await allowPostgresUserIn(dir, { ownEntries })).toBe(true);
    expect(await modeOf(dir)).toBe(0o701);
  });

  it('leaves a folder that holds anything else as it is, since opening it could expose that', async () => {
    await writeFile(path.join(dir, 'notes.txt'), 'private\n', { mode: 0o644 });
    expect(await allowPostgresUserIn(dir, { ownEntries })).toBe(false);
    expect(await modeOf(dir)).toBe(0o700);
  });

  it('changes nothing on a folder others can already search, or one that does not exist yet', async () => {
    await chmod(dir, 0o750 | 0o001);
    expect(await allowPostgresUserIn(dir, { ownEntries })).toBe(false);
    expect(await modeOf(dir)).toBe(0o751);
    expect(await allowPostgresUserIn(path.join(dir, 'missing'), { ownEntries })).toBe(false);
  });
});

describe('postgresUserAccessHint', () => {
  it('names each folder on the way that others cannot search, with its mode and what to do', async () => {
    const cluster = path.join(dir, 'data', 'postgres');
    await mkdir(cluster, { recursive: true });
    const hint = await postgresUserAccessHint([cluster]);
    expect(hint).toContain(`cannot enter ${dir} (mode 0700)`);
    expect(hint).toContain('chmod o+x');
    expect(hint).toContain('DATABASE_URL');
  });

  it('is empty when every folder on the way is searchable', async () => {
    await chmod(dir, 0o711);
    expect(await postgresUserAccessHint([path.join(dir, 'postgres')])).toBe('');
  });
});
