/**
 * The action's operations as a command line, for incident response from a laptop:
 *
 *   NEON_API_KEY=… NEON_PROJECT_ID=… neon-recovery bisect --branch main --good "2h ago" --check "SELECT …"
 *
 * The same code as the action: the flags are its inputs (./flags.ts), src/inputs.ts validates them with the same
 * fix-it messages, and src/operations runs the same plan, execute and report. Only the log differs: progress on
 * stderr, the summary as text on stdout (./terminal.ts), and a question before a destructive step
 * (./consent.ts). Started by dist/cli.js (package.json "bin") through src/index.ts; it never loads @actions/*.
 */
import { Cancellation } from '../cancel.js'
import { InputError, isSelfHosted, readSettings, type SelfHostedSettings, type Settings } from '../inputs.js'
import type { NeonGateway } from '../neon/index.js'
import type { OperationResult, RunContext } from '../run.js'
import { Summary } from '../summary.js'
import { cancelOnSignals, gatewayFor } from '../session.js'
import { sweepAfterStep } from '../throwaway.js'
import { askToProceed, canAsk, destructiveStep } from './consent.js'
import { ENVIRONMENT, flagNames, FlagError, parseFlags } from './flags.js'
import { Terminal } from './terminal.js'

const USAGE = `usage: neon-recovery <operation> [--<input> <value> ...] [--yes]

The operations and flags are the action's (docs/reference.md in its repository); switches (--dry-run, --protected) need no value.
The connection comes from ${Object.values(ENVIRONMENT).join(', ')} (a flag wins); with --backend postgres (a self-hosted backup) none is used.
--yes runs a destructive step (restore, prune, recover merge/undo, bisect then: restore/recover) without asking.
Flags: ${flagNames().join(', ')}`

/** Reads flags and inputs; undefined (after saying why) when they are bad: then nothing was sent to Neon. */
function settingsOrReport(terminal: Terminal, argv: string[], now: Date) {
  try {
    const flags = parseFlags(argv, process.env)
    terminal.mask(flags.getInput('api-key'))
    if (flags.help) return terminal.print(USAGE)
    maskDatabaseUrl(terminal, flags.getInput('database-url'))
    const settings = readSettings({ getInput: flags.getInput, now })
    return { settings, yes: flags.yes }
  } catch (error) {
    if (!(error instanceof InputError || error instanceof FlagError)) throw error
    error.problems.forEach((problem) => terminal.error(problem))
    process.exitCode = 1
    return undefined
  }
}

/** recover's live database (backend: postgres): the URL, and its password on its own, as the action masks them. */
function maskDatabaseUrl(terminal: Terminal, text: string): void {
  terminal.mask(text)
  const password = URL.canParse(text) ? new URL(text).password : ''
  if (password) terminal.mask(decodeURIComponent(password))
}

/** backend: postgres: no Neon connection; the restore's own cleanup and signal handler (./selfhosted.ts). */
async function mainSelfHosted(settings: SelfHostedSettings, yes: boolean, terminal: Terminal, context: RunContext) {
  const { runSelfHostedCli } = await import('./selfhosted.js')
  try {
    const result = await runSelfHostedCli(settings, yes, terminal, context)
    if (result) printResult(terminal, result)
    else process.exitCode = 1
  } catch (error) {
    terminal.error((error as Error).message)
    process.exitCode = 1
  }
}

/** The operation, run as in the action; its ephemeral branches deleted when it ends, as the post step does. */
async function runOnce(settings: Settings, gateway: NeonGateway, context: RunContext): Promise<OperationResult> {
  const operations = await import('../operations/index.js')
  try {
    return await operations.runOperation(settings, gateway, context)
  } finally {
    if (!settings.dryRun && (await operations.makesThrowaways(settings.operation))) {
      const deleted = await sweepAfterStep(gateway, context.runId, { ended: true, projectIds: settings.projectIds })
      if (deleted.length > 0) context.info(`Deleted ${deleted.length} ephemeral branches: ${deleted.join(', ')}`)
    }
  }
}

function printResult(terminal: Terminal, result: OperationResult): void {
  const outputs = Object.entries(result.outputs)
  terminal.print(result.summary.toText())
  if (outputs.length > 0) terminal.print(new Summary().heading('Outputs', 3).keyValues(outputs).toText())
  if (result.failed) {
    terminal.error(result.failed)
    process.exitCode = 1
  }
}

/**
 * Whether to go on with a destructive step: --yes, or in a terminal the plan shown and a "y"; outside a
 * terminal without --yes the step is refused before anything is sent to Neon.
 */
async function consented(
  settings: Settings,
  yes: boolean,
  run: (settings: Settings) => Promise<OperationResult>,
  terminal: Terminal
): Promise<boolean> {
  const step = destructiveStep(settings)
  if (!step || settings.dryRun || yes) return true
  if (!canAsk()) {
    terminal.error(`${step}: not run without a terminal to ask in; add --yes to run it (or --dry-run to see the plan)`)
    return false
  }
  printResult(terminal, await run({ ...settings, dryRun: true }))
  if (await askToProceed(step)) return true
  terminal.info('Nothing changed.')
  return false
}

export async function main(argv: string[]): Promise<void> {
  const terminal = new Terminal()
  const now = new Date()
  const read = settingsOrReport(terminal, argv, now)
  if (!read) return
  const { settings, yes } = read
  const context = terminal.context(now)
  if (isSelfHosted(settings)) return mainSelfHosted(settings, yes, terminal, context)
  const cancellation = new Cancellation()
  // The gateway's own log (requests, retries) stays out of a terminal; Ctrl-C is a cancelled workflow run.
  const log = {
    debug: () => undefined,
    info: (message: string) => terminal.info(message),
    warning: (message: string) => terminal.warning(message),
    fail: (message: string) => terminal.error(message)
  }
  const gateway = await gatewayFor(settings, log, cancellation)
  const sweepFallback = 'Neon deletes them when they expire'
  const projectIds = settings.projectIds
  cancelOnSignals({ gateway, cancellation, runId: context.runId, sweeps: true, log, sweepFallback, projectIds })
  const run = (settings: Settings) => runOnce(settings, gateway, context)
  try {
    if (!(await consented(settings, yes, run, terminal))) {
      process.exitCode = 1
      return
    }
    printResult(terminal, await run(settings))
  } catch (error) {
    if (cancellation.cancelled) return new Promise(() => undefined)
    terminal.error((error as Error).message)
    process.exitCode = 1
  }
}

/** Runs the command line (dist/cli.js, through src/index.ts) and exits when it is done. */
export function start(argv: string[]): void {
  void main(argv).then(
    // The Postgres pools and the API client's keep-alive sockets would otherwise hold the process open; exit
    // once stdout is written out (a pipe is asynchronous on macOS).
    () => process.stdout.write('', () => process.exit()),
    (error: unknown) => {
      process.stderr.write(`error: ${(error as Error).message}\n`)
      process.exit(1)
    }
  )
}
