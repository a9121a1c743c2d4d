/**
 * Name pools for synthetic residents: Estonian names, Russian names in their
 * Estonian transliteration (š, ž, õ), and a few foreign ones for
 * e-residents. Family names of Russian origin are kept in the male form and
 * given their female form by `familyNameFor`.
 */

/** Given names by sex. */
export interface GivenNames {
  female: readonly string[]
  male: readonly string[]
}

/** Splits a whitespace-separated list of words. */
function words(text: string): readonly string[] {
  return text.trim().split(/\s+/)
}

export const ESTONIAN_GIVEN_NAMES: GivenNames = {
  female: words(`
    Mari Kadri Liis Triin Kätlin Merike Ülle Tiiu Maarja Kärt Getter Eha
    Helle Õie Reet Pille Sirje Marika Ene Anneli Katrin Kristiina Laura
    Mirjam Eliise Hanna-Liisa Grete Elis Mälle Külli Tiina Evelin Kertu
    Sädeli Linda Mia Hele-Mai
  `),
  male: words(`
    Jaan Toomas Mart Andres Tõnu Jüri Urmas Peeter Rein Märt Priit Ülo
    Kalev Indrek Siim Rasmus Karl Oskar Robin Kaur Sander Tõnis Ants Heino
    Arvo Mihkel Kristjan Tõnn Jüri-Ülo Henri Marten Aivar Raul Ott Lauri
    Georg
  `),
}

export const ESTONIAN_FAMILY_NAMES = words(`
  Tamm Saar Sepp Mägi Kask Kukk Rebane Ilves Pärn Koppel Lepik Luik Kaasik
  Kõiv Teder Oja Vaher Lõhmus Põder Jõgi Kuusk Karu Raudsepp Laur Mänd Org
  Nõmm Järv Õunapuu Põldma Sild Männik Kivi Lill Valk Tõnisson Kütt Sõmer
  Süvari Käär Rüütel Põllumäe Ööbik Väli Kärner Hõbemägi
`)

export const RUSSIAN_GIVEN_NAMES: GivenNames = {
  female: words(`
    Jelena Olga Tatjana Natalja Svetlana Irina Julia Anastassia Jekaterina
    Marina Ljudmila Galina Valentina Darja Ksenia Aljona Viktoria Nadežda
    Sofja Polina
  `),
  male: words(`
    Sergei Aleksandr Andrei Dmitri Vladimir Aleksei Nikolai Igor Mihhail
    Jevgeni Juri Oleg Viktor Maksim Artjom Ivan Pavel Vjatšeslav Stanislav
    Ilja
  `),
}

/** Male forms; `familyNameFor` makes the female one. */
export const RUSSIAN_FAMILY_NAMES = words(`
  Ivanov Smirnov Kuznetšov Popov Vassiljev Petrov Sokolov Mihhailov Novikov
  Fjodorov Morozov Volkov Aleksejev Lebedev Semjonov Jegorov Pavlov Kozlov
  Stepanov Nikolajev Orlov Andrejev Makarov Žukov Šišov Jeršov Tšernov
  Štšerbakov Solovjov Krõlov Vorobjov Žuravljov Bolšakov Davõdov Kovaljov
  Iljin Kuzmin Sorokin Nikitin Kalinin Gorodetski Zaitsev
`)

/** Names of one foreign country's e-residents. */
export interface ForeignNames {
  given: GivenNames
  family: readonly string[]
}

/** Names for e-residents, by ISO 3166-1 alpha-2 country code. */
export const FOREIGN_NAMES: Readonly<Record<string, ForeignNames>> = {
  FI: {
    given: { female: words('Aino Laura Sanna'), male: words('Mikko Antti') },
    family: words('Virtanen Korhonen Mäkinen Nieminen Hämäläinen'),
  },
  DE: {
    given: { female: words('Sophie Jana Anke'), male: words('Jürgen Lukas') },
    family: words('Müller Schröder Groß Weiß Köhler'),
  },
  UA: {
    given: { female: words('Olena Iryna'), male: words('Oleksandr Taras') },
    family: words('Shevchenko Kovalenko Bondarenko Tkachenko'),
  },
  IN: {
    given: { female: words('Priya Ananya'), male: words('Arjun Rahul') },
    family: words('Sharma Patel Iyer Reddy'),
  },
  US: {
    given: { female: words('Emily Sarah'), male: words('James Michael') },
    family: words('Smith Johnson Miller García'),
  },
  FR: {
    given: { female: words('Élodie Chloé'), male: words('Jérôme Théo') },
    family: words('Lefèvre Dubois Moreau Girard'),
  },
  TR: {
    given: { female: words('Ayşe Elif'), male: words('Mehmet Çağrı') },
    family: words('Yılmaz Şahin Demir Öztürk'),
  },
  BR: {
    given: { female: words('Ana Júlia'), male: words('João Luís') },
    family: words('Silva Gonçalves Araújo Pereira'),
  },
  JP: {
    given: { female: words('Yui Haruka'), male: words('Haruto Ren') },
    family: words('Sato Suzuki Takahashi Watanabe'),
  },
  GB: {
    given: { female: words('Olivia Amelia'), male: words('Oliver George') },
    family: words('Taylor Brown Wilson Evans'),
  },
}

/**
 * The family name a person carries: Russian family names take their female
 * form (Ivanov → Ivanova, Gorodetski → Gorodetskaja); others stay as they are.
 */
export function familyNameFor(
  base: string,
  sex: 'female' | 'male',
  russian: boolean,
): string {
  if (!russian || sex === 'male') return base
  if (base.endsWith('ski')) return `${base.slice(0, -1)}aja`
  if (/(ov|ev|in|õn)$/.test(base)) return `${base}a`
  return base
}
