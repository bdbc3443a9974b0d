import { describe, expect, it } from 'vitest';
import { defineNode, Type } from './sdk.ts';
import { runNodeStep } from './testing.ts';

const sign = defineNode({
  type: 'acme.sign',
  title: 'Sign',
  category: 'Test',
  description: 'Reads one secret in its config and one in its code.',
  kind: 'step',
  configSchema: Type.Object({ header: Type.String(), extra: Type.String() }),
  ports: ['next'],
  run: async (ctx) => {
    const extra = await ctx.secrets.get(ctx.config.extra);
    ctx.log.info(`signing with ${extra}`);
    return ctx.next('next', { header: ctx.config.header, extra }, { signed: `${ctx.config.header}|${extra}` });
  },
});

describe('the node test harness', () => {
  it('hands secrets to templates and to ctx.secrets.get, and returns what the executor would record', async () => {
    const result = await runNodeStep(sign, {
      config: { header: 'Bearer {{ secrets.API_TOKEN }}', extra: 'SIGNING_KEY' },
      secrets: { API_TOKEN: 'tok_123456', SIGNING_KEY: 'key_abcdef' },
    });
    expect(result).toEqual({
      kind: 'next',
      port: 'next',
      output: { header: 'Bearer [secret:API_TOKEN]', extra: '[secret:SIGNING_KEY]' },
      vars: { signed: 'Bearer [secret:API_TOKEN]|[secret:SIGNING_KEY]' },
    });
  });

  it("refuses an output the node's outputSchema does not describe, naming the port", async () => {
    const count = (output: unknown) =>
      defineNode({
        type: 'acme.count',
        title: 'Count',
        category: 'Test',
        description: 'Counts.',
        kind: 'step',
        configSchema: Type.Object({}),
        outputSchema: { type: 'object', properties: { count: { type: 'integer' } }, required: ['count'] },
        ports: ['next'],
        run: (ctx) => ctx.next('next', output),
      });
    await expect(runNodeStep(count({ count: 3 }), { config: {} })).resolves.toMatchObject({ output: { count: 3 } });
    await expect(runNodeStep(count({ count: 'three' }), { config: {} })).rejects.toThrow(
      'acme.count left by port "next" with an output its outputSchema does not describe: /count must be integer. Output: {"count":"three"}',
    );
  });

  it('rejects with SECRET_NOT_FOUND for a secret it was not given', async () => {
    await expect(
      runNodeStep(sign, { config: { header: '{{ secrets.API_TOKEN }}', extra: 'SIGNING_KEY' }, secrets: { SIGNING_KEY: 'k' } }),
    ).rejects.toMatchObject({
      code: 'SECRET_NOT_FOUND',
    });
    await expect(runNodeStep(sign, { config: { header: 'plain', extra: 'lower_case' } })).rejects.toMatchObject({ code: 'SECRET_NOT_FOUND' });
  });
});
