/**
 * undelete: brings back a deleted branch, by name or id, with its endpoints. Neon keeps a deleted branch
 * recoverable for 7 days (Branch Recovery, a preview: spec deleteProjectBranch "can be recovered within a
 * 7-day grace period", listProjectBranches `include_deleted`, recoverProjectBranch). Several deletions of one
 * name: the newest is brought back, and the summary lists the others by id.
 */
import type { UndeleteSettings } from '../inputs.js'
import type { Branch, Endpoint, NeonGateway } from '../neon/index.js'
import { AmbiguousError, BranchRecoveryUnavailableError } from '../neon/index.js'
import type { OperationResult, RunContext } from '../run.js'
import { Summary } from '../summary.js'
import { chooseConnection } from './branch-connection.js'
import { neonTime } from './common.js'
import { explainLookup } from './explain.js'

/** A deleted branch as Neon lists it with `include_deleted=true`: with its recovery info. */
export type DeletedBranch = Branch & { recovery: NonNullable<Branch['recovery']> }

export interface UndeletePlan {
  settings: UndeleteSettings
  branch: DeletedBranch
  /** Older deletions with the same name, still recoverable (by id). */
  others: DeletedBranch[]
}

export interface UndeleteResult {
  branch: Branch
  endpoints: Endpoint[]
  /** `<database> as <role>`, and the masked URI, when the branch has an endpoint to connect to. */
  connection?: { label: string; uri: string }
}

const isDeleted = (branch: Branch): branch is DeletedBranch => branch.recovery !== undefined

/**
 * The deleted branch `asked` names among `branches` (live and deleted, as `include_deleted=true` lists them),
 * and the older deletions of its name; refuses with the fix what cannot be brought back. Pure, for unit tests.
 */
export function chooseDeleted(
  branches: Branch[],
  asked: string,
  now: number,
  projectId: string
): { branch: DeletedBranch; others: DeletedBranch[] } {
  const deleted = branches.filter(isDeleted).filter((branch) => Date.parse(branch.recovery.recoverable_until) > now)
  const byId = deleted.find((branch) => branch.id === asked)
  const byName = deleted
    .filter((branch) => branch.name === asked)
    .sort((a, b) => Date.parse(b.recovery.deleted_at) - Date.parse(a.recovery.deleted_at))
  if (byId && byName.length > 0) throw explainLookup(new AmbiguousError('branch', asked, byName, byId), 'branch')
  const [branch, ...others] = byId ? [byId] : byName
  if (!branch) throw new Error(notDeleted(branches, asked, projectId))
  // Docs unclear on whether Neon recovers a branch whose name a live branch has taken meanwhile (it refuses a
  // second branch of one name with 409 on create): refused here, before anything changes.
  const live = branches.find((candidate) => !isDeleted(candidate) && candidate.name === branch.name)
  if (live) {
    throw new Error(
      `branch: a branch named "${branch.name}" exists (${live.id}), so the deleted ${branch.id} cannot come back ` +
        'under its name; rename or delete the live one first, then run undelete again'
    )
  }
  return { branch, others }
}

function notDeleted(branches: Branch[], asked: string, projectId: string): string {
  const live = branches.find((branch) => !isDeleted(branch) && (branch.id === asked || branch.name === asked))
  if (live)
    return `branch: "${asked}" is not deleted (it is the live branch ${live.name}, ${live.id}): nothing to undelete`
  return (
    `branch: no deleted branch named or with id "${asked}" can be recovered in project ${projectId}. Neon keeps a ` +
    'deleted branch for 7 days; one deleted longer ago, or deleted with hard_delete (as this action deletes its ' +
    'throwaway branches), is gone for good. Check the name, or list what can come back with ' +
    `GET /projects/${projectId}/branches?include_deleted=true`
  )
}

