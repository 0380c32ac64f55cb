/** The tool's version, quoted in reports, cards and write-back tags. Kept in step with package.json. */
export const VERSION = '0.1.0'
