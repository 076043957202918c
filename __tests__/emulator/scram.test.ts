/**
 * The proxy's SCRAM server (emulator/scram.ts) against node-postgres' SCRAM client: a login with the right
 * password and the certificate the client saw passes and proves the server knew the password; a wrong
 * password, a binding to another certificate, and a downgrade (flag `y` while the server can bind) are refused
 * with PostgreSQL's SQLSTATEs. psql's logins are covered through the proxy in neonctl.test.ts.
 */
import { X509Certificate } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sasl from 'pg/lib/crypto/sasl.js'
import { makeCertificate, type ProxyCertificate } from '../../emulator/certificate.js'
import { mechanisms, SCRAM, SCRAM_PLUS, ScramServer } from '../../emulator/scram.js'

const PASSWORD = 'npg_Secret123'

/** What pg's client reads the server's certificate from, as on a TLS socket. */
const peer = (certificate: ProxyCertificate) => ({
  getPeerCertificate: () => ({ raw: new X509Certificate(certificate.cert).raw })
})

/** One login driven by pg's client, which also checks the server's final message (its signature). */
async function login(server: ScramServer, offered: string[], password: string, stream?: object): Promise<void> {
  const session = sasl.startSession(offered, stream)
  const serverFirst = server.first(session.mechanism, session.response)
  await sasl.continueSession(session, password, serverFirst, stream)
  sasl.finalizeSession(session, await server.final(session.response))
}

describe('the proxy SCRAM server', () => {
  let dir: string
  let certificate: ProxyCertificate
  let other: ProxyCertificate

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'scram-'))
    certificate = await makeCertificate(dir)
    other = await makeCertificate(mkdtempSync(path.join(dir, 'other-')))
  })

  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('offers SCRAM-SHA-256-PLUS only over TLS', () => {
    expect(mechanisms(certificate.endPointHash)).toEqual([SCRAM_PLUS, SCRAM])
    expect(mechanisms(undefined)).toEqual([SCRAM])
  })

  it('accepts the password with channel binding over TLS, and without binding on a plain connection', async () => {
    await login(
      new ScramServer('u', PASSWORD, certificate.endPointHash),
      [SCRAM_PLUS, SCRAM],
      PASSWORD,
      peer(certificate)
    )
    await login(new ScramServer('u', PASSWORD, undefined), [SCRAM], PASSWORD)
  })

  it('refuses a wrong password, and a role without one, as PostgreSQL does (28P01)', async () => {
    const refused = { code: '28P01', message: 'password authentication failed for user "u"' }
    await expect(login(new ScramServer('u', PASSWORD, undefined), [SCRAM], 'npg_wrong')).rejects.toMatchObject(refused)
    await expect(login(new ScramServer('u', undefined, undefined), [SCRAM], PASSWORD)).rejects.toMatchObject(refused)
  })

  it('refuses a binding to a certificate other than its own (a TLS terminator in between)', async () => {
    const server = new ScramServer('u', PASSWORD, certificate.endPointHash)
    await expect(login(server, [SCRAM_PLUS], PASSWORD, peer(other))).rejects.toMatchObject({
      code: '08P01',
      message: 'SCRAM channel binding check failed'
    })
  })

  it('refuses a client that could bind but was offered no PLUS (a downgrade), over TLS', async () => {
    // pg sends flag `y` when it has a TLS stream but picks SCRAM-SHA-256 from a list without PLUS.
    const server = new ScramServer('u', PASSWORD, certificate.endPointHash)
    await expect(login(server, [SCRAM], PASSWORD, peer(certificate))).rejects.toMatchObject({
      code: '08P01',
      message: 'SCRAM channel binding negotiation error'
    })
  })
})
