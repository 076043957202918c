/** verify-standby, the pure parts: the connection string's forms, its inputs, and the WAL receiver's refusals. */
import type { SelfHostedVerifySettings } from '../../src/inputs.js'
import {
  configQuote,
  ConninfoSyntaxError,
  normalConnectionUri,
  parseConninfo,
  passwordOf
} from '../../src/selfhosted/conninfo.js'
import { ReplicationRefusedError, replicationFailure } from '../../src/selfhosted/standby.js'
import { inputProblems, readInputs, SELF_HOSTED_DRILL } from './read-inputs.js'

const now = new Date('2026-12-01T12:00:00.000Z')
const drill = SELF_HOSTED_DRILL
const read = (inputs: Record<string, string>) => readInputs(inputs, { now }) as SelfHostedVerifySettings
const problems = (inputs: Record<string, string>) => inputProblems(inputs, { now })

describe('the connection string', () => {
  test("keyword=value settings as libpq reads them: quotes, escapes and spaces around '='", () => {
    const conninfo = parseConninfo("host=db.internal port = 5433 user=rep password='it\\'s x y' sslmode=require")
    expect(conninfo.form).toBe('keywords')
    if (conninfo.form !== 'keywords') return
    expect(conninfo.settings.get('port')).toBe('5433')
    expect(conninfo.settings.get('password')).toBe("it's x y")
    expect(conninfo.settings.get('sslmode')).toBe('require')
    // libpq escapes a quote with a backslash inside quotes; '' ends one quoted value and starts the next setting.
    expect(() => parseConninfo("password='it''s'")).toThrow(ConninfoSyntaxError)
    expect(parseConninfo("password='it\\'s a \\\\ b'").form).toBe('keywords')
    expect(passwordOf("user=rep password='it\\'s a \\\\ b'")).toBe("it's a \\ b")
  })

  test('a URI keeps its form; its password is read decoded', () => {
    expect(passwordOf('postgres://rep:p%40ss@db:5432')).toBe('p@ss')
    expect(passwordOf('host=db user=rep')).toBeUndefined()
  })

  test.each([
    ['a word that is no setting', 'db.internal'],
    ['an unknown key word', 'host=db color=red'],
    ['an unterminated quote', "host=db password='secret"],
    ['a missing value separator', 'host db']
  ])('refuses %s without quoting the value', (_what, text) => {
    expect(() => parseConninfo(text)).toThrow(ConninfoSyntaxError)
    try {
      parseConninfo(text)
    } catch (error) {
      expect((error as Error).message).not.toContain('secret')
      expect((error as Error).message).not.toContain('db.internal')
    }
  })

  test('the normal connection to the primary: same host, role and password, database postgres unless given', () => {
    const uri = new URL(normalConnectionUri(parseConninfo('host=db.internal port=5433 user=rep password=p@ss')))
    expect([uri.hostname, uri.port, uri.username, decodeURIComponent(uri.password), uri.pathname]).toEqual([
      'db.internal',
      '5433',
      'rep',
      'p@ss',
      '/postgres'
    ])
    const socket = new URL(normalConnectionUri(parseConninfo('host=/run/pg user=rep dbname=app')))
    expect([socket.searchParams.get('host'), socket.pathname]).toEqual(['/run/pg', '/app'])
    expect(new URL(normalConnectionUri(parseConninfo('postgres://rep@db'))).pathname).toBe('/postgres')
  })

  test('a value for postgresql.conf doubles quotes and backslashes (the scanner reads \\ escapes)', () => {
    expect(configQuote("password='a\\b'")).toBe("'password=''a\\\\b'''")
  })
})

describe('the inputs', () => {
  test('verify-standby with the newest point: the conninfo and the timeout', () => {
    const settings = read({ ...drill, 'verify-standby': 'host=db user=rep', 'standby-timeout': '90s' })
    expect(settings.standby).toEqual({ conninfo: 'host=db user=rep', timeoutMs: 90_000 })
    expect(read(drill).standby).toBeUndefined()
  })

  test('an earlier at is refused, naming both inputs', () => {
    expect(problems({ ...drill, 'verify-standby': 'host=db', at: '0/1000000' })).toEqual([
      expect.stringMatching(/^verify-standby: conflicts with at \(LSN 0\/1000000\): .*remove at.*remove verify-standby/)
    ])
  })

  test('a conninfo that does not parse is refused, never quoted', () => {
    const [problem] = problems({ ...drill, 'verify-standby': "host=db password='hunter2" })
    expect(problem).toMatch(/^verify-standby: has an unterminated quoted value .*it is a secret/)
    expect(problem).not.toContain('hunter2')
  })

  test('standby-timeout alone, and verify-standby with backend: neon, are refused', () => {
    expect(problems({ ...drill, 'standby-timeout': '1m' })).toEqual([
      expect.stringMatching(/^standby-timeout: only used with verify-standby/)
    ])
    const neon = { operation: 'verify', backend: 'neon', 'api-key': 'k', 'project-id': 'p', checks: 'SELECT true' }
    expect(problems({ ...neon, 'verify-standby': 'host=db' })).toContainEqual(
      expect.stringMatching(/^verify-standby: is only used with backend: postgres/)
    )
  })
})

describe("the WAL receiver's refusals in the standby's log", () => {
  const line = (message: string) =>
    `2026-12-01 18:00:00.000 UTC [42] FATAL:  could not connect to the primary server: connection to server on socket "/x/.s.PGSQL.5432" failed: FATAL:  ${message}`

  test.each([
    [
      'no pg_hba.conf entry for replication connection from host "[local]", user "rep", no encryption',
      /replication line/
    ],
    ['password authentication failed for user "rep"', /check the role and password in verify-standby/],
    ['must be superuser or replication role to start walsender', /ALTER ROLE <role> WITH REPLICATION LOGIN/],
    ['number of requested standby connections exceeds max_wal_senders (currently 0)', /wal_level = replica/]
  ])('%s', (message, fix) => {
    const failure = replicationFailure(`LOG:  starting\n${line(message)}\n`)
    expect(failure).toBeInstanceOf(ReplicationRefusedError)
    expect(failure?.message).toContain(`"FATAL: could not connect to the primary server: `)
    expect(failure?.message).toContain(message)
    expect(failure?.message).toMatch(fix)
  })

  test('recycled WAL names wal_keep_size and slots; a client FATAL is none of the receiver', () => {
    const removed = replicationFailure(
      '2026-12-01 UTC [7] FATAL:  could not receive data from WAL stream: ERROR:  requested WAL segment 000000010000000000000003 has already been removed'
    )
    expect(removed?.message).toMatch(/wal_keep_size.*replication slot/)
    expect(replicationFailure('2026-12-01 UTC [8] FATAL:  role "x" does not exist')).toBeUndefined()
  })
})
