/** WAL segment names and the archive's gap search (src/selfhosted/wal-segments.ts), and the restore-command reader. */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { localArchiveDir } from '../../src/selfhosted/archive-check.js'
import {
  firstMissing,
  newestSegment,
  nextSegment,
  segmentOf,
  segmentSizeFrom,
  segmentStartLsn
} from '../../src/selfhosted/wal-segments.js'

const MB = 1024 * 1024

describe('segment names (XLogFileName)', () => {
  test('16 MB segments: 256 a log id, so 1/2C3D5B58 lies in segment 12C of log 1', () => {
    // What pg_walfile_name('1/2C3D5B58') answers on a 16 MB cluster (timeline 1).
    expect(segmentOf('1/2C3D5B58', 1, 16 * MB)).toBe('00000001000000010000002C')
    expect(segmentOf('0/16B3748', 1, 16 * MB)).toBe('000000010000000000000001')
  })

  test('1 MB segments (initdb --wal-segsize=1): 4096 a log id, timeline in the first 8 digits', () => {
    expect(segmentOf('0/1400028', 1, MB)).toBe('000000010000000000000014')
    expect(segmentOf('1/00100000', 3, MB)).toBe('000000030000000100000001')
  })

  test('the next segment rolls over into the next log id', () => {
    expect(nextSegment('0000000100000000000000FF', 16 * MB)).toBe('000000010000000100000000')
    expect(nextSegment('000000010000000000000FFF', MB)).toBe('000000010000000100000000')
    expect(nextSegment('000000010000000000000026', MB)).toBe('000000010000000000000027')
  })

  test("a segment's start LSN", () => {
    expect(segmentStartLsn('000000010000000000000027', MB)).toBe('0/2700000')
    expect(segmentStartLsn('00000001000000010000002C', 16 * MB)).toBe('1/2C000000')
  })
})

describe('the segment size from LSNs and the segments named beside them', () => {
  test("backup_label's START WAL LOCATION settles it when only one valid size fits", () => {
    expect(segmentSizeFrom([{ lsn: '0/1400028', segment: '000000010000000000000014' }])).toBe(MB)
    expect(segmentSizeFrom([{ lsn: '0/2000028', segment: '000000010000000000000002' }])).toBe(16 * MB)
  })

  test('an LSN in the first segment fits every size: unknown, not guessed', () => {
    expect(segmentSizeFrom([{ lsn: '0/28', segment: '000000010000000000000000' }])).toBeUndefined()
    expect(segmentSizeFrom([])).toBeUndefined()
  })

  test('places that no size fits (a wrong label) give no size', () => {
    expect(segmentSizeFrom([{ lsn: '0/1400028', segment: '000000010000000000000099' }])).toBeUndefined()
  })
})

describe('the first missing segment', () => {
  const names = (from: number, to: number, skip: number[] = []) =>
    new Set(
      Array.from({ length: to - from + 1 }, (_, i) => from + i)
        .filter((n) => !skip.includes(n))
        .map((n) => `00000001000000000000${n.toString(16).toUpperCase().padStart(4, '0')}`)
    )

  test('none when every segment from the start to the end is there', () => {
    const present = names(0x14, 0x26)
    expect(firstMissing(present, '000000010000000000000014', '000000010000000000000026', MB)).toBeUndefined()
  })

  test('the first hole, not a later one', () => {
    const present = names(0x14, 0x26, [0x20, 0x22])
    expect(firstMissing(present, '000000010000000000000014', '000000010000000000000026', MB)).toBe(
      '000000010000000000000020'
    )
  })

  test('the first segment past the end when the target lies beyond it', () => {
    expect(firstMissing(names(0x14, 0x26), '000000010000000000000014', '000000010000000000000030', MB)).toBe(
      '000000010000000000000027'
    )
  })

  test("the newest segment of the backup's timeline, other files and timelines ignored", () => {
    const files = ['000000010000000000000026', '000000010000000000000014.00000028.backup', '000000020000000000000003']
    expect(newestSegment(files, 1)).toBe('000000010000000000000026')
    expect(newestSegment(['archive_status'], 1)).toBeUndefined()
  })
})

describe("restore-command's local archive directory", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'archive-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test('a <dir>/%f word, quoted or not, whose directory exists', () => {
    expect(localArchiveDir(`cp ${dir}/%f "%p"`)).toBe(dir)
    expect(localArchiveDir(`cp "${dir}/%f" %p`)).toBe(dir)
    expect(localArchiveDir(`test -f ${dir}/%f && cp ${dir}/%f %p`)).toBe(dir)
  })

  test('nothing for a directory that does not exist, a remote archive or a tool we do not read', () => {
    expect(localArchiveDir(`cp ${dir}/missing/%f "%p"`)).toBeUndefined()
    expect(localArchiveDir('pgbackrest --stanza=main archive-get %f "%p"')).toBeUndefined()
    expect(localArchiveDir(`gunzip < ${dir}/%f.gz > "%p"`)).toBeUndefined()
    expect(localArchiveDir('scp host:/archive/%f "%p"')).toBeUndefined()
  })
})
