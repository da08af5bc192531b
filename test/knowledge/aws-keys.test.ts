import { describe, expect, it } from "vitest";
import {
  AWS_ACCESS_KEY_ID_BASE32_RE,
  AWS_ACCESS_KEY_ID_RE,
  AWS_ACCOUNT_ID_RE,
  AWS_CREDENTIAL_KEYS,
  AWS_EXAMPLE_KEYS,
  AWS_ID_PREFIXES,
  AWS_KEY_ALIASES,
  AWS_PARTITION_IDS,
  AWS_PROFILE_KEYS,
  AWS_S3_SUBSECTION_KEYS,
  AWS_SECRET_KEY_FALSE_POSITIVE_RE,
  AWS_SECRET_KEY_RE,
  AWS_SECRET_KEYS,
  AWS_SSO_SESSION_KEYS,
  AWS_UNIQUE_ID_RE,
  CREDENTIAL_SOURCES,
  DURATION_SECONDS_DEFAULT,
  DURATION_SECONDS_MAX,
  DURATION_SECONDS_MIN,
  EXTERNAL_ID_RE,
  IAM_PATH_RE,
  MFA_TOKEN_CODE_RE,
  ROLE_CHAINING_MAX,
  ROLE_NAME_MAX,
  ROLE_NAME_RE,
  ROLE_SESSION_NAME_RE,
  accountFromKeyId,
  awsKeyCategory,
  awsKeyIdPrefix,
  isAssumedRoleArn,
  isAwsExampleValue,
  isAwsPartitionId,
  isCredentialSource,
  isHardwareMfaSerial,
  isKnownAwsKey,
  isMfaDeviceArn,
  isPlaceholder,
  isRoleArn,
  isValidMfaSerial,
  parseArn,
  parseRoleArn,
  suggestAwsKey,
} from "../../src/knowledge/aws-keys.js";
import { AWS_PARTITIONS } from "../../src/knowledge/aws-regions.js";

describe("key tables", () => {
  it("lists the §1.4 keys, lower-case, with categories", () => {
    const expected: [string, string][] = [
      ["aws_access_key_id", "credentials"],
      ["aws_secret_access_key", "credentials"],
      ["aws_session_token", "credentials"],
      ["aws_security_token", "credentials"],
      ["aws_account_id", "credentials"],
      ["role_arn", "assume-role"],
      ["source_profile", "assume-role"],
      ["credential_source", "assume-role"],
      ["external_id", "assume-role"],
      ["mfa_serial", "assume-role"],
      ["role_session_name", "assume-role"],
      ["duration_seconds", "assume-role"],
      ["web_identity_token_file", "web-identity"],
      ["credential_process", "process"],
      ["sso_session", "sso"],
      ["sso_start_url", "sso"],
      ["sso_region", "sso"],
      ["sso_account_id", "sso"],
      ["sso_role_name", "sso"],
      ["login_session", "login"],
      ["region", "general"],
      ["output", "cli"],
      ["ca_bundle", "general"],
      ["endpoint_url", "general"],
      ["services", "general"],
      ["sts_regional_endpoints", "general"],
      ["ec2_metadata_v1_disabled", "general"],
      ["auth_scheme_preference", "general"],
      ["s3", "s3"],
      ["s3_use_arn_region", "s3"],
      ["s3_disable_multiregion_access_points", "s3"],
      ["cli_pager", "cli"],
    ];
    for (const [key, category] of expected) expect({ key, category: awsKeyCategory(key) }).toEqual({ key, category });
    for (const key of AWS_PROFILE_KEYS.keys()) expect(key).toBe(key.toLowerCase());
    expect(awsKeyCategory("aws_secret_key")).toBeUndefined();
  });

  it("sso-session, secret and credential key sets", () => {
    expect([...AWS_SSO_SESSION_KEYS].sort()).toEqual(["sso_region", "sso_registration_scopes", "sso_start_url"]);
    expect([...AWS_SECRET_KEYS].sort()).toEqual(["aws_secret_access_key", "aws_security_token", "aws_session_token"]);
    expect([...AWS_CREDENTIAL_KEYS].sort()).toEqual([
      "aws_access_key_id",
      "aws_secret_access_key",
      "aws_security_token",
      "aws_session_token",
    ]);
    for (const k of AWS_CREDENTIAL_KEYS) expect(awsKeyCategory(k)).toBe("credentials");
    expect(AWS_S3_SUBSECTION_KEYS.has("addressing_style")).toBe(true);
    expect(AWS_S3_SUBSECTION_KEYS.has("region")).toBe(false);
  });

  it("isKnownAwsKey is an exact lower-case match", () => {
    expect(isKnownAwsKey("aws_access_key_id")).toBe(true);
    expect(isKnownAwsKey("region")).toBe(true);
    expect(isKnownAwsKey("AWS_ACCESS_KEY_ID")).toBe(false);
    expect(isKnownAwsKey("Region")).toBe(false);
    expect(isKnownAwsKey("role-arn")).toBe(false);
    expect(isKnownAwsKey(" region")).toBe(false);
    expect(isKnownAwsKey("aws_secret_key")).toBe(false);
    expect(isKnownAwsKey("sso_registration_scopes")).toBe(false); // sso-session key, not a profile key
  });

  it("every alias points to a known key and is not itself known", () => {
    for (const [from, { to }] of AWS_KEY_ALIASES) {
      expect({ from, known: isKnownAwsKey(to) || AWS_SSO_SESSION_KEYS.has(to) }).toEqual({ from, known: true });
      expect({ from, known: isKnownAwsKey(from) }).toEqual({ from, known: false });
    }
  });
});

