/** Words the sandbox builds company names and activities from. */

/** Name stems of companies founded by people living in Estonia. */
export const ESTONIAN_STEMS: readonly string[] = [
  'Tamme',
  'Kase',
  'Põhjatähe',
  'Merevaigu',
  'Rukkilille',
  'Hõbeda',
  'Metsatuka',
  'Virmalise',
  'Sinilille',
  'Kivisilla',
  'Pärnapuu',
  'Kuldnoka',
]

/** What such a company says it does. */
export const ESTONIAN_TRADES: readonly string[] = [
  'Ehitus',
  'Disain',
  'Kaubandus',
  'Tarkvara',
  'Turundus',
  'Veod',
  'Konsultatsioonid',
  'Kinnisvara',
]

/** Name stems of companies founded by e-residents. */
export const INTERNATIONAL_STEMS: readonly string[] = [
  'Nordic',
  'Blue Fjord',
  'Kinetic',
  'Aurora',
  'Polar',
  'Meridian',
  'Baltic Byte',
  'Silverline',
]

/** What an e-resident's company says it does. */
export const INTERNATIONAL_TRADES: readonly string[] = [
  'Ventures',
  'Labs',
  'Consulting',
  'Digital',
  'Solutions',
  'Studio',
]

/** Names of non-profit associations (MTÜ). */
export const ASSOCIATION_KINDS: readonly string[] = [
  'Spordiklubi',
  'Külaselts',
  'Kultuuriselts',
  'Matkaklubi',
]

/** An economic activity by its EMTAK code. */
export interface Activity {
  code: string
  name: string
}

/** Activities of companies. */
export const COMPANY_ACTIVITIES: readonly Activity[] = [
  { code: '62011', name: 'Computer programming' },
  { code: '70221', name: 'Business and management consultancy' },
  { code: '41201', name: 'Construction of buildings' },
  { code: '47911', name: 'Retail sale via the internet' },
  { code: '74101', name: 'Specialised design' },
  { code: '49411', name: 'Freight transport by road' },
  { code: '68201', name: 'Renting and operating of own real estate' },
  { code: '73111', name: 'Advertising agencies' },
]

/** Activities of non-profit associations. */
export const ASSOCIATION_ACTIVITIES: readonly Activity[] = [
  { code: '93121', name: 'Activities of sports clubs' },
  { code: '94991', name: 'Activities of other membership organisations' },
]

/** Addresses of contact persons who serve e-residents' companies. */
export const SERVICE_ADDRESSES: readonly string[] = [
  'Sakala tn 7-2, Kesklinna linnaosa, Tallinn, Harju maakond, 10141',
  'Narva mnt 5, Kesklinna linnaosa, Tallinn, Harju maakond, 10117',
  'Tartu mnt 67/1-13b, Kesklinna linnaosa, Tallinn, Harju maakond, 10115',
]
