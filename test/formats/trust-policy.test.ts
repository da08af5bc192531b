/**
 * The readers of the cloud side of federation: the JSON reader with offsets (`parseJsonNode`), the statement
 * reader shared by every syntax (`statementsOf`), standalone policy files, and the trust models that the
 * Terraform and CloudFormation readers return in `FormatResult.trust`.
 */
import { describe, expect, it } from "vitest";
import { readCloudFormation } from "../../src/formats/cloudformation.js";
import { readTerraform } from "../../src/formats/terraform.js";
import { isFederationTrust, looksLikeTrustPolicyJson, parseJsonNode, readPolicyFile, statementsOf, type PolicyNode } from "../../src/formats/trust-policy.js";
import { makeSourceFile, sliceRange, type Range, type SourceFile } from "../../src/model/source.js";
import type { IdentityProvider, PolicyText, TrustModel, TrustPolicy, TrustStatement } from "../../src/model/trust-policy.js";
import { classify } from "../../src/scan/classify.js";

const GH = "token.actions.githubusercontent.com";

function json(text: string, path = "iam/trust.json"): SourceFile {
  return makeSourceFile(path, "iam-policy", text);
}

/** `line:col-line:col`, end exclusive. */
function at(r: Range): string {
  return `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`;
}

/** A PolicyText as `L:<text>` (literal) or `C:<text>` (computed). */
function kind(t: PolicyText | undefined): string {
  return t ? `${t.literal ? "L" : "C"}:${t.text}` : "missing";
}

/** The source text a PolicyText's range covers. */
function src(file: SourceFile, t: PolicyText | undefined): string {
  return t ? sliceRange(file, t.range) : "missing";
}

function parsed(file: SourceFile, template = false): PolicyNode {
  const node = parseJsonNode(file, 0, file.text.length, template);
  if (!node) throw new Error("not parsed");
  return node;
}

function entries(node: PolicyNode): { key: PolicyText; value: PolicyNode }[] {
  if (node.kind !== "object") throw new Error(`expected an object, got ${node.kind}`);
  return [...node.entries];
}

function scalar(node: PolicyNode | undefined): PolicyText {
  if (node?.kind !== "scalar") throw new Error("expected a scalar");
  return node.text;
}

function statementsIn(text: string, path = "iam/trust.json"): { file: SourceFile; statements: TrustStatement[] } {
  const file = json(text, path);
  return { file, statements: statementsOf(parsed(file)) };
}

function trustOf(result: { trust?: TrustModel }): TrustModel {
  if (!result.trust) throw new Error("no trust model");
  return result.trust;
}

function onlyPolicy(trust: TrustModel): TrustPolicy {
  expect(trust.policies).toHaveLength(1);
  return trust.policies[0] as TrustPolicy;
}

function firstStatement(p: TrustPolicy): TrustStatement {
  return p.statements[0] as TrustStatement;
}

function provider(trust: TrustModel, address: string): IdentityProvider {
  const p = trust.providers.find((x) => x.address === address);
  if (!p) throw new Error(`no provider ${address}`);
  return p;
}

function tf(text: string, path = "infra/main.tf"): { file: SourceFile; trust: TrustModel } {
  const file = makeSourceFile(path, "terraform", text);
  return { file, trust: trustOf(readTerraform(file)) };
}

function cfn(text: string, path = "cfn/template.yaml"): { file: SourceFile; trust: TrustModel } {
  const file = makeSourceFile(path, "cloudformation", text);
  return { file, trust: trustOf(readCloudFormation(file)) };
}

// --- parseJsonNode ------------------------------------------------------------------------------------------------

