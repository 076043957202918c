/**
 * Finds the relative links in Markdown pages that point nowhere: a file that does not exist, or an `#anchor`
 * that is no heading of the page it names (slugged as GitHub does, by github-slugger). Links are read with a
 * Markdown parser, so code blocks and inline code are never taken for links.
 */
import GithubSlugger from 'github-slugger'
import { lexer, walkTokens, type Token, type Tokens } from 'marked'
import path from 'node:path'

/** The pages to check: path (relative to the root, `/`-separated) → text. */
export type Pages = ReadonlyMap<string, string>

/** The plain text of inline tokens, as GitHub renders a heading before slugging it (HTML tags left out). */
function plainText(tokens: Token[] | undefined): string {
  return (tokens ?? [])
    .map((token) => {
      if (token.type === 'html') return ''
      if ('tokens' in token && token.tokens) return plainText(token.tokens)
      return 'text' in token ? String(token.text) : ''
    })
    .join('')
}

/** The anchors GitHub gives the headings of `markdown`, duplicates numbered as it does (`a`, `a-1`). */
export function anchors(markdown: string): Set<string> {
  const slugger = new GithubSlugger()
  const found = new Set<string>()
  walkTokens(lexer(markdown), (token) => {
    if (token.type === 'heading') found.add(slugger.slug(plainText((token as Tokens.Heading).tokens)))
  })
  return found
}

function links(markdown: string): string[] {
  const hrefs: string[] = []
  walkTokens(lexer(markdown), (token) => {
    if (token.type === 'link' || token.type === 'image') hrefs.push((token as Tokens.Link).href)
  })
  return hrefs
}

/** How a link's target is looked up beyond `pages` (paths relative to the root, `/`-separated). */
export interface Files {
  /** Whether the path is a file or a directory. */
  exists: (file: string) => boolean
  /** The text of a Markdown file, for its anchors. */
  read: (file: string) => string
}

/** Every broken relative link of `pages`, as `page: href (why)`. */
export function brokenLinks(pages: Pages, files: Files): string[] {
  const broken: string[] = []
  const anchorsOf = new Map<string, Set<string>>()
  for (const [page, text] of pages) {
    for (const href of links(text)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(href)) continue // https:, mailto: … are not this repository's
      const [target, anchor] = href.split('#', 2)
      const file = target === '' ? page : path.posix.normalize(path.posix.join(path.posix.dirname(page), target))
      if (file.startsWith('..') || !(pages.has(file) || files.exists(file))) {
        broken.push(`${page}: ${href} (no file ${file})`)
        continue
      }
      if (anchor === undefined || !file.endsWith('.md')) continue
      if (!anchorsOf.has(file)) anchorsOf.set(file, anchors(pages.get(file) ?? files.read(file)))
      if (!anchorsOf.get(file)?.has(decodeURIComponent(anchor)))
        broken.push(`${page}: ${href} (no heading #${anchor} in ${file})`)
    }
  }
  return broken
}
