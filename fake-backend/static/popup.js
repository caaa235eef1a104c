// The simulated dialog in popup mode (display=popup), as Meta's Embedded Signup
// behaves in the window its SDK opens: the result is posted to the window that
// opened the dialog, as strings of JSON, to the app's origin only.
// - On the last page (data-messages): post each message, then close the window.
//   Without an opener (the link was opened in a tab of its own), the page's
//   "Return" link takes the result back instead.
// - On a step (data-step): closing the window there posts a CANCEL naming the
//   step (Meta's current_step), once, as the page starts to unload (while it
//   can still post); leaving it by one of its forms does not.
(function () {
  'use strict';
  var me = document.currentScript;
  var origin = me.dataset.origin;
  var opener = window.opener;
  if (me.dataset.messages) {
    if (!opener || opener.closed) return;
    var messages = JSON.parse(me.dataset.messages);
    for (var i = 0; i < messages.length; i++) opener.postMessage(messages[i], origin);
    window.close();
    return;
  }
  var step = me.dataset.step;
  var leaving = false;
  var told = false;
  document.addEventListener('submit', function () { leaving = true; });
  function cancel() {
    if (leaving || told || !opener || opener.closed) return;
    told = true;
    opener.postMessage(JSON.stringify({
      type: 'WA_EMBEDDED_SIGNUP',
      event: 'CANCEL',
      data: { current_step: step },
      version: '3',
    }), origin);
  }
  window.addEventListener('beforeunload', cancel);
  window.addEventListener('pagehide', cancel);
})();
