import 'reflect-metadata'
import { randomBytes, webcrypto } from 'node:crypto'
import * as x509 from '@peculiar/x509'
import type { Kysely } from 'kysely'
import { migrateCa } from './migrations.ts'
import type { SandboxCaTables } from './schema.ts'

x509.cryptoProvider.set(webcrypto as Crypto)

/**
 * What a personal certificate is for; each purpose has its own policy. The
 * `-signing` ones are qualified electronic signature certificates
 * (nonRepudiation), the others authentication certificates.
 */
export type CertificatePurpose =
  | 'mobile-id'
  | 'smart-id'
  | 'id-card'
  | 'mobile-id-signing'
  | 'smart-id-signing'
  | 'id-card-signing'

/** ETSI EN 319 411-2 QCP-n-qscd: qualified certificate for e-signatures. */
const QCP_N_QSCD = '0.4.0.194112.1.2'

/** Whether the purpose is a signing (nonRepudiation) certificate. */
export function isSigningPurpose(purpose: CertificatePurpose): boolean {
  return purpose.endsWith('-signing')
}

/** Certificate policy OIDs of the sandbox's personal certificates. */
export const CERTIFICATE_POLICIES: Record<CertificatePurpose, string> = {
  // SK's Mobile-ID policy arc: Web eID refuses these for ID-card sign-in.
  'mobile-id': '1.3.6.1.4.1.10015.1.3',
  'smart-id': '1.3.6.1.4.1.10015.17.2',
  'id-card': '1.3.6.1.4.1.51361.1.1.1',
  'mobile-id-signing': QCP_N_QSCD,
  'smart-id-signing': QCP_N_QSCD,
  'id-card-signing': QCP_N_QSCD,
}

/** OCSP status of a certificate as the sandbox CA knows it. */
export type CertificateStatus = 'good' | 'revoked' | 'unknown'

/** The person a personal certificate names. */
export interface Holder {
  personalCode: string
  givenName: string
  familyName: string
  /** ISO 3166-1 alpha-2; EE unless told. */
  country?: string
}

/** A personal certificate with the holder's private key (a sandbox SIM). */
export interface IssuedCertificate {
  serial: string
  certificate: x509.X509Certificate
  /**
   * The holder's private key as JWK: P-256 (`d` is the scalar), or RSA for
   * Smart-ID.
   */
  privateKey: JsonWebKey
  revokedAt: Date | null
}

/** Options for one certificate, mostly for tests of refusals. */
export interface IssueOptions {
  notBefore?: Date
  notAfter?: Date
  /** Policy OID instead of the purpose's own. */
  policy?: string
  /** Leave out digitalSignature and clientAuth (not for authentication). */
  notForAuthentication?: boolean
}

/** Where issued certificates are kept: the database or, in tests, memory. */
export interface CertificateRecords {
  save(purpose: CertificatePurpose, issued: IssuedCertificate): Promise<void>
  findLive(
    personalCode: string,
    purpose: CertificatePurpose,
    now: Date,
  ): Promise<IssuedCertificate | undefined>
  find(serial: string): Promise<IssuedCertificate | undefined>
  revoke(serial: string, at: Date): Promise<void>
}

interface Authority {
  keys: CryptoKeyPair
  certificate: x509.X509Certificate
}

const ALGORITHM = {
  name: 'ECDSA',
  namedCurve: 'P-256',
  hash: 'SHA-256',
} as const
const DAY = 24 * 60 * 60 * 1000
const YEAR = 365 * DAY

function newSerial(): string {
  const bytes = randomBytes(16)
  // Positive, and no leading zero byte: DER and OCSP CertIDs drop it, and
  // the serial would then no longer match the one on record.
  bytes[0] = (bytes[0] ?? 0) & 0x7f || 0x01
  return bytes.toString('hex')
}

/** Smart-ID keys are RSA (the app signs RSASSA-PSS); the others P-256. */
const RSA_KEYS = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
} as const

function generateKeys(purpose?: CertificatePurpose): Promise<CryptoKeyPair> {
  const algorithm = purpose?.startsWith('smart-id') ? RSA_KEYS : ALGORITHM
  return webcrypto.subtle.generateKey(algorithm, true, [
    'sign',
    'verify',
  ]) as Promise<CryptoKeyPair>
}

