/** recovery-timeout (src/selfhosted/recovery-timeout.ts): the input, the progress read from the log, the deadline. */
import { InputError, type SelfHostedVerifySettings } from '../../src/inputs.js'
import { RecoveryDeadline, RecoveryTimeoutError, replayProgress } from '../../src/selfhosted/recovery-timeout.js'
import { readInputs, SELF_HOSTED_DRILL } from './read-inputs.js'

const drill = SELF_HOSTED_DRILL
const read = (inputs: Record<string, string>) => readInputs(inputs, { now: new Date() })

describe('the recovery-timeout input', () => {
  test('1h by default, parsed as the other durations', () => {
    expect((read(drill) as SelfHostedVerifySettings).recoveryTimeoutMs).toBe(3_600_000)
    expect((read({ ...drill, 'recovery-timeout': '90m' }) as SelfHostedVerifySettings).recoveryTimeoutMs).toBe(
      5_400_000
    )
  })

  test('a bad value is refused naming the input', () => {
    expect(() => read({ ...drill, 'recovery-timeout': 'soon' })).toThrow(InputError)
    expect(() => read({ ...drill, 'recovery-timeout': 'soon' })).toThrow(/recovery-timeout/)
  })
})

describe('how far the replay got, from lines as PostgreSQL 15 logs them', () => {
  const lines = [
    '2026-12-01 18:42:29.825 UTC [17076] LOG:  restored log file "000000010000000000000014" from archive',
    '2026-12-01 18:42:29.826 UTC [17076] LOG:  redo starts at 0/1400028',
    '2026-12-01 18:42:29.831 UTC [17076] LOG:  restored log file "000000010000000000000015" from archive'
  ]

  test('the last redo progress line wins', () => {
    const log = [
      ...lines,
      '2026-12-01 18:42:39.826 UTC [17076] LOG:  redo in progress, elapsed time: 10.00 s, current LSN: 0/15F0A28'
    ].join('\n')
    expect(replayProgress(log)).toBe('replay had reached LSN 0/15F0A28 after 10.00 s of redo')
  })

  test('else the last segment fetched', () => {
    expect(replayProgress(lines.join('\n'))).toBe(
      'replay had fetched WAL up to segment 000000010000000000000015 (redo started at 0/1400028)'
    )
  })

  test('nothing fetched, or no server at all', () => {
    expect(replayProgress('2026-12-01 18:42:29.817 UTC [17076] LOG:  starting archive recovery')).toMatch(
      /no WAL segment/
    )
    expect(replayProgress('')).toBe('the backup was still being restored')
  })
})

describe('the deadline', () => {
  test('work that ends in time gives its result', async () => {
    const deadline = new RecoveryDeadline(1000, async () => 'unused')
    await expect(deadline.within(Promise.resolve(7))).resolves.toBe(7)
    deadline.clear()
  })

  test('on expiry: aborts, runs expire, and fails with the timeout even when the stop makes the work fail', async () => {
    let stopped = false
    const deadline = new RecoveryDeadline(20, async () => {
      stopped = true
      return 'replay had started at LSN 0/1400028'
    })
    const work = new Promise((_resolve, reject) =>
      deadline.signal.addEventListener('abort', () => reject(new Error('killed')))
    )
    const error = await deadline.within(work).catch((caught: unknown) => caught)
    expect(stopped).toBe(true)
    expect(error).toBeInstanceOf(RecoveryTimeoutError)
    expect((error as Error).message).toMatch(
      /^recovery-timeout: .* within 20 ms .*replay had started at LSN 0\/1400028/
    )
  })
})
