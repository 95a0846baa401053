import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import type { Express } from 'express';
import type { DB } from '../../src/storage/connect.js';
import { corpusFileDb } from '../helpers/db.js';
import { createTestApp } from '../helpers/web.js';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;
const CLI = join(ROOT, 'bin/claimtrail.js');

const text = (res: request.Response) => res.text;
// each CLI run starts node and tsx: seconds on a busy shared machine
const CLI_TIMEOUT_MS = 120_000;

describe('exports of the corpus over HTTP and from the CLI', () => {
  let db: DB;
  let dbPath: string;
  let app: Express;
  let ahmed: { id: number; source_id: number }[];
  let sourceTexts: Map<number, string>;
  beforeEach(async () => {
    ({ db, path: dbPath } = await corpusFileDb());
    app = createTestApp(db);
    ahmed = await db.selectFrom('claim').select(['id', 'source_id']).where('speaker_name', '=', 'Muddassar Ahmed').orderBy('id').execute();
    sourceTexts = new Map((await db.selectFrom('source').select(['id', 'text']).execute()).map((s) => [s.id, s.text]));
  });
  afterEach(() => db.destroy());

  async function review(claimId: number, verdict: string) {
    await db
      .insertInto('annotation')
      .values({ claim_id: claimId, author: 'eddie', verdict, note_markdown: 'checked', created_at: new Date().toISOString() })
      .execute();
    await db.updateTable('claim').set({ verdict }).where('id', '=', claimId).execute();
  }

  it(
    'ClaimReview with nothing reviewed: a clear message in the file, the header and on the CLI, not a silent empty list',
    async () => {
      const res = await request(app).get('/export?format=claimreview&speaker=Ajmal+Masroor').expect(200);
      const matching = Number(res.headers['x-claimtrail-skipped']);
      expect(matching).toBeGreaterThan(0);
      expect(res.headers['x-claimtrail-count']).toBe('0');
      const doc = JSON.parse(text(res));
      expect(doc.itemListElement).toEqual([]);
      expect(doc.description).toBe(
        `Nothing to export: none of the ${matching} claims has been reviewed (all unverified). Judge claims on their pages first; only claims an editor has judged become ClaimReviews.`,
      );
      const cli = await run(process.execPath, [CLI, '--db', dbPath, 'export', '--format', 'claimreview', '--speaker', 'Ajmal Masroor'], { cwd: ROOT });
      expect(JSON.parse(cli.stdout).description).toBe(doc.description);
      expect(cli.stderr).toContain('exported 0 claims as claimreview');
      expect(cli.stderr).toContain(`Nothing to export: none of the ${matching} claims has been reviewed`);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'ClaimReview exports reviewed claims only and says how many it skipped and why',
    async () => {
      await review(ahmed[0].id, 'verified');
      await review(ahmed[1].id, 'disputed');
      const res = await request(app).get('/export?format=claimreview&speaker=Muddassar+Ahmed').expect(200);
      expect(res.headers['x-claimtrail-count']).toBe('2');
      expect(res.headers['x-claimtrail-skipped']).toBe(String(ahmed.length - 2));
      const doc = JSON.parse(text(res));
      expect(doc.numberOfItems).toBe(2);
      expect(doc.itemListElement.map((r: { url: string }) => r.url.replace(/^http:\/\/[^/]+/, ''))).toEqual([
        `/claims/${ahmed[0].id}`,
        `/claims/${ahmed[1].id}`,
      ]);
      expect(doc.description).toBe(
        `2 claims reviewed; ${ahmed.length - 2} claims skipped: not reviewed yet (verdict unverified); only claims an editor has judged become ClaimReviews.`,
      );
      for (const [i, r] of (doc.itemListElement as { itemReviewed: { text: string } }[]).entries())
        expect(sourceTexts.get(ahmed[i].source_id)).toContain(r.itemReviewed.text);
      const cli = await run(process.execPath, [CLI, '--db', dbPath, 'export', '--format', 'claimreview', '--speaker', 'Muddassar Ahmed'], { cwd: ROOT });
      expect(cli.stderr).toContain(`${ahmed.length - 2} claims skipped: not reviewed yet (verdict unverified)`);
      // other formats have nothing skipped and no such header
      const csv = await request(app).get('/export?format=csv&speaker=Muddassar+Ahmed').expect(200);
      expect(csv.headers['x-claimtrail-skipped']).toBeUndefined();
    },
    CLI_TIMEOUT_MS,
  );

  it('RIS of the corpus: one tag per line, the sentence from the source text, the permalink', async () => {
    const res = await request(app).get('/export?format=ris&speaker=Muddassar+Ahmed').expect(200);
    const lines = text(res).replace(/\n$/, '').split('\n');
    for (const line of lines) expect(line).toMatch(/^[A-Z][A-Z0-9] {2}- /);
    const notes = lines.filter((l) => l.startsWith('N1  - '));
    expect(notes).toHaveLength(ahmed.length);
    const host = /^UR {2}- (http:\/\/[^/]+)\/claims\/\d+$/m.exec(text(res))?.[1];
    expect(host).toBeDefined();
    notes.forEach((n, i) => {
      expect(n).toContain('— Muddassar Ahmed');
      expect(n).toContain(`Claim: ${host}/claims/${ahmed[i].id}`);
      const sentence = /Sentence: “(.*?)”\. Claim:/.exec(n)?.[1];
      expect(sentence).toBeTruthy();
      expect(sourceTexts.get(ahmed[i].source_id)!.replace(/\s+/g, ' ')).toContain(sentence);
    });
  });

  it('figures carry value, unit and sentence in CSL-JSON and CSV, never a bare number', async () => {
    const csl = JSON.parse(text(await request(app).get('/export?format=csl&kind=figure').expect(200)));
    expect(csl.length).toBeGreaterThan(0);
    for (const item of csl) {
      expect(item.custom.kind).toBe('figure');
      expect(typeof item.custom.value).toBe('number');
      expect(item.custom.unit).toBeTruthy();
      expect(item.custom.sentence).toContain(item.custom.text);
      expect(item.note).toContain(`[figure: `);
      expect(item.note).toContain(`Sentence: “`);
    }
    const csv = text(await request(app).get('/export?format=csv&kind=figure').expect(200));
    const header = csv.split('\r\n')[0].split(',');
    expect(header.slice(11)).toEqual(['sentence', 'claim_url', 'value', 'value_max', 'unit', 'qualifier']);
  });

  it('BibTeX of the corpus: month macros and biblatex dates', async () => {
    const bib = text(await request(app).get('/export?format=bibtex&kind=figure').expect(200));
    expect(bib).not.toMatch(/month = \{/);
    const months = [...bib.matchAll(/^\tmonth = ([a-z]{3}),$/gm)].map((m) => m[1]);
    const dates = [...bib.matchAll(/^\tdate = \{(\d{4}(?:-\d{2}(?:-\d{2})?)?)\},$/gm)].map((m) => m[1]);
    expect(months.length).toBeGreaterThan(0);
    expect(dates.filter((d) => d.length > 4)).toHaveLength(months.length);
  });
});
