import { chunkIds, MAX_MATRIX_JOBS } from '../../src/chunks.js'

const ids = (count: number): string[] => Array.from({ length: count }, (_, index) => `p-${index}`)
const sizes = (chunks: string[]): number[] => chunks.map((chunk) => chunk.split(',').length)

describe('chunkIds', () => {
  it('makes no chunk from no project', () => {
    expect(chunkIds([])).toEqual([])
  })

  it('gives one project one chunk', () => {
    expect(chunkIds(['p-0'])).toEqual(['p-0'])
  })

  it('gives each of 256 projects its own chunk', () => {
    const chunks = chunkIds(ids(256))
    expect(chunks).toEqual(ids(256))
  })

  it('folds 257 projects into 256 chunks, one of them two ids', () => {
    const chunks = chunkIds(ids(257))
    expect(chunks).toHaveLength(MAX_MATRIX_JOBS)
    expect(chunks[0]).toBe('p-0,p-1')
    expect(sizes(chunks).filter((size) => size === 2)).toHaveLength(1)
    expect(chunks.join(',').split(',')).toEqual(ids(257))
  })

  it('spreads 1000 projects over 256 chunks of 3 or 4 ids, each id once, in order', () => {
    const chunks = chunkIds(ids(1000))
    expect(chunks).toHaveLength(256)
    expect(new Set(sizes(chunks))).toEqual(new Set([3, 4]))
    // 1000 = 256 * 3 + 232: 232 chunks of 4, 24 of 3.
    expect(sizes(chunks).filter((size) => size === 4)).toHaveLength(232)
    expect(chunks.join(',').split(',')).toEqual(ids(1000))
  })

  it('refuses a limit that is not a positive integer', () => {
    expect(() => chunkIds(ids(3), 0)).toThrow(RangeError)
  })
})
