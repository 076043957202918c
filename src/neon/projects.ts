/**
 * The projects an API key can see, across the account or one organization: the one call that is not about
 * the gateway's project, so it reads no project id.
 */
import type { ProjectListItem } from '@neondatabase/api-client'
import type { Transport } from './transport.js'

export interface ListProjectsOptions {
  /**
   * The organization. Spec (listProjects): "If using a personal API key, include the org_id parameter ... If using
   * an org API key, org_id is automatically inferred from the key."
   */
  orgId?: string
}

/** The spec's largest page (listProjects `limit`: "a value from 1 to 400"). */
const PAGE_SIZE = 400

export class Projects {
  constructor(private readonly transport: Transport) {}

  /**
   * Every project, page by page. The spec gives each page a `pagination.cursor` (required in Pagination) but does
   * not say how the last page is marked: a page shorter than the limit (or empty) is taken as the last one, and a
   * cursor that does not move stops the walk too.
   */
  async list(options: ListProjectsOptions = {}): Promise<ProjectListItem[]> {
    const projects: ProjectListItem[] = []
    let cursor: string | undefined
    for (;;) {
      const page = await this.transport.read(
        `list projects${options.orgId ? ` of ${options.orgId}` : ''}`,
        { kind: 'organization', asked: options.orgId },
        (api) => api.listProjects({ limit: PAGE_SIZE, cursor, org_id: options.orgId })
      )
      projects.push(...page.projects)
      const next = page.pagination?.cursor
      if (page.projects.length < PAGE_SIZE || !next || next === cursor) return projects
      cursor = next
    }
  }
}
