// index.html's login form, shown on /login at once, at the first paint, so the user
// can type before the app has loaded (inline, allowed by its sha256 in the Content
// Security Policy; styled by index.html's inline base styles, which carry the form's
// parts). The app takes the form over (src/prerendered.rs) with what was typed, where
// the cursor was, and a "Log in" already pressed, which this keeps from leaving the page.
(function () {
  if (location.pathname.replace(/\/+$/, '') !== '/login') return;
  var page = document.getElementById('prerendered-login');
  if (!page) return;
  // An American English browser reads the app's en-US words from the first paint,
  // not only once the app has taken over. The language is chosen as the app chooses
  // it (Locale::for_browser): the first English one of the browser's languages. Only
  // two sentences of the page differ; src/prerendered.rs checks these words are the
  // app's, and that nothing else of the page differs.
  var languages = navigator.languages || [navigator.language];
  for (var i = 0; i < languages.length; i++) {
    var language = String(languages[i]).trim().toLowerCase();
    if (language === 'en-us') {
      var sentences = page.querySelectorAll('p');
      sentences[0].firstChild.nodeValue = 'Log in to the messaging platform to set up WhatsApp for your contact center.';
      sentences[1].firstChild.nodeValue = 'Forgot your password, or did your link expire? ';
      sentences[1].lastChild.nodeValue = '.';
    }
    if (language.slice(0, 2) === 'en') break;
  }
  page.querySelector('form').addEventListener('submit', function (event) {
    event.preventDefault();
    page.setAttribute('data-submitted', '');
  });
  page.previousElementSibling.hidden = true;
  page.hidden = false;
})();
