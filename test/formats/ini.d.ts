// Minimal types for the `ini` package (v6 ships none and `@types/ini` is not a dependency), covering only what
// the differential test uses.
declare module "ini" {
  interface Ini {
    parse(text: string): unknown;
  }
  const ini: Ini;
  export default ini;
}
