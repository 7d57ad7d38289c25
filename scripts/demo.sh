#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# scripts/demo.sh BUILD_DIR: `make demo`, the full recovery flow of every vendor through recoveryctl.
#
# Contract: starts `BUILD_DIR/recoveryctl mock` in the background, reads its one JSON line of base
# URLs and client options, and for each vendor of `recoveryctl vendors --json` (the registry) walks
# request → mail in the mock's outbox (GET /__mock/outbox) → validate → complete (new password on
# stdin) → sign in with the new password and not with the old one (POST /__mock/signin), and the
# other operations, as far as the vendor's capabilities go (see flow below). It
# prints one table row per step (vendor | step | expected | result | ok) and exits 0 only if every
# step did what it should. Passwords, tokens, keys, codes and JWTs are never printed. The mock is
# always stopped on exit. Needs jq and curl (scripts/setup.sh installs them).
set -uo pipefail

build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
ctl="$build/recoveryctl"
if [ ! -x "$ctl" ]; then
  echo "demo: $ctl not found: build first (make build)" >&2
  exit 1
fi
for tool in jq curl; do
  command -v "$tool" >/dev/null || { echo "demo: needs $tool (scripts/setup.sh installs it)" >&2; exit 1; }
done

# The demo account every mock seeds.
user=jane
email=jane@example.com
old_password=Old-Passw0rd-1

workdir=$(mktemp -d)
mock_pid=""
cleanup() {
  if [ -n "$mock_pid" ]; then
    kill -TERM "$mock_pid" 2>/dev/null
    wait "$mock_pid" 2>/dev/null
  fi
  exec 3<&- 2>/dev/null
  rm -rf "$workdir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Start the mocks and read their URL line through a FIFO (no polling).
mkfifo "$workdir/urls"
"$ctl" mock >"$workdir/urls" 2>"$workdir/mock.err" &
mock_pid=$!
exec 3<"$workdir/urls"
if ! IFS= read -r -t 60 urls <&3 || ! jq -e 'type == "object"' <<<"$urls" >/dev/null 2>&1; then
  echo "demo: recoveryctl mock did not start:" >&2
  cat "$workdir/mock.err" >&2
  exit 1
fi

base_of() { jq -r --arg v "$1" '.[$v] // empty' <<<"$urls"; }
# The control API lives at the server's root, whatever the vendor's base path ("/v2", "/studio").
origin_of() { sed -E 's#^(https?://[^/]+).*#\1#' <<<"$1"; }

failures=0
row() {  # vendor step expected result
  local ok=yes
  [ "$3" = "$4" ] || { ok=NO; failures=$((failures + 1)); }
  printf '%-13s| %-40s| %-22s| %-22s| %s\n' "$1" "$2" "$3" "$4" "$ok"
}

# ctl VENDOR [ARGS...]: recoveryctl --json against the vendor's mock. Sets $out (the JSON object)
# and $outcome ("ok" or the error code). Stdin and the environment pass through.
call() {
  local vendor=$1
  shift
  out=$("$ctl" --json --vendor "$vendor" --base-url "$(base_of "$vendor")" "$@" 2>>"$workdir/ctl.err")
  outcome=$(jq -r 'if .ok then "ok" else .error.code end' <<<"$out" 2>/dev/null)
  [ -n "$outcome" ] || outcome="no JSON"
}

# mail_field VENDOR FIELD: that field of the newest mail to the demo address, or "".
mail_field() {
  curl -sf "$(origin_of "$(base_of "$1")")/__mock/outbox" |
    jq -r --arg to "$email" --arg f "$2" '[.[] | select(.to == $to)] | last | .fields[$f] // empty'
}
present() { [ -n "$1" ] && echo present || echo missing; }

# signin VENDOR PASSWORD: the mock's HTTP status for the demo user (200 accepted, 401 refused).
signin() {
  jq -nc --arg u "$user" --arg p "$2" '{username: $u, password: $p}' |
    curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @- \
      "$(origin_of "$(base_of "$1")")/__mock/signin"
}

new_password() { echo "Demo-$1-$(date +%s%N | sha256sum | cut -c1-12)-Aa1!"; }

# Maps an outcome onto the CLI's "rejected by the vendor" class (exit 4).
rejected() {
  case "$1" in
    not_found | permission_denied | unauthenticated | invalid_token | failed_precondition) echo rejected ;;
    *) echo "$1" ;;
  esac
}

mails_to_demo() {  # vendor: how many mails the outbox holds for the demo address
  curl -sf "$(origin_of "$(base_of "$1")")/__mock/outbox" |
    jq --arg to "$email" '[.[] | select(.to == $to)] | length'
}

