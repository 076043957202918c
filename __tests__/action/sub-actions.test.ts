/**
 * The sub-actions (`<operation>/action.yml`) run as the runner runs them (tools/runner.ts): only the inputs the
 * sub-action declares, at its defaults unless the step sets them, and its runs.main and runs.post. Judged from
 * the emulator's branch list and the data in Postgres.
 */
import { parse } from 'yaml'
import { ActionHarness, ids, query } from './helpers.js'

let harness: ActionHarness
let app: { id: string; uri: string }

beforeAll(async () => {
  harness = await ActionHarness.start()
  app = await harness.createBranch('app')
  await query(app.uri, 'CREATE TABLE items (id int PRIMARY KEY)')
  await query(app.uri, 'INSERT INTO items SELECT generate_series(1, 3)')
})

afterAll(() => harness?.stop())

const names = async () => (await harness.branches()).map((branch) => branch.name)
const drills = async () => (await names()).filter((name) => name.includes('verify'))

describe('a sub-action', () => {
  it('verify/ runs verify with no operation input, and its post step sweeps the drill branch of a killed run', async () => {
    const passed = await harness.run({ branch: 'app', checks: 'SELECT count(*) = 3 FROM items' }, undefined, {
      action: 'verify'
    })
    expect(passed.main.errors).toEqual([])
    expect(passed.main.outputs).toEqual({ passed: 'true', 'duration-ms': expect.stringMatching(/^\d+$/) })
    expect(passed.post.exitCode).toBe(0)
    expect(await drills()).toEqual([])

    const job = harness.job()
    const inputs = { ...harness.connection, branch: 'app', checks: 'SELECT pg_sleep(30) IS NULL' }
    const main = await job.runMain(inputs, {
      action: 'verify',
      killWhen: { pattern: /is ready; running/, signal: 'SIGKILL' }
    })
    expect(main.signal).toBe('SIGKILL')
    expect(await drills()).toHaveLength(1)
    const post = await job.runPost(inputs, main.state, { action: 'verify' })
    expect(post.exitCode).toBe(0)
    expect(await drills()).toEqual([])
  })

  it('snapshot/ prints a restore step that names the root action with operation:, and that step restores', async () => {
    // What the runner sets for `uses: neon-recovery/neon-recovery-action/snapshot@v1`: the owner and repository
    // of the action and its ref (docs.github.com, "Variables": GITHUB_ACTION_REPOSITORY "the owner and repository
    // name of the action", e.g. actions/checkout), so no path of a sub-action.
    const env = { GITHUB_ACTION_REPOSITORY: 'neon-recovery/neon-recovery-action', GITHUB_ACTION_REF: 'v1' }
    const snapshot = await harness.run({ branch: 'app', name: 'app-sub-{run_id}' }, undefined, {
      action: 'snapshot',
      env
    })
    expect(snapshot.main.errors).toEqual([])
    expect(await names()).toContain(snapshot.main.outputs['branch-name'])
    await query(app.uri, 'INSERT INTO items VALUES (4)')

    // The summary's code block as the log shows it: each line indented by four spaces.
    const printed = /^ {4}- uses: .*\n(?: {6}.*\n)+/m.exec(snapshot.main.log)?.[0] ?? ''
    const [step] = parse(printed.replace(/^ {4}/gm, '')) as [{ uses: string; with: Record<string, string> }]
    expect(step.uses).toBe('neon-recovery/neon-recovery-action@v1')
    expect(step.with).toMatchObject({
      operation: 'restore',
      branch: 'app',
      source: snapshot.main.outputs['branch-name']
    })
    // Pasted as is, with the secret the snippet names: the root action (uses: owner/repo@ref) restores app.
    const pasted = { ...step.with, 'api-key': harness.connection['api-key'] }
    const restore = await harness.run(pasted)
    expect(restore.main.errors).toEqual([])
    expect(await ids(await harness.connectionUri(app.id), 'items')).toEqual([1, 2, 3])
    expect(await names()).toContain(restore.main.outputs['backup-branch-name'])
  })
})
