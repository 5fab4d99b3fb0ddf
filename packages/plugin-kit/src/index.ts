/**
 * @jmt/plugin-kit — what every 晶贸通 plugin stands on (see README.md):
 * the host contract, tenancy declarations and scoped data access, leases and schedules, unique indexes,
 * Strapi's list format, and controller helpers.
 */
export * from './host';
export * from './tenancy';
export { access, system, DataAccess, Table, type FindParams } from './access';
export type { Row, Knex } from './knex';
export { newDocumentId, INSTANCE_ID } from './ids';
export { withLease, schedule, leaseState, claimRow, LeaseLost, LEASE_TABLE, type Lease, type LeaseOutcome, type LeaseState, type Schedule } from './lease';
export { declareUniqueIndexes, declaredUniqueIndexes, isDeadlock, isUniqueViolation, isWriteConflict, type UniqueIndex } from './indexes';
export * from './list';
export * from './http';
export { guardDocumentWrites, type WriteGuard, type WriteGuardContext } from './documents';
