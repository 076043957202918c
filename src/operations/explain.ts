/**
 * The words for Neon's failures in terms of the action's inputs. The gateway's typed errors (src/neon/errors.ts)
 * say what happened in Neon; this is the one place that turns them into the input to fix and how:
 * `explainLookup` where an operation looks up what an input names, `explainFailure` as the last resort for
 * what any request can meet (project-id, api-key, api-host, the branch limit).
 */
import type { Branch } from '../neon/index.js'
import {
  AmbiguousError,
  BranchLimitError,
  ForbiddenError,
  NotFoundError,
  UnauthorizedError,
  UnreachableError,
  tries
} from '../neon/index.js'

/**
 * The error to report when looking up what `input` names failed: a branch or snapshot that is missing or
 * ambiguous gets the input's name and the fix; anything else is returned as it is.
 */
export function explainLookup(error: unknown, input: string): unknown {
  if (error instanceof AmbiguousError) return wrap(error, `${input}: ${ambiguity(error)}`)
  if (!(error instanceof NotFoundError)) return error
  const { asked, projectId } = error
  switch (error.kind) {
    case 'branch':
      return wrap(error, `${input}: "${asked}" was not found in project ${projectId} (check the name or id)`)
    case 'default branch':
      return wrap(error, `project ${projectId} has no default branch; set ${input}`)
    case 'snapshot':
      return wrap(
        error,
        `${input}: no snapshot "${asked}" in project ${projectId} (check the name or id after snapshot:)`
      )
    default:
      return error
  }
}

function ambiguity({ kind, asked, matches, idMatch }: AmbiguousError): string {
  const ids = matches.map((match) => match.id).join(', ')
  if (kind === 'snapshot') return `snapshot "${asked}" is ambiguous (${ids}); use snapshot:<id>`
  if (idMatch) {
    const [other] = matches
    return (
      `"${asked}" is the id of branch ${idMatch.name} and the name of branch ${other.id}; ` +
      `use the name ${idMatch.name} for the first, the id ${other.id} for the second`
    )
  }
  return `"${asked}" names ${matches.length} branches (${ids}); use the id instead`
}

/**
 * The error to report for a failure that reached the operation's top: one that the project-id, the api-key
 * or the api-host explains names that input; a full branch limit offers prune. Anything else is as it is.
 */
export function explainFailure(error: unknown): unknown {
  if (error instanceof NotFoundError && error.kind === 'project') {
    return wrap(
      error,
      `project-id: project "${error.projectId}" was not found (check project-id, and that the api-key belongs to its organization)`
    )
  }
  if (error instanceof UnreachableError) {
    const { what, detail } = error.request
    return wrap(error, `${what}: could not reach Neon${tries(error.request)} (${detail}); check api-host`)
  }
  if (error instanceof UnauthorizedError) {
    const { what } = error.request
    return wrap(error, `${what}: Neon rejected the api-key (401): check that the secret holds a valid Neon API key`)
  }
  if (error instanceof ForbiddenError) {
    const { what, projectId, detail } = error.request
    return wrap(
      error,
      `${what}: the api-key may not do this in project ${projectId} (403: ${detail}); use a key of the project's organization`
    )
  }
  if (error instanceof BranchLimitError) {
    return wrap(error, `${error.message}, or run this action with operation: prune`)
  }
  return error
}

/** A new message for a typed error, which stays reachable as the cause. */
function wrap(error: Error, message: string): Error {
  return new Error(message, { cause: error })
}

/**
 * Why `action` may not run on `branch` now, when Neon lists it in the branch's `restricted_actions` (spec:
 * Branch.restricted_actions, with Neon's reason); undefined when it may. `input` names the branch's input.
 */
export function restriction(input: string, branch: Branch, action: string): string | undefined {
  const restricted = branch.restricted_actions?.find((candidate) => candidate.name === action)
  if (!restricted) return undefined
  return (
    `${input}: Neon does not allow a ${action} of ${branch.name} right now: ${restricted.reason} ` +
    `(restricted_actions of ${branch.id}); run again once Neon lifts it`
  )
}

/** A snapshot restore of `target` would keep the replaced branch under `oldName`, which another branch holds. */
export function oldNameTaken(input: string, target: Branch, oldName: string): string {
  return (
    `${input}: a branch named "${oldName}" already exists, and Neon's snapshot restore renames the replaced ` +
    `${target.name} to that name; rename or delete "${oldName}" first`
  )
}

/** Why the source's expiry is cleared before a restore from it (said in the plan, the log and the summary). */
export function expiryCleared(input: string, source: Branch): string {
  return (
    `${input}: ${source.name} expires at ${source.expires_at}, and Neon lets no branch with an expiration time ` +
    'become a parent, as the source of a restore does; its expiry is cleared first, so it stays'
  )
}
