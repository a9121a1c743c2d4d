import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'vite'
import { kB } from '../bundle/fileSize.ts'
import { firstRoute, SHELL_START_LANGUAGE } from '../bundle/firstRoute.ts'
import { ROOT, type BenchSection } from './context.ts'

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head><meta charset="UTF-8" /><title>Baseline</title></head>
  <body><div id="app"></div><script type="module" src="/main.ts"></script></body>
</html>
`

// The smallest app that uses all four libraries the shell is built on.
const MAIN_TS = `import axios from 'axios'
import { createPinia, defineStore } from 'pinia'
import { createApp, defineComponent, h, onMounted, ref } from 'vue'
import { createRouter, createWebHistory, RouterLink, RouterView } from 'vue-router'

const useCounter = defineStore('counter', () => {
  const count = ref(0)
  return { count, add: () => count.value++ }
})

const Home = defineComponent(() => {
  const counter = useCounter()
  return () => h('button', { onClick: counter.add }, String(counter.count))
})
const About = defineComponent(() => () => h('p', 'About'))

const App = defineComponent(() => {
  const status = ref('')
  onMounted(async () => {
    const answer = await axios.get('/api/health')
    status.value = String(answer.status)
  })
  return () =>
    h('div', [
      h(RouterLink, { to: '/about' }, () => 'About'),
      h(RouterView),
      h('p', status.value),
    ])
})

const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', component: Home },
    { path: '/about', component: About },
  ],
})

createApp(App).use(createPinia()).use(router).mount('#app')
`

/**
 * Builds a bare Vue + Pinia + vue-router + axios app with the portal's Vue
 * build flags, in a temporary folder inside the repository so its imports
 * resolve to the portal's own node_modules, and returns its first-route
 * JavaScript, gzipped.
 */
async function baselineJsGzipBytes(): Promise<number> {
  const folder = mkdtempSync(join(ROOT, '.bench-baseline-'))
  try {
    writeFileSync(join(folder, 'index.html'), INDEX_HTML)
    writeFileSync(join(folder, 'main.ts'), MAIN_TS)
    const outDir = join(folder, 'dist')
    await build({
      root: folder,
      configFile: false,
      logLevel: 'warn',
      define: {
        __VUE_OPTIONS_API__: 'false',
        __VUE_PROD_DEVTOOLS__: 'false',
        __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
      },
      build: { outDir, target: 'es2022', manifest: true },
    })
    return firstRoute(outDir).jsGzipBytes
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

/** How many times the framework floor the portal's first route weighs. */
export const baselineSection: BenchSection = {
  id: 'bundle-baseline',
  title: 'Compared with a bare Vue + Pinia + vue-router + axios app',
  async run({ distDir, print }) {
    const baseline = await baselineJsGzipBytes()
    const portal = firstRoute(distDir, SHELL_START_LANGUAGE).jsGzipBytes
    print(`Bare app first-route JS: ${kB(baseline)}`)
    print(`Portal first-route JS (${SHELL_START_LANGUAGE}): ${kB(portal)}`)
    print(`Ratio: ${(portal / baseline).toFixed(2)}×`)
  },
}
