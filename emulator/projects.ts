/**
 * The emulator's projects: the first starts with the emulator; every other one is listed from the start but
 * gets its PostgreSQL, proxy and control plane only on the first request under `/projects/{its id}` (starting a
 * cluster takes seconds, and most tests use one project). Also serves listProjects (`GET /projects`).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { ControlPlane } from './api/controlplane.js'
import { badRequest } from './api/errors.js'
import { renderProjectListItem, type ProjectRecord } from './api/model.js'
import type { Route } from './api/routes.js'

/** What the routes of one started project need, and how to stop it. */
export interface ProjectStack {
  controlPlane: ControlPlane
  routes: Route[]
  close(): Promise<void>
}

/** One project beyond the first: its record, and its stack once something asked for it. */
interface Extra {
  record: ProjectRecord
  started?: Promise<ProjectStack>
}

/** Spec (listProjects `limit`): "a value from 1 to 400", default 10. */
const LIST_LIMIT_MAX = 400
const LIST_LIMIT_DEFAULT = 10

export class ProjectRegistry {
  private readonly extras = new Map<string, Extra>()
  readonly listRoutes: Route[]

  constructor(
    private readonly main: ProjectStack,
    extras: ProjectRecord[],
    private readonly start: (record: ProjectRecord) => Promise<ProjectStack>
  ) {
    for (const record of extras) this.extras.set(record.id, { record })
    this.listRoutes = [listRoute(() => this.records())]
  }

  /** Every project's record, the first one first. */
  records(): ProjectRecord[] {
    return [this.main.controlPlane.state.project, ...[...this.extras.values()].map((extra) => extra.record)]
  }

  /** The routes for a request path: a project's own once it started (starting it now if needed). */
  async routesFor(requestPath: string): Promise<Route[]> {
    const id = /^\/projects\/([^/]+)/.exec(requestPath)?.[1]
    const extra = id === undefined ? undefined : this.extras.get(decodeURIComponent(id))
    if (!extra) return [...this.listRoutes, ...this.main.routes]
    extra.started ??= this.start(extra.record)
    return (await extra.started).routes
  }

  /** The started projects, the first one first. */
  async started(): Promise<ProjectStack[]> {
    const extras = [...this.extras.values()].filter((extra) => extra.started).map((extra) => extra.started!)
    return [
      this.main,
      ...(await Promise.allSettled(extras)).flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
    ]
  }

  async sweepExpired(): Promise<void> {
    for (const stack of await this.started()) await stack.controlPlane.sweepExpired()
  }

  /** Stops the projects beyond the first (the first is stopped with the emulator). */
  async closeExtras(): Promise<void> {
    for (const stack of (await this.started()).slice(1).reverse()) await stack.close()
  }
}

/**
 * `GET /projects` (spec: listProjects): `search` matches part of a project's name or id, `org_id` keeps one
 * organization's projects, `limit` (1 to 400, default 10) and `cursor` page the list. The spec requires
 * `pagination.cursor` whenever `pagination` is there and does not say how the last page is marked: the emulator
 * always sends the cursor of the next page, which is empty after the last one (a client stops at a short page).
 * What Neon answers for an org_id the key does not belong to is not documented: the emulator answers no projects.
 * Projects are listed oldest first; Neon's order is not documented either.
 */
function listRoute(records: () => ProjectRecord[]): Route {
  return {
    method: 'GET',
    template: '/projects',
    pattern: /^\/projects$/,
    names: [],
    handler: ({ query }) => {
      const search = query.get('search') ?? ''
      const orgId = query.get('org_id')
      const selected = records().filter(
        (record) =>
          (record.name.includes(search) || record.id.includes(search)) && (orgId === null || record.orgId === orgId)
      )
      const limitText = query.get('limit')
      const limit = limitText === null ? LIST_LIMIT_DEFAULT : Number(limitText)
      if (!Number.isInteger(limit) || limit < 1 || limit > LIST_LIMIT_MAX)
        throw badRequest(`limit must be an integer from 1 to ${LIST_LIMIT_MAX}`)
      const offset = readCursor(query.get('cursor'))
      const page = selected.slice(offset, offset + limit)
      const cursor = Buffer.from(`offset:${offset + page.length}`).toString('base64url')
      // applications and integrations (ProjectsApplicationsMapResponse, ProjectsIntegrationsMapResponse, both
      // required) map a project id to what is connected to it: nothing, in the emulator.
      const body = {
        projects: page.map(renderProjectListItem),
        pagination: { cursor },
        applications: {},
        integrations: {}
      }
      return { status: 200, body }
    }
  }
}

function readCursor(cursor: string | null): number {
  if (!cursor) return 0
  const offset = Number(
    Buffer.from(cursor, 'base64url')
      .toString('utf8')
      .replace(/^offset:/, '')
  )
  if (!Number.isInteger(offset) || offset < 0) throw badRequest('invalid cursor')
  return offset
}

/** Where the records of the projects beyond the first are kept, so a resumed emulator lists the same ones. */
export class ExtraProjectsFile {
  readonly file: string

  constructor(stateDir: string) {
    this.file = path.join(stateDir, 'projects.json')
  }

  load(): ProjectRecord[] | undefined {
    return existsSync(this.file) ? (JSON.parse(readFileSync(this.file, 'utf8')) as ProjectRecord[]) : undefined
  }

  save(records: ProjectRecord[]): void {
    writeFileSync(this.file, JSON.stringify(records, null, 1), { mode: 0o600 })
  }

  /** A project's own state dir (its clusters and control-plane.json), traversable by the cluster user. */
  static dirOf(stateDir: string, id: string): string {
    const dir = path.join(stateDir, 'projects', id)
    mkdirSync(dir, { recursive: true, mode: 0o755 })
    return dir
  }
}
