import { makeRegistryCode } from './business/registryCode.ts'

/** Who paid a person income: an employer or the pension payer. */
export interface Payer {
  registryCode: string
  name: string
}

/**
 * Synthetic employers. They are also companies of the sandbox Business
 * Register, so a payer's registry code can be looked up there.
 */
export const EMPLOYERS: readonly Payer[] = [
  ['1040121', 'Põhjaranniku Logistika AS'],
  ['1126503', 'Emajõe Tarkvara OÜ'],
  ['1088714', 'Läänemere Ehitus AS'],
  ['1145260', 'Peipsi Kalatööstus OÜ'],
  ['1201937', 'Toompea Kohvikud OÜ'],
  ['1077342', 'Saaremaa Puidutööstus AS'],
  ['1019855', 'Kalevipoja Kaubandus AS'],
  ['1163478', 'Raekoja Apteek OÜ'],
  ['1052066', 'Pärnu Rannahotellid AS'],
  ['1110693', 'Narva Energiaseadmed OÜ'],
  ['1234581', 'Vooremaa Põllumajandus OÜ'],
  ['1187720', 'Lõuna-Eesti Hambakliinik OÜ'],
].map(([first, name]) => ({
  registryCode: makeRegistryCode(first ?? ''),
  name: name ?? '',
}))

/** Pays old-age pensions. */
export const PENSION_PAYER: Payer = {
  registryCode: makeRegistryCode('7000197'),
  name: 'Sotsiaalkindlustusamet',
}