async function makeRoot(name: string, now: Date): Promise<Authority> {
  const keys = await generateKeys()
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: newSerial(),
    name: `C=EE, O=Citizen Portal Sandbox, CN=${name} Root CA`,
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + 20 * YEAR),
    signingAlgorithm: ALGORITHM,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 1, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  })
  return { keys, certificate }
}

async function makeIssuing(
  name: string,
  root: Authority,
  now: Date,
): Promise<Authority> {
  const keys = await generateKeys()
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: newSerial(),
    subject: `C=EE, O=Citizen Portal Sandbox, CN=${name} ESTEID`,
    issuer: root.certificate.subject,
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + 10 * YEAR),
    signingAlgorithm: ALGORITHM,
    publicKey: keys.publicKey,
    signingKey: root.keys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(root.keys.publicKey),
    ],
  })
  return { keys, certificate }
}

/** Issued certificates kept in this process only. */
export function memoryRecords(): CertificateRecords {
  const bySerial = new Map<
    string,
    { purpose: CertificatePurpose; issued: IssuedCertificate }
  >()
  return {
    async save(purpose, issued) {
      bySerial.set(issued.serial, { purpose, issued })
    },
    async findLive(personalCode, purpose, now) {
      for (const { purpose: p, issued } of bySerial.values()) {
        if (p !== purpose || issued.revokedAt) continue
        if (!holderOf(issued.certificate, personalCode)) continue
        if (issued.certificate.notAfter > now) return issued
      }
      return undefined
    },
    async find(serial) {
      return bySerial.get(serial)?.issued
    },
    async revoke(serial, at) {
      const record = bySerial.get(serial)
      if (record) record.issued.revokedAt = at
    },
  }
}

function holderOf(certificate: x509.X509Certificate, personalCode: string) {
  return certificate.subjectName
    .getField('2.5.4.5')
    .some((value) => value.endsWith(`-${personalCode}`))
}

/**
 * The sandbox's test certificate authority: a root, an issuing CA under it,
 * and personal authentication certificates for Mobile-ID and the test
 * ID-card (P-256) and Smart-ID (RSA), all signed with ECDSA P-256. Trusted by the portal only with SANDBOX=on.
 */
export class CertificateAuthority {
  private constructor(
    private readonly root: Authority,
    private readonly issuing: Authority,
    private readonly records: CertificateRecords,
    private readonly now: () => Date,
  ) {}

  /** The OCSP responder URL written into the AIA of issued certificates. */
  private ocspUrl: string | undefined

  /**
   * Names the CA's OCSP responder: certificates issued from now on carry
   * its URL in their Authority Information Access extension.
   */
  useOcspResponder(url: string): void {
    this.ocspUrl = url
  }

  /** A CA with fresh keys that lives in memory: for tests (an untrusted CA). */
  static async create(
    options: { name?: string; now?: () => Date } = {},
  ): Promise<CertificateAuthority> {
    const now = options.now ?? (() => new Date())
    const name = options.name ?? 'TEST of Sandbox'
    const root = await makeRoot(name, now())
    const issuing = await makeIssuing(name, root, now())
    return new CertificateAuthority(root, issuing, memoryRecords(), now)
  }

  /**
   * The sandbox CA of this database: made once on first start, then loaded,
   * so certificates stay trusted across restarts of one DATA_DIR.
   */
  static async open(
    db: Kysely<unknown>,
    now: () => Date = () => new Date(),
  ): Promise<CertificateAuthority> {
    await migrateCa(db)
    const store = new DatabaseRecords(db)
    let stored = await store.authorities()
    if (!stored) {
      const root = await makeRoot('TEST of Sandbox', now())
      const issuing = await makeIssuing('TEST of Sandbox', root, now())
      await store.saveAuthorities(root, issuing)
      stored = await store.authorities()
    }
    if (!stored) throw new Error('The sandbox CA could not be stored')
    return new CertificateAuthority(stored.root, stored.issuing, store, now)
  }

  /** The issuing CA certificate, PEM: the portal's eID trust anchor. */
  get issuingPem(): string {
    return this.issuing.certificate.toString('pem')
  }

  get issuingCertificate(): x509.X509Certificate {
    return this.issuing.certificate
  }

