/**
 * Values that break a provider's prompt cache when they sit in the static head of a prompt
 * (COST-MODEL.md, "Silent cache breakers in a prefix"), recognised from an interpolation's source text.
 */

/** How often the value changes, which decides what a cache miss costs. */
export type Volatility =
  /** Every request (a timestamp, a random id, a request id): nothing after it is ever read from cache. */
  | 'per-call'
  /** Once a day (today's date): the cache is cold once a day and is never shared across days. */
  | 'daily'
  /** Per user or session (a user id): the cache is not shared across users. */
  | 'per-user'
  /** Serialised objects whose key order may differ between requests. */
  | 'serialised';

/** One kind of cache breaker. */
export interface Breaker {
  volatility: Volatility;
  /** What the value is, for messages ("the current time"). */
  label: string;
}

const DAILY: RegExp[] = [
  /toLocaleDateString\(|toDateString\(/,
  /toISOString\(\)\s*\.\s*(slice|substring|substr)\(\s*0\s*,\s*10\s*\)|toISOString\(\)\s*\.\s*split\(\s*['"]T['"]\s*\)/,
  /format\(\s*new Date\(\)\s*,\s*['"][^'"]*[dD][^'"hHmsS]*['"]\s*\)/,
  /dayjs\(\)\s*\.\s*format\(\s*['"][^'"hHmsS]*['"]\s*\)|moment\(\)\s*\.\s*format\(\s*['"][^'"hHmsS]*['"]\s*\)/,
  /\b(today|currentDate|todayDate|dateToday)\b/,
];
const PER_CALL_TIME = /\bnew Date\(\s*\)|\bDate\.now\(\)|performance\.now\(\)|\.toISOString\(\)|\.toLocale(Time)?String\(|\.toUTCString\(|\.getTime\(\)|\bdayjs\(\)|\bmoment\(\)|\b(now|timestamp|currentTime|current_time)\b/;
const RANDOM = /Math\.random\(\)|randomUUID\(|\buuid(v4|v7)?\(|\bv4\(\)|\bnanoid\(|\bcuid2?\(|\bulid\(|randomBytes\(|createId\(/;
const REQUEST_ID = /\b(request|req|trace|span|correlation|run|call)_?(id|Id|ID)\b|\breq(uest)?\.id\b|\b(traceId|requestId|runId)\b/;
const USER_ID = /\b(user|session|conversation|thread|chat|customer|account|tenant|org|organization|member|client|visitor|device)_?(id|Id|ID|uuid|Uuid)\b|\b(user|session|customer|account|tenant|member|profile|me|currentUser|viewer)\??\.(id|uuid|userId|email)\b/;
const SERIALISED = /JSON\.stringify\(\s*([^)]*)/;
/** JSON of a constant (an UPPER_CASE name, a schema): the same text every time. */
const STABLE_JSON = /^JSON\.stringify\(\s*([A-Z][A-Z0-9_]*|\w*[sS]chema\w*|zodToJsonSchema\()/;

/**
 * The cache breaker an interpolation's expression is, if any.
 * @example breakerOf('new Date().toISOString()') // { volatility: 'per-call', label: 'the current time' }
 * @example breakerOf('user.id') // { volatility: 'per-user', label: 'a user or session id' }
 */
export function breakerOf(expression: string): Breaker | undefined {
  const e = expression.trim();
  if (RANDOM.test(e)) return { volatility: 'per-call', label: 'a random id' };
  if (DAILY.some((re) => re.test(e))) return { volatility: 'daily', label: "today's date" };
  if (PER_CALL_TIME.test(e)) return { volatility: 'per-call', label: 'the current time' };
  if (REQUEST_ID.test(e)) return { volatility: 'per-call', label: 'a request id' };
  if (USER_ID.test(e)) return { volatility: 'per-user', label: 'a user or session id' };
  if (SERIALISED.test(e) && !STABLE_JSON.test(e)) return { volatility: 'serialised', label: 'JSON of an object' };
  return undefined;
}
