import { defineStore } from 'pinia'
import { computed, ref } from 'vue'

/**
 * Which forms on screen hold input the citizen has not sent yet. Forms
 * register through `useFormDirty`; the update prompt and the page-leave
 * warning read `anyDirty`, so an update never wipes out what someone typed.
 */
export const useFormDirtyStore = defineStore('formDirty', () => {
  const dirty = ref<Record<string, true>>({})

  /** True while at least one form has unsent input. */
  const anyDirty = computed(() => Object.keys(dirty.value).length > 0)

  /** Records whether the form with this id has unsent input. */
  function setDirty(formId: string, isDirty: boolean) {
    if (isDirty) {
      dirty.value = { ...dirty.value, [formId]: true }
    } else if (formId in dirty.value) {
      const rest = { ...dirty.value }
      delete rest[formId]
      dirty.value = rest
    }
  }

  /** Forgets a form, e.g. when it leaves the screen. */
  function unregister(formId: string) {
    setDirty(formId, false)
  }

  return { dirty, anyDirty, setDirty, unregister }
})
