/**
 * Runs the operation the settings name: plan first (validation, look-ups), then execute. A Neon failure that
 * the project-id, api-key or api-host input explains leaves here worded in those terms (./explain.ts).
 */
import type { Settings } from '../inputs.js'
import type { NeonGateway } from '../neon/index.js'
import type { OperationResult, RunContext } from '../run.js'
import * as bisect from './bisect.js'
import { explainFailure } from './explain.js'
import * as prune from './prune.js'
import * as query from './query.js'
import * as recover from './recover.js'
import * as restore from './restore.js'
import * as snapshot from './snapshot.js'
import * as verify from './verify.js'

export async function runOperation(
  settings: Settings,
  gateway: NeonGateway,
  context: RunContext
): Promise<OperationResult> {
  try {
    return await run(settings, gateway, context)
  } catch (error) {
    throw explainFailure(error)
  }
}

async function run(settings: Settings, gateway: NeonGateway, context: RunContext): Promise<OperationResult> {
  switch (settings.operation) {
    case 'snapshot':
      return snapshot.execute(await snapshot.plan(settings, gateway, context), gateway, context)
    case 'restore':
      return restore.execute(await restore.plan(settings, gateway, context), gateway, context)
    case 'bisect':
      return bisect.execute(await bisect.plan(settings, gateway, context), gateway, context)
    case 'query':
      return query.execute(await query.plan(settings, gateway, context), gateway, context)
    case 'verify':
      return verify.execute(await verify.plan(settings, gateway, context), gateway, context)
    case 'prune':
      return prune.execute(await prune.plan(settings, gateway, context), gateway, context)
    case 'recover':
      return recover.execute(await recover.plan(settings, gateway, context), gateway, context)
  }
}
