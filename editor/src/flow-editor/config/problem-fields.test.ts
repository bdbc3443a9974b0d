import { describe, expect, it } from 'vitest';
import { errorsAt, mergeProblems, placeProblems } from './problem-fields.ts';

const schema = {
  type: 'object',
  properties: {
    target: { type: 'string' },
    teamId: { type: 'string', 'x-when': { target: 'team' } },
    schedule: { type: 'array', items: { type: 'object', properties: { open: { type: 'string' }, close: { type: 'string' } } } },
  },
};

describe('placeProblems', () => {
  it('puts each problem on the field its pointer names, however deep', () => {
    const { errorSchema, unplaced } = placeProblems(
      [
        { field: '/target', message: 'Choose a target.' },
        { field: '/schedule/2/close', message: 'Closes before it opens.' },
      ],
      schema,
      { target: 'team' },
    );
    expect(errorSchema).toEqual({ target: { __errors: ['Choose a target.'] }, schedule: { 2: { close: { __errors: ['Closes before it opens.'] } } } });
    expect(unplaced).toEqual([]);
    expect(errorsAt(errorSchema, '/schedule/2/close')).toEqual(['Closes before it opens.']);
    expect(errorsAt(errorSchema, '/schedule/1/close')).toEqual([]);
  });

  it('keeps apart what no shown field can carry: the whole config, an unknown field, a hidden one', () => {
    const problems = [
      { field: '', message: 'The node is not reachable.' },
      { field: '/extra', message: 'Not a setting.' },
      { field: '/teamId', message: 'Set the team.' },
    ];
    expect(placeProblems(problems, schema, { target: 'workspace' }).unplaced).toEqual(problems);
    expect(placeProblems(problems, schema, { target: 'team' }).unplaced).toHaveLength(2);
  });

  it('says a message once per field', () => {
    const { errorSchema } = placeProblems(
      [
        { field: '/target', message: 'Same.' },
        { field: '/target', message: 'Same.' },
      ],
      schema,
      {},
    );
    expect(errorSchema).toEqual({ target: { __errors: ['Same.'] } });
  });
});

describe('mergeProblems', () => {
  it('drops a schema problem the server reported on a field the form already flags', () => {
    const own = [{ field: '/capacity', message: '“Capacity” must be 10,000 or less.', code: 'maximum' }];
    const given = [
      { field: '/capacity', message: '/nodes/2/config/capacity must be <= 10000', code: 'CONFIG_INVALID' },
      { field: '/teamId', message: 'Assigning to a team needs the team: set teamId.', code: 'CONFIG_INVALID' },
      { field: '/capacity', message: 'Team "x" does not exist.', code: 'CONFIG_REFERENCE_NOT_FOUND' },
    ];
    expect(mergeProblems(own, given)).toEqual([own[0], given[1], given[2]]);
  });
});
