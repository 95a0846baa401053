import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatOf } from './parse-article.js';

export interface CollectedFiles {
  files: string[];
  /** paths that could not be read as a file or folder */
  missing: { file: string; reason: string }[];
}

/** Expands files and folders (recursively, sorted) into the article files inside; README files and dotfiles are skipped. */
export function collectFiles(paths: string[]): CollectedFiles {
  const files: string[] = [];
  const missing: CollectedFiles['missing'] = [];
  const walk = (p: string, explicit: boolean) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      missing.push({ file: p, reason: 'no such file or folder' });
      return;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        if (name.startsWith('.') || name === 'node_modules') continue;
        walk(join(p, name), false);
      }
    } else if (explicit || (formatOf(p) && !/^readme\./i.test(p.split(/[\\/]/).pop() ?? ''))) {
      files.push(p);
    }
  };
  for (const p of paths) walk(p, true);
  return { files, missing };
}
