import {
  getCurrentInstance,
  onBeforeUnmount,
  toValue,
  watch,
  type MaybeRefOrGetter,
} from 'vue'
import { useFormDirtyStore } from '@/stores/formDirty'

let counter = 0

/**
 * Registers a form with the form-dirty registry while it is on screen, so
 * the update prompt never reloads over unsent input and closing the tab
 * asks first. Call it in `setup` with whatever says "something was typed".
 *
 * @param dirty a ref or getter that is true while the form has unsent input
 * @param formId a stable name; one is made up when omitted
 */
export function useFormDirty(
  dirty: MaybeRefOrGetter<boolean>,
  formId = `form-${++counter}`,
): { formId: string } {
  const store = useFormDirtyStore()
  watch(
    () => toValue(dirty),
    (isDirty) => store.setDirty(formId, isDirty),
    { immediate: true },
  )
  if (getCurrentInstance()) onBeforeUnmount(() => store.unregister(formId))
  return { formId }
}
