import { openDatabase } from '../../src/storage/connect.js';
import { describeTarget, engineOf, isPostgresUrl } from '../../src/storage/engine.js';
import { toPostgresPlaceholders } from '../../src/storage/prepared-statements.js';
import { freshDb } from '../helpers/db.js';

describe('choosing the engine from CLAIMTRAIL_DB / --db', () => {
  it.each([
    ['postgres://u:p@db.example.org:5432/claims', true],
    ['postgresql://localhost/claims?sslmode=require', true],
    ['POSTGRES://host/db', true],
    ['data/claimtrail.db', false],
    [':memory:', false],
    ['/srv/postgres://odd-but-a-path.db', false],
    ['mysql://host/db', false],
  ])('%s is PostgreSQL: %s', (target, postgres) => {
    expect(isPostgresUrl(target)).toBe(postgres);
  });

  it('never shows a password in what it prints about the database', () => {
    expect(describeTarget('postgres://editor:s3cret@db.example.org:5432/claims')).toBe('postgres://editor:***@db.example.org:5432/claims');
    expect(describeTarget('postgres://db.example.org/claims')).toBe('postgres://db.example.org/claims');
    expect(describeTarget('data/claimtrail.db')).toBe('data/claimtrail.db');
  });

  it('reads the engine of a database and of a transaction on it', async () => {
    const db = await freshDb();
    try {
      const expected = process.env.CLAIMTRAIL_TEST_PG_URL ? 'postgres' : 'sqlite';
      expect(engineOf(db)).toBe(expected);
      await db.transaction().execute(async (trx) => expect(engineOf(trx)).toBe(expected));
    } finally {
      await db.destroy();
    }
  });

  it('says which PostgreSQL server it could not reach, without the password', async () => {
    await expect(openDatabase('postgres://editor:s3cret@127.0.0.1:1/claims')).rejects.toThrow(
      /^cannot connect to the PostgreSQL database postgres:\/\/editor:\*\*\*@127\.0\.0\.1:1\/claims: .*ECONNREFUSED/,
    );
  });
});

describe('the hot path SQL on PostgreSQL', () => {
  it('numbers the placeholders in order', () => {
    expect(toPostgresPlaceholders('SELECT id FROM source WHERE file = ? AND url = ? LIMIT 1')).toBe(
      'SELECT id FROM source WHERE file = $1 AND url = $2 LIMIT 1',
    );
    expect(toPostgresPlaceholders('SELECT 1')).toBe('SELECT 1');
  });
});
