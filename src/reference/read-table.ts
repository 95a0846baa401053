import { columnsOf, type Mapping, type MeasureMapping } from './mapping.js';
import { normaliseName } from './tokens.js';
import { AppError } from '../core/errors.js';

/** One official figure as it will be stored: who or where, what is measured, the value. */
export interface ReferenceRowDraft {
  subjectKind: 'place' | 'person';
  subject: string;
  subjectNorm: string;
  subjectShortNorm: string | null;
  /** shown beside the subject: "Birmingham Perry Barr, Independent" */
  context: string | null;
  contextPlace: string | null;
  contextParty: string | null;
  measure: MeasureMapping['measure'];
  value: number;
  unit: string;
}

/** A reference table that cannot be read as its mapping says (a line, a column, a value). */
export class TableError extends AppError {
  constructor(message: string) {
    super('invalid_input', message);
    this.name = 'TableError';
  }
}

/** RFC 4180 CSV: quoted fields with commas, doubled quotes and line breaks; a leading BOM is dropped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (quoted) throw new TableError('unterminated quoted field at the end of the file');
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

/** Turns a table (header + rows) into reference rows as the mapping says; errors name the line and column. */
export function readReferenceTable(csvText: string, mapping: Mapping): ReferenceRowDraft[] {
  const [header, ...records] = parseCsv(csvText);
  if (!header) throw new TableError('the file is empty');
  const index = new Map(header.map((h, i) => [h.trim(), i]));
  const missing = columnsOf(mapping).filter((c) => !index.has(c));
  if (missing.length) throw new TableError(`column${missing.length > 1 ? 's' : ''} not in the header: ${missing.map((c) => `"${c}"`).join(', ')}`);
  const out: ReferenceRowDraft[] = [];
  records.forEach((cells, r) => {
    const line = r + 2;
    if (cells.length !== header.length) throw new TableError(`line ${line}: ${cells.length} fields, the header has ${header.length}`);
    const cell = (col: string) => cells[index.get(col)!].trim();
    const joined = (cols: string[]) => cols.map(cell).filter(Boolean).join(' ');
    const subject = joined(mapping.subject.columns);
    if (!subject) throw new TableError(`line ${line}: empty subject (${mapping.subject.columns.join(' + ')})`);
    const surname = mapping.subject.kind === 'person' ? cell(mapping.subject.columns[mapping.subject.columns.length - 1]) : '';
    const contextPlace = mapping.context.place ? cell(mapping.context.place) || null : null;
    const contextParty = mapping.context.party ? cell(mapping.context.party) || null : null;
    const contextPerson = mapping.context.person ? joined(mapping.context.person) || null : null;
    const context = [contextPlace, contextPerson, contextParty].filter(Boolean).join(', ') || null;
    for (const m of mapping.measures) {
      const value = measureValue(m, cell, line);
      if (value === null) continue;
      out.push({
        subjectKind: mapping.subject.kind,
        subject,
        subjectNorm: normaliseName(subject),
        subjectShortNorm: surname ? normaliseName(surname) : null,
        context,
        contextPlace,
        contextParty,
        measure: m.measure,
        value: Number((value * m.scale).toPrecision(12)),
        unit: m.unit,
      });
    }
  });
  return out;
}

function measureValue(m: MeasureMapping, cell: (col: string) => string, line: number): number | null {
  const num = (col: string): number | null => {
    const raw = cell(col).replace(/,/g, '');
    if (raw === '') return null;
    const n = Number(raw);
    if (!Number.isFinite(n)) throw new TableError(`line ${line}, column "${col}": "${cell(col)}" is not a number`);
    return n;
  };
  const empty = (col: string) => {
    if (m.skip_empty) return null;
    throw new TableError(`line ${line}, column "${col}": empty`);
  };
  if (typeof m.value === 'string') return num(m.value) ?? empty(m.value);
  let sum = 0;
  for (const col of m.value.sum) {
    const n = num(col);
    if (n === null) return empty(col);
    sum += n;
  }
  if (!m.value.divide_by) return sum;
  const d = num(m.value.divide_by);
  if (d === null) return empty(m.value.divide_by);
  if (d === 0) throw new TableError(`line ${line}, column "${m.value.divide_by}": division by zero`);
  return sum / d;
}
