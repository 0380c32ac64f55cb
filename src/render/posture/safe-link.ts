/**
 * Links from registry values (a finding's links, a gate run's URL): only absolute `http:` and
 * `https:` URLs become links. `javascript:`, `data:`, `file:`, relative paths and anything that
 * does not parse are shown as text instead, so a value written into MLflow can never run code or
 * point the reader at a local file from the posture page. A URL carrying a user name or password
 * is neither linked nor shown: credentials never reach the page.
 */
import { escapeHtml } from '../escape.js'

export type LinkCheck = { ok: true; url: string } | { ok: false; why: 'credentials' | 'scheme' }

export function checkLink(href: string): LinkCheck {
  let url: URL
  try {
    url = new URL(href.trim())
  } catch {
    return { ok: false, why: 'scheme' }
  }
  if (url.username !== '' || url.password !== '') return { ok: false, why: 'credentials' }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, why: 'scheme' }
  return { ok: true, url: url.href }
}

/** An external link, or the label and (without credentials) the refused address as plain text. */
export function externalLink(label: string, href: string): string {
  const check = checkLink(href)
  if (check.ok) return `<a href="${escapeHtml(check.url)}" rel="noopener noreferrer nofollow">${escapeHtml(label)}</a>`
  const why =
    check.why === 'credentials'
      ? 'not linked: the address holds credentials'
      : `not linked, not a web address: <code>${escapeHtml(href)}</code>`
  return `<span class="refused-link">${escapeHtml(label)} (${why})</span>`
}
