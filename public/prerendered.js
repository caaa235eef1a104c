// Shows index.html's login form on /login at the first paint (index.html says why).
(function () {
  if (location.pathname.replace(/\/+$/, '') !== '/login') return;
  var page = document.getElementById('prerendered-login');
  if (!page) return;
  // en-US words for an American English browser, chosen as the app chooses
  // (Locale::for_browser: the first English language); src/prerendered.rs checks them.
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
