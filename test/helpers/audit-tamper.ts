import type { TestDb } from './db.js';

const TRIGGERS = ['audit_event_append_only', 'audit_seal_append_only'];
const TABLES = ['audit_event', 'audit_seal'];

/**
 * Runs `sql` on the audit trail as its schema owner with the append-only triggers off, as a
 * database-only attacker (a DBA, a stolen owner role) could: what `ctp audit verify` must catch.
 */
export function tamperWithTrail(t: TestDb, sql: string, params: unknown[] = []): Promise<void> {
  const toggle = (state: 'DISABLE' | 'ENABLE') =>
    TABLES.map((table, i) => `ALTER TABLE ${table} ${state} TRIGGER ${TRIGGERS[i]};`).join(' ');
  return t.asOwner(async (owner) => {
    await owner.exec(toggle('DISABLE'));
    try {
      await owner.query(sql, params);
    } finally {
      await owner.exec(toggle('ENABLE'));
    }
  });
}
