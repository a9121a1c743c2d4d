import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import LiveAnnouncer from '@/components/layout/LiveAnnouncer.vue'
import { freshPinia } from '@/testing/harness'
import { ANNOUNCE_DELAY_MS, PAGE_HOLD_MS, useAnnouncerStore } from './announcer'

describe('useAnnouncerStore', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    freshPinia()
  })
  afterEach(() => vi.useRealTimers())

  it('announces politely unless told otherwise', () => {
    const announcer = useAnnouncerStore()
    announcer.announce('Saved')
    vi.advanceTimersByTime(ANNOUNCE_DELAY_MS)
    expect(announcer.polite).toBe('Saved')
    expect(announcer.assertive).toBe('')
  })

  it('puts urgent messages in the assertive region', () => {
    const announcer = useAnnouncerStore()
    announcer.announce('Payment failed', 'assertive')
    vi.advanceTimersByTime(ANNOUNCE_DELAY_MS)
    expect(announcer.assertive).toBe('Payment failed')
    expect(announcer.polite).toBe('')
  })

  it('empties the region first so a repeated message is read again', () => {
    const announcer = useAnnouncerStore()
    announcer.announce('Saved')
    vi.advanceTimersByTime(ANNOUNCE_DELAY_MS)
    announcer.announce('Saved')
    expect(announcer.polite).toBe('')
    vi.advanceTimersByTime(ANNOUNCE_DELAY_MS)
    expect(announcer.polite).toBe('Saved')
  })

  it('says only the latest of messages sent in quick succession', () => {
    const announcer = useAnnouncerStore()
    announcer.announce('Loading')
    announcer.announce('Loaded')
    vi.advanceTimersByTime(ANNOUNCE_DELAY_MS * 2)
    expect(announcer.polite).toBe('Loaded')
  })

  it('says a page change in full before a status that follows at once', () => {
    const announcer = useAnnouncerStore()
    announcer.announcePage('Page opened: My documents')
    announcer.announce('Loading your documents')
    announcer.announce('Your documents have loaded.')
    vi.advanceTimersByTime(ANNOUNCE_DELAY_MS)
    expect(announcer.polite).toBe('Page opened: My documents')

    vi.advanceTimersByTime(PAGE_HOLD_MS)
    expect(announcer.polite).toBe('')
    vi.advanceTimersByTime(ANNOUNCE_DELAY_MS)
    expect(announcer.polite).toBe('Your documents have loaded.')
  })

  it('lets a page change replace what the page before was saying', () => {
    const announcer = useAnnouncerStore()
    announcer.announce('Loading test identities')
    announcer.announcePage('Page opened: E-services')
    vi.advanceTimersByTime(ANNOUNCE_DELAY_MS + PAGE_HOLD_MS * 2)
    expect(announcer.polite).toBe('Page opened: E-services')
  })

  it('keeps errors in the assertive region out of a page change’s way', () => {
    const announcer = useAnnouncerStore()
    announcer.announcePage('Page opened: Sign in')
    announcer.announce('Signing in did not work', 'assertive')
    vi.advanceTimersByTime(ANNOUNCE_DELAY_MS)
    expect(announcer.polite).toBe('Page opened: Sign in')
    expect(announcer.assertive).toBe('Signing in did not work')
  })

  it('clears both regions, including a message still on its way', () => {
    const announcer = useAnnouncerStore()
    announcer.announce('One', 'assertive')
    vi.advanceTimersByTime(ANNOUNCE_DELAY_MS)
    announcer.announce('Two')
    announcer.clear()
    vi.advanceTimersByTime(ANNOUNCE_DELAY_MS)
    expect(announcer.polite).toBe('')
    expect(announcer.assertive).toBe('')
  })

  it('clears a page change and the status waiting behind it', () => {
    const announcer = useAnnouncerStore()
    announcer.announcePage('Page opened: My documents')
    announcer.announce('Your documents have loaded.')
    announcer.clear()
    vi.advanceTimersByTime(ANNOUNCE_DELAY_MS + PAGE_HOLD_MS * 2)
    expect(announcer.polite).toBe('')
  })

  it('is rendered as one polite and one assertive live region', async () => {
    const pinia = freshPinia()
    const wrapper = mount(LiveAnnouncer, { global: { plugins: [pinia] } })
    useAnnouncerStore().announce('Three results')
    vi.advanceTimersByTime(ANNOUNCE_DELAY_MS)
    await wrapper.vm.$nextTick()

    const polite = wrapper.get('[data-testid="announcer-polite"]')
    const assertive = wrapper.get('[data-testid="announcer-assertive"]')
    expect(polite.attributes('aria-live')).toBe('polite')
    expect(assertive.attributes('aria-live')).toBe('assertive')
    expect(polite.text()).toBe('Three results')
    expect(wrapper.findAll('[aria-live]')).toHaveLength(2)
  })
})