# flow VENDOR: the vendor's recovery flow as its capabilities (`recoveryctl vendors --json`) and its
# emulation (the mock's line: client_options) describe it, so every registered vendor with an
# emulation is walked the same way:
#   request-reset, as the demo user's e-mail address or else her username (whichever makes the
#   vendor mail her) → the ticket's token, else the mailed key or token; the mailed verification
#   code or password (Temporal mails a new password that proves the reset) → validate-token →
#   validate-token refused (a wrong code, or a bogus token) → complete-reset (secrets from the
#   environment, the new password on stdin) → sign in with the new password (200) and not the old
#   one (401); recover-username (the mail names the user); lookup-email with the JWT a sign-in gives
#   (vendors/<v>/demo.sh may define demo_jwt USER PASSWORD BASE_URL) and with a bogus one; and every
#   operation the vendor lacks answers unsupported.
flow() {
  local v=$1 ops opts=() key value
  ops=$(jq -r --arg v "$v" '.[] | select(.vendor == $v) | .operations[]' <<<"$vendors_json")
  supports() { grep -qx "$1" <<<"$ops"; }
  while IFS=$'\t' read -r key value; do
    [ -n "$key" ] && opts+=("--${key//_/-}" "$value")
  done < <(jq -r --arg v "$v" '.client_options[$v] // {} | to_entries[] | [.key, .value] | @tsv' \
    <<<"$urls")

  local account="" candidate before
  for candidate in "$email" "$user"; do
    before=$(mails_to_demo "$v")
    call "$v" "${opts[@]}" request-reset "$candidate"
    if [ "$outcome" = ok ] && [ "$(mails_to_demo "$v")" -gt "$before" ]; then
      account=$candidate
      break
    fi
  done
  row "$v" "request-reset ${account:-$user} ${opts[*]}" ok "$outcome"
  [ -n "$account" ] || return 0
  local token code field
  token=$(jq -r '.ticket.token // empty' <<<"$out")
  if [ -n "$token" ]; then
    row "$v" "ticket token in the JSON result" present present
  else
    for field in key token link; do
      [ -n "$token" ] || token=$(mail_field "$v" "$field")
    done
    row "$v" "mail in outbox has a key, token or link" present "$(present "$token")"
  fi
  for field in verification_code password; do
    [ -n "${code:-}" ] || code=$(mail_field "$v" "$field")
  done
  [ -z "${code:-}" ] || row "$v" "mail in outbox has a code or password" present present

  local password=""
  if supports validate_reset_token; then
    RECOVERY_TOKEN=$token RECOVERY_VERIFICATION_CODE=${code:-} call "$v" "${opts[@]}" validate-token
    row "$v" "validate-token (secrets from the env)" ok "$outcome"
    if [ -n "${code:-}" ]; then
      RECOVERY_TOKEN=$token RECOVERY_VERIFICATION_CODE=Not-The-Code-0 \
        call "$v" "${opts[@]}" validate-token
      row "$v" "validate-token with a wrong code" rejected "$(rejected "$outcome")"
    else
      RECOVERY_TOKEN=Not-A-Real-Token-123 call "$v" "${opts[@]}" validate-token
      row "$v" "validate-token with a bogus token" rejected "$(rejected "$outcome")"
    fi
  else
    RECOVERY_TOKEN=web-ui-only call "$v" "${opts[@]}" validate-token
    row "$v" "validate-token (not offered)" unsupported "$outcome"
  fi
  if supports complete_password_reset; then
    password=$(new_password "$v")
    RECOVERY_TOKEN=$token RECOVERY_VERIFICATION_CODE=${code:-} \
      call "$v" "${opts[@]}" complete-reset <<<"$password"
    row "$v" "complete-reset (password on stdin)" ok "$outcome"
    row "$v" "sign in with the new password" 200 "$(signin "$v" "$password")"
    row "$v" "sign in with the old password" 401 "$(signin "$v" "$old_password")"
  else
    RECOVERY_TOKEN=web-ui-only call "$v" "${opts[@]}" complete-reset </dev/null
    row "$v" "complete-reset (not offered)" unsupported "$outcome"
    [ -n "${code:-}" ] || row "$v" "old password still valid" 200 "$(signin "$v" "$old_password")"
  fi

  if supports recover_username; then
    call "$v" "${opts[@]}" recover-username "$email"
    row "$v" "recover-username $email" ok "$outcome"
    local name
    name=$(mail_field "$v" username)
    row "$v" "mail in outbox names the user" "$user" "${name:-missing}"
  else
    call "$v" "${opts[@]}" recover-username "$email"
    row "$v" "recover-username (not offered)" unsupported "$outcome"
  fi

  if supports lookup_account_email; then
    local jwt=""
    unset -f demo_jwt
    # shellcheck source=/dev/null
    [ -f "$root/vendors/$v/demo.sh" ] && . "$root/vendors/$v/demo.sh"
    if declare -F demo_jwt >/dev/null; then
      jwt=$(demo_jwt "$user" "${password:-$old_password}" "$(base_of "$v")")
      row "$v" "sign in for a JWT" present "$(present "$jwt")"
      RECOVERY_JWT=$jwt call "$v" "${opts[@]}" lookup-email
      row "$v" "lookup-email (JWT from RECOVERY_JWT)" ok "$outcome"
      row "$v" "lookup-email answers the address" "$email" "$(jq -r '.email // "missing"' <<<"$out")"
    fi
    RECOVERY_JWT=Not.A.Jwt call "$v" "${opts[@]}" lookup-email
    row "$v" "lookup-email with a bogus JWT" rejected "$(rejected "$outcome")"
  else
    RECOVERY_JWT=Not.A.Jwt call "$v" "${opts[@]}" lookup-email
    row "$v" "lookup-email (not offered)" unsupported "$outcome"
  fi
}

echo "recovery demo: recoveryctl against the vendor mocks ($ctl mock)"
echo
printf '%-13s| %-40s| %-22s| %-22s| %s\n' vendor step expected result ok
printf '%s\n' "-------------+-----------------------------------------+-----------------------+-----------------------+----"
vendors_json=$("$ctl" vendors --json)
for vendor in $(jq -r '.[].vendor' <<<"$vendors_json"); do
  if [ -z "$(base_of "$vendor")" ]; then
    row "$vendor" "mock running" yes no
    continue
  fi
  flow "$vendor"
done
echo
if [ "$failures" -eq 0 ]; then
  echo "demo: every step did what it should"
  exit 0
fi
echo "demo: $failures step(s) did not do what they should; recoveryctl's stderr:" >&2
tail -n 20 "$workdir/ctl.err" >&2
exit 1
