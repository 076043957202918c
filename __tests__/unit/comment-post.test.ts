/**
 * postComment against a local server that plays GitHub's REST API: the body it stores is masked, and a GitHub
 * that never answers ends in a warning within the time allowed, not in a hung job.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Summary } from '../../src/summary.js'
import { FakeGitHub } from '../action/github-server.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'comment-post-'))
let github: FakeGitHub
let postComment: typeof import('../../src/comment/index.js').postComment

beforeAll(async () => {
  github = await FakeGitHub.start()
  writeFileSync(path.join(dir, 'event.json'), JSON.stringify({ pull_request: { number: 3 } }))
  // @actions/github reads the run's context when it loads.
  Object.assign(process.env, {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: path.join(dir, 'event.json'),
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_WORKFLOW: 'deploy',
    GITHUB_JOB: 'migrate',
    GITHUB_API_URL: github.url
  })
  ;({ postComment } = await import('../../src/comment/index.js'))
})

afterAll(async () => {
  await github.stop()
  rmSync(dir, { recursive: true, force: true })
})

function request(summary: Summary, timeoutMs?: number) {
  const said: string[] = []
  const record = (kind: string) => (message: string) => said.push(`${kind}: ${message}`)
  const done = postComment({
    token: 'ghs_test',
    operation: 'query',
    summary,
    secrets: ['p4ss<word>'],
    info: record('info'),
    notice: record('notice'),
    warning: record('warning'),
    timeoutMs
  })
  return { done, said }
}

it('masks every secret of the step in the comment, in plain and escaped form', async () => {
  const { done, said } = request(new Summary().heading('Query').paragraph('uri postgres://u:p4ss<word>@host/db'))
  await done
  expect(said).toEqual([expect.stringMatching(/^info: Commented on pull request #3/)])
  const [comment] = github.of(3)
  expect(comment.body).toContain('postgres://u:***@host/db')
  expect(comment.body).not.toContain('p4ss')
})

it('gives up with a warning when GitHub does not answer', async () => {
  github.hang = true
  const started = Date.now()
  try {
    const { done, said } = request(new Summary().heading('Query'), 300)
    await done
    expect(said).toEqual([expect.stringMatching(/^warning: comment: could not comment on pull request #3/)])
    expect(Date.now() - started).toBeLessThan(5000)
  } finally {
    github.hang = false
  }
})
