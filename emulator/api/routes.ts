/** The Neon API v2 routes the emulator serves, mapped onto the control plane and rendered as Neon renders them. */
import type { Clock } from './clock.js'
import type {
  ControlPlane,
  CreateBranchInput,
  RestrictedActionsInput,
  RestoreBranchInput,
  RestoreSnapshotInput,
  UpdateBranchInput
} from './controlplane.js'
import { badRequest, notFound } from './errors.js'
import {
  renderAnnotation,
  renderBranch,
  renderConnectionDetails,
  renderDatabase,
  renderEndpoint,
  renderOperation,
  renderProject,
  renderRecovery,
  renderRole,
  renderSnapshot,
  connectionUri,
  type BranchRecord,
  type EndpointRecord,
  type OperationRecord
} from './model.js'

export interface RequestContext {
  params: Record<string, string>
  query: URLSearchParams
  body: unknown
  /** A `slow` fault hit this request. */
  slow: boolean
}

export interface Reply {
  status: number
  body?: unknown
}

export interface Route {
  method: string
  template: string
  pattern: RegExp
  names: string[]
  handler: (context: RequestContext) => Promise<Reply> | Reply
}

type Json = Record<string, unknown>

function route(method: string, template: string, handler: Route['handler']): Route {
  const names: string[] = []
  const source = template.replace(/\{([a-z_]+)\}/g, (_, name: string) => {
    names.push(name)
    return '([^/]+)'
  })
  return { method, template, pattern: new RegExp(`^${source}$`), names, handler }
}

export function matchRoute(
  routes: Route[],
  method: string,
  path: string
): { route: Route; params: Record<string, string> } | undefined {
  for (const candidate of routes) {
    if (candidate.method !== method) continue
    const match = candidate.pattern.exec(path)
    if (!match) continue
    const params = Object.fromEntries(
      candidate.names.map((name, index) => [name, decodeURIComponent(match[index + 1])])
    )
    return { route: candidate, params }
  }
  return undefined
}

/** Pages a list the way Neon's cursor pagination reads: an opaque `next` cursor, present while more remain. */
function paginate<T>(items: T[], query: URLSearchParams, max: number): { page: T[]; next?: string } {
  const limitText = query.get('limit')
  const limit = limitText === null ? items.length || 1 : Number(limitText)
  if (!Number.isInteger(limit) || limit < 1 || limit > max)
    throw badRequest(`limit must be an integer from 1 to ${max}`)
  let offset = 0
  const cursor = query.get('cursor')
  if (cursor) {
    offset = Number(
      Buffer.from(cursor, 'base64url')
        .toString('utf8')
        .replace(/^offset:/, '')
    )
    if (!Number.isInteger(offset) || offset < 0) throw badRequest('invalid cursor')
  }
  const page = items.slice(offset, offset + limit)
  const end = offset + page.length
  return { page, next: end < items.length ? Buffer.from(`offset:${end}`).toString('base64url') : undefined }
}

/** What every route group uses: the control plane, the clock, and how Neon renders each record. */
interface Kit {
  plane: ControlPlane
  state: ControlPlane['state']
  clock: Clock
  projectId: () => string
  branchJson: (branch: BranchRecord) => Json
  endpointJson: (endpoint: EndpointRecord) => Json
  operationsJson: (operations: OperationRecord[]) => Json[]
  /** A route under `/projects/{project_id}`: another project's id answers 404, as on Neon. */
  project: (template: string, method: string, handler: Route['handler']) => Route
}

function makeKit(plane: ControlPlane, clock: Clock): Kit {
  const state = plane.state
  const projectId = (): string => state.project.id
  return {
    plane,
    state,
    clock,
    projectId,
    branchJson: (branch) =>
      renderBranch(projectId(), branch, plane.operations.initializing(branch.id) ? 'init' : 'ready', branch.updatedAt),
    endpointJson: (endpoint) => renderEndpoint(projectId(), endpoint, plane.operations.endpointStarting(endpoint.id)),
    operationsJson: (operations) => operations.map((op) => renderOperation(projectId(), op)),
    project: (template, method, handler) =>
      route(method, `/projects/{project_id}${template}`, (context) => {
        if (context.params.project_id !== projectId()) throw notFound(`project ${context.params.project_id} not found`)
        return handler(context)
      })
  }
}

const body = <T>(context: RequestContext): T => (context.body ?? {}) as T

function projectRoutes({ project, state, clock }: Kit): Route[] {
  return [project('', 'GET', () => ({ status: 200, body: { project: renderProject(state.project, clock.iso()) } }))]
}

