import { parseDocument } from 'yaml';
import { z } from 'zod';

/** The measures the matcher knows the words for; a mapping may only produce these. */
const MEASURES = ['votes', 'majority', 'share', 'turnout', 'electorate', 'valid_votes', 'invalid_votes'] as const;
export type Measure = (typeof MEASURES)[number];

const ColumnSchema = z.string().min(1);

/** A column, or (sum of columns) / (another column), e.g. turnout = (valid + invalid) / electorate. */
const ValueSchema = z.union([ColumnSchema, z.strictObject({ sum: z.array(ColumnSchema).min(1), divide_by: ColumnSchema.optional() })]);

const MeasureSchema = z.strictObject({
  measure: z.enum(MEASURES),
  value: ValueSchema,
  /** multiplies the value: 100 turns the CSV's fractions (0.355) into percent (35.5) */
  scale: z.number().positive().default(1),
  unit: z.enum(['votes', 'voters', 'percent']),
  /** rows whose value cell is empty are skipped (true) or refused (false) */
  skip_empty: z.boolean().default(true),
});

const MappingSchema = z.strictObject({
  /** dataset name: importing the same name again replaces its rows */
  dataset: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, ".", "_" or "-"'),
  title: z.string().min(1).optional(),
  source: z.string().min(1),
  licence: z.string().min(1),
  attribution: z.string().min(1).optional(),
  /** the year the figures are of; figures said of another year are not compared */
  year: z.number().int().min(1800).max(2200).optional(),
  subject: z.strictObject({
    kind: z.enum(['place', 'person']),
    /** joined with spaces: [first name, surname] for a person; the last is the surname */
    columns: z.array(ColumnSchema).min(1),
  }),
  context: z
    .strictObject({
      /** the place a person row belongs to (a candidate's constituency) */
      place: ColumnSchema.optional(),
      /** the party of a person row, or of a place's winner */
      party: ColumnSchema.optional(),
      /** the person a place row is about (a constituency's member), shown in the context text */
      person: z.array(ColumnSchema).min(1).optional(),
    })
    .default({}),
  measures: z.array(MeasureSchema).min(1),
});

export type Mapping = z.infer<typeof MappingSchema>;
export type MeasureMapping = Mapping['measures'][number];

export type ParseMappingResult = { ok: true; mapping: Mapping } | { ok: false; error: string };

/** Parses and validates a mapping file (YAML or JSON); an error names the field at fault. */
export function parseMapping(text: string): ParseMappingResult {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line;
    return { ok: false, error: `invalid YAML${line ? ` at line ${line}` : ''}: ${e.message.split('\n')[0]}` };
  }
  const parsed = MappingSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : '(root)');
    return { ok: false, error: `${field}: ${issue.message}` };
  }
  return { ok: true, mapping: parsed.data };
}

/** Every column the mapping reads (to check against a table's header before reading rows). */
export function columnsOf(m: Mapping): string[] {
  const cols = new Set<string>(m.subject.columns);
  if (m.context.place) cols.add(m.context.place);
  if (m.context.party) cols.add(m.context.party);
  for (const c of m.context.person ?? []) cols.add(c);
  for (const ms of m.measures) {
    if (typeof ms.value === 'string') cols.add(ms.value);
    else {
      for (const c of ms.value.sum) cols.add(c);
      if (ms.value.divide_by) cols.add(ms.value.divide_by);
    }
  }
  return [...cols];
}
