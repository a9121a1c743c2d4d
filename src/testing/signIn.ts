import { mount, type VueWrapper } from '@vue/test-utils'
import type { Component } from 'vue'
import { createMemoryHistory } from 'vue-router'
import { fixtureCatalog } from '@/catalog/__fixtures__/catalog'
import { i18n } from '@/i18n/i18n'
import { createAppRouter } from '@/router'
import { fakeApi, freshPinia, type FakeAnswer } from './harness'

/**
 * Mounts a sign-in method component (Mobile-ID, Smart-ID) on the sign-in
 * page's route, with a fast poll and the API answering as told (nobody is
 * signed in unless told otherwise). Unmount the wrapper after the test.
 */
export async function mountSignInMethod(
  component: Component,
  answers: Record<string, FakeAnswer | FakeAnswer[]>,
  path = '/sign-in?redirect=/services/child-benefit',
): Promise<{
  wrapper: VueWrapper
  router: ReturnType<typeof createAppRouter>
  calls: string[]
}> {
  const calls = fakeApi({
    'GET /session': { body: { user: null } },
    ...answers,
  })
  const router = createAppRouter(fixtureCatalog(), createMemoryHistory())
  await router.push(path)
  const wrapper = mount(component, {
    props: { pollIntervalMs: 20 },
    attachTo: document.body,
    global: { plugins: [freshPinia(), i18n, router] },
  })
  return { wrapper, router, calls }
}

/** The text of the element that has focus. */
export function focusedText(): string {
  return document.activeElement?.textContent?.trim() ?? ''
}
