import { readFileSync } from 'node:fs';
import { collectFiles } from '../../src/ingest/collect-files.js';
import { parseMapping } from '../../src/reference/mapping.js';
import { parseCsv, readReferenceTable, TableError } from '../../src/reference/read-table.js';
import { CORPUS_DIR } from '../helpers/db.js';
import { CANDIDATES_CSV, CANDIDATES_MAP, CONSTITUENCIES_CSV, CONSTITUENCIES_MAP, loadMapping } from './helpers.js';

const VALID = `
dataset: test-set
source: Test Office
licence: CC0
subject: { kind: place, columns: [Name] }
measures:
  - { measure: majority, value: Majority, unit: votes }
`;

describe('mapping files', () => {
  test('the shipped ge2024 mappings are valid', () => {
    const c = loadMapping(CANDIDATES_MAP);
    expect(c).toMatchObject({ dataset: 'ge2024-candidates', source: 'House of Commons Library', licence: 'Open Parliament Licence v3.0', year: 2024 });
    expect(c.measures.map((m) => m.measure)).toEqual(['votes', 'share']);
    expect(loadMapping(CONSTITUENCIES_MAP).measures.map((m) => m.measure)).toEqual(['majority', 'electorate', 'valid_votes', 'invalid_votes', 'turnout']);
  });

  test('JSON is YAML too', () => {
    const r = parseMapping(
      JSON.stringify({
        dataset: 'j',
        source: 'S',
        licence: 'L',
        subject: { kind: 'person', columns: ['First', 'Last'] },
        measures: [{ measure: 'votes', value: 'Votes', unit: 'votes' }],
      }),
    );
    expect(r.ok).toBe(true);
  });

  test.each([
    ['no source', VALID.replace('source: Test Office\n', ''), /^source: /],
    ['an unknown measure', VALID.replace('measure: majority', 'measure: seats'), /^measures\.0\.measure: /],
    ['a negative scale', VALID.replace('unit: votes }', 'unit: votes, scale: -1 }'), /^measures\.0\.scale: /],
    ['an unknown subject kind', VALID.replace('kind: place', 'kind: party'), /^subject\.kind: /],
    ['no subject columns', VALID.replace('columns: [Name]', 'columns: []'), /^subject\.columns: /],
    ['a misspelt key', VALID.replace('licence:', 'license:'), /licen[cs]e/],
    ['a dataset name with spaces', VALID.replace('dataset: test-set', 'dataset: Test Set'), /^dataset: /],
    ['broken YAML', 'dataset: [unclosed', /^invalid YAML/],
  ])('an error names the field: %s', (_name, text, message) => {
    const r = parseMapping(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});

describe('reading a table through a mapping', () => {
  test('CSV: BOM, quoted fields with commas, doubled quotes, CRLF', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\r\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
    ]);
  });

  test('candidates: votes and shares (fractions scaled to percent) with constituency and party', () => {
    const rows = readReferenceTable(readFileSync(CANDIDATES_CSV, 'utf8'), loadMapping(CANDIDATES_MAP));
    expect(rows).toHaveLength(4515 * 2);
    const khan = rows.filter((r) => r.subject === 'Ayoub Khan');
    expect(khan).toEqual([
      expect.objectContaining({
        subjectKind: 'person',
        subjectNorm: 'ayoub khan',
        subjectShortNorm: 'khan',
        measure: 'votes',
        value: 13303,
        unit: 'votes',
        contextPlace: 'Birmingham Perry Barr',
        contextParty: 'Independent',
      }),
      expect.objectContaining({ measure: 'share', value: 35.4974, unit: 'percent' }),
    ]);
  });

  test('constituencies: majority, electorate, valid and invalid votes, turnout computed', () => {
    const rows = readReferenceTable(readFileSync(CONSTITUENCIES_CSV, 'utf8'), loadMapping(CONSTITUENCIES_MAP));
    expect(rows).toHaveLength(650 * 5);
    const ilford = Object.fromEntries(rows.filter((r) => r.subject === 'Ilford North').map((r) => [r.measure, r.value]));
    expect(ilford).toMatchObject({ majority: 528, electorate: 78657, valid_votes: 46888, invalid_votes: 121 });
    expect(ilford.turnout).toBeCloseTo(((46888 + 121) / 78657) * 100, 6);
    expect(rows.find((r) => r.subject === 'Ilford North')!.context).toBe('Wes Streeting, Lab');
  });

  test('errors name the column and line', () => {
    const mapping = loadMapping(CONSTITUENCIES_MAP);
    expect(() => readReferenceTable('Constituency name,Majority\nX,1\n', mapping)).toThrow(/column.* not in the header: .*"Electorate"/);
    const m = parseMapping(VALID);
    if (!m.ok) throw new Error(m.error);
    expect(() => readReferenceTable('Name,Majority\nIlford North,528\nBlackburn,lots\n', m.mapping)).toThrow(
      new TableError('line 3, column "Majority": "lots" is not a number'),
    );
    expect(() => readReferenceTable('Name,Majority\nIlford North\n', m.mapping)).toThrow(/line 2: 1 fields, the header has 2/);
  });
});

describe('the corpus folder', () => {
  test('ingest takes only the five articles: not the reference CSVs, mappings or READMEs', () => {
    const { files } = collectFiles([CORPUS_DIR]);
    expect(files.map((f) => f.split('/').pop())).toEqual([
      '000-jc-tmv-founders.md',
      '001-lmn-urgent-action.md',
      '002-tmv-election-alliance.md',
      '003-mee-perry-barr.md',
      '004-buzzfeed-crowdfunding.md',
    ]);
  });
});
