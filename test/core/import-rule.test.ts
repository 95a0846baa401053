import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findDatabaseImports, stringLiteralsOf } from '../helpers/module-specifiers.js';

// The import rule (issue 9): only src/storage/ (and migrations/, outside src/) may import kysely or better-sqlite3.
const ROOT = new URL('../../', import.meta.url).pathname;
const SRC = join(ROOT, 'src');
const ALLOWED = 'src/storage/';
const CODE_FILE = /\.(ts|mts|cts|tsx|js|mjs|cjs)$/;

function codeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return codeFiles(path);
    return e.isFile() && CODE_FILE.test(e.name) ? [relative(ROOT, path)] : [];
  });
}

/** "file:line: text" for every place a file names kysely or better-sqlite3 as a module. */
function databaseImports(files: string[]): string[] {
  return files.flatMap((file) => findDatabaseImports(readFileSync(join(ROOT, file), 'utf8')).map((f) => `${file}:${f.line}: ${f.text}`));
}

describe('finding database imports in a file', () => {
  it('sees every way of importing kysely or better-sqlite3, at its line', () => {
    const src = [
      "import { sql } from 'kysely';", // 1
      'import type { Kysely, Transaction } from "kysely";', // 2
      'import {', // 3
      '  type RawBuilder,', // 4
      "} from 'kysely';", // 5
      "import SQLite from 'better-sqlite3';", // 6
      "export type { Kysely } from 'kysely';", // 7
      "import 'better-sqlite3';", // 8
      'const { sql: raw } = await import(`kysely`);', // 9
      "type Db = typeof import('better-sqlite3');", // 10
      "const x: import('kysely').Kysely<never> | null = null;", // 11
      "const Database = require('better-sqlite3');", // 12
      "const load = createRequire(import.meta.url); load('kysely/helpers/sqlite');", // 13
      "import Db = require('better-sqlite3');", // 14
    ].join('\n');
    expect(findDatabaseImports(src).map((f) => [f.line, f.specifier])).toEqual([
      [1, 'kysely'],
      [2, 'kysely'],
      [5, 'kysely'],
      [6, 'better-sqlite3'],
      [7, 'kysely'],
      [8, 'better-sqlite3'],
      [9, 'kysely'],
      [10, 'better-sqlite3'],
      [11, 'kysely'],
      [12, 'better-sqlite3'],
      [13, 'kysely/helpers/sqlite'],
      [14, 'better-sqlite3'],
    ]);
    expect(findDatabaseImports(src)[2].text).toBe("} from 'kysely';");
  });

  it('ignores comments, regular expressions, longer strings, templates with substitutions and other packages', () => {
    const src = [
      "// import { sql } from 'kysely';",
      "/* const db = require('better-sqlite3');",
      "   import 'kysely'; */",
      'const re = /\'kysely\'|"kysely"/g;',
      'const msg = "import { sql } from \'kysely\'";',
      "const pkg = 'kysely-codegen';",
      'const t = `${name}kysely`;',
      "const half = total / 2; const other = 'express';",
      "import { z } from 'zod';",
    ].join('\n');
    expect(findDatabaseImports(src)).toEqual([]);
  });

  it('keeps counting lines through comments, templates and regular expressions', () => {
    const src = ['/* one', 'two */ const a = `x', '${b}', 'y`;', 'const re = /[/\'"]/;', "const c = 'after';"].join('\n');
    expect(stringLiteralsOf(src)).toEqual([{ value: 'after', line: 6 }]);
  });
});

describe('the import rule', () => {
  const files = codeFiles(SRC);

  it('reads every code file under src/, storage included', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toEqual(expect.arrayContaining(['src/storage/connect.ts', 'src/pipeline/extract-worker-bootstrap.mjs', 'src/web/app.ts']));
    // the scan sees storage's own imports, so an empty answer below is not a scan that sees nothing
    expect(databaseImports(files.filter((f) => f.startsWith(ALLOWED)))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^src\/storage\/connect\.ts:\d+: .*kysely/)]),
    );
  });

  it('kysely and better-sqlite3 are imported only in src/storage/ (and migrations/)', () => {
    expect(databaseImports(files.filter((f) => !f.startsWith(ALLOWED)))).toEqual([]);
  });
});
