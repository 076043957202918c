/**
 * The registry of operations. Each one plans (validation and read-only look-ups, so bad input fails before
 * anything changes), then either describes the plan (a dry run) or executes it and reports the typed result
 * (outputs and the job summary). Doing and telling are apart, and a dry run is one code path for all of them:
 * it never reaches `execute`. Each module loads only when its operation runs, and the Postgres driver only where
 * one connects (prune never; snapshot and restore only to check an LSN point), so bad input reads none of them.
 */
import type { OperationName, Settings } from '../inputs.js'
import type { NeonGateway } from '../neon/index.js'
import type { OperationResult, RunContext } from '../run.js'
import { explainFailure } from './explain.js'

export interface Operation<S extends Settings, P, R> {
  plan(settings: S, gateway: NeonGateway, context: RunContext): Promise<P>
  /** The dry run: what executing the plan would do. */
  describe(plan: P, context: RunContext): OperationResult
  execute(plan: P, gateway: NeonGateway, context: RunContext): Promise<R>
  /** Only what the result holds: a summary never claims what did not happen. */
  report(plan: P, result: R, context: RunContext): OperationResult
  /** Makes throwaway branches (src/throwaway.ts): the cancel handler and the post step sweep them. */
  makesThrowaways?: boolean
}

type SettingsOf<K extends OperationName> = Extract<Settings, { operation: K }>

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry has its own plan and result types
const REGISTRY: { [K in OperationName]: () => Promise<Operation<SettingsOf<K>, any, any>> } = {
  snapshot: () => import('./snapshot.js'),
  restore: () => import('./restore.js'),
  bisect: () => import('./bisect/index.js'),
  query: () => import('./query.js'),
  verify: () => import('./verify.js'),
  prune: () => import('./prune.js'),
  recover: () => import('./recover.js'),
  undelete: () => import('./undelete.js'),
  projects: () => import('./projects.js')
}

/** The operation's module, loaded on first use (import() keeps it for later calls). */
async function load(name: OperationName): Promise<Operation<Settings, unknown, unknown>> {
  return (await REGISTRY[name]()) as Operation<Settings, unknown, unknown>
}

export async function makesThrowaways(name: OperationName): Promise<boolean> {
  return (await load(name)).makesThrowaways === true
}

export async function runOperation(
  settings: Settings,
  gateway: NeonGateway,
  context: RunContext
): Promise<OperationResult> {
  if (settings.projectIds.length > 1) {
    const { runSeveral } = await import('./several.js')
    return runSeveral(settings, gateway, context, (one, itsGateway) => runOne(one, itsGateway, context))
  }
  return runOne(settings, gateway, context)
}

async function runOne(settings: Settings, gateway: NeonGateway, context: RunContext): Promise<OperationResult> {
  // recover's mode: undo is an operation of its own (./undo.ts), with recover's name and inputs.
  const operation =
    settings.operation === 'recover' && settings.mode === 'undo'
      ? ((await import('./undo.js')) as Operation<Settings, unknown, unknown>)
      : await load(settings.operation)
  try {
    const plan = await operation.plan(settings, gateway, context)
    if (settings.dryRun) return operation.describe(plan, context)
    return operation.report(plan, await operation.execute(plan, gateway, context), context)
  } catch (error) {
    // A Neon failure that the project-id, api-key or api-host input explains is worded in those terms here.
    throw explainFailure(error)
  }
}
