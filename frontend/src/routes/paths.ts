/** Paths other modules link to (kept apart from the page list so pages need not import it). */
export const HOME_PATH = '/user-center';
export const LOGIN_PATH = '/login';
export const PROFILE_PATH = '/profile';
export const AUTHORISATION_PATH = '/authorisation';
export const FORGOT_PASSWORD_PATH = '/forgot-password';
