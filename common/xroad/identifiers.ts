/**
 * X-Road identifiers: clients (instance/class/member[/subsystem]) and REST
 * services (instance/class/member/subsystem/service); REST services carry
 * no version of their own (a version belongs in the path).
 *
 * The REST protocol (PR-REST 4.8) allows only letters, digits and the
 * symbols ' ( ) + , - . = ? in identifier parts; each part is
 * percent-encoded on its own when placed in an `r1` URL.
 */

const ALLOWED = /^[A-Za-z0-9'()+,\-.=?]+$/

/** A member or subsystem that takes part in X-Road. */
export interface XRoadClientId {
  instance: string
  memberClass: string
  memberCode: string
  subsystemCode?: string
}

/** A service offered by a provider subsystem. */
export interface XRoadServiceId {
  instance: string
  memberClass: string
  memberCode: string
  subsystemCode: string
  serviceCode: string
}

/** True when a string may stand as one identifier part. */
export function isValidIdentifierPart(part: string): boolean {
  return part.length <= 255 && ALLOWED.test(part)
}

function split(text: string, min: number, max: number): string[] | null {
  const parts = text.split('/')
  if (parts.length < min || parts.length > max) return null
  return parts.every(isValidIdentifierPart) ? parts : null
}

/** Parses `INSTANCE/CLASS/MEMBER[/SUBSYSTEM]`; null when malformed. */
export function parseClientId(text: string): XRoadClientId | null {
  const parts = split(text, 3, 4)
  if (!parts) return null
  const [instance = '', memberClass = '', memberCode = '', subsystemCode] =
    parts
  return { instance, memberClass, memberCode, subsystemCode }
}

/** Parses `INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE`; null when malformed. */
export function parseServiceId(text: string): XRoadServiceId | null {
  const parts = split(text, 5, 5)
  if (!parts) return null
  const [
    instance = '',
    memberClass = '',
    memberCode = '',
    subsystemCode = '',
    serviceCode = '',
  ] = parts
  return { instance, memberClass, memberCode, subsystemCode, serviceCode }
}

/** Formats a client id as X-Road-Client header text. */
export function formatClientId(id: XRoadClientId): string {
  const parts = [id.instance, id.memberClass, id.memberCode]
  if (id.subsystemCode !== undefined) parts.push(id.subsystemCode)
  return parts.join('/')
}

/** Formats a service id as the X-Road-Service header text. */
export function formatServiceId(id: XRoadServiceId): string {
  return [
    id.instance,
    id.memberClass,
    id.memberCode,
    id.subsystemCode,
    id.serviceCode,
  ].join('/')
}

/** The `/r1/...` path of a service, each part percent-encoded on its own. */
export function serviceUrlPath(id: XRoadServiceId): string {
  return (
    '/r1/' + formatServiceId(id).split('/').map(encodeURIComponent).join('/')
  )
}

/** The member part of a client or service id, as `INSTANCE/CLASS/MEMBER`. */
export function memberOf(id: XRoadClientId | XRoadServiceId): string {
  return [id.instance, id.memberClass, id.memberCode].join('/')
}
