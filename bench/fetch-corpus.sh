#!/usr/bin/env bash
# Fetches the bench corpus listed in bench/corpus.txt into DIR: one shallow checkout per repository at its
# pinned commit, as DIR/<name>. Files of 4 MiB and more are then removed (git rm), because the snapshots the
# recorded numbers come from lack them. A repository already at its commit is left alone.
#
# Usage: bench/fetch-corpus.sh DIR [NAME...]     NAME: fetch only these, e.g. pulumi boto3
set -euo pipefail
dir=${1:?usage: bench/fetch-corpus.sh DIR [NAME...]}
shift
list="$(cd "$(dirname "$0")" && pwd)/corpus.txt"
mkdir -p "$dir"
while read -r repo commit <&3; do
  case "$repo" in '' | '#'*) continue ;; esac
  name=${repo#*/}
  if [ $# -gt 0 ] && ! printf '%s\n' "$@" | grep -qxF "$name"; then continue; fi
  dest="$dir/$name"
  if [ "$(git -C "$dest" rev-parse HEAD 2>/dev/null)" = "$commit" ]; then
    echo "$name: already at ${commit:0:12}"
    continue
  fi
  echo "$name: fetching $repo at ${commit:0:12}"
  rm -rf "$dest"
  git init -q "$dest"
  git -C "$dest" fetch -q --depth 1 "https://github.com/$repo" "$commit"
  git -C "$dest" -c advice.detachedHead=false checkout -q FETCH_HEAD
  (cd "$dest" && find . -path ./.git -prune -o -type f -size +4194303c -print0 | xargs -0 -r git rm -q --)
done 3< "$list"
