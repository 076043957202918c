/**
 * Postgres access: the action reaches Postgres only through this module, never through `pg` itself.
 * connect.ts: the one way to connect (timeouts, retries, the error guard, ConnectError);
 * time-travel.ts: URIs of a branch's past; wal.ts: head, replay and point LSNs;
 * read-only.ts: reads that cannot write; check.ts: checks and their verdicts;
 * copy.ts: COPY between two connections; tables.ts: what recover reads about tables;
 * catalog.ts: a table's full definition for its DDL, and the head's names and roles it needs.
 * row-stream.ts: ordered reads a batch at a time.
 */
export { ConnectError, ConnectionError, connect, withClient, type Client } from './connect.js'
export {
  CheckTimeoutError,
  LockTimeoutError,
  NotBooleanError,
  runCheck,
  type CheckOptions,
  type CheckOutcome
} from './check.js'
export { copyRows, copyWriter, type CopyWriter } from './copy.js'
export { canonicalText, streamRows } from './row-stream.js'
export { beginReadOnly, StatementError, readQuery, readRows, type QueryRows } from './read-only.js'
export {
  constraintExists,
  missingRoles,
  readReferencingKeys,
  readTableDefinition,
  tableOid,
  takenRelations
} from './catalog.js'
export { checkSelect, readTableShape, schemaExists } from './tables.js'
export { pastUri, timeTravelUri, type BranchEndpoint } from './time-travel.js'
export { headLsn, pointLsn } from './wal.js'