describe("suggestAwsKey", () => {
  const cases: [string, string, boolean][] = [
    // well-known mistakes (reference §1.4)
    ["aws_secret_key", "aws_secret_access_key", true],
    ["aws_access_key", "aws_access_key_id", true],
    ["access_key_id", "aws_access_key_id", true],
    ["secret_access_key", "aws_secret_access_key", true],
    ["aws_secret_access_key_id", "aws_secret_access_key", true],
    ["aws_session_key", "aws_session_token", true],
    ["aws_access_token", "aws_session_token", false],
    ["region_name", "region", true],
    ["aws_region", "region", true],
    ["aws_default_region", "region", true],
    ["default_region", "region", true],
    ["aws_profile", "source_profile", false],
    ["profile", "source_profile", false],
    ["sourceprofile", "source_profile", true],
    ["mfa_serial_number", "mfa_serial", true],
    ["sso_start_uri", "sso_start_url", true],
    ["aws_account", "aws_account_id", false],
    // env-var spelling, case and dashes
    ["AWS_DEFAULT_REGION", "region", true],
    ["AWS_SECRET_KEY", "aws_secret_access_key", true],
    ["AWS_ACCESS_KEY_ID", "aws_access_key_id", true],
    ["Region", "region", true],
    ["role-arn", "role_arn", true],
    ["Role-ARN", "role_arn", true],
    ["source-profile", "source_profile", true],
    ["sso-start-url", "sso_start_url", true],
    // edit-distance fallback (never certain)
    ["regoin", "region", false],
    ["aws_secret_acess_key", "aws_secret_access_key", false],
    ["aws_acces_key_id", "aws_access_key_id", false],
    ["aws_sesion_token", "aws_session_token", false],
    ["credential_sorce", "credential_source", false],
    ["sso_registration_scope", "sso_registration_scopes", false],
    ["mfa_seral", "mfa_serial", false],
    ["aws_secret_access_kee", "aws_secret_access_key", false],
  ];
  for (const [key, suggestion, certain] of cases) {
    it(`${key} → ${suggestion}${certain ? " (certain)" : ""}`, () => {
      expect(suggestAwsKey(key)).toEqual({ suggestion, certain });
    });
  }

  it("returns undefined for known keys", () => {
    for (const key of ["region", "aws_access_key_id", "role_arn", "cli_pager", "sso_start_url", "sso_registration_scopes"]) {
      expect(suggestAwsKey(key)).toBeUndefined();
    }
  });

  it("returns undefined for keys not close to any known key", () => {
    for (const key of ["foo", "my_custom_setting", "plugins", "cli_legacy_plugin_path_x_y", ""]) {
      expect(suggestAwsKey(key)).toBeUndefined();
    }
  });

  it("allows distance 3 only for long keys", () => {
    expect(suggestAwsKey("aws_secrt_acess_ky")).toEqual({ suggestion: "aws_secret_access_key", certain: false });
    expect(suggestAwsKey("rgn")).toBeUndefined(); // "region" is 3 edits away, too far for a short key
  });
});

