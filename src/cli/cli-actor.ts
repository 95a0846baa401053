import { userInfo } from 'node:os';
import { readConfig } from '../core/config.js';

/** Who the audit log names for a command-line write: "cli:<OS user>". */
export function cliActor(): string {
  let name: string;
  try {
    name = userInfo().username;
  } catch {
    // no passwd entry for this uid (some containers)
    name = readConfig('osUser') ?? `uid${process.getuid?.() ?? '?'}`;
  }
  return `cli:${name}`;
}
