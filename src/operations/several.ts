/**
 * verify or prune over a comma list of project-id: each project in turn, in one job (GitHub's matrix makes at most
 * 256 jobs, so with more projects a matrix leg takes a chunk of them; see operation: projects). Every project runs
 * even when one before it failed; the step fails afterwards, naming each that failed. The summary opens with one
 * table (project, verdict, figures) followed by each project's own summary.
 *
 * Outputs: `passed` (verify: every project passed) or `deleted` (prune: the sum), and `results`, a JSON array of
 * {project, verdict, outputs, error?} per project for a job that gathers the drills of a whole matrix.
 */
import { CancelledError } from '../cancel.js'
import type { Settings } from '../inputs.js'
import type { NeonGateway } from '../neon/index.js'
import type { OperationResult, RunContext } from '../run.js'
import { Summary } from '../summary.js'

export type Verdict = 'passed' | 'failed' | 'error'

export interface ProjectOutcome {
  project: string
  verdict: Verdict
  outputs: Record<string, string>
  /** Why the project failed: the failing check, or the error that stopped it. */
  error?: string
  summary: Summary
}

type RunOne = (settings: Settings, gateway: NeonGateway) => Promise<OperationResult>

export async function runSeveral(
  settings: Settings,
  gateway: NeonGateway,
  context: RunContext,
  runOne: RunOne
): Promise<OperationResult> {
  const outcomes: ProjectOutcome[] = []
  for (const project of settings.projectIds) {
    context.info(`Project ${project} (${outcomes.length + 1} of ${settings.projectIds.length})`)
    outcomes.push(await runProject(project, settings, gateway, runOne))
  }
  return combine(settings, outcomes)
}

async function runProject(
  project: string,
  settings: Settings,
  gateway: NeonGateway,
  runOne: RunOne
): Promise<ProjectOutcome> {
  try {
    const result = await runOne({ ...settings, projectId: project, projectIds: [project] }, gateway.forProject(project))
    const verdict = result.failed ? 'failed' : 'passed'
    return { project, verdict, outputs: result.outputs, error: result.failed, summary: result.summary }
  } catch (error) {
    // A cancelled step stops here: the cancel handler sweeps and reports.
    if (error instanceof CancelledError) throw error
    const message = (error as Error).message
    return { project, verdict: 'error', outputs: {}, error: message, summary: new Summary().paragraph(message) }
  }
}

/** The figures of one project's outputs, as `name value` pairs. */
function figures(outputs: Record<string, string>): string {
  return Object.entries(outputs)
    .map(([name, value]) => `${name} ${value}`)
    .join(', ')
}

export function combine(settings: Settings, outcomes: ProjectOutcome[]): OperationResult {
  const bad = outcomes.filter((outcome) => outcome.verdict !== 'passed')
  const summary = new Summary()
    .heading(`${settings.operation} over ${outcomes.length} projects: ${outcomes.length - bad.length} passed`)
    .table(
      ['Project', 'Verdict', 'Figures'],
      outcomes.map((outcome) => [outcome.project, outcome.verdict, outcome.error ?? figures(outcome.outputs)])
    )
  for (const outcome of outcomes) summary.heading(`Project ${outcome.project}`, 2).append(outcome.summary)
  const results = outcomes.map(({ project, verdict, outputs, error }) => ({ project, verdict, outputs, error }))
  const outputs: Record<string, string> = { results: JSON.stringify(results) }
  if (settings.operation === 'verify') outputs.passed = String(bad.length === 0)
  if (settings.operation === 'prune') {
    const deleted = outcomes.reduce((sum, outcome) => sum + Number(outcome.outputs.deleted ?? 0), 0)
    outputs.deleted = String(deleted)
  }
  if (bad.length === 0) return { outputs, summary }
  const failed =
    `${settings.operation}: ${bad.length} of ${outcomes.length} projects failed: ` +
    bad.map((outcome) => `${outcome.project} (${outcome.error})`).join('; ')
  return { outputs, summary, failed }
}
