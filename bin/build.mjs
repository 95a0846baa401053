// Compiles every .ts under src/ and migrations/ file by file into dist/ (same tree, so paths relative to
// import.meta.url still hold) and copies the other files there (styles, worker bootstraps). `npm run build`
// and `npm ci` (prepare) run it; bin/claimtrail.js and jest's global setup call ensureBuilt() so nothing runs stale.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SOURCE_DIRS = ['src', 'migrations'];
// Files whose change changes the output, besides the sources.
const BUILD_INPUTS = ['bin/build.mjs', 'tsconfig.json'];
const STAMP = '.build-stamp.json';

/** Every file and folder the build reads, with the newest modification time among them. */
export function listInputs(root = ROOT) {
  const files = [];
  const entries = []; // files and folders: a folder's mtime changes when a file is added, removed or renamed in it
  const walk = (dir) => {
    entries.push(dir);
    for (const d of readdirSync(join(root, dir), { withFileTypes: true })) {
      if (d.name.startsWith('.')) continue; // editors' swap files, .DS_Store
      const rel = join(dir, d.name);
      if (d.isDirectory()) walk(rel);
      else if (d.isFile()) {
        entries.push(rel);
        if (!rel.endsWith('.d.ts')) files.push(rel);
      }
    }
  };
  for (const dir of SOURCE_DIRS) if (existsSync(join(root, dir))) walk(dir);
  for (const f of BUILD_INPUTS) if (existsSync(join(root, f))) entries.push(f);
  let newest = 0;
  let newestPath = '';
  for (const e of entries) {
    const t = statSync(join(root, e)).mtimeMs;
    if (t > newest) [newest, newestPath] = [t, e];
  }
  return { files, newest, newestPath };
}

/** Why outDir cannot be run as it is (missing, or older than a source), or null when it is up to date. */
export function staleReason(root = ROOT, outDir = join(root, 'dist')) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(outDir, STAMP), 'utf8'));
  } catch {
    return `${relative(root, outDir) || outDir}/ has not been built`;
  }
  const { newest, newestPath } = listInputs(root);
  if (newest > stamp.newest) return `${newestPath.split(sep).join('/')} changed after the last build`;
  return null;
}

/** Builds into a fresh folder, then swaps it in, so a reader never sees a half-written dist/. */
export async function build({ root = ROOT, outDir = join(root, 'dist') } = {}) {
  const started = performance.now();
  const { files, newest } = listInputs(root);
  const { build: esbuild } = await import('esbuild');
  const tmp = `${outDir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const ts = files.filter((f) => f.endsWith('.ts'));
  try {
    await esbuild({
      entryPoints: ts.map((f) => join(root, f)),
      outdir: tmp,
      outbase: root,
      bundle: false,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: true,
      logLevel: 'error',
    });
    const assets = files.filter((f) => !f.endsWith('.ts'));
    for (const f of assets) {
      mkdirSync(dirname(join(tmp, f)), { recursive: true });
      cpSync(join(root, f), join(tmp, f));
    }
    // The newest input time seen before compiling: a source saved during the build still counts as newer.
    writeFileSync(join(tmp, STAMP), `${JSON.stringify({ newest, compiled: ts.length, copied: assets.length })}\n`);
    const old = `${outDir}.old-${process.pid}`;
    try {
      renameSync(outDir, old);
    } catch (e) {
      if (e.code !== 'ENOENT') throw e;
    }
    try {
      renameSync(tmp, outDir);
    } catch (e) {
      // Another build swapped its dist/ in between: built from the same sources, so keep it.
      if (e.code !== 'ENOTEMPTY' && e.code !== 'EEXIST') throw e;
    }
    rmSync(old, { recursive: true, force: true });
    return { compiled: ts.length, copied: assets.length, ms: Math.round(performance.now() - started) };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Rebuilds outDir when it is missing or stale; says so through log. Throws when it cannot build (no esbuild). */
export async function ensureBuilt({ root = ROOT, outDir = join(root, 'dist'), log = (m) => console.error(m) } = {}) {
  const reason = staleReason(root, outDir);
  if (!reason) return false;
  log(`${reason}: building (npm run build)…`);
  try {
    await import('esbuild');
  } catch {
    throw new Error(`${reason}, and esbuild is not installed to build it: run \`npm ci\` (or \`npm run build\`)`);
  }
  const r = await build({ root, outDir });
  log(`built ${r.compiled} files in ${r.ms} ms`);
  return true;
}

// No top-level await: jest's global setup require()s this module.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  build().then(
    (r) => console.log(`claimtrail: compiled ${r.compiled} TypeScript files and copied ${r.copied} other files into dist/ in ${r.ms} ms`),
    (e) => {
      console.error(`claimtrail: build failed: ${e.message}`);
      process.exitCode = 1;
    },
  );
}
