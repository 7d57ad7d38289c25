#!/usr/bin/env bash
# scripts/demo.sh BUILD_DIR: `make demo`, the full recovery flow of every vendor through recoveryctl.
#
# Contract: starts `BUILD_DIR/recoveryctl mock` in the background, reads its one JSON line of base
# URLs, and for each of the five vendors walks request → mail in the mock's outbox
# (GET /__mock/outbox) → validate → complete (new password on stdin) → sign in with the new
# password and not with the old one (POST /__mock/signin), or each vendor's own variant of it. It
# prints one table row per step (vendor | step | expected | result | ok) and exits 0 only if every
# step did what it should. Passwords, tokens, keys, codes and JWTs are never printed. The mock is
# always stopped on exit. Needs jq and curl (scripts/setup.sh installs them).
set -uo pipefail

build=${1:-build}
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

# The common token flow: request → mail → validate → complete → sign in.
token_flow() {  # vendor account mail_field [vendor options...]
  local vendor=$1 account=$2 field=$3
  shift 3
  call "$vendor" "$@" request-reset "$account"
  row "$vendor" "request-reset $account" ok "$outcome"
  local token
  token=$(mail_field "$vendor" "$field")
  row "$vendor" "mail in outbox has a $field" present "$(present "$token")"
  call "$vendor" "$@" validate-token -- "$token"
  row "$vendor" "validate-token (from the mail)" ok "$outcome"
  local password
  password=$(new_password "$vendor")
  call "$vendor" "$@" complete-reset -- "$token" <<<"$password"
  row "$vendor" "complete-reset (password on stdin)" ok "$outcome"
  row "$vendor" "sign in with the new password" 200 "$(signin "$vendor" "$password")"
  row "$vendor" "sign in with the old password" 401 "$(signin "$vendor" "$old_password")"
  call "$vendor" "$@" validate-token -- "Not-A-Real-Token-123"
  row "$vendor" "validate-token with a bogus token" rejected "$(rejected "$outcome")"
}

# Maps an outcome onto the CLI's "rejected by the vendor" class (exit 4).
rejected() {
  case "$1" in
    not_found | permission_denied | unauthenticated | invalid_token | failed_precondition) echo rejected ;;
    *) echo "$1" ;;
  esac
}

temporal() {
  local v=temporal
  # The reset mails a new password: the ticket names the account and the mailed password is the
  # verification code (from the environment or stdin, never argv); complete-reset signs in with it
  # and sets the new password.
  call $v request-reset "$email"
  row $v "request-reset $email" ok "$outcome"
  local ticket
  ticket=$(jq -r '.ticket.token // empty' <<<"$out")
  row $v "ticket token in the JSON result" present "$(present "$ticket")"
  local mailed
  mailed=$(mail_field $v password)
  row $v "mail in outbox has a new password" present "$(present "$mailed")"
  row $v "sign in with the old password" 401 "$(signin $v "$old_password")"
  RECOVERY_TOKEN=$ticket RECOVERY_VERIFICATION_CODE=$mailed call $v validate-token
  row $v "validate-token (mailed password, env)" ok "$outcome"
  RECOVERY_TOKEN=$ticket RECOVERY_VERIFICATION_CODE=Not-The-Mailed-One call $v validate-token
  row $v "validate-token with a wrong password" rejected "$(rejected "$outcome")"
  RECOVERY_TOKEN=$ticket RECOVERY_VERIFICATION_CODE=$mailed call $v complete-reset <<<"Demo-<b>-Aa1"
  row $v "complete-reset with '<b>' in password" invalid_argument "$outcome"
  local password
  password=$(new_password $v)
  RECOVERY_TOKEN=$ticket call $v complete-reset --verification-code-file - \
    <<<"$(printf '%s\n%s' "$mailed" "$password")"
  row $v "complete-reset (mailed + new on stdin)" ok "$outcome"
  row $v "sign in with the new password" 200 "$(signin $v "$password")"
  row $v "sign in with the mailed password" 401 "$(signin $v "$mailed")"

  call $v recover-username "$email"
  row $v "recover-username $email" ok "$outcome"
  local name
  name=$(mail_field $v username)
  row $v "mail in outbox names the user" "$user" "${name:-missing}"

  # lookup-email needs the user's JWT: the mock's own login endpoint issues one.
  local jwt
  jwt=$(jq -nc --arg u "$user" --arg p "$password" '{username: $u, password: $p}' |
    curl -s -H 'Content-Type: application/json' --data-binary @- "$(base_of $v)/v2/auth/login" |
    jq -r '.token // empty' 2>/dev/null)
  row $v "login (POST /v2/auth/login) for a JWT" present "$(present "$jwt")"
  RECOVERY_JWT=$jwt call $v lookup-email
  row $v "lookup-email (JWT from RECOVERY_JWT)" ok "$outcome"
  row $v "lookup-email answers the address" "$email" "$(jq -r '.email // "missing"' <<<"$out")"
  RECOVERY_JWT=Not.A.Jwt call $v lookup-email
  row $v "lookup-email with a bogus JWT" rejected "$(rejected "$outcome")"
}

