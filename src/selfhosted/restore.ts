/**
 * What every operation with backend: postgres shares: restore the base backup into a throwaway cluster, let
 * PostgreSQL replay the archive to `at` and promote, hand the running cluster to the operation, then always stop
 * it and remove its work directory. Planning (the backup's version and earliest point, the binaries) happens
 * before anything starts, so a point the backup cannot reach fails first.
 */
import os from 'node:os'
import type { SelfHostedBackendSettings } from '../inputs.js'
import type { Point } from '../point.js'
import { describePoint } from '../point.js'
import type { RunContext } from '../run.js'
import { describeBackup, fillCommand, type RecoveryTarget } from './backup.js'
import { chooseBinaries, systemProbe, type Binaries } from './binaries.js'
import { checkSocketPath, RestoredCluster } from './cluster.js'
import { checkArchive } from './archive-check.js'
import { checkTarget, inspectBackup, type BackupFacts } from './inspect.js'
import { hotStandbySettings, parseBackupLabel, serverSettings } from './recovery.js'
import { RecoveryDeadline, replayProgress } from './recovery-timeout.js'
import { startStandby, type StandbyOptions } from './standby.js'
import { clusterUser, type ClusterUser } from './user.js'

export interface RestorePlan {
  settings: SelfHostedBackendSettings
  target: RecoveryTarget
  facts: BackupFacts
  /** Known up front unless the backup is a command (then read from the restored PG_VERSION). */
  binaries?: Binaries
  user: ClusterUser
  /** Where the work directory goes: RUNNER_TEMP. */
  parentDir: string
  /** Pause read-only at the point instead of promoting (bisect replays copies of it further). */
  pause?: boolean
  /** Set: the cluster is not promoted but starts as a standby of this primary (verify-standby). */
  standby?: StandbyOptions
  /** What the archive check found, in words (src/selfhosted/archive-check.ts). */
  archiveCheck: string
}

/** The parts of a restore, timed by verify. */
export type RestorePhase = 'Restore' | 'WAL replay' | 'Cleanup'

export interface RestoreHooks {
  /** Called with the work directory as soon as it exists: the post step removes it if the step dies. */
  remember: (workDir: string) => void
  /** Runs one part of the restore (verify times each); by default just runs it. */
  phase?: <T>(name: RestorePhase, work: () => Promise<T>) => Promise<T>
  /** The server binaries chosen, once known (before the replay, which may fail). */
  binaries?: (binaries: Binaries) => void
  /** The cluster could not be removed (already warned about; the post step tries again). */
  cleanupFailed?: (error: Error) => void
}

/** The running, promoted cluster at the point. */
export interface Restored {
  binaries: Binaries
  /** Where replay started (the backup_label's START WAL LOCATION), when the backup has one. */
  startLsn?: string
  /** A connection string over the cluster's socket. */
  uri: (database: string, role: string) => string
  /** The cluster itself (bisect stops it and copies it). */
  cluster: RestoredCluster
  /** The server's log so far. */
  log: () => string
}

export function targetOf(point: Point): RecoveryTarget {
  if (point.kind === 'lsn') return { kind: 'lsn', lsn: point.lsn }
  if (point.kind === 'timestamp') return { kind: 'time', time: point.timestamp }
  return { kind: 'end' }
}

function pickBinaries(major: number, settings: SelfHostedBackendSettings, context: RunContext): Promise<Binaries> {
  return chooseBinaries(
    {
      major,
      pgBin: settings.pgBin,
      toolCache: process.env.RUNNER_TOOL_CACHE,
      info: context.info,
      dryRun: settings.dryRun
    },
    systemProbe
  )
}

/** The restore's plan; `copies`: bisect will copy the restored cluster (its copies' socket paths are longer). */
export async function planRestore(
  settings: SelfHostedBackendSettings,
  context: RunContext,
  { copies = false } = {}
): Promise<RestorePlan> {
  const parentDir = process.env.RUNNER_TEMP || os.tmpdir()
  checkSocketPath(parentDir, copies)
  const user = clusterUser()
  const target = targetOf(settings.at)
  const facts = await inspectBackup(settings.backup, user)
  checkTarget(target, facts, settings.backup)
  const { backup, restoreCommand } = settings
  const archiveCheck = await checkArchive({ backup, target, facts, restoreCommand, user, info: context.info })
  const binaries = facts.major ? await pickBinaries(facts.major, settings, context) : undefined
  return { settings, target, facts, binaries, user, parentDir, archiveCheck }
}

