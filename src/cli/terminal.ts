/**
 * The terminal as the CLI's log: progress and warnings on stderr, the summary on stdout, and every secret an
 * operation masks (passwords, connection URIs) and the API key replaced by *** in both, as the runner does
 * for `::add-mask::` in a workflow log.
 */
import type { RunContext } from '../run.js'

export class Terminal {
  private readonly secrets = new Set<string>()

  constructor(
    private readonly out: NodeJS.WritableStream = process.stdout,
    private readonly err: NodeJS.WritableStream = process.stderr
  ) {}

  mask(secret: string): void {
    if (secret) this.secrets.add(secret)
  }

  /** Progress: a line per bisect round, per recovered table, per deleted branch. */
  info(message: string): void {
    this.err.write(`${this.redact(message)}\n`)
  }

  warning(message: string): void {
    this.err.write(`warning: ${this.redact(message)}\n`)
  }

  error(message: string): void {
    this.err.write(`error: ${this.redact(message)}\n`)
  }

  print(text: string): void {
    this.out.write(`${this.redact(text)}\n`)
  }

  /** What an operation needs to know about this run and how it talks to the log. */
  context(now: Date): RunContext {
    return {
      // One id a run, so its names ({run_id}) and its ephemeral branches are its own.
      runId: `cli-${now.toISOString().replace(/\D/g, '').slice(0, 14)}`,
      runAttempt: '1',
      sha: 'unknown',
      now,
      // The snippets in summaries say `uses: <this>`; a laptop does not know which ref a workflow would use.
      actionRef: './',
      info: (message) => this.info(message),
      warning: (message) => this.warning(message),
      mask: (secret) => this.mask(secret)
    }
  }

  private redact(text: string): string {
    let redacted = text
    for (const secret of this.secrets) redacted = redacted.split(secret).join('***')
    return redacted
  }
}
