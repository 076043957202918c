/**
 * A step's connection to Neon, shared by the action (src/main.ts) and the CLI (src/cli/index.ts): the gateway,
 * and what SIGINT or SIGTERM does to it (src/cancel.ts): no new change is sent, the changes already on the wire
 * are given a moment to answer (so the branches they make are listed), the run's ephemeral branches are
 * deleted, and the process exits 1. Only the log differs between the two, so it is a parameter. The Neon
 * client loads here, once the inputs are good (bench/cold-start.ts).
 */
import { Cancellation, handleCancellation } from './cancel.js'
import type { Settings } from './inputs.js'
import type { NeonGateway } from './neon/index.js'
import { sweepEachProject } from './throwaway.js'

export interface SessionLog {
  /** The gateway's own log: requests, retries. */
  debug: (message: string) => void
  info: (message: string) => void
  warning: (message: string) => void
  /** Reports the cancellation as the failure of the run. */
  fail: (message: string) => void
}

export async function gatewayFor(
  settings: Settings,
  log: Pick<SessionLog, 'debug'>,
  cancellation?: Cancellation
): Promise<NeonGateway> {
  const { NeonGateway } = await import('./neon/index.js')
  const { apiKey, apiHost, projectId } = settings
  return new NeonGateway({ apiKey, apiHost, projectId, log: log.debug, cancellation })
}

export interface SignalOptions {
  gateway: NeonGateway
  cancellation: Cancellation
  runId: string
  /** Whether the operation makes ephemeral branches to delete. */
  sweeps: boolean
  log: SessionLog
  /** What else will delete what a failed sweep left, for the warning. */
  sweepFallback: string
  /** Every project of the step: verify and prune work through a comma list of project-id. */
  projectIds: readonly string[]
}

export function cancelOnSignals(options: SignalOptions): void {
  const { gateway, cancellation, runId, sweeps, log, sweepFallback, projectIds } = options
  handleCancellation({
    cancellation,
    info: log.info,
    report: log.fail,
    exit: (code) => process.exit(code),
    cleanup: async () => {
      if (!sweeps) return
      await gateway.settle(3000)
      try {
        const deleted = await sweepEachProject(gateway, projectIds, runId)
        if (deleted.length > 0) log.info(`Deleted ${deleted.length} ephemeral branches: ${deleted.join(', ')}`)
      } catch (error) {
        log.warning(`${(error as Error).message} (${sweepFallback})`)
      }
    }
  })
}