describe("key-id prefixes and formats", () => {
  it("AWS_ID_PREFIXES follows §2.1", () => {
    const credential = AWS_ID_PREFIXES.filter((p) => p.credential).map((p) => p.prefix);
    expect(credential.sort()).toEqual(["ABIA", "ACCA", "AKIA", "ASIA"]);
    for (const p of AWS_ID_PREFIXES) expect(p.prefix).toMatch(/^A[A-Z0-9]{3}$/);
    expect(AWS_ID_PREFIXES.map((p) => p.prefix)).toEqual(expect.arrayContaining(["AIDA", "AROA", "AGPA", "ANPA"]));
  });

  it("awsKeyIdPrefix", () => {
    expect(awsKeyIdPrefix("AKIAIOSFODNN7EXAMPLE")?.prefix).toBe("AKIA");
    expect(awsKeyIdPrefix("ASIAY34FZKBOKMUTVV7A")?.credential).toBe(true);
    expect(awsKeyIdPrefix("AROA3XFRBF535PLBIFPI4")).toMatchObject({ prefix: "AROA", credential: false });
    expect(awsKeyIdPrefix("AIDAJQABLZS4A3QDU576Q")?.entity).toBe("IAM user");
    // near misses
    expect(awsKeyIdPrefix("akiaiosfodnn7example")).toBeUndefined();
    expect(awsKeyIdPrefix("AKIA1234")).toBeUndefined();
    expect(awsKeyIdPrefix("ASIAN_FOOD_RESTAURANT")).toBeUndefined();
    expect(awsKeyIdPrefix("AXYZIOSFODNN7EXAMPLE")).toBeUndefined();
  });

  it("AWS_ACCESS_KEY_ID_RE / BASE32 / UNIQUE_ID", () => {
    expect(AWS_ACCESS_KEY_ID_RE.test("AKIAIOSFODNN7EXAMPLE")).toBe(true);
    expect(AWS_ACCESS_KEY_ID_RE.test("AKIAI44QH8DHBEXAMPLE")).toBe(true);
    expect(AWS_ACCESS_KEY_ID_RE.test("ASIAY34FZKBOKMUTVV7A")).toBe(true);
    expect(AWS_ACCESS_KEY_ID_RE.test("AKIAIOSFODNN7EXAMPL")).toBe(false); // 19
    expect(AWS_ACCESS_KEY_ID_RE.test("AKIAIOSFODNN7EXAMPLEX")).toBe(false); // 21
    expect(AWS_ACCESS_KEY_ID_RE.test("AIDAIOSFODNN7EXAMPLE")).toBe(false);
    expect(AWS_ACCESS_KEY_ID_RE.test("akiaiosfodnn7example")).toBe(false);
    expect(AWS_ACCESS_KEY_ID_BASE32_RE.test("ASIAY34FZKBOKMUTVV7A")).toBe(true);
    expect(AWS_ACCESS_KEY_ID_BASE32_RE.test("AKIAI44QH8DHBEXAMPLE")).toBe(false); // contains 8: old format
    expect(AWS_UNIQUE_ID_RE.test("AROA3XFRBF535PLBIFPI4")).toBe(true);
    expect(AWS_UNIQUE_ID_RE.test("AKIAIOSFODNN7EXAMPLE")).toBe(false);
  });

  it("AWS_SECRET_KEY_RE and its git-hash false positive", () => {
    expect(AWS_SECRET_KEY_RE.test("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")).toBe(true);
    expect(AWS_SECRET_KEY_RE.test("je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY")).toBe(true);
    expect(AWS_SECRET_KEY_RE.test("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE")).toBe(false); // 39
    expect(AWS_SECRET_KEY_RE.test("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY ")).toBe(false);
    expect(AWS_SECRET_KEY_RE.test("wJalrXUtnFEMI-K7MDENG_bPxRfiCYEXAMPLEKEY")).toBe(false);
    expect(AWS_SECRET_KEY_FALSE_POSITIVE_RE.test("0e6e2404b85dc336dd2889814e089bde7d1a4c55")).toBe(true);
    expect(AWS_SECRET_KEY_FALSE_POSITIVE_RE.test("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")).toBe(false);
    expect(AWS_ACCOUNT_ID_RE.test("123456789012")).toBe(true);
    expect(AWS_ACCOUNT_ID_RE.test("12345678901")).toBe(false);
  });

  it("accountFromKeyId decodes current-format ids (§2.3)", () => {
    // The worked example from Tal Be'ery's note / trufflehog's tests.
    expect(accountFromKeyId("ASIAY34FZKBOKMUTVV7A")).toBe("609629065308");
    const decoded = accountFromKeyId("AKIAQYLPMN5HHHFPZAM2");
    expect(decoded).toMatch(/^\d{12}$/);
    // old AKIAI / AKIAJ keys carry no account id
    expect(accountFromKeyId("AKIAIOSFODNN7EXAMPLE")).toBeUndefined();
    expect(accountFromKeyId("AKIAJ34FZKBOKMUTVV7A")).toBeUndefined();
    // not base32 / wrong length / lower case
    expect(accountFromKeyId("AKIAY34FZKBOKMUTVV70")).toBeUndefined();
    expect(accountFromKeyId("ASIAY34FZKBOKMUTVV7")).toBeUndefined();
    expect(accountFromKeyId("asiay34fzkbokmutvv7a")).toBeUndefined();
  });
});