  get rootPem(): string {
    return this.root.certificate.toString('pem')
  }

  /** Issues a new personal authentication certificate and records it. */
  async issue(
    holder: Holder,
    purpose: CertificatePurpose,
    options: IssueOptions = {},
  ): Promise<IssuedCertificate> {
    const now = this.now()
    const keys = await generateKeys(purpose)
    const serial = newSerial()
    const country = holder.country ?? 'EE'
    const cn = `${holder.familyName},${holder.givenName},${holder.personalCode}`
    // An ID-card's authentication key also agrees keys and protects e-mail.
    const card = purpose === 'id-card'
    const signing = isSigningPurpose(purpose)
    const usage = signing
      ? x509.KeyUsageFlags.nonRepudiation
      : options.notForAuthentication
        ? x509.KeyUsageFlags.nonRepudiation
        : card
          ? x509.KeyUsageFlags.digitalSignature |
            x509.KeyUsageFlags.keyAgreement
          : x509.KeyUsageFlags.digitalSignature
    // A signing certificate names no extended key usage, as on ID-cards.
    const eku = signing
      ? []
      : options.notForAuthentication
        ? [x509.ExtendedKeyUsage.emailProtection]
        : card
          ? [
              x509.ExtendedKeyUsage.clientAuth,
              x509.ExtendedKeyUsage.emailProtection,
            ]
          : [x509.ExtendedKeyUsage.clientAuth]
    const aia = this.ocspUrl
      ? [new x509.AuthorityInfoAccessExtension({ ocsp: this.ocspUrl })]
      : []

    const certificate = await x509.X509CertificateGenerator.create({
      serialNumber: serial,
      subject: [
        { C: [country] },
        { CN: [cn] },
        { SN: [holder.familyName] },
        { G: [holder.givenName] },
        { '2.5.4.5': [`PNO${country}-${holder.personalCode}`] },
      ],
      issuer: this.issuing.certificate.subject,
      notBefore: options.notBefore ?? new Date(now.getTime() - DAY),
      notAfter: options.notAfter ?? new Date(now.getTime() + 5 * YEAR),
      signingAlgorithm: ALGORITHM,
      publicKey: keys.publicKey,
      signingKey: this.issuing.keys.privateKey,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(usage, true),
        ...(eku.length > 0 ? [new x509.ExtendedKeyUsageExtension(eku)] : []),
        new x509.CertificatePolicyExtension([
          options.policy ?? CERTIFICATE_POLICIES[purpose],
        ]),
        await x509.AuthorityKeyIdentifierExtension.create(
          this.issuing.keys.publicKey,
        ),
        ...aia,
      ],
    })
    const privateKey = await webcrypto.subtle.exportKey('jwk', keys.privateKey)
    const issued = { serial, certificate, privateKey, revokedAt: null }
    await this.records.save(purpose, issued)
    return issued
  }

  /** The holder's live certificate for the purpose, issued on first use. */
  async certificateFor(
    holder: Holder,
    purpose: CertificatePurpose,
  ): Promise<IssuedCertificate> {
    const live = await this.records.findLive(
      holder.personalCode,
      purpose,
      this.now(),
    )
    // A certificate naming an old responder (another port) is replaced.
    if (live && this.ocspUrl && !this.names(live, this.ocspUrl)) {
      return this.issue(holder, purpose)
    }
    return live ?? this.issue(holder, purpose)
  }

  private names(issued: IssuedCertificate, url: string): boolean {
    const aia = issued.certificate.getExtension(
      x509.AuthorityInfoAccessExtension,
    )
    return !!aia?.ocsp.some((name) => name.value === url)
  }

  /** Revokes a certificate: OCSP answers `revoked` from now on. */
  async revoke(serial: string): Promise<void> {
    await this.records.revoke(serial, this.now())
  }

  /** The status OCSP reports for a serial number of this issuing CA. */
  async status(
    serial: string,
  ): Promise<{ status: CertificateStatus; revokedAt?: Date }> {
    const issued = await this.records.find(serial.toLowerCase())
    if (!issued) return { status: 'unknown' }
    if (issued.revokedAt) {
      return { status: 'revoked', revokedAt: issued.revokedAt }
    }
    return { status: 'good' }
  }

  /** The issuing CA's key pair, for signing OCSP responses. */
  get issuingKeys(): CryptoKeyPair {
    return this.issuing.keys
  }
}

