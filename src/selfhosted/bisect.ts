/**
 * bisect with backend: postgres: the first LSN where the check fails, over a base backup and its WAL archive.
 * Recovery only moves forward, so the backup is restored once, to `good`, and paused there read-only; each round
 * replays copies of that cluster forward to its probe LSNs (./bisect-copies.ts), and the copy at the new good
 * bound seeds the next round. The k-ary search and its rounds are the Neon bisect's (src/search.ts,
 * src/operations/bisect/rounds.ts). Before anything starts: the points' order, good against the backup, and the
 * disk room for a round's copies when the backup's size is known; again with the restored size before any copy.
 */
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import type { SelfHostedBisectSettings } from '../inputs.js'
import { alignUp, formatLsn, parseLsn } from '../lsn.js'
import { checkOrder, type ResolvedBound } from '../operations/bisect/plan.js'
import { probeLabel } from '../operations/bisect/report.js'
import { runSearch, type Searched } from '../operations/bisect/rounds.js'
import { readChanges, tablesReadBy, type TableChanges } from '../operations/changes.js'
import type { Point } from '../point.js'
import { LockTimeoutError, runCheck, withClient } from '../postgres/index.js'
import type { RunContext } from '../run.js'
import { maxRounds } from '../search.js'
import type { Binaries } from './binaries.js'
import { CopyProber, park, type CopySettings, type CopyStats, type Probed } from './bisect-copies.js'
import { checkRoom, freeBytes, treeBytes } from './disk.js'
import { planRestore, withRestoredCluster, type Restored, type RestorePlan } from './restore.js'

export { report } from './bisect-report.js'

export interface SelfHostedBisectPlan {
  settings: SelfHostedBisectSettings
  /** The restore to good, paused there. */
  restore: RestorePlan
}

export interface SelfHostedBisectResult {
  good: ResolvedBound
  bad: ResolvedBound
  searched: Searched
  maxRounds: number
  stats: CopyStats
  /** What the restored cluster at good takes on disk: each copy is about as large. */
  clusterBytes: number
  /** The newest transaction replayed at the first bad LSN: the bad one when the record at last good commits it. */
  badCommit?: string
  /** The tables the check reads and what changed in them across the boundary; undefined when not read. */
  changes?: TableChanges[]
  notes: string[]
  binaries: Binaries
  ms: number
}

/** Copies on disk during a round besides its probes: the paused cluster at good and the copy kept at bad. */
const HELD_COPIES = 2

export async function plan(settings: SelfHostedBisectSettings, context: RunContext): Promise<SelfHostedBisectPlan> {
  checkPointOrder(settings.good, settings.bad)
  const restore = { ...(await planRestore({ ...settings, at: settings.good }, context, { copies: true })), pause: true }
  const eachBytes = restore.facts.sizeBytes ?? (await backupBytes(settings))
  if (eachBytes) {
    const free = await freeBytes(restore.parentDir)
    const room = { eachBytes, freeBytes: free, dir: restore.parentDir, what: 'the size of the base backup' }
    // The restore at good takes one copy's room too before the round's.
    checkRoom({ ...room, parallelism: settings.parallelism, held: HELD_COPIES })
  }
  return { settings, restore }
}

/** A dir: backup's size on disk; undefined for a tar (compressed, maybe) or a command: measured after the restore. */
async function backupBytes(settings: SelfHostedBisectSettings): Promise<number | undefined> {
  const { backup } = settings
  if (backup.kind !== 'dir' || /\.tar/.test(backup.path)) return undefined
  return treeBytes(backup.path).catch(() => undefined)
}

/** Points of one kind can be ordered before anything starts; a time and an LSN only once both are LSNs. */
function checkPointOrder(good: Point, bad: Point): void {
  const before =
    (good.kind === 'lsn' && bad.kind === 'lsn' && parseLsn(good.lsn) >= parseLsn(bad.lsn)) ||
    (good.kind === 'timestamp' && bad.kind === 'timestamp' && Date.parse(good.timestamp) >= Date.parse(bad.timestamp))
  if (!before) return
  throw new Error('good: is not before bad; good must be a point before the data went bad (e.g. good: 2h ago)')
}

export async function execute(
  plan: SelfHostedBisectPlan,
  context: RunContext,
  remember: (workDir: string) => void
): Promise<SelfHostedBisectResult> {
  const started = Date.now()
  return withRestoredCluster(plan.restore, context, { remember }, async (restored) => {
    const seed = await seedAtGood(plan, restored)
    const tables = await checkTables(plan, restored)
    await park(restored.cluster, restored.uri(plan.settings.database, plan.settings.role))
    await refuseTablespaces(restored.cluster.dataDir)
    const clusterBytes = await treeBytes(restored.cluster.dataDir)
    const { parallelism } = plan.settings
    const dir = plan.restore.parentDir
    const room = { eachBytes: clusterBytes, freeBytes: await freeBytes(dir), dir, what: 'the restored cluster' }
    checkRoom({ ...room, parallelism, held: HELD_COPIES - 1 })
    const prober = new CopyProber(
      restored.cluster,
      { ...seed, bytes: clusterBytes },
      copySettings(plan, restored, dir),
      context
    )
    const good: ResolvedBound = { name: 'good', point: plan.settings.good, lsn: seed.lsn }
    const bad = await resolveBad(plan.settings.bad, prober)
    checkOrder(good, bad)
    context.info(`Searching ${formatLsn(good.lsn)} .. ${formatLsn(bad.lsn)} with ${parallelism} copies a round`)
    const searched = await runSearch({ good, bad, parallelism, prober, label: probeLabel(good.lsn, bad.lsn) }, context)
    const notes = tables.note ? [tables.note] : []
    return {
      good,
      bad,
      searched,
      maxRounds: Math.max(1, maxRounds(good.lsn, bad.lsn, parallelism)),
      stats: prober.stats,
      clusterBytes,
      badCommit: prober.at(searched.result.firstBad)?.lastCommit,
      changes: await compareBounds(prober, searched, tables.found, notes),
      notes,
      binaries: restored.binaries,
      ms: Date.now() - started
    }
  })
}

