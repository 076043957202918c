import { COMMENT_LIMIT_CHARS, commentBody, marker, scrub, sectionKey } from '../../src/comment/body.js'
import { escapeHtml, Summary } from '../../src/summary.js'

const place = { workflow: 'deploy', job: 'migrate' }
const body = (existing: string | undefined, key: string, html: string) =>
  commentBody({ place, header: '<p>Neon recovery</p>', existing, key, html })
const keys = (text: string) => [...text.matchAll(/<!-- section: (.*?) -->/g)].map((match) => match[1])

describe('the comment body', () => {
  it('starts with the marker of its workflow and job', () => {
    expect(body(undefined, 'snapshot', '<p>a</p>').split('\n')[0]).toBe('<!-- neon-recovery-action: deploy/migrate -->')
  })

  it('replaces a section in place and appends a new one', () => {
    const first = body(undefined, sectionKey('snapshot', 'snap'), '<p>one</p>')
    const second = body(first, sectionKey('restore', 'undo'), '<p>two</p>')
    const third = body(second, sectionKey('snapshot', 'snap'), '<p>one again</p>')
    expect(keys(third)).toEqual(['snapshot:snap', 'restore:undo'])
    expect(third).toContain('<p>one again</p>')
    expect(third).not.toContain('<p>one</p>')
    expect(third).toContain('<p>two</p>')
  })

  it('leaves out the oldest sections, never the new one, to stay under GitHub limit', () => {
    let text: string | undefined
    for (const key of ['a', 'b', 'c', 'd']) text = body(text, key, `<p>${key.repeat(20_000)}</p>`)
    expect(text!.length).toBeLessThanOrEqual(COMMENT_LIMIT_CHARS)
    expect(keys(text!)).toEqual(['b', 'c', 'd'])
    expect(text).toContain("1 older section left out for GitHub's size limit")
  })

  it('keeps a workflow name from closing the marker early', () => {
    expect(marker({ workflow: 'a --> b', job: 'j' })).toBe('<!-- neon-recovery-action: a - b/j -->')
  })

  it('masks secrets, in their plain and HTML-escaped forms', () => {
    expect(scrub('x s3&cret y s3&amp;cret', ['s3&cret'], escapeHtml)).toBe('x *** y ***')
  })
})

describe('Summary.brief', () => {
  it('drops tables and details, and the headings they leave empty', () => {
    const summary = new Summary()
      .heading('Bisect of shop')
      .paragraph('answer')
      .heading('Rounds', 3)
      .table(['Round'], [['1']])
      .heading('Next step', 3)
      .code('- uses: ./')
      .details('more', (inner) => inner.paragraph('hidden'))
    const html = summary.brief().toHtml()
    expect(html).toContain('answer')
    expect(html).toContain('Next step')
    expect(html).not.toContain('Rounds')
    expect(html).not.toContain('hidden')
  })
})
