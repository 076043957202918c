/**
 * bisect's probes over a WAL archive. Recovery only moves forward, so every probe is a copy of the cluster paused
 * at the current good bound (the seed), replayed forward to its LSN and paused there read-only. Once a round has
 * narrowed the interval, the copy at the new good bound becomes the seed of the next round, and the copy at the
 * bad bound is kept (its check is known); the others are removed.
 *
 * A copy restarts recovery at the seed's last restartpoint ("Latest checkpoint's REDO location" in
 * pg_controldata), which PostgreSQL can place only at a checkpoint the primary wrote, so the bytes replayed are
 * counted from there. A check blocked by a lock an uncommitted transaction holds at the probe's LSN (standbys
 * replay AccessExclusiveLocks, "Hot Standby", Query Conflicts) is asked again after promoting that copy, which
 * ends the transaction as aborted, as a Neon branch at that LSN would; a promoted copy is on a new timeline and
 * cannot seed a later round.
 */
import { alignUp, formatLsn, parseLsn, type Lsn } from '../lsn.js'
import type { Prober } from '../operations/bisect/probers.js'
import { LockTimeoutError, runCheck, withClient, type CheckOutcome } from '../postgres/index.js'
import type { RunContext } from '../run.js'
import type { RecoveryTarget } from './backup.js'
import type { CopyMethod, RestoredCluster } from './cluster.js'
import { treeBytes } from './disk.js'
import { hotStandbySettings, serverSettings } from './recovery.js'
import { RecoveryDeadline, replayProgress } from './recovery-timeout.js'

export interface CopySettings {
  bin: string
  restoreCommand: string
  check: string
  checkTimeoutMs: number
  database: string
  role: string
  /** Where the copies' work directories are (the free space watched). */
  dir: string
  /** recovery-timeout: bounds each copy's replay, as it bounds the restore. */
  recoveryTimeoutMs: number
}

/** One cluster paused (or, at head, promoted) at a point, with its check's answer. */
export interface Probed {
  /** The state here is every WAL record that starts before this LSN. */
  lsn: Lsn
  outcome: CheckOutcome
  cluster: RestoredCluster
  /** The newest transaction replayed (pg_last_xact_replay_timestamp), RFC 3339. */
  lastCommit?: string
  /** False once promoted: its WAL has left the archive's timeline. */
  seedable: boolean
  /** What it was replayed to, so it can be started again (to compare the bounds' rows). */
  target: RecoveryTarget
}

export interface CopyStats {
  copies: number
  bytesReplayed: bigint
  method?: CopyMethod
  /** The most the clusters of a round took on disk at once: its copies, the seed and the copy kept at bad. */
  peakDiskBytes: number
  /** Copies promoted to get past a lock (see the module comment). */
  promoted: number
}

const SEGMENT = /^[0-9A-F]{24}$/

/** Logged for each file restore_command fetched (xlogarchive.c, RestoreArchivedFile), in English (lc_messages=C). */
const RESTORED = /restored log file "([0-9A-F]{24})" from archive/g

/** How long a check on a paused copy waits for a lock before the copy is promoted and asked again. */
const LOCK_TIMEOUT_MS = 2000

/** Waits for pg_promote: long enough for the end-of-recovery checkpoint of a small copy. */
const PROMOTE_WAIT_SECONDS = 60

/**
 * Stops a copy so that it can be copied: a CHECKPOINT first, which in recovery makes a restartpoint ("If executed
 * during recovery, the CHECKPOINT command will force a restartpoint ... rather than writing a new checkpoint",
 * the CHECKPOINT reference page), then an immediate shutdown; its next start recovers from that restartpoint, as
 * after a crash. A fast shutdown makes the same restartpoint but waits about a second in the paused startup
 * process first (measured on 15). When the CHECKPOINT is refused (a role without pg_checkpoint), a fast shutdown.
 */
export async function park(cluster: RestoredCluster, uri: string): Promise<void> {
  const checkpointed = await withClient(uri, (client) => client.query('CHECKPOINT')).then(
    () => true,
    () => false
  )
  await cluster.stop(checkpointed ? 0 : undefined)
}