async function importPrivate(pkcs8: string): Promise<CryptoKey> {
  return webcrypto.subtle.importKey(
    'pkcs8',
    Buffer.from(pkcs8, 'base64'),
    ALGORITHM,
    true,
    ['sign'],
  ) as Promise<CryptoKey>
}

async function loadAuthority(row: {
  private_key: string
  certificate: string
}): Promise<Authority> {
  const certificate = new x509.X509Certificate(
    Buffer.from(row.certificate, 'base64'),
  )
  return {
    certificate,
    keys: {
      privateKey: await importPrivate(row.private_key),
      publicKey: await certificate.publicKey.export(ALGORITHM, ['verify']),
    },
  }
}

async function exportPrivate(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key)
  return Buffer.from(der).toString('base64')
}

/** Issued certificates and the CA keys in the sandbox's own tables. */
class DatabaseRecords implements CertificateRecords {
  private readonly db: Kysely<SandboxCaTables>

  constructor(db: Kysely<unknown>) {
    this.db = db.withTables<SandboxCaTables>()
  }

  async authorities(): Promise<
    { root: Authority; issuing: Authority } | undefined
  > {
    const rows = await this.db
      .selectFrom('sandbox_ca_authority')
      .selectAll()
      .execute()
    const root = rows.find((r) => r.name === 'root')
    const issuing = rows.find((r) => r.name === 'issuing')
    if (!root || !issuing) return undefined
    return {
      root: await loadAuthority(root),
      issuing: await loadAuthority(issuing),
    }
  }

  async saveAuthorities(root: Authority, issuing: Authority): Promise<void> {
    const row = async (name: string, authority: Authority) => ({
      name,
      private_key: await exportPrivate(authority.keys.privateKey),
      certificate: Buffer.from(authority.certificate.rawData).toString(
        'base64',
      ),
    })
    // Two instances starting together: the first one's CA wins.
    await this.db
      .insertInto('sandbox_ca_authority')
      .values([await row('root', root), await row('issuing', issuing)])
      .onConflict((oc) => oc.doNothing())
      .execute()
  }

  async save(purpose: CertificatePurpose, issued: IssuedCertificate) {
    const code = issued.certificate.subjectName
      .getField('2.5.4.5')[0]
      ?.replace(/^[A-Z]{3}[A-Z]{2}-/, '')
    await this.db
      .insertInto('sandbox_ca_certificate')
      .values({
        serial: issued.serial,
        personal_code: code ?? '',
        purpose,
        certificate: Buffer.from(issued.certificate.rawData).toString('base64'),
        private_key: JSON.stringify(issued.privateKey),
        issued_at: new Date(),
        revoked_at: null,
      })
      .execute()
  }

  async findLive(personalCode: string, purpose: string, now: Date) {
    const rows = await this.db
      .selectFrom('sandbox_ca_certificate')
      .selectAll()
      .where('personal_code', '=', personalCode)
      .where('purpose', '=', purpose)
      .where('revoked_at', 'is', null)
      .orderBy('issued_at', 'desc')
      .execute()
    const live = rows.map(toIssued).find((i) => i.certificate.notAfter > now)
    return live
  }

  async find(serial: string) {
    const row = await this.db
      .selectFrom('sandbox_ca_certificate')
      .selectAll()
      .where('serial', '=', serial)
      .executeTakeFirst()
    return row ? toIssued(row) : undefined
  }

  async revoke(serial: string, at: Date) {
    await this.db
      .updateTable('sandbox_ca_certificate')
      .set({ revoked_at: at })
      .where('serial', '=', serial)
      .where('revoked_at', 'is', null)
      .execute()
  }
}

function toIssued(row: {
  serial: string
  certificate: string
  private_key: string
  revoked_at: Date | string | null
}): IssuedCertificate {
  return {
    serial: row.serial,
    certificate: new x509.X509Certificate(
      Buffer.from(row.certificate, 'base64'),
    ),
    privateKey: JSON.parse(row.private_key) as JsonWebKey,
    revokedAt: row.revoked_at ? new Date(row.revoked_at) : null,
  }
}
