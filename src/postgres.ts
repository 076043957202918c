/**
 * Connections to a branch: time-travel URIs (read-only, at a past LSN, no branch needed) and checks run so that
 * they cannot change anything: one statement, in a READ ONLY transaction with a statement timeout, sent with
 * the extended query protocol, which refuses a second statement smuggled in after a `;`.
 */
import pg from 'pg'

/** Bool's type OID in pg_type. */
const BOOL_OID = 16
/** SQLSTATEs of a connection that may work when tried again: connection exceptions, shutdown, overload. */
const RETRYABLE_STATES = /^(08...|57P01|57P02|57P03|53300|53400)$/
const RETRYABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND'])

/**
 * The URI of a read-only connection to `branchId` as it was at `lsn`, as neonctl builds it: the endpoint's
 * host with the endpoint id swapped for the branch id, and `options=neon_lsn:<lsn>`. Other options are kept.
 */
export function timeTravelUri(
  endpointUri: string,
  ids: { endpointId: string; branchId: string },
  point: { lsn: string } | { timestamp: string }
): string {
  const url = new URL(endpointUri)
  url.hostname = url.hostname.replace(ids.endpointId, ids.branchId)
  const neon = 'lsn' in point ? `neon_lsn:${point.lsn}` : `neon_timestamp:${point.timestamp}`
  const kept = (url.searchParams.get('options') ?? '')
    .split(/\s+/)
    .filter((token) => token && !/^neon_(lsn|timestamp):/.test(token))
  url.searchParams.set('options', [...kept, neon].join(' '))
  return url.toString()
}

/** The check ran and answered. */
export interface CheckValue {
  kind: 'value'
  healthy: boolean
  ms: number
}

/** The check's statement failed in the database (e.g. a table it reads does not exist at this point). */
export interface CheckSqlError {
  kind: 'sql-error'
  code: string
  message: string
  ms: number
}

export type CheckOutcome = CheckValue | CheckSqlError

/** The check returned something other than one row with one boolean: no verdict can be read from it. */
export class NotBooleanError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'NotBooleanError'
  }
}

/** Could not connect (after retries), or the check hit its timeout: no verdict. */
export class ConnectionError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConnectionError'
  }
}

/**
 * The check waited longer than `lockTimeoutMs` for a lock. At a time-travel point this means a transaction that
 * had not committed there holds the lock (a replayed DDL, say), and nothing will release it.
 */
export class LockTimeoutError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'LockTimeoutError'
  }
}

export interface CheckOptions {
  timeoutMs: number
  /** Lock wait limit, below the statement timeout; default the statement timeout. */
  lockTimeoutMs?: number
  /** Tries of a connection that fails in a way that may pass (refused, reset, compute starting). */
  attempts?: number
  retryDelayMs?: number
}

interface PgError extends Error {
  code?: string
}

/** Runs `sql` once and reads one boolean from it. Throws NotBooleanError or ConnectionError; SQL errors are returned. */
export async function runCheck(uri: string, sql: string, options: CheckOptions): Promise<CheckOutcome> {
  const attempts = options.attempts ?? 4
  for (let attempt = 1; ; attempt++) {
    const started = Date.now()
    const client = new pg.Client({ connectionString: uri, connectionTimeoutMillis: 30_000 })
    // A connection dropped while idle must not crash the process; the query in flight reports it.
    client.on('error', () => undefined)
    try {
      await client.connect()
    } catch (error) {
      await client.end().catch(() => undefined)
      const code = (error as PgError).code ?? ''
      if ((RETRYABLE_STATES.test(code) || RETRYABLE_CODES.has(code)) && attempt < attempts) {
        await new Promise((resolve) => setTimeout(resolve, (options.retryDelayMs ?? 250) * 2 ** (attempt - 1)))
        continue
      }
      const tries = attempt > 1 ? ` after ${attempt} attempts` : ''
      throw new ConnectionError(`could not connect${tries}: ${(error as Error).message}`)
    }
    try {
      await client.query('BEGIN TRANSACTION READ ONLY')
      await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.round(options.timeoutMs))}`)
      const lockTimeout = Math.min(options.lockTimeoutMs ?? options.timeoutMs, options.timeoutMs)
      await client.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(lockTimeout))}`)
      let result: pg.QueryResult
      try {
        result = await client.query({ text: sql, queryMode: 'extended' } as pg.QueryConfig)
      } catch (error) {
        const { code = '', message } = error as PgError
        if (code === '55P03') throw new LockTimeoutError(`the check waited more than ${lockTimeout} ms for a lock`)
        if (code === '57014') {
          throw new ConnectionError(
            `the check ran longer than check-timeout (${options.timeoutMs} ms) and was cancelled`
          )
        }
        if (!code || RETRYABLE_STATES.test(code)) {
          if (attempt < attempts) continue
          throw new ConnectionError(`the connection failed during the check: ${message}`)
        }
        return { kind: 'sql-error', code, message, ms: Date.now() - started }
      }
      return { kind: 'value', healthy: readBoolean(result), ms: Date.now() - started }
    } finally {
      await client.end().catch(() => undefined)
    }
  }
}

/** Runs read-only SQL with parameters (for the action's own catalog queries) and returns the rows. */
export async function readRows<T extends Record<string, unknown>>(
  uri: string,
  sql: string,
  params: unknown[] = [],
  timeoutMs = 30_000
): Promise<T[]> {
  const client = new pg.Client({ connectionString: uri, connectionTimeoutMillis: 30_000 })
  client.on('error', () => undefined)
  await client.connect()
  try {
    await client.query('BEGIN TRANSACTION READ ONLY')
    await client.query(`SET LOCAL statement_timeout = ${Math.round(timeoutMs)}`)
    await client.query(`SET LOCAL lock_timeout = ${Math.round(Math.min(timeoutMs, 5000))}`)
    const { rows } = await client.query<T>(sql, params)
    await client.query('ROLLBACK')
    return rows
  } finally {
    await client.end().catch(() => undefined)
  }
}

function readBoolean(result: pg.QueryResult): boolean {
  const columns = result.fields.map((field) => `${field.name} (${typeName(field.dataTypeID)})`)
  if (result.fields.length !== 1 || result.fields[0].dataTypeID !== BOOL_OID) {
    throw new NotBooleanError(
      `the check must return one boolean column, but it returned ${columns.length} column${columns.length === 1 ? '' : 's'}` +
        `${columns.length ? `: ${columns.join(', ')}` : ''} (write it like SELECT count(*) > 1 FROM users)`
    )
  }
  if (result.rows.length !== 1) {
    throw new NotBooleanError(
      `the check must return exactly one row, but it returned ${result.rows.length} (aggregate it, e.g. SELECT bool_and(...) FROM ...)`
    )
  }
  const value = Object.values(result.rows[0] as Record<string, unknown>)[0]
  if (typeof value !== 'boolean') {
    throw new NotBooleanError('the check returned NULL, not a boolean (wrap it, e.g. SELECT coalesce(..., false))')
  }
  return value
}

const TYPE_NAMES: Record<number, string> = { 16: 'boolean', 20: 'bigint', 21: 'smallint', 23: 'integer', 25: 'text' }

function typeName(oid: number): string {
  return TYPE_NAMES[oid] ?? `type oid ${oid}`
}
