/**
 * Entry point for both steps of the action. The main step reads the inputs, runs the operation and writes
 * outputs and the job summary; the post step (chosen by a state flag saved on the first load, as
 * actions/checkout does) sweeps the throwaway branches this run left behind.
 */
import * as core from '@actions/core'
import { Cancellation, handleCancellation } from './cancel.js'
import { InputError, readSettings, type Settings } from './inputs.js'
import { NeonGateway } from './neon/index.js'
import { makesThrowaways, runOperation } from './operations/index.js'
import type { RunContext } from './run.js'
import { Summary } from './summary.js'
import { sweepAfterStep, sweepThrowaways } from './throwaway.js'

const isPost = core.getState('isPost') === 'true'
if (!isPost) core.saveState('isPost', 'true')

function runContext(): RunContext {
  const repository = process.env.GITHUB_ACTION_REPOSITORY
  const ref = process.env.GITHUB_ACTION_REF
  return {
    runId: process.env.GITHUB_RUN_ID || 'local',
    runAttempt: process.env.GITHUB_RUN_ATTEMPT || '1',
    sha: process.env.GITHUB_SHA || 'unknown',
    now: new Date(),
    actionRef: repository && ref ? `${repository}@${ref}` : './',
    info: core.info,
    warning: core.warning,
    mask: core.setSecret
  }
}

function readInputs(context: RunContext): Settings {
  const apiKey = core.getInput('api-key')
  if (apiKey) core.setSecret(apiKey)
  return readSettings({ getInput: (name) => core.getInput(name), now: context.now })
}

function gatewayFor(settings: Settings, cancellation?: Cancellation): NeonGateway {
  return new NeonGateway({
    apiKey: settings.apiKey,
    apiHost: settings.apiHost,
    projectId: settings.projectId,
    log: core.debug,
    cancellation
  })
}

/**
 * On SIGINT or SIGTERM (a cancelled run): no new change is sent, the changes already on the wire are given a
 * moment to answer (so the branches they make are listed), the run's ephemeral branches are deleted, and the
 * step exits 1. See src/cancel.ts.
 */
function cancelOnSignals(settings: Settings, gateway: NeonGateway, cancellation: Cancellation, runId: string): void {
  handleCancellation({
    cancellation,
    info: core.info,
    report: core.setFailed,
    exit: (code) => process.exit(code),
    cleanup: async () => {
      if (!makesThrowaways(settings.operation)) return
      await gateway.settle(3000)
      try {
        const deleted = await sweepThrowaways(gateway, runId)
        if (deleted.length > 0) core.info(`Deleted ${deleted.length} ephemeral branches: ${deleted.join(', ')}`)
      } catch (error) {
        core.warning(`${(error as Error).message} (the post step tries again)`)
      }
    }
  })
}

async function writeSummary(summary: Summary): Promise<void> {
  core.info(summary.toText())
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summary.toHtml()).write()
}

async function main(): Promise<void> {
  const context = runContext()
  let settings: Settings
  try {
    settings = readInputs(context)
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    // One annotation a problem, so every one shows at once; nothing has been sent to Neon.
    error.problems.slice(0, -1).forEach((problem) => core.error(problem))
    core.setFailed(error.problems[error.problems.length - 1])
    return
  }
  if (makesThrowaways(settings.operation)) core.saveState('sweep', 'true')
  const cancellation = new Cancellation()
  const gateway = gatewayFor(settings, cancellation)
  cancelOnSignals(settings, gateway, cancellation, context.runId)

  try {
    const result = await runOperation(settings, gateway, context).finally(() => {
      // Ended by itself: nothing of this step is still on its way to Neon (see sweepAfterStep).
      if (makesThrowaways(settings.operation) && !cancellation.cancelled) core.saveState('sweep', 'ended')
    })
    for (const [name, value] of Object.entries(result.outputs)) core.setOutput(name, value)
    await writeSummary(result.summary)
    if (result.failed) core.setFailed(result.failed)
  } catch (error) {
    // The signal handler reports a cancellation and exits; what it interrupted is not the step's failure.
    if (cancellation.cancelled) return new Promise(() => undefined)
    const message = (error as Error).message
    core.setFailed(message)
    await writeSummary(new Summary().heading(`${settings.operation} failed`).paragraph(message))
  }
}

async function post(): Promise<void> {
  const sweep = core.getState('sweep')
  if (sweep !== 'true' && sweep !== 'ended') return
  const context = runContext()
  const settings = readInputs(context)
  const deleted = await sweepAfterStep(gatewayFor(settings), context.runId, { ended: sweep === 'ended' })
  if (deleted.length > 0)
    core.info(`Deleted ${deleted.length} ephemeral branches left by this run: ${deleted.join(', ')}`)
}

;(isPost ? post() : main()).catch((error: Error) => core.setFailed(error.message))
