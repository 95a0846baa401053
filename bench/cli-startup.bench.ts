// How long the compiled command line takes to start, against a bare `node -e 0` timed in turn with it (the floor):
// `--help`, `extract` of one corpus article, and `start` (ingest corpus/ into a fresh database, serve) to the first
// page. Usage: npm run bench:cli [-- RUNS]   (builds dist/ first when it is stale, as the bin does)
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { tempDir } from '../test/helpers/db.js';

const ROOT = new URL('../', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/claimtrail.js');
const RUNS = Number(process.argv[2] ?? 7);

/** CPU seconds of this process's finished and reaped children so far (Linux: /proc/self/stat cutime + cstime). */
function childCpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

interface Sample {
  wall: number;
  cpu: number;
}

function timeRun(args: string[]): Sample {
  const cpu0 = childCpuSeconds();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return { wall, cpu: childCpuSeconds() - cpu0 };
}

async function timeFirstPage(): Promise<Sample> {
  const dir = tempDir('claimtrail-bench-');
  const port = await freePort();
  const cpu0 = childCpuSeconds();
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, '--db', join(dir, 'fresh.db'), 'start', '--port', String(port)], { cwd: ROOT, stdio: 'ignore' });
  for (;;) {
    const res = await fetch(`http://127.0.0.1:${port}/`).catch(() => null);
    if (res?.status === 200) {
      await res.text();
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const wall = (performance.now() - t0) / 1000;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  rmSync(dir, { recursive: true, force: true });
  return { wall, cpu: childCpuSeconds() - cpu0 };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

spawnSync(process.execPath, [BIN, '--version'], { stdio: ['ignore', 'ignore', 'inherit'] }); // the bin rebuilds a stale dist/
const cases: [string, () => Sample | Promise<Sample>][] = [
  ['--help', () => timeRun([BIN, '--help'])],
  ['extract (1 article)', () => timeRun([BIN, 'extract', join(ROOT, 'corpus/000-jc-tmv-founders.md')])],
  ['start → first page', timeFirstPage],
];
console.log(`${RUNS} runs each, in turn with node -e 0; medians (seconds)\n`);
console.log(`${'command'.padEnd(22)} ${'wall'.padStart(6)} ${'cpu'.padStart(6)}   ${'floor wall'.padStart(10)} ${'floor cpu'.padStart(9)}   ratio wall`);
for (const [name, measure] of cases) {
  timeRun(['-e', '0']);
  await measure(); // warm-up: file cache
  const a: Sample[] = [];
  const floor: Sample[] = [];
  for (let i = 0; i < RUNS; i++) {
    a.push(await measure());
    floor.push(timeRun(['-e', '0']));
  }
  const ratio = median(a.map((s, i) => s.wall / floor[i].wall));
  const f = (x: number) => x.toFixed(3).padStart(6);
  console.log(
    `${name.padEnd(22)} ${f(median(a.map((s) => s.wall)))} ${f(median(a.map((s) => s.cpu)))}   ${f(median(floor.map((s) => s.wall))).padStart(10)} ${f(median(floor.map((s) => s.cpu))).padStart(9)}   ${ratio.toFixed(1).padStart(10)}`,
  );
}
