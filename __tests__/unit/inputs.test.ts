import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { INPUTS, inputsReadBy, type Settings } from '../../src/inputs.js'
import { inputProblems, readInputs } from './read-inputs.js'

const now = new Date('2026-11-24T06:33:57.000Z')
const base = { 'api-key': 'napi_test', 'project-id': 'shiny-sun-12345678' }

/** The Neon backend's settings: backend: postgres has its own tests (__tests__/unit/selfhosted.test.ts). */
const read = (inputs: Record<string, string>, { withDefaults = true } = {}) =>
  readInputs(inputs, { now, withDefaults }) as Settings
const problems = (inputs: Record<string, string>) => inputProblems(inputs, { now })

describe('action.yml', () => {
  const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8'))

  it('declares exactly the inputs the action reads, with the same defaults', () => {
    const declared = Object.fromEntries(
      Object.entries(action.inputs as Record<string, { default: string }>).map(([name, input]) => [name, input.default])
    )
    const read = Object.fromEntries(Object.entries(INPUTS).map(([name, spec]) => [name, spec.default]))
    expect(declared).toEqual(read)
  })

  it('describes every input and output', () => {
    for (const section of [action.inputs, action.outputs]) {
      for (const [name, entry] of Object.entries(section as Record<string, { description?: string }>)) {
        expect([name, typeof entry.description === 'string' && entry.description.length > 10]).toEqual([name, true])
      }
    }
  })
})

describe('readSettings: common inputs', () => {
  it('reads a snapshot with defaults', () => {
    expect(read(base)).toEqual({
      operation: 'snapshot',
      apiKey: 'napi_test',
      projectId: 'shiny-sun-12345678',
      projectIds: ['shiny-sun-12345678'],
      apiHost: 'https://console.neon.tech/api/v2',
      branch: undefined,
      dryRun: false,
      database: undefined,
      role: undefined,
      at: { kind: 'head' },
      kind: 'branch',
      name: '{branch}-snapshot-{run_id}',
      expiresInMs: undefined,
      protected: false
    })
  })

  it('treats unset inputs passed as "" like their defaults (running outside a workflow)', () => {
    expect(read(base, { withDefaults: false })).toEqual(read(base))
  })

  it('says why the api-key is empty', () => {
    expect(problems({ ...base, 'api-key': '' })).toEqual([
      expect.stringMatching(
        /^api-key: is empty\. Secrets are not passed to workflows triggered by pull requests from forks/
      )
    ])
  })

  it('names an unknown operation and lists the known ones', () => {
    expect(problems({ ...base, operation: 'backup' })).toEqual([
      'operation: "backup" is not one of snapshot, restore, bisect, query, verify, prune, recover, undelete, projects'
    ])
  })

  it('rejects a bad project id, api host and dry-run', () => {
    expect(
      problems({ ...base, 'project-id': 'My Project', 'api-host': 'console.neon.tech', 'dry-run': 'yes' })
    ).toEqual([
      expect.stringMatching(/^project-id: "My Project" is not a Neon project id/),
      'api-host: "console.neon.tech" is not a URL (expected https://console.neon.tech/api/v2)',
      'dry-run: "yes" is not a boolean (expected true or false)'
    ])
  })

  it('collects every problem at once', () => {
    expect(problems({ operation: 'snapshot', at: '0/ZZZ', 'expires-in': '-1d' })).toEqual([
      expect.stringMatching(/^api-key: is empty/),
      expect.stringMatching(/^project-id: is empty: set it to your Neon project id/),
      'at: "0/ZZZ" is not an LSN (expected hex like 0/16B3748)',
      expect.stringMatching(/^expires-in: "-1d" is not a duration/)
    ])
  })

  it('rejects inputs set for an operation that does not use them', () => {
    expect(problems({ ...base, good: '1h ago', sql: 'select 1' })).toEqual([
      'good: is not used by operation snapshot (it applies to bisect, recover): remove it or change operation',
      'sql: is not used by operation snapshot (it applies to query): remove it or change operation'
    ])
  })

  it('does not count an input left at its default as set', () => {
    expect(() => read({ ...base, operation: 'query', sql: 'select 1', kind: 'branch', bad: 'head' })).not.toThrow()
  })

  it('trims the api host of trailing slashes', () => {
    expect(read({ ...base, 'api-host': 'http://127.0.0.1:4000/api/v2/' }).apiHost).toBe('http://127.0.0.1:4000/api/v2')
  })
})