export class CopyProber implements Prober {
  private seed: Probed
  private readonly probed = new Map<Lsn, Probed>()
  readonly stats: CopyStats = { copies: 0, bytesReplayed: 0n, peakDiskBytes: 0, promoted: 0 }
  /** The WAL segments any of our clusters restored from the archive (see walNeeded). */
  private readonly fromArchive = new Set<string>()
  /** What each cluster's data directory took once it was checked (see ./disk.ts). */
  private readonly sizes = new Map<RestoredCluster, number>()

  constructor(
    private readonly root: RestoredCluster,
    seed: Probed & { bytes: number },
    private readonly settings: CopySettings,
    private readonly context: RunContext
  ) {
    this.seed = seed
    this.probed.set(seed.lsn, seed)
    this.sizes.set(seed.cluster, seed.bytes)
    this.noteRestored(seed.cluster)
  }

  /** The clusters at the bounds once the search is done (the seed is at good). */
  at(lsn: Lsn): Probed | undefined {
    return this.probed.get(lsn)
  }

  async probe(lsn: Lsn): Promise<CheckOutcome> {
    const known = this.probed.get(lsn)
    if (known) return known.outcome
    const probed = await this.replay({ kind: 'lsn', lsn: formatLsn(lsn) })
    this.probed.set(lsn, { ...probed, lsn })
    return probed.outcome
  }

  /** A copy replayed to `target` (a time, an LSN, or the archive's end), checked and stopped; kept by its LSN. */
  async resolve(target: RecoveryTarget): Promise<Probed> {
    const probed = await this.replay(target)
    this.probed.set(probed.lsn, probed)
    return probed
  }

  private async replay(target: RecoveryTarget): Promise<Probed> {
    const copy = await this.root.newCopy()
    // Once a reflink failed, the filesystem cannot make them: the later copies go straight to a plain copy.
    this.stats.method = await copy.copyFrom(this.seed.cluster, {
      tryReflink: this.stats.method !== 'copy',
      keepWal: (name) => this.walNeeded(name)
    })
    this.stats.copies++
    const control = await copy.controlData(this.settings.bin)
    const redo = parseLsn(control["Latest checkpoint's REDO location"] ?? '0/0')
    await copy.prepare()
    const paused = target.kind !== 'end'
    const hold = paused ? { kind: 'pause' as const, limits: hotStandbySettings(control) } : undefined
    const settings = serverSettings({ ...copy.recoveryOptions(this.settings.restoreCommand, target), hold })
    await this.startWithin(copy, settings, paused)
    try {
      const reached = await this.readReached(copy)
      this.stats.bytesReplayed += reached.lsn > redo ? reached.lsn - redo : 0n
      const { outcome, promoted } = await this.check(copy, target)
      this.sizes.set(copy, await treeBytes(copy.dataDir))
      this.noteRestored(copy)
      return {
        lsn: target.kind === 'lsn' ? alignUp(parseLsn(target.lsn)) : alignUp(reached.lsn),
        outcome,
        cluster: copy,
        lastCommit: reached.lastCommit,
        seedable: paused && !promoted,
        target
      }
    } finally {
      await park(copy, this.uri(copy))
    }
  }

  /** Starts a copy's replay, bounded by recovery-timeout (the copy is stopped when it passes). */
  private async startWithin(copy: RestoredCluster, settings: Record<string, string>, paused: boolean): Promise<void> {
    const deadline = new RecoveryDeadline(this.settings.recoveryTimeoutMs, async () => {
      const progress = replayProgress(copy.log())
      await copy.stop()
      return progress
    })
    try {
      await deadline.within(copy.start(this.settings.bin, settings, { paused }))
    } finally {
      deadline.clear()
    }
  }

