import { defineModuleErrors } from '../../server/catalog/moduleErrors.ts'

/** Errors of the documents module; texts in locales/*.json. */
export default defineModuleErrors({
  DOCUMENTS_NOT_FOUND: {
    status: 404,
    message: 'The population register has no record of you.',
  },
  DOCUMENTS_UNAVAILABLE: {
    status: 502,
    message: 'The population register could not answer.',
  },
})
