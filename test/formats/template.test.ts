import { describe, expect, it } from "vitest";
import { hasTemplateSyntax, isTemplate, isTemplateLine, isTemplatePath, maskTemplateLines } from "../../src/formats/template.js";

describe("isTemplateLine", () => {
  it("is true for lines that are only template tags", () => {
    for (const line of ["{% if use_aws %}", "  {%- endif -%}  ", "{# owner: platform #}", "{{- if .Values.aws.enabled }}", "{{ end }}", "<% end %>", "{% if a %}{% if b %}", "{% endfor %}\r", "%{ for group in script_file_groups ~}", "  %{~ endfor ~}", "%{ if enable_oidc }"]) {
      expect(isTemplateLine(line), line).toBe(true);
    }
  });

  it("is false for lines with text beside the tags, CI expressions and unclosed tags", () => {
    for (const line of ["", "   ", "FROM {{ base_image }}", "region: {{ cookiecutter.region }}", "AWS_REGION={{ region }}", "${{ secrets.AWS_KEY }}", "{{resolve:ssm:/db/password}}", "{% if x", "- run: echo", "{ a: 1 }", "  key: %{ x }", "%{ for x"]) {
      expect(isTemplateLine(line), line).toBe(false);
    }
  });

  it("is linear on long hostile lines", () => {
    const started = Date.now();
    expect(isTemplateLine("{{".repeat(200_000))).toBe(false);
    expect(isTemplateLine(`${"{{ x }}".repeat(100_000)}y`)).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe("maskTemplateLines", () => {
  it("blanks template-only lines and keeps every offset", () => {
    const text = "jobs:\n{% if aws %}\n  deploy:\n    runs-on: ubuntu-latest\n{% endif %}\n";
    const masked = maskTemplateLines(text);
    expect(masked).toHaveLength(text.length);
    expect(masked.split("\n")).toEqual(["jobs:", " ".repeat("{% if aws %}".length), "  deploy:", "    runs-on: ubuntu-latest", " ".repeat("{% endif %}".length), ""]);
  });

  it("returns the text itself when it has no template-only line", () => {
    const text = "env:\n  AWS_REGION: ${{ vars.REGION }}\n  NAME: {{ name }}\n";
    expect(maskTemplateLines(text)).toBe(text);
  });

  it("handles a last line without a newline and CRLF endings", () => {
    expect(maskTemplateLines("A=1\r\n{% endif %}")).toBe("A=1\r\n           ");
    expect(maskTemplateLines("{% if x %}\r\nA=1")).toBe("           \nA=1");
  });
});

describe("isTemplate", () => {
  it("knows templates by path", () => {
    expect(isTemplatePath("{{cookiecutter.project_slug}}/.github/workflows/ci.yml")).toBe(true);
    expect(isTemplatePath("template/{{ project_name }}/Dockerfile")).toBe(true);
    expect(isTemplatePath("roles/app/templates/app.env.j2")).toBe(true);
    expect(isTemplatePath(".github/workflows/ci.yml")).toBe(false);
  });

  it("knows templates by content", () => {
    expect(hasTemplateSyntax("jobs:\n  test:\n    {%- if cookiecutter.use_docker == 'y' %}\n")).toBe(true);
    expect(hasTemplateSyntax("FROM {{ cookiecutter.base_image }}\n")).toBe(true);
    expect(hasTemplateSyntax("{{- range .Values.envs }}\n{{ end }}\n")).toBe(true);
    expect(hasTemplateSyntax("production:\n  password: <%= ENV['DB_PASSWORD'] %>\n")).toBe(true);
    expect(hasTemplateSyntax("env:\n  IMAGE: {{ image }}:latest\n")).toBe(true);
    expect(hasTemplateSyntax("steps:\n  - {{ step }}\n")).toBe(true);
    // A workflow rendered by Terraform's templatefile (Azure landing-zone bootstrap modules).
    expect(hasTemplateSyntax("on:\n  workflow_dispatch:\n    inputs:\n%{ for g in script_file_groups ~}\n      ${g.name}:\n        type: boolean\n%{ endfor ~}\n")).toBe(true);
  });

  it("does not take CI expressions, shell formats or secret-store references for templates", () => {
    expect(hasTemplateSyntax("env:\n  AWS_KEY: ${{ secrets.AWS_KEY }}\n  REF: $[[ inputs.ref ]]\n")).toBe(false);
    expect(hasTemplateSyntax("steps:\n  - run: docker ps --format '{{.Names}}'\n")).toBe(false);
    expect(hasTemplateSyntax("Password: {{resolve:secretsmanager:db:SecretString:password}}\n")).toBe(false);
    expect(isTemplate(".github/workflows/ci.yml", "on: push\n")).toBe(false);
    expect(hasTemplateSyntax("run: printf '%{http_code}'\n")).toBe(false);
  });
});