describe("example keys and placeholders", () => {
  it("AWS_EXAMPLE_KEYS are the documented pairs", () => {
    expect(AWS_EXAMPLE_KEYS).toHaveLength(2);
    for (const k of AWS_EXAMPLE_KEYS) {
      expect(AWS_ACCESS_KEY_ID_RE.test(k.accessKeyId)).toBe(true);
      expect(AWS_SECRET_KEY_RE.test(k.secretAccessKey)).toBe(true);
    }
  });

  it("isAwsExampleValue", () => {
    expect(isAwsExampleValue("AKIAIOSFODNN7EXAMPLE")).toBe(true);
    expect(isAwsExampleValue("je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY")).toBe(true);
    expect(isAwsExampleValue("AKIAZZZZZZZZZEXAMPLE")).toBe(true);
    expect(isAwsExampleValue("abcdEXAMPLEKEY")).toBe(true);
    // variants test suites write to dodge scanners
    expect(isAwsExampleValue("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPL3KEY")).toBe(true);
    expect(isAwsExampleValue("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMAAAKEY")).toBe(true);
    expect(isAwsExampleValue("AKIAIOS3F6KN7EXAMPL3")).toBe(true);
    expect(isAwsExampleValue("AKIAIOSFODNN7ABCDEFG")).toBe(true);
    // near misses
    expect(isAwsExampleValue("AKIAIOSFODNN7example")).toBe(false);
    expect(isAwsExampleValue("EXAMPLE")).toBe(false);
    expect(isAwsExampleValue("AKIAIOSFODNN7EXAMPLE ")).toBe(false);
    expect(isAwsExampleValue("EXAMPLEAKIAIOSFODNN7")).toBe(false);
  });

  const placeholders = [
    "<YOUR_ACCESS_KEY>",
    "<access key id>",
    "YOUR_ACCESS_KEY_ID",
    "your-secret-key",
    "your_secret",
    "YourSecretKey",
    "xxxx",
    "XXXXXXXXXXXXXXXXXXXX",
    "xxxx-xxxx-xxxx",
    "changeme",
    "CHANGE_ME",
    "change-me",
    "***",
    "********",
    "REDACTED",
    "[REDACTED]",
    "dummy",
    "test",
    "TODO",
    "placeholder",
    "replace_me",
    "REPLACE-ME",
    "secret",
    "...",
    "…",
    "aaaaaaaa",
    "000000000000",
    "AKIAXXXXXXXXXXXXXXXX",
    "ASIA****************",
    "dummy-secret-key",
    "test_access_key_id",
    "PUT_YOUR_KEY_HERE",
    "insert-token-here",
    "fake",
    "example",
  ];
  for (const v of placeholders) {
    it(`placeholder: ${JSON.stringify(v)}`, () => expect(isPlaceholder(v)).toBe(true));
  }

  const notPlaceholders = [
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    // credlint-disable-next-line hardcoded-aws-key:34ef157d -- near-miss fakes for isPlaceholder
    "wJalrXUtnFEMI/K7MDENGtestPxRfiCYzzzzzKEY",
    // credlint-disable-next-line hardcoded-aws-key:bcf75255
    "testK7MDENG/bPxRfiCYwJalrXUtnFEMI/zzzKEY",
    "AKIAY34FZKBOKMUTVV7A",
    "AKIAXXXXXXXXXXXXXXXY",
    "${AWS_SECRET_ACCESS_KEY}",
    "${{ secrets.AWS_SECRET }}",
    "$(cat /run/secret)",
    "{{ .Values.secret }}",
    "yourself",
    "testing123",
    "my-prod-profile",
    "aa",
    "",
    "   ",
    "arn:aws:iam::123456789012:role/Test",
  ];
  for (const v of notPlaceholders) {
    it(`not a placeholder: ${JSON.stringify(v)}`, () => expect(isPlaceholder(v)).toBe(false));
  }
});

