import { randomBytes, randomUUID } from 'node:crypto'

/** Identifiers shaped like Neon's: `adjective-noun-12345678`, `br-adjective-noun-a1b2c3d4`, `npg_…` passwords. */

const ADJECTIVES = [
  'aged',
  'autumn',
  'billowing',
  'bitter',
  'black',
  'blue',
  'bold',
  'broad',
  'calm',
  'cold',
  'cool',
  'crimson',
  'curly',
  'damp',
  'dark',
  'dawn',
  'delicate',
  'divine',
  'dry',
  'empty',
  'falling',
  'fancy',
  'flat',
  'floral',
  'fragrant',
  'frosty',
  'gentle',
  'green',
  'hidden',
  'holy',
  'icy',
  'jolly',
  'late',
  'lingering',
  'little',
  'lively',
  'long',
  'lucky',
  'misty',
  'morning',
  'muddy',
  'mute',
  'nameless',
  'noisy',
  'odd',
  'old',
  'orange',
  'patient',
  'plain',
  'polished',
  'proud',
  'purple',
  'quiet',
  'rapid',
  'raspy',
  'red',
  'restless',
  'rough',
  'round',
  'royal',
  'shiny',
  'shy',
  'silent',
  'small',
  'snowy',
  'soft',
  'solitary',
  'sparkling',
  'spring',
  'square',
  'steep',
  'still',
  'summer',
  'super',
  'sweet',
  'throbbing',
  'tight',
  'tiny',
  'twilight',
  'wandering',
  'weathered',
  'white',
  'wild',
  'winter',
  'wispy',
  'withered',
  'yellow',
  'young'
]

const NOUNS = [
  'art',
  'band',
  'bar',
  'base',
  'bird',
  'block',
  'boat',
  'bonus',
  'bread',
  'breeze',
  'brook',
  'bush',
  'butterfly',
  'cake',
  'cell',
  'cherry',
  'cloud',
  'credit',
  'darkness',
  'dawn',
  'dew',
  'disk',
  'dream',
  'dust',
  'feather',
  'field',
  'fire',
  'firefly',
  'flower',
  'fog',
  'forest',
  'frog',
  'frost',
  'glade',
  'glitter',
  'grass',
  'hall',
  'hat',
  'haze',
  'heart',
  'hill',
  'king',
  'lab',
  'lake',
  'leaf',
  'limit',
  'math',
  'meadow',
  'mode',
  'moon',
  'morning',
  'mountain',
  'mouse',
  'mud',
  'night',
  'paper',
  'pine',
  'poetry',
  'pond',
  'queen',
  'rain',
  'recipe',
  'resonance',
  'rice',
  'river',
  'salad',
  'scene',
  'sea',
  'shadow',
  'shape',
  'silence',
  'sky',
  'smoke',
  'snow',
  'snowflake',
  'sound',
  'star',
  'sun',
  'sunset',
  'surf',
  'term',
  'thunder',
  'tooth',
  'tree',
  'truth',
  'union',
  'unit',
  'violet',
  'voice',
  'water',
  'waterfall',
  'wave',
  'wildflower',
  'wind',
  'wood'
]

function pick<T>(items: readonly T[]): T {
  return items[randomBytes(4).readUInt32BE(0) % items.length]
}

function words(): string {
  return `${pick(ADJECTIVES)}-${pick(NOUNS)}`
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

function alnum(length: number): string {
  const bytes = randomBytes(length)
  return Array.from(bytes, (b) => ALNUM[b % ALNUM.length]).join('')
}

/** `shiny-wind-02883412`: Neon project ids end in 8 digits. */
export function projectId(): string {
  const digits = String(randomBytes(4).readUInt32BE(0) % 100_000_000).padStart(8, '0')
  return `${words()}-${digits}`
}

function prefixed(prefix: string): string {
  return `${prefix}-${words()}-${randomBytes(4).toString('hex')}`
}

export const branchId = (): string => prefixed('br')
export const endpointId = (): string => prefixed('ep')
export const snapshotId = (): string => prefixed('snap')
export const operationId = (): string => randomUUID()
export const requestId = (): string => randomUUID()

/** Neon role passwords look like `npg_` plus 12 alphanumerics: safe in URIs and SQL literals. */
export const password = (): string => `npg_${alnum(12)}`

/** Neon API keys are 64 alphanumerics. */
export const apiKey = (): string => alnum(64)
