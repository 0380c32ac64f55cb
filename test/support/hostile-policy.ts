/**
 * A valid policy whose free-text fields carry terminal escapes, an OSC-8 link, NUL, bidi
 * overrides and isolates, CR and backspace (written as YAML double-quoted escapes, so the file
 * itself is plain ASCII), and one whose requirement id does (invalid, so the error echoes it).
 */
export const HOSTILE_YAML =
  String.raw`"\e[31mRED\e[0m \e]8;;http://evil.example/\e\\click\e]8;;\e\\ \x9b2J nul\0cut txt.` +
  String.raw`\u202Eexe a\u2066b\u2069c fake\rRELEASE ALLOWED passed\b\bfailed ad\u200Bmin"`

export const HOSTILE_VALID_POLICY = `version: 1
name: ${HOSTILE_YAML}
description: ${HOSTILE_YAML}
defaultProfile: production
profiles:
  production:
    description: ${HOSTILE_YAML}
    requirements:
      - id: auc
        description: ${HOSTILE_YAML}
        check: metric
        metric: ${HOSTILE_YAML}
        min: 0.8
        controls: [A.6.2.4]
controls:
  A.9.3: { applicable: false, justification: ${HOSTILE_YAML} }
`

export const HOSTILE_INVALID_POLICY = `version: 1
name: ${HOSTILE_YAML}
profiles:
  production:
    requirements:
      - id: ${HOSTILE_YAML}
        check: metric
        metric: roc_auc
        min: 0.8
        controls: [${HOSTILE_YAML}]
  ${HOSTILE_YAML}:
    extends: ${HOSTILE_YAML}
    requirements: []
`
