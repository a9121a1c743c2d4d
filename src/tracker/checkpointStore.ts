/**
 * Where the browser keeps the last checkpoint it verified of each log, so
 * the next visit can check that the log only grew. Notes are public.
 */
export interface CheckpointStore {
  get(origin: string): Promise<string | undefined>
  put(origin: string, note: string): Promise<void>
}

/** A store in memory: for tests, and when IndexedDB is unavailable. */
export function memoryCheckpointStore(): CheckpointStore {
  const notes = new Map<string, string>()
  return {
    get: (origin) => Promise.resolve(notes.get(origin)),
    put(origin, note) {
      notes.set(origin, note)
      return Promise.resolve()
    },
  }
}

const STORE = 'checkpoints'

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error ?? new Error('IndexedDB failed'))
  })
}

/**
 * The last checkpoint per log in IndexedDB (database `name`, one object
 * store keyed by origin). `factory` is the browser's indexedDB unless a
 * test passes another.
 */
export function indexedDbCheckpointStore(
  name = 'citizen-portal-tracker',
  factory: IDBFactory = indexedDB,
): CheckpointStore {
  let opened: Promise<IDBDatabase> | undefined
  const open = () => {
    opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = factory.open(name, 1)
      req.onupgradeneeded = () => req.result.createObjectStore(STORE)
      req.onsuccess = () => resolve(req.result)
      req.onerror = () => {
        opened = undefined
        reject(req.error ?? new Error('IndexedDB did not open'))
      }
    })
    return opened
  }
  const objectStore = async (mode: IDBTransactionMode) =>
    (await open()).transaction(STORE, mode).objectStore(STORE)
  return {
    async get(origin) {
      const value: unknown = await request(
        (await objectStore('readonly')).get(origin),
      )
      return typeof value === 'string' ? value : undefined
    },
    async put(origin, note) {
      await request((await objectStore('readwrite')).put(note, origin))
    },
  }
}
