/**
 * COPY piping, and only here: rows streamed from one connection's COPY TO STDOUT into another's COPY FROM STDIN,
 * so no more than a few buffers of rows are in memory at once, however large the table.
 */
import { once } from 'node:events'
import { finished, pipeline } from 'node:stream/promises'
import { from as copyFrom, to as copyTo } from 'pg-copy-streams'
import { copyInSql, copyOutSql, type CopyFormat } from '../recovery-sql.js'
import type { Client } from './connect.js'

/**
 * Streams the rows of `select` on `source` into `columns` of the quoted table `into` on `sink`. Returns the row
 * counts both sides reported.
 */
export async function copyRows(
  source: Client,
  sink: Client,
  select: string,
  into: string,
  columns: string[],
  format: CopyFormat = 'text'
): Promise<{ read: number; written: number }> {
  const out = source.query(copyTo(copyOutSql(select, format)))
  const copyIn = sink.query(copyFrom(copyInSql(into, columns, format)))
  await pipeline(out, copyIn)
  return { read: out.rowCount, written: copyIn.rowCount }
}

/** A COPY FROM STDIN that lines are written into one at a time, waiting when the connection is behind. */
export interface CopyWriter {
  write(line: string): Promise<void>
  /** Ends the COPY; resolves with the rows the server took. */
  end(): Promise<number>
}

export function copyWriter(sink: Client, sql: string): CopyWriter {
  const stream = sink.query(copyFrom(sql))
  // Listened to at once, so a failure of the COPY rejects end() (or the next write) instead of crashing.
  const done = finished(stream)
  done.catch(() => undefined)
  return {
    async write(line) {
      if (!stream.write(line)) await Promise.race([once(stream, 'drain'), done])
    },
    async end() {
      stream.end()
      await done
      return stream.rowCount
    }
  }
}
