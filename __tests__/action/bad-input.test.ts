/**
 * Bad inputs, run from dist/index.js as the runner does: each fails with exit 1, an `::error::` that names the
 * input and says the fix, and not one mutating call to the Neon API. BAD_INPUT.md shows this table for the README.
 */
import { ActionHarness, currentLsn, leaks, mutating, query } from './helpers.js'

/** What a case may refer to, known once the emulator runs. */
export interface Fixture {
  /** Id of the branch `app`, which a branch named `<that id>` shadows. */
  appId: string
  /** A point in app's history that is in the future of app's head. */
  pastHead: string
}

export interface BadInput {
  /** What is wrong, for the README. */
  title: string
  inputs: Record<string, string> | ((fixture: Fixture) => Record<string, string>)
  /** The input the error must name. */
  input: string
  /** What the error must say (the problem and the fix). */
  error: RegExp
}

const restore = { operation: 'restore', branch: 'app' }

export const BAD_INPUTS: BadInput[] = [
  {
    title: 'malformed LSN',
    inputs: { branch: 'app', at: '0/XYZ' },
    input: 'at',
    error: /is not an LSN \(expected hex/
  },
  {
    title: 'LSN past the head of the branch',
    inputs: ({ pastHead }) => ({ branch: 'app', at: pastHead }),
    input: 'at',
    error: /is past the head of app .*use an LSN at or before it/
  },
  {
    title: 'timestamp in the future',
    inputs: { branch: 'app', at: '2999-01-01T00:00:00Z' },
    input: 'at',
    error: /is in the future .*use a past time or head/
  },
  {
    title: 'timestamp without a time zone',
    inputs: { branch: 'app', at: '2026-01-01 10:00' },
    input: 'at',
    error: /has no time zone \(add Z for UTC/
  },
  {
    title: 'timestamp before the history window',
    inputs: { branch: 'app', at: '30d ago' },
    input: 'at',
    error: /is before the history Neon keeps .*choose a later point/
  },
  {
    title: 'garbage point',
    inputs: { branch: 'app', at: 'yesterday' },
    input: 'at',
    error: /is not a point \(expected head/
  },
  {
    title: 'unknown branch',
    inputs: { branch: 'nope' },
    input: 'branch',
    error: /"nope" was not found .*check the name/
  },
  {
    title: "a name that is another branch's id",
    inputs: ({ appId }) => ({ branch: appId }),
    input: 'branch',
    error: /is the id of branch app and the name of branch br-.*use/
  },
  {
    title: 'negative duration',
    inputs: { 'expires-in': '-5m' },
    input: 'expires-in',
    error: /is not a duration \(expected a whole number and a unit/
  },
  { title: 'garbage duration', inputs: { 'expires-in': 'soon' }, input: 'expires-in', error: /is not a duration/ },
  {
    title: 'zero duration',
    inputs: { 'expires-in': '0m' },
    input: 'expires-in',
    error: /is zero \(expected a positive duration/
  },
  {
    title: 'expiry past 30 days',
    inputs: { 'expires-in': '31d' },
    input: 'expires-in',
    error: /limit of 30 days \(use 30d or less\)/
  },
  {
    title: 'unknown operation',
    inputs: { operation: 'backup' },
    input: 'operation',
    error: /"backup" is not one of snapshot, restore, bisect, query, verify, prune, recover, undelete/
  },
  {
    title: 'empty api-key (a pull request from a fork gets no secrets)',
    inputs: { 'api-key': '' },
    input: 'api-key',
    error: /is empty\. Secrets are not passed to workflows triggered by pull requests from forks.*secrets\.NEON_API_KEY/
  },
  {
    title: 'empty project-id',
    inputs: { 'project-id': '' },
    input: 'project-id',
    error: /is empty: set it to your Neon project id/
  },
  {
    title: 'malformed project-id',
    inputs: { 'project-id': 'My Project' },
    input: 'project-id',
    error: /is not a Neon project id \(expected lower-case letters/
  },
  {
    title: 'wrong api-key (401)',
    inputs: { 'api-key': 'napi_wrong' },
    input: 'api-key',
    error: /Neon rejected the api-key \(401\): check that the secret holds a valid Neon API key/
  },
  {
    title: 'unknown project',
    inputs: { 'project-id': 'no-such-project-123' },
    input: 'project-id',
    error: /"no-such-project-123" was not found \(check project-id/
  },
  {
    title: 'api-host that is not a URL',
    inputs: { 'api-host': 'neon' },
    input: 'api-host',
    error: /is not a URL \(expected https/
  },
  {
    title: 'kind: snapshot with protected',
    inputs: { kind: 'snapshot', protected: 'true' },
    input: 'protected',
    error: /Neon snapshots cannot be protected \(remove protected, or use kind: branch\)/
  },
  {
    title: 'kind: snapshot with database (a snapshot has no connection)',
    inputs: { kind: 'snapshot', database: 'neondb' },
    input: 'database',
    error: /kind: snapshot.*remove database/
  },
  {
    title: 'protected with expires-in',
    inputs: { protected: 'true', 'expires-in': '1d' },
    input: 'expires-in',
    error: /does not let protected branches expire \(remove expires-in or protected\)/
  },
  {
    title: 'unknown kind',
    inputs: { kind: 'backup' },
    input: 'kind',
    error: /"backup" is not one of branch, snapshot/
  },
  {
    title: 'protected: maybe',
    inputs: { protected: 'maybe' },
    input: 'protected',
    error: /"maybe" is not a boolean \(expected true or false\)/
  },
  {
    title: 'dry-run: perhaps',
    inputs: { 'dry-run': 'perhaps' },
    input: 'dry-run',
    error: /"perhaps" is not a boolean/
  },
  {
    title: 'unknown database',
    inputs: { branch: 'app', database: 'nope' },
    input: 'database',
    error: /"nope" is not on the branch \(it has: neondb\)/
  },
  {
    title: 'unknown role',
    inputs: { branch: 'app', role: 'nope' },
    input: 'role',
    error: /"nope" is not on the branch \(it has: /
  },
  {
    title: 'unknown placeholder in name',
    inputs: { name: '{branch}-{date}' },
    input: 'name',
    error: /unknown placeholder \{date\} \(available: /
  },
  {
    title: 'restore without source',
    inputs: { ...restore },
    input: 'source',
    error: /is empty: restore needs a source/
  },
  {
    title: 'unknown source reference',
    inputs: { ...restore, source: '^grandparent@1h ago' },
    input: 'source',
    error: /unknown reference \^grandparent \(expected/
  },
  {
    title: 'source with nothing after @',
    inputs: { ...restore, source: 'app@' },
    input: 'source',
    error: /has nothing after @/
  },
  {
    title: 'source with no branch before @',
    inputs: { ...restore, source: '@0/1' },
    input: 'source',
    error: /names no branch before @/
  },
  {
    title: 'source ^self at head',
    inputs: { ...restore, source: '^self' },
    input: 'source',
    error: /give a past point: \^self@<point>/
  },
  {
    title: 'source snapshot: without a name',
    inputs: { ...restore, source: 'snapshot:' },
    input: 'source',
    error: /names no snapshot/
  },
  {
    title: 'source: unknown branch',
    inputs: { ...restore, source: 'nope@1h ago' },
    input: 'source',
    error: /"nope" was not found/
  },
  {
    title: 'source: unknown snapshot',
    inputs: { ...restore, source: 'snapshot:nope' },
    input: 'source',
    error: /no snapshot "nope" in project .*\(check the name or id after snapshot:\)/
  },
  {
    title: 'source: LSN past head',
    inputs: ({ pastHead }) => ({ ...restore, source: `^self@${pastHead}` }),
    input: 'source',
    error: /is past the head of app/
  },
  {
    title: 'source: time before the history window',
    inputs: { ...restore, source: '^self@30d ago' },
    input: 'source',
    error: /is before the history Neon keeps/
  },
  {
    title: 'at given to restore',
    inputs: { ...restore, source: '^self@1m ago', at: '1h ago' },
    input: 'at',
    error: /restore takes its point from source/
  },
  {
    title: 'sql given to snapshot',
    inputs: { sql: 'SELECT 1' },
    input: 'sql',
    error: /is not used by operation snapshot \(it applies to query\): remove it/
  },
  {
    title: 'confirm given to snapshot',
    inputs: { confirm: 'main' },
    input: 'confirm',
    error: /is not used by operation snapshot/
  },
  {
    title: 'kind given to restore',
    inputs: { ...restore, source: '^self@1m ago', kind: 'snapshot' },
    input: 'kind',
    error: /is not used by operation restore/
  },
  {
    title: 'undelete without branch',
    inputs: { operation: 'undelete' },
    input: 'branch',
    error: /is empty: set it to the name or id of the deleted branch/
  },
  {
    title: 'undelete of a branch that is not deleted',
    inputs: { operation: 'undelete', branch: 'app' },
    input: 'branch',
    error: /"app" is not deleted \(it is the live branch app, .*\): nothing to undelete/
  },
  {
    title: 'undelete of a branch Neon cannot recover',
    inputs: { operation: 'undelete', branch: 'nope' },
    input: 'branch',
    error:
      /no deleted branch named or with id "nope" can be recovered in project .* Neon keeps a deleted branch for 7 days/
  },
  { title: 'comment: maybe', inputs: { comment: 'maybe' }, input: 'comment', error: /"maybe" is not a boolean/ },
  {
    title: 'comment with an empty github-token (a misspelt secret)',
    inputs: { comment: 'true', 'github-token': '' },
    input: 'github-token',
    error: /is empty, and comment: true needs a token .*leave github-token unset/
  }
]

let harness: ActionHarness
let fixture: Fixture

beforeAll(async () => {
  harness = await ActionHarness.start()
  const app = await harness.createBranch('app')
  await query(app.uri, 'CREATE TABLE items (id int)')
  const [high, low] = (await currentLsn(app.uri)).split('/')
  // Well past head, and not an LSN any other branch of this emulator reaches either.
  const pastHead = `${(parseInt(high, 16) + 1).toString(16).toUpperCase()}/${low}`
  // A branch named like app's id: "branch: <that id>" no longer says which one is meant.
  await harness.createBranch(app.id)
  fixture = { appId: app.id, pastHead }
})

afterAll(() => harness?.stop())

const word = (input: string) => new RegExp(`(^|[^\\w-])${input}([^\\w-]|$)`)

describe('bad input', () => {
  it.each(BAD_INPUTS.map((bad) => [bad.title, bad] as const))('%s', async (_, bad) => {
    const inputs = typeof bad.inputs === 'function' ? bad.inputs(fixture) : bad.inputs
    const { main, post, requests } = await harness.run(inputs)
    expect(main.exitCode).toBe(1)
    expect(main.errors).toContainEqual(expect.stringMatching(bad.error))
    const error = main.errors.find((line) => bad.error.test(line))!
    expect(error).toMatch(word(bad.input))
    expect(mutating(requests)).toEqual([])
    expect(post.exitCode).toBe(0)
  })

  it('writes no API key or password anywhere but in ::add-mask:: commands', async () => {
    expect(leaks(harness.steps, await harness.secrets())).toEqual([])
  })
})
