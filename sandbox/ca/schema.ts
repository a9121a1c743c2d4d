import type { ColumnType } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>

/** The root and issuing CA: key and certificate, made once per database. */
export interface SandboxCaAuthorityTable {
  name: string
  /** PKCS#8 private key, base64. */
  private_key: string
  /** DER certificate, base64. */
  certificate: string
}

/** Every personal certificate the sandbox CA issued, for OCSP and reuse. */
export interface SandboxCaCertificateTable {
  /** Hex serial number, unique per issuing CA. */
  serial: string
  personal_code: string
  /** mobile-id, smart-id or id-card. */
  purpose: string
  /** DER certificate, base64. */
  certificate: string
  /** The holder's private key as JWK JSON (a sandbox card or SIM). */
  private_key: string
  issued_at: Timestamp
  revoked_at: Timestamp | null
}

/** The sandbox CA's tables; a type alias so `withTables` accepts it. */
export type SandboxCaTables = {
  sandbox_ca_authority: SandboxCaAuthorityTable
  sandbox_ca_certificate: SandboxCaCertificateTable
}
