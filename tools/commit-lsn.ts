/**
 * The LSN at which a commit has ended, read from the server that ran it: shared by the integration tests and
 * the live suite (live/), which both check that bisect finds exactly this point.
 */
import type pg from 'pg'
import { alignUp, parseLsn, type Lsn } from '../src/lsn.js'

/** A WAL page header: 24 bytes, 40 on the first page of a segment (access/xlog_internal.h). */
const SHORT_PAGE_HEADER = 24n
const LONG_PAGE_HEADER = 40n

/**
 * Commits `sql` on `client` and returns the first LSN at which the commit has ended: the WAL write position
 * right after its commit record. The record after a commit that ends exactly at a page boundary starts after the
 * next page's header (a longer one at a segment start), and only from there is the commit "ended". Page and
 * segment sizes are the server's (the emulator's segments are 1 MB, Neon's the default 16 MB).
 */
export async function commitEnd(client: pg.Client, sql: string): Promise<Lsn> {
  const results = (await client.query(
    `BEGIN; ${sql}; COMMIT;
     SELECT pg_current_wal_lsn()::text AS lsn,
            current_setting('wal_block_size')::bigint AS page,
            (SELECT setting::bigint FROM pg_settings WHERE name = 'wal_segment_size') AS segment`
  )) as unknown as pg.QueryResult[]
  const { lsn, page, segment } = results[results.length - 1].rows[0]
  const end = alignUp(parseLsn(lsn))
  if (end % BigInt(segment) === 0n) return end + LONG_PAGE_HEADER
  if (end % BigInt(page) === 0n) return end + SHORT_PAGE_HEADER
  return end
}