/** POST /branches: the new branch with its endpoints, roles, databases and, when unambiguous, connection URIs. */
async function createBranch(kit: Kit, context: RequestContext): Promise<Reply> {
  const result = await kit.plane.createBranch(body<CreateBranchInput>(context), context)
  const { branch, endpoints } = result
  const reply: Json = {
    branch: kit.branchJson(branch),
    endpoints: endpoints.map(kit.endpointJson),
    operations: kit.operationsJson(result.operations),
    roles: branch.roles.map((role) => renderRole(branch.id, role)),
    databases: branch.databases.map((database) => renderDatabase(branch.id, database))
  }
  // Neon leaves connection_uris out when the branch has several roles or databases.
  const role = branch.roles[0]
  if (endpoints.length && branch.roles.length === 1 && branch.databases.length === 1 && role.password) {
    reply.connection_uris = [renderConnectionDetails(role, branch.databases[0].name, endpoints[0].port)]
  }
  return { status: 201, body: reply }
}

/** Neon's branch search matches names (case-insensitively) and ids. */
function searchBranches(branches: BranchRecord[], query: URLSearchParams): BranchRecord[] {
  const search = query.get('search')?.toLowerCase()
  return branches.filter(
    (branch) => !search || branch.name.toLowerCase().includes(search) || branch.id.includes(search)
  )
}

/**
 * A boolean query parameter of the Branch Recovery preview (spec: deleteProjectBranch `hard_delete`,
 * listProjectBranches `include_deleted`, both default false); a project without the preview refuses it.
 */
function recoveryFlag(plane: ControlPlane, query: URLSearchParams, name: string): boolean {
  const value = query.get(name)
  if (value === null) return false
  plane.requireBranchRecovery(`the ${name} parameter`)
  if (value !== 'true' && value !== 'false') throw badRequest(`${name} must be true or false, got "${value}"`)
  return value === 'true'
}

/**
 * GET /branches: searched, sorted and paged, with the annotations of the page's branches. With
 * `include_deleted=true`, soft-deleted branches too, each with its `recovery` (spec: Branch.recovery).
 */
function listBranches(kit: Kit, context: RequestContext): Reply {
  const query = context.query
  const withDeleted = recoveryFlag(kit.plane, query, 'include_deleted')
  const sortBy = query.get('sort_by') ?? 'updated_at'
  const sortOrder = query.get('sort_order') ?? 'desc'
  if (!['name', 'created_at', 'updated_at'].includes(sortBy)) throw badRequest(`invalid sort_by "${sortBy}"`)
  if (!['asc', 'desc'].includes(sortOrder)) throw badRequest(`invalid sort_order "${sortOrder}"`)
  const key = (branch: BranchRecord): string =>
    sortBy === 'name' ? branch.name : sortBy === 'created_at' ? branch.createdAt : branch.updatedAt
  const listed = withDeleted ? kit.state.branches : kit.plane.liveBranches()
  const matching = searchBranches(listed, query).sort(
    (a, b) => key(a).localeCompare(key(b)) || a.id.localeCompare(b.id)
  )
  if (sortOrder === 'desc') matching.reverse()
  const { page, next } = paginate(matching, query, 10000)
  const annotations = Object.fromEntries(
    page.filter((branch) => branch.annotation).map((branch) => [branch.id, renderAnnotation(branch)])
  )
  return {
    status: 200,
    body: {
      branches: page.map((branch) =>
        branch.deleted
          ? { ...kit.branchJson(branch), recovery: renderRecovery(branch.deleted) }
          : kit.branchJson(branch)
      ),
      annotations,
      pagination: { ...(next ? { next } : {}), sort_by: sortBy, sort_order: sortOrder }
    }
  }
}

