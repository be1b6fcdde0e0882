// The vendored @jupyter-widgets/html-manager is an AMD module; webpack locates its font files from the require.js
// module URL, so resolve AMD module ids inside _static/vendor/ (otherwise: 404s relative to the page, or a CDN).
requirejs.config({ baseUrl: new URL("vendor/", document.currentScript.src).href });
