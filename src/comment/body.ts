/**
 * The pull request comment's text, without I/O: one comment per workflow and job, found again by a hidden
 * marker, holding one section per step (each between its own markers), replaced in place when that step runs
 * again and appended when a new step reports. Kept under GitHub's comment limit.
 */

/** GitHub refuses a comment body over 65536 characters ("body is too long (maximum is 65536 characters)"). */
export const COMMENT_LIMIT_CHARS = 65536
/** A section's share, so a job's few steps fit together. */
export const SECTION_LIMIT_BYTES = 20_000

export interface CommentPlace {
  workflow: string
  job: string
}

/** An HTML comment holds no `--`: user text (a workflow name) is made safe for one. */
const safe = (text: string) => text.replace(/-{2,}/g, '-').replace(/>/g, '')

export function marker(place: CommentPlace): string {
  return `<!-- neon-recovery-action: ${safe(place.workflow)}/${safe(place.job)} -->`
}

const start = (key: string) => `<!-- section: ${safe(key)} -->`
const END = '<!-- /section -->'
const SECTION = /<!-- section: (.*?) -->\n([\s\S]*?)\n<!-- \/section -->/g

/** The section key of a step: its operation, and the step's id where the runner gives one. */
export function sectionKey(operation: string, stepId: string | undefined): string {
  return stepId ? `${operation}:${stepId}` : operation
}

/**
 * The comment's new body: `existing` (undefined for a first comment) with the section `key` set to `html`,
 * in place when it was there, at the end otherwise. Older sections are left out, oldest first, when the whole
 * would pass GitHub's limit.
 */
export function commentBody(options: {
  place: CommentPlace
  header: string
  existing?: string
  key: string
  html: string
}): string {
  const { place, header, existing, key, html } = options
  const sections = new Map<string, string>()
  for (const match of (existing ?? '').matchAll(SECTION)) sections.set(match[1], match[2])
  sections.set(safe(key), html)
  const entries = [...sections.entries()]
  let left = 0
  for (;;) {
    const kept = entries.filter(([name], index) => index >= left || name === safe(key))
    const note =
      left > 0
        ? `\n<p><em>${left} older section${left === 1 ? '' : 's'} left out for GitHub's size limit.</em></p>`
        : ''
    const body = [
      marker(place),
      header + note,
      ...kept.map(([name, content]) => `${start(name)}\n${content}\n${END}`)
    ].join('\n')
    if (body.length <= COMMENT_LIMIT_CHARS || left >= entries.length) return body
    left++
  }
}

/** `text` with every secret (and its HTML-escaped form) replaced by `***`, as the runner masks logs. */
export function scrub(text: string, secrets: Iterable<string>, escape: (secret: string) => string): string {
  let scrubbed = text
  for (const secret of secrets) {
    if (!secret) continue
    for (const form of new Set([secret, escape(secret)])) scrubbed = scrubbed.split(form).join('***')
  }
  return scrubbed
}
