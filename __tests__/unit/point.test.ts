import { describePoint, describeSource, parsePoint, parseSource } from '../../src/point.js'

const now = new Date('2026-11-24T06:33:57.000Z')

describe('parsePoint', () => {
  it('reads head in any case', () => {
    expect(parsePoint('head', now)).toEqual({ kind: 'head' })
    expect(parsePoint(' HEAD ', now)).toEqual({ kind: 'head' })
  })

  it('reads an LSN and writes it as PostgreSQL does', () => {
    expect(parsePoint('0/16b3748', now)).toEqual({ kind: 'lsn', lsn: '0/16B3748' })
    expect(parsePoint('00000001/0000000A', now)).toEqual({ kind: 'lsn', lsn: '1/A' })
  })

  it('gives the LSN message for something that looks like a broken LSN', () => {
    expect(() => parsePoint('0/ZZZ', now)).toThrow('"0/ZZZ" is not an LSN (expected hex like 0/16B3748)')
  })

  it('reads RFC 3339 timestamps with a zone and normalises them to UTC with milliseconds', () => {
    expect(parsePoint('2026-11-24T06:00:00Z', now)).toEqual({
      kind: 'timestamp',
      timestamp: '2026-11-24T06:00:00.000Z'
    })
    expect(parsePoint('2026-11-24T07:30:00+02:00', now)).toEqual({
      kind: 'timestamp',
      timestamp: '2026-11-24T05:30:00.000Z'
    })
    expect(parsePoint('2026-11-24 06:00:00.123456z', now)).toEqual({
      kind: 'timestamp',
      timestamp: '2026-11-24T06:00:00.123Z'
    })
  })

  it('accepts exactly now but rejects the future, saying what time it is', () => {
    expect(parsePoint('2026-11-24T06:33:57Z', now)).toEqual({
      kind: 'timestamp',
      timestamp: '2026-11-24T06:33:57.000Z'
    })
    expect(() => parsePoint('2026-11-24T06:33:58Z', now)).toThrow(
      '"2026-11-24T06:33:58Z" is in the future (it is now 2026-11-24T06:33:57.000Z; use a past time or head)'
    )
  })

  it('asks for a zone when a timestamp has none, instead of guessing the runner time zone', () => {
    expect(() => parsePoint('2026-11-24T06:00:00', now)).toThrow('has no time zone (add Z for UTC')
    expect(() => parsePoint('2026-11-24', now)).toThrow('has no time zone')
  })

  it('rejects dates the calendar does not have', () => {
    expect(() => parsePoint('2026-02-30T00:00:00Z', now)).toThrow('is not a valid date and time')
    expect(() => parsePoint('2026-13-01T00:00:00Z', now)).toThrow('is not a valid date and time')
    expect(() => parsePoint('2026-01-01T24:00:00Z', now)).toThrow('is not a valid date and time')
    expect(parsePoint('2024-02-29T00:00:00Z', now)).toEqual({
      kind: 'timestamp',
      timestamp: '2024-02-29T00:00:00.000Z'
    })
  })

  it('resolves relative times against now', () => {
    expect(parsePoint('90m ago', now)).toEqual({ kind: 'timestamp', timestamp: '2026-11-24T05:03:57.000Z' })
    expect(parsePoint('2d ago', now)).toEqual({ kind: 'timestamp', timestamp: '2026-11-22T06:33:57.000Z' })
  })

  it('explains a broken relative time with the duration message', () => {
    expect(() => parsePoint('-5m ago', now)).toThrow('"-5m" is not a duration')
  })

  it('lists every accepted form for garbage', () => {
    expect(() => parsePoint('yesterday', now)).toThrow(
      '"yesterday" is not a point (expected head, an RFC 3339 timestamp like 2026-11-24T06:33:57Z, an LSN like 0/16B3748, or a relative time like 90m ago)'
    )
    expect(() => parsePoint('', now)).toThrow('"" is not a point')
  })
})

describe('describePoint', () => {
  it('names each kind', () => {
    expect(describePoint({ kind: 'head' })).toBe('head')
    expect(describePoint({ kind: 'lsn', lsn: '0/1' })).toBe('LSN 0/1')
    expect(describePoint({ kind: 'timestamp', timestamp: '2026-11-24T06:00:00.000Z' })).toBe('2026-11-24T06:00:00.000Z')
  })
})

describe('parseSource', () => {
  it('reads ^self with a point', () => {
    expect(parseSource('^self@0/16B3748', now)).toEqual({ kind: 'self', point: { kind: 'lsn', lsn: '0/16B3748' } })
    expect(parseSource('^self@90m ago', now)).toEqual({
      kind: 'self',
      point: { kind: 'timestamp', timestamp: '2026-11-24T05:03:57.000Z' }
    })
  })

  it('refuses ^self without a past point', () => {
    expect(() => parseSource('^self', now)).toThrow('would restore the branch to its own head (give a past point')
    expect(() => parseSource('^self@head', now)).toThrow('its own head')
  })

  it('reads ^parent with and without a point', () => {
    expect(parseSource('^parent', now)).toEqual({ kind: 'parent', point: { kind: 'head' } })
    expect(parseSource('^parent@2026-11-24T06:00:00Z', now)).toEqual({
      kind: 'parent',
      point: { kind: 'timestamp', timestamp: '2026-11-24T06:00:00.000Z' }
    })
  })

  it('reads a branch with and without a point, splitting at the last @', () => {
    expect(parseSource('main', now)).toEqual({ kind: 'branch', branch: 'main', point: { kind: 'head' } })
    expect(parseSource('br-small-term-683261@0/1', now)).toEqual({
      kind: 'branch',
      branch: 'br-small-term-683261',
      point: { kind: 'lsn', lsn: '0/1' }
    })
    expect(parseSource('team@work@0/1', now)).toEqual({
      kind: 'branch',
      branch: 'team@work',
      point: { kind: 'lsn', lsn: '0/1' }
    })
  })

  it('reads snapshot references without splitting at @', () => {
    expect(parseSource('snapshot:nightly@2026', now)).toEqual({ kind: 'snapshot', snapshot: 'nightly@2026' })
    expect(() => parseSource('snapshot: ', now)).toThrow('names no snapshot')
  })

  it('rejects unknown ^references, a missing branch and a missing point', () => {
    expect(() => parseSource('^child@0/1', now)).toThrow('unknown reference ^child')
    expect(() => parseSource('@0/1', now)).toThrow('names no branch before @')
    expect(() => parseSource('main@', now)).toThrow('has nothing after @')
  })

  it('passes the point error through', () => {
    expect(() => parseSource('main@0/ZZZ', now)).toThrow('"0/ZZZ" is not an LSN')
  })
})

describe('describeSource', () => {
  it('reads naturally in a summary', () => {
    expect(describeSource({ kind: 'self', point: { kind: 'lsn', lsn: '0/1' } })).toBe('its own history at LSN 0/1')
    expect(describeSource({ kind: 'parent', point: { kind: 'head' } })).toBe('its parent at head')
    expect(describeSource({ kind: 'branch', branch: 'dev', point: { kind: 'head' } })).toBe('branch dev at head')
    expect(describeSource({ kind: 'snapshot', snapshot: 'nightly' })).toBe('snapshot nightly')
  })
})
