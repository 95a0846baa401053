// A small JavaScript/TypeScript lexer for the import rule: it finds every string literal in code (not in comments,
// regular expressions or templates with substitutions), so any way of naming a module is seen: static, type-only,
// side-effect and dynamic imports, `export … from`, `typeof import(…)`, require() and createRequire aliases.

export interface StringLiteral {
  value: string;
  /** 1-based line of the opening quote */
  line: number;
}

// after these words an expression starts, so a slash opens a regular expression rather than dividing
const EXPRESSION_KEYWORDS = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

const WORD_START = /[\p{L}\p{N}_$]/u;
const WORD = /[\p{L}\p{N}_$]+/uy;

function decode(raw: string, quote: string): string {
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${(quote === "'" ? raw.replace(/\\'/g, "'") : raw).replace(/(?<!\\)"/g, '\\"')}"`) as string;
  } catch {
    return raw;
  }
}

/** Every complete string literal of a source file, in order. */
export function stringLiteralsOf(src: string): StringLiteral[] {
  const out: StringLiteral[] = [];
  const n = src.length;
  let i = src.startsWith('#!') ? src.indexOf('\n') : 0;
  if (i < 0) return out;
  let line = 1;
  // one entry per open `${`: how many `{` are open inside it
  const substitutions: number[] = [];
  // what came last: 'op' (or the start) lets a slash open a regular expression; 'value' makes it a division
  let prev: 'op' | 'value' = 'op';

  /** Reads template text from i (just after ` or a substitution's }) to its end or its next `${`. */
  function readTemplate(startLine: number, fresh: boolean): void {
    const start = i;
    while (i < n) {
      const c = src[i];
      if (c === '\\') {
        if (src[i + 1] === '\n') line++;
        i += 2;
      } else if (c === '`') {
        if (fresh) out.push({ value: decode(src.slice(start, i), '`'), line: startLine });
        i++;
        prev = 'value';
        return;
      } else if (c === '$' && src[i + 1] === '{') {
        i += 2;
        substitutions.push(0);
        prev = 'op';
        return;
      } else {
        if (c === '\n') line++;
        i++;
      }
    }
  }

  while (i < n) {
    const c = src[i];
    const next = src[i + 1];
    if (c === '\n') {
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\uFEFF') {
      i++;
    } else if (c === '/' && next === '/') {
      while (i < n && src[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      for (let k = i; k < stop; k++) if (src[k] === '\n') line++;
      i = stop;
    } else if (c === '"' || c === "'") {
      const startLine = line;
      let k = i + 1;
      while (k < n && src[k] !== c && src[k] !== '\n') {
        if (src[k] === '\\') {
          if (src[k + 1] === '\n') line++;
          k += 2;
        } else k++;
      }
      out.push({ value: decode(src.slice(i + 1, k), c), line: startLine });
      i = k + 1;
      prev = 'value';
    } else if (c === '`') {
      i++;
      readTemplate(line, true);
    } else if (c === '}' && substitutions.length && substitutions[substitutions.length - 1] === 0) {
      substitutions.pop();
      i++;
      readTemplate(line, false);
    } else if (c === '{') {
      if (substitutions.length) substitutions[substitutions.length - 1]++;
      i++;
      prev = 'op';
    } else if (c === '}') {
      if (substitutions.length) substitutions[substitutions.length - 1]--;
      i++;
      prev = 'op';
    } else if (c === '/' && prev === 'op') {
      // a regular expression literal: skip it (quotes inside it are not strings)
      let k = i + 1;
      let inClass = false;
      while (k < n && src[k] !== '\n') {
        if (src[k] === '\\') k += 2;
        else if (src[k] === '[') (inClass = true), k++;
        else if (src[k] === ']') (inClass = false), k++;
        else if (src[k] === '/' && !inClass) break;
        else k++;
      }
      i = k + 1;
      while (i < n && /[a-z]/i.test(src[i])) i++;
      prev = 'value';
    } else if (WORD_START.test(c)) {
      WORD.lastIndex = i;
      const word = WORD.exec(src)![0];
      prev = EXPRESSION_KEYWORDS.has(word) ? 'op' : 'value';
      i += word.length;
    } else if (c === ')' || c === ']') {
      prev = 'value';
      i++;
    } else {
      prev = 'op';
      i++;
    }
  }
  return out;
}

/** The packages only src/storage/ (and migrations/) may import, with any subpath. */
export const DATABASE_PACKAGES = /^(kysely|better-sqlite3|pg|pg-[a-z-]+)(\/.*)?$/;

/** Where a file names kysely or better-sqlite3 as a module: "line: the line's text". */
export function findDatabaseImports(src: string): { line: number; text: string; specifier: string }[] {
  const lines = src.split('\n');
  return stringLiteralsOf(src)
    .filter((s) => DATABASE_PACKAGES.test(s.value))
    .map((s) => ({ line: s.line, text: lines[s.line - 1].trim(), specifier: s.value }));
}
