import { defineManifest } from '../../common/catalog/manifest.ts'

/** The population register's population service, through X-Road. */
export const POPULATION_SERVICE = 'ee-dev/GOV/70008440/population/persons'

/** My personal data: what the population register knows about me. */
export default defineManifest({
  id: 'personal-data',
  agency: {
    name: {
      et: 'Siseministeerium',
      en: 'Ministry of the Interior',
      ru: 'Министерство внутренних дел',
    },
    xroadMember: 'ee-dev/GOV/70008440',
  },
  title: {
    et: 'Minu isikuandmed',
    en: 'My personal data',
    ru: 'Мои личные данные',
  },
  description: {
    et: 'Nimi, isikukood, sünniaeg, elukoht ja pere rahvastikuregistris.',
    en: 'Your name, personal code, date of birth, address and family in the population register.',
    ru: 'Имя, личный код, дата рождения, адрес и семья в регистре народонаселения.',
  },
  lifeEvent: 'residence-and-documents',
  assurance: 'high',
  routes: [
    {
      path: '',
      page: 'PersonalDataPage.vue',
      title: {
        et: 'Minu isikuandmed',
        en: 'My personal data',
        ru: 'Мои личные данные',
      },
    },
  ],
  services: [
    {
      service: POPULATION_SERVICE,
      methods: ['GET'],
      purposeCode: 'PERSONAL_DATA_VIEW',
      purpose: {
        et: 'Teie enda andmete näitamine teile',
        en: 'Showing you your own data',
        ru: 'Показ вам ваших собственных данных',
      },
    },
  ],
  offline: 'none',
  status: 'beta',
  contact: { email: 'rahvastikuregister@example.ee', phone: '+372 612 5000' },
  accessibility: {
    conformance: 'full',
    statement: {
      et: 'Teenus vastab WCAG 2.2 AA nõuetele.',
      en: 'This service meets WCAG 2.2 AA.',
      ru: 'Услуга соответствует требованиям WCAG 2.2 AA.',
    },
  },
  keywords: {
    et: ['rahvastikuregister', 'aadress', 'elukoht', 'perekond'],
    en: ['population register', 'address', 'family', 'residence'],
    ru: ['регистр народонаселения', 'адрес', 'семья', 'место жительства'],
  },
})
