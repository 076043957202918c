/**
 * `comment: true`: the step's result, in short (the summary without its long tables), goes into a comment on
 * the pull request, with @actions/github's Octokit (which reaches GITHUB_API_URL, so GitHub Enterprise and the
 * tests' local server work alike). Loaded only when comment is true: @actions/github is not read otherwise.
 * Commenting never fails the step: a token that may not comment gets a warning naming the permission.
 */
import { context, getOctokit } from '@actions/github'
import { escapeHtml, type Summary } from '../summary.js'
import { commentBody, marker, scrub, sectionKey, SECTION_LIMIT_BYTES, type CommentPlace } from './body.js'

export interface CommentRequest {
  token: string
  operation: string
  summary: Summary
  /** Every secret masked so far in this step: none may reach the comment. */
  secrets: Iterable<string>
  info: (message: string) => void
  notice: (message: string) => void
  warning: (message: string) => void
  /** How long commenting may take in all: a GitHub API that does not answer must not hold the job. */
  timeoutMs?: number
}

const COMMENT_TIMEOUT_MS = 30_000

/** Events whose payload names a pull request to comment on. */
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target'])

type Octokit = ReturnType<typeof getOctokit>

/** Writes or updates this job's comment; reports a problem as a warning or notice, never by throwing. */
export async function postComment(request: CommentRequest): Promise<void> {
  const number = context.payload.pull_request?.number
  if (!PULL_REQUEST_EVENTS.has(context.eventName) || typeof number !== 'number') {
    request.notice(
      `comment: this run is a ${context.eventName || 'local'} event, not a pull request, so the result is in the ` +
        'job summary only (comment applies to pull_request and pull_request_target events)'
    )
    return
  }
  if (!request.token) {
    request.warning('comment: no token reached the step (github-token is empty), so no comment was written')
    return
  }
  try {
    const signal = AbortSignal.timeout(request.timeoutMs ?? COMMENT_TIMEOUT_MS)
    const octokit = getOctokit(request.token, { request: { signal } })
    const url = await upsert(octokit, number, request)
    request.info(`Commented on pull request #${number}: ${url}`)
  } catch (error) {
    request.warning(failureText(error, number))
  }
}

async function upsert(octokit: Octokit, number: number, request: CommentRequest): Promise<string> {
  const place: CommentPlace = { workflow: context.workflow || 'workflow', job: context.job || 'job' }
  const issue = { ...context.repo, issue_number: number }
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...issue, per_page: 100 })
  // The marker opens the body: a comment that quotes ours (with "> ") is not ours.
  const existing = comments.find((comment) => comment.body?.startsWith(marker(place)))
  // GITHUB_ACTION is the step's id (or the runner's name for a step without one): one section a step.
  const key = sectionKey(request.operation, process.env.GITHUB_ACTION)
  const html = request.summary.brief().toHtml(SECTION_LIMIT_BYTES)
  const body = scrub(
    commentBody({ place, header: header(place), existing: existing?.body, key, html }),
    request.secrets,
    escapeHtml
  )
  if (existing) {
    const { data } = await octokit.rest.issues.updateComment({ ...context.repo, comment_id: existing.id, body })
    return data.html_url
  }
  const { data } = await octokit.rest.issues.createComment({ ...issue, body })
  return data.html_url
}

function header(place: CommentPlace): string {
  const runId = process.env.GITHUB_RUN_ID
  const run = runId ? ` (<a href="${runUrl(runId)}">run ${escapeHtml(runId)}</a>)` : ''
  return `<p><strong>Neon recovery</strong>: ${escapeHtml(place.workflow)} / ${escapeHtml(place.job)}${run}</p>`
}

function runUrl(runId: string): string {
  const { owner, repo } = context.repo
  return escapeHtml(`${context.serverUrl}/${owner}/${repo}/actions/runs/${runId}`)
}

/** Octokit's RequestError carries the HTTP status; 403 and 404 are what a token without the permission meets. */
function failureText(error: unknown, number: number): string {
  const status = (error as { status?: number }).status
  const detail = (error as Error).message
  if (status === 403 || status === 404) {
    return (
      `comment: GitHub refused to comment on pull request #${number} (${status}: ${detail}): give the job ` +
      '`permissions: pull-requests: write` (a pull request from a fork gets a read-only token); the result is ' +
      'in the job summary'
    )
  }
  return `comment: could not comment on pull request #${number} (${status ?? 'no answer'}: ${detail}); the result is in the job summary`
}
