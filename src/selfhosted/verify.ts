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
import type { SelfHostedVerifySettings } from '../inputs.js'
import { phase, readChecksFile, runDrillCheck, type DrillRecord } from '../drill-checks.js'
import { withClient } from '../postgres/index.js'
import type { RunContext } from '../run.js'
import type { Binaries } from './binaries.js'
import { planRestore, withRestoredCluster, type Restored, type RestorePhase, type RestorePlan } from './restore.js'
import { report } from './verify-report.js'
import { normalConnectionUri, parseConninfo } from './conninfo.js'
import { catchUp, type CatchUp } from './standby.js'

export { report }

export interface SelfHostedVerifyPlan extends RestorePlan {
  settings: SelfHostedVerifySettings
  checks: string[]
}

export type Phase = RestorePhase | 'Catch-up' | 'Checks'

export interface Reached {
  /** The last WAL record replayed. */
  lsn: string
  /** The newest transaction replayed (see the module comment); undefined when none was. */
  lastCommit?: string
  /** From the backup's start (backup_label) to `lsn`. */
  walBytes?: number
}

export interface SelfHostedVerifyResult extends DrillRecord<Phase> {
  binaries?: Binaries
  reached?: Reached
  sizes: { database: string; bytes: number }[]
  /** verify-standby: how the standby caught up with the primary. */
  catchUp?: CatchUp
  cleanupError?: Error
}

export async function plan(settings: SelfHostedVerifySettings, context: RunContext): Promise<SelfHostedVerifyPlan> {
  const checks = settings.checksFile ? await readChecksFile(settings.checksFile) : settings.checks
  return { ...(await planRestore(settings, context)), settings, checks, standby: settings.standby }
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

/** The checks on the restored cluster, after reading what the replay reached. */
async function drill(
  plan: SelfHostedVerifyPlan,
  result: SelfHostedVerifyResult,
  restored: Restored,
  context: RunContext
): Promise<void> {
  const { settings } = plan
  const uri = restored.uri(settings.database, settings.role)
  const standby = plan.standby
  if (standby) {
    context.info('The restored copy runs as a standby; waiting until it has caught up with the primary')
    const primaryUri = normalConnectionUri(parseConninfo(standby.conninfo))
    result.catchUp = await phase(result, 'Catch-up', () => catchUp(primaryUri, uri, standby.timeoutMs, restored.log))
  }
  Object.assign(result, await readReached(uri, restored.startLsn))
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
  const hooks = {
    remember,
    phase: <T>(name: RestorePhase, work: () => Promise<T>) => phase(result, name, work),
    binaries: (binaries: Binaries) => (result.binaries = binaries),
    cleanupFailed: (error: Error) => (result.cleanupError = error)
  }
  await withRestoredCluster(plan, context, hooks, (restored) => drill(plan, result, restored, context)).catch(
    (error: Error) => {
      result.stopped ??= { phase: result.phases.length > 0 ? 'Checks' : 'Restore', error }
    }
  )
  return result
}
