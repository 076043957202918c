/** operation: projects' outputs, from a plan of plain values: GitHub's 1 MB limit on a job's outputs. */
import type { ProjectsSettings } from '../../src/inputs.js'
import { OUTPUTS_LIMIT_BYTES, report, type ListedProject } from '../../src/operations/projects.js'
import type { RunContext } from '../../src/run.js'

const settings = { operation: 'projects', apiKey: 'k', apiHost: 'h', projectId: '', projectIds: [], dryRun: false }
const context = { info: () => undefined } as unknown as RunContext
const listed = (count: number, name = (index: number) => `customer-${index}`): ListedProject[] =>
  Array.from({ length: count }, (_, index) => ({ id: `p-${index}`, name: name(index), region: 'aws-us-east-2' }))

describe('projects: outputs', () => {
  it('gives 257 projects in 256 chunks', () => {
    const { outputs } = report({ settings: settings as ProjectsSettings, projects: listed(257) }, undefined, context)
    expect(JSON.parse(outputs.projects)).toHaveLength(257)
    expect(JSON.parse(outputs.chunks)).toHaveLength(256)
  })

  it("refuses a listing over GitHub's 1 MB of outputs, with its size and how to narrow it", () => {
    const projects = listed(5000, (index) => `customer-${index}-${'x'.repeat(200)}`)
    expect(() => report({ settings: settings as ProjectsSettings, projects }, undefined, context)).toThrow(
      new RegExp(
        `listing of 5000 projects takes \\d+ bytes of outputs, over GitHub's limit of ${OUTPUTS_LIMIT_BYTES}.*match, region or org-id`
      )
    )
  })
})
