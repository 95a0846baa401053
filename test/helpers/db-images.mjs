// The database snapshots tests copy: a migrated empty database and one with corpus/ ingested, made once with the
// compiled code in dist/ and kept in the temp folder under a key of everything that shapes them (sources, corpus).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { listInputs, ROOT } from '../../bin/build.mjs';

export const DB_IMAGES_ENV = 'CLAIMTRAIL_TEST_DB_IMAGES';
export const EMPTY_IMAGE = 'empty.db';
export const CORPUS_IMAGE = 'corpus.db';

/** The folder holding empty.db and corpus.db for this checkout's sources and corpus, made when missing. */
export async function prepareDbImages(root = ROOT) {
  const dir = join(tmpdir(), `claimtrail-test-db-images-${imagesKey(root)}`);
  if (existsSync(join(dir, CORPUS_IMAGE))) return dir;
  const dist = (path) => import(pathToFileURL(join(root, 'dist', path)).href);
  const { openMemoryDatabase, serializeDatabase } = await dist('src/storage/connect.js');
  const { ingestPaths } = await dist('src/pipeline/ingest-paths.js');
  const db = await openMemoryDatabase();
  try {
    mkdirSync(dir, { recursive: true });
    writeAtomically(join(dir, EMPTY_IMAGE), serializeDatabase(db));
    await ingestPaths(db, [join(root, 'corpus')]);
    writeAtomically(join(dir, CORPUS_IMAGE), serializeDatabase(db));
  } finally {
    await db.destroy();
  }
  return dir;
}

function imagesKey(root) {
  const hash = createHash('sha256').update(root);
  const { newest } = listInputs(root);
  hash.update(String(newest));
  const corpus = join(root, 'corpus');
  for (const name of readdirSync(corpus).sort()) {
    const st = statSync(join(corpus, name));
    hash.update(`${name}:${st.size}:${st.mtimeMs}`);
  }
  return hash.digest('hex').slice(0, 16);
}

// another run may read the same key at the same time: it sees the whole file or none
function writeAtomically(path, bytes) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}
