/**
 * Every `endResult` of a Smart-ID RP API v3 session, and what it means for
 * the citizen. The sign-in poll answers it as `result`; the PWA shows its
 * own translation of each.
 */
export const SMART_ID_END_RESULTS = {
  OK: 'The citizen confirmed with their PIN1; the portal checks the answer.',
  USER_REFUSED: 'The citizen refused the sign-in in the Smart-ID app.',
  TIMEOUT: 'The citizen did not answer in the Smart-ID app in time.',
  DOCUMENT_UNUSABLE:
    'The Smart-ID account cannot be used now; the app or customer support tells why.',
  WRONG_VC: 'The citizen chose a wrong verification code in the app.',
  REQUIRED_INTERACTION_NOT_SUPPORTED_BY_APP:
    'The Smart-ID app is too old to show the sign-in; it needs an update.',
  USER_REFUSED_CERT_CHOICE:
    'The citizen has several Smart-ID accounts and cancelled choosing one.',
  USER_REFUSED_INTERACTION:
    'The citizen cancelled on the screen that showed the sign-in text.',
  PROTOCOL_FAILURE: 'The app and Smart-ID disagreed; starting again helps.',
  EXPECTED_LINKED_SESSION:
    'The app was waiting for another request; starting again helps.',
  SERVER_ERROR: 'Smart-ID failed on its side; try again later.',
  ACCOUNT_UNUSABLE: 'The Smart-ID account is unusable at the moment.',
} as const satisfies Record<string, string>
