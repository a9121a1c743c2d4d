import { baseCompile } from '@intlify/message-compiler'
import vue from '@vitejs/plugin-vue'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib'
import { defineConfig, type Plugin } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'

const alias = {
  '@': fileURLToPath(new URL('./src', import.meta.url)),
  '@common': fileURLToPath(new URL('./common', import.meta.url)),
}

const apiTarget = `http://127.0.0.1:${process.env.PORT ?? 8080}`

/** Colours shared by the web manifest and index.html's theme-color. */
const BRAND = '#0a4a8f'
const BACKGROUND = '#ffffff'

const MODULE_PAGE = /[\\/]services-catalog[\\/]([a-z0-9-]+)[\\/]pages[\\/]/
const MODULE_LOCALE =
  /[\\/]services-catalog[\\/]([a-z0-9-]+)[\\/]locales[\\/]([a-z]+)\.json/

/**
 * Names the lazy chunk a module belongs to: all of a module's pages share
 * `service-<id>`, and each of its translation files is `service-<id>-<lang>`,
 * so a citizen downloads only the module and language they open.
 */
function serviceChunkName(fileId: string): string | null {
  const page = MODULE_PAGE.exec(fileId)
  if (page) return `service-${page[1]}`
  const locale = MODULE_LOCALE.exec(fileId)
  if (locale) return `service-${locale[1]}-${locale[2]}`
  return null
}

const LOCALE_FILE =
  /[\\/](src[\\/]i18n|services-catalog[\\/][a-z0-9-]+)[\\/]locales[\\/][a-z]+\.json$/

/** Compiles every message string in a locale tree to vue-i18n's AST. */
function compileMessages(value: unknown, path: string): unknown {
  if (typeof value === 'string') {
    const problems: string[] = []
    const { ast } = baseCompile(value, {
      jit: true,
      location: false,
      minify: true,
      onError: (error) => problems.push(error.message),
    })
    if (problems.length > 0) {
      throw new Error(`message '${path}': ${problems.join('; ')}`)
    }
    return ast
  }
  if (Array.isArray(value)) {
    return value.map((item, index) =>
      compileMessages(item, `${path}[${index}]`),
    )
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        compileMessages(item, path ? `${path}.${key}` : key),
      ]),
    )
  }
  return value
}

/**
 * Precompiles the shell's and every module's `locales/*.json` at build
 * time, so the browser needs no message compiler (smaller first load) and
 * a broken message fails the build, naming its key. The output is still
 * JSON: the AST objects vue-i18n formats directly, without eval.
 */
function precompileMessages(): Plugin {
  return {
    name: 'portal:precompile-messages',
    enforce: 'pre',
    transform(code, id) {
      const file = id.split('?')[0] ?? id
      if (!LOCALE_FILE.test(file)) return undefined
      try {
        return JSON.stringify(compileMessages(JSON.parse(code), ''))
      } catch (error) {
        this.error(`${file}: ${(error as Error).message}`)
      }
    },
  }
}

const VUE_I18N_BUNDLE =
  /[\\/]node_modules[\\/]vue-i18n[\\/]dist[\\/][^\\/]+\.mjs$/
const DYNAMIC_VUE_LOOKUP =
  /const key = 'currentInstance';\s*if \(key in Vue\) \{\s*return Vue\[key\];\s*\}\s*else \{\s*(return Vue\.getCurrentInstance\(\);)\s*\}/

/**
 * vue-i18n looks up `Vue['currentInstance']` by a computed key, which makes
 * the bundler keep all of Vue (SSR, hydration, custom elements, ...) for
 * nothing: Vue does not export `currentInstance`, so the lookup always falls
 * through to `getCurrentInstance()`. Calling that directly lets Vue be
 * tree-shaken. If a vue-i18n update changes the code, the build warns and
 * stays correct, only larger.
 */
function treeShakeableVueI18n(): Plugin {
  return {
    name: 'portal:tree-shakeable-vue-i18n',
    apply: 'build',
    transform(code, id) {
      if (!VUE_I18N_BUNDLE.test(id) || !code.includes("'currentInstance'")) {
        return undefined
      }
      if (!DYNAMIC_VUE_LOOKUP.test(code)) {
        this.warn('vue-i18n changed: all of Vue stays in the bundle.')
        return undefined
      }
      return { code: code.replace(DYNAMIC_VUE_LOOKUP, '$1'), map: null }
    },
  }
}

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest)$/
/** Below this, compression saves less than its headers cost. */
const COMPRESS_MIN_BYTES = 1024

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

