import { useI18n } from 'vue-i18n'
import type { TrackedUsage } from '@/api/tracker'
import { messageKey, registerMember, registerSubsystem } from './timeline'

/**
 * Plain-language names for the timeline: agencies by registry code,
 * registers by subsystem, actions by code; what has no translation falls
 * back to what the register itself said, never to nothing.
 */
export function useTrackerNames() {
  const { t, te } = useI18n()
  const known = (key: string) => te(key) || te(key, 'en')

  function agencyByCode(code: string, fallback?: string): string {
    const key = `tracker.agencies.${messageKey(code)}`
    return known(key) ? t(key) : fallback || code
  }

  return {
    agencyByCode,
    agency: (u: TrackedUsage) => agencyByCode(u.receiverCode, u.receiverName),
    register(register: string): string {
      const key = `tracker.registers.${messageKey(registerSubsystem(register))}`
      return known(key)
        ? t(key)
        : `${registerSubsystem(register)} (${registerMember(register)})`
    },
    action(u: TrackedUsage): string {
      const key = `tracker.actions.${messageKey(u.action)}`
      return known(key)
        ? t(key)
        : t('tracker.actionOther', { action: u.action })
    },
    /**
     * The purpose the agency gave (`X-Road-Issue`: a code, then `:` and a
     * case id where there is one) in plain words, where the record says it.
     */
    purpose(u: TrackedUsage): string | undefined {
      const why = u.record?.why
      if (typeof why !== 'string' || why === '') return undefined
      const [code = '', ...rest] = why.split(':')
      const key = `tracker.purposes.${messageKey(code)}`
      const purpose = known(key) ? t(key) : code
      const caseId = rest.join(':')
      return caseId
        ? t('tracker.purposeCase', { purpose, case: caseId })
        : purpose
    },
  }
}
