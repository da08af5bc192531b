/** yaml-lib.ts for bundles that carry `yaml` inside them (the Action): the package, imported statically. */
import * as Yaml from "yaml";

export function yamlLib(): typeof Yaml {
  return Yaml;
}
