/**
 * The action's two steps as one `run()`, the actions/typescript-action layout: src/index.ts (the bundle's
 * entry) only calls it, and `npx @github/local-action run . src/main.ts .env` imports this file and calls it
 * from the checkout. The main step reads the inputs, runs the operation and writes outputs and the job summary;
 * the post step (chosen by a state flag the main step saves, as actions/checkout does) sweeps the throwaway
 * branches this run left behind. Only @actions/core and the input reader load up front: the Neon client and
 * the operation's module (with the Postgres driver where it connects) load once the inputs are good, so bad
 * input fails fast (bench/cold-start.ts); the pull request comment (with @actions/github) only with comment: true.
 */
import * as core from '@actions/core'
import { Cancellation, handleCancellation } from './cancel.js'
import {
  GITHUB_TOKEN_DEFAULT,
  InputError,
  isSelfHosted,
  readSettings,
  type SelfHostedSettings,
  type Settings
} from './inputs.js'
import type { RunContext } from './run.js'
import { checkOutputs } from './outputs.js'
import { passwordOf } from './selfhosted/conninfo.js'
import { Summary } from './summary.js'
import { cancelOnSignals, gatewayFor } from './session.js'
import { sweepAfterStep } from './throwaway.js'

/** Every secret masked in this step, so the pull request comment (which the runner does not mask) leaves them out. */
const secrets = new Set<string>()

function mask(secret: string): void {
  secrets.add(secret)
  core.setSecret(secret)
}

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
    mask
  }
}

function readInputs(context: RunContext): Settings | SelfHostedSettings {
  for (const name of ['api-key', 'github-token']) {
    const secret = core.getInput(name)
    if (secret && secret !== GITHUB_TOKEN_DEFAULT) mask(secret)
  }
  maskDatabaseUrl(core.getInput('database-url'))
  maskConninfo(core.getInput('verify-standby'))
  return readSettings({ getInput: (name) => core.getInput(name), now: context.now })
}

/** recover's live database (backend: postgres): the URL, and its password on its own (a driver may quote it). */
function maskDatabaseUrl(text: string): void {
  if (!text) return
  mask(text)
  const password = URL.canParse(text) ? new URL(text).password : ''
  if (password) mask(decodeURIComponent(password))
}

/** verify-standby (backend: postgres): the connection string, and its password on its own, in either form. */
function maskConninfo(text: string): void {
  if (!text) return
  mask(text)
  const password = passwordOf(text)
  if (password) mask(password)
}

/** The action's log for the step's connection to Neon (src/session.ts): the gateway's requests as debug lines. */
const log = { debug: core.debug, info: core.info, warning: core.warning, fail: core.setFailed }

/** The job summary, and with comment: true the pull request comment (loaded only then: a cold start reads neither). */
async function writeSummary(summary: Summary, settings: Settings | SelfHostedSettings): Promise<void> {
  core.info(summary.toText())
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summary.toHtml()).write()
  if (isSelfHosted(settings) || !settings.comment) return
  const { postComment } = await import('./comment/index.js')
  await postComment({
    token: settings.comment.token,
    operation: settings.operation,
    summary,
    secrets,
    info: core.info,
    notice: core.notice,
    warning: core.warning
  })
}

/** The inputs, or undefined when they are bad: then every problem is reported and nothing was sent to Neon. */
function settingsOrReport(context: RunContext): Settings | SelfHostedSettings | undefined {
  try {
    return readInputs(context)
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    // One annotation a problem, so every one shows at once.
    error.problems.slice(0, -1).forEach((problem) => core.error(problem))
    core.setFailed(error.problems[error.problems.length - 1])
    return undefined
  }
}