describe('readSettings: snapshot', () => {
  it('reads every snapshot input', () => {
    expect(
      read({
        ...base,
        branch: 'main',
        at: '90m ago',
        kind: 'branch',
        name: 'pre-migration-{sha}',
        'expires-in': '7d',
        database: 'app',
        role: 'app_owner',
        'dry-run': 'TRUE'
      })
    ).toMatchObject({
      branch: 'main',
      at: { kind: 'timestamp', timestamp: '2026-11-24T05:03:57.000Z' },
      kind: 'branch',
      name: 'pre-migration-{sha}',
      expiresInMs: 7 * 86_400_000,
      database: 'app',
      role: 'app_owner',
      dryRun: true
    })
  })

  it('rejects contradictions and limits', () => {
    expect(problems({ ...base, kind: 'snapshot', protected: 'true' })).toEqual([
      'protected: Neon snapshots cannot be protected (remove protected, or use kind: branch)'
    ])
    expect(problems({ ...base, kind: 'snapshot', database: 'app' })).toEqual([
      'database: is not used with kind: snapshot, which makes no connection (remove database, or use kind: branch)'
    ])
    expect(problems({ ...base, protected: 'true', 'expires-in': '1d' })).toEqual([
      'expires-in: Neon does not let protected branches expire (remove expires-in or protected)'
    ])
    expect(problems({ ...base, 'expires-in': '31d' })).toEqual([
      'expires-in: "31d" is more than Neon\'s limit of 30 days (use 30d or less)'
    ])
    expect(problems({ ...base, kind: 'tag' })).toEqual(['kind: "tag" is not one of branch, snapshot'])
  })

  it('checks the name template', () => {
    expect(problems({ ...base, name: '{branch}-{pr}' })).toEqual([
      expect.stringMatching(/^name: "\{branch\}-\{pr\}" uses unknown placeholder \{pr\}/)
    ])
  })

  it('rejects a future timestamp for at', () => {
    expect(problems({ ...base, at: '2027-01-01T00:00:00Z' })).toEqual([
      expect.stringMatching(/^at: "2027-01-01T00:00:00Z" is in the future/)
    ])
  })
})

