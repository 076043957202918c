import { readdirSync, readFileSync } from 'node:fs'
import { lexer, type Tokens } from 'marked'
import { parse } from 'yaml'

const readme = readFileSync('README.md', 'utf8')

test('README opens with the two set-up commands that .ci/run relies on', () => {
  expect(readme).toContain('npm ci && npm run demo')
  expect(readme).toContain('npm test')
  expect(readFileSync('.ci/run', 'utf8')).toMatch(/^npm test$/m)
})

interface Step {
  uses?: string
  with?: Record<string, unknown>
}

/** Every step of a workflow (or of a bare list of steps) that runs this action. */
function actionSteps(workflow: unknown): Step[] {
  const jobs = Object.values((workflow as { jobs?: Record<string, { steps?: Step[] }> })?.jobs ?? {})
  const steps = Array.isArray(workflow) ? (workflow as Step[]) : jobs.flatMap((job) => job.steps ?? [])
  return steps
    .filter((step) => step.uses?.startsWith('neon-recovery/neon-recovery-action'))
    .map((step) => ({ uses: step.uses, with: step.with }))
}

// The front page's workflows are excerpts of examples/ (which the schema and security tests check): a step of the
// action shown there must be a step of an example as it is, so the two never drift apart.
test("README's steps of the action are the examples' steps", () => {
  const examples = readdirSync('examples').flatMap((file) =>
    actionSteps(parse(readFileSync(`examples/${file}`, 'utf8')))
  )
  const shown = lexer(readme)
    .filter((token): token is Tokens.Code => token.type === 'code' && token.lang === 'yaml')
    .flatMap((block) => actionSteps(parse(block.text)))
  expect(shown.length).toBeGreaterThanOrEqual(4)
  for (const step of shown) expect(examples).toContainEqual(step)
})
