import { readFileSync } from 'node:fs'
import { withActionDocs } from '../../tools/generate-docs.js'

describe('README', () => {
  test('documents every input and output of action.yml as generated (run npm run docs when this fails)', async () => {
    const readme = readFileSync('README.md', 'utf8')
    expect(readme).toBe(await withActionDocs(readme, readFileSync('action.yml', 'utf8')))
  })

  test('opens with the two set-up commands that .ci/run relies on', () => {
    const readme = readFileSync('README.md', 'utf8')
    expect(readme).toContain('npm ci && npm run demo')
    expect(readme).toContain('npm test')
    expect(readFileSync('.ci/run', 'utf8')).toMatch(/^npm test$/m)
  })
})

test('README shows the bad-input table the integration test runs', () => {
  const table = readFileSync('__tests__/action/BAD-INPUT.md', 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('|'))
  const readme = readFileSync('README.md', 'utf8')
  for (const line of table) expect(readme).toContain(line)
})
