/**
 * The registry of operations. Each one plans (validation and read-only look-ups, so bad input fails before
 * anything changes), then either describes the plan (a dry run) or executes it and reports the typed result
 * (outputs and the job summary). Doing and telling are apart, and a dry run is one code path for all of them:
 * it never reaches `execute`.
 */
import type { OperationName, Settings } from '../inputs.js'
import type { NeonGateway } from '../neon/index.js'
import type { OperationResult, RunContext } from '../run.js'
import * as bisect from './bisect/index.js'
import { explainFailure } from './explain.js'
import * as prune from './prune.js'
import * as query from './query.js'
import * as recover from './recover.js'
import * as restore from './restore.js'
import * as snapshot from './snapshot.js'
import * as verify from './verify.js'

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
const REGISTRY: { [K in OperationName]: Operation<SettingsOf<K>, any, any> } = {
  snapshot,
  restore,
  bisect,
  query,
  verify,
  prune,
  recover
}

export function makesThrowaways(name: OperationName): boolean {
  return REGISTRY[name].makesThrowaways === true
}

export async function runOperation(
  settings: Settings,
  gateway: NeonGateway,
  context: RunContext
): Promise<OperationResult> {
  const operation = REGISTRY[settings.operation] as Operation<Settings, unknown, unknown>
  try {
    const plan = await operation.plan(settings, gateway, context)
    if (settings.dryRun) return operation.describe(plan, context)
    return operation.report(plan, await operation.execute(plan, gateway, context), context)
  } catch (error) {
    // A Neon failure that the project-id, api-key or api-host input explains is worded in those terms here.
    throw explainFailure(error)
  }
}
