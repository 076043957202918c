/**
 * Cancellation of the main step. When a workflow run is cancelled, the runner sends SIGINT, then SIGTERM
 * 7.5 s later, then SIGKILL 2.5 s after that. On the first signal the step stops starting new work (the gateway
 * sends no new change to Neon, except deletions), waits briefly for requests already on the wire, deletes the
 * ephemeral branches of this run and exits non-zero. A change Neon already accepted (a restore, say) completes
 * there on its own; Neon's restore keeps the overwritten state as the backup branch in the same operation, so
 * a restore is either done with its backup or not started. The post step sweeps whatever is still left.
 */

/** Raised by the gateway for a change it was asked to send after the step was cancelled. */
export class CancelledError extends Error {
  constructor(what: string, signal: string) {
    super(`${what}: not sent, the step was cancelled (${signal})`)
    this.name = 'CancelledError'
  }
}

export class Cancellation {
  private signal?: string

  get cancelled(): boolean {
    return this.signal !== undefined
  }

  get reason(): string | undefined {
    return this.signal
  }

  cancel(signal: string): void {
    this.signal ??= signal
  }

  /** Throws a CancelledError naming `what` once the step is cancelled. */
  check(what: string): void {
    if (this.signal !== undefined) throw new CancelledError(what, this.signal)
  }
}

export interface CancelHandlerOptions {
  cancellation: Cancellation
  /** Deletes what must not outlive the step; bounded by `deadlineMs`. */
  cleanup: (signal: string) => Promise<void>
  /** Reports the cancellation and fails the step. */
  report: (message: string) => void
  info: (message: string) => void
  exit: (code: number) => void
  /** The runner's SIGKILL comes 10 s after SIGINT: finish before it. */
  deadlineMs?: number
}

/**
 * Installs handlers for SIGINT and SIGTERM. The first one cancels and cleans up, then exits 1; later ones
 * (the runner's SIGTERM after its SIGINT) only say that cleanup is under way.
 */
export function handleCancellation(options: CancelHandlerOptions): () => void {
  const { cancellation, deadlineMs = 8000 } = options
  let cleaning = false
  const onSignal = (signal: NodeJS.Signals) => {
    if (cleaning) {
      options.info(`${signal} received: still deleting this run's ephemeral branches`)
      return
    }
    cleaning = true
    cancellation.cancel(signal)
    options.info(`${signal} received: the step was cancelled; starting no new change, cleaning up`)
    const deadline = new Promise<void>((resolve) => setTimeout(resolve, deadlineMs).unref())
    Promise.race([options.cleanup(signal).catch(() => undefined), deadline]).finally(() => {
      options.report(
        `The step was cancelled (${signal}). No new change was started after it; a restore Neon had already ` +
          'accepted completes there with its backup branch. Check the branch before running again.'
      )
      options.exit(1)
    })
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return () => {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}
