// jest globalSetup: the CLI tests run the compiled bin, so build dist/ first when it is missing or older than
// the sources (a clean clone after `npm install --ignore-scripts`, or a checkout edited since the last build).
import { ensureBuilt } from '../../bin/build.mjs';

// jest calls a global setup module's default export.
export default async function buildDist() {
  await ensureBuilt({ log: (m) => console.log(`\njest global setup: ${m}`) });
}
