import { parseSourceId, parseSourceIds } from '../../src/cli/source-ids.js';

describe('--source ids on the command line', () => {
  it('takes digits only, within safe integers', () => {
    expect(parseSourceIds(['1', '42'])).toEqual([1, 42]);
    expect(parseSourceIds(undefined)).toBeUndefined();
    for (const bad of ['0', '0x10', ' 1 ', '1e3', '-1', '1.5', '', '9007199254740993', 'true']) {
      expect(() => parseSourceId(bad)).toThrow(`--source: "${bad}" is not a source id`);
    }
  });
});
