import { copyFileSync } from 'node:fs';
import { crossrefSources } from '../src/crossref/crossref.service.js';
import { openDatabase } from '../src/storage/connect.js';
copyFileSync('/tmp/ct-bbc-base.db', '/tmp/ctprof/t.db');
const db = await openDatabase('/tmp/ctprof/t.db');
const ids = (await db.selectFrom('source').select('id').execute()).map((r) => r.id);
for (let k = 0; k < 3; k++) {
  await db.deleteFrom('claim_link').execute(); await db.deleteFrom('entity_link').execute();
  const c = process.cpuUsage(); const t = performance.now();
  const r = await crossrefSources(db, ids);
  const d = process.cpuUsage(c);
  console.log('cpu', ((d.user + d.system) / 1e6).toFixed(2), 'wall', ((performance.now() - t) / 1000).toFixed(2), JSON.stringify(r.cpuMs));
}
