import { isDeadlock, isUniqueViolation, isWriteConflict } from '../src';

/** What the drivers throw when a concurrent write wins (shapes as better-sqlite3 and mysql2 report them). */
const sqliteDuplicate = Object.assign(new Error('UNIQUE constraint failed: customs_inventories.open_order_id'), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
const mysqlDuplicate = Object.assign(new Error("Duplicate entry '42' for key 'customs_inventories_open_order_id_uq'"), { code: 'ER_DUP_ENTRY', errno: 1062 });
const mysqlDeadlock = Object.assign(new Error('Deadlock found when trying to get lock; try restarting transaction'), { code: 'ER_LOCK_DEADLOCK', errno: 1213 });
const other = Object.assign(new Error("Table 'x' doesn't exist"), { code: 'ER_NO_SUCH_TABLE', errno: 1146 });

describe('write conflicts', () => {
  it('a duplicate of a unique key on either database, or a deadlock victim, lost to a concurrent write', () => {
    for (const e of [sqliteDuplicate, mysqlDuplicate]) expect([isUniqueViolation(e), isWriteConflict(e)]).toEqual([true, true]);
    expect([isUniqueViolation(mysqlDeadlock), isDeadlock(mysqlDeadlock), isWriteConflict(mysqlDeadlock)]).toEqual([false, true, true]);
  });

  it('anything else is an error of its own', () => {
    for (const e of [other, new Error('boom'), null, undefined, 'text']) expect(isWriteConflict(e)).toBe(false);
  });
});
