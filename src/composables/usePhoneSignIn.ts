import {
  computed,
  nextTick,
  onBeforeUnmount,
  ref,
  type ComponentPublicInstance,
} from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute, useRouter } from 'vue-router'
import { describeApiError } from '@/api/errors'
import {
  retryAfterSeconds,
  type PhoneSignInStart,
  type PhoneSignInStatus,
} from '@/api/phoneSignIn'
import type { SessionUser } from '@/api/session'
import type { ErrorSummaryItem } from '@/components/form/types'
import { problemText } from '@/i18n/apiErrorText'
import { safeRedirect } from '@/router/guards'
import { ANNOUNCE_DELAY_MS, useAnnouncerStore } from '@/stores/announcer'
import { useSessionStore } from '@/stores/session'

/** Where a phone sign-in is: the form, waiting for the phone, or failed. */
export type PhoneSignInStep =
  'form' | 'starting' | 'waiting' | 'cancelling' | 'failed'

/** What one method (Mobile-ID, Smart-ID) brings to the shared flow. */
export interface PhoneSignInOptions {
  /**
   * Where the method's texts are, e.g. `signIn.smartId`: `results.<CODE>`,
   * `rateLimited`, `codeAnnouncement` and `cancelled` are read below it.
   */
  texts: string
  /** How often to ask whether the citizen has confirmed. */
  pollIntervalMs: () => number
  /** Checks the form; its problems, each already shown at its field. */
  validate(): ErrorSummaryItem[]
  /** The field problem for a server error code, or undefined. */
  fieldProblem(code: string): ErrorSummaryItem | undefined
  start(): Promise<PhoneSignInStart>
  poll(id: string): Promise<PhoneSignInStatus>
  cancel(id: string): Promise<void>
}

/**
 * The flow of a sign-in confirmed on the citizen's phone: start it from
 * the form, show and announce the verification code, poll until the phone
 * answers, then go back to the page that asked for sign-in, or explain
 * the result with a way to try again. Cancelling (or leaving the page)
 * cancels the sign-in on the server. Focus follows each step.
 */
export function usePhoneSignIn(options: PhoneSignInOptions) {
  const { t, te } = useI18n()
  const route = useRoute()
  const router = useRouter()
  const session = useSessionStore()
  const announcer = useAnnouncerStore()
  const text = (key: string) => `${options.texts}.${key}`

  const step = ref<PhoneSignInStep>('form')
  const formErrors = ref<ErrorSummaryItem[]>([])
  const failure = ref<ErrorSummaryItem[]>([])
  const started = ref<PhoneSignInStart | null>(null)
  const heading = ref<HTMLElement | null>(null)
  const waitingHeading = ref<HTMLElement | null>(null)

  const redirect = computed(() => safeRedirect(route.query.redirect))
  const busy = computed(() => step.value !== 'form' && step.value !== 'failed')

  // Each sign-in attempt gets a number; answers to an older one are ignored.
  let attempt = 0
  let pollTimer: ReturnType<typeof setTimeout> | undefined

  /** The text for a failed start: field problems go back to their fields. */
  function startErrors(error: unknown): ErrorSummaryItem[] {
    const problem = describeApiError(error)
    const field = options.fieldProblem(problem.code)
    if (field) return [field]
    if (problem.code === 'RATE_LIMITED') {
      const seconds = retryAfterSeconds(error)
      if (seconds !== undefined) {
        return [{ text: t(text('rateLimited'), { count: seconds }, seconds) }]
      }
    }
    return [{ text: problemText(problem) }]
  }

  async function submit(): Promise<void> {
    if (busy.value) return
    const problems = options.validate()
    if (problems.length > 0) {
      formErrors.value = problems
      return
    }

    formErrors.value = []
    step.value = 'starting'
    const current = ++attempt
    try {
      started.value = await options.start()
    } catch (error) {
      if (current !== attempt) return
      step.value = 'form'
      formErrors.value = startErrors(error)
      return
    }
    if (current !== attempt) return

    step.value = 'waiting'
    const digits = started.value.verificationCode.split('').join(' ')
    announcer.announce(
      t(text('codeAnnouncement'), { code: digits }),
      'assertive',
    )
    await nextTick()
    waitingHeading.value?.focus()
    void poll(started.value.id, current)
  }

  function stopPolling(): void {
    attempt++
    clearTimeout(pollTimer)
  }

  async function poll(id: string, current: number): Promise<void> {
    const began = Date.now()
    let status: PhoneSignInStatus
    try {
      status = await options.poll(id)
    } catch (error) {
      if (current !== attempt) return
      const problem = describeApiError(error)
      fail(
        problem.code === 'NOT_FOUND'
          ? t(text('results.EXPIRED'))
          : problemText(problem),
      )
      return
    }
    if (current !== attempt) return

    if (status.state === 'RUNNING') {
      const wait = Math.max(0, options.pollIntervalMs() - (Date.now() - began))
      pollTimer = setTimeout(() => void poll(id, current), wait)
    } else if (status.result === 'OK') {
      await signedIn(status.user)
    } else {
      const key = text(`results.${status.result}`)
      fail(te(key) ? t(key) : t(text('results.UNKNOWN')))
    }
  }

  async function signedIn(user: SessionUser | null): Promise<void> {
    if (user) session.acceptSignIn(user)
    else await session.refresh()
    announcer.announce(t('signIn.done', { name: session.displayName }))
    // The next page's own announcements would replace this one before it
    // is shown, so it goes out first.
    await new Promise((resolve) => setTimeout(resolve, 2 * ANNOUNCE_DELAY_MS))
    await router.replace(redirect.value)
  }

  function fail(reason: string): void {
    started.value = null
    step.value = 'failed'
    failure.value = [{ text: reason }]
  }

  async function backToForm(): Promise<void> {
    step.value = 'form'
    failure.value = []
    await nextTick()
    heading.value?.focus()
  }

  async function cancel(): Promise<void> {
    const id = started.value?.id
    if (step.value !== 'waiting' || !id) return
    stopPolling()
    step.value = 'cancelling'
    try {
      await options.cancel(id)
    } catch {
      // Nobody polls any more, so even a confirmation on the phone signs
      // no one in; the provider's session simply times out.
    }
    started.value = null
    announcer.announce(t(text('cancelled')))
    await backToForm()
  }

  onBeforeUnmount(() => {
    const id = started.value?.id
    const waiting = step.value === 'waiting'
    stopPolling()
    if (waiting && id) void options.cancel(id).catch(() => undefined)
  })

  /** A function ref for the element that takes focus back at the form. */
  function headingRef(el: Element | ComponentPublicInstance | null): void {
    heading.value = el instanceof HTMLElement ? el : null
  }

  /** A function ref for the element that takes focus while waiting. */
  function waitingHeadingRef(
    el: Element | ComponentPublicInstance | null,
  ): void {
    waitingHeading.value = el instanceof HTMLElement ? el : null
  }

  return {
    step,
    started,
    formErrors,
    failure,
    headingRef,
    waitingHeadingRef,
    busy,
    submit,
    cancel,
    backToForm,
  }
}
