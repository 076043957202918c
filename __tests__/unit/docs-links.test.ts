/** Every relative link of the README and docs/ points at a file that exists, and every #anchor at a heading. */
import { existsSync, readFileSync } from 'node:fs'
import { anchors, brokenLinks, type Files } from '../../tools/doc-links.js'
import { readSources } from '../../tools/generate-docs.js'

const disk: Files = { exists: existsSync, read: (file) => readFileSync(file, 'utf8') }
const none: Files = { exists: () => false, read: () => '' }

describe('the link check', () => {
  test('reports a link to a file that does not exist, and not one to a file that does', () => {
    const pages = new Map([
      ['docs/a.md', '# A\n\n[gone](missing.md) and [there](b.md) and [up](../README.md)'],
      ['docs/b.md', '# B'],
      ['README.md', '# R']
    ])
    expect(brokenLinks(pages, none)).toEqual(['docs/a.md: missing.md (no file docs/missing.md)'])
  })

  test('reports an anchor that is no heading, on the same page and on another', () => {
    const pages = new Map([
      [
        'a.md',
        '# A page\n\n## Points in time\n\n[ok](#points-in-time) [bad](#nowhere) [other](b.md#gone) [fine](b.md#b-c)'
      ],
      ['b.md', '# B: `c`']
    ])
    expect(brokenLinks(pages, none)).toEqual([
      'a.md: #nowhere (no heading #nowhere in a.md)',
      'a.md: b.md#gone (no heading #gone in b.md)'
    ])
  })

  test('checks anchors into Markdown files outside the pages, and files that are not Markdown', () => {
    const pages = new Map([['README.md', '[r](bench/R.md#figures) [w](bench/R.md#nope) [e](examples/x.yml)']])
    const files: Files = { exists: (file) => file === 'bench/R.md', read: () => '## Figures' }
    expect(brokenLinks(pages, files)).toEqual([
      'README.md: bench/R.md#nope (no heading #nope in bench/R.md)',
      'README.md: examples/x.yml (no file examples/x.yml)'
    ])
  })

  test('ignores what only looks like a link: code, and links to other sites', () => {
    const pages = new Map([['a.md', '`[x](nope.md)`\n\n```md\n[y](nope.md)\n```\n\n[n](https://neon.tech/x.md)']])
    expect(brokenLinks(pages, none)).toEqual([])
  })

  test('slugs headings as GitHub does: lower case, punctuation dropped, duplicates numbered', () => {
    expect([
      ...anchors("## `then: recover`\n## A point before the branch's last restore\n## Faults\n## Faults")
    ]).toEqual(['then-recover', 'a-point-before-the-branchs-last-restore', 'faults', 'faults-1'])
  })
})

test('no link in README.md or docs/ points nowhere', () => {
  const pages = new Map(['README.md', ...readSources().pages].map((file) => [file, readFileSync(file, 'utf8')]))
  expect(pages.size).toBeGreaterThan(10)
  expect(brokenLinks(pages, disk)).toEqual([])
})

test('README.md is a front page of at most 15 KB', () => {
  expect(readFileSync('README.md').length).toBeLessThanOrEqual(15 * 1024)
})
