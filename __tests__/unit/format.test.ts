import { compactTime, formatTime } from '../../src/format.js'

describe('formatTime', () => {
  it('writes RFC 3339 in UTC with milliseconds', () => {
    expect(formatTime(new Date('2026-11-24T08:33:57+02:00'))).toBe('2026-11-24T06:33:57.000Z')
    expect(formatTime(Date.UTC(2026, 0, 2, 3, 4, 5, 6))).toBe('2026-01-02T03:04:05.006Z')
  })

  it('refuses an invalid date instead of printing "Invalid Date"', () => {
    expect(() => formatTime(new Date('nope'))).toThrow('invalid date')
  })
})

describe('compactTime', () => {
  it('drops separators and milliseconds so the result fits in names', () => {
    expect(compactTime(Date.UTC(2026, 10, 24, 6, 33, 57, 999))).toBe('20261124T063357Z')
  })
})