/** What is restored, in words. */
export function origin(plan: RestorePlan): string {
  return `${describeBackup(plan.settings.backup)} at ${describePoint(plan.settings.at)}`
}

/** The cluster of a restore under way: the cancel handler removes it (src/main.ts). */
let active: RestoredCluster | undefined

export async function removeActive(): Promise<void> {
  await active?.remove()
}

/** Fills the data directory; the binaries of a command backup are known only now. */
async function fill(
  plan: RestorePlan,
  cluster: RestoredCluster,
  context: RunContext,
  signal?: AbortSignal
): Promise<Binaries> {
  await cluster.fill(fillCommand(plan.settings.backup, cluster.dataDir, plan.target), signal)
  if (plan.binaries) return plan.binaries
  const version = await cluster.readDataFile('PG_VERSION')
  if (!version)
    throw new Error('backup: the backup command left no PG_VERSION in $PGDATA: it must fill $PGDATA with a base backup')
  return pickBinaries(Number(version.trim()), plan.settings, context)
}

async function replay(plan: RestorePlan, cluster: RestoredCluster, bin: string): Promise<string | undefined> {
  const label = parseBackupLabel((await cluster.readDataFile('backup_label')) ?? '')
  // Paused at the point or a standby, the cluster is a hot standby: it needs the primary's limits (recovery.ts).
  const limits = plan.pause || plan.standby ? hotStandbySettings(await cluster.controlData(bin)) : undefined
  const hold = plan.pause && limits ? { kind: 'pause' as const, limits } : undefined
  const settings = serverSettings({ ...cluster.recoveryOptions(plan.settings.restoreCommand, plan.target), hold })
  if (plan.standby) {
    await startStandby(cluster, { ...settings, ...limits }, bin, plan.standby)
  } else {
    await cluster.prepare()
    await cluster.start(bin, settings, { paused: plan.pause })
  }
  return label?.startLsn
}

/** The fill and the replay, within recovery-timeout: on expiry the fill is killed and the server stopped. */
async function restoreInto(
  plan: RestorePlan,
  cluster: RestoredCluster,
  context: RunContext,
  hooks: RestoreHooks
): Promise<Restored> {
  const phase = hooks.phase ?? ((_name, work) => work())
  const deadline = new RecoveryDeadline(plan.settings.recoveryTimeoutMs, async () => {
    const progress = replayProgress(cluster.log())
    await cluster.stop()
    return progress
  })
  try {
    const binaries = await phase('Restore', () => deadline.within(fill(plan, cluster, context, deadline.signal)))
    hooks.binaries?.(binaries)
    context.info(
      `Restored ${describeBackup(plan.settings.backup)}; replaying WAL with PostgreSQL ${binaries.major} (${binaries.from})`
    )
    const startLsn = await phase('WAL replay', () => deadline.within(replay(plan, cluster, binaries.bin)))
    return {
      binaries,
      startLsn,
      uri: (database, role) => cluster.uri(database, role),
      cluster,
      log: () => cluster.log()
    }
  } finally {
    deadline.clear()
  }
}

/**
 * Restores to the plan's point, runs `use` on the running cluster, and stops and removes the cluster whatever
 * happened. `use`'s error (or the restore's) is passed on; a failed removal is only warned about, since the
 * post step removes what is left.
 */
export async function withRestoredCluster<T>(
  plan: RestorePlan,
  context: RunContext,
  hooks: RestoreHooks,
  use: (restored: Restored) => Promise<T>
): Promise<T> {
  let cluster: RestoredCluster | undefined
  try {
    cluster = await RestoredCluster.create(plan.parentDir, plan.user, hooks.remember)
    active = cluster
    return await use(await restoreInto(plan, cluster, context, hooks))
  } finally {
    if (cluster) await removeCluster(cluster, context, hooks)
  }
}

async function removeCluster(cluster: RestoredCluster, context: RunContext, hooks: RestoreHooks): Promise<void> {
  const phase = hooks.phase ?? ((_name, work) => work())
  await phase('Cleanup', () => cluster.remove()).catch((error: Error) => {
    hooks.cleanupFailed?.(error)
    context.warning(`Could not remove ${cluster.workDir} (the post step tries again): ${error.message}`)
  })
  active = undefined
}
