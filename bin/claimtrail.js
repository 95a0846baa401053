#!/usr/bin/env node
// Runs the compiled CLI in dist/ (built by `npm ci` or `npm run build`). In a checkout whose sources changed
// since the last build it rebuilds first (about a second) and says so, so it never runs stale code.
import { ensureBuilt } from './build.mjs';

try {
  await ensureBuilt({ log: (m) => console.error(`claimtrail: ${m}`) });
} catch (e) {
  console.error(`claimtrail: ${e.message}`);
  process.exit(2);
}
const { runCli } = await import('../dist/src/cli/main.js');
await runCli(process.argv);
