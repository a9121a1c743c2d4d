import { mount } from '@vue/test-utils'
import { beforeAll, describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick, ref } from 'vue'
import { i18n } from '@/i18n/i18n'
import { useLanguage } from '@/testing/harness'
import ErrorSummary from './ErrorSummary.vue'
import FormTextInput from './FormTextInput.vue'
import type { ErrorSummaryItem } from './types'

beforeAll(() => useLanguage('en'))

/** A form with two fields and a summary, as a module would write it. */
const Form = defineComponent({
  setup(_, { expose }) {
    const errors = ref<ErrorSummaryItem[]>([])
    expose({ errors })
    return () =>
      h('form', [
        h(ErrorSummary, { errors: errors.value }),
        h(FormTextInput, { id: 'name', label: 'Name' }),
        h(FormTextInput, { id: 'email', label: 'E-mail' }),
      ])
  },
})

function mountForm() {
  return mount(Form, { attachTo: document.body, global: { plugins: [i18n] } })
}

describe('ErrorSummary', () => {
  it('renders nothing while there are no errors', () => {
    const wrapper = mountForm()
    expect(wrapper.find('.error-summary').exists()).toBe(false)
    wrapper.unmount()
  })

  it('shows a heading and an alert with one link per problem', async () => {
    const wrapper = mountForm()
    ;(wrapper.vm as unknown as { errors: ErrorSummaryItem[] }).errors = [
      { text: 'Enter your name', field: 'name' },
      { text: 'The server said no' },
    ]
    await nextTick()

    const summary = wrapper.get('.error-summary')
    expect(summary.get('h2').text()).toBe('There is a problem')
    expect(summary.find('[role="alert"]').exists()).toBe(true)
    expect(summary.attributes('role')).toBe('group')
    expect(summary.attributes('aria-labelledby')).toBe(
      summary.get('h2').attributes('id'),
    )
    const link = summary.get('a')
    expect(link.text()).toBe('Enter your name')
    expect(link.attributes('href')).toBe('#name')
    expect(summary.findAll('li')[1]?.find('a').exists()).toBe(false)
    wrapper.unmount()
  })

  it('takes focus when errors appear, and again on the next failed submit', async () => {
    const wrapper = mountForm()
    const vm = wrapper.vm as unknown as { errors: ErrorSummaryItem[] }
    vm.errors = [{ text: 'Enter your name', field: 'name' }]
    await nextTick()
    await nextTick()
    expect(document.activeElement).toBe(wrapper.get('.error-summary').element)

    ;(document.getElementById('email') as HTMLInputElement).focus()
    vm.errors = [{ text: 'Enter your name', field: 'name' }]
    await nextTick()
    await nextTick()
    expect(document.activeElement).toBe(wrapper.get('.error-summary').element)
    wrapper.unmount()
  })

  it('moves focus to the field when its link is followed', async () => {
    const wrapper = mountForm()
    ;(wrapper.vm as unknown as { errors: ErrorSummaryItem[] }).errors = [
      { text: 'Enter your e-mail', field: 'email' },
    ]
    await nextTick()
    await nextTick()
    await wrapper.get('.error-summary a').trigger('click')
    expect(document.activeElement?.id).toBe('email')
    expect(window.location.hash).toBe('')
    wrapper.unmount()
  })
})

describe('FormTextInput', () => {
  it('ties label, hint and error to the input', () => {
    const wrapper = mount(FormTextInput, {
      props: {
        id: 'code',
        label: 'Personal code',
        hint: '11 digits',
        error: 'Enter 11 digits',
      },
      global: { plugins: [i18n] },
    })
    const input = wrapper.get('input')
    expect(wrapper.get('label').attributes('for')).toBe('code')
    expect(input.attributes('aria-describedby')).toBe('code-hint code-error')
    expect(input.attributes('aria-invalid')).toBe('true')
    expect(wrapper.get('#code-error').text()).toBe('Error: Enter 11 digits')
  })

  it('is not marked invalid without an error', () => {
    const wrapper = mount(FormTextInput, {
      props: { id: 'code', label: 'Personal code' },
      global: { plugins: [i18n] },
    })
    const input = wrapper.get('input')
    expect(input.attributes('aria-invalid')).toBeUndefined()
    expect(input.attributes('aria-describedby')).toBeUndefined()
  })

  it('updates its v-model as the citizen types', async () => {
    const wrapper = mount(FormTextInput, {
      props: {
        label: 'Name',
        modelValue: '',
        'onUpdate:modelValue': (value: string) =>
          wrapper.setProps({ modelValue: value }),
      },
      global: { plugins: [i18n] },
    })
    await wrapper.get('input').setValue('Mari')
    expect(wrapper.props('modelValue')).toBe('Mari')
    expect(wrapper.get('label').attributes('for')).toBe(
      wrapper.get('input').attributes('id'),
    )
  })
})
