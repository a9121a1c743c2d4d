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
 * How long a page change stays in the polite region before a status that
 * came meanwhile ("Your documents have loaded.") takes its place, so both
 * are read: data that loads quickly would otherwise silence the page change.
 */
export const PAGE_HOLD_MS = 500

/**
 * The portal's one announcer: the texts of a polite and an assertive live
 * region that the shell renders once (LiveAnnouncer). The shell announces
 * page changes here (`announcePage`); service modules announce their own
 * async status ("Saving…", "Saved") with `announce`, never with live regions
 * of their own.
 */
export const useAnnouncerStore = defineStore('announcer', () => {
  const polite = ref('')
  const assertive = ref('')
  const timers: Record<Politeness, ReturnType<typeof setTimeout> | undefined> =
    { polite: undefined, assertive: undefined }
  // While a page change is being said, the latest polite status waits here.
  let pageHeld = false
  let waiting: string | null = null

  function region(politeness: Politeness) {
    return politeness === 'polite' ? polite : assertive
  }

  function write(
    politeness: Politeness,
    message: string,
    then?: () => void,
  ): void {
    const text = region(politeness)
    clearTimeout(timers[politeness])
    text.value = ''
    timers[politeness] = setTimeout(() => {
      text.value = message
      then?.()
    }, ANNOUNCE_DELAY_MS)
  }

  /**
   * Says a message to screen reader users. Of messages sent in quick
   * succession only the latest is said, but never instead of a page change.
   * @param message the text, already translated
   * @param politeness `assertive` only for errors that need action now
   */
  function announce(message: string, politeness: Politeness = 'polite') {
    if (politeness === 'polite' && pageHeld) {
      waiting = message
      return
    }
    write(politeness, message)
  }

  /**
   * Says that a page opened. It replaces what the page before was saying,
   * and is said in full before the new page's first status.
   */
  function announcePage(message: string) {
    pageHeld = true
    waiting = null
    write('polite', message, () => {
      timers.polite = setTimeout(() => {
        pageHeld = false
        const next = waiting
        waiting = null
        if (next !== null) write('polite', next)
      }, PAGE_HOLD_MS)
    })
  }

  /** Empties both regions, e.g. when what they said no longer holds. */
  function clear() {
    pageHeld = false
    waiting = null
    for (const politeness of ['polite', 'assertive'] as const) {
      clearTimeout(timers[politeness])
      region(politeness).value = ''
    }
  }

  return { polite, assertive, announce, announcePage, clear }
})
