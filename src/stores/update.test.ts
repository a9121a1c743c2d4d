import { mount } from '@vue/test-utils'
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick, ref } from 'vue'
import UpdatePrompt from '@/components/layout/UpdatePrompt.vue'
import { useFormDirty } from '@/composables/useFormDirty'
import { i18n } from '@/i18n/i18n'
import { freshPinia, useLanguage } from '@/testing/harness'
import { useFormDirtyStore } from './formDirty'
import { useUpdateStore } from './update'

beforeAll(() => useLanguage('en'))

describe('useFormDirtyStore', () => {
  beforeEach(() => freshPinia())

  it('is dirty while any registered form has unsent input', () => {
    const forms = useFormDirtyStore()
    expect(forms.anyDirty).toBe(false)
    forms.setDirty('a', true)
    forms.setDirty('b', true)
    forms.setDirty('a', false)
    expect(forms.anyDirty).toBe(true)
    forms.unregister('b')
    expect(forms.anyDirty).toBe(false)
  })

  it('follows a form through useFormDirty and forgets it when it leaves', async () => {
    const typed = ref(false)
    const wrapper = mount(
      {
        setup() {
          useFormDirty(typed, 'feedback')
          return () => null
        },
      },
      { global: { plugins: [freshPinia()] } },
    )
    const forms = useFormDirtyStore()
    expect(forms.anyDirty).toBe(false)
    typed.value = true
    await nextTick()
    expect(forms.dirty).toEqual({ feedback: true })
    wrapper.unmount()
    expect(forms.anyDirty).toBe(false)
  })
})

describe('useUpdateStore', () => {
  let activate: ReturnType<typeof vi.fn<() => Promise<void>>>
  let reload: ReturnType<typeof vi.fn<() => void>>

  beforeEach(() => {
    freshPinia()
    activate = vi.fn<() => Promise<void>>(async () => {})
    reload = vi.fn<() => void>()
    useUpdateStore().connect({ activate, reload })
  })

  it('activates the new version when asked and nothing is unsent', async () => {
    const update = useUpdateStore()
    update.offer()
    expect(await update.apply()).toBe('reloading')
    expect(activate).toHaveBeenCalledOnce()
    update.controllerChanged()
    expect(reload).toHaveBeenCalledOnce()
  })

  it('asks first when a form has unsent input', async () => {
    useFormDirtyStore().setDirty('feedback', true)
    const update = useUpdateStore()
    update.offer()
    expect(await update.apply()).toBe('confirm')
    expect(update.confirming).toBe(true)
    expect(activate).not.toHaveBeenCalled()

    expect(await update.apply(true)).toBe('reloading')
    expect(activate).toHaveBeenCalledOnce()
  })

  it('never reloads by itself over unsent input', () => {
    useFormDirtyStore().setDirty('feedback', true)
    const update = useUpdateStore()
    // Another tab activated the new version.
    update.controllerChanged()
    expect(reload).not.toHaveBeenCalled()
    expect(update.available).toBe(true)
  })

  it('follows another tab’s update at once when nothing would be lost', () => {
    useUpdateStore().controllerChanged()
    expect(reload).toHaveBeenCalledOnce()
  })

  it('only reloads when the version is already active', async () => {
    useFormDirtyStore().setDirty('feedback', true)
    const update = useUpdateStore()
    update.controllerChanged()
    await update.apply(true)
    expect(activate).not.toHaveBeenCalled()
    expect(reload).toHaveBeenCalledOnce()
  })
})

describe('UpdatePrompt', () => {
  it('offers the new version in a status region and warns about unsent input', async () => {
    const pinia = freshPinia()
    const activate = vi.fn(async () => {})
    const update = useUpdateStore()
    update.connect({ activate, reload: vi.fn() })
    const wrapper = mount(UpdatePrompt, {
      attachTo: document.body,
      global: { plugins: [pinia, i18n] },
    })
    expect(wrapper.get('[role="status"]').text()).toBe('')

    update.offer()
    await nextTick()
    expect(wrapper.text()).toContain(
      'A new version of the portal is available.',
    )

    useFormDirtyStore().setDirty('feedback', true)
    await wrapper.get('button').trigger('click')
    await nextTick()
    expect(activate).not.toHaveBeenCalled()
    expect(wrapper.text()).toContain(
      'Reloading now will lose what you have typed',
    )
    expect(document.activeElement?.textContent?.trim()).toBe('Reload anyway')

    await wrapper.get('button').trigger('click')
    expect(activate).toHaveBeenCalledOnce()
    wrapper.unmount()
  })
})
