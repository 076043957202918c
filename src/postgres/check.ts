/**
 * Checks, and only here: a user's SQL run once so that it cannot change anything (one statement, sent with the
 * extended query protocol, which refuses a second smuggled in after a `;`, in a READ ONLY transaction with a
 * timeout), and the one boolean read from it. What went wrong is typed, so callers never read messages.
 */
import type pg from 'pg'
import { ConnectionError, mayPass, withClient, type Client } from './connect.js'
import { beginReadOnly } from './read-only.js'

/** Bool's type OID in pg_type. */
const BOOL_OID = 16

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

/** The check ran longer than its timeout and was cancelled: no verdict (a ConnectionError, as no answer came). */
export class CheckTimeoutError extends ConnectionError {
  constructor(timeoutMs: number) {
    super(`the check ran longer than check-timeout (${timeoutMs} ms) and was cancelled`)
    this.name = 'CheckTimeoutError'
  }
}

/** The connection broke while the check ran; a new one may answer. */
class ConnectionLostError extends ConnectionError {
  constructor(cause: Error) {
    super(`the connection failed during the check: ${cause.message}`, { cause })
    this.name = 'ConnectionLostError'
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
  /** Tries of a connection that fails in a way that may pass (refused, reset, compute starting, lost). */
  attempts?: number
  retryDelayMs?: number
}

/**
 * Runs `sql` once and reads one boolean from it; `ms` counts from the first try to connect. Throws
 * NotBooleanError, LockTimeoutError or a ConnectionError (ConnectError, CheckTimeoutError, or the connection
 * lost on every try); SQL errors are returned.
 */
export async function runCheck(uri: string, sql: string, options: CheckOptions): Promise<CheckOutcome> {
  const attempts = options.attempts ?? 4
  for (let attempt = 1; ; attempt++) {
    const started = Date.now()
    try {
      return await withClient(uri, (client) => checkOn(client, sql, options, started), {
        attempts,
        retryDelayMs: options.retryDelayMs
      })
    } catch (error) {
      if (!(error instanceof ConnectionLostError) || attempt >= attempts) throw error
    }
  }
}

async function checkOn(client: Client, sql: string, options: CheckOptions, started: number): Promise<CheckOutcome> {
  const lockTimeoutMs = Math.min(options.lockTimeoutMs ?? options.timeoutMs, options.timeoutMs)
  await beginReadOnly(client, { timeoutMs: options.timeoutMs, lockTimeoutMs })
  let result: pg.QueryResult
  try {
    result = await client.query({ text: sql, queryMode: 'extended' } as pg.QueryConfig)
  } catch (error) {
    const { code = '', message } = error as Error & { code?: string }
    if (code === '55P03') throw new LockTimeoutError(`the check waited more than ${lockTimeoutMs} ms for a lock`)
    if (code === '57014') throw new CheckTimeoutError(options.timeoutMs)
    if (!code || mayPass(code)) throw new ConnectionLostError(error as Error)
    return { kind: 'sql-error', code, message, ms: Date.now() - started }
  }
  return { kind: 'value', healthy: readBoolean(result), ms: Date.now() - started }
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
