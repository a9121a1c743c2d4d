import { defineManifest } from '@common/catalog/manifest'

/** A made-up service module used by the shell's own tests. */
export default defineManifest({
  id: 'child-benefit',
  agency: {
    name: {
      et: 'Sotsiaalkindlustusamet',
      en: 'Social Insurance Board',
      ru: 'Департамент социального страхования',
    },
    xroadMember: 'ee-dev/GOV/70001975',
  },
  title: {
    et: 'Lapsetoetus',
    en: 'Child benefit',
    ru: 'Пособие на ребёнка',
  },
  description: {
    et: 'Vaadake makstud toetusi ja taotlege lapsetoetust.',
    en: 'See the benefits paid and apply for child benefit.',
    ru: 'Посмотрите выплаченные пособия и подайте заявление на пособие.',
  },
  lifeEvent: 'family',
  assurance: 'substantial',
  routes: [
    {
      path: '',
      page: 'Overview.vue',
      title: {
        et: 'Lapsetoetus',
        en: 'Child benefit',
        ru: 'Пособие на ребёнка',
      },
    },
    {
      path: 'payments/:year',
      page: 'Payments.vue',
      title: { et: 'Maksed', en: 'Payments', ru: 'Выплаты' },
    },
  ],
  services: [
    {
      service: 'ee-dev/GOV/70001975/benefits/childBenefit',
      methods: ['GET'],
      purposeCode: 'BENEFIT_VIEW',
      purpose: {
        et: 'Teie toetuste näitamine',
        en: 'Showing your benefits',
        ru: 'Показ ваших пособий',
      },
    },
  ],
  offline: 'none',
  status: 'beta',
  contact: { email: 'info@example.ee' },
  accessibility: {
    conformance: 'partial',
    statement: {
      et: 'Maksete tabel ei ole veel ekraanilugejaga täielikult kasutatav.',
      en: 'The payments table is not yet fully usable with a screen reader.',
      ru: 'Таблица выплат пока не полностью доступна для программ чтения.',
    },
  },
  keywords: {
    et: ['peretoetus', 'lapsed'],
    en: ['family allowance', 'kids'],
    ru: ['семья', 'ребёнок'],
  },
})
