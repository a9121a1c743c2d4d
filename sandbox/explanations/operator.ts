/**
 * The register's scripted operator: a request is received, taken up after
 * one delay and settled after another. It needs no timer: the state is
 * read off the request's age, so it survives restarts and never hangs.
 */

/** The usage the citizen asks about, as their browser showed it. */
export interface AskedUsage {
  logtime: string
  action: string
  receiverCode: string
  receiverSystem: string
  receiverName?: string
  /** `X-Road-Issue`, where the record showed it. */
  why?: string
}

export type ExplanationState =
  'received' | 'in-progress' | 'answered' | 'refused'
export type Language = 'et' | 'en' | 'ru'

/** Registry code of the Police and Border Guard Board. */
const POLICE = '70008747'

/**
 * A police query made under a case number belongs to proceedings whose
 * files are not open to the person until they end: such a request is
 * refused, with the reason, rather than answered.
 */
function isSecretProceeding(usage: AskedUsage): boolean {
  return usage.receiverCode === POLICE && /:/.test(usage.why ?? '')
}

export function stateAt(
  usage: AskedUsage,
  age: number,
  delayMs: number,
): ExplanationState {
  if (age < delayMs) return 'received'
  if (age < 2 * delayMs) return 'in-progress'
  return isSecretProceeding(usage) ? 'refused' : 'answered'
}

const TEXTS: Record<
  Language,
  { answered: string; refused: string; unknownWhy: string }
> = {
  en: {
    answered:
      '{agency} ({system}) asked for your data on {day} for the purpose "{why}". ' +
      'The query went through X-Road, was allowed by the access rights the ' +
      'register has granted {agency} for that purpose, and was logged. If you ' +
      'think it was not lawful, you may turn to the Data Protection Inspectorate.',
    refused:
      'This query was made in proceedings ({why}) whose files are not open ' +
      'while they go on. Ask again when the proceedings have ended.',
    unknownWhy: 'not stated',
  },
  et: {
    answered:
      '{agency} ({system}) küsis teie andmeid {day} eesmärgil „{why}“. ' +
      'Päring tehti X-tee kaudu, register oli {agency} jaoks sellel ' +
      'eesmärgil ligipääsu andnud ja päring logiti. Kui peate seda ' +
      'õigusvastaseks, võite pöörduda Andmekaitse Inspektsiooni poole.',
    refused:
      'See päring tehti menetluses ({why}), mille toimik ei ole menetluse ' +
      'ajal avatud. Küsige uuesti, kui menetlus on lõppenud.',
    unknownWhy: 'märkimata',
  },
  ru: {
    answered:
      '{agency} ({system}) запросил(о) ваши данные {day} с целью «{why}». ' +
      'Запрос прошёл через X-tee, был разрешён правами доступа, которые ' +
      'регистр предоставил {agency} для этой цели, и был записан в журнал. ' +
      'Если вы считаете его незаконным, обратитесь в Инспекцию по защите данных.',
    refused:
      'Этот запрос сделан в рамках производства ({why}), материалы которого ' +
      'закрыты, пока оно идёт. Спросите снова после окончания производства.',
    unknownWhy: 'не указана',
  },
}

/** The operator's text for a settled request, in the citizen's language. */
export function answerText(
  usage: AskedUsage,
  state: ExplanationState,
  language: Language,
): string | undefined {
  if (state !== 'answered' && state !== 'refused') return undefined
  const texts = TEXTS[language]
  const values: Record<string, string> = {
    agency: usage.receiverName ?? usage.receiverCode,
    system: usage.receiverSystem,
    day: usage.logtime.slice(0, 10),
    why: usage.why ?? texts.unknownWhy,
  }
  return texts[state].replace(
    /\{(\w+)\}/g,
    (_, key: string) => values[key] ?? '',
  )
}
