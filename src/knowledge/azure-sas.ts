/**
 * Azure Storage shared access signatures (reference §4.3): a query string with a signed version `sv=`, an expiry
 * `se=`, a signature `sig=`, … ("Create a service SAS", https://learn.microsoft.com/rest/api/storageservices/create-service-sas,
 * and "Create an account SAS"). `se` is "the time at which the shared access signature becomes invalid, expressed
 * in one of the accepted ISO 8601 UTC formats": `YYYY-MM-DD`, `YYYY-MM-DDThh:mm<TZD>`, `YYYY-MM-DDThh:mm:ss<TZD>`
 * ("Formatting DateTime values", https://learn.microsoft.com/rest/api/storageservices/formatting-datetime-values),
 * URL-encoded in a URI (`%3A` for `:`). A request with an expired SAS is refused with HTTP 403 AuthenticationFailed,
 * "Signature not valid in the specified time frame: Start […] - Expiry […] - Current […]" (quoted in
 * microsoft/AzureStorageExplorer#3219).
 */

export interface SasParam {
  /** The value as written (URL-encoded). */
  readonly raw: string;
  /** The value decoded (`%3A` → `:`); the raw text when it does not decode. */
  readonly value: string;
  /** Offset of the value in the token. */
  readonly offset: number;
}

/**
 * The SAS parameters in a piece of text (`https://…?sv=…&se=…&sig=…`, `SharedAccessSignature=sv=…`, `X=sp=r&…`),
 * by name; the first one of each name wins. Only the documented parameter names are read, each after `?`, `&`
 * or `=` (the start of a bare token after a variable's `=`), so the text around the query does not matter.
 */
export function sasParams(token: string): ReadonlyMap<string, SasParam> {
  const out = new Map<string, SasParam>();
  const re = /(?:^|[?&=])(sv|ss|srt|sr|sp|st|se|sip|spr|sig|skoid|sktid|skt|ske|sks|skv|sdd|ses)=([^&#?]*)/g;
  for (let m = re.exec(token); m !== null; m = re.exec(token)) {
    const name = m[1] ?? "";
    const raw = m[2] ?? "";
    if (out.has(name)) continue;
    let value = raw;
    try {
      value = decodeURIComponent(raw);
    } catch {
      // A stray `%`: keep the text as written.
    }
    out.set(name, { raw, value, offset: m.index + m[0].length - raw.length });
  }
  return out;
}

/** Whether the parameters make a SAS: a signed version (a date) and a signature of some length. */
export function isSasToken(params: ReadonlyMap<string, SasParam>): boolean {
  const sv = params.get("sv")?.value ?? "";
  const sig = params.get("sig")?.value ?? "";
  return /^\d{4}-\d{2}-\d{2}$/.test(sv) && sig.length >= 30;
}

/** `se` as epoch milliseconds, for the accepted formats (a time without a designator is read as UTC); else undefined. */
export function sasExpiry(value: string): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?)(Z|[+-]\d{2}:\d{2})?)?$/.exec(value);
  if (!m) return undefined;
  const [, date, time, zone] = m;
  const ms = Date.parse(time === undefined ? `${date}T00:00:00Z` : `${date}T${time}${zone ?? "Z"}`);
  return Number.isNaN(ms) ? undefined : ms;
}
