/**
 * The gateway's project listing (src/neon/projects.ts) against a scripted Neon: every page by its cursor, the
 * organization passed as org_id, and the project-scoped gateway of another project over the same wire.
 */
import { json, startFixture, type Fixture } from './scripted-neon.js'

let fixture: Fixture

afterEach(() => fixture?.neon.stop())

const project = (index: number) => ({ id: `p-${index}`, name: `customer-${index}`, region_id: 'aws-us-east-2' })
const page = (from: number, count: number, cursor: string) => ({
  projects: Array.from({ length: count }, (_, offset) => project(from + offset)),
  pagination: { cursor }
})

describe('gateway.projects.list', () => {
  it('reads every page by its cursor until a short page, with the largest limit the spec allows', async () => {
    fixture = await startFixture()
    fixture.neon.on(
      'GET /api/v2/projects',
      json(200, page(0, 400, 'c1')),
      json(200, page(400, 400, 'c2')),
      json(200, page(800, 5, 'c3'))
    )
    const projects = await fixture.gateway.projects.list({ orgId: 'org-one-1' })
    expect(projects.map((listed) => listed.id)).toEqual(Array.from({ length: 805 }, (_, index) => `p-${index}`))
    expect(fixture.neon.urls).toEqual([
      'GET /api/v2/projects?limit=400&org_id=org-one-1',
      'GET /api/v2/projects?limit=400&cursor=c1&org_id=org-one-1',
      'GET /api/v2/projects?limit=400&cursor=c2&org_id=org-one-1'
    ])
  })

  it('stops at an empty page after a full one, and at a cursor that does not move', async () => {
    fixture = await startFixture()
    fixture.neon.on('GET /api/v2/projects', json(200, page(0, 400, 'c1')), json(200, page(400, 0, 'c2')))
    expect(await fixture.gateway.projects.list()).toHaveLength(400)
    fixture.neon.on('GET /api/v2/projects', json(200, page(0, 400, 'same')), json(200, page(400, 400, 'same')))
    expect(await fixture.gateway.projects.list()).toHaveLength(800)
  })
})

describe('gateway.forProject', () => {
  it('asks about the other project, over the same key', async () => {
    fixture = await startFixture()
    fixture.neon.on('GET /api/v2/projects/p2', json(200, { project: { id: 'p2', name: 'two' } }))
    expect((await fixture.gateway.forProject('p2').project.get()).name).toBe('two')
    expect(fixture.neon.authorizations).toEqual(['Bearer napi_secret_key'])
  })
})
