import type { Branch, NeonGateway } from '../../src/neon/index.js'
import {
  IN_FLIGHT_MS,
  lifetimeMs,
  MAX_LIFETIME_MS,
  MIN_LIFETIME_MS,
  sweepAfterStep,
  sweepEachProject,
  throwawayPrefix
} from '../../src/throwaway.js'

const branch = (id: string, name: string): Branch => ({ id, name }) as Branch

/** A gateway whose branch list answers `lists` in turn, recording deletions (and whether they were hard). */
function fakeGateway(lists: Branch[][]) {
  const deleted: string[] = []
  const gateway = {
    branches: {
      list: async () => lists.shift() ?? [],
      delete: async (id: string, options?: { hard?: boolean }) => {
        deleted.push(`${id}${options?.hard ? ' hard' : ''}`)
      }
    }
  } as unknown as NeonGateway
  return { gateway, deleted }
}

describe('lifetimeMs', () => {
  it('is twice the use, at least six hours and within Neon’s 30 days', () => {
    expect(lifetimeMs(60_000)).toBe(MIN_LIFETIME_MS)
    expect(lifetimeMs(5 * 3600_000)).toBe(10 * 3600_000)
    expect(lifetimeMs(40 * 24 * 3600_000)).toBe(MAX_LIFETIME_MS)
    expect(MAX_LIFETIME_MS).toBeLessThan(30 * 24 * 3600_000)
  })
})

describe('sweepAfterStep', () => {
  const prefix = throwawayPrefix('77')

  it('looks once after a step that ended by itself, and deletes for good', async () => {
    const { gateway, deleted } = fakeGateway([[branch('br-1', `${prefix}bisect-1-1`)], [branch('br-2', `${prefix}x`)]])
    const waits: number[] = []
    const names = await sweepAfterStep(gateway, '77', { ended: true, sleep: async (ms) => void waits.push(ms) })
    expect(names).toEqual([`${prefix}bisect-1-1`])
    expect(deleted).toEqual(['br-1 hard'])
    expect(waits).toEqual([])
  })

  it('looks again after a killed step, for a branch whose creation landed late', async () => {
    const { gateway, deleted } = fakeGateway([
      [branch('br-1', `${prefix}bisect-1-1`), branch('br-9', 'nra-ephemeral-78-other-run')],
      [branch('br-2', `${prefix}bisect-1-2`)]
    ])
    const waits: number[] = []
    const names = await sweepAfterStep(gateway, '77', { ended: false, sleep: async (ms) => void waits.push(ms) })
    expect(names).toEqual([`${prefix}bisect-1-1`, `${prefix}bisect-1-2`])
    expect(deleted).toEqual(['br-1 hard', 'br-2 hard'])
    expect(waits).toEqual([IN_FLIGHT_MS])
  })
})

// What the cancel handler (src/session.ts) runs for a step over a comma list of project-id.
describe('sweepEachProject', () => {
  const prefix = throwawayPrefix('77')

  /** Projects by id, each a fake gateway; one whose list fails. */
  function projects(lists: Record<string, Branch[] | Error>) {
    const deleted: string[] = []
    const forProject = (projectId: string) => {
      const list = lists[projectId]
      return {
        branches: {
          list: async () => {
            if (list instanceof Error) throw list
            return list
          },
          delete: async (id: string) => void deleted.push(`${projectId}/${id}`)
        }
      } as unknown as NeonGateway
    }
    return { gateway: { forProject } as unknown as NeonGateway, deleted }
  }

  it("deletes the run's branches in every project, going on past one that fails, then names it", async () => {
    const { gateway, deleted } = projects({
      a: [branch('br-1', `${prefix}verify-1`), branch('br-2', 'main')],
      b: new Error('Neon answered 500'),
      c: [branch('br-3', `${prefix}verify-3`)]
    })
    await expect(sweepEachProject(gateway, ['a', 'b', 'c'], '77')).rejects.toThrow('project b: Neon answered 500')
    expect(deleted).toEqual(['a/br-1', 'c/br-3'])
  })

  it('returns every name deleted across the projects', async () => {
    const { gateway } = projects({ a: [branch('br-1', `${prefix}x`)], b: [branch('br-2', `${prefix}y`)] })
    expect(await sweepEachProject(gateway, ['a', 'b'], '77')).toEqual([`${prefix}x`, `${prefix}y`])
  })
})