describe("parseJsonNode", () => {
  it("reads objects, arrays and scalars; a string's range is between its quotes", () => {
    const file = json(`{
  "Version": "2012-10-17",
  "MaxSessionDuration": 3600, "Enabled": true, "Path": null,
  "Action": ["sts:AssumeRoleWithWebIdentity", -1.5e3]
}
`);
    const root = parsed(file);
    expect(root.kind).toBe("object");
    if (root.kind !== "object") return;
    // The root spans the braces; the trailing line break is whitespace after it.
    expect(at(root.range)).toBe("1:1-5:2");
    expect(root.entries.map((e) => `${src(file, e.key)}@${at(e.key.range)}`)).toEqual(["Version@2:4-2:11", "MaxSessionDuration@3:4-3:22", "Enabled@3:32-3:39", "Path@3:49-3:53", "Action@4:4-4:10"]);
    const [version, duration, enabled, path, action] = root.entries.map((e) => e.value);
    expect(kind(scalar(version))).toBe("L:2012-10-17");
    expect(at(scalar(version).range)).toBe("2:15-2:25");
    // Numbers, booleans and null are literal scalars as written.
    expect([scalar(duration), scalar(enabled), scalar(path)].map((t) => `${kind(t)}@${src(file, t)}`)).toEqual(["L:3600@3600", "L:true@true", "L:null@null"]);
    expect(action?.kind).toBe("array");
    if (action?.kind !== "array") return;
    expect(sliceRange(file, action.range)).toBe('["sts:AssumeRoleWithWebIdentity", -1.5e3]');
    expect(action.items.map((i) => kind(scalar(i)))).toEqual(["L:sts:AssumeRoleWithWebIdentity", "L:-1.5e3"]);
  });

  it("decodes escapes in keys and values; the range still covers the text as written", () => {
    const file = json(String.raw`{"token.actions.githubusercontent.com:sub": "repo:acme-corp/app:ref:refs\/heads\/main", "say \"hi\"": "tab\there\u0041\n"}`);
    const [sub, said] = entries(parsed(file));
    expect(sub?.key.text).toBe(`${GH}:sub`);
    expect(at(sub?.key.range as Range)).toBe("1:3-1:42");
    expect(kind(scalar(sub?.value))).toBe("L:repo:acme-corp/app:ref:refs/heads/main");
    expect(src(file, scalar(sub?.value))).toBe(String.raw`repo:acme-corp/app:ref:refs\/heads\/main`);
    expect(said?.key.text).toBe('say "hi"');
    expect(src(file, said?.key)).toBe(String.raw`say \"hi\"`);
    expect(scalar(said?.value).text).toBe("tab\thereA\n");
    expect(src(file, scalar(said?.value))).toBe(String.raw`tab\there\u0041\n`);
  });

  it("reads between two offsets, with ranges in the whole file", () => {
    const text = `policy = {"Statement": []} # trailing comment`;
    const file = json(text, "notes/policy.txt");
    const start = text.indexOf("{");
    const end = text.indexOf("}") + 1;
    const node = parseJsonNode(file, start, end);
    expect(node?.kind).toBe("object");
    if (node?.kind !== "object") return;
    expect(at(node.range)).toBe("1:10-1:27");
    expect(at((node.entries[0] as { key: PolicyText }).key.range)).toBe("1:12-1:21");
    // The whole line is not JSON.
    expect(parseJsonNode(file)).toBeUndefined();
  });

  it("keeps ${…} inside strings as computed text with its references, template mode or not", () => {
    const file = json(`{"Federated": "\${aws_iam_openid_connect_provider.github.arn}", "Sub": "arn:aws:iam::\${AWS::AccountId}:oidc-provider/${GH}"}`);
    const [fed, sub] = entries(parsed(file));
    expect(kind(scalar(fed?.value))).toBe("C:${aws_iam_openid_connect_provider.github.arn}");
    expect(scalar(fed?.value).refs).toEqual(["aws_iam_openid_connect_provider.github.arn"]);
    expect(scalar(sub?.value).literal).toBe(false);
    expect(scalar(sub?.value).refs).toEqual(["AWS::AccountId"]);
  });

  it.each([
    ["an empty text", ""],
    ["a missing value", '{"Effect": }'],
    ["an unquoted key", "{Effect: \"Allow\"}"],
    ["a trailing comma in an object", '{"Effect": "Allow",}'],
    ["a trailing comma in an array", '["a", "b",]'],
    ["a missing comma", '{"Effect": "Allow" "Action": "sts:AssumeRole"}'],
    ["items without a comma", "[1 2]"],
    ["text after the value", '{"Effect": "Allow"} extra'],
    ["an unterminated string", '{"Effect": "Allow'],
    ["a line break in a string", '{"Effect": "Al\nlow"}'],
    ["a single-quoted string", "{'Effect': 'Allow'}"],
    ["a bare interpolation", '{"aud": ${audiences}}'],
    ["a template directive", '{"aud": "x" %{ if y }%{ endif }}'],
    ["nesting deeper than 64", `${"[".repeat(70)}${"]".repeat(70)}`],
  ])("is undefined for %s (not in template mode)", (_name, text) => {
    expect(parseJsonNode(json(text))).toBeUndefined();
  });

  it("reads a template in template mode: %{} directives, bare ${} values, missing and trailing commas", () => {
    const text = `{
  "Condition": {
    "StringEquals": {
      "${GH}:aud": \${jsonencode(audiences)}
    }
    %{ if restrict_owner ~}
    "StringLike": { "${GH}:sub": ["repo:acme-corp/*", %{ for r in repos }"repo:acme-corp/\${r}:*",%{ endfor }] }
    %{~ endif }
  }
}`;
    const file = json(text, "iam/trust.json.tpl");
    expect(parseJsonNode(file)).toBeUndefined();
    const [condition] = entries(parsed(file, true));
    const operators = entries(condition?.value as PolicyNode);
    expect(operators.map((o) => o.key.text)).toEqual(["StringEquals", "StringLike"]);
    const aud = scalar(entries(operators[0]?.value as PolicyNode)[0]?.value);
    // A bare interpolation is a computed scalar: its range covers the whole `${…}`.
    expect(kind(aud)).toBe("C:${jsonencode(audiences)}");
    expect(src(file, aud)).toBe("${jsonencode(audiences)}");
    expect(at(aud.range)).toBe("4:50-4:74");
    expect(aud.refs).toContain("audiences");
    const subs = entries(operators[1]?.value as PolicyNode)[0]?.value as PolicyNode;
    expect(subs.kind).toBe("array");
    if (subs.kind !== "array") return;
    expect(subs.items.map((i) => kind(scalar(i)))).toEqual(["L:repo:acme-corp/*", "C:repo:acme-corp/${r}:*"]);
  });
});

// --- statementsOf -------------------------------------------------------------------------------------------------

