/**
 * The sandbox registers' X-Road members and services, each an OpenAPI
 * REST service behind the `ee-dev` security server. Modules name these ids
 * in their manifests and access rights.
 */

/** Maksu- ja Tolliamet, the Tax and Customs Board. */
export const TAX_MEMBER = 'ee-dev/GOV/70000349'

/**
 * Income and income tax declarations:
 * `/persons/{code}/income?year=`, `/persons/{code}/declarations/{year}`
 * (GET the pre-filled declaration, POST to submit) and
 * `/persons/{code}/declarations/{year}/status`.
 */
export const TAX_SERVICE = `${TAX_MEMBER}/emta/income-tax`

/** Tervisekassa, the Health Insurance Fund. */
export const HEALTH_MEMBER = 'ee-dev/GOV/74000091'

/** `/persons/{code}/insurance` and `/persons/{code}/prescriptions`. */
export const HEALTH_SERVICE = `${HEALTH_MEMBER}/tervisekassa/health-insurance`

/** Registrite ja Infosüsteemide Keskus, which keeps the Business Register. */
export const BUSINESS_MEMBER = 'ee-dev/GOV/70000310'

/** `/persons/{code}/roles` and `/companies/{registryCode}`. */
export const BUSINESS_SERVICE = `${BUSINESS_MEMBER}/ariregister/business-register`

/** Transpordiamet, the Transport Administration. */
export const VEHICLES_MEMBER = 'ee-dev/GOV/70001490'

/** `/persons/{code}/vehicles`: vehicles a person owns or uses. */
export const VEHICLES_SERVICE = `${VEHICLES_MEMBER}/liiklusregister/vehicles`
