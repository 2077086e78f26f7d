/** Fast ISO-8601 formatting of epoch milliseconds (UTC); Date#toISOString costs close to a microsecond. */

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);
/** 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: the plain four-digit-year range. */
const MIN = -62167219200000;
const MAX = 253402300799999;

let lastMs = Number.NaN;
let lastIso = '';

/** Same text as `new Date(ms).toISOString()`; '' for a time that is not a number. */
export function isoTime(ms: number): string {
  if (ms === lastMs) return lastIso;
  let iso: string;
  if (!Number.isFinite(ms)) iso = '';
  else if (ms < MIN || ms > MAX || !Number.isInteger(ms)) iso = new Date(ms).toISOString();
  else iso = format(ms);
  lastMs = ms;
  lastIso = iso;
  return iso;
}

/** YYYY-MM-DD of `ms` in UTC. */
export function isoDate(ms: number): string {
  return isoTime(ms).slice(0, 10);
}

function format(ms: number): string {
  const days = Math.floor(ms / 86400000);
  let rest = ms - days * 86400000;
  const hours = Math.floor(rest / 3600000);
  rest -= hours * 3600000;
  const minutes = Math.floor(rest / 60000);
  rest -= minutes * 60000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  // Civil date from days since 1970-01-01 (H. Hinnant's days_from_civil, inverted).
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const y = year < 1000 ? `000${year}`.slice(-4) : `${year}`;
  return `${y}-${pad2(month)}-${pad2(day)}T${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${pad3(millis)}Z`;
}