describe("statementsOf", () => {
  it("reads a Statement object and a Statement array alike", () => {
    const one = statementsIn(`{"Statement": {"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/gitlab.com"}}}`);
    const many = statementsIn(`{"Statement": [
  {"Effect": "Deny", "Action": "sts:AssumeRoleWithWebIdentity", "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/gitlab.com"}},
  {"Action": "sts:AssumeRole", "Principal": {"Service": "ec2.amazonaws.com"}},
  "not a statement"
]}`);
    expect(one.statements).toHaveLength(1);
    expect(sliceRange(one.file, (one.statements[0] as TrustStatement).range)).toBe(one.file.text.slice(14, -1));
    expect(at((one.statements[0] as TrustStatement).range)).toBe("1:15-1:159");
    expect(many.statements.map((s) => s.effect)).toEqual(["Deny", "Allow"]);
    expect(many.statements.map((s) => s.federated.map(kind))).toEqual([["L:arn:aws:iam::123456789012:oidc-provider/gitlab.com"], []]);
    expect(statementsOf(parsed(json(`{"Version": "2012-10-17"}`)))).toEqual([]);
  });

  it("reads Action as a string or a list, and Principal.Federated as a string or a list", () => {
    const { file, statements } = statementsIn(`{"Statement": [
  {"Action": "sts:AssumeRoleWithWebIdentity", "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/${GH}"}},
  {"Action": ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"], "Principal": {"Federated": ["arn:aws:iam::123456789012:oidc-provider/${GH}", "arn:aws:iam::123456789012:oidc-provider/gitlab.com"], "AWS": "arn:aws:iam::123456789012:root"}}
]}`);
    const [a, b] = statements as [TrustStatement, TrustStatement];
    expect(a.actions.map(kind)).toEqual(["L:sts:AssumeRoleWithWebIdentity"]);
    expect(b.actions.map(kind)).toEqual(["L:sts:AssumeRoleWithWebIdentity", "L:sts:TagSession"]);
    expect(b.federated.map((f) => src(file, f))).toEqual([`arn:aws:iam::123456789012:oidc-provider/${GH}`, "arn:aws:iam::123456789012:oidc-provider/gitlab.com"]);
    expect(at(b.federated[1]?.range as Range)).toBe("3:175-3:225");
  });

  it("reads every operator's keys and values, ForAnyValue:StringLike included", () => {
    const { file, statements } = statementsIn(`{"Statement": [{
  "Action": "sts:AssumeRoleWithWebIdentity",
  "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/${GH}"},
  "Condition": {
    "StringEquals": {"${GH}:aud": "sts.amazonaws.com", "${GH}:repository_owner": "acme-corp"},
    "ForAnyValue:StringLike": {"${GH}:sub": ["repo:acme-corp/api:ref:refs/heads/main", "repo:acme-corp/api:environment:*"]},
    "StringNotEquals": {"${GH}:actor": []}
  }
}]}`);
    const st = statements[0] as TrustStatement;
    expect(st.opaque).toBeUndefined();
    expect(st.conditions.map((c) => `${c.operator.text} ${c.key.text} = ${c.values.map((v) => v.text).join(" | ")}`)).toEqual([
      `StringEquals ${GH}:aud = sts.amazonaws.com`,
      `StringEquals ${GH}:repository_owner = acme-corp`,
      `ForAnyValue:StringLike ${GH}:sub = repo:acme-corp/api:ref:refs/heads/main | repo:acme-corp/api:environment:*`,
      `StringNotEquals ${GH}:actor = `,
    ]);
    const like = st.conditions[2];
    expect(at(like?.operator.range as Range)).toBe("6:6-6:28");
    expect(src(file, like?.key)).toBe(`${GH}:sub`);
    expect(like?.values.map((v) => at(v.range))).toEqual(["6:77-6:115", "6:119-6:151"]);
  });

  it("marks the statement opaque when Condition, or one operator's value, is not an object", () => {
    const file = json(`{"Statement": [
  {"Action": "sts:AssumeRoleWithWebIdentity", "Condition": \${conditions}},
  {"Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringLike": \${subs}, "StringEquals": {"${GH}:aud": "sts.amazonaws.com"}}},
  {"Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"\${operator}": {"${GH}:sub": "repo:acme-corp/api:*"}}},
  {"Action": "sts:AssumeRoleWithWebIdentity", "Condition": {}}
]}`, "iam/trust.json.tpl");
    expect(parseJsonNode(file)).toBeUndefined(); // not JSON outside template mode
    const [bare, partly, computedOperator, empty] = statementsOf(parsed(file, true)) as TrustStatement[];
    expect(bare?.opaque).toBe(true);
    expect(bare?.conditions).toEqual([]);
    expect(partly?.opaque).toBe(true);
    expect(partly?.conditions.map((c) => c.key.text)).toEqual([`${GH}:aud`]);
    expect(computedOperator?.opaque).toBe(true);
    expect(computedOperator?.conditions).toEqual([]);
    expect(empty?.opaque).toBeUndefined();
    expect(statementsOf(parsed(json(`{"Statement": {"Condition": ["StringLike"]}}`)))[0]?.opaque).toBe(true);
  });

  it("isFederationTrust: a Federated principal or AssumeRoleWithWebIdentity", () => {
    const federated = statementsIn(`{"Statement": {"Action": "sts:AssumeRoleWithSAML", "Principal": {"Federated": "arn:aws:iam::123456789012:saml-provider/Okta"}}}`);
    const webIdentity = statementsIn(`{"Statement": {"Action": ["sts:assumerolewithwebidentity"], "Principal": "*"}}`);
    const service = statementsIn(`{"Statement": {"Action": "sts:AssumeRole", "Principal": {"Service": "lambda.amazonaws.com"}}}`);
    expect(isFederationTrust(federated.statements)).toBe(true);
    expect(isFederationTrust(webIdentity.statements)).toBe(true);
    expect(isFederationTrust(service.statements)).toBe(false);
  });
});

// --- standalone policy files --------------------------------------------------------------------------------------

