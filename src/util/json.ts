/** A response body as JSON, or undefined when it is empty or not JSON (an HTML error page, a proxy's text). */
export function parseJsonBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
