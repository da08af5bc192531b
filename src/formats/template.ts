/**
 * Template files: Jinja (cookiecutter, copier, Ansible), Go templates (Helm, `gomplate`), ERB. A template is
 * not the file a program reads: it is rendered first, and its tags (`{% if %}`, `{{- end }}`, `<% %>`) and
 * placeholders (`{{ cookiecutter.region }}`) are replaced then. So a template is never reported as a broken
 * Dockerfile, YAML or env file, however its unrendered text parses.
 *
 * What the readers do with one (the choice, and why): they still read it, with every line that is only
 * template tags treated as blank, rather than reading the whole file as plain text. The lines between the tags
 * are the lines of the rendered file, at the same positions, so findings stay on the real lines
 * (`AWS_ACCESS_KEY_ID=AKIA…` in a templated `.env`, a long-lived key in a templated workflow) and the
 * rules keep working on templates, which are copied into every project generated from them. Reading it as
 * text would keep only the raw-text detectors. Both branches of an `{% if %}` are read; a line that mixes
 * tags and text is read as written (`FROM {{ base_image }}`, `region: {{ cookiecutter.region }}`).
 * What the unrendered text still cannot satisfy (a placeholder where YAML expects a scalar) is not reported:
 * the pipeline drops the reader errors of a template (`isTemplate`).
 *
 * GitHub/Azure expressions (`${{ … }}`), GitLab inputs (`$[[ … ]]`), CircleCI parameters (`<< … >>`) and
 * CloudFormation dynamic references (`{{resolve:…}}`) are the CI systems' own syntax, read by the readers:
 * they are not template syntax here.
 */

/**
 * Extensions of template files. A file named so is rendered into the file its name says (`Dockerfile.j2`,
 * `.gitlab-ci.yml.tmpl`, `config.env.erb`): it keeps the plain-text kind, since it is not that file yet.
 * (`.template`, `.tpl` and `.tmpl` are also copies that `isTemplateCopy` already leaves as text.)
 */
export const TEMPLATE_EXTENSION = /\.(?:j2|jinja2?|tpl|tmpl|gotmpl|template|erb|mustache|hbs|handlebars|njk|liquid|ejs|mako)$/i;

/** Path segments with template syntax: cookiecutter's `{{cookiecutter.project_slug}}/`, copier's `{{ name }}/`. */
const TEMPLATE_PATH = /\{\{[^/]*\}\}|\{%[^/]*%\}/;

/** Jinja statement keywords that open a `{% … %}` tag. */
const JINJA_STATEMENT =
  /\{%[-+]?\s*(?:if|elif|else|endif|for|endfor|set|endset|raw|endraw|macro|endmacro|call|endcall|block|endblock|extends|include|import|from|with|endwith|filter|endfilter|autoescape|endautoescape|trans|endtrans)\b/;
/** A cookiecutter variable anywhere in the text. */
const COOKIECUTTER_VARIABLE = /\{\{-?\s*cookiecutter\./;
/**
 * A YAML value or list item that starts with an unquoted `{{`: YAML reads `{` as a flow mapping, so such a file
 * can only be valid once rendered; no YAML file written for a CI system starts a value so.
 */
const YAML_VALUE_PLACEHOLDER = /(?:^|\s)(?:[\w.-]+:|-)[ \t]+\{\{(?!\s*resolve:)/m;
/** An ERB tag (`<%= ENV["X"] %>`, `<% if x %>`). */
const ERB_TAG = /<%[-=#]?[^\n%]*%>/;
/** A line that is only a Terraform template directive: `%{ for f in files ~}`, `%{ endif }`. */
const TERRAFORM_DIRECTIVE_LINE = /^[ \t]*%\{~?[ \t]*(?:for|endfor|if|else|endif)\b[^}\n]*\}[ \t]*\r?$/m;

/** Where each kind of tag closes. */
const CLOSERS: Readonly<Record<string, string>> = { "{%": "%}", "{#": "#}", "{{": "}}", "<%": "%>", "%{": "}" };

/**
 * Whether a line is only template tags (and blanks): `{% if aws %}`, `{%- endfor -%}`, `{# note #}`,
 * `{{- if .Values.x }}`, `{{ end }}`, `<% end %>`, Terraform's `%{ for x in xs ~}` / `%{ endif }` (a YAML or
 * JSON file rendered by `templatefile`). Rendering replaces such a line by nothing or by text that
 * cannot be known here; a reader treats it as a blank line. A hand scanner (linear in the line length).
 */
export function isTemplateLine(line: string): boolean {
  let i = 0;
  let tags = 0;
  for (;;) {
    while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9 || line.charCodeAt(i) === 13)) i++;
    if (i >= line.length) return tags > 0;
    const closer = CLOSERS[line.slice(i, i + 2)];
    if (closer === undefined) return false;
    // `{{resolve:…}}` is CloudFormation's syntax, not a template tag.
    if (closer === "}}" && /^\{\{\s*resolve:/.test(line.slice(i, i + 12))) return false;
    const end = line.indexOf(closer, i + 2);
    if (end === -1) return false;
    i = end + closer.length;
    tags++;
  }
}

/**
 * The text with every template-only line (`isTemplateLine`) replaced by blanks of the same length: offsets,
 * lines and columns are unchanged, so what a reader finds in it maps to the file as it is. The text itself
 * when it has no such line.
 */
export function maskTemplateLines(text: string): string {
  if (!text.includes("{{") && !text.includes("{%") && !text.includes("{#") && !text.includes("<%") && !text.includes("%{")) return text;
  let out = "";
  let from = 0;
  let changed = false;
  for (let start = 0; start <= text.length; ) {
    const nl = text.indexOf("\n", start);
    const end = nl === -1 ? text.length : nl;
    const line = text.slice(start, end);
    if (isTemplateLine(line)) {
      out += text.slice(from, start) + " ".repeat(line.length);
      from = end;
      changed = true;
    }
    if (nl === -1) break;
    start = nl + 1;
  }
  return changed ? out + text.slice(from) : text;
}

/** Whether the path is a template's: a template extension, or a folder or name with template syntax. */
export function isTemplatePath(path: string): boolean {
  return TEMPLATE_EXTENSION.test(path) || TEMPLATE_PATH.test(path);
}

/** Whether the text has template syntax that no Dockerfile, env file or CI YAML has unrendered. */
export function hasTemplateSyntax(text: string): boolean {
  if (JINJA_STATEMENT.test(text) || COOKIECUTTER_VARIABLE.test(text) || ERB_TAG.test(text) || YAML_VALUE_PLACEHOLDER.test(text)) return true;
  if (TERRAFORM_DIRECTIVE_LINE.test(text)) return true;
  if (!text.includes("{{") && !text.includes("{#")) return false;
  for (const line of text.split("\n")) if (isTemplateLine(line)) return true;
  return false;
}

/** Whether a file is a template (by its path or its text): its reader errors are not parse errors. */
export function isTemplate(path: string, text: string): boolean {
  return isTemplatePath(path) || hasTemplateSyntax(text);
}
