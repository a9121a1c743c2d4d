/**
 * Deletes every cached answer of `/api` from Cache Storage. The service
 * worker keeps only the public catalog there, but sign-out clears the lot so
 * nothing of this visit stays behind on a shared device.
 */
export async function clearApiCaches(): Promise<void> {
  if (typeof caches === 'undefined') return
  for (const name of await caches.keys()) {
    const cache = await caches.open(name)
    for (const request of await cache.keys()) {
      if (new URL(request.url).pathname.startsWith('/api/')) {
        await cache.delete(request)
      }
    }
  }
}
