/**
 * verify-standby: the restored backup proved as a streaming standby of its primary, the nightly job of
 * ../../shared/seeds (a restore that "will then connect as a standby to our current master and verify that it
 * can start streaming replication"). The restored cluster is not promoted: it starts with standby.signal,
 * replays the archive with restore_command, then streams from the primary named by primary_conninfo; the drill
 * reads the primary's pg_current_wal_lsn() at a moment T0 and waits until the standby has replayed past it
 * while its WAL receiver streams.
 *
 * PostgreSQL facts used (15 docs unless said):
 * - "If standby.signal is present ... the server will start in standby mode"; with both signal files "standby.signal
 *   takes precedence" (pgpedia.info/s/standby.signal.html, on the Archive Recovery docs). A standby "keeps trying
 *   to continue recovery by fetching new WAL segments using restore_command and/or by connecting to the primary
 *   server as specified by the primary_conninfo setting" (standby_mode's docs of 9.x, which standby.signal
 *   replaced in 12).
 * - hot_standby: "whether or not you can connect and run queries during recovery" (runtime-config-replication).
 *   With it on, postmaster.pid's status line reads `ready` once the standby accepts read-only connections
 *   (postmaster.c: PMSIGNAL_BEGIN_HOT_STANDBY writes PM_STATUS_READY; PM_STATUS_STANDBY is written only when
 *   hot_standby is off), so the cluster's readiness check is the same as for a promoted restore.
 * - pg_last_wal_replay_lsn(): "the last write-ahead log location that has been replayed during recovery"
 *   (functions-admin, Recovery Information Functions); pg_stat_wal_receiver.status: "Activity status of the WAL
 *   receiver process" with `streaming` while it streams (monitoring-stats; the values come from walreceiver.c
 *   WalRcvGetStateString: stopped, starting, streaming, waiting, restarting, stopping).
 * - The WAL receiver logs a failed connection as `FATAL: could not connect to the primary server: <libpq's
 *   message>` (walreceiver.c WalReceiverMain, an ERROR in a process without a handler, which becomes FATAL) and
 *   then retries; it never stops the server, so the drill reads the standby's log for it.
 */
import { ConnectionError, withClient, type Client } from '../postgres/index.js'
import type { RestoredCluster } from './cluster.js'
import { configQuote } from './conninfo.js'

/** One second: the WAL receiver also reports its replay position to the primary this often (default 10 s). */
const STATUS_INTERVAL = '1s'
const POLL_MS = 100

/** Server settings of a standby beyond the restore's own (primary_conninfo goes into a file: it holds a password). */
export const STANDBY_SETTINGS: Record<string, string> = {
  hot_standby: 'on',
  wal_receiver_status_interval: STATUS_INTERVAL
}

export interface CatchUp {
  /** The primary's pg_current_wal_lsn() at T0. */
  primaryLsn: string
  /** How far the standby's replay was behind it at T0. */
  bytesBehind: number
  /** From T0 until the standby had replayed past primaryLsn while streaming. */
  ms: number
  /** pg_stat_wal_receiver.status then. */
  receiverStatus: string
  /** The standby's pg_last_wal_replay_lsn() then. */
  replayLsn: string
}

/** What to change for each refusal of the replication connection, found in the WAL receiver's FATAL line. */
const FIXES: [RegExp, string][] = [
  [
    /no pg_hba\.conf entry for replication connection/,
    "add a replication line for this role and the runner's address to the primary's pg_hba.conf (e.g. " +
      '"host replication <role> <runner address>/32 scram-sha-256"; the database column must read replication, ' +
      '"all" does not match it) and reload it (SELECT pg_reload_conf())'
  ],
  [
    /password authentication failed|no password supplied|password is required/,
    "check the role and password in verify-standby (a secret), or the role's password on the primary"
  ],
  [
    /must be superuser or replication role|permission denied to start WAL sender|not permitted to log in/,
    'give the role the right to stream on the primary: ALTER ROLE <role> WITH REPLICATION LOGIN'
  ],
  [
    /exceeds max_wal_senders|too many clients|connection slots are reserved/,
    'the primary has no free WAL sender: raise max_wal_senders on it (a restart), or free one; with wal_level = ' +
      'minimal max_wal_senders must be 0, so also set wal_level = replica'
  ],
  [
    /database system identifier differs/,
    "the backup is of another cluster than the primary verify-standby names: point it at the backup's own primary"
  ],
  [
    /has already been removed/,
    'the primary has recycled WAL the archive does not hold: check its archive_command, or keep more WAL on it ' +
      '(wal_keep_size) or give the standby a replication slot (primary_slot_name)'
  ],
  [
    /Connection refused|No such file or directory|could not translate host name|timeout expired/,
    'check the host and port in verify-standby and that the primary accepts connections from the runner'
  ]
]

/** The WAL receiver's own FATAL lines (walreceiver.c, libpqwalreceiver.c). */
const RECEIVER_FATAL =
  /\bFATAL:\s+(could not connect to the primary server|could not receive data from WAL stream|could not start WAL streaming|database system identifier differs|highest timeline \d+ of the primary)/

/** The primary refused or broke the standby's replication connection: the FATAL line, quoted, and the fix. */
export class ReplicationRefusedError extends Error {
  constructor(readonly fatal: string) {
    const fix =
      FIXES.find(([pattern]) => pattern.test(fatal))?.[1] ??
      'check that the primary accepts a replication connection from the runner'
    super(`verify-standby: the standby could not stream from the primary, its log says "${fatal}": ${fix}`)
    this.name = 'ReplicationRefusedError'
  }
}

