/** The clouds credlint knows, plus `generic` for credentials of no particular cloud (a service token, a password). */
export type Provider = "aws" | "azure" | "gcp" | "generic";
