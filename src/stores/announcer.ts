import { defineStore } from 'pinia'
import { ref } from 'vue'

/** How urgent an announcement is: `polite` waits, `assertive` interrupts. */
export type Politeness = 'polite' | 'assertive'

/**
 * Screen readers notice a live region only when its text changes, so each
 * announcement first empties the region and writes the text a moment later.
 * This also lets the same message be announced twice in a row.
 */
export const ANNOUNCE_DELAY_MS = 100

/**
 * The portal's one announcer: the texts of a polite and an assertive live
 * region that the shell renders once (LiveAnnouncer). The shell announces
 * page changes here; service modules announce their own async status
 * ("Saving…", "Saved") with `announce`, never with live regions of their own.
 */
export const useAnnouncerStore = defineStore('announcer', () => {
  const polite = ref('')
  const assertive = ref('')
  const timers: Record<Politeness, ReturnType<typeof setTimeout> | undefined> =
    { polite: undefined, assertive: undefined }

  function region(politeness: Politeness) {
    return politeness === 'polite' ? polite : assertive
  }

  /**
   * Says a message to screen reader users.
   * @param message the text, already translated
   * @param politeness `assertive` only for errors that need action now
   */
  function announce(message: string, politeness: Politeness = 'polite') {
    const text = region(politeness)
    clearTimeout(timers[politeness])
    text.value = ''
    timers[politeness] = setTimeout(() => {
      text.value = message
    }, ANNOUNCE_DELAY_MS)
  }

  /** Empties both regions, e.g. when what they said no longer holds. */
  function clear() {
    for (const politeness of ['polite', 'assertive'] as const) {
      clearTimeout(timers[politeness])
      region(politeness).value = ''
    }
  }

  return { polite, assertive, announce, clear }
})
