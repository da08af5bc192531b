import { describe, expect, it } from "vitest";
import { readYaml } from "../../src/formats/yaml.js";
import { makeSourceFile, sliceRange } from "../../src/model/source.js";

function read(text: string) {
  return readYaml(makeSourceFile(".github/workflows/ci.yml", "github-workflow", text));
}

describe("readYaml: templates", () => {
  const TEMPLATED = [
    "on: push", // 1
    "jobs:", // 2
    "  deploy:", // 3
    "    runs-on: ubuntu-latest", // 4
    "{% if cookiecutter.cloud == 'aws' %}", // 5
    "    env:", // 6
    "      AWS_REGION: eu-west-1", // 7
    "{%- endif %}", // 8
    "    steps:", // 9
    "      - run: make deploy", // 10
    "",
  ].join("\n");

  it("reads a CI file with `{% %}` lines as the YAML between them, with exact ranges", () => {
    const { doc, errors } = read(TEMPLATED);
    expect(errors).toEqual([]);
    const job = doc.get(doc.get(doc.root, "jobs"), "deploy");
    const region = doc.entry(doc.get(job, "env"), "AWS_REGION");
    expect(region && doc.text(region.value)).toBe("eu-west-1");
    const file = makeSourceFile(".github/workflows/ci.yml", "github-workflow", TEMPLATED);
    expect(sliceRange(file, doc.range(region?.value))).toBe("eu-west-1");
    expect(doc.range(region?.value).start.line).toBe(7);
    expect(doc.items(doc.get(job, "steps"))).toHaveLength(1);
  });

  it("reads Go-template lines (`{{- if }}` … `{{ end }}`) the same way", () => {
    const { errors } = read("env:\n{{- if .Values.aws }}\n  AWS_REGION: eu-west-1\n{{- end }}\n");
    expect(errors).toEqual([]);
  });

  it("reports the first syntax error of a broken file, once", () => {
    const { errors } = read("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n   steps: [\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]?.line).toBeGreaterThanOrEqual(4);
  });
});
