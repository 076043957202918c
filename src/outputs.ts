/**
 * Which outputs each operation may write: the one record of it, read by the step (src/main.ts refuses an output
 * its operation has not declared, so every integration test checks this list against the report code), by the
 * sub-actions' action.yml (tools/generate-sub-actions.ts) and by the docs. Names must be outputs of action.yml
 * (a unit test compares them).
 */
import type { OperationName } from './inputs.js'

/** What restore writes (src/operations/restore.ts report); bisect with then: restore writes the same. */
const RESTORE_OUTPUTS = ['branch-id', 'lsn', 'timestamp', 'backup-branch-id', 'backup-branch-name'] as const

/** What a change undone writes (src/operations/undo-report.ts): recover with mode: undo, bisect with then: recover. */
const UNDO_OUTPUTS = ['changes', 'conflicts'] as const

export const OUTPUTS: Record<OperationName, readonly string[]> = {
  // src/operations/snapshot.ts: a branch (kind: branch) or a Neon snapshot (kind: snapshot).
  snapshot: ['branch-id', 'branch-name', 'snapshot-id', 'lsn', 'timestamp', 'connection-uri'],
  restore: RESTORE_OUTPUTS,
  // src/operations/bisect/report.ts: the answer, the recovery branch (then: branch), restore's outputs
  // (then: restore), the bad change (changes) and what was left as it is (then: recover).
  bisect: unique([
    'last-good-lsn',
    'first-bad-lsn',
    'probes',
    'rounds',
    'branch-name',
    ...RESTORE_OUTPUTS,
    ...UNDO_OUTPUTS
  ]),
  // query and recover write the same outputs with backend: postgres (src/selfhosted/query.ts, recover.ts).
  query: ['result', 'rows', 'truncated', 'lsn'],
  // With a comma list of project-id, verify and prune also write each project's results (src/operations/several.ts).
  // With verify-standby (backend: postgres) also how the standby caught up (src/selfhosted/verify-report.ts).
  verify: ['passed', 'duration-ms', 'results', 'standby-lag-bytes', 'standby-catchup-ms'],
  prune: ['deleted', 'results'],
  // src/operations/recover.ts, and mode: undo (src/operations/undo-report.ts).
  recover: ['rows', 'invalid-keys', ...UNDO_OUTPUTS],
  undelete: ['branch-id', 'branch-name', 'connection-uri'],
  // src/operations/projects.ts.
  projects: ['projects', 'chunks']
}

function unique(names: string[]): string[] {
  return [...new Set(names)]
}

/** An operation wrote an output it has not declared in OUTPUTS: a bug of this action, not of the input. */
export class UndeclaredOutputError extends Error {
  constructor(
    readonly operation: OperationName,
    readonly outputs: string[]
  ) {
    super(
      `Internal error: ${operation} wrote outputs it does not declare (${outputs.join(', ')}); ` +
        'add them to OUTPUTS in src/outputs.ts and to action.yml'
    )
    this.name = 'UndeclaredOutputError'
  }
}

/** Throws UndeclaredOutputError when `outputs` holds a name `operation` has not declared. */
export function checkOutputs(operation: OperationName, outputs: Record<string, string>): void {
  const undeclared = Object.keys(outputs).filter((name) => !OUTPUTS[operation].includes(name))
  if (undeclared.length > 0) throw new UndeclaredOutputError(operation, undeclared)
}