const TRUST_JSON = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "Federated": "arn:aws:iam::123456789012:oidc-provider/${GH}" },
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": {
        "StringEquals": { "${GH}:aud": "sts.amazonaws.com" },
        "StringLike": { "${GH}:sub": "repo:acme-corp/ledger:ref:refs/heads/main" }
      }
    }
  ]
}
`;

const S3_POLICY_JSON = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::acme-ledger-artifacts/*" }
  ]
}
`;

describe("readPolicyFile", () => {
  it("reads a trust policy file: one policy, no role names, `where` its path", () => {
    const file = json(TRUST_JSON, "iam/ledger-trust.json");
    const r = readPolicyFile(file);
    expect(r.errors).toBeUndefined();
    const p = onlyPolicy(trustOf(r));
    expect(p.where).toBe("iam/ledger-trust.json");
    expect(at(p.range)).toBe("1:1-14:2");
    expect(p.roleNames).toEqual([]);
    const st = firstStatement(p);
    expect(at(st.range)).toBe("4:5-12:6");
    expect(st.federated.map((f) => at(f.range))).toEqual(["6:36-6:111"]);
    expect(st.conditions.map((c) => `${c.operator.text}:${c.values[0]?.text}`)).toEqual(["StringEquals:sts.amazonaws.com", "StringLike:repo:acme-corp/ledger:ref:refs/heads/main"]);
  });

  it("finds the AssumeRolePolicyDocument nested in a role definition", () => {
    const file = json(`{
  "Role": {
    "RoleName": "ledger-deploy",
    "Arn": "arn:aws:iam::123456789012:role/ledger-deploy",
    "AssumeRolePolicyDocument": {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Principal": { "Federated": "arn:aws:iam::123456789012:oidc-provider/${GH}" },
        "Action": "sts:AssumeRoleWithWebIdentity"
      }]
    },
    "MaxSessionDuration": 3600
  }
}
`, "iam/ledger-deploy-role.json");
    const p = onlyPolicy(trustOf(readPolicyFile(file)));
    expect(at(p.range)).toBe("5:33-12:6");
    expect(p.roleNames).toEqual([]);
    expect(firstStatement(p).federated.map(kind)).toEqual([`L:arn:aws:iam::123456789012:oidc-provider/${GH}`]);
  });

  it("gives no policy for a permission policy", () => {
    const r = readPolicyFile(json(S3_POLICY_JSON, "iam/artifacts.json"));
    expect(r.errors).toBeUndefined();
    expect(trustOf(r).policies).toEqual([]);
  });

  it("reports a file that is not JSON once, on line 1", () => {
    const r = readPolicyFile(json(`${TRUST_JSON}}`));
    expect(r.errors).toEqual([{ line: 1, message: "not valid JSON: the policy was not read" }]);
    expect(r.trust).toBeUndefined();
  });

  it("reads *.json.tpl in template mode, and the same text as *.json not at all", () => {
    const text = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "Federated": "arn:aws:iam::\${account_id}:oidc-provider/${GH}" },
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": {
        "StringEquals": { "${GH}:aud": \${audiences} }
        %{ if length(subjects) > 0 }
        , "StringLike": { "${GH}:sub": \${jsonencode(subjects)} }
        %{ endif }
      }
    }
  ]
}
`;
    const tpl = readPolicyFile(json(text, "infra/templates/deploy-trust.json.tpl"));
    expect(tpl.errors).toBeUndefined();
    const st = firstStatement(onlyPolicy(trustOf(tpl)));
    expect(st.federated.map((f) => f.refs)).toEqual([["account_id"]]);
    expect(st.conditions.map((c) => `${c.operator.text} ${c.key.text} ${c.values.map(kind).join(",")}`)).toEqual([
      `StringEquals ${GH}:aud C:\${audiences}`,
      `StringLike ${GH}:sub C:\${jsonencode(subjects)}`,
    ]);
    expect(readPolicyFile(json(text, "infra/templates/deploy-trust.json")).errors).toHaveLength(1);
  });
});

describe("looksLikeTrustPolicyJson and classify", () => {
  it("recognises federation trust policies by name and content", () => {
    expect(looksLikeTrustPolicyJson("iam/trust.json", TRUST_JSON)).toBe(true);
    expect(looksLikeTrustPolicyJson("iam/saml.json", `{"Statement": [{"Principal": {"Federated": "arn:aws:iam::123456789012:saml-provider/Okta"}}]}`)).toBe(true);
    for (const p of ["iam/trust.json.tpl", "iam/trust.json.tftpl", "iam/trust.json.j2", "iam/TRUST.JSON", "templates/trust.tpl", "templates/trust.tftpl"]) {
      expect(looksLikeTrustPolicyJson(p, TRUST_JSON), p).toBe(true);
    }
  });

  it("leaves other files alone", () => {
    expect(looksLikeTrustPolicyJson("iam/artifacts.json", S3_POLICY_JSON)).toBe(false);
    expect(looksLikeTrustPolicyJson("iam/trust.yaml", TRUST_JSON)).toBe(false);
    // A *.tpl that is not JSON from its first character.
    expect(looksLikeTrustPolicyJson("templates/trust.tpl", `# rendered by terraform\n${TRUST_JSON}`)).toBe(false);
    // AssumeRoleWithWebIdentity mentioned, but no Statement.
    expect(looksLikeTrustPolicyJson("docs/actions.json", `{"actions": ["sts:AssumeRoleWithWebIdentity"]}`)).toBe(false);
  });

  it("classifies trust.json and trust.json.tpl as iam-policy, a plain package.json or permission policy not", () => {
    expect(classify("iam/trust.json", () => TRUST_JSON)).toBe("iam-policy");
    expect(classify("infra/templates/trust.json.tpl", () => TRUST_JSON)).toBe("iam-policy");
    expect(classify("iam/artifacts.json", () => S3_POLICY_JSON)).not.toBe("iam-policy");
    expect(classify("package.json", () => `{\n  "name": "ledger-infra",\n  "version": "1.4.0",\n  "scripts": { "deploy": "cdk deploy" }\n}\n`)).not.toBe("iam-policy");
  });
});

