/**
 * A few words describing a non-JSON response body (a Flask HTML 404, a plain-text 401, a proxy
 * page), so error messages say what came back without dumping it.
 */
const MAX = 120

export function summariseBody(body: Uint8Array, contentType: string | null): string {
  const text = new TextDecoder().decode(body.subarray(0, 16_384))
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  if (text.trim() === '') return type ? `empty ${type} body` : 'empty body'
  const looksHtml = type.includes('html') || /^\s*<(!doctype|html|head|body)/i.test(text)
  if (looksHtml) {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1] ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(text)?.[1]
    const words = clean(title ?? text.replace(/<[^>]*>/g, ' '))
    return `HTML page${words ? ` "${truncate(words)}"` : ''}`
  }
  return `${type || 'text'} "${truncate(clean(text))}"`
}

function clean(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&quot;/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
}

function truncate(text: string): string {
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text
}
