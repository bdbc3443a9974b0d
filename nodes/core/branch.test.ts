import { describe, expect, it } from 'vitest';
import { portsForConfig } from '@switchboard/engine/graph';
import { explainNodeStep, runNodeStep } from '@switchboard/engine/testing';
import { branch } from './branch.ts';

const vip = { id: 'vip', conditions: [{ path: 'contact.tags', operator: 'contains', value: 'vip' }] };
const urgent = {
  id: 'urgent',
  match: 'any',
  conditions: [
    { path: 'trigger.priority', operator: 'greater_than_or_equal', value: 8 },
    { path: 'trigger.subject', operator: 'contains', value: 'urgent', ignoreCase: true },
  ],
};

describe('core.branch', () => {
  it('takes the first branch whose conditions hold, in the listed order', async () => {
    const result = await runNodeStep(branch, {
      config: { branches: [vip, urgent] },
      trigger: { priority: 9, subject: 'Hi' },
      provided: { contact: { tags: ['vip'] } },
    });
    expect(result).toEqual({
      kind: 'next',
      port: 'vip',
      output: { branch: 'vip', matched: [{ path: 'contact.tags', operator: 'contains', value: 'vip', ignoreCase: false }] },
    });
  });

  it('takes a later branch when an earlier one does not hold', async () => {
    const result = await runNodeStep(branch, {
      config: { branches: [vip, urgent] },
      trigger: { priority: 2, subject: 'URGENT: refund' },
      provided: { contact: { tags: [] } },
    });
    expect(result).toMatchObject({ kind: 'next', port: 'urgent', output: { branch: 'urgent', matched: [{ path: 'trigger.subject' }] } });
  });

  it('needs every condition when match is all', async () => {
    const config = {
      branches: [
        {
          id: 'gold_spanish',
          conditions: [
            { path: 'vars.plan', operator: 'equals', value: 'gold' },
            { path: 'contact.language', operator: 'equals', value: 'es' },
          ],
        },
      ],
    };
    const both = await runNodeStep(branch, { config, vars: { plan: 'gold' }, provided: { contact: { language: 'es' } } });
    const one = await runNodeStep(branch, { config, vars: { plan: 'gold' }, provided: { contact: { language: 'en' } } });
    expect(both).toMatchObject({ port: 'gold_spanish' });
    expect(one).toMatchObject({ port: 'else' });
  });

  it('routes to else with nothing matched when no branch holds', async () => {
    const result = await runNodeStep(branch, { config: { branches: [vip, urgent] }, trigger: { priority: 1, subject: 'Hi' } });
    expect(result).toEqual({ kind: 'next', port: 'else', output: { branch: 'else', matched: [] } });
  });

  it('compares with values rendered from templates', async () => {
    const config = { branches: [{ id: 'over_limit', conditions: [{ path: 'trigger.amount', operator: 'greater_than', value: '{{ vars.limit }}' }] }] };
    expect(await runNodeStep(branch, { config, trigger: { amount: 150 }, vars: { limit: 100 } })).toMatchObject({ port: 'over_limit' });
    expect(await runNodeStep(branch, { config, trigger: { amount: 50 }, vars: { limit: 100 } })).toMatchObject({ port: 'else' });
  });

  it('offers a port per branch in order, then else', () => {
    const conditions = [{ path: 'trigger.id', operator: 'exists' as const }];
    const config = {
      branches: [
        { id: 'urgent', match: 'any' as const, conditions },
        { id: 'vip', match: 'all' as const, conditions },
      ],
    };
    expect(portsForConfig(branch.ports, config)).toEqual(['urgent', 'vip', 'else']);
  });

  it('reports a duplicate or reserved branch id and a condition without value, by path', () => {
    const issues = branch.validate?.({
      branches: [
        { id: 'vip', match: 'all', conditions: [{ path: 'a', operator: 'exists' }] },
        { id: 'else', match: 'all', conditions: [{ path: 'a', operator: 'exists' }] },
        { id: 'vip', match: 'all', conditions: [{ path: 'a', operator: 'equals' }] },
      ],
    });
    expect(issues).toEqual([
      { path: '/branches/1/id', message: expect.stringContaining('reserved') },
      { path: '/branches/2/id', message: expect.stringContaining('already uses the port "vip"') },
      { path: '/branches/2/conditions/0/value', message: expect.stringContaining('needs a value') },
    ]);
  });

  it('rejects a branch id that is not snake_case', async () => {
    await expect(runNodeStep(branch, { config: { branches: [{ ...vip, id: 'VIP Customers' }] } })).rejects.toThrow(/pattern/);
  });
});

describe('core.branch explanation', () => {
  it('says which branch matched and with what values, in English and Spanish', async () => {
    const config = {
      branches: [
        { id: 'vip', name: 'VIP', match: 'all', conditions: [{ path: 'trigger.plan', operator: 'equals', value: 'pro' }] },
        { id: 'big', match: 'all', conditions: [{ path: 'trigger.seats', operator: 'greater_than', value: 10 }] },
      ],
    };
    const trigger = { plan: 'free', seats: 40 };
    const en = await explainNodeStep(branch, { config, trigger });
    expect(en.result).toMatchObject({ port: 'big' });
    expect(en.explanation).toEqual({
      code: 'matched',
      text: 'Took the branch big: its conditions held.',
      rows: [
        { name: 'VIP: trigger.plan equals "pro"', outcome: 'passed', reason: 'did not hold: the value was "free"' },
        { name: 'big: trigger.seats greater_than 10', outcome: 'chosen', reason: 'held: the value was 40' },
      ],
    });
    const es = await explainNodeStep(branch, { config, trigger, language: 'es' });
    expect(es.explanation?.text).toBe('Tomó la rama big: se cumplieron sus condiciones.');
    expect(es.explanation?.rows[0]?.reason).toBe('no se cumplió: el valor era "free"');
  });
});
