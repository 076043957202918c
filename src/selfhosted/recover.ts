/**
 * recover with backend: postgres: copies tables (or some of their rows) from the base backup restored to `at`
 * into a live database (`database-url`), with the modes and the table planning and copying of recover on Neon
 * (src/operations/recover.ts): the restored cluster is the past, read in one REPEATABLE READ READ ONLY
 * transaction; the live database gets every table in one transaction, so later writes stay and a failure leaves
 * no trace. The live database is reached before anything is restored, so a wrong URL fails first.
 */
import type { SelfHostedRecoverSettings } from '../inputs.js'
import { describePoint } from '../point.js'
import { schemaExists, withClient } from '../postgres/index.js'
import {
  copyAll,
  intoSchema,
  modeFacts,
  planTables,
  reportRecovery,
  type RecoverResult,
  type RecoveryEnds,
  type TablesPlan
} from '../operations/recover.js'
import type { OperationResult, RunContext } from '../run.js'
import { describeBackup } from './backup.js'
import { planRestore, withRestoredCluster, type RestorePlan } from './restore.js'

export interface SelfHostedRecoverPlan extends RestorePlan {
  settings: SelfHostedRecoverSettings
  /** The live database as it answered: its name and the role the URL logs in as. */
  live: { database: string; role: string }
}

/** The live database could not be reached: names the input and what to check (never the URL: a secret). */
export class LiveDatabaseError extends Error {
  constructor(cause: Error) {
    super(
      `database-url: could not connect to the live database (${cause.message}); check the URL's host, port, ` +
        'user, password and database, and that the runner can reach it'
    )
    this.name = 'LiveDatabaseError'
  }
}

/** The live database as it answers, and whether the schema a copy goes into is taken there. */
async function reachLive(
  url: string,
  schema: string | undefined
): Promise<SelfHostedRecoverPlan['live'] & { taken: boolean }> {
  try {
    return await withClient(url, async (client) => {
      const { rows } = await client.query('SELECT current_database() AS database, current_user AS role')
      const taken = schema !== undefined && (await schemaExists(client, schema))
      return { database: rows[0].database as string, role: rows[0].role as string, taken }
    })
  } catch (error) {
    throw new LiveDatabaseError(error as Error)
  }
}

/** Reaches the live database first (a wrong URL or a taken schema fails before the restore), then plans the restore. */
export async function plan(settings: SelfHostedRecoverSettings, context: RunContext): Promise<SelfHostedRecoverPlan> {
  const schema = settings.mode === 'schema' ? intoSchema(settings, context) : undefined
  const { taken, ...live } = await reachLive(settings.databaseUrl, schema)
  if (taken)
    throw new Error(
      `into: schema "${schema}" already exists on database ${live.database}; choose another name or drop it`
    )
  return { ...(await planRestore(settings, context)), settings, live }
}

export interface SelfHostedRecoverResult extends RecoverResult {
  tables: TablesPlan
}

function liveName(plan: SelfHostedRecoverPlan): string {
  return `database ${plan.live.database} (database-url)`
}

export async function execute(
  plan: SelfHostedRecoverPlan,
  context: RunContext,
  remember: (workDir: string) => void
): Promise<SelfHostedRecoverResult> {
  const { settings } = plan
  return withRestoredCluster(plan, context, { remember }, async (restored) => {
    const started = Date.now()
    const ends: RecoveryEnds = {
      pastUri: restored.uri(settings.database, settings.role),
      liveUri: settings.databaseUrl,
      liveName: liveName(plan),
      role: plan.live.role
    }
    const tables = await planTables(settings, ends, context)
    const result = await copyAll(tables, ends, context)
    return { ...result, tables, ms: Date.now() - started }
  })
}

export function report(
  plan: SelfHostedRecoverPlan,
  result: SelfHostedRecoverResult,
  context: RunContext
): OperationResult {
  const { settings } = plan
  const source = `${describeBackup(settings.backup)} at ${describePoint(settings.at)}`
  return reportRecovery(
    result.tables,
    result,
    {
      source,
      liveName: liveName(plan),
      facts: [
        ['Backup', `${describeBackup(settings.backup)}, restored and read as ${settings.database}/${settings.role}`],
        ['Read at', `${describePoint(settings.at)} (the archive replayed to the point; removed after)`],
        ['Live database', `${plan.live.database} as ${plan.live.role} (database-url)`],
        ...modeFacts(settings, result.tables.schema)
      ]
    },
    context
  )
}
