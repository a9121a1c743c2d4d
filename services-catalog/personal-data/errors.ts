import { defineModuleErrors } from '../../server/catalog/moduleErrors.ts'

/** Errors of the personal-data module; texts in locales/*.json. */
export default defineModuleErrors({
  PERSONAL_DATA_NOT_FOUND: {
    status: 404,
    message: 'The population register has no record of you.',
  },
  PERSONAL_DATA_UNAVAILABLE: {
    status: 502,
    message: 'The population register could not answer.',
  },
})
