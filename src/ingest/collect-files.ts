import { type BigIntStats, lstatSync, readdirSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatOf } from './parse-article.js';

export interface CollectedFiles {
  files: string[];
  /** paths that could not be read as a file or folder */
  missing: { file: string; reason: string }[];
  /** links skipped on purpose: loops, a second path to a file or folder already taken, dangling links in a folder */
  warnings: { file: string; warning: string }[];
}

/**
 * Expands files and folders (recursively, sorted) into the article files inside; README files and dotfiles are
 * skipped. Symbolic links are followed once: every folder and file is taken at most once per run (known by
 * device and inode, which a stat gives for free, unlike a real path), so a link back up the tree (`ln -s . loop`)
 * is reported as a loop instead of walked forever.
 */
export function collectFiles(paths: string[]): CollectedFiles {
  const files: string[] = [];
  const missing: CollectedFiles['missing'] = [];
  const warnings: CollectedFiles['warnings'] = [];
  // device:inode → the path it was first reached by
  const seen = new Map<string, string>();
  const walk = (p: string, explicit: boolean, ancestors: Set<string>) => {
    let st: BigIntStats;
    try {
      st = statSync(p, { bigint: true });
    } catch (e) {
      const reason = statFailure(p, e as NodeJS.ErrnoException);
      // a dangling link inside a folder is not an article someone asked for: say so, reject nothing
      if (!explicit && isSymlink(p)) warnings.push({ file: p, warning: `${reason}: skipped` });
      else missing.push({ file: p, reason });
      return;
    }
    const isDir = st.isDirectory();
    if (!isDir && !(explicit || (formatOf(p) && !/^readme\./i.test(p.split(/[\\/]/).pop() ?? '')))) return;
    const real = `${st.dev}:${st.ino}`;
    const first = seen.get(real);
    if (first !== undefined) {
      if (ancestors.has(real)) warnings.push({ file: p, warning: `symlink loop: leads back to ${first}; not followed` });
      else warnings.push({ file: p, warning: `same ${isDir ? 'folder' : 'file'} as ${first}; taken once` });
      return;
    }
    seen.set(real, p);
    if (!isDir) {
      files.push(p);
      return;
    }
    const inside = new Set(ancestors).add(real);
    for (const name of readdirSync(p).sort()) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      walk(join(p, name), false, inside);
    }
  };
  for (const p of paths) walk(p, true, new Set());
  return { files, missing, warnings };
}

function isSymlink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

function statFailure(p: string, e: NodeJS.ErrnoException): string {
  if (e.code === 'ELOOP') return 'symlink loop (too many levels of links)';
  if (e.code === 'ENOENT' && isSymlink(p)) return `broken symlink (points to ${readlinkSync(p)}, which does not exist)`;
  if (e.code === 'ENOENT') return 'no such file or folder';
  if (e.code === 'EACCES') return 'permission denied';
  return `cannot read: ${e.code ?? e.message}`;
}
