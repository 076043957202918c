/**
 * operation: prune, run from dist/index.js as the runner does, on a history of snapshot branches and Neon
 * snapshots made weeks apart (the emulator's clock is moved back for each), checked against a retention set
 * computed here from the rules as written, without the action's code.
 */
import { ActionHarness, leaks, mutating, sleep } from './helpers.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR

let harness: ActionHarness

/** The ages of the history's 40 snapshot branches: clusters within hours and days, gaps of days, over five weeks. */
function ages(): number[] {
  let seed = 7
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  const result: number[] = []
  let age = 2 * HOUR
  while (result.length < 40) {
    result.push(age)
    const r = random()
    age +=
      r < 0.3
        ? Math.floor(random() * 50) * 60_000 + 60_000
        : r < 0.7
          ? Math.floor(random() * 20) * HOUR + HOUR
          : Math.floor(random() * 3) * DAY + DAY
  }
  return result
}

interface Item {
  name: string
  createdAt: number
}

async function branchItems(prefix: string): Promise<Item[]> {
  return (await harness.branches())
    .filter((branch) => branch.name.startsWith(prefix))
    .map((branch) => ({ name: branch.name, createdAt: Date.parse(branch.created_at) }))
}

async function snapshotItems(prefix: string): Promise<Item[]> {
  const { data } = await harness.api.listSnapshots(harness.projectId)
  return data.snapshots
    .filter((snapshot) => snapshot.name.startsWith(prefix))
    .map((snapshot) => ({ name: snapshot.name, createdAt: Date.parse(snapshot.created_at) }))
}

const isoWeekOf = (time: number): string => {
  const date = new Date(time)
  const thursday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()))
  thursday.setUTCDate(thursday.getUTCDate() + 3 - ((thursday.getUTCDay() + 6) % 7))
  const firstThursday = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 4))
  firstThursday.setUTCDate(firstThursday.getUTCDate() + 3 - ((firstThursday.getUTCDay() + 6) % 7))
  return `${thursday.getUTCFullYear()}-${1 + Math.round((thursday.getTime() - firstThursday.getTime()) / (7 * DAY))}`
}

/** The set to keep, read straight from the rules: the newest of each of the N newest buckets, the N newest, and the young. */
function expectedKept(items: Item[], now: number): Set<string> {
  const newest = [...items].sort((a, b) => b.createdAt - a.createdAt || (a.name < b.name ? -1 : 1))
  const keep = new Set(newest.slice(0, 2).map((item) => item.name))
  const rules: [number, (time: number) => string][] = [
    [3, (time) => new Date(time).toISOString().slice(0, 13)],
    [4, (time) => new Date(time).toISOString().slice(0, 10)],
    [3, isoWeekOf]
  ]
  for (const [count, bucketOf] of rules) {
    const seen: string[] = []
    for (const item of newest) {
      const bucket = bucketOf(item.createdAt)
      if (seen.includes(bucket)) continue
      seen.push(bucket)
      if (seen.length <= count) keep.add(item.name)
    }
  }
  for (const item of items) if (now - item.createdAt <= 12 * HOUR) keep.add(item.name)
  return keep
}

const POLICY = { 'keep-last': '2', 'keep-hourly': '3', 'keep-daily': '4', 'keep-weekly': '3', 'older-than': '12h' }

beforeAll(async () => {
  harness = await ActionHarness.start()
  const { branchId } = harness.emulator.info
  const operations: string[] = []
  for (const [index, age] of ages().entries()) {
    harness.emulator.setClockOffset(-age)
    const { data } = await harness.api.createProjectBranch(harness.projectId, {
      branch: { name: `main-snapshot-${String(index).padStart(2, '0')}`, parent_id: branchId }
    })
    operations.push(...data.operations.map((operation) => operation.id))
  }
  // Neon snapshots follow the same policy as snapshot branches when the glob matches them.
  // A snapshot of main waits for the operations running on it.
  await harness.waitForOperations(operations)
  for (const [index, age] of [3 * HOUR, 9 * DAY, 20 * DAY].entries()) {
    harness.emulator.setClockOffset(-age)
    const { data } = await harness.api.createSnapshot({
      projectId: harness.projectId,
      branchId,
      name: `main-snapshot-neon-${index}`
    })
    await harness.waitForOperations(data.operations.map((operation) => operation.id))
  }
  harness.emulator.setClockOffset(-30 * DAY)
  const { data } = await harness.api.createProjectBranch(harness.projectId, {
    branch: { name: 'main-snapshot-keepsake', parent_id: branchId, protected: true }
  })
  operations.push(...data.operations.map((operation) => operation.id))
  harness.emulator.setClockOffset(0)
  await harness.waitForOperations(operations)
}, 60_000)

