/**
 * verify with backend: postgres: a restore drill of a self-hosted base backup and its WAL archive. Plans before
 * anything starts (the checks, the backup's version and earliest point, the binaries), then restores into a work
 * directory in RUNNER_TEMP with the backup tool, lets PostgreSQL replay the archive to `at` and promote, runs the
 * checks, and removes everything whatever happened; then reports restore and replay times, the WAL replayed, the
 * newest commit reached (so the recovery point as a duration), database sizes and each check.
 *
 * The newest commit is `pg_last_xact_replay_timestamp()`: "the time stamp of the last transaction replayed during
 * recovery ... the time at which the commit or abort WAL record for that transaction was generated on the
 * primary", static once recovery completed (PostgreSQL docs, System Administration Functions, Recovery Information
 * Functions). It needs no track_commit_timestamp; it counts an abort too, which the docs say and we cannot tell apart.
 */
import os from 'node:os'
import type { SelfHostedVerifySettings } from '../inputs.js'
import type { Point } from '../point.js'
import { describePoint } from '../point.js'
import { readChecksFile, runDrillCheck, type CheckReport } from '../drill-checks.js'
import { withClient } from '../postgres/index.js'
import type { RunContext } from '../run.js'
import { describeBackup, fillCommand, type RecoveryTarget } from './backup.js'
import { chooseBinaries, systemProbe, type Binaries } from './binaries.js'
import { RestoredCluster } from './cluster.js'
import { checkTarget, inspectBackup, type BackupFacts } from './inspect.js'
import { parseBackupLabel, serverSettings } from './recovery.js'
import { clusterUser, type ClusterUser } from './user.js'
import { report } from './verify-report.js'

export { report }

export interface SelfHostedVerifyPlan {
  settings: SelfHostedVerifySettings
  checks: string[]
  target: RecoveryTarget
  facts: BackupFacts
  /** Known up front unless the backup is a command (then read from the restored PG_VERSION). */
  binaries?: Binaries
  user: ClusterUser
  /** Where the work directory goes: RUNNER_TEMP. */
  parentDir: string
}

export type Phase = 'Restore' | 'WAL replay' | 'Checks' | 'Cleanup'

export interface Reached {
  /** The last WAL record replayed. */
  lsn: string
  /** The newest transaction replayed (see the module comment); undefined when none was. */
  lastCommit?: string
  /** From the backup's start (backup_label) to `lsn`. */
  walBytes?: number
}

export interface SelfHostedVerifyResult {
  phases: [Phase, number][]
  binaries?: Binaries
  reached?: Reached
  sizes: { database: string; bytes: number }[]
  reports: CheckReport[]
  stopped?: { phase: Phase; error: Error }
  cleanupError?: Error
}

export function targetOf(point: Point): RecoveryTarget {
  if (point.kind === 'lsn') return { kind: 'lsn', lsn: point.lsn }
  if (point.kind === 'timestamp') return { kind: 'time', time: point.timestamp }
  return { kind: 'end' }
}

function pickBinaries(major: number, settings: SelfHostedVerifySettings, context: RunContext): Promise<Binaries> {
  return chooseBinaries(
    { major, pgBin: settings.pgBin, toolCache: process.env.RUNNER_TOOL_CACHE, info: context.info },
    systemProbe
  )
}

export async function plan(settings: SelfHostedVerifySettings, context: RunContext): Promise<SelfHostedVerifyPlan> {
  const checks = settings.checksFile ? await readChecksFile(settings.checksFile) : settings.checks
  const user = clusterUser()
  const target = targetOf(settings.at)
  const facts = await inspectBackup(settings.backup, user)
  checkTarget(target, facts, settings.backup)
  const binaries = facts.major ? await pickBinaries(facts.major, settings, context) : undefined
  const parentDir = process.env.RUNNER_TEMP || os.tmpdir()
  return { settings, checks, target, facts, binaries, user, parentDir }
}

/** What the drill restores, in words. */
export function origin(plan: SelfHostedVerifyPlan): string {
  return `${describeBackup(plan.settings.backup)} at ${describePoint(plan.settings.at)}`
}

/** The work directory of a drill under way: the cancel handler removes it (src/main.ts). */
let active: RestoredCluster | undefined

export async function removeActive(): Promise<void> {
  await active?.remove()
}

