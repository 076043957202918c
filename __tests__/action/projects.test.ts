/**
 * Many projects (issue 14 §2), run from dist/index.js as the runner does: operation projects lists what the key
 * sees as a matrix (projects, chunks), and verify and prune work through a comma list of project-id in one step.
 * Judged from the emulator's branch lists of each project, not from what the action says.
 */
import { throwawayPrefix } from '../../src/throwaway.js'
import { ActionHarness, leaks, query } from './helpers.js'

let harness: ActionHarness
/** The projects by name: the first is the harness's own, the others start on their first request. */
let ids: Record<string, string>

beforeAll(async () => {
  harness = await ActionHarness.start({
    projects: [
      { name: 'customer-b', region: 'aws-us-east-2', orgId: 'org-shop' },
      { name: 'customer-a', region: 'aws-eu-central-1', orgId: 'org-shop' },
      { name: 'internal', region: 'aws-us-east-2', orgId: 'org-internal' }
    ]
  })
  ids = Object.fromEntries(harness.emulator.info.projects.map((project) => [project.name, project.id]))
  // Both customers hold orders; internal does not, so a drill of it fails.
  for (const name of ['customer-b', 'customer-a']) {
    const uri = await mainUri(ids[name])
    await query(uri, 'CREATE TABLE orders (id int PRIMARY KEY)')
    await query(uri, 'INSERT INTO orders SELECT generate_series(1, 20)')
  }
})

afterAll(() => harness?.stop())

async function mainUri(projectId: string): Promise<string> {
  const { databaseName, roleName } = harness.emulator.info
  const { data } = await harness.api.getConnectionUri({ projectId, database_name: databaseName, role_name: roleName })
  return data.uri
}

async function branchNames(projectId: string): Promise<string[]> {
  const { data } = await harness.api.listProjectBranches({ projectId })
  return data.branches.map((branch) => branch.name).sort()
}

async function createBranch(projectId: string, name: string): Promise<void> {
  const { data } = await harness.api.createProjectBranch(projectId, { branch: { name } })
  for (const operation of data.operations) {
    for (;;) {
      const { data: current } = await harness.api.getProjectOperation(projectId, operation.id)
      if (current.operation.status === 'finished') break
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }
}

const listing = (inputs: Record<string, string>) => harness.run({ operation: 'projects', 'project-id': '', ...inputs })

describe('operation: projects', () => {
  it('lists every project sorted by name, one chunk a project', async () => {
    const { main } = await listing({})
    expect(main.errors).toEqual([])
    expect(JSON.parse(main.outputs.projects)).toEqual([
      { id: ids['customer-a'], name: 'customer-a', region: 'aws-eu-central-1' },
      { id: ids['customer-b'], name: 'customer-b', region: 'aws-us-east-2' },
      { id: ids.internal, name: 'internal', region: 'aws-us-east-2' }
    ])
    expect(JSON.parse(main.outputs.chunks)).toEqual([ids['customer-a'], ids['customer-b'], ids.internal])
  })

  it('filters by a glob of names, a region and an organization', async () => {
    const byName = await listing({ match: 'customer-*', region: 'aws-us-east-2' })
    expect(JSON.parse(byName.main.outputs.chunks)).toEqual([ids['customer-b']])
    const byOrg = await listing({ 'org-id': 'org-internal' })
    expect(JSON.parse(byOrg.main.outputs.projects).map((project: { name: string }) => project.name)).toEqual([
      'internal'
    ])
  })
})

describe('verify and prune over several projects', () => {
  it('drills two projects in one step, and the post step sweeps what the run left in the second', async () => {
    const runId = '7001'
    const job = harness.job(runId)
    // What a killed earlier attempt of this run would have left in the second project.
    const leftover = `${throwawayPrefix(runId)}verify-leftover`
    await createBranch(ids['customer-a'], leftover)
    const { main, post } = await harness.run(
      {
        operation: 'verify',
        'project-id': `${ids['customer-b']},${ids['customer-a']}`,
        checks: 'SELECT count(*) = 20 FROM orders'
      },
      job
    )
    expect(main.errors).toEqual([])
    expect(main.outputs.passed).toBe('true')
    const results = JSON.parse(main.outputs.results) as { project: string; verdict: string }[]
    expect(results.map(({ project, verdict }) => [project, verdict])).toEqual([
      [ids['customer-b'], 'passed'],
      [ids['customer-a'], 'passed']
    ])
    expect(main.summary).toContain('verify over 2 projects: 2 passed')
    expect(post.exitCode).toBe(0)
    expect(await branchNames(ids['customer-b'])).toEqual(['main'])
    expect(await branchNames(ids['customer-a'])).toEqual(['main'])
  })

  it('runs every project when one fails, then fails the step naming it', async () => {
    const { main } = await harness.run({
      operation: 'verify',
      'project-id': `${ids.internal},${ids['customer-a']}`,
      checks: 'SELECT count(*) = 20 FROM orders'
    })
    expect(main.exitCode).toBe(1)
    expect(main.outputs.passed).toBe('false')
    const results = JSON.parse(main.outputs.results) as { project: string; verdict: string }[]
    expect(results.map(({ verdict }) => verdict)).toEqual(['failed', 'passed'])
    expect(main.errors.join('\n')).toContain(`verify: 1 of 2 projects failed: ${ids.internal} (`)
    expect(await branchNames(ids.internal)).toEqual(['main'])
    expect(await branchNames(ids['customer-a'])).toEqual(['main'])
  })

  it('prunes two projects in one step and sums what it deleted', async () => {
    // Neon's created_at is to the second (so is the emulator's): old-2 is made a second later, so keep-last 1
    // keeps it for its age rather than by the tie-break between equal times.
    for (const branch of ['old-1', 'old-2']) {
      if (branch === 'old-2') await new Promise((resolve) => setTimeout(resolve, 1100))
      for (const name of ['customer-b', 'customer-a']) await createBranch(ids[name], branch)
    }
    const { main } = await harness.run({
      operation: 'prune',
      'project-id': `${ids['customer-b']},${ids['customer-a']}`,
      match: 'old-*',
      'keep-last': '1'
    })
    expect(main.errors).toEqual([])
    expect(main.outputs.deleted).toBe('2')
    expect(await branchNames(ids['customer-b'])).toEqual(['main', 'old-2'])
    expect(await branchNames(ids['customer-a'])).toEqual(['main', 'old-2'])
  })

  it('never shows a secret outside a mask command', async () => {
    expect(leaks(harness.steps, await harness.secrets())).toEqual([])
  })
})