// --- Terraform --------------------------------------------------------------------------------------------------

describe("Terraform trust (readTerraform → trust)", () => {
  it("reads a jsonencode policy: role name, statement, values with ranges between quotes", () => {
    const { file, trust } = tf(`resource "aws_iam_role" "deploy" {
  name = "orders-deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"]
      Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/${GH}" }
      Condition = {
        StringEquals = { "${GH}:aud" = "sts.amazonaws.com" }
        "ForAnyValue:StringLike" = {
          "${GH}:sub" = ["repo:acme-corp/orders:ref:refs/heads/main", "repo:acme-corp/orders:environment:prod"]
        }
      }
    }]
  })
}
`);
    const p = onlyPolicy(trust);
    expect(p.where).toBe("aws_iam_role.deploy in infra/main.tf");
    expect(p.address).toBeUndefined();
    expect(at(p.range)).toBe("3:35-16:4");
    expect(p.roleNames.map((n) => `${kind(n)}@${at(n.range)}`)).toEqual(["L:orders-deploy@2:11-2:24"]);
    const st = firstStatement(p);
    expect(st.effect).toBe("Allow");
    expect(st.actions.map(kind)).toEqual(["L:sts:AssumeRoleWithWebIdentity", "L:sts:TagSession"]);
    expect(st.federated.map((f) => src(file, f))).toEqual([`arn:aws:iam::123456789012:oidc-provider/${GH}`]);
    expect(st.conditions.map((c) => `${src(file, c.operator)} ${src(file, c.key)} ${c.values.map((v) => src(file, v)).join(" | ")}`)).toEqual([
      `StringEquals ${GH}:aud sts.amazonaws.com`,
      `ForAnyValue:StringLike ${GH}:sub repo:acme-corp/orders:ref:refs/heads/main | repo:acme-corp/orders:environment:prod`,
    ]);
    expect(trust.roleLinks).toEqual([]);
  });

  it("reads a heredoc policy with ranges in the .tf file", () => {
    const { file, trust } = tf(`resource "aws_iam_role" "plan" {
  name = "github-terraform-plan"

  assume_role_policy = <<-POLICY
    {
      "Statement": {
        "Effect": "Allow",
        "Principal": { "Federated": ["arn:aws:iam::345678901234:oidc-provider/${GH}"] },
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": { "StringLike": { "${GH}:sub": "repo:acme-corp/infra:*" } }
      }
    }
  POLICY
}
`);
    const p = onlyPolicy(trust);
    expect(at(p.range)).toBe("5:5-12:6");
    const st = firstStatement(p);
    expect(at(st.federated[0]?.range as Range)).toBe("8:39-8:114");
    const c = st.conditions[0];
    expect(`${src(file, c?.operator)}@${at(c?.operator.range as Range)}`).toBe("StringLike@10:25-10:35");
    expect(`${src(file, c?.key)}@${at(c?.key.range as Range)}`).toBe(`${GH}:sub@10:41-10:80`);
    expect(c?.values.map(kind)).toEqual(["L:repo:acme-corp/infra:*"]);
  });

  it("reads an aws_iam_policy_document data source and links the role that names it", () => {
    const { file, trust } = tf(`data "aws_iam_policy_document" "github" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.github.arn]
    }
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::345678901234:root"]
    }
    condition {
      test     = "StringLike"
      variable = "${GH}:sub"
      values   = ["repo:acme-corp/infra:environment:prod"]
    }
  }
}

resource "aws_iam_role" "apply" {
  name               = "github-terraform-apply"
  assume_role_policy = data.aws_iam_policy_document.github.json
}
`);
    const p = onlyPolicy(trust);
    expect(p.address).toBe("data.aws_iam_policy_document.github");
    expect(p.where).toBe("data.aws_iam_policy_document.github in infra/main.tf");
    expect(at(p.range)).toBe("1:1-18:2");
    expect(p.roleNames).toEqual([]);
    const st = firstStatement(p);
    expect(st.effect).toBe("Allow");
    expect(at(st.range)).toBe("2:3-17:4");
    // Only the Federated principals: the AWS one is not a federation principal.
    expect(st.federated.map(kind)).toEqual(["C:aws_iam_openid_connect_provider.github.arn"]);
    expect(st.conditions.map((c) => `${kind(c.operator)}@${at(c.operator.range)} ${kind(c.key)}@${at(c.key.range)} ${c.values.map((v) => `${kind(v)}@${at(v.range)}`).join(",")}`)).toEqual([
      `L:StringLike@13:19-13:29 L:${GH}:sub@14:19-14:58 L:repo:acme-corp/infra:environment:prod@15:20-15:57`,
    ]);
    expect(trust.roleLinks.map((l) => `${src(file, l.roleName)} -> ${l.policy}`)).toEqual(["github-terraform-apply -> data.aws_iam_policy_document.github"]);
    expect(trust.roleLinks[0]?.file).toBe(file);
  });

  it("renders the file's literal locals into keys, and keeps references (through locals) otherwise", () => {
    const { file, trust } = tf(`locals {
  issuer    = "${GH}"
  eks_host  = replace(aws_iam_openid_connect_provider.eks.url, "https://", "")
}

resource "aws_iam_role" "deploy" {
  name = "orders-deploy"
  assume_role_policy = jsonencode({
    Statement = [{
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = aws_iam_openid_connect_provider.github.arn }
      Condition = { StringLike = { "\${local.issuer}:sub" = "repo:acme-corp/orders:*" } }
    }]
  })
}

resource "aws_iam_role" "irsa" {
  name_prefix = "irsa-"
  assume_role_policy = jsonencode({
    Statement = [{
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = aws_iam_openid_connect_provider.eks.arn }
      Condition = { StringEquals = { "\${local.eks_host}:sub" = "system:serviceaccount:kube-system:aws-node" } }
    }]
  })
}
`);
    const [deploy, irsa] = trust.policies as [TrustPolicy, TrustPolicy];
    const key = firstStatement(deploy).conditions[0]?.key;
    expect(kind(key)).toBe(`L:${GH}:sub`);
    expect(key?.refs).toEqual([]);
    const fed = firstStatement(deploy).federated[0];
    expect(kind(fed)).toBe("C:aws_iam_openid_connect_provider.github.arn");
    expect(fed?.refs).toEqual(["aws_iam_openid_connect_provider.github.arn"]);
    expect(src(file, fed)).toBe("aws_iam_openid_connect_provider.github.arn");
    // name_prefix stands for the name.
    expect(irsa.roleNames.map(kind)).toEqual(["L:irsa-"]);
    const eksKey = firstStatement(irsa).conditions[0]?.key;
    expect(kind(eksKey)).toBe("C:${local.eks_host}:sub");
    expect(src(file, eksKey)).toBe("${local.eks_host}:sub");
    expect(eksKey?.refs).toEqual(["local.eks_host", "aws_iam_openid_connect_provider.eks.url"]);
  });

  it('marks dynamic "condition", merged documents and a computed Condition opaque', () => {
    const { trust } = tf(`data "aws_iam_policy_document" "dyn" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::345678901234:oidc-provider/${GH}"]
    }
    dynamic "condition" {
      for_each = var.conditions
      content {
        test     = condition.value.test
        variable = condition.value.variable
        values   = condition.value.values
      }
    }
  }
}

data "aws_iam_policy_document" "merged" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::345678901234:oidc-provider/gitlab.com"]
    }
  }
}

data "aws_iam_policy_document" "plain" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::345678901234:oidc-provider/gitlab.com"]
    }
  }
}

resource "aws_iam_role" "computed" {
  name = "computed"
  assume_role_policy = jsonencode({
    Statement = [{
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = var.provider_arn }
      Condition = local.conditions
    }]
  })
}
`);
    expect(trust.policies.map((p) => `${p.where.split(" ")[0]} ${p.statements.map((s) => s.opaque ?? false).join(",")}`)).toEqual([
      "data.aws_iam_policy_document.dyn true",
      "data.aws_iam_policy_document.merged true",
      "data.aws_iam_policy_document.plain false",
      "aws_iam_role.computed true",
    ]);
    expect(trust.policies[0]?.statements[0]?.conditions).toEqual([]);
  });

  it("reads no policy from a role trusting a service, nor from a .tf.json file", () => {
    const { trust } = tf(`resource "aws_iam_role" "lambda" {
  name = "orders-lambda"
  assume_role_policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}
`);
    expect(trust).toEqual({ policies: [], roleLinks: [], providers: [] });
    const jsonFile = makeSourceFile("infra/main.tf.json", "terraform", `{"resource": {"aws_iam_openid_connect_provider": {"github": {"url": "https://${GH}", "client_id_list": ["sts.amazonaws.com"]}}}}`);
    expect(readTerraform(jsonFile).trust).toBeUndefined();
  });

  it("reads AWS OIDC providers, resource and data lookup", () => {
    const { file, trust } = tf(`resource "aws_iam_openid_connect_provider" "github" {
  url             = "https://${GH}"
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1"]
}

data "aws_iam_openid_connect_provider" "existing" {
  url = "https://gitlab.com"
}
`);
    const github = provider(trust, "aws_iam_openid_connect_provider.github");
    expect(github.kind).toBe("aws-oidc-provider");
    expect(github.where).toBe("aws_iam_openid_connect_provider.github in infra/main.tf");
    expect(at(github.range)).toBe("1:1-5:2");
    expect(`${sliceRange(file, github.nameRange)}@${at(github.nameRange)}`).toBe("github@1:45-1:51");
    expect(`${kind(github.issuer)}@${at(github.issuer?.range as Range)}`).toBe(`L:https://${GH}@2:22-2:65`);
    expect(github.audiences.map((a) => `${kind(a)}@${at(a.range)}`)).toEqual(["L:sts.amazonaws.com@3:23-3:40"]);
    expect(github.audiencesWritten).toBe(true);
    const existing = provider(trust, "data.aws_iam_openid_connect_provider.existing");
    expect(kind(existing.issuer)).toBe("L:https://gitlab.com");
    expect(existing.audiences).toEqual([]);
    expect(existing.audiencesWritten).toBe(false);
  });

  it("reads azuread and azurerm federated identity credentials", () => {
    const { file, trust } = tf(`resource "azuread_application_federated_identity_credential" "prod" {
  application_id = azuread_application.deployer.id
  display_name   = "github-production"
  audiences      = ["api://AzureADTokenExchange"]
  issuer         = "https://${GH}"
  subject        = "repo:acme-corp/inventory:environment:production"
}

resource "azurerm_federated_identity_credential" "aks" {
  name                = "github-main"
  resource_group_name = "rg-inventory-prod"
  parent_id           = azurerm_user_assigned_identity.deployer.id
  audience            = ["api://AzureADTokenExchange"]
  issuer              = var.issuer
  subject             = "repo:\${var.org}/inventory:ref:refs/heads/main"
}
`, "cloud/federation.tf");
    const prod = provider(trust, "azuread_application_federated_identity_credential.prod");
    expect(prod.kind).toBe("azure-federated-credential");
    expect(sliceRange(file, prod.nameRange)).toBe("prod");
    expect([prod.issuer, prod.subject, ...prod.audiences].map((t) => `${kind(t)}@${at(t?.range as Range)}`)).toEqual([
      `L:https://${GH}@5:21-5:64`,
      "L:repo:acme-corp/inventory:environment:production@6:21-6:68",
      "L:api://AzureADTokenExchange@4:22-4:48",
    ]);
    const aks = provider(trust, "azurerm_federated_identity_credential.aks");
    expect(aks.audiencesWritten).toBe(true);
    expect(aks.audiences.map(kind)).toEqual(["L:api://AzureADTokenExchange"]);
    expect(`${kind(aks.issuer)} ${aks.issuer?.refs.join(",")}`).toBe("C:var.issuer var.issuer");
    expect(`${kind(aks.subject)} ${aks.subject?.refs.join(",")}`).toBe("C:repo:${var.org}/inventory:ref:refs/heads/main var.org");
    expect(src(file, aks.subject)).toBe("repo:${var.org}/inventory:ref:refs/heads/main");
  });

  it("reads google OIDC workload identity providers, not AWS ones", () => {
    const { file, trust } = tf(`resource "google_iam_workload_identity_pool_provider" "github" {
  workload_identity_pool_id          = google_iam_workload_identity_pool.ci.workload_identity_pool_id
  workload_identity_pool_provider_id = "github-actions"
  attribute_condition                = "assertion.repository_owner == 'acme-corp'"
  oidc {
    issuer_uri        = "https://${GH}"
    allowed_audiences = ["https://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/ci/providers/github-actions"]
  }
}

resource "google_iam_workload_identity_pool_provider" "gitlab" {
  workload_identity_pool_id          = "ci"
  workload_identity_pool_provider_id = "gitlab"
  oidc {
    issuer_uri = "https://gitlab.com"
  }
}

resource "google_iam_workload_identity_pool_provider" "aws" {
  workload_identity_pool_id          = "ci"
  workload_identity_pool_provider_id = "aws-accounts"
  aws {
    account_id = "999999999999"
  }
}
`, "gcp/wif.tf");
    expect(trust.providers.map((p) => p.address)).toEqual(["google_iam_workload_identity_pool_provider.github", "google_iam_workload_identity_pool_provider.gitlab"]);
    const github = provider(trust, "google_iam_workload_identity_pool_provider.github");
    expect(github.kind).toBe("gcp-workload-identity-provider");
    expect(`${sliceRange(file, github.nameRange)}@${at(github.nameRange)}`).toBe("github@1:56-1:62");
    expect(kind(github.issuer)).toBe(`L:https://${GH}`);
    expect(`${kind(github.condition)}@${at(github.condition?.range as Range)}`).toBe("L:assertion.repository_owner == 'acme-corp'@4:41-4:82");
    expect(kind(github.poolId)).toBe("C:google_iam_workload_identity_pool.ci.workload_identity_pool_id");
    expect(kind(github.providerId)).toBe("L:github-actions");
    expect(github.audiences.map(kind)).toEqual(["L:https://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/ci/providers/github-actions"]);
    expect(github.audiencesWritten).toBe(true);
    const gitlab = provider(trust, "google_iam_workload_identity_pool_provider.gitlab");
    expect(gitlab.condition).toBeUndefined();
    expect(gitlab.audiences).toEqual([]);
    expect(gitlab.audiencesWritten).toBe(false);
  });
});

