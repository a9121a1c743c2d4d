import 'reflect-metadata'
import { readFileSync } from 'node:fs'
import { webcrypto } from 'node:crypto'
import * as x509 from '@peculiar/x509'

x509.cryptoProvider.set(webcrypto as Crypto)

/** Parses a PEM bundle into certificates; throws when it holds none. */
export function parseTrustAnchors(pem: string): x509.X509Certificate[] {
  const blocks =
    pem.match(
      /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g,
    ) ?? []
  if (blocks.length === 0) {
    throw new Error('The trusted CA bundle holds no PEM certificate')
  }
  return blocks.map((block) => new x509.X509Certificate(block))
}

/** Reads EID_TRUSTED_CA_FILE: the issuing CAs trusted for eID sign-in. */
export function readTrustAnchors(file: string): x509.X509Certificate[] {
  return parseTrustAnchors(readFileSync(file, 'utf8'))
}