tangerine365() {
  local v=tangerine365
  call $v request-reset "$user"
  row $v "request-reset $user" ok "$outcome"
  local link
  link=$(mail_field $v link)
  [ -n "$link" ] || link=$(mail_field $v token)
  row $v "mail in outbox has a reset link" present "$(present "$link")"
  # The reset completes in the vendor's web UI: the API offers no validate/complete.
  call $v validate-token -- "web-ui-only"
  row $v "validate-token (web UI only)" unsupported "$outcome"
  call $v complete-reset -- "web-ui-only" </dev/null
  row $v "complete-reset (web UI only)" unsupported "$outcome"
  row $v "old password still valid" 200 "$(signin $v "$old_password")"
  call $v request-reset "nobody-here"
  row $v "request-reset for an unknown user" rejected "$(rejected "$outcome")"
}

clevercloud() { token_flow clevercloud "$email" key; }

meshydb() {
  local v=meshydb opts=(--account demo)
  call $v "${opts[@]}" request-reset "$user"
  row $v "request-reset $user --account demo" ok "$outcome"
  local ticket
  ticket=$(jq -r '.ticket.token // empty' <<<"$out")
  row $v "ticket token in the JSON result" present "$(present "$ticket")"
  local code
  code=$(mail_field $v verification_code)
  row $v "mail in outbox has a verification code" present "$(present "$code")"
  call $v "${opts[@]}" validate-token --verification-code "$code" -- "$ticket"
  row $v "validate-token --verification-code" ok "$outcome"
  call $v "${opts[@]}" validate-token --verification-code "000000x" -- "$ticket"
  row $v "validate-token with a wrong code" rejected "$(rejected "$outcome")"
  local password
  password=$(new_password $v)
  call $v "${opts[@]}" complete-reset --verification-code "$code" -- "$ticket" <<<"$password"
  row $v "complete-reset (password on stdin)" ok "$outcome"
  row $v "sign in with the new password" 200 "$(signin $v "$password")"
  row $v "sign in with the old password" 401 "$(signin $v "$old_password")"
}

crafter() { token_flow crafter "$user" token; }

echo "recovery demo: recoveryctl against the vendor mocks ($ctl mock)"
echo
printf '%-13s| %-40s| %-22s| %-22s| %s\n' vendor step expected result ok
printf '%s\n' "-------------+-----------------------------------------+-----------------------+-----------------------+----"
for vendor in temporal tangerine365 clevercloud meshydb crafter; do
  if [ -z "$(base_of $vendor)" ]; then
    row $vendor "mock running" yes no
    continue
  fi
  $vendor
done
echo
if [ "$failures" -eq 0 ]; then
  echo "demo: every step did what it should"
  exit 0
fi
echo "demo: $failures step(s) did not do what they should; recoveryctl's stderr:" >&2
tail -n 20 "$workdir/ctl.err" >&2
exit 1
