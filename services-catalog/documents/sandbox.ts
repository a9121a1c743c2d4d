import { defineSandbox } from '../../server/catalog/sandboxFragment.ts'
import { POPULATION_SERVICE } from './manifest.ts'

/** The portal may read a person's documents from the register. */
export default defineSandbox({
  accessRights: [
    {
      client: 'ee-dev/GOV/70000001/citizen-portal',
      service: POPULATION_SERVICE,
      methods: ['GET'],
      path: '/*/documents',
    },
  ],
})
