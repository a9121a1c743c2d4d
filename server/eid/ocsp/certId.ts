import { createHash } from 'node:crypto'
import { CertID } from '@peculiar/asn1-ocsp'
import { AsnConvert, OctetString } from '@peculiar/asn1-schema'
import { AlgorithmIdentifier, Certificate } from '@peculiar/asn1-x509'

/** Hash algorithms a CertID may use, by OID, with Node's name for each. */
const HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
}

/** SHA-1, the CertID hash every OCSP responder understands (RFC 6960). */
export const SHA1_OID = '1.3.14.3.2.26'

function parse(der: ArrayBuffer | Uint8Array): Certificate {
  return AsnConvert.parse(new Uint8Array(der), Certificate)
}

function bytes(value: ArrayBuffer | ArrayBufferView): Buffer {
  return ArrayBuffer.isView(value)
    ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
    : Buffer.from(value)
}

/**
 * The issuer's part of a CertID: the hashes of its subject name and of its
 * public key (the BIT STRING's value), with the named hash algorithm.
 * Undefined for a hash algorithm the portal does not know.
 */
export function issuerHashes(
  issuerDer: ArrayBuffer | Uint8Array,
  hashOid: string,
): { nameHash: Buffer; keyHash: Buffer } | undefined {
  const hash = HASHES[hashOid]
  if (!hash) return undefined
  const issuer = parse(issuerDer).tbsCertificate
  const name = AsnConvert.serialize(issuer.subject)
  const key = issuer.subjectPublicKeyInfo.subjectPublicKey
  return {
    nameHash: createHash(hash).update(bytes(name)).digest(),
    keyHash: createHash(hash).update(bytes(key)).digest(),
  }
}

/** The CertID naming a certificate to its issuer's OCSP responder. */
export function certIdFor(
  certificateDer: ArrayBuffer | Uint8Array,
  issuerDer: ArrayBuffer | Uint8Array,
  hashOid = SHA1_OID,
): CertID {
  const hashes = issuerHashes(issuerDer, hashOid)
  if (!hashes) throw new Error(`Unknown CertID hash algorithm ${hashOid}`)
  return new CertID({
    hashAlgorithm: new AlgorithmIdentifier({
      algorithm: hashOid,
      parameters: null,
    }),
    issuerNameHash: new OctetString(hashes.nameHash),
    issuerKeyHash: new OctetString(hashes.keyHash),
    serialNumber: parse(certificateDer).tbsCertificate.serialNumber,
  })
}

/** The serial number of a CertID as lowercase hex without leading zeros. */
export function serialHex(certId: CertID): string {
  return bytes(certId.serialNumber)
    .toString('hex')
    .replace(/^(00)+/, '')
}

/** True when two CertIDs name the same certificate of the same issuer. */
export function sameCertId(a: CertID, b: CertID): boolean {
  return (
    a.hashAlgorithm.algorithm === b.hashAlgorithm.algorithm &&
    bytes(a.issuerNameHash).equals(bytes(b.issuerNameHash)) &&
    bytes(a.issuerKeyHash).equals(bytes(b.issuerKeyHash)) &&
    serialHex(a) === serialHex(b)
  )
}
