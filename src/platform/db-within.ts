import type { Db, Tx } from './db.js';

/**
 * A `Db` whose every query and transaction runs inside a transaction already open (`tx`): so a service built
 * on it (another part's exported function, which opens its own transaction) joins the caller's instead, and
 * all of it commits or rolls back together. Its `transaction(fn)` simply runs `fn(tx)`: a failure inside
 * throws out to the caller's transaction, which rolls everything back. The rest is the outer database's.
 */
export function withinTransaction(tx: Tx, outer: Db): Db {
  return {
    engine: outer.engine,
    query: (sql, params) => tx.query(sql, params),
    exec: (sql) => tx.exec(sql),
    transaction: async (fn) => fn(tx),
    useAppRole: async () => {
      throw new Error('withinTransaction: the role is the outer database’s');
    },
    checkStorage: () => outer.checkStorage(),
    whenQuiet: async () => undefined,
    requestStarted: () => () => undefined,
    close: async () => {
      throw new Error('withinTransaction: the outer database closes itself');
    },
  };
}