/**
 * Writes a Brotli (`.br`) and a gzip (`.gz`) copy beside every text file
 * of the build, once, at build time; the server sends the one the browser
 * accepts (server/plugins/staticFiles.ts). Runs after the service worker
 * is generated, so `sw.js` and the Workbox runtime are compressed too.
 */
function precompressAssets(): Plugin {
  let outDir = ''
  return {
    name: 'portal:precompress-assets',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir)
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        for (const file of filesUnder(outDir)) {
          if (!COMPRESSIBLE.test(file) || file.includes('/.vite/')) continue
          const content = readFileSync(file)
          if (content.length < COMPRESS_MIN_BYTES) continue
          writeFileSync(
            `${file}.br`,
            brotliCompressSync(content, {
              params: {
                [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
                [zlib.BROTLI_PARAM_SIZE_HINT]: content.length,
              },
            }),
          )
          writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }))
        }
      },
    },
  }
}

const SHELL_LOCALE = /[\\/]src[\\/]i18n[\\/]locales[\\/][a-z]+\.json$/

/**
 * Lets the browser fetch the shell's texts while it fetches the entry,
 * instead of only after running it: the first page cannot show without
 * them. Every language is hinted, as only the running app knows which one
 * it needs; they are small, and the service worker fetches them all anyway.
 */
function preloadShellTexts(): Plugin {
  return {
    name: 'portal:preload-shell-texts',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        return Object.values(bundle ?? {})
          .filter(
            (chunk) =>
              chunk.type === 'chunk' &&
              SHELL_LOCALE.test(chunk.facadeModuleId ?? ''),
          )
          .map((chunk) => ({
            tag: 'link',
            attrs: {
              rel: 'modulepreload',
              crossorigin: true,
              href: `/${chunk.fileName}`,
            },
            injectTo: 'head' as const,
          }))
      },
    },
  }
}

/** Only same-origin `/api/catalog`: public data, safe to keep for offline. */
function isCatalogRequest(options: { url: URL; sameOrigin: boolean }) {
  return options.sameOrigin && options.url.pathname === '/api/catalog'
}

/** Every other same-origin API call: personal, never cached. */
function isApiRequest(options: { url: URL; sameOrigin: boolean }) {
  return options.sameOrigin && options.url.pathname.startsWith('/api/')
}

export default defineConfig({
  plugins: [
    precompileMessages(),
    treeShakeableVueI18n(),
    vue(),
    VitePWA({
      injectRegister: false,
      registerType: 'prompt',
      strategies: 'generateSW',
      includeAssets: ['favicon.svg', 'icons/*.png', 'icons/*.svg'],
      manifest: {
        id: '/',
        name: 'Citizen Portal – Kodanikuportaal',
        short_name: 'Citizen Portal',
        description:
          'State e-services for citizens and e-residents in one place.',
        lang: 'et',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: BRAND,
        background_color: BACKGROUND,
        categories: ['government', 'utilities'],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: '/icons/maskable-192.png',
            sizes: '192x192',
            type: 'image/png',
            purpose: 'maskable',
          },
          {
            src: '/icons/maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api(\/|$)/],
        cleanupOutdatedCaches: true,
        runtimeCaching: [
          {
            urlPattern: isCatalogRequest,
            handler: 'NetworkFirst',
            options: {
              cacheName: 'api-catalog',
              networkTimeoutSeconds: 3,
              expiration: { maxEntries: 4, maxAgeSeconds: 7 * 24 * 60 * 60 },
              cacheableResponse: { statuses: [200] },
            },
          },
          { urlPattern: isApiRequest, handler: 'NetworkOnly' },
        ],
      },
    }),
    preloadShellTexts(),
    precompressAssets(),
  ],
  resolve: { alias },
  define: {
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'true',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
    __INTLIFY_DROP_MESSAGE_COMPILER__: 'true',
  },
  server: {
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    target: 'es2022',
    // .vite/manifest.json: which files each entry loads, for the bundle
    // budget (scripts/bundle) and the benchmark.
    manifest: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // A module's chunk holds its own files only; what it imports
            // from the shell (Vue, the kit) stays in the shell's chunk.
            {
              name: serviceChunkName,
              debugName: 'service-modules',
              test: /[\\/]services-catalog[\\/]/,
              includeDependenciesRecursively: false,
            },
            // Everything the first page needs in one file: fewer requests
            // and better compression than several shared chunks.
            { name: 'shell', tags: ['$initial'] },
          ],
        },
      },
    },
  },
})
