/** The emulator control plane's pure parts: flags, fault specs, the PRNG, durations, SQL quoting, spec checks. */
import { parseCli, UsageError } from '../../emulator/api/cliargs.js'
import { parseDurationSeconds } from '../../emulator/api/clock.js'
import { quoteIdent, quoteLiteral } from '../../emulator/api/controlplane.js'
import { FaultInjector, mulberry32, parseFaults } from '../../emulator/api/faults.js'
import { SpecValidator } from '../../emulator/api/spec.js'

describe('parseFaults', () => {
  it('reads kinds, rates and the seed', () => {
    expect(parseFaults('423:0.3,429:0.2,503:0.1,drop:0.05,slow:0.5,seed:7')).toEqual({
      rates: { '423': 0.3, '429': 0.2, '503': 0.1, drop: 0.05, slow: 0.5 },
      seed: 7
    })
    expect(parseFaults(undefined)).toBeUndefined()
    expect(parseFaults('')).toBeUndefined()
  })

  it('refuses bad specs with clear errors', () => {
    expect(() => parseFaults('500:0.1')).toThrow(/unknown fault kind "500"/)
    expect(() => parseFaults('423:1.5')).toThrow(/from 0 to 1/)
    expect(() => parseFaults('423')).toThrow(/kind:rate/)
    expect(() => parseFaults('seed:x')).toThrow(/integer/)
  })
})

describe('FaultInjector', () => {
  it('is reproducible for a seed and differs across seeds', () => {
    const draw = (seed: number): number[] => Array.from({ length: 5 }, mulberry32(seed))
    expect(draw(7)).toEqual(draw(7))
    expect(draw(7)).not.toEqual(draw(8))
    expect(draw(7).every((value) => value >= 0 && value < 1)).toBe(true)
  })

  it('never answers 423 or drops a read', () => {
    const injector = new FaultInjector(parseFaults('423:1,drop:1'))
    expect(injector.decide(false)).toEqual({ status: undefined, drop: false, slow: false })
    expect(injector.decide(true)).toEqual({ status: 423, drop: false, slow: false })
  })

  it('injects nothing without a spec', () => {
    expect(new FaultInjector(undefined).decide(true)).toEqual({ drop: false, slow: false })
  })
})

describe('parseDurationSeconds', () => {
  it('reads s, m, h, d and w', () => {
    expect(parseDurationSeconds('7d')).toBe(604800)
    expect(parseDurationSeconds('6h')).toBe(21600)
    expect(parseDurationSeconds('90s')).toBe(90)
    expect(() => parseDurationSeconds('7 days')).toThrow(/invalid duration/)
    expect(() => parseDurationSeconds('0d')).toThrow(/invalid duration/)
  })
})

describe('parseCli', () => {
  it('leaves unset flags to startEmulator (a resumed project keeps its own limit and window)', () => {
    expect(parseCli([])).toMatchObject({
      latency: 'none',
      branchLimit: undefined,
      history: undefined,
      port: undefined,
      faults: undefined,
      branchRecovery: undefined,
      timeTravelReplayLsn: undefined,
      pgVersion: undefined
    })
    expect(parseCli(['--port', '0', '--latency', 'neon', '--branch-limit', '25', '--history', '30d'])).toMatchObject({
      port: 0,
      latency: 'neon',
      branchLimit: 25,
      history: '30d'
    })
    expect(parseCli(['--branch-recovery', 'off']).branchRecovery).toBe(false)
    expect(parseCli(['--branch-recovery', 'on']).branchRecovery).toBe(true)
    expect(parseCli(['--time-travel-replay-lsn', 'null']).timeTravelReplayLsn).toBe('null')
    expect(parseCli(['--pg-version', '15']).pgVersion).toBe(15)
    expect(parseCli(['--rate-limits', 'on']).rateLimits).toBe(true)
    expect(parseCli([]).rateLimits).toBeUndefined()
  })

  it('refuses bad flags with a UsageError', () => {
    for (const argv of [
      ['--nope'],
      ['--port', 'x'],
      ['--latency', 'fast'],
      ['--faults', '423:2'],
      ['--history', 'soon'],
      ['--branch-recovery', 'no'],
      ['--time-travel-replay-lsn', 'none'],
      ['--rate-limits', 'yes'],
      ['--pg-version', '13'],
      ['--pg-version', 'latest'],
      ['extra']
    ]) {
      expect(() => parseCli(argv)).toThrow(UsageError)
    }
    expect(() => parseCli(['--pg-version', '14'])).toThrow(/no pg_backup_start .* and no pg_walinspect/)
  })
})

describe('SQL quoting', () => {
  it('doubles quotes inside identifiers and literals', () => {
    expect(quoteIdent('app "user"')).toBe('"app ""user"""')
    expect(quoteLiteral("it's")).toBe("'it''s'")
  })
})

describe('SpecValidator', () => {
  const spec = SpecValidator.load()

  it('matches literal routes before templated ones', () => {
    expect(spec.operationFor('GET', '/projects/p-1/branches/count')?.operationId).toBe('countProjectBranches')
    expect(spec.operationFor('GET', '/projects/p-1/branches/br-1')?.operationId).toBe('getProjectBranch')
  })

  it('reports responses and requests that do not match the spec', () => {
    expect(spec.validateResponse('GET', '/projects/p-1', 200, { project: { id: 'p-1' } }).length).toBeGreaterThan(0)
    expect(spec.validateResponse('GET', '/projects/p-1', 404, { code: '', message: 'not found' })).toEqual([])
    expect(
      spec.validateRequest('POST', '/projects/p-1/branches', { branch: { parent_timestamp: 'yesterday' } })
    ).toEqual([expect.stringMatching(/parent_timestamp must match format "date-time"/)])
    expect(spec.validateRequest('PATCH', '/projects/p-1/branches/br-1', { branch: { expires_at: null } })).toEqual([])
  })
})