async function main(): Promise<void> {
  const context = runContext()
  const settings = settingsOrReport(context)
  if (!settings) return
  if (isSelfHosted(settings)) return mainSelfHosted(settings, context)
  const operations = await import('./operations/index.js')
  const sweeps = await operations.makesThrowaways(settings.operation)
  if (sweeps) core.saveState('sweep', 'true')
  const cancellation = new Cancellation()
  const gateway = await gatewayFor(settings, log, cancellation)
  cancelOnSignals({
    gateway,
    cancellation,
    runId: context.runId,
    sweeps,
    log,
    sweepFallback: 'the post step tries again',
    projectIds: settings.projectIds
  })

  try {
    const result = await operations.runOperation(settings, gateway, context).finally(() => {
      // Ended by itself: nothing of this step is still on its way to Neon (see sweepAfterStep).
      if (sweeps && !cancellation.cancelled) core.saveState('sweep', 'ended')
    })
    // An output the operation has not declared fails the step, so every test that runs it checks src/outputs.ts.
    checkOutputs(settings.operation, result.outputs)
    for (const [name, value] of Object.entries(result.outputs)) core.setOutput(name, value)
    await writeSummary(result.summary, settings)
    if (result.failed) core.setFailed(result.failed)
  } catch (error) {
    // The signal handler reports a cancellation and exits; what it interrupted is not the step's failure.
    if (cancellation.cancelled) return new Promise(() => undefined)
    const message = (error as Error).message
    core.setFailed(message)
    await writeSummary(new Summary().heading(`${settings.operation} failed`).paragraph(message), settings)
  }
}

/** The state key of a self-hosted drill's work directory, which the post step removes if it is still there. */
const WORK_DIR_STATE = 'selfhosted-work-dir'

/**
 * backend: postgres: no Neon. A cancelled step stops the restored server and removes its work directory before
 * it exits; a killed one leaves that to the post step (the directory's path is in the step's state).
 */
async function mainSelfHosted(settings: SelfHostedSettings, context: RunContext): Promise<void> {
  const restore = await import('./selfhosted/restore.js')
  const cancellation = new Cancellation()
  // What the report says happened to the restored copy: only what the cleanup did (the post step runs after it).
  let removal = 'not removed in time; the post step removes it'
  handleCancellation({
    cancellation,
    info: core.info,
    report: () => core.setFailed(`The step was cancelled; the restored copy was ${removal}.`),
    exit: (code) => process.exit(code),
    cleanup: async () => {
      try {
        await restore.removeActive()
        removal = 'stopped and removed'
      } catch (error) {
        removal = `not removed (${(error as Error).message}); the post step removes it`
      }
    }
  })
  try {
    const { runSelfHosted } = await import('./selfhosted/index.js')
    const result = await runSelfHosted(settings, context, (dir) => core.saveState(WORK_DIR_STATE, dir))
    checkOutputs(settings.operation, result.outputs)
    for (const [name, value] of Object.entries(result.outputs)) core.setOutput(name, value)
    await writeSummary(result.summary, settings)
    if (result.failed) core.setFailed(result.failed)
  } catch (error) {
    // The cancel handler removed the cluster under the operation, which failed for it: not the step's failure.
    if (cancellation.cancelled) return new Promise(() => undefined)
    const message = (error as Error).message
    core.setFailed(message)
    await writeSummary(new Summary().heading(`${settings.operation} failed`).paragraph(message), settings)
  }
}

async function post(): Promise<void> {
  const workDir = core.getState(WORK_DIR_STATE)
  if (workDir) {
    const { removeLeftover } = await import('./selfhosted/cluster.js')
    if (await removeLeftover(workDir)) core.info(`Removed the restored copy the main step left in ${workDir}`)
    return
  }
  const sweep = core.getState('sweep')
  if (sweep !== 'true' && sweep !== 'ended') return
  const context = runContext()
  const settings = readInputs(context)
  if (isSelfHosted(settings)) return
  const deleted = await sweepAfterStep(await gatewayFor(settings, log), context.runId, {
    ended: sweep === 'ended',
    projectIds: settings.projectIds
  })
  if (deleted.length > 0)
    core.info(`Deleted ${deleted.length} ephemeral branches left by this run: ${deleted.join(', ')}`)
}

/** Runs the step this is: the main step, or the post step once the main step saved its flag. */
export async function run(): Promise<void> {
  try {
    // Read on each call, not on load: local-action imports this module once and calls run() for each step.
    const isPost = core.getState('isPost') === 'true'
    if (!isPost) core.saveState('isPost', 'true')
    await (isPost ? post() : main())
  } catch (error) {
    core.setFailed((error as Error).message)
  }
}