/** The standby did not catch up in time. */
export class CatchUpTimeoutError extends Error {
  constructor(timeoutMs: number, status: string, behind: number | undefined) {
    super(
      `verify-standby: the standby did not catch up with the primary within standby-timeout (${timeoutMs / 1000} s): ` +
        `its WAL receiver is ${status}${behind === undefined ? '' : ` and its replay is ${behind} bytes behind T0`}. ` +
        "Raise standby-timeout, or look at the primary's load and the network"
    )
    this.name = 'CatchUpTimeoutError'
  }
}

/** The primary could not be read over a normal connection with the same conninfo. */
export class PrimaryUnreadableError extends Error {
  constructor(cause: Error) {
    super(
      `verify-standby: could not read pg_current_wal_lsn() on the primary over a normal connection with the same ` +
        `conninfo (database postgres unless dbname says otherwise): ${cause.message}. The role needs a pg_hba.conf ` +
        'entry for that database too, besides its replication one',
      { cause }
    )
    this.name = 'PrimaryUnreadableError'
  }
}

/** The WAL receiver's refusal in the standby's log, if there is one. */
export function replicationFailure(log: string): ReplicationRefusedError | undefined {
  const line = log.split('\n').find((text) => RECEIVER_FATAL.test(text))
  return line ? new ReplicationRefusedError(line.replace(/^.*?\bFATAL:\s+/, 'FATAL: ').trim()) : undefined
}

async function readPrimaryLsn(primaryUri: string): Promise<string> {
  try {
    return await withClient(primaryUri, async (client) => {
      const { rows } = await client.query('SELECT pg_current_wal_lsn()::text AS lsn')
      return rows[0].lsn as string
    })
  } catch (error) {
    if (error instanceof ConnectionError || (error as { code?: string }).code)
      throw new PrimaryUnreadableError(error as Error)
    throw error
  }
}

interface StandbyState {
  status: string
  replayLsn: string
  behind: number
}

async function readStandby(client: Client, primaryLsn: string): Promise<StandbyState> {
  const { rows } = await client.query(
    `SELECT coalesce((SELECT status FROM pg_stat_wal_receiver), 'not running') AS status,
            pg_last_wal_replay_lsn()::text AS replay,
            greatest(pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn()), 0)::bigint AS behind`,
    [primaryLsn]
  )
  return { status: rows[0].status, replayLsn: rows[0].replay, behind: Number(rows[0].behind) }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * T0 is now: reads the primary's position, then waits until the standby replayed past it with its WAL receiver
 * streaming; a refusal in the standby's log fails at once, the timeout after `timeoutMs`.
 */
export async function catchUp(
  primaryUri: string,
  standbyUri: string,
  timeoutMs: number,
  log: () => string
): Promise<CatchUp> {
  const started = Date.now()
  const primaryLsn = await readPrimaryLsn(primaryUri)
  return withClient(standbyUri, async (client) => {
    const { behind: bytesBehind } = await readStandby(client, primaryLsn)
    for (;;) {
      const state = await readStandby(client, primaryLsn)
      if (state.behind === 0 && state.status === 'streaming')
        return {
          primaryLsn,
          bytesBehind,
          ms: Date.now() - started,
          receiverStatus: state.status,
          replayLsn: state.replayLsn
        }
      const refused = replicationFailure(log())
      if (refused) throw refused
      if (Date.now() - started > timeoutMs) throw new CatchUpTimeoutError(timeoutMs, state.status, state.behind)
      await sleep(POLL_MS)
    }
  })
}

/** Checks the standby's log while the server starts (the WAL for consistency may have to be streamed too). */
export function startWatch(timeoutMs: number, log: () => string): () => void {
  const started = Date.now()
  return () => {
    const refused = replicationFailure(log())
    if (refused) throw refused
    if (Date.now() - started > timeoutMs) throw new CatchUpTimeoutError(timeoutMs, 'not yet consistent', undefined)
  }
}

/** What a restore needs to start as a standby instead of promoting. */
export interface StandbyOptions {
  /** verify-standby: the primary's libpq connection string (a secret). */
  conninfo: string
  timeoutMs: number
}

/**
 * Starts the restored cluster as a standby: standby.signal, primary_conninfo in postgresql.auto.conf (never on
 * the command line, where `ps` shows it: it may hold a password), hot_standby on; resolves once it accepts
 * read-only connections, or throws the WAL receiver's refusal.
 */
export async function startStandby(
  cluster: RestoredCluster,
  settings: Record<string, string>,
  bin: string,
  standby: StandbyOptions
): Promise<void> {
  await cluster.prepare('standby.signal')
  await cluster.appendSetting('primary_conninfo', configQuote(standby.conninfo))
  // Hot Standby, Administrator's Overview: "the value on the standby must be equal to or greater than the value
  // on the primary" for max_connections (and others), "If these parameters are not set high enough then the
  // standby will refuse to start" (measured on 15: "recovery aborted because of insufficient parameter settings"
  // with the restore's max_connections = 20): `settings` carries the primary's, from the control file.
  const { primary_conninfo: _conninfo, ...rest } = settings
  await cluster.start(
    bin,
    { ...rest, ...STANDBY_SETTINGS },
    { watch: startWatch(standby.timeoutMs, () => cluster.log()) }
  )
}
