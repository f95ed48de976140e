/** Pieces every Google fake shares: the sandbox service account, its token endpoint, bearer checks and Google's error format. */
export {
  GOOGLE_SANDBOX_PROJECT,
  GOOGLE_SANDBOX_CLIENT_EMAIL,
  GOOGLE_SANDBOX_KEY_ID,
  GOOGLE_SANDBOX_PRIVATE_KEY,
  sandboxServiceAccountKey,
  type GoogleServiceAccountKeyFile,
} from './sandbox-service-account.js';
export { createGoogleOAuthFake, type GoogleOAuthFakeOptions } from './google-oauth-fake.js';
export { authorizeGoogleRequest, issueAccessToken, verifyServiceAccountJwt, type GoogleGrant } from './google-tokens.js';
export { GoogleApiError, googleErrorResponse, googleFaultResponse, invalidArgument, notFound } from './google-errors.js';
