export { isValidEmailAddress, normalizeEmailAddress } from './email-address.js';
export {
  checkPassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  type PasswordProblem,
} from './password-policy.js';
