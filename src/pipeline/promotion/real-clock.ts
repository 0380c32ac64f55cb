/**
 * A promotion takes a lease on the registry and records when it moved the alias; leases expire in
 * real time, so a fixed clock (`now`, SOURCE_DATE_EPOCH) would make another run's lease look
 * expired, or this one's eternal. Both entries refuse the combination before anything is read.
 */
import { invalid } from '../../core/errors.js'

export interface PromotionClockNames {
  /** How the promotion was asked for: `promote`, `input "promote-to"`. */
  promotion: string
  /** How the fixed clock is given: `--now`, `input "now"`. */
  now: string
}

export function refuseFixedClock(
  given: { now?: string | undefined; sourceDateEpoch?: string | undefined },
  names: PromotionClockNames
): void {
  const lease = `${names.promotion} moves an alias under a lease, so it runs on the real clock`
  if (given.now !== undefined) throw invalid(`${lease}, and ${names.now} fixes the clock. Fix: drop ${names.now}`)
  if (given.sourceDateEpoch !== undefined && given.sourceDateEpoch.trim() !== '') {
    throw invalid(
      `${lease}, and SOURCE_DATE_EPOCH (${given.sourceDateEpoch.trim()}) fixes the clock. ` +
        "Fix: unset SOURCE_DATE_EPOCH for this step (an empty value counts as unset: SOURCE_DATE_EPOCH: '')"
    )
  }
}
