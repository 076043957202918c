/**
 * The `recovery-timeout` input: a bound on the restore and the WAL replay together. On expiry the restore is
 * abandoned (the backup tool's command is killed, the server stopped, the work directory removed by the owner,
 * src/selfhosted/restore.ts), and the error says how far the replay got, read from the server's log:
 * - "redo in progress, elapsed time: %ld.%02d s, current LSN: %X/%X", which the startup process logs every
 *   log_startup_progress_interval during redo (xlogrecovery.c, PostgreSQL 15 and later; "The default is 10
 *   seconds", runtime-config-logging). The default is kept: the bound is meant in minutes, not seconds.
 * - "restored log file \"%s\" from archive" (xlogarchive.c, RestoreArchivedFile), logged for each segment fetched.
 * - "redo starts at %X/%X" (xlogrecovery.c), once replay began.
 */
import { formatDuration } from '../duration.js'

/** The restore and replay did not finish within recovery-timeout. */
export class RecoveryTimeoutError extends Error {
  constructor(
    readonly timeoutMs: number,
    readonly elapsedMs: number,
    readonly progress: string
  ) {
    super(
      `recovery-timeout: the restore and WAL replay did not finish within ${formatDuration(timeoutMs)} ` +
        `(stopped after ${formatDuration(elapsedMs)}; ${progress}); the restored copy was stopped and removed. ` +
        'Raise recovery-timeout (e.g. recovery-timeout: 3h), or restore a backup taken closer to at so less WAL is replayed'
    )
    this.name = 'RecoveryTimeoutError'
  }
}

/** How far the replay got, in words, from the server log (empty when the server never started). */
export function replayProgress(log: string): string {
  const last = (pattern: RegExp) => [...log.matchAll(pattern)].at(-1)
  const redo = last(/redo in progress, elapsed time: ([\d.]+) s, current LSN: ([0-9A-F]+\/[0-9A-F]+)/g)
  if (redo) return `replay had reached LSN ${redo[2]} after ${redo[1]} s of redo`
  const fetched = last(/restored log file "([0-9A-F]{24})" from archive/g)
  const started = last(/redo starts at ([0-9A-F]+\/[0-9A-F]+)/g)
  if (fetched)
    return `replay had fetched WAL up to segment ${fetched[1]}${started ? ` (redo started at ${started[1]})` : ''}`
  if (started) return `replay had started at LSN ${started[1]}`
  return log
    ? 'no WAL segment had been fetched yet (restore-command was still running)'
    : 'the backup was still being restored'
}

/**
 * The deadline of one restore. Once `timeoutMs` passed, `signal` aborts (killing the backup tool's command), and
 * `expire` runs (it stops the server and says how far the replay got); every `within` then fails with
 * RecoveryTimeoutError, whatever the work ends with (a failure the stop caused, or a success too late).
 */
export class RecoveryDeadline {
  private readonly controller = new AbortController()
  private readonly timer: NodeJS.Timeout
  private readonly expired: Promise<never>

  constructor(timeoutMs: number, expire: () => Promise<string>) {
    const started = Date.now()
    let fail: (error: unknown) => void = () => undefined
    this.expired = new Promise<never>((_resolve, reject) => (fail = reject))
    this.expired.catch(() => undefined)
    this.timer = setTimeout(() => {
      this.controller.abort()
      expire().then((progress) => fail(new RecoveryTimeoutError(timeoutMs, Date.now() - started, progress)), fail)
    }, timeoutMs)
  }

  get signal(): AbortSignal {
    return this.controller.signal
  }

  /** `work`'s result, unless the deadline passes first. */
  within<T>(work: Promise<T>): Promise<T> {
    const aborted = () => this.controller.signal.aborted
    const guarded = work.then(
      (value) => (aborted() ? this.expired : value),
      (error: unknown) => {
        if (aborted()) return this.expired
        throw error
      }
    )
    return Promise.race([guarded, this.expired])
  }

  clear(): void {
    clearTimeout(this.timer)
  }
}
