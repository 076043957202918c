/**
 * LSNs read from Postgres, and only here: the head of a branch, the LSN a time-travel compute replayed to, and
 * the LSN of a point (src/point.ts), aligned as Neon aligns a branch point.
 */
import { alignUp, parseLsn, type Lsn } from '../lsn.js'
import type { Point } from '../point.js'
import { withClient, type Client } from './connect.js'
import { pastUri, type BranchEndpoint } from './time-travel.js'

/**
 * The head of the branch behind `uri` (its read-write endpoint): the WAL flush position. Every commit the caller
 * has seen acknowledged ends at or before it (a synchronous commit returns once its record is flushed), so a
 * time-travel read there sees all of them; and no WAL past it is asked for, which the compute has not yet sent to
 * Neon's storage (pg_current_wal_lsn, the write position, may be ahead). The emulator's head is this LSN too.
 */
export async function headLsn(uri: string): Promise<Lsn> {
  return withClient(uri, async (client) => {
    const { rows } = await client.query<{ lsn: string }>('SELECT pg_current_wal_flush_lsn()::text AS lsn')
    return parseLsn(rows[0].lsn)
  })
}

/** The LSN a time-travel compute replayed to; undefined when it reports NULL, as a Neon compute may. */
export async function replayLsn(client: Client): Promise<Lsn | undefined> {
  const { rows } = await client.query<{ lsn: string | null }>('SELECT pg_last_wal_replay_lsn()::text AS lsn')
  return rows[0]?.lsn ? parseLsn(rows[0].lsn) : undefined
}

/**
 * A point as an aligned LSN, read without changing anything: an LSN as given; head read on the branch now; a
 * timestamp from the replay LSN of a time-travel compute at it, or undefined when the compute reports none (then
 * only a branch made at the timestamp can tell). The branch's state there is that of a branch Neon would create.
 */
export async function pointLsn(endpoint: BranchEndpoint, point: Exclude<Point, { kind: 'timestamp' }>): Promise<Lsn>
export async function pointLsn(endpoint: BranchEndpoint, point: Point): Promise<Lsn | undefined>
export async function pointLsn(endpoint: BranchEndpoint, point: Point): Promise<Lsn | undefined> {
  switch (point.kind) {
    case 'lsn':
      return alignUp(parseLsn(point.lsn))
    case 'head':
      return alignUp(await headLsn(endpoint.uri))
    case 'timestamp': {
      const lsn = await withClient(pastUri(endpoint, { timestamp: point.timestamp }), replayLsn)
      return lsn === undefined ? undefined : alignUp(lsn)
    }
  }
}
