/** opencc-js ships its dictionaries as ESM modules without types: each default-exports one "src dst|src dst" string. */
declare module 'opencc-js/dict/*' {
  const dict: string;
  export default dict;
}
