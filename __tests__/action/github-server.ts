/**
 * A local HTTP server that plays the part of GitHub's REST API the pull request comment uses
 * (docs.github.com/en/rest/issues/comments): list an issue's comments (paged with `per_page`, `page` and a
 * `Link: <…>; rel="next"` header), create one (201), update one (200). With `forbid`, every request answers 403
 * "Resource not accessible by integration", as GitHub answers a token without the permission; with `hang`,
 * none is answered.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface StoredComment {
  id: number
  body: string
  issue: number
}

export class FakeGitHub {
  readonly comments: StoredComment[] = []
  /** Every request, as `METHOD path?query`, with its Authorization header. */
  readonly requests: { line: string; authorization?: string }[] = []
  forbid = false
  /** Reads each request and never answers, like a GitHub that hangs. */
  hang = false
  private nextId = 1000
  private readonly server = http.createServer((request, response) => void this.handle(request, response))

  static async start(): Promise<FakeGitHub> {
    const github = new FakeGitHub()
    await new Promise<void>((resolve) => github.server.listen(0, '127.0.0.1', resolve))
    return github
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  /** Comments of `issue` that someone else wrote, so that finding ours needs more than one page. */
  seed(issue: number, count: number): void {
    for (let index = 0; index < count; index++) this.add(issue, `comment ${index} by a reviewer`)
  }

  of(issue: number): StoredComment[] {
    return this.comments.filter((comment) => comment.issue === issue)
  }

  stop(): Promise<void> {
    this.server.closeAllConnections()
    return new Promise((resolve) => this.server.close(() => resolve()))
  }

  add(issue: number, body: string): StoredComment {
    const comment = { id: this.nextId++, body, issue }
    this.comments.push(comment)
    return comment
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url)
    this.requests.push({
      line: `${request.method} ${url.pathname}${url.search}`,
      authorization: request.headers.authorization
    })
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const body = chunks.length > 0 ? (JSON.parse(Buffer.concat(chunks).toString()) as { body: string }) : undefined
    const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers })
      response.end(JSON.stringify(data))
    }
    if (this.hang) return
    if (this.forbid) return send(403, { message: 'Resource not accessible by integration', status: '403' })
    const list = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(url.pathname)
    const one = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(url.pathname)
    if (list && request.method === 'GET') {
      const perPage = Number(url.searchParams.get('per_page') ?? 30)
      const page = Number(url.searchParams.get('page') ?? 1)
      const all = this.of(Number(list[1]))
      const next =
        page * perPage < all.length
          ? { link: `<${this.url}${url.pathname}?per_page=${perPage}&page=${page + 1}>; rel="next"` }
          : undefined
      return send(200, all.slice((page - 1) * perPage, page * perPage).map(this.json), next)
    }
    if (list && request.method === 'POST') return send(201, this.json(this.add(Number(list[1]), body!.body)))
    if (one && request.method === 'PATCH') {
      const comment = this.comments.find((candidate) => candidate.id === Number(one[1]))
      if (!comment) return send(404, { message: 'Not Found' })
      comment.body = body!.body
      return send(200, this.json(comment))
    }
    send(404, { message: 'Not Found' })
  }

  private readonly json = (comment: StoredComment) => ({
    id: comment.id,
    body: comment.body,
    html_url: `https://github.com/acme/shop/pull/${comment.issue}#issuecomment-${comment.id}`
  })
}
