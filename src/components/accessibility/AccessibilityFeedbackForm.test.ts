import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import { i18n } from '@/i18n/i18n'
import { useFormDirtyStore } from '@/stores/formDirty'
import { fakeApi, freshPinia, sentBodies, useLanguage } from '@/testing/harness'
import AccessibilityFeedbackForm from './AccessibilityFeedbackForm.vue'

function mountForm(initialPage = '') {
  return mount(AccessibilityFeedbackForm, {
    props: { initialPage },
    attachTo: document.body,
    global: { plugins: [freshPinia(), i18n] },
  })
}

describe('AccessibilityFeedbackForm', () => {
  beforeEach(() => useLanguage('en'))

  it('lists what is missing in the summary and at each field', async () => {
    const calls = fakeApi({})
    const wrapper = mountForm()
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    const links = wrapper.findAll('.error-summary a')
    expect(links.map((a) => a.text())).toEqual([
      'Enter the page the problem is on',
      'Describe the problem',
    ])
    expect(links[1]?.attributes('href')).toBe('#feedback-message')
    expect(wrapper.get('#feedback-message').attributes('aria-invalid')).toBe(
      'true',
    )
    expect(document.activeElement?.classList.contains('error-summary')).toBe(
      true,
    )
    expect(calls).toEqual([])
    wrapper.unmount()
  })

  it('sends the report in the current language and shows the reference', async () => {
    fakeApi({ 'POST /feedback': { status: 201, body: { id: 'A11Y-42' } } })
    const wrapper = mountForm('/services/child-benefit')
    await wrapper.get('#feedback-message').setValue('The table has no headers')
    expect(useFormDirtyStore().anyDirty).toBe(true)

    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.text()).toContain('Thank you, your report was sent')
    expect(wrapper.text()).toContain('A11Y-42')
    expect(document.activeElement?.tagName).toBe('H3')
    expect(useFormDirtyStore().anyDirty).toBe(false)
    expect(sentBodies()).toEqual([
      {
        page: '/services/child-benefit',
        message: 'The table has no headers',
        language: 'en',
      },
    ])
    wrapper.unmount()
  })

  it('shows the server’s field problems the same way', async () => {
    fakeApi({
      'POST /feedback': {
        status: 400,
        body: {
          error: {
            code: 'VALIDATION_FAILED',
            message: 'x',
            details: [{ field: 'contact', problem: 'too_long' }],
          },
        },
      },
    })
    const wrapper = mountForm('/')
    await wrapper.get('#feedback-message').setValue('Cannot zoom')
    await wrapper.get('#feedback-contact').setValue('me')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('.error-summary a').text()).toBe(
      'This answer is too long',
    )
    expect(wrapper.get('#feedback-contact-error').text()).toContain(
      'This answer is too long',
    )
    wrapper.unmount()
  })

  it('explains a failure to send without losing what was typed', async () => {
    fakeApi({})
    const wrapper = mountForm('/')
    await wrapper.get('#feedback-message').setValue('Focus is lost')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('.error-summary').text()).toContain(
      'could not be reached',
    )
    expect(
      (wrapper.get('#feedback-message').element as HTMLTextAreaElement).value,
    ).toBe('Focus is lost')
    wrapper.unmount()
  })
})
