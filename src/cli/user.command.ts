import type { Command } from 'commander';
import { readConfig } from '../core/config.js';
import { AppError } from '../core/errors.js';
import { openDatabase, resolveDbPath } from '../storage/connect.js';
import { addUser, ROLES, type Role } from '../storage/user.repository.js';
import { cliActor } from './cli-actor.js';

/** Reads a password from $CLAIMTRAIL_PASSWORD, or the first line of standard input (never from argv, which ps shows). */
async function readPassword(): Promise<string> {
  const fromEnv = readConfig('password');
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) process.stderr.write('password: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (Buffer.concat(chunks).includes(10)) break;
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

export function registerUserCommand(program: Command): void {
  const user = program.command('user').description('manage accounts');
  user
    .command('add')
    .description('add an account; the password comes from $CLAIMTRAIL_PASSWORD or standard input')
    .argument('<name>', 'user name')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .action(async (name: string, opts: { role: string }) => {
      if (!ROLES.includes(opts.role as Role)) throw new AppError('bad_request', `--role must be one of ${ROLES.join(', ')}`);
      const password = await readPassword();
      const db = await openDatabase(resolveDbPath(program.opts().db));
      try {
        const id = await addUser(db, name, opts.role as Role, password, cliActor());
        console.log(`added ${opts.role} "${name}" (id ${id})`);
      } finally {
        await db.destroy();
      }
    });
}