describe('readSettings: restore', () => {
  const restore = { ...base, operation: 'restore' }

  it('reads the source, the backup name and confirm', () => {
    expect(read({ ...restore, branch: 'main', source: '^self@0/16B3748', confirm: 'main' })).toMatchObject({
      operation: 'restore',
      source: { kind: 'self', point: { kind: 'lsn', lsn: '0/16B3748' } },
      name: '{branch}_old_{timestamp}',
      confirm: 'main'
    })
  })

  it('requires a source and explains the forms', () => {
    expect(problems(restore)).toEqual([
      expect.stringMatching(/^source: is empty: restore needs a source \(\^self@<point>/)
    ])
  })

  it('sends a point given as at to source', () => {
    expect(problems({ ...restore, source: '^parent', at: '1h ago' })).toEqual([
      'at: restore takes its point from source (write it there, e.g. source: ^self@90m ago)'
    ])
  })

  it('rejects snapshot-only inputs', () => {
    expect(problems({ ...restore, source: 'snapshot:nightly', kind: 'snapshot' })).toEqual([
      expect.stringMatching(/^kind: is not used by operation restore/)
    ])
  })
})

describe('readSettings: bisect', () => {
  const bisect = { ...base, operation: 'bisect', check: 'select count(*) > 1 from users', good: '2h ago' }

  it('reads bisect inputs with defaults', () => {
    expect(read(bisect)).toMatchObject({
      operation: 'bisect',
      check: 'select count(*) > 1 from users',
      good: { kind: 'timestamp', timestamp: '2026-11-24T04:33:57.000Z' },
      bad: { kind: 'head' },
      parallelism: 3,
      probe: 'time-travel',
      then: 'report',
      checkTimeoutMs: 30_000,
      name: '{branch}-recovered-{run_id}'
    })
  })

  it('uses the backup name for then: restore', () => {
    expect(read({ ...bisect, then: 'restore', confirm: 'main' })).toMatchObject({ name: '{branch}_old_{timestamp}' })
  })

  it('requires check and good', () => {
    expect(problems({ ...base, operation: 'bisect' })).toEqual([
      expect.stringMatching(/^check: is empty: set it to an SQL query returning one boolean/),
      expect.stringMatching(/^good: is empty: bisect needs a point where the check passes/)
    ])
  })

  it('rejects bad values and contradictions', () => {
    expect(
      problems({ ...bisect, parallelism: '0', probe: 'fork', 'check-timeout': '10', name: 'x', confirm: 'main' })
    ).toEqual([
      'parallelism: "0" is not a whole number from 1 to 16',
      'probe: "fork" is not one of time-travel, branch',
      'name: only used with then: branch or then: restore (remove it, or choose one of those)',
      'confirm: only used with then: restore (remove it, or set then: restore)',
      expect.stringMatching(/^check-timeout: "10" is not a duration/)
    ])
  })
})

describe('readSettings: query', () => {
  it('requires sql and reads the point', () => {
    expect(read({ ...base, operation: 'query', sql: 'select 1', at: '0/1' })).toMatchObject({
      sql: 'select 1',
      at: { kind: 'lsn', lsn: '0/1' }
    })
    expect(problems({ ...base, operation: 'query' })).toEqual([expect.stringMatching(/^sql: is empty/)])
  })
})

describe('readSettings: verify', () => {
  const verify = { ...base, operation: 'verify' }

  it('splits checks into statements, skipping blank and comment lines', () => {
    expect(
      read({ ...verify, checks: 'select true\n\n-- users exist\nselect count(*) > 0 from users\n' })
    ).toMatchObject({
      checks: ['select true', 'select count(*) > 0 from users'],
      checksFile: undefined,
      snapshot: undefined
    })
  })

  it('drills a snapshot given as source', () => {
    expect(read({ ...verify, checks: 'select true', source: 'snapshot:nightly' })).toMatchObject({
      snapshot: 'nightly'
    })
  })

  it('needs exactly one of checks and checks-file', () => {
    expect(problems(verify)).toEqual([expect.stringMatching(/^checks: is empty: verify needs checks/)])
    expect(problems({ ...verify, checks: 'select true', 'checks-file': 'checks.sql' })).toEqual([
      'checks-file: conflicts with checks (give the checks inline or in a file, not both)'
    ])
  })

  it('rejects a branch source and a source together with at', () => {
    expect(problems({ ...verify, checks: 'select true', source: 'main@0/1' })).toEqual([
      expect.stringMatching(/^source: verify restores only snapshots/)
    ])
    expect(problems({ ...verify, checks: 'select true', source: 'snapshot:x', at: '1h ago' })).toEqual([
      'at: conflicts with source: a drill starts from a snapshot or a point, not both'
    ])
  })
})

describe('readSettings: prune', () => {
  const prune = { ...base, operation: 'prune', match: 'main-snapshot-*' }

  it('reads the policy', () => {
    expect(read({ ...prune, 'keep-last': '3', 'keep-daily': '7', 'older-than': '1d' })).toMatchObject({
      match: 'main-snapshot-*',
      keepLast: 3,
      keepHourly: undefined,
      keepDaily: 7,
      keepWeekly: undefined,
      olderThanMs: 86_400_000
    })
  })

  it('requires match and a policy', () => {
    expect(problems({ ...base, operation: 'prune' })).toEqual([
      expect.stringMatching(/^match: is empty/),
      expect.stringMatching(/^keep-last: prune needs a policy, or it would delete everything that matches/)
    ])
  })

  it('refuses a policy of only zero counts, which would delete everything too', () => {
    expect(problems({ ...prune, 'keep-last': '0', 'keep-daily': '0' })).toEqual([
      expect.stringMatching(/^keep-last: prune needs a policy/)
    ])
  })

  it('selects by match, not by branch', () => {
    expect(problems({ ...prune, 'keep-last': '3', branch: 'main' })).toEqual([
      'branch: prune chooses what to delete by name: put the branch in match (e.g. match: main-snapshot-*)'
    ])
  })

  it('rejects counts that are not whole numbers', () => {
    expect(problems({ ...prune, 'keep-last': '-1', 'keep-weekly': '2.5' })).toEqual([
      'keep-last: "-1" is not a whole number from 0 to 100000',
      'keep-weekly: "2.5" is not a whole number from 0 to 100000'
    ])
  })
})

describe('readSettings: recover', () => {
  const recover = { ...base, operation: 'recover', at: '1h ago' }

  it('reads tables, where, into and mode', () => {
    expect(read({ ...recover, tables: 'public.orders', where: 'id > 10', into: 'rescue' })).toMatchObject({
      tables: ['public.orders'],
      where: 'id > 10',
      into: 'rescue',
      mode: 'schema'
    })
    expect(read({ ...recover, tables: 'users, "Audit Log".events', mode: 'merge' })).toMatchObject({
      tables: ['users', '"Audit Log".events'],
      into: undefined,
      mode: 'merge'
    })
  })

  it('needs a past point and tables', () => {
    expect(problems({ ...base, operation: 'recover' })).toEqual([
      expect.stringMatching(/^at: recover copies from a past point/),
      expect.stringMatching(/^tables: is empty: name the tables to recover/)
    ])
  })

  it('rejects bad names and contradictions', () => {
    expect(problems({ ...recover, tables: 'a, b; drop table c', where: 'x', into: 'x', mode: 'merge' })).toEqual([
      'tables: "b; drop table c" is not a table name (expected table or schema.table)',
      'into: is not used with mode: merge, which writes into the original tables (remove into)'
    ])
    expect(problems({ ...recover, tables: 'a,b', where: 'id = 1' })).toEqual([
      'where: applies to one table, but tables lists several (recover them in separate steps)'
    ])
    expect(problems({ ...recover, tables: 'a', into: 'bad-name' })).toEqual([
      expect.stringMatching(/^into: "bad-name" is not a schema name/)
    ])
  })
})

describe('readSettings: recover with mode: undo', () => {
  const undo = { ...base, operation: 'recover', mode: 'undo', tables: 'accounts' }

  it('reads good and bad instead of at', () => {
    expect(read({ ...undo, good: '0/16B3740', bad: '0/16B3748', where: 'id > 3' })).toMatchObject({
      mode: 'undo',
      good: { kind: 'lsn', lsn: '0/16B3740' },
      bad: { kind: 'lsn', lsn: '0/16B3748' },
      tables: ['accounts'],
      where: 'id > 3'
    })
  })

  it('needs both points, refuses at and into, and good or bad in the other modes', () => {
    expect(problems({ ...undo, at: '1h ago', into: 'x' })).toEqual([
      'at: is not used with mode: undo, which reads good and bad (remove at)',
      'into: is not used with mode: undo, which writes into the original tables',
      expect.stringMatching(/^good: is empty: mode: undo needs the last point before the bad change/),
      expect.stringMatching(/^bad: is empty: mode: undo needs the first point after the bad change .*not head/)
    ])
    expect(problems({ ...base, operation: 'recover', at: '1h ago', tables: 'a', good: '0/10' })).toEqual([
      'good: is only used by recover with mode: undo (remove it, or set mode: undo)'
    ])
  })
})

describe('readSettings: bisect tables and then: recover', () => {
  it('reads tables to compare, and refuses name with then: recover', () => {
    const bisect = { ...base, operation: 'bisect', check: 'select true', good: '1h ago' }
    expect(read({ ...bisect, tables: 'a, b', then: 'recover' })).toMatchObject({ tables: ['a', 'b'], then: 'recover' })
    expect(read(bisect)).toMatchObject({ tables: undefined })
    expect(problems({ ...bisect, then: 'recover', name: 'x-{run_id}' })).toEqual([
      'name: only used with then: branch or then: restore (remove it, or choose one of those)'
    ])
  })
})

describe('readSettings: misplaced points', () => {
  it('points bisect users to good and bad', () => {
    expect(problems({ ...base, operation: 'bisect', check: 'select true', good: '1h ago', at: '2h ago' })).toEqual([
      'at: bisect searches between the points good and bad (set those instead)'
    ])
  })
})

describe('inputsReadBy: which operation uses which input, as its reader reads them', () => {
  const onProjects = ['snapshot', 'restore', 'bisect', 'query', 'verify', 'prune', 'recover', 'undelete'] as const
  const all = [...onProjects, 'projects'] as const
  const connecting = ['snapshot', 'bisect', 'query', 'verify', 'recover', 'undelete']
  const users: Record<string, readonly string[]> = {
    operation: all,
    // Every operation reads backend (and refuses postgres until it supports it); verify, query and recover read the self-hosted ones.
    backend: all,
    backup: ['verify', 'query', 'recover', 'bisect'],
    'restore-command': ['verify', 'query', 'recover', 'bisect'],
    'pg-bin': ['verify', 'query', 'recover', 'bisect'],
    'recovery-timeout': ['verify', 'query', 'recover', 'bisect'],
    'api-key': all,
    // projects lists every project the key sees: it reads no project-id, only org-id and region.
    'project-id': onProjects,
    'org-id': ['projects'],
    region: ['projects'],
    'api-host': all,
    'dry-run': onProjects,
    comment: onProjects,
    'github-token': onProjects,
    branch: onProjects.filter((operation) => operation !== 'prune'),
    at: ['snapshot', 'query', 'verify', 'recover'],
    source: ['restore', 'verify'],
    history: onProjects.filter((operation) => operation !== 'prune' && operation !== 'undelete'),
    kind: ['snapshot'],
    name: ['snapshot', 'restore', 'bisect'],
    'expires-in': ['snapshot'],
    protected: ['snapshot'],
    database: connecting,
    role: connecting,
    confirm: ['restore', 'bisect'],
    check: ['bisect'],
    good: ['bisect', 'recover'],
    bad: ['bisect', 'recover'],
    parallelism: ['bisect'],
    probe: ['bisect'],
    then: ['bisect'],
    'check-timeout': ['bisect', 'verify'],
    sql: ['query'],
    checks: ['verify'],
    'checks-file': ['verify'],
    match: ['prune', 'projects'],
    'keep-last': ['prune'],
    'keep-hourly': ['prune'],
    'keep-daily': ['prune'],
    'keep-weekly': ['prune'],
    'older-than': ['prune'],
    tables: ['bisect', 'recover'],
    where: ['recover'],
    into: ['recover'],
    mode: ['recover'],
    'database-url': ['recover'],
    'verify-standby': ['verify'],
    'standby-timeout': ['verify']
  }

  it.each(all)('%s reads exactly its inputs', (operation) => {
    const expected = Object.keys(users).filter((name) => users[name].includes(operation))
    expect([...inputsReadBy(operation)].sort()).toEqual(expected.sort())
  })

  it('knows every input action.yml declares', () => {
    expect(Object.keys(users).sort()).toEqual(Object.keys(INPUTS).sort())
  })
})

describe('readSettings: undelete and comment', () => {
  it('needs the branch to undelete', () => {
    expect(problems({ ...base, operation: 'undelete' })).toEqual([
      'branch: is empty: set it to the name or id of the deleted branch to bring back'
    ])
    expect(read({ ...base, operation: 'undelete', branch: 'feature' })).toMatchObject({ branch: 'feature' })
  })

  it('comments only when asked, with the token given', () => {
    expect(read(base).comment).toBeUndefined()
    expect(read({ ...base, 'github-token': 'ghs_x' }).comment).toBeUndefined()
    expect(read({ ...base, comment: 'true', 'github-token': 'ghs_x' }).comment).toEqual({ token: 'ghs_x' })
  })

  it('reads the unevaluated default token (no runner gave one) as no token', () => {
    expect(read({ ...base, comment: 'true' }).comment).toEqual({ token: '' })
  })

  it('refuses comment: true with a token set to empty (a misspelt secret)', () => {
    expect(problems({ ...base, comment: 'true', 'github-token': '' })).toEqual([
      expect.stringMatching(/^github-token: is empty, and comment: true needs a token .*leave github-token unset/)
    ])
    expect(problems({ ...base, comment: 'maybe' })).toEqual([
      'comment: "maybe" is not a boolean (expected true or false)'
    ])
  })
})

describe('readSettings: several projects', () => {
  const verify = { ...base, operation: 'verify', checks: 'select true' }

  it('reads a comma list of project ids for verify and prune, the first being projectId', () => {
    const settings = read({ ...verify, 'project-id': 'one-1, two-2,three-3' })
    expect(settings.projectIds).toEqual(['one-1', 'two-2', 'three-3'])
    expect(settings.projectId).toBe('one-1')
    const prune = read({ ...base, operation: 'prune', match: 'x-*', 'keep-last': '1', 'project-id': 'one-1,two-2' })
    expect(prune.projectIds).toEqual(['one-1', 'two-2'])
  })

  it('refuses a comma list for the operations that work on one project, saying what to do', () => {
    expect(problems({ ...base, operation: 'restore', source: '^self@1h ago', 'project-id': 'one-1,two-2' })).toEqual([
      expect.stringMatching(
        /^project-id: lists 2 projects, but restore works on one: run one step a project .*verify or prune/
      )
    ])
  })

  it('refuses an empty entry, a bad id and a repeated id in the list', () => {
    expect(problems({ ...verify, 'project-id': 'one-1,,two-2' })).toEqual([
      'project-id: "one-1,,two-2" has an empty entry in its comma list'
    ])
    expect(problems({ ...verify, 'project-id': 'one-1,Two' })).toEqual([
      expect.stringMatching(/^project-id: "Two" is not a Neon project id/)
    ])
    expect(problems({ ...verify, 'project-id': 'one-1,one-1' })).toEqual([
      'project-id: lists one-1 more than once (name each project once)'
    ])
  })
})

describe('readSettings: projects', () => {
  it('needs no project-id, and reads org-id, match and region', () => {
    expect(
      read({
        'api-key': 'napi_test',
        operation: 'projects',
        'org-id': 'org-a-1',
        match: 'customer-*',
        region: 'aws-us-east-2'
      })
    ).toMatchObject({
      operation: 'projects',
      orgId: 'org-a-1',
      match: 'customer-*',
      region: 'aws-us-east-2',
      projectIds: []
    })
  })

  it('refuses project-id, which it does not read, and bad org and region ids', () => {
    expect(problems({ ...base, operation: 'projects' })).toEqual([
      expect.stringMatching(/^project-id: is not used by operation projects/)
    ])
    expect(problems({ 'api-key': 'k', operation: 'projects', 'org-id': 'Org_A', region: 'us east' })).toEqual([
      expect.stringMatching(/^org-id: "Org_A" is not a Neon organization id/),
      'region: "us east" is not a Neon region id (expected one like aws-us-east-2)'
    ])
  })

  it('still needs the api-key', () => {
    expect(problems({ operation: 'projects' })).toEqual([expect.stringMatching(/^api-key: is empty/)])
  })
})
