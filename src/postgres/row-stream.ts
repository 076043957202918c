/**
 * Ordered streaming reads, and only here: a SELECT read through a cursor a batch at a time, so a table of any size
 * passes through in flat memory, and the session settings that make every value's text the same at both points.
 */
import Cursor from 'pg-cursor'
import type { Client } from './connect.js'

/** Rows fetched at a time: large enough that round trips do not dominate, small enough to stay flat. */
const BATCH_ROWS = 2000

/**
 * Text forms that read back as the same value and do not depend on the role's settings: ISO dates, plain
 * intervals, floats with every digit. Set in the same transaction as the reads (SET LOCAL).
 */
export async function canonicalText(client: Client): Promise<void> {
  await client.query(
    "SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL IntervalStyle = 'postgres'; SET LOCAL extra_float_digits = 3"
  )
}

/** The rows of `sql` (every column as text) as arrays, in the order the query gives them. */
export async function* streamRows(client: Client, sql: string): AsyncGenerator<(string | null)[]> {
  const cursor = client.query(new Cursor<(string | null)[]>(sql, [], { rowMode: 'array' }))
  try {
    for (;;) {
      const rows = await cursor.read(BATCH_ROWS)
      if (rows.length === 0) return
      yield* rows
    }
  } finally {
    await cursor.close().catch(() => undefined)
  }
}
