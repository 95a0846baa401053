// Editors at work while a batch ingest writes to the same database: the real server on a temp database
// (127.0.0.1, random port), N clients of mixed reads and verdict saves for S seconds, and `claimtrail ingest`
// of the BBC set as a child process. Prints requests/s, p50/p95, HTTP errors by status and the ingest's
// added/unchanged/rejected; exits 1 unless there were no server errors and no rejected files.
// Usage: npm run bench:load [-- --clients 50 --seconds 30 --dir DIR --root CHECKOUT --json]
import { parseArgs } from 'node:util';
import { BBC_DIR, report } from './bench-helpers.js';
import { runLoad } from './load-run.js';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '30' },
    dir: { type: 'string', default: BBC_DIR },
    root: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const clients = Number(values.clients);
const seconds = Number(values.seconds);
// bounded: a benchmark, not a load generator
if (!Number.isInteger(clients) || clients < 1 || clients > 500) throw new Error('--clients: 1 to 500');
if (!(seconds > 0 && seconds <= 600)) throw new Error('--seconds: more than 0, at most 600');

const r = await runLoad({ clients, seconds, ingestDir: values.dir!, root: values.root, log: (line) => console.error(`load: ${line}`) });
if (values.json) console.log(JSON.stringify(r));
else {
  report(`load: ${r.clients} clients for ${r.seconds} s while ingesting ${values.dir}`, {
    requests: r.requests,
    'requests/s': r.requestsPerSecond,
    'p50 ms': r.p50Ms,
    'p95 ms': r.p95Ms,
    'save p50/p95 ms': `${r.saveP50Ms} / ${r.saveP95Ms}`,
    'HTTP errors':
      Object.entries(r.errorsByStatus)
        .map(([s, n]) => `${s}: ${n}`)
        .join(', ') || 'none',
    'server errors': r.serverErrors,
    'verdict saves': `${r.verdictSaves} (${r.verdictConflicts} stale-version 409s)`,
    ingest: `added ${r.ingest.added}, unchanged ${r.ingest.unchanged}, rejected ${r.ingest.rejected} (exit ${r.ingest.exitCode}, ${r.ingest.seconds} s)`,
  });
  for (const x of r.ingest.rejectedSample) console.log(`  rejected: ${x.file}: ${x.reason}`);
}
process.exitCode = r.serverErrors === 0 && r.ingest.rejected === 0 && r.ingest.exitCode === 0 ? 0 : 1;
