import { createPinia } from 'pinia'
import { createApp } from 'vue'
import { observeHttp } from '@/api/http'
import { catalog } from '@/catalog'
import { i18n } from '@/i18n/i18n'
import { registerServiceWorker } from '@/pwa/registerServiceWorker'
import { createAppRouter } from '@/router'
import { useNetworkStore } from '@/stores/network'
import { resettableStores } from '@/stores/reset'
import { useSessionStore } from '@/stores/session'
import { useSettingsStore } from '@/stores/settings'
import App from './App.vue'
import './styles/main.css'

async function start(): Promise<void> {
  const pinia = createPinia()
  pinia.use(resettableStores)
  const app = createApp(App).use(pinia).use(i18n)

  // Texts first, so the first paint is already in the right language.
  await useSettingsStore(pinia).apply()

  const network = useNetworkStore(pinia)
  const session = useSessionStore(pinia)
  // Back in touch with the server: learn who is signed in, if we could not.
  const recheckSession = () => {
    if (session.status === 'failed') void session.ensureLoaded()
  }
  window.addEventListener('online', () => {
    network.setBrowserOnline(true)
    recheckSession()
  })
  window.addEventListener('offline', () => network.setBrowserOnline(false))
  observeHttp({
    reachable: () => {
      network.setServerReachable(true)
      recheckSession()
    },
    unreachable: () => network.setServerReachable(false),
    signInRequired: () => session.expire(),
    sessionIdleExpiresIn: (seconds) => session.noteIdleExpiresIn(seconds),
  })

  const router = createAppRouter(catalog)
  app.use(router)
  void session.ensureLoaded()
  await router.isReady()
  app.mount('#app')

  if (import.meta.env.PROD) registerServiceWorker()
}

/**
 * If the shell itself cannot start (its texts or code failed to download),
 * say so in all three languages instead of leaving a blank page.
 */
function showStartFailure(): void {
  const root = document.getElementById('app')
  if (!root) return
  const message = document.createElement('p')
  message.className = 'start-failure'
  message.textContent =
    'Portaali ei õnnestunud avada. Kontrollige ühendust ja laadige leht uuesti. ' +
    '· The portal could not be opened. Check your connection and reload. ' +
    '· Не удалось открыть портал. Проверьте подключение и обновите страницу.'
  root.replaceChildren(message)
}

start().catch(showStartFailure)
