/* global BroadcastChannel, document, history, location, sessionStorage, window, URL, URLSearchParams */
// The provider sends the browser here after sign-in (see src/core/auth/callback-handoff.ts,
// whose names this file repeats: it is served as is, outside the bundle, and the CSP allows no
// inline script). It only hands the URL on; the portal checks state, exchanges the code and
// validates the ID token.
(function () {
  'use strict';
  var PENDING_PREFIX = 'portico.oauth.pending.';
  var CALLBACK_KEY = 'portico.oauth.callback';
  var CALLBACK_CHANNEL = 'portico-oauth';
  var CALLBACK_MESSAGE = 'portico-oauth-callback';

  var url = location.href;
  var params = location.search
    ? new URLSearchParams(location.search)
    : new URLSearchParams(location.hash.slice(1));
  var pending = null;
  try {
    pending = JSON.parse(
      sessionStorage.getItem(PENDING_PREFIX + (params.get('state') || '')) || 'null',
    );
  } catch {
    pending = null;
  }
  var opener = null;
  try {
    // Reading a cross-origin opener's location throws: only the portal's own page is told.
    if (window.opener && window.opener.location.origin === location.origin) opener = window.opener;
  } catch {
    opener = null;
  }
  var status = document.getElementById('status');

  if ((pending && pending.mode === 'popup') || (!pending && opener)) {
    var message = { type: CALLBACK_MESSAGE, url: url };
    if (opener) opener.postMessage(message, location.origin);
    try {
      var channel = new BroadcastChannel(CALLBACK_CHANNEL);
      channel.postMessage(message);
      channel.close();
    } catch {
      // No BroadcastChannel: the opener's message is the only way back.
    }
    // The code is in this window's URL: take it out of its history before closing.
    history.replaceState(null, '', location.pathname);
    window.close();
    if (status) status.textContent = 'Signed in. You can close this window and return to Portico.';
    return;
  }

  // Redirect fallback: the pop-up was blocked, so this tab itself went to the provider.
  var back = location.pathname.replace(/oauth-callback\.html$/, '');
  if (pending && typeof pending.returnTo === 'string') {
    try {
      if (new URL(pending.returnTo).origin === location.origin) back = pending.returnTo;
    } catch {
      // Keep the portal's start page.
    }
  }
  try {
    sessionStorage.setItem(CALLBACK_KEY, url);
  } catch {
    if (status)
      status.textContent =
        'This browser refuses session storage, so the sign-in cannot finish in this tab. Allow pop-ups and sign in again.';
    return;
  }
  location.replace(back);
})();
