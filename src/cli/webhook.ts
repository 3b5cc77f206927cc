// Posts one JSON body to a webhook (`kept digest --webhook URL`): exactly one attempt with a
// timeout, never retried and never redirected, because a second POST could deliver the digest
// twice. The URL is a secret like a token (Slack and Teams put the credential in the path): it
// is registered for redaction before any request, and no message ever names it.
import { HttpError, UsageError, errorMessage, registerSecret } from '../domain/errors.js';
import { VERSION } from '../version.js';

/** How the URL appears in messages: never the URL itself. */
const WEBHOOK_LABEL = '(the webhook URL)';

export interface WebhookPost {
  readonly url: string;
  readonly body: unknown;
  readonly timeoutMs: number;
  /** Injected in tests; the global fetch (undici) otherwise. */
  readonly fetch?: typeof fetch;
}

/**
 * Checks a webhook URL and registers it (and its path, which carries the credential) as secrets,
 * so no later message, log or error can show it. Returns the parsed URL.
 */
export function registerWebhookUrl(text: string): URL {
  registerSecret(text);
  let url: URL;
  try {
    url = new URL(text);
  } catch (err) {
    throw new UsageError('--webhook is not a URL', { hint: 'pass the full https:// URL of the webhook', cause: err });
  }
  registerSecret(url.href);
  if (url.pathname.length >= 8) registerSecret(url.pathname + url.search);
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError('--webhook must be an http(s) URL', { hint: 'pass the full https:// URL of the webhook' });
  return url;
}

/** Sends the one POST. Resolves with the status of a 2xx answer; throws an HttpError otherwise. */
export async function postWebhook(post: WebhookPost): Promise<{ status: number }> {
  const url = registerWebhookUrl(post.url);
  const doFetch = post.fetch ?? fetch;
  const seconds = `${Math.round(post.timeoutMs / 100) / 10} s`;
  let res: Response;
  try {
    res = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': `kept/${VERSION}` },
      body: JSON.stringify(post.body),
      // A redirect is not followed: following a 307/308 would send the POST a second time.
      redirect: 'manual',
      signal: AbortSignal.timeout(post.timeoutMs),
    });
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    throw new HttpError(
      'POST',
      WEBHOOK_LABEL,
      undefined,
      timedOut ? `no answer within ${seconds}` : `could not post: ${errorMessage(err)}`,
      {
        hint: 'not retried, since a retry could post the digest twice: check the receiver, then run kept digest again',
        cause: err,
      },
    );
  }
  // The answer's body is not needed; reading it lets the connection close cleanly.
  await res.body?.cancel().catch(() => undefined);
  if (res.status < 200 || res.status > 299)
    throw new HttpError('POST', WEBHOOK_LABEL, res.status, res.statusText || 'not accepted', {
      hint:
        res.status >= 300 && res.status < 400
          ? 'the webhook redirects; pass the URL it redirects to'
          : 'the receiver refused the post; it was not retried',
    });
  return { status: res.status };
}