/** The tables the check reads (EXPLAIN at good, as the Neon bisect finds them); a failure only loses the comparison. */
async function checkTables(
  plan: SelfHostedBisectPlan,
  restored: Restored
): Promise<{ found: string[]; note?: string }> {
  const uri = restored.uri(plan.settings.database, plan.settings.role)
  return tablesReadBy(uri, plan.settings.check).then(
    (found) => ({ found }),
    (error: Error) => ({ found: [], note: `Could not find the tables the check reads: ${error.message}` })
  )
}

/**
 * A tablespace is a symlink in pg_tblspc to a directory outside the data directory: copies would share it, and
 * replaying one copy would change the others' files. Refused before the first copy.
 */
async function refuseTablespaces(dataDir: string): Promise<void> {
  const links = await readdir(path.join(dataDir, 'pg_tblspc')).catch(() => [] as string[])
  if (links.length === 0) return
  throw new Error(
    `backup: the restored cluster has ${links.length} tablespace(s) outside its data directory (pg_tblspc), which ` +
      "bisect's copies would share: bisect with backend: postgres needs a cluster without tablespaces " +
      '(verify, query and recover work with them)'
  )
}

function copySettings(plan: SelfHostedBisectPlan, restored: Restored, dir: string): CopySettings {
  const { settings } = plan
  return {
    bin: restored.binaries.bin,
    restoreCommand: settings.restoreCommand,
    check: settings.check,
    checkTimeoutMs: settings.checkTimeoutMs,
    database: settings.database,
    role: settings.role,
    dir,
    recoveryTimeoutMs: settings.recoveryTimeoutMs
  }
}

/** The restored cluster, paused at good: its LSN and its check (which must not wait on a lock: it seeds). */
async function seedAtGood(plan: SelfHostedBisectPlan, restored: Restored): Promise<Probed> {
  const { settings } = plan
  const uri = restored.uri(settings.database, settings.role)
  const reached = await withClient(uri, async (client) => {
    const { rows } = await client.query('SELECT pg_last_wal_replay_lsn()::text AS lsn')
    return parseLsn(rows[0].lsn)
  })
  const outcome = await runCheck(uri, settings.check, {
    timeoutMs: settings.checkTimeoutMs,
    lockTimeoutMs: 2000
  }).catch((error: Error) => {
    if (!(error instanceof LockTimeoutError)) throw error
    throw new Error(
      `good: the check waits for a lock that a transaction not yet committed at good holds (${error.message}): ` +
        'choose a good point before that transaction began'
    )
  })
  // An LSN target's state is every record starting before it; a time target's, every record replayed.
  const lsn = settings.good.kind === 'lsn' ? alignUp(parseLsn(settings.good.lsn)) : alignUp(reached)
  return { lsn, outcome, cluster: restored.cluster, seedable: true, target: plan.restore.target }
}

/** bad as an LSN: given, or read from a copy replayed to its time or to the archive's end (promoted there). */
async function resolveBad(bad: Point, prober: CopyProber): Promise<ResolvedBound> {
  if (bad.kind === 'lsn') return { name: 'bad', point: bad, lsn: alignUp(parseLsn(bad.lsn)) }
  const probed = await prober.resolve(
    bad.kind === 'timestamp' ? { kind: 'time', time: bad.timestamp } : { kind: 'end' }
  )
  return { name: 'bad', point: bad, lsn: probed.lsn }
}

/** What changed in the check's tables between the copies at the two bounds, started again; a failure is a note. */
async function compareBounds(
  prober: CopyProber,
  searched: Searched,
  tables: string[],
  notes: string[]
): Promise<TableChanges[] | undefined> {
  const before = prober.at(searched.result.lastGood)
  const after = prober.at(searched.result.firstBad)
  if (tables.length === 0 || !before || !after) return undefined
  try {
    const [beforeUri, afterUri] = [await prober.restart(before), await prober.restart(after)]
    return await readChanges(beforeUri, afterUri, tables, { before: 'the last good LSN', after: 'the first bad LSN' })
  } catch (error) {
    notes.push(`Could not compare ${tables.join(', ')} across the boundary: ${(error as Error).message}`)
    return undefined
  } finally {
    await Promise.all([before.cluster.stop(), after.cluster.stop()])
  }
}
