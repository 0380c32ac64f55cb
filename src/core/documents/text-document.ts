/**
 * Whether an artifact's content can be read as a written document at all. An impact assessment is
 * text: a proxy's HTML login page saved under `impact_assessment.md`, a binary blob or a
 * multi-megabyte dump is not evidence that anyone assessed anything, whatever the file is called.
 */

/** Largest document the gate reads (1 MiB): a written assessment is far smaller. */
export const MAX_DOCUMENT_BYTES = 1024 * 1024

/** C0 control characters other than tab, LF, FF and CR, and DEL: binary content, not prose. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/
const HTML_START = /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html)[\s>]/i
const HTML_ROOT = /<html[\s>]|<\/html\s*>|<body[\s>]|<head[\s>]/i
const TAG = /<!--[\s\S]*?-->|<\/?[a-zA-Z][^<>]*>/g
/** Above this share of non-blank characters inside tags, the body is markup, not a document. */
const MAX_TAG_SHARE = 0.5

/** Why `text` (already decoded as UTF-8, `size` bytes) is not a usable document, or undefined. */
export function notATextDocument(text: string, size: number): string | undefined {
  if (size > MAX_DOCUMENT_BYTES)
    return `it is ${size} bytes, over the ${MAX_DOCUMENT_BYTES}-byte (1 MiB) limit for documents`
  const control = CONTROL.exec(text)
  if (control !== null) {
    const code = control[0].charCodeAt(0).toString(16).padStart(2, '0')
    return (
      `it holds a control character ` +
      `(U+00${code.toUpperCase()}${code === '00' ? ', NUL' : ''}), so it is binary ` +
      `data, not a text document`
    )
  }
  const body = text.replace(/^\uFEFF/, '')
  if (HTML_START.test(body) || HTML_ROOT.test(body))
    return 'it is an HTML page (an <html>/<!doctype html> document, e.g. a login or error page), not the document'
  const visible = body.replace(/\s+/g, '')
  const inTags = (body.match(TAG) ?? []).reduce((sum, tag) => sum + tag.replace(/\s+/g, '').length, 0)
  if (visible.length > 0 && inTags / visible.length > MAX_TAG_SHARE) {
    return `${Math.round((inTags / visible.length) * 100)}% of it is HTML tags, so it is markup, not a written document`
  }
  return undefined
}