describe("ARNs", () => {
  it("AWS_PARTITION_IDS matches the partition table", () => {
    expect([...AWS_PARTITION_IDS]).toEqual(AWS_PARTITIONS.map((p) => p.id));
    expect(AWS_PARTITION_IDS).toEqual(
      expect.arrayContaining(["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"]),
    );
    expect(isAwsPartitionId("aws-cn")).toBe(true);
    expect(isAwsPartitionId("aws-china")).toBe(false);
    expect(isAwsPartitionId("AWS")).toBe(false);
  });

  it("parseArn", () => {
    expect(parseArn("arn:aws:iam::123456789012:role/S3Access")).toEqual({
      partition: "aws",
      service: "iam",
      region: "",
      account: "123456789012",
      resource: "role/S3Access",
    });
    expect(parseArn("arn:aws:logs:us-east-1:123456789012:log-group:my:group:*")?.resource).toBe(
      "log-group:my:group:*",
    );
    expect(parseArn("arn:aws:s3:::my-bucket")).toMatchObject({ service: "s3", account: "", resource: "my-bucket" });
    expect(parseArn("arn:aws:iam::123456789012")).toBeUndefined();
    expect(parseArn("arn:aws:iam::123456789012:")).toBeUndefined();
    expect(parseArn("arn::iam::123456789012:role/x")).toBeUndefined();
    expect(parseArn("ARN:aws:iam::123456789012:role/x")).toBeUndefined();
    expect(parseArn("role/x")).toBeUndefined();
  });

  it("parseRoleArn / isRoleArn", () => {
    expect(parseRoleArn("arn:aws:iam::123456789012:role/S3Access")).toEqual({
      partition: "aws",
      account: "123456789012",
      path: "/",
      name: "S3Access",
    });
    expect(parseRoleArn("arn:aws-cn:iam::123456789012:role/team/app/Deploy")).toMatchObject({
      partition: "aws-cn",
      path: "/team/app/",
      name: "Deploy",
    });
    expect(isRoleArn("arn:aws-us-gov:iam::123456789012:role/a+b=c,d.e@f-g_h")).toBe(true);
    expect(isRoleArn(`arn:aws:iam::123456789012:role/${"r".repeat(ROLE_NAME_MAX)}`)).toBe(true);
    expect(isRoleArn("arn:aws-eusc:iam::123456789012:role/x")).toBe(true);
    // near misses
    expect(isRoleArn(`arn:aws:iam::123456789012:role/${"r".repeat(ROLE_NAME_MAX + 1)}`)).toBe(false);
    expect(isRoleArn("arn:aws:iam::12345678901:role/S3Access")).toBe(false);
    expect(isRoleArn("arn:aws:iam:us-east-1:123456789012:role/S3Access")).toBe(false);
    expect(isRoleArn("arn:aws:sts::123456789012:role/S3Access")).toBe(false);
    expect(isRoleArn("arn:aws:iam::123456789012:user/Bob")).toBe(false);
    expect(isRoleArn("arn:aws:iam::123456789012:role/")).toBe(false);
    expect(isRoleArn("arn:aws:iam::123456789012:role//S3Access")).toBe(false);
    expect(isRoleArn("arn:aws:iam::123456789012:role/S3 Access")).toBe(false);
    expect(isRoleArn("arn:aws:iam::123456789012:role/S3Access ")).toBe(false);
    expect(isRoleArn("arn:amazon:iam::123456789012:role/S3Access")).toBe(false);
    expect(isRoleArn("arn:aws:sts::123456789012:assumed-role/Role/Session")).toBe(false);
    expect(isRoleArn("S3Access")).toBe(false);
  });

  it("IAM_PATH_RE / ROLE_NAME_RE", () => {
    expect(IAM_PATH_RE.test("/")).toBe(true);
    expect(IAM_PATH_RE.test("/a/b/")).toBe(true);
    expect(IAM_PATH_RE.test("a/")).toBe(false);
    expect(IAM_PATH_RE.test("/a")).toBe(false);
    expect(IAM_PATH_RE.test("//")).toBe(false);
    expect(ROLE_NAME_RE.test("My-Role_1")).toBe(true);
    expect(ROLE_NAME_RE.test("My Role")).toBe(false);
  });

  it("isMfaDeviceArn / isHardwareMfaSerial / isValidMfaSerial", () => {
    expect(isMfaDeviceArn("arn:aws:iam::123456789012:mfa/Bob")).toBe(true);
    expect(isMfaDeviceArn("arn:aws:iam::123456789012:mfa/path/Bob-phone")).toBe(true);
    expect(isMfaDeviceArn("arn:aws:iam::123456789012:user/Bob")).toBe(false);
    expect(isMfaDeviceArn("arn:aws:iam::123456789012:mfa/")).toBe(false);
    expect(isMfaDeviceArn("arn:aws:sts::123456789012:mfa/Bob")).toBe(false);
    expect(isMfaDeviceArn("arn:aws:iam::1234:mfa/Bob")).toBe(false);
    expect(isHardwareMfaSerial("GAHT12345678")).toBe(true);
    expect(isHardwareMfaSerial("GAHT1234")).toBe(false); // 8 < 9
    expect(isHardwareMfaSerial("GAHT 12345678")).toBe(false);
    expect(isHardwareMfaSerial("arn:aws:iam::123456789012:mfa/Bob")).toBe(false);
    expect(isValidMfaSerial("arn:aws:iam::123456789012:mfa/Bob")).toBe(true);
    expect(isValidMfaSerial("GAHT12345678")).toBe(true);
    expect(isValidMfaSerial("arn:aws:iam::123456789012:user/Bob")).toBe(false);
    expect(MFA_TOKEN_CODE_RE.test("123456")).toBe(true);
    expect(MFA_TOKEN_CODE_RE.test("12345")).toBe(false);
  });

  it("isAssumedRoleArn", () => {
    expect(isAssumedRoleArn("arn:aws:sts::123456789012:assumed-role/Role/Session")).toBe(true);
    expect(isAssumedRoleArn("arn:aws-cn:sts::123456789012:assumed-role/Deploy/botocore-session-1712345678")).toBe(true);
    expect(isAssumedRoleArn("arn:aws:iam::123456789012:assumed-role/Role/Session")).toBe(false);
    expect(isAssumedRoleArn("arn:aws:sts::123456789012:assumed-role/Role")).toBe(false);
    expect(isAssumedRoleArn("arn:aws:sts::123456789012:assumed-role/Role/S")).toBe(false); // session name < 2
    expect(isAssumedRoleArn("arn:aws:sts::123456789012:role/Role")).toBe(false);
  });
});

