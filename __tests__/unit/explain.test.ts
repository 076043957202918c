import { CancelledError } from '../../src/cancel.js'
import {
  ForbiddenError,
  LockedError,
  NotFoundError,
  UnauthorizedError,
  type FailedRequest
} from '../../src/neon/index.js'
import { explainFailure, explainLookup } from '../../src/operations/explain.js'

const request = (fields: Partial<FailedRequest>): FailedRequest => ({
  what: 'list branches',
  projectId: 'p1',
  detail: 'denied',
  attempts: 1,
  ...fields
})

describe('explainFailure', () => {
  it('names the input that explains the failure, and keeps the typed error as the cause', () => {
    const unauthorized = new UnauthorizedError(request({ status: 401 }))
    const explained = explainFailure(unauthorized) as Error
    expect(explained.message).toBe(
      'list branches: Neon rejected the api-key (401): check that the secret holds a valid Neon API key'
    )
    expect(explained.cause).toBe(unauthorized)
    expect((explainFailure(new ForbiddenError(request({ status: 403 }))) as Error).message).toBe(
      "list branches: the api-key may not do this in project p1 (403: denied); use a key of the project's organization"
    )
  })

  it('leaves what no input explains as it is', () => {
    const locked = new LockedError(request({ status: 423, attempts: 6 }))
    const cancelled = new CancelledError('create branch x', 'SIGINT')
    const missingBranch = new NotFoundError('branch', 'br-1', 'p1')
    for (const error of [locked, cancelled, missingBranch, new Error('plain')]) {
      expect(explainFailure(error)).toBe(error)
    }
  })
})

describe('explainLookup', () => {
  it('names the input that named the missing thing', () => {
    expect((explainLookup(new NotFoundError('branch', 'nope', 'p1'), 'source') as Error).message).toBe(
      'source: "nope" was not found in project p1 (check the name or id)'
    )
  })

  it('leaves failures of the lookup itself to the last resort', () => {
    const project = new NotFoundError('project', 'p1', 'p1', request({ status: 404 }))
    expect(explainLookup(project, 'branch')).toBe(project)
  })
})