async function phase<T>(result: SelfHostedVerifyResult, name: Phase, work: () => Promise<T>): Promise<T> {
  const started = Date.now()
  try {
    const value = await work()
    result.phases.push([name, Date.now() - started])
    return value
  } catch (error) {
    result.stopped ??= { phase: name, error: error as Error }
    throw error
  }
}

/** Fills the data directory; the binaries of a command backup are known only now. */
async function restore(plan: SelfHostedVerifyPlan, cluster: RestoredCluster, context: RunContext): Promise<Binaries> {
  await cluster.fill(fillCommand(plan.settings.backup, cluster.dataDir, plan.target))
  if (plan.binaries) return plan.binaries
  const version = await cluster.readDataFile('PG_VERSION')
  if (!version)
    throw new Error('backup: the backup command left no PG_VERSION in $PGDATA: it must fill $PGDATA with a base backup')
  return pickBinaries(Number(version.trim()), plan.settings, context)
}

async function replay(plan: SelfHostedVerifyPlan, cluster: RestoredCluster, bin: string): Promise<string | undefined> {
  const label = parseBackupLabel((await cluster.readDataFile('backup_label')) ?? '')
  await cluster.prepare()
  await cluster.start(bin, serverSettings(cluster.recoveryOptions(plan.settings.restoreCommand, plan.target)))
  return label?.startLsn
}

async function readReached(
  uri: string,
  startLsn: string | undefined
): Promise<Pick<SelfHostedVerifyResult, 'reached' | 'sizes'>> {
  return withClient(uri, async (client) => {
    const { rows } = await client.query(
      `SELECT pg_last_wal_replay_lsn()::text AS lsn, pg_last_xact_replay_timestamp() AS last_commit,
              CASE WHEN $1::pg_lsn IS NULL THEN NULL ELSE pg_wal_lsn_diff(pg_last_wal_replay_lsn(), $1::pg_lsn)::bigint END AS bytes`,
      [startLsn ?? null]
    )
    const sizes = await client.query(
      'SELECT datname, pg_database_size(datname)::bigint AS bytes FROM pg_database WHERE datallowconn ORDER BY datname'
    )
    const [row] = rows
    return {
      reached: {
        lsn: row.lsn,
        lastCommit: row.last_commit ? (row.last_commit as Date).toISOString() : undefined,
        walBytes: row.bytes === null ? undefined : Number(row.bytes)
      },
      sizes: sizes.rows.map((size) => ({ database: size.datname, bytes: Number(size.bytes) }))
    }
  })
}

async function drill(
  plan: SelfHostedVerifyPlan,
  result: SelfHostedVerifyResult,
  cluster: RestoredCluster,
  context: RunContext
) {
  const binaries = await phase(result, 'Restore', () => restore(plan, cluster, context))
  result.binaries = binaries
  context.info(
    `Restored ${describeBackup(plan.settings.backup)}; replaying WAL with PostgreSQL ${binaries.major} (${binaries.from})`
  )
  const startLsn = await phase(result, 'WAL replay', () => replay(plan, cluster, binaries.bin))
  const { settings } = plan
  const uri = cluster.uri(settings.database, settings.role)
  Object.assign(result, await readReached(uri, startLsn))
  context.info(`Recovery ended at LSN ${result.reached?.lsn}; running ${plan.checks.length} checks`)
  await phase(result, 'Checks', async () => {
    for (const sql of plan.checks) result.reports.push(await runDrillCheck(uri, sql, settings.checkTimeoutMs))
  })
}

export async function execute(
  plan: SelfHostedVerifyPlan,
  context: RunContext,
  remember: (workDir: string) => void
): Promise<SelfHostedVerifyResult> {
  const result: SelfHostedVerifyResult = { phases: [], reports: [], sizes: [] }
  let cluster: RestoredCluster | undefined
  try {
    cluster = await RestoredCluster.create(plan.parentDir, plan.user, remember)
    active = cluster
    await drill(plan, result, cluster, context)
  } catch (error) {
    result.stopped ??= { phase: result.phases.length > 0 ? 'Checks' : 'Restore', error: error as Error }
  }
  const made = cluster
  if (made) {
    await phase(result, 'Cleanup', () => made.remove()).catch((error: Error) => {
      result.cleanupError = error
      context.warning(`Could not remove ${made.workDir} (the post step tries again): ${error.message}`)
    })
    active = undefined
  }
  return result
}
