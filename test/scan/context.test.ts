import { utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lintText } from "../../src/lint/lint.js";
import { clearEditorContext, editorContext, isContextPath, keepsContext, neededContext } from "../../src/scan/context.js";
import { tempRepo } from "../support/cli.js";

const ENV = "AWS_PROFILE=staging\nAWS_REGION=eu-west-1\n";

describe("the repository context of one file", () => {
  it("says what a file needs: AWS files for a named profile, the other file of an AWS pair, CI files for linking CI kinds", () => {
    expect(neededContext([{ path: ".env", kind: "dotenv", text: ENV }])).toEqual({ aws: true, siblings: [], ci: false, runBy: [], gitlabIncludes: false, folders: [] });
    expect(neededContext([{ path: "infra/.aws/credentials", kind: "aws-credentials", text: "[default]\n" }])).toEqual({ aws: false, siblings: ["infra/.aws/config"], ci: false, runBy: [], gitlabIncludes: false, folders: [] });
    // Both files of the pair at hand: nothing more to read.
    expect(neededContext([{ path: ".aws/config", kind: "aws-config", text: "[default]\n" }, { path: ".aws/credentials", kind: "aws-credentials", text: "[default]\n" }]).siblings).toEqual([]);
    expect(neededContext([{ path: ".env", kind: "dotenv", text: "AWS_REGION=eu-west-1\n" }])).toEqual({ aws: false, siblings: [], ci: false, runBy: [], gitlabIncludes: false, folders: [] });
    expect(neededContext([{ path: ".gitlab-ci.yml", kind: "gitlab-ci", text: "include:\n  - local: ci/x.yml\n" }])).toEqual({ aws: false, siblings: [], ci: true, runBy: [], gitlabIncludes: true, folders: [] });
    const need = { aws: true, siblings: [], ci: false, runBy: [], gitlabIncludes: false, folders: [] };
    expect(isContextPath(need, "infra/.aws/config")).toBe(true);
    expect(isContextPath(need, "deploy/credentials")).toBe(true);
    expect(isContextPath(need, ".github/workflows/ci.yml")).toBe(false);
    expect(isContextPath({ aws: false, siblings: ["a/.aws/config"], ci: false, runBy: [], gitlabIncludes: false, folders: [] }, "b/.aws/config")).toBe(false);
    // A Terraform file is read with the variables and tfvars of its own folder, not of another.
    const tf = neededContext([{ path: "infra/main.tf", kind: "terraform", text: 'provider "aws" {\n  region = var.region\n}\n' }]);
    expect(tf.folders.map((f) => f.dir)).toEqual(["infra"]);
    expect(isContextPath(tf, "infra/variables.tf")).toBe(true);
    expect(isContextPath(tf, "infra/terraform.tfvars")).toBe(true);
    expect(isContextPath(tf, "infra/modules/vpc/variables.tf")).toBe(false);
    expect(isContextPath(tf, "infra/README.md")).toBe(false);
    // Code that passes a region: the CI files, kept only when they name the file (the step that runs it).
    const code = neededContext([{ path: "scripts/export.mjs", kind: "js-ts", text: 'new S3Client({ region: "us-east-1" })' }]);
    expect(code).toMatchObject({ ci: false, runBy: ["export.mjs"] });
    expect(isContextPath(code, ".github/workflows/nightly.yml")).toBe(true);
    expect(keepsContext(code, ".github/workflows/nightly.yml", "    steps:\n      - run: node scripts/export.mjs\n")).toBe(true);
    expect(keepsContext(code, ".github/workflows/lint.yml", "    steps:\n      - run: npm run lint\n")).toBe(false);
    expect(neededContext([{ path: "src/app.ts", kind: "js-ts", text: "new S3Client({})" }]).runBy).toEqual([]);
  });

  it("reads the linked files from disk for the editor, and sees them change", () => {
    clearEditorContext();
    const dir = tempRepo({ ".env": ENV, ".aws/config": "[default]\nregion = eu-west-1\n" }, { git: true });
    const lint = (): string[] => lintText(ENV, path.join(dir, ".env"), dir).map((f) => f.ruleId);
    expect(lint()).toContain("profile-reference");
    // The profile is defined now: the config file's size and mtime changed, so it is read again.
    writeFileSync(path.join(dir, ".aws/config"), "[default]\nregion = eu-west-1\n\n[profile staging]\nregion = eu-west-1\n");
    utimesSync(path.join(dir, ".aws/config"), new Date(Date.now() + 5000), new Date(Date.now() + 5000));
    expect(lint()).not.toContain("profile-reference");
  });

  it("lists the repository again once its listing is 5 seconds old, and so sees a new file", () => {
    clearEditorContext();
    const dir = tempRepo({ ".env": ENV, ".aws/config": "[default]\nregion = eu-west-1\n" }, { git: true });
    const file = { path: ".env", kind: "dotenv", text: ENV };
    const paths = (now: number): string[] => editorContext(dir, file, () => undefined, now).map((m) => m.file.path).sort();
    const t0 = 1_000_000;
    expect(paths(t0)).toEqual([".aws/config"]);
    writeFileSync(path.join(dir, ".aws/credentials"), "[staging]\nregion = eu-west-1\n");
    expect(paths(t0 + 1000)).toEqual([".aws/config"]);
    expect(paths(t0 + 6000)).toEqual([".aws/config", ".aws/credentials"]);
  });
});