afterAll(() => harness?.stop())

describe('prune', () => {
  it('in a dry run lists every decision and changes nothing', async () => {
    const before = await branchItems('main-snapshot-')
    const { main, requests } = await harness.run({
      operation: 'prune',
      match: 'main-snapshot-*',
      ...POLICY,
      'dry-run': 'true'
    })
    expect(main.errors).toEqual([])
    expect(main.exitCode).toBe(0)
    expect(mutating(requests)).toEqual([])
    expect(main.outputs.deleted).toBe('0')
    expect(await branchItems('main-snapshot-')).toEqual(before)
    expect(main.summary).toContain('Dry run: Prune of main-snapshot-*')
    expect(main.summary).toContain('would delete')
    expect(main.summary).toContain('keep-last 2, keep-hourly 3, keep-daily 4, keep-weekly 3, older-than 12h')
    expect(main.summary).toContain('<td>main-snapshot-keepsake</td><td>branch</td>')
    expect(main.summary).toMatch(/<td>main-snapshot-keepsake<\/td>.*?<td>kept<\/td><td>protected branch<\/td>/)
  })

  it('deletes exactly what the policy does not keep, branches and snapshots alike', async () => {
    const items = [...(await branchItems('main-snapshot-')), ...(await snapshotItems('main-snapshot-'))]
    expect(items).toHaveLength(44)
    const expected = expectedKept(items, Date.now())
    expected.add('main-snapshot-keepsake')
    // The history is spread enough that the policy deletes most of it, but not all.
    expect(expected.size).toBeGreaterThan(5)
    expect(expected.size).toBeLessThan(30)

    const { main, requests } = await harness.run({ operation: 'prune', match: 'main-snapshot-*', ...POLICY })
    expect(main.errors).toEqual([])
    expect(main.exitCode).toBe(0)

    const left = [...(await branchItems('main-snapshot-')), ...(await snapshotItems('main-snapshot-'))]
    expect(new Set(left.map((item) => item.name))).toEqual(expected)
    expect(main.outputs.deleted).toBe(String(items.length - expected.size))
    const deletes = mutating(requests)
    expect(deletes).toHaveLength(items.length - expected.size)
    expect(deletes.every((request) => request.startsWith('DELETE '))).toBe(true)
    // Each kept item names the rule that kept it.
    expect(main.summary).toMatch(/<td>kept<\/td><td>keep-last \(1 of 2\); keep-hourly \(/)
    expect(main.summary).toMatch(/keep-weekly \(\d{4}-W\d\d\)/)
  })

  it('never deletes the default branch, a protected branch or a branch with children, and says why', async () => {
    const parent = await harness.createBranch('old-parent')
    await harness.createBranch('old-child', parent.id)
    await sleep(1500)
    const { main } = await harness.run(
      { operation: 'prune', match: '**', 'keep-last': '0', 'older-than': '1s' },
      harness.job()
    )
    // keep-last 0 with older-than: everything older than a second is a candidate.
    expect(main.errors).toEqual([])
    const names = (await harness.branches()).map((branch) => branch.name).sort()
    expect(names).toEqual(['main', 'main-snapshot-keepsake', 'old-parent'])
    expect(main.summary).toMatch(/<td>main<\/td><td>branch<\/td><td>[^<]+<\/td><td>kept<\/td><td>default branch<\/td>/)
    expect(main.summary).toMatch(/<td>old-parent<\/td>.*?<td>kept<\/td><td>has child branches \(old-child\)<\/td>/)
    expect(main.summary).toMatch(/<td>old-child<\/td>.*?<td>deleted<\/td>/)
  })

  it('reports a policy or glob that matches nothing without failing', async () => {
    const { main, requests } = await harness.run({ operation: 'prune', match: 'nothing-*', 'keep-last': '1' })
    expect(main.exitCode).toBe(0)
    expect(main.outputs.deleted).toBe('0')
    expect(mutating(requests)).toEqual([])
    expect(main.summary).toContain('No branch or snapshot matches.')
  })

  it('shows no secret in logs, outputs or summaries', async () => {
    expect(leaks(harness.steps, await harness.secrets())).toEqual([])
  })
})
