/**
 * Fault injection on the emulator's HTTP API: each kind at rate 1, then a seeded mixture that replays the same
 * sequence on every run (and matches the injector's own prediction).
 */
import { FaultInjector, parseFaults } from '../../emulator/api/faults.js'
import { latencyProfile } from '../../emulator/api/latency.js'
import { failure, startHarness, waitForOperations, type Harness } from './api-helpers.js'

async function withHarness(faults: string, test: (harness: Harness) => Promise<void>): Promise<void> {
  const harness = await startHarness({ faults })
  try {
    await test(harness)
    expect(harness.emulator.violations()).toEqual([])
  } finally {
    await harness.emulator.stop()
  }
}

const branchNames = async (harness: Harness): Promise<string[]> => {
  // GETs are never 423'd or dropped; only 429/503 could hit them, and these harnesses have neither.
  const { data } = await harness.api.listProjectBranches({ projectId: harness.projectId })
  return data.branches.map((branch) => branch.name).sort()
}

describe('single fault kinds', () => {
  it('429 answers every request with Retry-After: 1', async () => {
    await withHarness('429:1', async (harness) => {
      const refused = await failure(harness.api.getProject(harness.projectId))
      expect(refused.status).toBe(429)
      expect(refused.headers['retry-after']).toBe('1')
      expect(harness.emulator.requestLog().at(-1)).toMatchObject({ status: 429, fault: '429', mutating: false })
    })
  })

  it('503 answers every request with Service Unavailable', async () => {
    await withHarness('503:1', async (harness) => {
      expect((await failure(harness.api.getProject(harness.projectId))).status).toBe(503)
      expect(
        (await failure(harness.api.createProjectBranch(harness.projectId, { branch: { name: 'x' } }))).status
      ).toBe(503)
    })
  })

  it('423 refuses mutations without applying them, and leaves reads alone', async () => {
    await withHarness('423:1', async (harness) => {
      const refused = await failure(
        harness.api.createProjectBranch(harness.projectId, { branch: { name: 'locked-out' } })
      )
      expect(refused.status).toBe(423)
      expect(refused.message).toBe(
        'project already has running conflicting operations, scheduling of new ones is prohibited'
      )
      expect(await branchNames(harness)).toEqual(['main'])
    })
  })

  it('drop applies the mutation and cuts the connection without an answer', async () => {
    await withHarness('drop:1', async (harness) => {
      let caught: { code?: string; response?: unknown } | undefined
      try {
        await harness.api.createProjectBranch(harness.projectId, { branch: { name: 'applied-anyway' } })
      } catch (error) {
        caught = error as { code?: string; response?: unknown }
      }
      expect(caught).toBeDefined()
      expect(caught?.response).toBeUndefined()
      expect(await branchNames(harness)).toEqual(['applied-anyway', 'main'])
      expect(harness.emulator.requestLog().find((entry) => entry.method === 'POST')).toMatchObject({
        status: 0,
        fault: 'drop',
        mutating: true
      })
    })
  })

  it('slow makes operations take ten times longer', async () => {
    await withHarness('slow:1', async (harness) => {
      const started = Date.now()
      const { data } = await harness.api.createProjectBranch(harness.projectId, { branch: { name: 'slowly' } })
      const normal = latencyProfile('none').operationMs('create_branch')
      // Past the normal duration, well before ten times it (a loaded machine may take longer to ask: then the
      // answer says nothing about the slowness, and only the duration below is checked).
      await new Promise((resolve) => setTimeout(resolve, normal * 3))
      const running = await harness.api.getProjectOperation(harness.projectId, data.operations[0].id)
      if (Date.now() - started < normal * 8) expect(running.data.operation.status).toBe('running')
      await waitForOperations(harness, data.operations)
      const done = await harness.api.getProjectOperation(harness.projectId, data.operations[0].id)
      expect(done.data.operation.total_duration_ms).toBe(normal * 10)
    })
  })
})

describe('a seeded mixture', () => {
  const spec = '423:0.3,429:0.2,503:0.1,drop:0.15,seed:7'
  const count = 60

  /** Alternates reads and a harmless mutation (renaming main to itself), recording what each call saw. */
  async function run(harness: Harness): Promise<string[]> {
    const seen: string[] = []
    for (let index = 0; index < count; index++) {
      const call =
        index % 2 === 0
          ? harness.api.getProject(harness.projectId)
          : harness.api.updateProjectBranch(harness.projectId, harness.emulator.info.branchId, {
              branch: { name: 'main' }
            })
      try {
        seen.push(String((await call).status))
      } catch (error) {
        const status = (error as { response?: { status: number } }).response?.status
        seen.push(status === undefined ? 'dropped' : String(status))
      }
    }
    return seen
  }

  it('replays the same faults on every run, as the injector predicts', async () => {
    const injector = new FaultInjector(parseFaults(spec))
    const predicted = Array.from({ length: count }, (_, index) => {
      const decision = injector.decide(index % 2 === 1)
      if (decision.status) return String(decision.status)
      return decision.drop ? 'dropped' : '200'
    })
    expect(new Set(predicted)).toEqual(new Set(['200', '423', '429', '503', 'dropped']))

    let first: string[] = []
    await withHarness(spec, async (harness) => {
      first = await run(harness)
    })
    expect(first).toEqual(predicted)
    await withHarness(spec, async (harness) => {
      expect(await run(harness)).toEqual(first)
    })
  })
})
