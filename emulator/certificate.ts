/**
 * The proxy's TLS certificate: self-signed, made at every start and written to the state dir so that clients
 * can verify it (`sslrootcert=<path>`, or node-postgres `ssl: { ca }`). Neon's proxy serves a public
 * certificate (Neon docs, "Connect to Neon securely": neon.com/docs/connect/connect-securely); the emulator has
 * no CA, so `sslmode=require` (encrypt, no check, as libpq reads it) works as is and verify-full works against
 * this file.
 *
 * Made with the `selfsigned` package (WebCrypto, no native code) rather than the `openssl` CLI, which Debian
 * ranks optional and macOS ships as LibreSSL: one code path everywhere.
 */
import { createHash, X509Certificate } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { generate } from 'selfsigned'

export const CERTIFICATE_FILE = 'proxy-certificate.pem'
const KEY_FILE = 'proxy-key.pem'
const VALID_DAYS = 365

export interface ProxyCertificate {
  /** Where the PEM certificate was written (named in the ready line). */
  path: string
  cert: string
  key: string
  /**
   * The `tls-server-end-point` channel binding data (RFC 5929 section 4.1): the certificate hashed with its
   * signature's hash, SHA-256 here (the certificate is signed with ECDSA over SHA-256).
   */
  endPointHash: Buffer
}

/** A fresh certificate for `localhost` and `127.0.0.1`, written (with its key, mode 0600) to `stateDir`. */
export async function makeCertificate(stateDir: string): Promise<ProxyCertificate> {
  const notBeforeDate = new Date()
  const notAfterDate = new Date(notBeforeDate.getTime() + VALID_DAYS * 86_400_000)
  // selfsigned's default extensions for `localhost` name both localhost and 127.0.0.1, so verify-full
  // against 127.0.0.1 passes; EC keys are made in milliseconds where RSA takes a noticeable part of a second.
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate
  })
  const file = path.join(stateDir, CERTIFICATE_FILE)
  writeFileSync(file, pems.cert, { mode: 0o644 })
  writeFileSync(path.join(stateDir, KEY_FILE), pems.private, { mode: 0o600 })
  const der = new X509Certificate(pems.cert).raw
  return { path: file, cert: pems.cert, key: pems.private, endPointHash: createHash('sha256').update(der).digest() }
}
