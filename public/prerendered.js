// index.html's login form, shown on /login as soon as its stylesheet is there, so
// the user can type before the app has loaded (inline, allowed by its sha256 in the
// Content Security Policy). The stylesheet is index.html's preload of main.css, made
// a stylesheet here so it never holds up the first paint ("Loading..." until then).
// The app takes the form over (src/prerendered.rs) with what was typed, where the
// cursor was, and a "Log in" already pressed, which this keeps from leaving the page.
(function () {
  if (location.pathname.replace(/\/+$/, '') !== '/login') return;
  var page = document.getElementById('prerendered-login');
  var preload = document.querySelector('link[rel="preload"][href*="main-"]');
  if (!page || !preload) return;
  page.querySelector('form').addEventListener('submit', function (event) {
    event.preventDefault();
    page.setAttribute('data-submitted', '');
  });
  var styles = document.createElement('link');
  styles.rel = 'stylesheet';
  styles.href = preload.href;
  styles.onload = function () {
    page.previousElementSibling.hidden = true;
    page.hidden = false;
  };
  document.head.appendChild(styles);
})();
