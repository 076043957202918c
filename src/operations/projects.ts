/**
 * projects: the projects the API key can see (one organization's with org-id), filtered by a glob of names
 * (match) and a region, as outputs a workflow matrix reads: `projects`, a JSON array of {id, name, region} sorted
 * by name, and `chunks`, at most 256 comma lists of ids (GitHub's matrix limit, src/chunks.ts) for verify or prune
 * to work through in one job each. It changes nothing, so a dry run is the same listing.
 */
import { chunkIds } from '../chunks.js'
import type { ProjectsSettings } from '../inputs.js'
import type { NeonGateway } from '../neon/index.js'
import type { OperationResult, RunContext } from '../run.js'
import { Summary } from '../summary.js'
import { matcher } from './prune.js'

export interface ListedProject {
  id: string
  name: string
  region: string
}

export interface ProjectsPlan {
  settings: ProjectsSettings
  projects: ListedProject[]
}

/**
 * GitHub's limit on outputs: "Outputs are Unicode strings, and can be a maximum of 1 MB. The total of all outputs in
 * a workflow run can be a maximum of 50 MB" (docs.github.com, Passing information between jobs). Whether 1 MB is
 * 10^6 or 2^20 bytes is not said: the smaller, for both outputs together, so the listing job can pass on both.
 */
export const OUTPUTS_LIMIT_BYTES = 1_000_000

export async function plan(settings: ProjectsSettings, gateway: NeonGateway): Promise<ProjectsPlan> {
  const matches = settings.match ? matcher(settings.match) : () => true
  const listed = await gateway.projects.list({ orgId: settings.orgId })
  const projects = listed
    .filter((project) => matches(project.name) && (!settings.region || project.region_id === settings.region))
    .map((project) => ({ id: project.id, name: project.name, region: project.region_id }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1))
  return { settings, projects }
}

export function execute(): Promise<void> {
  return Promise.resolve()
}

export const describe = (plan: ProjectsPlan, context: RunContext): OperationResult => report(plan, undefined, context)

export function report(plan: ProjectsPlan, _result: unknown, context: RunContext): OperationResult {
  const { settings, projects } = plan
  const chunks = chunkIds(projects.map((project) => project.id))
  const outputs = { projects: JSON.stringify(projects), chunks: JSON.stringify(chunks) }
  const bytes = Buffer.byteLength(outputs.projects) + Buffer.byteLength(outputs.chunks)
  if (bytes > OUTPUTS_LIMIT_BYTES) {
    throw new Error(
      `projects: the listing of ${projects.length} projects takes ${bytes} bytes of outputs, over GitHub's ` +
        `limit of ${OUTPUTS_LIMIT_BYTES} a job: narrow it with match, region or org-id and list in several jobs`
    )
  }
  const summary = new Summary()
    .heading(`Projects: ${projects.length}`)
    .keyValues([
      ['Organization', settings.orgId ?? "the key's"],
      ['Names', settings.match ?? 'all'],
      ['Region', settings.region ?? 'all'],
      ['Matrix legs (chunks)', chunks.length]
    ])
    .table(
      ['Name', 'Id', 'Region'],
      projects.map((project) => [project.name, project.id, project.region])
    )
  context.info(`${projects.length} projects in ${chunks.length} chunks`)
  return { outputs, summary }
}
