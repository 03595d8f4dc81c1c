// The login page: POST /api/v1/session sets the session cookie; then back to where the user was going.
import { api, message } from './common.js';

/** Only paths of this site, so that the login page cannot be used to send users elsewhere. */
function nextPage() {
  const next = new URLSearchParams(location.search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

const form = document.getElementById('login-form');
const errors = document.getElementById('login-error');
form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const button = document.getElementById('login-button');
  button.disabled = true;
  errors.replaceChildren();
  try {
    await api('session', {
      method: 'POST', allow401: true,
      body: { user: form.user.value.trim(), password: form.password.value },
    });
    location.assign(nextPage());
  } catch (err) {
    errors.replaceChildren(message('error', err.message));
    form.password.select();
  } finally {
    button.disabled = false;
  }
});

// Already logged in? Then there is nothing to do here.
api('session', { allow401: true }).then(() => location.assign(nextPage())).catch(() => {});
