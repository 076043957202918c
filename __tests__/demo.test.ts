/** The README's first command: `npm run demo` tells both recovery stories on the emulator and exits 0. */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)

test('npm run demo rehearses the migration gate and the bisect-and-undo story', async () => {
  const { stdout } = await run('npm', ['run', '--silent', 'demo'], { timeout: 180_000, maxBuffer: 16 * 1024 * 1024 })
  expect(stdout).toContain("{ customers: '500', revenue: '118687.50' }")
  expect(stdout).toMatch(/main: +\{ customers: '500', revenue: '118687.50' \}/)
  expect(stdout).toMatch(/The check first fails at LSN [0-9A-F]+\/[0-9A-F]+/)
  // What the clean-up transaction changed, and its undo: order 2105, changed by hand since, is a conflict.
  expect(stdout).toMatch(/public\.users +5 +0 +0 +– +1, 3, 4, 5, 6/)
  expect(stdout).toMatch(/public\.orders +0 +9 +0 +1: 2105/)
  expect(stdout).toContain('2104: 114, 2105: 99, 2106: 118')
  expect(stdout).toContain("users: 'Bob, Alice, Mike, John, Sarah, Lilly, Zoe', orders: '2450'")
  expect(stdout).not.toMatch(/exit [1-9]/)
  expect(stdout).toContain('Done: both recoveries were rehearsed')
}, 200_000)