  private async check(
    copy: RestoredCluster,
    target: RecoveryTarget
  ): Promise<{ outcome: CheckOutcome; promoted: boolean }> {
    const { check, checkTimeoutMs } = this.settings
    const uri = this.uri(copy)
    try {
      return {
        outcome: await runCheck(uri, check, { timeoutMs: checkTimeoutMs, lockTimeoutMs: LOCK_TIMEOUT_MS }),
        promoted: false
      }
    } catch (error) {
      if (!(error instanceof LockTimeoutError) || target.kind === 'end') throw error
      this.context.info(
        `Probe at ${target.kind === 'lsn' ? target.lsn : target.time}: ${error.message}, held by a transaction not ` +
          'committed there; promoting that copy (which ends it as aborted) and asking again'
      )
      await withClient(uri, (client) => client.query('SELECT pg_promote(true, $1)', [PROMOTE_WAIT_SECONDS]))
      this.stats.promoted++
      return { outcome: await runCheck(uri, check, { timeoutMs: checkTimeoutMs }), promoted: true }
    }
  }

  private uri(copy: RestoredCluster): string {
    return copy.uri(this.settings.database, this.settings.role)
  }

  private async readReached(copy: RestoredCluster): Promise<{ lsn: Lsn; lastCommit?: string }> {
    return withClient(this.uri(copy), async (client) => {
      const { rows } = await client.query(
        'SELECT pg_last_wal_replay_lsn()::text AS lsn, pg_last_xact_replay_timestamp() AS last_commit'
      )
      return { lsn: parseLsn(rows[0].lsn), lastCommit: (rows[0].last_commit as Date | null)?.toISOString() }
    })
  }

  /**
   * Whether a copy needs the seed's pg_wal file `name`. Recovery keeps each segment it restored from the archive
   * in pg_wal under its own name (XLogFileRead in xlogrecovery.c calls KeepFileRestoredFromArchive, xlogarchive.c)
   * until a restartpoint removes it: a copy fetches those from the archive again. One past the newest restored is
   * recycled (a renamed old segment waiting to be reused). Any other file (the backup's own WAL, timeline
   * history, archive_status) is copied.
   */
  private walNeeded(name: string): boolean {
    if (!SEGMENT.test(name)) return true
    const newest = [...this.fromArchive].sort().at(-1)
    return !this.fromArchive.has(name) && (newest === undefined || name <= newest)
  }

  /** Notes the segments a cluster restored from the archive, read from its log. */
  private noteRestored(cluster: RestoredCluster): void {
    for (const [, segment] of cluster.log().matchAll(RESTORED)) this.fromArchive.add(segment)
  }

  /** At a round's end every cluster it used is still on disk: the seed, the kept ones and the round's copies. */
  private notePeak(): void {
    const clusters = new Set([...this.probed.values()].map((probed) => probed.cluster))
    const total = [...clusters].reduce((sum, cluster) => sum + (this.sizes.get(cluster) ?? 0), 0)
    this.stats.peakDiskBytes = Math.max(this.stats.peakDiskBytes, total)
  }

  /**
   * The copy at the new good bound seeds the next round (unless it was promoted: the seed then stays); the copy
   * at the bad bound is kept; every other copy is removed, freeing its space before the next round's copies.
   */
  async afterRound(interval: { good: Lsn; bad: Lsn }): Promise<void> {
    this.notePeak()
    const next = this.probed.get(interval.good)
    if (next?.seedable) this.seed = next
    const keep = new Set([this.seed, next, this.probed.get(interval.bad)])
    for (const [lsn, probed] of this.probed) {
      if (keep.has(probed)) continue
      this.probed.delete(lsn)
      await (probed.cluster === this.root ? this.root.discardData() : probed.cluster.remove())
    }
  }

  /** Starts a kept copy again where it was (paused, or promoted), to read it; the caller stops it. */
  async restart(probed: Probed): Promise<string> {
    const { cluster, target, seedable } = probed
    const control = await cluster.controlData(this.settings.bin)
    const hold = seedable ? { kind: 'pause' as const, limits: hotStandbySettings(control) } : undefined
    const options = { ...cluster.recoveryOptions(this.settings.restoreCommand, target), hold }
    await cluster.start(this.settings.bin, serverSettings(options), { paused: seedable })
    return this.uri(cluster)
  }

  drain(): Promise<string[]> {
    return Promise.resolve([])
  }
}
