import { defineManifest } from '../../common/catalog/manifest.ts'

/** The population register's population service, through X-Road. */
export const POPULATION_SERVICE = 'ee-dev/GOV/70008440/population/persons'

/** My documents: ID-card, passport and digital ID, and when to renew them. */
export default defineManifest({
  id: 'documents',
  agency: {
    name: {
      et: 'Politsei- ja Piirivalveamet',
      en: 'Police and Border Guard Board',
      ru: 'Департамент полиции и погранохраны',
    },
    xroadMember: 'ee-dev/GOV/70008747',
  },
  title: {
    et: 'Minu dokumendid',
    en: 'My documents',
    ru: 'Мои документы',
  },
  description: {
    et: 'ID-kaardi, passi ja digi-ID kehtivus ning millal neid uuendada.',
    en: 'Whether your ID-card, passport and digital ID are valid, and when to renew them.',
    ru: 'Срок действия ID-карты, паспорта и цифрового удостоверения и когда их обновить.',
  },
  lifeEvent: 'residence-and-documents',
  assurance: 'high',
  routes: [
    {
      path: '',
      page: 'DocumentsPage.vue',
      title: {
        et: 'Minu dokumendid',
        en: 'My documents',
        ru: 'Мои документы',
      },
    },
  ],
  services: [
    {
      service: POPULATION_SERVICE,
      methods: ['GET'],
      purposeCode: 'DOCUMENTS_VIEW',
      purpose: {
        et: 'Teie dokumentide kehtivuse näitamine teile',
        en: 'Showing you whether your documents are valid',
        ru: 'Показ вам срока действия ваших документов',
      },
    },
  ],
  offline: 'none',
  status: 'beta',
  contact: { email: 'ppa@example.ee', phone: '+372 612 3000' },
  accessibility: {
    conformance: 'full',
    statement: {
      et: 'Teenus vastab WCAG 2.2 AA nõuetele.',
      en: 'This service meets WCAG 2.2 AA.',
      ru: 'Услуга соответствует требованиям WCAG 2.2 AA.',
    },
  },
  keywords: {
    et: ['ID-kaart', 'pass', 'digi-ID', 'uuendamine', 'kehtivus'],
    en: ['ID-card', 'passport', 'digital ID', 'renewal', 'expiry'],
    ru: ['ID-карта', 'паспорт', 'цифровое удостоверение', 'продление'],
  },
})