export async function plan(
  settings: UndeleteSettings,
  gateway: NeonGateway,
  context: RunContext
): Promise<UndeletePlan> {
  let branches: Branch[]
  try {
    branches = await gateway.branches.listIncludingDeleted()
  } catch (error) {
    if (!(error instanceof BranchRecoveryUnavailableError)) throw error
    throw new Error(
      `operation: undelete needs Neon's branch recovery, a preview that is not enabled for project ` +
        `${gateway.projectId} (Neon refused include_deleted: ${error.request.status} ${error.request.detail}); ` +
        'without it a deleted branch is gone for good: recreate it from its parent at a point before the deletion',
      { cause: error }
    )
  }
  return { settings, ...chooseDeleted(branches, settings.branch, context.now.getTime(), gateway.projectId) }
}

function facts(plan: UndeletePlan): [string, string | undefined][] {
  const { branch } = plan
  return [
    ['Branch', `${branch.name} (${branch.id})`],
    ['Parent', branch.parent_id],
    // Spec, BranchRecoveryInfo.deletion_method: 'user' for manual deletion, 'ttl' for TTL expiration.
    [
      'Deleted',
      `${neonTime(branch.recovery.deleted_at)}${branch.recovery.deletion_method === 'ttl' ? ' (it expired)' : ''}`
    ],
    ['Recoverable until', neonTime(branch.recovery.recoverable_until)]
  ]
}

function othersNote(plan: UndeletePlan): string | undefined {
  if (plan.others.length === 0) return undefined
  const list = plan.others.map((other) => `${other.id} (deleted ${neonTime(other.recovery.deleted_at)})`)
  return (
    `${plan.others.length} older deletion${plan.others.length === 1 ? '' : 's'} of ${plan.branch.name} can still be ` +
    `recovered: ${list.join(', ')}. This brings back the newest; give an id as branch for another.`
  )
}

/** Neon's rule for a recovered branch with an expiry (spec, recoverProjectBranch). */
function expiryNote(plan: UndeletePlan): string | undefined {
  const { branch } = plan
  return branch.expires_at
    ? `It was set to expire at ${neonTime(branch.expires_at)}; Neon brings it back without an expiry.`
    : undefined
}

export function describe(plan: UndeletePlan): OperationResult {
  const summary = new Summary()
    .heading(`Dry run: Undelete of ${plan.branch.name}`)
    .paragraph(
      `Nothing was changed. This step would bring back ${plan.branch.name} (${plan.branch.id}) with its endpoints.`
    )
    .paragraph(othersNote(plan))
    .paragraph(expiryNote(plan))
    .keyValues(facts(plan))
  return { outputs: {}, summary }
}

export async function execute(plan: UndeletePlan, gateway: NeonGateway, context: RunContext): Promise<UndeleteResult> {
  const { branch, endpoints } = await gateway.branches.recover(plan.branch.id)
  context.info(`Recovered branch ${branch.name} (${branch.id}) with ${endpoints.length} endpoints`)
  if (endpoints.length === 0) return { branch, endpoints }
  const { database, role } = chooseConnection(
    await gateway.connections.listDatabases(branch.id),
    await gateway.connections.listRoles(branch.id),
    plan.settings
  )
  const uri = await gateway.connections.getUri({ branchId: branch.id, database, role })
  context.mask(uri)
  return { branch, endpoints, connection: { label: `${database} as ${role}`, uri } }
}

export function report(plan: UndeletePlan, result: UndeleteResult): OperationResult {
  const { branch, endpoints, connection } = result
  const outputs: Record<string, string> = { 'branch-id': branch.id, 'branch-name': branch.name }
  if (connection) outputs['connection-uri'] = connection.uri
  const computes = endpoints.map((endpoint) => `${endpoint.id} (${endpoint.type})`).join(', ')
  const summary = new Summary()
    .heading(`Undelete of ${branch.name}`)
    // Spec, recoverProjectBranch: "Recovery restores the branch and its endpoints to an idle state. Connection
    // strings remain valid after recovery."
    .paragraph(
      `Recovered ${branch.name} (${branch.id}). ` +
        (endpoints.length > 0
          ? 'Its endpoints are back idle and start on the first connection; their connection strings are unchanged.'
          : 'It has no endpoint: add one to connect.')
    )
    .paragraph(othersNote(plan))
    .paragraph(expiryNote(plan))
    .keyValues([...facts(plan), ['Endpoints', computes || 'none'], ['Database', connection?.label]])
  return { outputs, summary }
}
