import { nextRecordStart, parseWaldump, recordEndLsn, SEGMENT_SIZE } from '../../emulator/dataplane/wal.js'

describe('WAL record positions', () => {
  test('a record inside one page ends at its start plus its length', () => {
    expect(recordEndLsn(0x1000n, 100n)).toBe(0x1064n)
    expect(recordEndLsn(0x1f00n, 0x100n)).toBe(0x2000n)
  })

  test('a record running across pages skips a short header on each, a long one at a segment start', () => {
    // 0x100 bytes fit before the page at 0x2000; the other 0x10 follow its 24-byte header.
    expect(recordEndLsn(0x1f00n, 0x110n)).toBe(0x2000n + 24n + 0x10n)
    const beforeSegment = SEGMENT_SIZE - 0x10n
    expect(recordEndLsn(beforeSegment, 0x20n)).toBe(SEGMENT_SIZE + 40n + 0x10n)
    // Measured with pg_waldump: a 4,000,057-byte message at 0/C00028 was followed by a record at 0/FD3770.
    expect(nextRecordStart(recordEndLsn(0xc00028n, 4_000_057n))).toBe(0xfd3770n)
  })

  test('the next record starts 8-byte aligned, after the page header when that is a page start', () => {
    expect(nextRecordStart(0x1001n)).toBe(0x1008n)
    expect(nextRecordStart(0x1ff9n)).toBe(0x2000n + 24n)
    expect(nextRecordStart(SEGMENT_SIZE)).toBe(SEGMENT_SIZE + 40n)
  })

  test('pg_waldump lines give start, end and commit times', () => {
    const [insert, commit] = parseWaldump(
      [
        'rmgr: Heap        len (rec/tot):     54/    54, tx:        735, lsn: 0/01FFFFE0, prev 0/01FFFFA8, desc: INSERT off 2',
        'rmgr: Transaction len (rec/tot):     34/    34, tx:        735, lsn: 0/02000030, prev 0/01FFFFE0, desc: COMMIT 2026-11-24 09:30:01.250000 UTC'
      ].join('\n')
    )
    expect(insert.end).toBe(0x2000000n + 40n + 22n)
    expect(commit).toMatchObject({ start: 0x2000030n, end: 0x2000052n })
    expect(commit.commitMicros).toBe(BigInt(Date.parse('2026-11-24T09:30:01Z')) * 1000n + 250_000n)
  })
})
