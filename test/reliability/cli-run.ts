// Runs the real `claimtrail` CLI as a child process (bin/claimtrail.js through tsx), as a user would.
import { type ChildProcess, spawn } from 'node:child_process';

export const BIN = new URL('../../bin/claimtrail.js', import.meta.url).pathname;
export const ROOT = new URL('../../', import.meta.url).pathname;

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `claimtrail --db DB ARGS…`; `done` resolves when it exits. */
export function startCli(dbPath: string, args: string[], env: Record<string, string> = {}): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [BIN, '--db', dbPath, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin!.end();
  const done = new Promise<CliResult>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

export function runCli(dbPath: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return startCli(dbPath, args, env).done;
}

/** Polls `ready` every 10 ms; resolves true when it holds, false if the process exits or `timeoutMs` passes first. */
export async function waitFor(child: ChildProcess, ready: () => boolean, timeoutMs: number): Promise<boolean> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (ready()) return true;
    if (child.exitCode !== null || child.signalCode !== null) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return false;
}
