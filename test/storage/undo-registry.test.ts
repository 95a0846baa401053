import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordAuditEvent } from '../../src/storage/audit.repository.js';
import { CORRECT_CLAIM_ACTION } from '../../src/storage/claim-correction.repository.js';
import type { DB } from '../../src/storage/connect.js';
import { MERGE_ACTION, RENAME_ACTION, SPLIT_ACTION } from '../../src/storage/entity-edit.repository.js';
import { LINK_DECISION_ACTIONS } from '../../src/storage/links.repository.js';
import { findLastUndoable, NOT_UNDOABLE, UNDO_HANDLERS, undoLastChange } from '../../src/storage/undo-registry.js';
import { createTestDb } from '../helpers/db.js';

const SRC = new URL('../../src/', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sourceFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

/** Every audit action named in src/: `FOO_ACTION = '…'` constants and `action: '…'` literals, plus the computed ones. */
function auditedActions(): Set<string> {
  const found = new Set<string>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\b[A-Z_]*_ACTION\s*=\s*'([a-z_.]+)'/g)) found.add(m[1]);
    for (const m of text.matchAll(/\baction:\s*'([a-z_.]+)'/g)) found.add(m[1]);
  }
  // written from templates: `${table}.${verb}` for link decisions, `${action}.undo` by the entity page's undo
  for (const a of LINK_DECISION_ACTIONS) found.add(a);
  for (const a of [MERGE_ACTION, SPLIT_ACTION, RENAME_ACTION]) found.add(`${a}.undo`);
  return found;
}

describe('the undo registry', () => {
  it('classifies every audited action in src/ as undoable (with a handler) or not, never both', () => {
    const actions = auditedActions();
    expect(actions.size).toBeGreaterThanOrEqual(25); // the scan found the actions, not nothing
    const unclassified = [...actions].filter((a) => !UNDO_HANDLERS.has(a) && !(a in NOT_UNDOABLE));
    expect(unclassified).toEqual([]);
    expect(Object.keys(NOT_UNDOABLE).filter((a) => UNDO_HANDLERS.has(a))).toEqual([]);
    // and the lists name no action the code never writes
    expect([...UNDO_HANDLERS.keys(), ...Object.keys(NOT_UNDOABLE)].filter((a) => !actions.has(a))).toEqual([]);
  });

  it('holds a handler for every action some page offers to undo', () => {
    for (const a of [
      CORRECT_CLAIM_ACTION,
      MERGE_ACTION,
      SPLIT_ACTION,
      RENAME_ACTION,
      ...LINK_DECISION_ACTIONS,
      'claim.annotate',
      'claim.create',
      'user.role',
      'user.disable',
      'user.enable',
    ]) {
      expect([a, typeof UNDO_HANDLERS.get(a)]).toEqual([a, 'function']);
    }
  });

  it('is the only place handlers are registered: no module registers one when imported', () => {
    const registering = sourceFiles(SRC).filter((f) => /\bregisterUndo\s*\(/.test(readFileSync(f, 'utf8')));
    expect(registering).toEqual([]);
  });

  describe('against a database', () => {
    let db: DB;
    beforeEach(async () => {
      db = await createTestDb();
    });
    afterEach(() => db.destroy());

    it('offers every registered action for undo and none of the others', async () => {
      for (const action of [...UNDO_HANDLERS.keys()]) {
        const id = await recordAuditEvent(db, { actor: 'ann', action, targetType: 'test', targetId: null, before: null, after: null });
        expect([action, (await findLastUndoable(db, 'ann'))?.id]).toEqual([action, id]);
      }
      for (const action of Object.keys(NOT_UNDOABLE)) {
        await recordAuditEvent(db, { actor: 'bob', action, targetType: 'test', targetId: null, before: null, after: null });
      }
      expect(await undoLastChange(db, 'bob')).toEqual({ status: 'nothing' });
    });
  });
});
