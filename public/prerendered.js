// index.html's login form, shown at the first paint on /login, so the user can type
// before the app has loaded (inline, allowed by its sha256 in the Content Security
// Policy). The app takes it over (src/prerendered.rs) with what was typed, where the
// cursor was, and a "Log in" already pressed, which this keeps from leaving the page.
(function () {
  if (location.pathname.replace(/\/+$/, '') !== '/login') return;
  var page = document.getElementById('prerendered-login');
  page.querySelector('form').addEventListener('submit', function (event) {
    event.preventDefault();
    page.setAttribute('data-submitted', '');
  });
  page.previousElementSibling.hidden = true;
  page.hidden = false;
})();
