import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from '../helpers/db.js';

// The build and the bin's staleness check, on a small project of their own in a temp folder (the real bin/
// files, a few sources), so the tests never touch this checkout's dist/.
const ROOT = new URL('../../', import.meta.url).pathname;
const execFileP = promisify(execFile);

function makeProject(): string {
  const root = tempDir('claimtrail-build-');
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write('package.json', '{ "type": "module", "version": "1.2.3" }\n');
  mkdirSync(join(root, 'bin'));
  for (const f of ['bin/claimtrail.js', 'bin/build.mjs']) copyFileSync(join(ROOT, f), join(root, f));
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  write(
    'src/cli/main.ts',
    "import { greeting } from '../greet.js';\nimport { up } from '../../migrations/0001_first.js';\n\nexport async function runCli(argv: string[]): Promise<void> {\n  console.log(`${greeting(argv.slice(2).join(' '))} ${up}`);\n}\n",
  );
  write('src/greet.ts', 'export const greeting = (who: string): string => `hello ${who}`;\n');
  write('src/ambient.d.ts', 'declare const nothing: number;\n');
  write('src/pool/boot.mjs', 'export const boot = true;\n');
  write('migrations/0001_first.ts', "export const up: string = 'v1';\n");
  return root;
}

/** Moves a file's (or folder's) modification time seconds ahead, so the change is seen whatever the clock's granularity. */
function touchAhead(path: string, seconds: number): void {
  const t = new Date(Date.now() + seconds * 1000);
  utimesSync(path, t, t);
}

async function runBin(root: string, ...args: string[]) {
  return execFileP(process.execPath, [join(root, 'bin/claimtrail.js'), ...args], { cwd: root });
}

describe('the build (bin/build.mjs) and bin/claimtrail.js', () => {
  let root: string;
  beforeEach(() => {
    root = makeProject();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('builds a missing dist/ on first run, saying so, with the source tree kept and other files copied', async () => {
    const first = await runBin(root, 'world');
    expect(first.stderr).toContain('dist/ has not been built: building');
    expect(first.stdout).toBe('hello world v1\n');
    for (const f of ['src/cli/main.js', 'src/greet.js', 'migrations/0001_first.js', 'src/pool/boot.mjs']) expect(existsSync(join(root, 'dist', f))).toBe(true);
    expect(existsSync(join(root, 'dist/src/ambient.js'))).toBe(false);
    const second = await runBin(root, 'again');
    expect(second).toEqual({ stdout: 'hello again v1\n', stderr: '' });
  });

  it('rebuilds when a source changed after the build, and never runs the stale code', async () => {
    await runBin(root, 'world');
    writeFileSync(join(root, 'src/greet.ts'), 'export const greeting = (who: string): string => `hi ${who}`;\n');
    touchAhead(join(root, 'src/greet.ts'), 2);
    const edited = await runBin(root, 'world');
    expect(edited.stderr).toContain('src/greet.ts changed after the last build: building');
    expect(edited.stdout).toBe('hi world v1\n');
  });

  it('rebuilds when a file is added or removed, leaving no output of a removed file behind', async () => {
    await runBin(root, 'world');
    rmSync(join(root, 'src/pool/boot.mjs'));
    writeFileSync(join(root, 'src/pool/worker.ts'), 'export const ready: boolean = true;\n');
    touchAhead(join(root, 'src/pool'), 2);
    touchAhead(join(root, 'src/pool/worker.ts'), 2);
    writeFileSync(join(root, 'migrations/0001_first.ts'), "export const up: string = 'v2';\n");
    touchAhead(join(root, 'migrations/0001_first.ts'), 3);
    const after = await runBin(root, 'world');
    expect(after.stdout).toBe('hello world v2\n');
    expect(existsSync(join(root, 'dist/src/pool/boot.mjs'))).toBe(false);
    expect(existsSync(join(root, 'dist/src/pool/worker.js'))).toBe(true);
  });

  it('rebuilds when the build script changes', async () => {
    await runBin(root, 'world');
    touchAhead(join(root, 'bin/build.mjs'), 2);
    expect((await runBin(root, 'world')).stderr).toContain('bin/build.mjs changed after the last build');
  });

  it('refuses to run a stale dist/ when esbuild is not there to rebuild it', async () => {
    await runBin(root, 'world');
    rmSync(join(root, 'node_modules'));
    touchAhead(join(root, 'src/greet.ts'), 2);
    const err = await runBin(root, 'world').catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect(err).toMatchObject({ code: 2, stdout: '' });
    expect((err as { stderr: string }).stderr).toContain('src/greet.ts changed after the last build, and esbuild is not installed to build it: run `npm ci`');
  });

  it('reports a compile error and keeps the previous dist/', async () => {
    await runBin(root, 'world');
    writeFileSync(join(root, 'src/greet.ts'), 'export const greeting = (who: string): string => `hi ${who}`;\nexport const broken = ;\n');
    touchAhead(join(root, 'src/greet.ts'), 2);
    const err = await runBin(root, 'world').catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect(err).toMatchObject({ code: 2, stdout: '' });
    expect((err as { stderr: string }).stderr).toMatch(/src\/greet\.ts:2:\d+: ERROR/);
    expect(existsSync(join(root, 'dist/src/cli/main.js'))).toBe(true);
  });
});
