/** Vite's `?raw` imports (test fixtures read as text without fs, so suites also run in workerd). */
declare module '*?raw' {
  const text: string;
  export default text;
}
