/**
 * comment: true, run from dist/index.js as the runner does on a pull_request event, against a local server that
 * plays GitHub's REST API (./github-server.ts). Judged from the comments that server stores: one comment per
 * workflow and job, found again past the first page of comments, updated in place on a re-run, one section a
 * step; a token that may not comment gets a warning and the step still succeeds.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Job } from '../../tools/runner.js'
import { FakeGitHub } from './github-server.js'
import { ActionHarness, leaks, query } from './helpers.js'

const PR = 7
const TOKEN = 'ghs_fake0token0for0the0comment0test'
const MARKER = '<!-- neon-recovery-action: deploy/migrate -->'

let harness: ActionHarness
let github: FakeGitHub
let shopUri: string
let dir: string
const jobs: Job[] = []

/** A step of the pull request's workflow run 5151: the runner names the step by its id in GITHUB_ACTION. */
function step(action: string, env: Record<string, string> = {}): Job {
  const job = new Job({
    GITHUB_RUN_ID: '5151',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: path.join(dir, 'event.json'),
    GITHUB_API_URL: github.url,
    GITHUB_ACTION: action,
    ...env
  })
  jobs.push(job)
  return job
}

const ours = () => github.of(PR).filter((comment) => comment.body.startsWith(MARKER))
const sections = (body: string) => [...body.matchAll(/<!-- section: (.*?) -->/g)].map((match) => match[1])
const commenting = { comment: 'true', 'github-token': TOKEN }

beforeAll(async () => {
  harness = await ActionHarness.start()
  github = await FakeGitHub.start()
  dir = mkdtempSync(path.join(os.tmpdir(), 'comment-test-'))
  writeFileSync(path.join(dir, 'event.json'), JSON.stringify({ pull_request: { number: PR } }))
  // 120 comments by others: ours is on the second page of 100, so only a paged look-up finds it again.
  github.seed(PR, 120)
  github.add(PR, `> ${MARKER}\n> a reviewer quoting the action's comment`)
  shopUri = (await harness.createBranch('shop')).uri
  await query(shopUri, 'CREATE TABLE items (id int PRIMARY KEY)')
  await query(shopUri, 'INSERT INTO items SELECT generate_series(1, 3)')
})

afterAll(async () => {
  for (const job of jobs) job.dispose()
  await github?.stop()
  await harness?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('on a pull request', () => {
  let lsn: string

  it("puts the snapshot's name, id, point and restore step into one new comment", async () => {
    const { main } = await harness.run({ operation: 'snapshot', branch: 'shop', ...commenting }, step('snapshot'))
    expect(main.errors).toEqual([])
    expect(main.exitCode).toBe(0)
    lsn = main.outputs.lsn
    expect(ours()).toHaveLength(1)
    const [comment] = ours()
    expect(github.of(PR)).toHaveLength(122)
    expect(sections(comment.body)).toEqual(['snapshot:snapshot'])
    for (const text of [main.outputs['branch-name'], main.outputs['branch-id'], lsn, 'operation: restore']) {
      expect(comment.body).toContain(text)
    }
    expect(github.requests.map((request) => request.line.replace(/\?.*/, ''))).toEqual([
      'GET /repos/acme/shop/issues/7/comments',
      'GET /repos/acme/shop/issues/7/comments',
      'POST /repos/acme/shop/issues/7/comments'
    ])
    expect(github.requests.every((request) => request.authorization === `token ${TOKEN}`)).toBe(true)
  })

  it('updates that comment in place when the step runs again', async () => {
    const before = ours()[0]
    github.requests.length = 0
    const { main } = await harness.run({ operation: 'snapshot', branch: 'shop', ...commenting }, step('snapshot'))
    expect(main.exitCode).toBe(0)
    expect(ours()).toEqual([expect.objectContaining({ id: before.id })])
    expect(sections(ours()[0].body)).toEqual(['snapshot:snapshot'])
    expect(github.requests.map((request) => request.line.replace(/\?.*/, '')).at(-1)).toBe(
      `PATCH /repos/acme/shop/issues/comments/${before.id}`
    )
  })

  it("adds the restore's backup and undo step as a section of its own", async () => {
    await query(shopUri, 'DELETE FROM items')
    const { main } = await harness.run(
      { operation: 'restore', branch: 'shop', source: `^self@${lsn}`, ...commenting },
      step('restore')
    )
    expect(main.errors).toEqual([])
    expect(await query(shopUri, 'SELECT id FROM items')).toHaveLength(3)
    const [comment] = ours()
    expect(sections(comment.body)).toEqual(['snapshot:snapshot', 'restore:restore'])
    const restore = comment.body.slice(comment.body.indexOf('<!-- section: restore:restore -->'))
    expect(restore).toContain(main.outputs['backup-branch-name'])
    expect(restore).toContain('To undo this restore')
  })

  it("adds bisect's answer and next step, without its rounds table", async () => {
    const good = (await query<{ lsn: string }>(shopUri, 'SELECT pg_current_wal_lsn()::text AS lsn'))[0].lsn
    await query(shopUri, 'DELETE FROM items WHERE id = 2')
    const { main } = await harness.run(
      { operation: 'bisect', branch: 'shop', check: 'SELECT count(*) = 3 FROM items', good, ...commenting },
      step('find')
    )
    expect(main.errors).toEqual([])
    const [comment] = ours()
    expect(sections(comment.body)).toEqual(['snapshot:snapshot', 'restore:restore', 'bisect:find'])
    const bisect = comment.body.slice(comment.body.indexOf('<!-- section: bisect:find -->'))
    expect(bisect).toContain(main.outputs['first-bad-lsn'])
    expect(bisect).toContain('Next step')
    expect(bisect).not.toContain('Probes (LSN: verdict)')
    expect(main.summary).toContain('Probes (LSN: verdict)')
  })

  it('warns, and succeeds, when the token may not comment (403)', async () => {
    github.forbid = true
    try {
      const { main } = await harness.run(
        { operation: 'snapshot', branch: 'shop', 'dry-run': 'true', ...commenting },
        step('dry')
      )
      expect(main.exitCode).toBe(0)
      expect(main.log).toMatch(/::warning::comment: GitHub refused .*403.*permissions: pull-requests: write/)
    } finally {
      github.forbid = false
    }
  })
})

it('comments nowhere on a push, and says so in a notice', async () => {
  const before = github.requests.length
  const { main } = await harness.run(
    { operation: 'snapshot', branch: 'shop', 'dry-run': 'true', ...commenting },
    step('push', { GITHUB_EVENT_NAME: 'push' })
  )
  expect(main.exitCode).toBe(0)
  expect(main.log).toMatch(/::notice::comment: this run is a push event, not a pull request/)
  expect(github.requests.length).toBe(before)
})

it('never shows a secret or the token, in the logs or in the comment', async () => {
  const secrets = [...(await harness.secrets()), TOKEN]
  expect(leaks(harness.steps, secrets)).toEqual([])
  for (const comment of ours()) expect(secrets.filter((secret) => comment.body.includes(secret))).toEqual([])
})
