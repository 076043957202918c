import { readFileSync } from 'node:fs'

test('README opens with the two set-up commands that .ci/run relies on', () => {
  const readme = readFileSync('README.md', 'utf8')
  expect(readme).toContain('npm ci && npm run demo')
  expect(readme).toContain('npm test')
  expect(readFileSync('.ci/run', 'utf8')).toMatch(/^npm test$/m)
})
