import { formatDuration, parseDuration } from '../../src/duration.js'

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['90m', 90 * 60_000],
    ['2h', 2 * 3_600_000],
    ['7d', 7 * 86_400_000],
    ['1w', 7 * 86_400_000],
    [' 15 M ', 15 * 60_000]
  ])('reads %p', (text, ms) => {
    expect(parseDuration(text)).toBe(ms)
  })

  it.each(['', '-5m', '5', 'm', '1.5h', '2 hours', '3y', '1h30m', 'abc'])(
    'rejects %p, naming the value and the fix',
    (text) => {
      expect(() => parseDuration(text)).toThrow(`"${text}" is not a duration (expected a whole number and a unit: 30s`)
    }
  )

  it('rejects zero as not positive', () => {
    expect(() => parseDuration('0h')).toThrow('"0h" is zero (expected a positive duration')
  })
})

describe('formatDuration', () => {
  it.each([
    [850, '850 ms'],
    [12_345, '12.3 s'],
    [245_000, '4 min 05 s'],
    [2 * 3_600_000 + 3 * 60_000 + 10_000, '2 h 03 min']
  ])('formats %p ms as %p', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })
})
