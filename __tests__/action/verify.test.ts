/** operation: verify (restore drills), run from dist/index.js as the runner does. */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { ActionHarness, currentLsn, leaks, query } from './helpers.js'

let harness: ActionHarness
let shop: { id: string; uri: string }
let lsnBeforeDamage: string

beforeAll(async () => {
  harness = await ActionHarness.start()
  shop = await harness.createBranch('shop')
  await query(shop.uri, 'CREATE TABLE orders (id int PRIMARY KEY, total numeric NOT NULL)')
  await query(shop.uri, 'INSERT INTO orders SELECT g, g * 2.5 FROM generate_series(1, 200) g')
  lsnBeforeDamage = await currentLsn(shop.uri)
  await query(shop.uri, 'DELETE FROM orders WHERE id > 10')
})

afterAll(() => harness?.stop())

const drills = async () => (await harness.branches()).filter((branch) => branch.name.includes('verify'))

describe('verify', () => {
  it('passes a drill of a past point, reports each check and phase, and leaves no branch', async () => {
    const { main, post } = await harness.run({
      operation: 'verify',
      branch: 'shop',
      at: lsnBeforeDamage,
      checks: 'SELECT count(*) = 200 FROM orders\n-- a comment line\nSELECT sum(total) > 0 FROM orders'
    })
    expect(main.errors).toEqual([])
    expect(main.exitCode).toBe(0)
    expect(post.exitCode).toBe(0)
    expect(main.outputs.passed).toBe('true')
    expect(Number(main.outputs['duration-ms'])).toBeGreaterThan(0)
    expect(main.summary).toContain('passed')
    for (const phase of ['Branch ready', 'First query', 'Checks', 'Drill branch deleted']) {
      expect(main.summary).toContain(phase)
    }
    expect(main.summary).toContain('SELECT count(*) = 200 FROM orders')
    expect(await drills()).toEqual([])
  })

  it('fails the step on a failing check, shows which, and still deletes the drill branch', async () => {
    const { main, post } = await harness.run({
      operation: 'verify',
      branch: 'shop',
      checks: 'SELECT count(*) = 200 FROM orders\nSELECT count(*) > 0 FROM orders\nSELECT count(*) FROM orders'
    })
    expect(main.exitCode).toBe(1)
    expect(post.exitCode).toBe(0)
    expect(main.outputs.passed).toBe('false')
    expect(main.errors.join('\n')).toMatch(/verify: 2 of 3 checks failed/)
    expect(main.summary).toContain('FAILED: false')
    expect(main.summary).toContain('must return one boolean column')
    expect(await drills()).toEqual([])
  })

  it('reads the checks from a file in the workspace and drills a snapshot restore', async () => {
    const { data } = await harness.api.createSnapshot({
      projectId: harness.projectId,
      branchId: shop.id,
      lsn: lsnBeforeDamage,
      name: 'nightly'
    })
    await harness.waitForOperations(data.operations.map((operation) => operation.id))
    const job = harness.job()
    writeFileSync(path.join(job.dir, 'drill.sql'), 'SELECT count(*) = 200 FROM orders\n')
    const { main } = await harness.run(
      { operation: 'verify', branch: 'shop', source: 'snapshot:nightly', 'checks-file': 'drill.sql' },
      job
    )
    expect(main.errors).toEqual([])
    expect(main.outputs.passed).toBe('true')
    expect(main.summary).toContain('snapshot nightly')
    expect(await drills()).toEqual([])
  })

  it('says where a drill stopped when its branch was never made, and claims nothing that did not happen', async () => {
    // Neon refuses a branch of shop before shop's own start: the drill branch is never created.
    const { main } = await harness.run({ operation: 'verify', branch: 'shop', at: '0/100', checks: 'SELECT true' })
    expect(main.exitCode).toBe(1)
    expect(main.outputs.passed).toBe('false')
    expect(main.outputs['duration-ms']).toBeUndefined()
    expect(main.errors.join('\n')).toMatch(/verify: the drill of shop at LSN 0\/100 stopped at "Branch ready": /)
    expect(main.summary).toContain('stopped at &quot;Branch ready&quot;')
    expect(main.summary).toContain('never made')
    expect(main.summary).toContain('none run (of 1)')
    for (const claim of ['Restored', 'Recovery time', '<th>phase</th>', 'deleted afterwards']) {
      expect(main.summary).not.toContain(claim)
    }
    expect(await drills()).toEqual([])
  })

  it('sweeps a drill branch left by a killed run in the post step', async () => {
    const job = harness.job()
    const inputs = { ...harness.connection, operation: 'verify', branch: 'shop', checks: 'SELECT pg_sleep(30) IS NULL' }
    const main = await job.runMain(inputs, { killWhen: { pattern: /is ready; running/, signal: 'SIGKILL' } })
    expect(main.signal).toBe('SIGKILL')
    expect(await drills()).toHaveLength(1)
    const post = await job.runPost(inputs, main.state)
    expect(post.exitCode).toBe(0)
    expect(await drills()).toEqual([])
  })

  it('never shows a secret outside a mask command', async () => {
    expect(leaks(harness.steps, await harness.secrets())).toEqual([])
  })
})
