import { childrenFirst } from '../../src/throwaway.js'
import { expiryTime } from '../../src/format.js'
import type { Branch } from '../../src/neon/index.js'
import { nameFor, neonTime, pointFields, restoreStep, undoStep, workflowStep } from '../../src/operations/common.js'
import { NEON_API_HOST } from '../../src/inputs.js'
import { confirmProblem } from '../../src/operations/restore.js'
import type { RestoreSettings } from '../../src/inputs.js'
import type { RunContext } from '../../src/run.js'

const branch = (fields: Partial<Branch>): Branch =>
  ({ id: 'br-1', name: 'main', default: false, protected: false, ...fields }) as Branch
const context = {
  runId: '77',
  runAttempt: '1',
  sha: 'feedface00',
  now: new Date('2026-11-24T06:33:57.123Z')
} as RunContext
const carried = { apiHost: NEON_API_HOST }

describe('operation helpers', () => {
  it('names what an operation creates from the template and the run', () => {
    expect(nameFor('{branch}-{operation}-{run_id}-{sha}', branch({ name: 'dev' }), 'snapshot', context)).toBe(
      'dev-snapshot-77-feedfac'
    )
  })

  it('maps a point to the API fields, head to neither', () => {
    expect(pointFields({ kind: 'head' })).toEqual({})
    expect(pointFields({ kind: 'lsn', lsn: '0/1' })).toEqual({ lsn: '0/1' })
    expect(pointFields({ kind: 'timestamp', timestamp: '2026-11-24T06:00:00.000Z' })).toEqual({
      timestamp: '2026-11-24T06:00:00.000Z'
    })
  })

  it('writes expiry to the second, as Neon requires', () => {
    expect(expiryTime(context.now, 86_400_000)).toBe('2026-11-25T06:33:57Z')
  })

  it("writes Neon's times in the action's format", () => {
    expect(neonTime('2026-11-24T06:33:57Z')).toBe('2026-11-24T06:33:57.000Z')
    expect(neonTime(undefined)).toBeUndefined()
  })

  it('writes a restore step, with confirm only where it is needed', () => {
    const step = (target: Branch) =>
      restoreStep({ actionRef: 'acme/recovery@v1', projectId: 'p1', carried, branch: target, source: 'main_old_1' })
    expect(step(branch({}))).toBe(
      [
        '- uses: acme/recovery@v1',
        '  with:',
        '    operation: restore',
        '    api-key: ${{ secrets.NEON_API_KEY }}',
        '    project-id: p1',
        '    branch: main',
        '    source: main_old_1'
      ].join('\n')
    )
    expect(step(branch({ default: true }))).toMatch(/\n {4}confirm: main$/)
    expect(step(branch({ protected: true }))).toMatch(/\n {4}confirm: main$/)
  })
})

describe('pasted steps', () => {
  const through = { apiHost: 'http://127.0.0.1:4000/api/v2', database: 'shop', role: 'reader' }

  it('carry the api-host of this step when it is not Neon, so they reach the same API', () => {
    const step = restoreStep({ actionRef: './', projectId: 'p1', carried: through, branch: branch({}), source: 'b' })
    expect(step).toContain('\n    api-host: http://127.0.0.1:4000/api/v2')
  })

  it('carry database and role only to an operation that reads them', () => {
    const restore = restoreStep({ actionRef: './', projectId: 'p1', carried: through, branch: branch({}), source: 'b' })
    expect(restore).not.toMatch(/database:|role:/)
    const recover = undoStep({
      actionRef: './',
      projectId: 'p1',
      carried: through,
      branch: branch({}),
      good: '0/1',
      bad: '0/9',
      tables: 't'
    })
    expect(recover).toContain('\n    database: shop')
    expect(recover).toContain('\n    role: reader')
    expect(recover).toContain('\n    mode: undo\n    good: 0/1\n    bad: 0/9\n    tables: t')
  })

  it('leave out what equals the default', () => {
    const step = workflowStep({
      actionRef: './',
      projectId: 'p1',
      carried,
      operation: 'query',
      inputs: [
        ['at', 'head'],
        ['sql', 'SELECT 1']
      ]
    })
    expect(step).not.toMatch(/api-host|at:/)
    expect(step).toContain('\n    sql: SELECT 1')
  })
})

describe('confirmProblem', () => {
  const settings = (confirm?: string) => ({ confirm }) as RestoreSettings

  it('lets an ordinary branch be restored without confirm', () => {
    expect(confirmProblem(settings(), branch({}))).toBeUndefined()
  })

  it('asks for the name of a default or protected branch', () => {
    expect(confirmProblem(settings(), branch({ default: true }))).toBe(
      'confirm: main is the default branch; to restore it, set confirm: main'
    )
    expect(confirmProblem(settings('prod'), branch({ protected: true }))).toBe(
      'confirm: main is a protected branch; to restore it, set confirm: main (confirm is "prod")'
    )
    expect(confirmProblem(settings('main'), branch({ default: true }))).toBeUndefined()
  })
})

describe('childrenFirst', () => {
  it('orders branches so none is deleted before its children', () => {
    const root = branch({ id: 'a', name: 'a' })
    const child = branch({ id: 'b', name: 'b', parent_id: 'a' })
    const grandchild = branch({ id: 'c', name: 'c', parent_id: 'b' })
    const other = branch({ id: 'd', name: 'd', parent_id: 'main' })
    const order = childrenFirst([root, other, child, grandchild]).map((item) => item.id)
    expect(order.indexOf('c')).toBeLessThan(order.indexOf('b'))
    expect(order.indexOf('b')).toBeLessThan(order.indexOf('a'))
    expect(order).toHaveLength(4)
  })
})
