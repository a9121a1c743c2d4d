import { mount } from '@vue/test-utils'
import { beforeAll, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import LoadingState from '@/components/LoadingState.vue'
import { i18n } from '@/i18n/i18n'
import { ANNOUNCE_DELAY_MS, useAnnouncerStore } from '@/stores/announcer'
import { useNetworkStore } from '@/stores/network'
import { freshPinia, settle, useLanguage } from '@/testing/harness'
import OfflineNotice from './OfflineNotice.vue'

beforeAll(() => useLanguage('en'))

describe('OfflineNotice', () => {
  it('stays an empty status region while all is well', () => {
    const wrapper = mount(OfflineNotice, {
      global: { plugins: [freshPinia(), i18n] },
    })
    expect(wrapper.get('[role="status"]').text()).toBe('')
  })

  it('says when the device is offline', async () => {
    const wrapper = mount(OfflineNotice, {
      global: { plugins: [freshPinia(), i18n] },
    })
    useNetworkStore().setBrowserOnline(false)
    await nextTick()
    expect(wrapper.get('[role="status"]').text()).toContain('You are offline')
  })

  it('says when the server does not answer, and clears once back online', async () => {
    const wrapper = mount(OfflineNotice, {
      global: { plugins: [freshPinia(), i18n] },
    })
    const network = useNetworkStore()
    network.setServerReachable(false)
    await nextTick()
    expect(wrapper.text()).toContain('server cannot be reached')
    network.setBrowserOnline(true)
    await nextTick()
    expect(wrapper.text()).toBe('')
  })
})

describe('LoadingState', () => {
  it('shows and announces what is loading', async () => {
    const wrapper = mount(LoadingState, {
      props: { label: 'Loading your payments' },
      global: { plugins: [freshPinia(), i18n] },
    })
    expect(wrapper.text()).toBe('Loading your payments')
    await settle(ANNOUNCE_DELAY_MS + 20)
    expect(useAnnouncerStore().polite).toBe('Loading your payments')
  })

  it('says “Loading” when not told what', () => {
    const wrapper = mount(LoadingState, {
      global: { plugins: [freshPinia(), i18n] },
    })
    expect(wrapper.text()).toBe('Loading')
  })
})
