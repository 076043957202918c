/** What an operation knows about the workflow run it is part of, and how it talks to the log. */
import type { Summary } from './summary.js'

export interface RunContext {
  runId: string
  runAttempt: string
  sha: string
  now: Date
  /** How users refer to this action in a `uses:` line, for the snippets in summaries. */
  actionRef: string
  info: (message: string) => void
  warning: (message: string) => void
  /** Must be called on every password and connection URI before it can reach a log, output or summary. */
  mask: (secret: string) => void
}

export interface OperationResult {
  outputs: Record<string, string>
  summary: Summary
  /** Set when the operation ran to the end but its verdict fails the step (a failing drill check). */
  failed?: string
}

/** Records on each branch the action creates which workflow run created it. */
export const RUN_ANNOTATION = 'neon-recovery-action/run-id'
