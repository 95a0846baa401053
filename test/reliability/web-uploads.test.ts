import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { join } from 'node:path';
import type { Express } from 'express';
import type { DB } from '../../src/storage/connect.js';
import { closeApp } from '../../src/web/app.js';
import { createTestDb, tempDir } from '../helpers/db.js';
import { createTestApp, csrfFrom, type LoggedIn, loginAs, TEST_PASSWORD } from '../helpers/web.js';
import request from 'supertest';

const execFileP = promisify(execFile);

// Uploads stream to a temporary folder with a per-file and a total cap; the folder is emptied after every request.
const MB = 1024 * 1024;
let db: DB;
let app: Express;
let ed: LoggedIn;
let uploadDir: string;
let files: string;
let session: string;
let sessionCsrf: string;

beforeAll(async () => {
  db = await createTestDb();
  uploadDir = join(tempDir(), 'uploads');
  mkdirSync(uploadDir);
  files = tempDir();
  app = createTestApp(db, { uploadDir, maxUploadBytes: 4 * MB, maxUploadTotalBytes: 48 * MB });
  ed = await loginAs(app, db, 'ed', 'editor');
  // a second session for the same editor, as a cookie another program can send
  const agent = request.agent(app);
  const loginCsrf = csrfFrom((await agent.get('/login').expect(200)).text);
  const res = await agent.post('/login').type('form').send({ _csrf: loginCsrf, name: 'ed', password: TEST_PASSWORD }).expect(303);
  session = /ct_session=([^;]+)/.exec(String(res.headers['set-cookie']))![1];
  sessionCsrf = csrfFrom((await agent.get('/')).text);
});
afterAll(async () => {
  await closeApp(app);
  await db.destroy();
});

const sourceCount = async () =>
  Number(
    (
      await db
        .selectFrom('source')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const upload = () => ed.agent.post(`/sources/new/upload?_csrf=${encodeURIComponent(ed.csrf)}`);

function file(name: string, content: string | Buffer): string {
  const path = join(files, name);
  writeFileSync(path, content);
  return path;
}

describe('uploads', () => {
  it('do not grow the server’s memory with their size (12 × 3.5 MB from another process), and leave nothing behind', async () => {
    // binary files: each is written to disk, read by a worker and rejected by name, so the test measures the upload
    const paths = Array.from({ length: 12 }, (_, i) => file(`big-${i}.txt`, Buffer.alloc(3.5 * MB, i + 1).fill(0, 100, 200)));
    const before = await sourceCount();
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as AddressInfo;
    // live buffers only: collect garbage before each sample (gc() made available through V8's flag)
    v8.setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as (options?: { type: 'minor' | 'major' }) => void;
    gc();
    const base = process.memoryUsage().arrayBuffers;
    let peak = base;
    let samples = 0;
    const sampler = setInterval(() => {
      gc({ type: 'minor' }); // network chunks die young: a scavenge frees them, cheaply
      peak = Math.max(peak, process.memoryUsage().arrayBuffers);
      samples++;
    }, 20);
    let out: string;
    try {
      // curl sends the files from disk, so only the server's side of the upload is in this process
      ({ stdout: out } = await execFileP(
        'curl',
        [
          '-sS',
          '-w',
          '\n%{http_code}',
          '-b',
          `ct_session=${session}`,
          ...paths.flatMap((p) => ['-F', `files=@${p}`]),
          `http://127.0.0.1:${port}/sources/new/upload?_csrf=${encodeURIComponent(sessionCsrf)}`,
        ],
        { maxBuffer: 16 * MB },
      ));
    } finally {
      clearInterval(sampler);
      await new Promise((r) => server.close(r));
    }
    expect(out.trim().split('\n').pop()).toBe('422');
    for (let i = 0; i < 12; i++) expect(out).toMatch(new RegExp(`<code>big-${i}\\.txt</code>[\\s\\S]*?rejected</span>: binary file`));
    // 42 MB went through; held in memory (as before) it would all be there at once
    expect(samples).toBeGreaterThan(10);
    // measured: about 3 MB live at most; with the files held in memory (multer's memoryStorage) about 54 MB
    expect(peak - base).toBeLessThan(12 * MB);
    expect(readdirSync(uploadDir)).toEqual([]);
    expect(await sourceCount()).toBe(before);
  }, 90_000);

  it('a file over the per-file cap: 413 by name of the limit, nothing stored, folder empty', async () => {
    const before = await sourceCount();
    const res = await upload()
      .attach('files', file('ok.txt', 'Fine\n\nA short article.'))
      .attach('files', file('huge.txt', 'x'.repeat(4 * MB + 1)))
      .expect(413);
    expect(res.text).toMatch(/a file is larger than the limit of 4 MB/);
    expect(readdirSync(uploadDir)).toEqual([]);
    expect(await sourceCount()).toBe(before);
  });

  it('an upload over the total cap is refused before it is read: 413 naming the limit', async () => {
    const small = createTestApp(db, { uploadDir, maxUploadBytes: 4 * MB, maxUploadTotalBytes: 5 * MB, extractionPool: app.locals.extractionPool });
    const agent = await loginAs(small, db, 'ed2', 'editor');
    const before = await sourceCount();
    let req = agent.agent.post(`/sources/new/upload?_csrf=${encodeURIComponent(agent.csrf)}`);
    for (let i = 0; i < 3; i++) req = req.attach('files', file(`part-${i}.txt`, `Part ${i}\n\n${'Words of an article. '.repeat(100_000)}`));
    const res = await req.expect(413);
    expect(res.text).toMatch(/the upload is larger than the limit of 5 MB for all files together/);
    expect(readdirSync(uploadDir)).toEqual([]);
    expect(await sourceCount()).toBe(before);
  });

  it('a good file is stored, and its temporary copy removed', async () => {
    const res = await upload().attach('files', file('good.txt', 'Library opens\n\n“Books for everyone,” said Rosa Diaz, the librarian.')).expect(303);
    expect(res.headers.location).toMatch(/^\/sources\/\d+$/);
    expect(readdirSync(uploadDir)).toEqual([]);
  });
});
