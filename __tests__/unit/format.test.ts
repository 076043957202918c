import { compactTime, formatBytes, formatTime } from '../../src/format.js'

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

describe('formatBytes', () => {
  it('prints binary units, whole numbers without a decimal when asked, and the exact count when asked', () => {
    expect(formatBytes(8)).toBe('8 bytes')
    expect(formatBytes(1536)).toBe('1.5 KiB')
    expect(formatBytes(512n * 1024n * 1024n)).toBe('512.0 MiB')
    expect(formatBytes(512n * 1024n * 1024n, { whole: true })).toBe('512 MiB')
    expect(formatBytes(1536n, { exact: true })).toBe('1.5 KiB (1536 bytes)')
  })
})