// --- CloudFormation -----------------------------------------------------------------------------------------------

describe("CloudFormation trust (readCloudFormation → trust)", () => {
  const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  GitHubOIDCProvider:
    Type: AWS::IAM::OIDCProvider
    Properties:
      Url: https://${GH}
      ClientIdList:
        - sts.amazonaws.com
  DeployRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: marketing-site-deploy
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action:
              - sts:AssumeRoleWithWebIdentity
            Principal:
              Federated: !Sub arn:aws:iam::\${AWS::AccountId}:oidc-provider/${GH}
            Condition:
              StringEquals:
                ${GH}:aud: sts.amazonaws.com
              StringLike:
                ${GH}:sub:
                  - repo:acme-corp/site:ref:refs/heads/main
                  - repo:acme-corp/site:environment:production
  RefRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Sub "\${AWS::StackName}-ref"
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRoleWithWebIdentity
            Principal:
              Federated:
                - !Ref GitHubOIDCProvider
                - !GetAtt GitHubOIDCProvider.Arn
  LambdaRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal:
              Service: lambda.amazonaws.com
  ClusterProvider:
    Type: AWS::IAM::OIDCProvider
    Properties:
      Url: !Sub https://oidc.eks.\${AWS::Region}.amazonaws.com/id/\${ClusterId}
`;

  it("reads a role's trust policy with its RoleName; a !Sub principal is computed, with its references", () => {
    const { file, trust } = cfn(TEMPLATE);
    expect(trust.policies.map((p) => p.where)).toEqual(["role DeployRole in cfn/template.yaml", "role RefRole in cfn/template.yaml"]);
    const deploy = trust.policies[0] as TrustPolicy;
    expect(deploy.roleNames.map((n) => `${kind(n)}@${at(n.range)}`)).toEqual(["L:marketing-site-deploy@12:17-12:38"]);
    const st = firstStatement(deploy);
    expect(st.effect).toBe("Allow");
    expect(st.actions.map(kind)).toEqual(["L:sts:AssumeRoleWithWebIdentity"]);
    const fed = st.federated[0];
    expect(kind(fed)).toBe(`C:arn:aws:iam::\${AWS::AccountId}:oidc-provider/${GH}`);
    expect(fed?.refs).toEqual(["AWS::AccountId"]);
    // The range of an intrinsic function covers its tag.
    expect(src(file, fed)).toBe(`!Sub arn:aws:iam::\${AWS::AccountId}:oidc-provider/${GH}`);
    expect(st.conditions.map((c) => `${c.operator.text}@${at(c.operator.range)} ${c.key.text} ${c.values.map((v) => `${kind(v)}@${at(v.range)}`).join(" ")}`)).toEqual([
      `StringEquals@22:15-22:27 ${GH}:aud L:sts.amazonaws.com@23:58-23:75`,
      `StringLike@24:15-24:25 ${GH}:sub L:repo:acme-corp/site:ref:refs/heads/main@26:21-26:60 L:repo:acme-corp/site:environment:production@27:21-27:63`,
    ]);
  });

  it("keeps !Ref and !GetAtt principals as references to the provider, and a !Sub RoleName as computed", () => {
    const { file, trust } = cfn(TEMPLATE);
    const ref = trust.policies[1] as TrustPolicy;
    expect(ref.roleNames.map((n) => `${kind(n)} ${n.refs.join(",")}`)).toEqual(["C:${AWS::StackName}-ref AWS::StackName"]);
    expect(firstStatement(ref).federated.map((f) => `${src(file, f)} -> ${f.refs.join(",")} ${f.literal}`)).toEqual([
      "!Ref GitHubOIDCProvider -> GitHubOIDCProvider false",
      "!GetAtt GitHubOIDCProvider.Arn -> GitHubOIDCProvider false",
    ]);
  });

  it("reads AWS::IAM::OIDCProvider Url and ClientIdList", () => {
    const { file, trust } = cfn(TEMPLATE);
    const github = provider(trust, "GitHubOIDCProvider");
    expect(github.kind).toBe("aws-oidc-provider");
    expect(github.where).toBe("OIDC provider GitHubOIDCProvider in cfn/template.yaml");
    expect(sliceRange(file, github.nameRange)).toBe("GitHubOIDCProvider");
    expect(`${kind(github.issuer)}@${at(github.issuer?.range as Range)}`).toBe(`L:https://${GH}@6:12-6:55`);
    expect(github.audiences.map((a) => `${kind(a)}@${at(a.range)}`)).toEqual(["L:sts.amazonaws.com@8:11-8:28"]);
    expect(github.audiencesWritten).toBe(true);
    const cluster = provider(trust, "ClusterProvider");
    expect(kind(cluster.issuer)).toBe("C:https://oidc.eks.${AWS::Region}.amazonaws.com/id/${ClusterId}");
    expect(cluster.issuer?.refs).toEqual(["AWS::Region", "ClusterId"]);
    expect(cluster.audiences).toEqual([]);
    expect(cluster.audiencesWritten).toBe(false);
  });

  it("reads a JSON template, Fn::Sub long form included", () => {
    const { trust } = cfn(`{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "DeployRole": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "RoleName": "catalog-deploy",
        "AssumeRolePolicyDocument": {
          "Statement": [{
            "Effect": "Allow",
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Principal": { "Federated": { "Fn::Sub": "arn:aws:iam::\${AWS::AccountId}:oidc-provider/${GH}" } },
            "Condition": { "StringLike": { "${GH}:sub": "repo:acme-corp/catalog:*" } }
          }]
        }
      }
    },
    "Provider": {
      "Type": "AWS::IAM::OIDCProvider",
      "Properties": { "Url": "https://gitlab.com", "ClientIdList": ["https://gitlab.com"] }
    }
  }
}
`, "cfn/catalog.json");
    const p = onlyPolicy(trust);
    expect(p.roleNames.map(kind)).toEqual(["L:catalog-deploy"]);
    const st = firstStatement(p);
    expect(st.federated.map((f) => `${kind(f)} ${f.refs.join(",")}`)).toEqual([`C:arn:aws:iam::\${AWS::AccountId}:oidc-provider/${GH} AWS::AccountId`]);
    expect(st.conditions.map((c) => `${kind(c.operator)} ${kind(c.key)} ${c.values.map(kind).join(",")}`)).toEqual([`L:StringLike L:${GH}:sub L:repo:acme-corp/catalog:*`]);
    const gitlab = provider(trust, "Provider");
    expect(kind(gitlab.issuer)).toBe("L:https://gitlab.com");
    expect(gitlab.audiences.map(kind)).toEqual(["L:https://gitlab.com"]);
  });
});
