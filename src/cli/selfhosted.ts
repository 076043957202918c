/**
 * The command line with backend: postgres: the same plan, restore and report as the action's step
 * (src/selfhosted/), no Neon connection. It has no post step, so Ctrl-C (SIGINT) or SIGTERM stops the restored
 * server and removes its work directory before the process exits; a SIGKILL leaves the directory (named
 * neon-recovery-* in TMPDIR) for the user to remove. recover with mode: merge writes into the live database, so
 * it asks first (or needs --yes), as recover does on Neon.
 */
import { Cancellation, handleCancellation } from '../cancel.js'
import type { SelfHostedSettings } from '../inputs.js'
import type { OperationResult, RunContext } from '../run.js'
import { askToProceed, canAsk } from './consent.js'
import type { Terminal } from './terminal.js'

/** What the run would change in place, or undefined when it only reads or adds (a new schema). */
export function selfHostedDestructiveStep(settings: SelfHostedSettings): string | undefined {
  if (settings.operation === 'recover' && settings.mode === 'merge')
    return 'recover with mode: merge writes into the live database (database-url)'
  return undefined
}

async function consented(settings: SelfHostedSettings, yes: boolean, terminal: Terminal): Promise<boolean> {
  const step = selfHostedDestructiveStep(settings)
  if (!step || yes || settings.dryRun) return true
  if (!canAsk()) {
    terminal.error(`${step}: not run without a terminal to ask in; add --yes to run it`)
    return false
  }
  if (await askToProceed(step)) return true
  terminal.info('Nothing changed.')
  return false
}

/** Runs the operation on a restored copy; undefined when the user declined. */
export async function runSelfHostedCli(
  settings: SelfHostedSettings,
  yes: boolean,
  terminal: Terminal,
  context: RunContext
): Promise<OperationResult | undefined> {
  if (!(await consented(settings, yes, terminal))) return undefined
  const restore = await import('../selfhosted/restore.js')
  const cancellation = new Cancellation()
  handleCancellation({
    cancellation,
    info: (message) => terminal.info(message),
    report: () => terminal.error('Interrupted: the restored copy was stopped and removed.'),
    exit: (code) => process.exit(code),
    cleanup: () => restore.removeActive()
  })
  const { runSelfHosted } = await import('../selfhosted/index.js')
  // No post step to hand the work directory to: the restore removes it itself, and so does the signal handler.
  const run = runSelfHosted(settings, context, () => undefined)
  // Once interrupted, the signal handler reports and exits when the copy is gone; what the run ends with meanwhile
  // (an error the stop caused) is not the outcome.
  const interrupted = () => new Promise<never>(() => undefined)
  return run.then(
    (result) => (cancellation.cancelled ? interrupted() : result),
    (error: unknown) => {
      if (cancellation.cancelled) return interrupted()
      throw error
    }
  )
}
