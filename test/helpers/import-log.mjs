// For the CLI tests: `node --import ./import-log.mjs …` appends the URL of every module the process loads through
// the ESM loader to the file named by $IMPORT_LOG, so a test can check what a command does not load.
import { appendFileSync } from 'node:fs';
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

// The same file is both the --import module (main thread) and the hooks module (the loader's own thread).
if (isMainThread) register(import.meta.url);

export async function load(url, context, nextLoad) {
  appendFileSync(process.env.IMPORT_LOG, `${url}\n`);
  return nextLoad(url, context);
}
