/**
 * Everything a service module's pages may use from the shell, in one place:
 *
 *     import { useModuleI18n, http, ErrorSummary } from '@/moduleKit'
 *
 * Modules use these instead of their own HTTP clients, live regions, error
 * texts or form controls, so every module behaves the same for citizens.
 * Pages are written with `<script setup>` (the Options API is compiled out).
 */
export { http } from '@/api/http'
export {
  describeApiError,
  hasErrorCode,
  type ApiProblem,
  type FieldProblem,
} from '@/api/errors'
export type { SessionUser } from '@/api/session'
export { apiErrorText, fieldErrorTexts } from '@/i18n/apiErrorText'
export { useModuleI18n, type ModuleI18n } from '@/composables/useModuleI18n'
export { useFormDirty } from '@/composables/useFormDirty'
export {
  useApiResource,
  type ApiResource,
  type ResourceState,
} from '@/composables/useApiResource'
export {
  formatDateTime,
  PORTAL_TIME_ZONE,
  useFormat,
} from '@/composables/useFormat'
export { useTranslated } from '@/composables/useTranslated'
export { useAnnouncerStore, type Politeness } from '@/stores/announcer'
export { useSessionStore } from '@/stores/session'
export { modulePath, moduleRouteName } from '@/router/routes'
export { default as ErrorSummary } from '@/components/form/ErrorSummary.vue'
export { default as FormTextInput } from '@/components/form/FormTextInput.vue'
export { default as FormTextarea } from '@/components/form/FormTextarea.vue'
export { default as FormRadios } from '@/components/form/FormRadios.vue'
export { default as LoadingState } from '@/components/LoadingState.vue'
export type { ErrorSummaryItem, RadioOption } from '@/components/form/types'