function branchRoutes(kit: Kit): Route[] {
  const { project, plane, branchJson, endpointJson, operationsJson } = kit
  const branchAndOperations = (result: { branch: BranchRecord; operations: OperationRecord[] }): Reply => ({
    status: 200,
    body: { branch: branchJson(result.branch), operations: operationsJson(result.operations) }
  })
  return [
    project('/branches', 'POST', (context) => createBranch(kit, context)),
    project('/branches', 'GET', (context) => listBranches(kit, context)),
    project('/branches/count', 'GET', (context) => ({
      status: 200,
      body: { count: searchBranches(plane.liveBranches(), context.query).length }
    })),
    project('/branches/{branch_id}', 'GET', (context) => {
      const branch = plane.branch(context.params.branch_id)
      return { status: 200, body: { branch: branchJson(branch), annotation: renderAnnotation(branch) } }
    }),
    project('/branches/{branch_id}', 'PATCH', async (context) =>
      branchAndOperations(await plane.updateBranch(context.params.branch_id, body<UpdateBranchInput>(context), context))
    ),
    project('/branches/{branch_id}', 'DELETE', async (context) => {
      const hard = recoveryFlag(plane, context.query, 'hard_delete')
      const result = await plane.deleteBranch(context.params.branch_id, hard, context)
      return result ? branchAndOperations(result) : { status: 204 }
    }),
    // Spec: recoverProjectBranch answers BranchRecoverResponse, the branch and its endpoints (no operations).
    project('/branches/{branch_id}/recover', 'POST', async (context) => {
      const result = await plane.recoverBranch(context.params.branch_id)
      return { status: 200, body: { branch: branchJson(result.branch), endpoints: result.endpoints.map(endpointJson) } }
    }),
    project('/branches/{branch_id}/restore', 'POST', async (context) =>
      branchAndOperations(
        await plane.restoreBranch(context.params.branch_id, body<RestoreBranchInput>(context), context)
      )
    ),
    project('/branches/{branch_id}/finalize_restore', 'POST', async (context) => {
      const result = await plane.finalizeRestore(context.params.branch_id, body<{ name?: string }>(context), context)
      return { status: 200, body: { operations: operationsJson(result.operations) } }
    })
  ]
}

function endpointRoutes({ project, plane, endpointJson, operationsJson }: Kit): Route[] {
  const endpointAndOperations = (
    status: number,
    result: { endpoint: EndpointRecord; operations: OperationRecord[] }
  ) => ({
    status,
    body: { endpoint: endpointJson(result.endpoint), operations: operationsJson(result.operations) }
  })
  return [
    project('/branches/{branch_id}/endpoints', 'GET', (context) => {
      const branch = plane.branch(context.params.branch_id)
      return { status: 200, body: { endpoints: plane.endpointsOf(branch.id).map(endpointJson) } }
    }),
    project('/endpoints', 'GET', () => ({ status: 200, body: { endpoints: plane.liveEndpoints().map(endpointJson) } })),
    project('/endpoints', 'POST', async (context) =>
      endpointAndOperations(201, await plane.createEndpoint(body(context), context))
    ),
    project('/endpoints/{endpoint_id}', 'GET', (context) => ({
      status: 200,
      body: { endpoint: endpointJson(plane.endpoint(context.params.endpoint_id)) }
    })),
    project('/endpoints/{endpoint_id}', 'DELETE', async (context) =>
      endpointAndOperations(200, await plane.deleteEndpoint(context.params.endpoint_id, context))
    )
  ]
}

/** GET /connection_uri: a role's URI to a database through an endpoint of the branch (default: main's first). */
function connectionUriRoute(plane: ControlPlane, context: RequestContext): Reply {
  const query = context.query
  const branchId = query.get('branch_id')
  const branch = branchId ? plane.branch(branchId) : plane.defaultBranch()
  const endpointId = query.get('endpoint_id')
  const endpoint = endpointId ? plane.endpoint(endpointId) : plane.endpointsOf(branch.id)[0]
  if (!endpoint || endpoint.branchId !== branch.id) throw notFound(`branch ${branch.id} has no such endpoint`)
  const databaseName = query.get('database_name')
  const roleName = query.get('role_name')
  if (!databaseName || !roleName) throw badRequest('database_name and role_name are required')
  if (!branch.databases.some((database) => database.name === databaseName)) {
    throw notFound(`database ${databaseName} not found`)
  }
  const role = branch.roles.find((candidate) => candidate.name === roleName)
  if (!role?.password) throw notFound(`role ${roleName} not found`)
  return { status: 200, body: { uri: connectionUri(role, databaseName, endpoint.port) } }
}

