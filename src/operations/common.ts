/** Look-ups and wording shared by the operations. */
import { formatTime } from '../format.js'
import type { Branch, NeonGateway } from '../neon.js'
import type { Point } from '../point.js'
import type { RunContext } from '../run.js'
import { renderTemplate } from '../template.js'

/** The branch named by the `branch` input, or the project's default branch. */
export function resolveBranch(gateway: NeonGateway, nameOrId: string | undefined): Promise<Branch> {
  return nameOrId ? gateway.findBranch(nameOrId) : gateway.defaultBranch()
}

export function nameFor(template: string, branch: Branch, operation: string, context: RunContext): string {
  return renderTemplate(template, {
    branch: branch.name,
    operation,
    runId: context.runId,
    runAttempt: context.runAttempt,
    sha: context.sha,
    now: context.now
  })
}

/** The API's fields for a point on a parent or source branch; head is the absence of both. */
export function pointFields(point: Point): { lsn?: string; timestamp?: string } {
  if (point.kind === 'lsn') return { lsn: point.lsn }
  if (point.kind === 'timestamp') return { timestamp: point.timestamp }
  return {}
}

/** Neon wants expiry in RFC 3339 with at most second precision. */
export function expiryTime(now: Date, inMs: number): string {
  return formatTime(now.getTime() + inMs).replace(/\.\d{3}Z$/, 'Z')
}

/** Neon's times in the action's format; undefined stays undefined. */
export function neonTime(time: string | undefined): string | undefined {
  return time ? formatTime(Date.parse(time)) : undefined
}

/** A ready-to-paste workflow step that restores `branch` from `source`. */
export function restoreStep(options: { actionRef: string; projectId: string; branch: Branch; source: string }): string {
  const lines = [
    `- uses: ${options.actionRef}`,
    '  with:',
    '    operation: restore',
    '    api-key: ${{ secrets.NEON_API_KEY }}',
    `    project-id: ${options.projectId}`,
    `    branch: ${options.branch.name}`,
    `    source: ${options.source}`
  ]
  if (options.branch.default || options.branch.protected) lines.push(`    confirm: ${options.branch.name}`)
  return lines.join('\n')
}
