/**
 * Limits (issue 7): a huge query result, a bisect summary with thousands of probes' worth of rounds, and prune
 * over hundreds of branches keep the job summary under GitHub's 1 MiB and the outputs under its limits (1 MiB
 * for all of a job's outputs), and say where they were cut.
 */
import { Summary, SUMMARY_LIMIT_BYTES } from '../../src/summary.js'
import { ActionHarness, leaks, mutating, query } from '../action/helpers.js'

const MiB = 1024 * 1024
const bytes = (text: string) => Buffer.byteLength(text, 'utf8')
const outputBytes = (outputs: Record<string, string>) =>
  Object.entries(outputs).reduce((sum, [name, value]) => sum + bytes(name) + bytes(value), 0)

let harness: ActionHarness

beforeAll(async () => {
  harness = await ActionHarness.start({ branchLimit: 400 })
}, 60_000)
afterAll(() => harness?.stop())

describe('query', () => {
  it('a result of 20,000 rows of 2 KB each is cut to the output limit, and says so', async () => {
    const shop = await harness.createBranch('big')
    await query(
      shop.uri,
      `CREATE TABLE docs AS SELECT g AS id, repeat(md5(g::text), 64) AS body FROM generate_series(1, 20000) g`
    )
    const { main } = await harness.run({ operation: 'query', branch: 'big', sql: 'SELECT * FROM docs ORDER BY id' })
    expect(main.errors).toEqual([])
    expect(main.outputs.truncated).toBe('true')
    expect(Number(main.outputs.rows)).toBeLessThan(1000)
    expect(JSON.parse(main.outputs.result)).toHaveLength(Number(main.outputs.rows))
    expect(bytes(main.outputs.result)).toBeLessThanOrEqual(256 * 1024)
    expect(outputBytes(main.outputs)).toBeLessThan(MiB)
    expect(bytes(main.summary)).toBeLessThan(MiB)
    expect(main.summary).toMatch(/cut: more rows than \d+ or over 256 KiB/)
    expect(main.summary).toMatch(/The summary shows the first 50 rows/)
  }, 60_000)
})

describe('summary', () => {
  it('thousands of bisect rounds of 16 probes are cut below 1 MiB with a note saying how many rows were left out', () => {
    const summary = new Summary().heading('Bisect of main').paragraph('The check first fails at LSN 0/1DE2850.')
    const rows = Array.from({ length: 5000 }, (_, round) => [
      String(round + 1),
      Array.from({ length: 16 }, (_, probe) => `0/${(round * 16 + probe).toString(16).toUpperCase()}: healthy`).join(
        ', '
      ),
      '0/1000000 .. 0/2000000',
      '1.2 s'
    ])
    summary.heading('Rounds', 3).table(['Round', 'Probes (LSN: verdict)', 'Interval after', 'Time'], rows)
    summary.heading('Bounds', 3).keyValues([['Good', '0/1000000']])
    const html = summary.toHtml()
    expect(bytes(html)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES)
    expect(SUMMARY_LIMIT_BYTES).toBeLessThan(MiB)
    expect(html).toContain('The check first fails at LSN 0/1DE2850.')
    expect(html).toMatch(/Summary cut at GitHub's size limit: \d+ of 5000 rows and 2 more sections left out/)
  })

  it('one huge code block (a schema diff of a wide change) is cut by lines, with the count', () => {
    const diff = Array.from({ length: 100_000 }, (_, line) => `+ column public.t.c${line} integer not null`).join('\n')
    const html = new Summary().heading('Schema change').code(diff, 'diff').toHtml()
    expect(bytes(html)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES)
    expect(html).toMatch(/Summary cut at GitHub's size limit: \d+ of 100000 lines left out/)
  })
})

describe('prune', () => {
  it('over 300 matching branches: every decision is listed, the summary stays under 1 MiB, nothing is changed in a dry run', async () => {
    for (let index = 0; index < 300; index++) {
      await harness.api.createProjectBranch(harness.projectId, {
        branch: { name: `main-snapshot-${String(index).padStart(3, '0')}`, parent_id: harness.emulator.info.branchId }
      })
    }
    const { main, requests } = await harness.run({
      operation: 'prune',
      match: 'main-snapshot-*',
      'keep-last': '10',
      'dry-run': 'true'
    })
    expect(main.errors).toEqual([])
    expect(mutating(requests)).toEqual([])
    expect(bytes(main.summary)).toBeLessThan(MiB)
    expect(outputBytes(main.outputs)).toBeLessThan(MiB)
    expect(main.summary).toContain('300 (290 to delete, 10 to keep)')
    for (const name of ['main-snapshot-000', 'main-snapshot-150', 'main-snapshot-299'])
      expect(main.summary).toContain(name)
  }, 120_000)

  it('never shows a secret outside a mask command', async () => {
    expect(leaks(harness.steps, await harness.secrets())).toEqual([])
  }, 60_000)
})
