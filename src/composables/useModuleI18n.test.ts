import { mount } from '@vue/test-utils'
import { beforeAll, describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'
import { fixtureCatalog } from '@/catalog/__fixtures__/catalog'
import { i18n } from '@/i18n/i18n'
import { loadModuleMessages } from '@/i18n/moduleMessages'
import { useSettingsStore } from '@/stores/settings'
import { apiFailure, freshPinia, useLanguage } from '@/testing/harness'
import { useModuleI18n, type ModuleI18n } from './useModuleI18n'

let api!: ModuleI18n

const Page = defineComponent({
  setup() {
    api = useModuleI18n('child-benefit')
    return () => h('h1', api.t('intro', { count: 3 }))
  },
})

describe('useModuleI18n', () => {
  beforeAll(async () => {
    await useLanguage('en')
    await loadModuleMessages(fixtureCatalog(), 'child-benefit', 'en')
  })

  it('reads the module’s messages with placeholders', () => {
    const wrapper = mount(Page, { global: { plugins: [freshPinia(), i18n] } })
    expect(wrapper.text()).toBe('You have 3 children the benefit is paid for.')
    expect(api.has('check')).toBe(true)
    expect(api.has('missing')).toBe(false)
  })

  it('follows a language switch, loading the module’s texts too', async () => {
    const wrapper = mount(Page, { global: { plugins: [freshPinia(), i18n] } })
    await useSettingsStore().setLanguage('ru')
    await nextTick()
    expect(wrapper.text()).toBe('Пособие выплачивается на 3 ваших детей.')
    expect(api.language.value).toBe('ru')
    expect(
      api.translated({ et: 'Lapsetoetus', en: 'Child benefit', ru: 'Пособие' }),
    ).toBe('Пособие')
    await useSettingsStore().setLanguage('en')
  })

  it('turns the module’s own error codes into its text', () => {
    mount(Page, { global: { plugins: [freshPinia(), i18n] } })
    const error = apiFailure(409, {
      error: { code: 'CHILD_BENEFIT_NOT_ELIGIBLE', message: 'raw' },
    })
    expect(api.errorText(error)).toBe(
      'You cannot get child benefit at the moment.',
    )
  })
})
