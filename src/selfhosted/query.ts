/**
 * query with backend: postgres: one read-only statement on the base backup restored to `at` (the archive
 * replayed to the point, then promoted), as query does on Neon: the same statement runner (one statement, a
 * READ ONLY transaction, a timeout, a cursor) and the same outputs. The cluster is stopped and removed after.
 *
 * `lsn` is `pg_last_wal_replay_lsn()` on the promoted cluster, which the PostgreSQL docs (System Administration
 * Functions, Recovery Information Functions) say stays at the last WAL record applied once recovery completed
 * (paraphrased from memory: not re-checked against the page here); the test measures it between the point's LSN
 * and the primary's end (__tests__/selfhosted/query-recover.test.ts).
 */
import type { SelfHostedQuerySettings } from '../inputs.js'
import { addResult, queryOutputs, rowsFact, runQuery, type QueryResult } from '../operations/query.js'
import { describePoint } from '../point.js'
import type { OperationResult, RunContext } from '../run.js'
import { Summary } from '../summary.js'
import { describeBackup } from './backup.js'
import { planRestore, withRestoredCluster, type RestorePlan } from './restore.js'

export interface SelfHostedQueryPlan extends RestorePlan {
  settings: SelfHostedQuerySettings
}

export async function plan(settings: SelfHostedQuerySettings, context: RunContext): Promise<SelfHostedQueryPlan> {
  return { ...(await planRestore(settings, context)), settings }
}

export async function execute(
  plan: SelfHostedQueryPlan,
  context: RunContext,
  remember: (workDir: string) => void
): Promise<QueryResult & { ms: number }> {
  const { settings } = plan
  return withRestoredCluster(plan, context, { remember }, async (restored) => {
    const started = Date.now()
    const result = await runQuery(restored.uri(settings.database, settings.role), settings.sql)
    return { ...result, ms: Date.now() - started }
  })
}

export function report(
  plan: SelfHostedQueryPlan,
  result: QueryResult & { ms: number },
  context: RunContext
): OperationResult {
  const { settings } = plan
  const from = `${describeBackup(settings.backup)} at ${describePoint(settings.at)}`
  const { kept, truncated, outputs } = queryOutputs(result, result.lsn)
  context.info(`${kept} rows from ${from}${truncated ? ' (cut)' : ''}`)
  const summary = new Summary().heading(`Query of ${from}`).keyValues([
    ['Backup', describeBackup(settings.backup)],
    ['Point', describePoint(settings.at)],
    ['LSN', result.lsn],
    ['Database', `${settings.database} as ${settings.role}`],
    ['Rows', rowsFact(kept, truncated)],
    ['Took', `${result.ms} ms`]
  ])
  addResult(summary, settings.sql, result, kept)
  return { outputs, summary }
}
