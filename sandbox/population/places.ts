/**
 * Places where synthetic residents live: county, municipality, settlement,
 * a few streets and postal codes each, weighted roughly by population and
 * with the share of Russian-speaking households there.
 */

/** A settlement (or a district of Tallinn) addresses are drawn from. */
export interface Place {
  county: string
  municipality: string
  settlement: string
  streets: readonly string[]
  postalCodes: readonly string[]
  /** Relative number of households. */
  weight: number
  /** Share of Russian-speaking households, 0–1. */
  russianShare: number
  /** Share of households living in an apartment, 0–1. */
  apartmentShare: number
}

function place(
  county: string,
  municipality: string,
  settlement: string,
  streets: string,
  postalCodes: string,
  shares: { weight: number; russian: number; apartment: number },
): Place {
  return {
    county,
    municipality,
    settlement,
    streets: streets.split(', '),
    postalCodes: postalCodes.split(' '),
    weight: shares.weight,
    russianShare: shares.russian,
    apartmentShare: shares.apartment,
  }
}

const HARJU = 'Harju maakond'
const IDA_VIRU = 'Ida-Viru maakond'

export const PLACES: readonly Place[] = [
  place(
    HARJU,
    'Tallinn',
    'Kesklinna linnaosa',
    'Narva mnt, Tartu mnt, Pärnu mnt, Gonsiori tn, Raua tn, Tõnismägi',
    '10111 10120 10130 10145 10152',
    { weight: 10, russian: 0.25, apartment: 0.95 },
  ),
  place(
    HARJU,
    'Tallinn',
    'Lasnamäe linnaosa',
    'Punane tn, Mustakivi tee, Läänemere tee, Vikerlase tn, Pae tn, Õismäe tee',
    '13415 13516 13619 13811 13913',
    { weight: 12, russian: 0.6, apartment: 0.97 },
  ),
  place(
    HARJU,
    'Tallinn',
    'Mustamäe linnaosa',
    'Ehitajate tee, Akadeemia tee, Sõpruse pst, Mustamäe tee, Vilde tee',
    '12611 12616 12915 12918',
    { weight: 8, russian: 0.35, apartment: 0.95 },
  ),
  place(
    HARJU,
    'Tallinn',
    'Põhja-Tallinna linnaosa',
    'Kopli tn, Sõle tn, Telliskivi tn, Ristiku tn, Kalaranna tn',
    '10311 10313 10412 10415',
    { weight: 6, russian: 0.45, apartment: 0.85 },
  ),
  place(
    HARJU,
    'Tallinn',
    'Nõmme linnaosa',
    'Vabaduse pst, Jaama tn, Valdeku tn, Pärnu mnt, Õie tn',
    '11611 11615 11712 11913',
    { weight: 4, russian: 0.1, apartment: 0.3 },
  ),
  place(
    HARJU,
    'Viimsi vald',
    'Haabneeme alevik',
    'Kaluri tee, Randvere tee, Sõpruse tee, Mõisapõllu tee',
    '74001',
    { weight: 3, russian: 0.1, apartment: 0.4 },
  ),
  place(
    HARJU,
    'Rae vald',
    'Jüri alevik',
    'Aruküla tee, Veski tn, Tammiku tee, Põrguvälja tee',
    '75301',
    { weight: 2, russian: 0.15, apartment: 0.5 },
  ),
  place(
    'Tartu maakond',
    'Tartu linn',
    'Tartu linn',
    'Riia tn, Raatuse tn, Vanemuise tn, Kaunase pst, Anne tn, Ülikooli tn, Tähe tn',
    '50090 50104 50303 50407 50603 51004 51014',
    { weight: 8, russian: 0.15, apartment: 0.8 },
  ),
  place(
    IDA_VIRU,
    'Narva linn',
    'Narva linn',
    'Tallinna mnt, Puškini tn, Kreenholmi tn, Kangelaste prospekt, Rahu tn',
    '20104 20203 20308 20605',
    { weight: 5, russian: 0.95, apartment: 0.9 },
  ),
  place(
    IDA_VIRU,
    'Kohtla-Järve linn',
    'Järve linnaosa',
    'Järveküla tee, Kalevi tn, Outokumpu tn, Ravi tn',
    '30322 30328',
    { weight: 3, russian: 0.75, apartment: 0.9 },
  ),
  place(
    IDA_VIRU,
    'Sillamäe linn',
    'Sillamäe linn',
    'Kesk tn, Viru pst, Mere pst, Kajaka tn',
    '40231 40232',
    { weight: 1.5, russian: 0.85, apartment: 0.9 },
  ),
  place(
    IDA_VIRU,
    'Jõhvi vald',
    'Jõhvi linn',
    'Rakvere tn, Pargi tn, Narva mnt, Tartu mnt',
    '41531 41532',
    { weight: 1.5, russian: 0.5, apartment: 0.8 },
  ),
  place(
    'Pärnu maakond',
    'Pärnu linn',
    'Pärnu linn',
    'Rüütli tn, Riia mnt, Papiniidu tn, Tammsaare pst, Lõuna tn',
    '80010 80011 80018 80042',
    { weight: 4, russian: 0.1, apartment: 0.6 },
  ),
  place(
    'Lääne-Viru maakond',
    'Rakvere linn',
    'Rakvere linn',
    'Tallinna tn, Pikk tn, Lai tn, Kreutzwaldi tn',
    '44307 44310',
    { weight: 2, russian: 0.1, apartment: 0.6 },
  ),
  place(
    'Viljandi maakond',
    'Viljandi linn',
    'Viljandi linn',
    'Tartu tn, Lossi tn, Jakobsoni tn, Männimäe tee',
    '71020 71004',
    { weight: 2, russian: 0.05, apartment: 0.5 },
  ),
  place(
    'Võru maakond',
    'Võru linn',
    'Võru linn',
    'Jüri tn, Kreutzwaldi tn, Tartu tn, Võidu tn',
    '65608 65609',
    { weight: 1.5, russian: 0.05, apartment: 0.5 },
  ),
  place(
    'Saare maakond',
    'Saaremaa vald',
    'Kuressaare linn',
    'Tallinna tn, Lossi tn, Pikk tn, Kauba tn',
    '93815 93819',
    { weight: 1.5, russian: 0.02, apartment: 0.4 },
  ),
  place(
    'Lääne maakond',
    'Haapsalu linn',
    'Haapsalu linn',
    'Posti tn, Karja tn, Lahe tn, Jaama tn',
    '90502 90503',
    { weight: 1, russian: 0.05, apartment: 0.5 },
  ),
  place(
    'Järva maakond',
    'Paide linn',
    'Paide linn',
    'Pärnu tn, Tallinna tn, Aiavilja tn',
    '72711 72712',
    { weight: 1, russian: 0.03, apartment: 0.5 },
  ),
  place(
    'Rapla maakond',
    'Rapla vald',
    'Rapla linn',
    'Tallinna mnt, Viljandi mnt, Koidu tn',
    '79511 79513',
    { weight: 1, russian: 0.03, apartment: 0.4 },
  ),
  place(
    'Jõgeva maakond',
    'Jõgeva vald',
    'Jõgeva linn',
    'Suur tn, Aia tn, Tähe tn',
    '48306 48309',
    { weight: 1, russian: 0.05, apartment: 0.5 },
  ),
  place(
    'Valga maakond',
    'Valga vald',
    'Valga linn',
    'Kesk tn, Riia tn, Vabaduse tn',
    '68203 68204',
    { weight: 1, russian: 0.2, apartment: 0.6 },
  ),
  place(
    'Põlva maakond',
    'Põlva vald',
    'Põlva linn',
    'Kesk tn, Jaama tn, Võru tn',
    '63308',
    { weight: 1, russian: 0.03, apartment: 0.5 },
  ),
  place(
    'Hiiu maakond',
    'Hiiumaa vald',
    'Kärdla linn',
    'Keskväljak, Vabrikuväljak, Põllu tn',
    '92413',
    { weight: 0.5, russian: 0.01, apartment: 0.3 },
  ),
  place(
    'Tartu maakond',
    'Kastre vald',
    'Võnnu alevik',
    'Kooli tn, Järve tn, Tartu mnt',
    '62201',
    { weight: 0.8, russian: 0.02, apartment: 0.2 },
  ),
]
