/**
 * Reads that cannot change anything, and how they are made so: a READ ONLY transaction with a statement timeout
 * (and a lock timeout where asked). The action's own catalog reads (readRows) and a user's statement read through
 * a cursor (readQuery), so a huge result is cut without being fetched. Checks (./check.ts) begin here too.
 */
import Cursor from 'pg-cursor'
import type { Lsn } from '../lsn.js'
import { withClient, type Client } from './connect.js'
import { replayLsn } from './wal.js'

/** The statement itself failed in the database; `code` is its SQLSTATE, when the server sent one. */
export class StatementError extends Error {
  readonly code?: string

  constructor(cause: Error & { code?: string }) {
    super(cause.message, { cause })
    this.name = 'StatementError'
    this.code = cause.code
  }
}

/**
 * Opens a READ ONLY transaction whose statements stop at `timeoutMs` and, when `lockTimeoutMs` is given, wait at
 * most that long (and never longer than `timeoutMs`) for a lock.
 */
export async function beginReadOnly(
  client: Client,
  limits: { timeoutMs: number; lockTimeoutMs?: number }
): Promise<void> {
  await client.query('BEGIN TRANSACTION READ ONLY')
  await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.round(limits.timeoutMs))}`)
  if (limits.lockTimeoutMs === undefined) return
  const lockTimeoutMs = Math.min(limits.lockTimeoutMs, limits.timeoutMs)
  await client.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(lockTimeoutMs))}`)
}

/** Runs read-only SQL with parameters (for the action's own catalog queries) and returns the rows. */
export async function readRows<T extends Record<string, unknown>>(
  uri: string,
  sql: string,
  params: unknown[] = [],
  timeoutMs = 30_000
): Promise<T[]> {
  return withClient(uri, async (client) => {
    await beginReadOnly(client, { timeoutMs, lockTimeoutMs: Math.min(timeoutMs, 5000) })
    const { rows } = await client.query<T>(sql, params)
    await client.query('ROLLBACK')
    return rows
  })
}

export interface QueryRows {
  /** The result's column names, also when it has no rows. */
  columns: string[]
  /** At most `maxRows`. */
  rows: Record<string, unknown>[]
  /** There were more than `maxRows`. */
  truncated: boolean
  /** The LSN a time-travel compute replayed to, when it says. */
  replayLsn?: Lsn
}

/**
 * Runs one statement (the extended protocol refuses a second) in a read-only transaction and reads at most
 * `maxRows` of its rows. Throws StatementError when the statement fails (its SQLSTATE says why).
 */
export async function readQuery(
  uri: string,
  sql: string,
  limits: { maxRows: number; timeoutMs: number }
): Promise<QueryRows> {
  return withClient(uri, async (client) => {
    await beginReadOnly(client, { timeoutMs: limits.timeoutMs })
    const cursor = client.query(new Cursor(sql))
    let read: { rows: Record<string, unknown>[]; columns: string[] }
    try {
      read = await new Promise((resolve, reject) =>
        // The callback form also hands over the result, whose fields name the columns (even with no rows).
        cursor.read(limits.maxRows + 1, (error, rows, result) =>
          error ? reject(error) : resolve({ rows, columns: result.fields.map((field) => field.name) })
        )
      )
    } catch (error) {
      throw new StatementError(error as Error & { code?: string })
    } finally {
      await cursor.close().catch(() => undefined)
    }
    await client.query('ROLLBACK').catch(() => undefined)
    const { rows, columns } = read
    return {
      columns,
      rows: rows.slice(0, limits.maxRows),
      truncated: rows.length > limits.maxRows,
      replayLsn: await replayLsn(client)
    }
  })
}