describe("STS constraints", () => {
  it("ROLE_SESSION_NAME_RE: 2–64 of [\\w+=,.@-]", () => {
    expect(ROLE_SESSION_NAME_RE.test("ab")).toBe(true);
    expect(ROLE_SESSION_NAME_RE.test("user@example.com")).toBe(true);
    expect(ROLE_SESSION_NAME_RE.test("x".repeat(64))).toBe(true);
    expect(ROLE_SESSION_NAME_RE.test("a")).toBe(false);
    expect(ROLE_SESSION_NAME_RE.test("x".repeat(65))).toBe(false);
    expect(ROLE_SESSION_NAME_RE.test("my session")).toBe(false);
    expect(ROLE_SESSION_NAME_RE.test("a/b")).toBe(false);
  });

  it("EXTERNAL_ID_RE: 2–1224 of [\\w+=,.@:/-]", () => {
    expect(EXTERNAL_ID_RE.test("ab")).toBe(true);
    expect(EXTERNAL_ID_RE.test("urn:tenant/42")).toBe(true);
    expect(EXTERNAL_ID_RE.test("x".repeat(1224))).toBe(true);
    expect(EXTERNAL_ID_RE.test("a")).toBe(false);
    expect(EXTERNAL_ID_RE.test("x".repeat(1225))).toBe(false);
    expect(EXTERNAL_ID_RE.test("a b")).toBe(false);
  });

  it("duration bounds", () => {
    expect(DURATION_SECONDS_MIN).toBe(900);
    expect(DURATION_SECONDS_MAX).toBe(43200);
    expect(ROLE_CHAINING_MAX).toBe(3600);
    expect(DURATION_SECONDS_DEFAULT).toBe(3600);
  });

  it("CREDENTIAL_SOURCES is case-sensitive", () => {
    expect([...CREDENTIAL_SOURCES]).toEqual(["Environment", "Ec2InstanceMetadata", "EcsContainer"]);
    expect(isCredentialSource("EcsContainer")).toBe(true);
    expect(isCredentialSource("ecscontainer")).toBe(false);
    expect(isCredentialSource("Ec2InstanceMetaData")).toBe(false);
    expect(isCredentialSource("Ec2Metadata")).toBe(false);
  });
});
