/**
 * The emulator's several projects and Neon's project listing (spec: listProjects, GET /projects with cursor,
 * limit, search and org_id), through the real api-client with every request and response checked against the
 * spec. Projects beyond the first start only when a request names them.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { failure, startHarness, type Harness } from './api-helpers.js'

let harness: Harness

beforeAll(async () => {
  harness = await startHarness({
    projects: [
      { name: 'acme', region: 'aws-us-east-2', orgId: 'org-one' },
      { name: 'bravo', region: 'aws-eu-central-1', orgId: 'org-one' },
      { name: 'charlie', region: 'aws-us-east-2', orgId: 'org-two' }
    ]
  })
})

afterAll(async () => {
  await harness?.emulator.stop()
})

afterEach(() => {
  expect(harness.emulator.violations()).toEqual([])
})

const names = (projects: { name: string }[]): string[] => projects.map((project) => project.name)
const started = (id: string): boolean => existsSync(path.join(harness.emulator.stateDir, 'projects', id))

describe('GET /projects', () => {
  it('lists every project with its region and organization, and info names them all', async () => {
    const { data } = await harness.api.listProjects({})
    expect(names(data.projects)).toEqual(['acme', 'bravo', 'charlie'])
    expect(data.projects.map((project) => [project.region_id, project.org_id])).toEqual([
      ['aws-us-east-2', 'org-one'],
      ['aws-eu-central-1', 'org-one'],
      ['aws-us-east-2', 'org-two']
    ])
    expect(harness.emulator.info.projects.map((project) => project.id)).toEqual(data.projects.map((p) => p.id))
    expect(data.projects[0].id).toBe(harness.projectId)
  })

  it('keeps one organization with org_id, and part of a name or id with search', async () => {
    expect(names((await harness.api.listProjects({ org_id: 'org-two' })).data.projects)).toEqual(['charlie'])
    expect(names((await harness.api.listProjects({ org_id: 'org-none' })).data.projects)).toEqual([])
    expect(names((await harness.api.listProjects({ search: 'rav' })).data.projects)).toEqual(['bravo'])
    const id = harness.emulator.info.projects[2].id
    expect(names((await harness.api.listProjects({ search: id })).data.projects)).toEqual(['charlie'])
  })

  it('pages with limit and the cursor of each page, ending with an empty page', async () => {
    const first = (await harness.api.listProjects({ limit: 2 })).data
    expect(names(first.projects)).toEqual(['acme', 'bravo'])
    const second = (await harness.api.listProjects({ limit: 2, cursor: first.pagination!.cursor })).data
    expect(names(second.projects)).toEqual(['charlie'])
    const third = (await harness.api.listProjects({ limit: 2, cursor: second.pagination!.cursor })).data
    expect(third.projects).toEqual([])
  })

  it('refuses a limit outside 1 to 400 with 400', async () => {
    expect((await failure(harness.api.listProjects({ limit: 401 }))).status).toBe(400)
  })
})

describe('projects beyond the first', () => {
  it('start on their first request and then serve their own branches', async () => {
    const second = harness.emulator.info.projects[1].id
    expect(started(second)).toBe(false)
    const { data } = await harness.api.listProjectBranches({ projectId: second })
    expect(started(second)).toBe(true)
    expect(data.branches.map((branch) => branch.name)).toEqual(['main'])
    expect((await harness.api.getProject(second)).data.project.name).toBe('bravo')
    // The third was never asked for: no cluster of its own.
    expect(started(harness.emulator.info.projects[2].id)).toBe(false)
  })

  it('answer 404 for a project id nobody has', async () => {
    expect((await failure(harness.api.getProject('no-such-project-1'))).status).toBe(404)
  })
})
