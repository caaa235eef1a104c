// Starts the app. Trunk writes the hashed file names into this script's tag
// (see pattern_script in Trunk.toml); an external module keeps the Content
// Security Policy free of 'unsafe-inline'.
const tag = document.querySelector('script[data-wasm]');
const { default: init } = await import(tag.dataset.js);
await init({ module_or_path: tag.dataset.wasm });
