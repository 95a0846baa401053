import { ingestPaths } from '../src/ingest/ingest-files.js';
import { openMemoryDatabase } from '../src/storage/connect.js';
const db = await openMemoryDatabase();
await ingestPaths(db, ['corpus'], { crossref: false });
const e = await db.selectFrom('entity').selectAll().where('name', 'like', '%Masroor%').execute();
console.log(e);
for (const x of e) console.log(await db.selectFrom('mention').select(['source_id','start','end']).where('entity_id','=',x.id).execute());
console.log(await db.selectFrom('entity_alias').select(['alias_norm', 'entity_id']).where('alias_norm', 'in', ['bow', 'stepney', 'bethnal green']).execute());
console.log(await db.selectFrom('entity').select(['id','kind','name']).where('id','in',[34,119,35,127]).execute());
