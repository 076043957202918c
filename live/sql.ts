/**
 * SQL on the connection strings the API hands out: how the live suite seeds data and reads what a step left.
 * A Neon compute may be waking from suspension, so a connection gets a generous timeout.
 */
import pg from 'pg'

export { commitEnd } from '../tools/commit-lsn.js'

const CONNECT_TIMEOUT_MS = 30_000
const CONNECT_ATTEMPTS = 4

/**
 * A connected client; the caller ends it. A compute that is starting (after a restore, or waking from
 * suspension) may refuse a first connection, so connecting is tried a few times. An idle connection cut by a
 * restore must not crash the suite.
 */
export async function connect(uri: string): Promise<pg.Client> {
  for (let attempt = 1; ; attempt++) {
    const client = new pg.Client({ connectionString: uri, connectionTimeoutMillis: CONNECT_TIMEOUT_MS })
    client.on('error', () => undefined)
    try {
      await client.connect()
      return client
    } catch (error) {
      await client.end().catch(() => undefined)
      if (attempt === CONNECT_ATTEMPTS) throw error
      await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt))
    }
  }
}

export async function query<T extends Record<string, unknown> = Record<string, unknown>>(
  uri: string,
  sql: string,
  params: unknown[] = []
): Promise<T[]> {
  const client = await connect(uri)
  try {
    return (await client.query<T>(sql, params)).rows
  } finally {
    await client.end().catch(() => undefined)
  }
}

/** The WAL position now: the point "after everything written so far". */
export async function currentLsn(uri: string): Promise<string> {
  const [row] = await query<{ lsn: string }>(uri, 'SELECT pg_current_wal_lsn()::text AS lsn')
  return row.lsn
}

/** The ids of `table`, in order. */
export async function ids(uri: string, table: string): Promise<number[]> {
  return (await query<{ id: number }>(uri, `SELECT id FROM ${table} ORDER BY id`)).map((row) => row.id)
}

/** Whether `table` (schema-qualified or on the search path) exists. */
export async function tableExists(uri: string, table: string): Promise<boolean> {
  const [row] = await query<{ found: boolean }>(uri, 'SELECT to_regclass($1) IS NOT NULL AS found', [table])
  return row.found
}