function databaseAndRoleRoutes({ project, plane, operationsJson }: Kit): Route[] {
  return [
    project('/branches/{branch_id}/databases', 'GET', (context) => {
      const branch = plane.branch(context.params.branch_id)
      return {
        status: 200,
        body: { databases: branch.databases.map((database) => renderDatabase(branch.id, database)) }
      }
    }),
    project('/branches/{branch_id}/databases', 'POST', async (context) => {
      const branchId = context.params.branch_id
      const result = await plane.createDatabase(branchId, body(context), context)
      return {
        status: 201,
        body: { database: renderDatabase(branchId, result.database), operations: operationsJson(result.operations) }
      }
    }),
    project('/branches/{branch_id}/roles', 'GET', (context) => {
      const branch = plane.branch(context.params.branch_id)
      return { status: 200, body: { roles: branch.roles.map((role) => renderRole(branch.id, role)) } }
    }),
    project('/branches/{branch_id}/roles', 'POST', async (context) => {
      const branchId = context.params.branch_id
      const result = await plane.createRole(branchId, body(context), context)
      return {
        status: 201,
        body: { role: renderRole(branchId, result.role, true), operations: operationsJson(result.operations) }
      }
    }),
    project('/branches/{branch_id}/roles/{role_name}/reveal_password', 'GET', (context) => {
      const branch = plane.branch(context.params.branch_id)
      const role = branch.roles.find((candidate) => candidate.name === context.params.role_name)
      if (!role) throw notFound(`role ${context.params.role_name} not found`)
      if (role.password === undefined) throw notFound(`role ${role.name} has no password`)
      return { status: 200, body: { password: role.password } }
    }),
    project('/connection_uri', 'GET', (context) => connectionUriRoute(plane, context))
  ]
}

function operationRoutes({ project, state, projectId, operationsJson }: Kit): Route[] {
  return [
    project('/operations', 'GET', (context) => {
      const newestFirst = [...state.operations].reverse()
      const { page, next } = paginate(newestFirst, context.query, 1000)
      return {
        status: 200,
        body: { operations: operationsJson(page), ...(next ? { pagination: { cursor: next } } : {}) }
      }
    }),
    project('/operations/{operation_id}', 'GET', (context) => {
      const operation = state.operations.find((candidate) => candidate.id === context.params.operation_id)
      if (!operation) throw notFound(`operation ${context.params.operation_id} not found`)
      return { status: 200, body: { operation: renderOperation(projectId(), operation) } }
    })
  ]
}

function snapshotRoutes({ project, plane, state, branchJson, endpointJson, operationsJson }: Kit): Route[] {
  return [
    // Neon takes the snapshot's options in the query string, not a body.
    project('/branches/{branch_id}/snapshot', 'POST', async (context) => {
      const query = context.query
      const input = {
        lsn: query.get('lsn') ?? undefined,
        timestamp: query.get('timestamp') ?? undefined,
        name: query.get('name') ?? undefined,
        expires_at: query.get('expires_at') ?? undefined
      }
      const result = await plane.createSnapshot(context.params.branch_id, input, context)
      return {
        status: 200,
        body: { snapshot: renderSnapshot(result.snapshot), operations: operationsJson(result.operations) }
      }
    }),
    project('/snapshots', 'GET', () => ({ status: 200, body: { snapshots: state.snapshots.map(renderSnapshot) } })),
    project('/snapshots/{snapshot_id}', 'DELETE', async (context) => {
      const result = await plane.deleteSnapshot(context.params.snapshot_id)
      return { status: 202, body: { operations: operationsJson(result.operations) } }
    }),
    project('/snapshots/{snapshot_id}/restore', 'POST', async (context) => {
      const input = { ...body<RestoreSnapshotInput>(context) }
      // `name` in the query string is the deprecated spelling of the body's `name`.
      input.name ??= context.query.get('name') ?? undefined
      const result = await plane.restoreSnapshot(context.params.snapshot_id, input, context)
      return {
        status: 200,
        body: {
          branch: branchJson(result.branch),
          endpoints: result.endpoints.map(endpointJson),
          operations: operationsJson(result.operations)
        }
      }
    })
  ]
}

/** The route table, one group at a time; order matters where templates overlap (`/branches/count` first). */
export function buildRoutes(plane: ControlPlane, clock: Clock): Route[] {
  const kit = makeKit(plane, clock)
  return [
    ...projectRoutes(kit),
    ...branchRoutes(kit),
    ...endpointRoutes(kit),
    ...databaseAndRoleRoutes(kit),
    ...operationRoutes(kit),
    ...snapshotRoutes(kit)
  ]
}

/**
 * Emulator controls, not Neon API: routes under `/api/v2/_emulator/` that set what Neon's API gives a client no
 * way to set, so tests can meet it. `PUT /_emulator/branches/{branch_id}/restricted_actions
 * {"restricted_actions": [{"name": "restore", "reason": "..."}]}` sets the branch's restricted actions (an empty
 * list lifts them) and answers the branch as Neon renders it.
 */
export function buildControlRoutes(plane: ControlPlane, clock: Clock): Route[] {
  const kit = makeKit(plane, clock)
  return [
    route('PUT', '/_emulator/branches/{branch_id}/restricted_actions', async (context) => {
      const branch = await plane.setRestrictedActions(context.params.branch_id, body<RestrictedActionsInput>(context))
      return { status: 200, body: { branch: kit.branchJson(branch) } }
    })
  ]
}
