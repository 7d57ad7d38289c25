#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# scripts/openapi-check.sh: the independent check that what the SDK sends is what docs/openapi/ says.
#
#   scripts/openapi-check.sh [--curl] [--self-test] [--no-lint] [--recoveryctl PATH] [--keep-logs]
#
# 1. Installs pinned tools with npm into .cache/ (quiet when already there):
#      @stoplight/prism-cli  $PRISM_VERSION   (.cache/prism)    the validator and mock server
#      @redocly/cli          $REDOCLY_VERSION (.cache/redocly)  YAML/OpenAPI lint (docs/openapi/redocly.yaml:
#                                                                recommended-strict, license rule off)
# 2. Lints docs/openapi/*.yaml with Redocly (skip with --no-lint).
# 3. Starts one `prism mock --errors` per vendor on a free loopback port (request validation on). The
#    vendors are the registry's (`recoveryctl vendors --json`; with --curl, those with a document),
#    each with its document docs/openapi/<v>.yaml or vendors/<v>/openapi.yaml (none: skipped, with
#    a notice); vendors/<v>/openapi-check.sh, when present, adds the vendor's operations (step 4).
# 4. Runs every operation of every vendor against its mock:
#      - through `recoveryctl --vendor V --base-url PRISM_URL --json ...` for the operations the CLI
#        reaches (request-reset, validate-token, complete-reset, recover-username, lookup-email, with
#        the vendor options that change the wire format: --body, --path-prefix, --drop-tokens,
#        --partner-id, --tester-pass, --tenant, --attempt, --api-version);
#      - through curl, with the exact request the SDK's typed client sends, for the companions the CLI
#        cannot reach (temporal login / change password, tangerine365 authenticate, clevercloud get form).
#    With --curl, every operation goes through curl with the exact request the SDK sends (useful while
#    recoveryctl is not built, and as the reference of what the drivers must send).
# 5. Fails when any request is refused by Prism's validation: an operation fails when Prism's log for
#    that request shows a violation ("Violation", "did not pass the validation rules", "Request
#    terminated with error", no route matched), when no request reached Prism, when the CLI exits
#    non-zero or answers "ok":false, or when curl gets a non-2xx status. Prism answers the spec's
#    first 2xx example to a valid request, so the CLI must also parse those examples.
#    --self-test also sends ~20 contract-breaking requests with curl (wrong field, the vendor
#    pages' wrong routes, `//`, raw `/` in a key, missing XSRF half, missing JWT, wrong content
#    type, ...) and fails unless Prism flags every one of them: proof that the detector and the
#    specs are strict enough.
#
# Prints a table vendor | operation | via | result. Exit: 0 all passed, 1 a check failed, 2 setup/usage.
# Environment: RECOVERYCTL (default build/recoveryctl), PRISM_VERSION, REDOCLY_VERSION, NPM (default npm).
set -euo pipefail

PRISM_VERSION="${PRISM_VERSION:-5.16.0}"
REDOCLY_VERSION="${REDOCLY_VERSION:-2.77.0}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SPECS="$ROOT/docs/openapi"
CACHE="$ROOT/.cache"
NPM="${NPM:-npm}"
RECOVERYCTL="${RECOVERYCTL:-$ROOT/build/recoveryctl}"
MODE=cli
LINT=1
KEEP_LOGS=0
SELF_TEST=0

usage() { awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --curl) MODE=curl ;;
    --no-lint) LINT=0 ;;
    --keep-logs) KEEP_LOGS=1 ;;
    --self-test) SELF_TEST=1 ;;
    --recoveryctl) RECOVERYCTL="$2"; shift ;;
    --recoveryctl=*) RECOVERYCTL="${1#*=}" ;;
    -h|--help) usage; exit 0 ;;
    *) echo "openapi-check: unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

die() { echo "openapi-check: $*" >&2; exit 2; }
if ! command -v node >/dev/null || ! command -v "$NPM" >/dev/null; then
  # Node.js and npm come with the project's machines; install Debian's when they are missing.
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "openapi-check: installing nodejs npm (Debian)" >&2
  if ! { $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null; }; then
    die "node and npm are required (Debian: nodejs npm)"
  fi
fi
command -v curl >/dev/null || die "curl is required"
command -v python3 >/dev/null || die "python3 is required"
if [ "$MODE" = cli ] && [ ! -x "$RECOVERYCTL" ]; then
  die "recoveryctl not found at $RECOVERYCTL (build it: make build; or pass --recoveryctl PATH; or --curl)"
fi

# --- the vendors: the registry's (recoveryctl vendors --json); with --curl, every vendor with a spec.
spec_of() { # vendor: its OpenAPI document, in docs/openapi/ or in the vendor's folder; "" if none
  if [ -f "$SPECS/$1.yaml" ]; then echo "$SPECS/$1.yaml"
  elif [ -f "$ROOT/vendors/$1/openapi.yaml" ]; then echo "$ROOT/vendors/$1/openapi.yaml"; fi
}
registered_vendors() {
  if [ "$MODE" = cli ]; then
    "$RECOVERYCTL" vendors --json |
      python3 -c 'import json, sys; print("\n".join(d["vendor"] for d in json.load(sys.stdin)))'
    return
  fi
  local f
  for f in "$SPECS"/*.yaml "$ROOT"/vendors/*/openapi.yaml; do
    [ -f "$f" ] || continue
    case "$f" in
      */redocly.yaml) ;;
      */vendors/*) basename "$(dirname "$f")" ;;
      *) basename "$f" .yaml ;;
    esac
  done
}
VENDORS=()
for v in $(registered_vendors); do
  if [ -z "$(spec_of "$v")" ]; then
    echo "openapi-check: $v has no OpenAPI document (docs/openapi/$v.yaml or vendors/$v/openapi.yaml): skipped" >&2
    continue
  fi
  VENDORS+=("$v")
done
[ ${#VENDORS[@]} -gt 0 ] || die "no vendor to check"
is_checked() { local v; for v in "${VENDORS[@]}"; do [ "$v" = "$1" ] && return 0; done; return 1; }

# --- 1. pinned tools ---------------------------------------------------------------------------------
npm_install() { # dir package version binary
  local dir="$CACHE/$1" pkg="$2" ver="$3" bin="$4" have=""
  if [ -x "$dir/node_modules/.bin/$bin" ]; then
    have=$(node -p "require('$dir/node_modules/$pkg/package.json').version" 2>/dev/null || true)
  fi
  [ "$have" = "$ver" ] && return 0
  mkdir -p "$dir"
  echo "openapi-check: installing $pkg@$ver into ${dir#"$ROOT"/}" >&2
  if ! "$NPM" install --prefix "$dir" --no-audit --no-fund --loglevel=error --save-exact \
      "$pkg@$ver" >"$dir/install.log" 2>&1; then
    cat "$dir/install.log" >&2
    die "npm install $pkg@$ver failed"
  fi
}
npm_install prism @stoplight/prism-cli "$PRISM_VERSION" prism
PRISM="$CACHE/prism/node_modules/.bin/prism"
[ "$("$PRISM" --version)" = "$PRISM_VERSION" ] || die "prism --version is not $PRISM_VERSION"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/openapi-check.XXXXXX")
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$KEEP_LOGS" = 1 ]; then echo "openapi-check: logs kept in $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- 2. lint -----------------------------------------------------------------------------------------
if [ "$LINT" = 1 ]; then
  npm_install redocly @redocly/cli "$REDOCLY_VERSION" redocly
  files=()
  for v in "${VENDORS[@]}"; do files+=("$(spec_of "$v")"); done
  if ! REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
      "$CACHE/redocly/node_modules/.bin/redocly" lint --config "$SPECS/redocly.yaml" --format=stylish \
      "${files[@]}" >"$WORK/lint.log" 2>&1; then
    cat "$WORK/lint.log" >&2
    echo "openapi-check: lint failed" >&2
    exit 1
  fi
  if grep -qiE 'config has [0-9]+ (warning|error)' "$WORK/lint.log"; then
    cat "$WORK/lint.log" >&2
    echo "openapi-check: docs/openapi/redocly.yaml has problems" >&2
    exit 1
  fi
  echo "lint: redocly $REDOCLY_VERSION (recommended-strict): ${#VENDORS[@]} specs valid"
fi

# --- 3. one Prism mock per vendor --------------------------------------------------------------------
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
declare -A BASE LOG
for v in "${VENDORS[@]}"; do
  port=$(free_port)
  LOG[$v]="$WORK/prism-$v.log"
  BASE[$v]="http://127.0.0.1:$port"
  # debug: Prism also logs each request's headers and body ("< name: value", "< Body: ..."), which
  # the checks OpenAPI cannot express read (XSRF pair equal, Accept, tenant, MeshyDB echo).
  "$PRISM" mock --errors -v debug -h 127.0.0.1 -p "$port" "$(spec_of "$v")" >"${LOG[$v]}" 2>&1 &
  PIDS+=($!)
done
for v in "${VENDORS[@]}"; do
  for _ in $(seq 1 300); do
    grep -q 'Prism is listening' "${LOG[$v]}" && break
    sleep 0.2
  done
  grep -q 'Prism is listening' "${LOG[$v]}" || { cat "${LOG[$v]}" >&2; die "prism did not start for $v"; }
done

# --- 4. the operations -------------------------------------------------------------------------------
# Fixed, realistic inputs. Secrets are dummies for the mocks only.
JWT='eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpZCI6ImphbmUuZG9lIn0.c2lnbmF0dXJl'
NEW_PASSWORD='correct horse battery staple'
CC_KEY='0f3a6c2e-5b1d-4e8a-9c7f-2d4b6a8e1c3f'
CC_ODD_KEY='a/b?c#d ..'                          # must reach the path as ONE percent-encoded segment
CC_ODD_KEY_ENC='a%2Fb%3Fc%23d%20..'
CRAFTER_TOKEN='asfopaiu02928s0980b98a098gs0fduoi2j341j448t735h1lk40'
# MeshyDB: what the spec's forgotpassword example answers (echoed back byte for byte in --curl mode).
MESHY_TICKET_JSON='"username":"username_testermctesterson","attempt":1,"hash":"q1Nv/8xZ+3kPZsY2wE7bGw==","expires":"2099-12-31T23:59:59.1234567+00:00","hint":"xxxx"'
MESHY_TOKEN=""                                   # ticket.token from the CLI's request-reset

V="" B="" OUT=""
rc() { "$RECOVERYCTL" --vendor "$V" --base-url "$B" --json "$@" </dev/null >"$OUT" 2>"$OUT.err"; }
# c: curl with the exact request; succeeds only on 2xx.
c() {
  local code
  code=$(curl -sS -o "$OUT" -w '%{http_code}' "$@" 2>"$OUT.err") || return 1
  echo "http $code" >>"$OUT.err"
  [[ "$code" == 2* ]]
}
xsrf() { python3 -c 'import secrets; print(secrets.token_hex(16))'; }

# Each operation: op_<vendor>_<name> runs it (via $VIA: cli or curl); its return status is the result.
# ---- temporal: form email_address, Accept: application/json, Bearer JWT where needed
op_temporal_forgotUsername() {
  if [ "$VIA" = cli ]; then rc recover-username jane.doe@example.com; else
    c -X POST "$B/v2/forgot/username" -H 'Accept: application/json' \
      --data-urlencode 'email_address=jane.doe@example.com'; fi
}
op_temporal_forgotPassword() {
  if [ "$VIA" = cli ]; then rc request-reset jane.doe@example.com; else
    c -X POST "$B/v2/forgot/password" -H 'Accept: application/json' \
      --data-urlencode 'email_address=jane.doe@example.com'; fi
}
op_temporal_forgotEmail() {
  if [ "$VIA" = cli ]; then RECOVERY_JWT="$JWT" rc lookup-email; else
    c -X POST "$B/v2/account/email/forgot" -H 'Accept: application/json' -H "Authorization: Bearer $JWT"; fi
}
op_temporal_login() { # companion: temporal::Client::login
  c -X POST "$B/v2/auth/login" -H 'Accept: application/json' -H 'Content-Type: application/json' \
    --data '{"username":"jane.doe","password":"e-mailed-random-password"}'
}
op_temporal_changePassword() { # companion: temporal::Client::change_password
  c -X POST "$B/v2/account/password/change" -H 'Accept: application/json' -H "Authorization: Bearer $JWT" \
    --data-urlencode 'old_password=e-mailed-random-password' --data-urlencode "new_password=$NEW_PASSWORD"
}
# ---- tangerine365: one slash, form by default, JSON alternative, optional /api prefix
tangerine_lost() { # prefix body
  if [ "$VIA" = cli ]; then
    local opts=()
    [ -n "$1" ] && opts+=(--path-prefix "$1")
    [ "$2" = json ] && opts+=(--body json)
    rc "${opts[@]}" request-reset jane.doe@example.com
  elif [ "$2" = json ]; then
    c -X POST "$B$1/auth/lostPassword" -H 'Accept: application/json' -H 'Content-Type: application/json' \
      --data '{"username":"jane.doe@example.com"}'
  else
    c -X POST "$B$1/auth/lostPassword" -H 'Accept: application/json' --data-urlencode 'username=jane.doe@example.com'
  fi
}
op_tangerine365_lostPassword_form() { tangerine_lost "" form; }
op_tangerine365_lostPassword_json() { tangerine_lost "" json; }
op_tangerine365_lostPasswordApiPrefix_form() { tangerine_lost /api form; }
op_tangerine365_lostPasswordApiPrefix_json() { tangerine_lost /api json; }
op_tangerine365_authenticate() { # companion: tangerine365::Client::authenticate
  c -X POST "$B/api/auth/authenticate" -H 'Accept: application/json' \
    --data-urlencode 'username=jane.doe' --data-urlencode "password=$NEW_PASSWORD"
}
# ---- clevercloud: Accept: text/html, form fields, TesterPass header, {key} one segment
op_clevercloud_getPasswordForgottenForm() { # companion: clevercloud::Client::get_form
  c -G "$B/password_forgotten" -H 'Accept: text/html' --data-urlencode 'partner_id=partner-1'
}
op_clevercloud_askForPasswordResetViaForm() {
  if [ "$VIA" = cli ]; then rc request-reset jane.doe@example.com; else
    c -X POST "$B/password_forgotten" -H 'Accept: text/html' --data-urlencode 'login=jane.doe@example.com'; fi
}
op_clevercloud_askForPasswordResetViaForm_options() {
  if [ "$VIA" = cli ]; then
    rc --drop-tokens --partner-id partner-1 --tester-pass tester-secret request-reset jane.doe@example.com
  else
    c -X POST "$B/password_forgotten" -H 'Accept: text/html' -H 'TesterPass: tester-secret' \
      --data-urlencode 'login=jane.doe@example.com' --data-urlencode 'drop_tokens=true' \
      --data-urlencode 'partner_id=partner-1'
  fi
}
op_clevercloud_confirmPasswordResetRequest() {
  if [ "$VIA" = cli ]; then rc validate-token "$CC_KEY"; else
    c "$B/password_forgotten/$CC_KEY" -H 'Accept: text/html'; fi
}
op_clevercloud_confirmPasswordResetRequest_oddkey() {
  if [ "$VIA" = cli ]; then rc --partner-id partner-1 validate-token "$CC_ODD_KEY"; else
    c "$B/password_forgotten/$CC_ODD_KEY_ENC?partner_id=partner-1" -H 'Accept: text/html'; fi
}
op_clevercloud_resetPasswordForgotten() {
  if [ "$VIA" = cli ]; then RECOVERY_NEW_PASSWORD="$NEW_PASSWORD" rc complete-reset "$CC_KEY"; else
    c -X POST "$B/password_forgotten/$CC_KEY" -H 'Accept: text/html' \
      --data-urlencode "pass=$NEW_PASSWORD" --data-urlencode "pass2=$NEW_PASSWORD"; fi
}
# ---- meshydb: {account} segment, optional tenant header, JSON, echo the ticket exactly
op_meshydb_forgotPassword() {
  if [ "$VIA" = cli ]; then
    rc --account acme --tenant tenant-1 --attempt 2 request-reset username_testermctesterson || return
    MESHY_TOKEN=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["ticket"]["token"])' "$OUT") ||
      { echo "no ticket.token in the CLI's answer" >>"$OUT.err"; return 1; }
  else
    c -X POST "$B/acme/users/forgotpassword" -H 'Accept: application/json' -H 'Content-Type: application/json' \
      -H 'tenant: tenant-1' --data '{"username":"username_testermctesterson","attempt":2}'
  fi
}
op_meshydb_forgotPassword_notenant() {
  if [ "$VIA" = cli ]; then rc --account 'my account' request-reset username_testermctesterson; else
    c -X POST "$B/my%20account/users/forgotpassword" -H 'Accept: application/json' \
      -H 'Content-Type: application/json' --data '{"username":"username_testermctesterson","attempt":1}'
  fi
}
op_meshydb_checkHash() {
  if [ "$VIA" = cli ]; then
    [ -n "$MESHY_TOKEN" ] || { echo "skipped: no ticket.token from forgotPassword" >>"$OUT.err"; return 1; }
    rc --account acme --tenant tenant-1 validate-token "$MESHY_TOKEN" --verification-code 123456
  else
    c -X POST "$B/acme/users/checkhash" -H 'Accept: application/json' -H 'Content-Type: application/json' \
      -H 'tenant: tenant-1' --data "{$MESHY_TICKET_JSON,\"verificationCode\":\"123456\"}"
  fi
}
op_meshydb_resetPassword() {
  if [ "$VIA" = cli ]; then
    [ -n "$MESHY_TOKEN" ] || { echo "skipped: no ticket.token from forgotPassword" >>"$OUT.err"; return 1; }
    RECOVERY_NEW_PASSWORD="$NEW_PASSWORD" rc --account acme --tenant tenant-1 complete-reset "$MESHY_TOKEN" \
      --verification-code 123456
  else
    c -X POST "$B/acme/users/resetpassword" -H 'Accept: application/json' -H 'Content-Type: application/json' \
      -H 'tenant: tenant-1' \
      --data "{$MESHY_TICKET_JSON,\"verificationCode\":\"123456\",\"newPassword\":\"$NEW_PASSWORD\"}"
  fi
}
# Checks beyond OpenAPI, on the request as Prism logged it (its headers and body).
req_header() { # prism log segment, lower-case header name -> value(s), one a line
  sed -n 's/^.*debug *< \t\([^:]*\): \(.*\)$/\1\t\2/p' <<<"$1" | awk -F '\t' -v n="$2" '$1 == n { print $2 }'
}
expect_header() { # segment name value
  local got; got=$(req_header "$1" "$2")
  [ "$got" = "$3" ] || { echo "header $2 is '${got:-<absent>}', expected '$3'"; return 1; }
}
expect_no_header() { # segment name
  local got; got=$(req_header "$1" "$2")
  [ -z "$got" ] || { echo "header $2 sent ('$got') but not configured"; return 1; }
}
expect_xsrf_pair() { # segment: cookie XSRF-TOKEN and header X-XSRF-TOKEN present, non-empty, equal
  local cookie header
  cookie=$(req_header "$1" cookie | tr ';' '\n' | sed -n 's/^ *XSRF-TOKEN=//p')
  header=$(req_header "$1" x-xsrf-token)
  if [ -z "$cookie" ] || [ "$cookie" != "$header" ]; then
    echo "XSRF pair not matching (cookie '${cookie:-<absent>}', header '${header:-<absent>}')"
    return 1
  fi
}
for n in lostPassword_form lostPassword_json lostPasswordApiPrefix_form lostPasswordApiPrefix_json authenticate; do
  eval "post_tangerine365_$n() { expect_header \"\$1\" accept application/json; }"
done
for n in getPasswordForgottenForm askForPasswordResetViaForm confirmPasswordResetRequest \
    confirmPasswordResetRequest_oddkey resetPasswordForgotten; do
  eval "post_clevercloud_$n() { expect_header \"\$1\" accept text/html && expect_no_header \"\$1\" testerpass; }"
done
post_clevercloud_askForPasswordResetViaForm_options() {
  expect_header "$1" accept text/html && expect_header "$1" testerpass tester-secret
}
post_crafter_setPasswordV2() { expect_xsrf_pair "$1"; }
post_crafter_setPasswordV1() { expect_xsrf_pair "$1"; }
post_meshydb_forgotPassword() { expect_header "$1" tenant tenant-1; }
post_meshydb_forgotPassword_notenant() { expect_no_header "$1" tenant; }

# MeshyDB echo check: the body Prism logged must carry the forgot-password example's members as the
# exact JSON text Prism sent (hash with '/', '+', '='; expires with 7 fractional digits and an offset).
check_meshy_echo() { # prism log segment
  python3 - "$1" "$MESHY_TICKET_JSON" <<'PY'
import json, re, sys
seg, ticket = sys.argv[1], json.loads("{" + sys.argv[2] + "}")
bodies = [line.split("< Body: ", 1)[1] for line in seg.splitlines() if "< Body: " in line]
if not bodies:
    sys.exit("no request body in Prism's log")
body = bodies[-1]
missing = [k for k, v in ticket.items()
           if not re.search('"%s"\\s*:\\s*%s(?=\\s*[,}])' % (k, re.escape(json.dumps(v, ensure_ascii=False, separators=(",", ":")))), body)]
if missing:
    sys.exit("not echoed byte for byte: " + ", ".join(missing))
PY
}
post_meshydb_checkHash() { expect_header "$1" tenant tenant-1 && check_meshy_echo "$1"; }
post_meshydb_resetPassword() { expect_header "$1" tenant tenant-1 && check_meshy_echo "$1"; }

# ---- crafter: v2 (default) and v1 paths; POSTs carry the XSRF cookie + header pair
crafter_op() { # version op
  local v="$1" op="$2" p
  if [ "$VIA" = cli ]; then
    case "$op" in
      forgot) rc --api-version "$v" request-reset jane.doe ;;
      validate) rc --api-version "$v" validate-token "$CRAFTER_TOKEN" ;;
      set) RECOVERY_NEW_PASSWORD="$NEW_PASSWORD" rc --api-version "$v" complete-reset "$CRAFTER_TOKEN" ;;
    esac
    return
  fi
  if [ "$v" = v2 ]; then p="$B/api/2/users"; else p="$B/api/1/services/api/1/user"; fi
  case "$op" in
    forgot) [ "$v" = v2 ] && p="$p/forgot_password" || p="$p/forgot-password.json"
      c -G "$p" -H 'Accept: application/json' --data-urlencode 'username=jane.doe' ;;
    validate) [ "$v" = v2 ] && p="$p/validate_token" || p="$p/validate-token.json"
      c -G "$p" -H 'Accept: application/json' --data-urlencode "token=$CRAFTER_TOKEN" ;;
    set) [ "$v" = v2 ] && p="$p/set_password" || p="$p/set-password.json"
      local t; t=$(xsrf)
      c -X POST "$p" -H 'Accept: application/json' -H 'Content-Type: application/json' \
        -H "Cookie: XSRF-TOKEN=$t" -H "X-XSRF-TOKEN: $t" \
        --data "{\"token\":\"$CRAFTER_TOKEN\",\"new\":\"$NEW_PASSWORD\"}" ;;
  esac
}
op_crafter_forgotPasswordV2() { crafter_op v2 forgot; }
op_crafter_validateTokenV2() { crafter_op v2 validate; }
op_crafter_setPasswordV2() { crafter_op v2 set; }
op_crafter_forgotPasswordV1() { crafter_op v1 forgot; }
op_crafter_validateTokenV1() { crafter_op v1 validate; }
op_crafter_setPasswordV1() { crafter_op v1 set; }

# vendor operation via(cli = through recoveryctl unless --curl; curl = companion, always curl)
PLAN=(
  "temporal forgotUsername cli"
  "temporal forgotPassword cli"
  "temporal forgotEmail cli"
  "temporal login curl"
  "temporal changePassword curl"
  "tangerine365 lostPassword_form cli"
  "tangerine365 lostPassword_json cli"
  "tangerine365 lostPasswordApiPrefix_form cli"
  "tangerine365 lostPasswordApiPrefix_json cli"
  "tangerine365 authenticate curl"
  "clevercloud getPasswordForgottenForm curl"
  "clevercloud askForPasswordResetViaForm cli"
  "clevercloud askForPasswordResetViaForm_options cli"
  "clevercloud confirmPasswordResetRequest cli"
  "clevercloud confirmPasswordResetRequest_oddkey cli"
  "clevercloud resetPasswordForgotten cli"
  "meshydb forgotPassword cli"
  "meshydb forgotPassword_notenant cli"
  "meshydb checkHash cli"
  "meshydb resetPassword cli"
  "crafter forgotPasswordV2 cli"
  "crafter validateTokenV2 cli"
  "crafter setPasswordV2 cli"
  "crafter forgotPasswordV1 cli"
  "crafter validateTokenV1 cli"
  "crafter setPasswordV1 cli"
)

# Prism logs a request's violations just after answering it: wait until the log is quiet.
settle() { # log lines_before
  local n prev=-1
  for _ in $(seq 1 20); do
    sleep 0.15
    n=$(wc -l <"$1")
    [ "$n" = "$prev" ] && grep -q 'Request received' <(tail -n +"$(($2 + 1))" "$1") && return 0
    prev=$n
  done
}

# --self-test: requests that break the contract, each of which Prism must flag (proves the detector).
neg_temporal_wrong_field() { c -X POST "$B/v2/forgot/password" -H 'Accept: application/json' --data-urlencode 'email=jane.doe@example.com'; }
neg_temporal_empty_email() { c -X POST "$B/v2/forgot/password" -H 'Accept: application/json' --data-urlencode 'email_address='; }
neg_temporal_seed_route() { c -X POST "$B/v2/forgot/email" -H 'Accept: application/json' -H "Authorization: Bearer $JWT"; }
neg_temporal_no_jwt() { c -X POST "$B/v2/account/email/forgot" -H 'Accept: application/json'; }
neg_tangerine365_double_slash() { c -X POST "$B//auth/lostPassword" -H 'Accept: application/json' --data-urlencode 'username=jane'; }
neg_tangerine365_text_body() { c -X POST "$B/auth/lostPassword" -H 'Accept: application/json' -H 'Content-Type: text/plain' --data 'jane'; }
neg_tangerine365_no_username() { c -X POST "$B/auth/lostPassword" -H 'Accept: application/json' -H 'Content-Type: application/json' --data '{"user":"jane"}'; }
neg_clevercloud_raw_key() { c "$B/password_forgotten/a/b" -H 'Accept: text/html'; }
neg_clevercloud_accept_json() { c -X POST "$B/password_forgotten" -H 'Accept: application/json' --data-urlencode 'login=jane@example.com'; }
neg_clevercloud_drop_tokens_value() { c -X POST "$B/password_forgotten" -H 'Accept: text/html' --data-urlencode 'login=jane@example.com' --data-urlencode 'drop_tokens=yes'; }
neg_clevercloud_no_pass2() { c -X POST "$B/password_forgotten/$CC_KEY" -H 'Accept: text/html' --data-urlencode "pass=$NEW_PASSWORD"; }
neg_meshydb_no_attempt() { c -X POST "$B/acme/users/forgotpassword" -H 'Content-Type: application/json' --data '{"username":"u"}'; }
neg_meshydb_attempt_zero() { c -X POST "$B/acme/users/forgotpassword" -H 'Content-Type: application/json' --data '{"username":"u","attempt":0}'; }
neg_meshydb_no_account() { c -X POST "$B/users/forgotpassword" -H 'Content-Type: application/json' --data '{"username":"u","attempt":1}'; }
neg_meshydb_no_code() { c -X POST "$B/acme/users/checkhash" -H 'Content-Type: application/json' --data "{$MESHY_TICKET_JSON}"; }
neg_meshydb_form_body() { c -X POST "$B/acme/users/forgotpassword" --data-urlencode 'username=u' --data-urlencode 'attempt=1'; }
neg_crafter_no_xsrf_header() { c -X POST "$B/api/2/users/set_password" -H 'Content-Type: application/json' -H 'Cookie: XSRF-TOKEN=abc' --data "{\"token\":\"t\",\"new\":\"p\"}"; }
neg_crafter_no_xsrf_cookie() { c -X POST "$B/api/1/services/api/1/user/set-password.json" -H 'Content-Type: application/json' -H 'X-XSRF-TOKEN: abc' --data "{\"token\":\"t\",\"new\":\"p\"}"; }
neg_crafter_no_new() { c -X POST "$B/api/2/users/set_password" -H 'Content-Type: application/json' -H 'Cookie: XSRF-TOKEN=abc' -H 'X-XSRF-TOKEN: abc' --data "{\"token\":\"t\",\"password\":\"p\"}"; }
neg_crafter_no_username() { c "$B/api/2/users/forgot_password"; }
neg_crafter_v1_underscore_path() { c "$B/api/1/services/api/1/user/forgot_password.json?username=jane"; }
NEGATIVE=(
  "temporal wrong_field" "temporal empty_email" "temporal seed_route" "temporal no_jwt"
  "tangerine365 double_slash" "tangerine365 text_body" "tangerine365 no_username"
  "clevercloud raw_key" "clevercloud accept_json" "clevercloud drop_tokens_value" "clevercloud no_pass2"
  "meshydb no_attempt" "meshydb attempt_zero" "meshydb no_account" "meshydb no_code" "meshydb form_body"
  "crafter no_xsrf_header" "crafter no_xsrf_cookie" "crafter no_new" "crafter no_username"
  "crafter v1_underscore_path"
)

# A vendor's own operations may live in its folder: vendors/<v>/openapi-check.sh defines its
# op_<v>_<name> (and neg_/post_) functions and appends "<v> <name> cli|curl" to PLAN (and NEGATIVE).
for v in "${VENDORS[@]}"; do
  # shellcheck source=/dev/null
  [ -f "$ROOT/vendors/$v/openapi-check.sh" ] && . "$ROOT/vendors/$v/openapi-check.sh"
done

FAILED=0 PASSED=0
ROWS=()
i=0
declare -A CHECKED
for v in "${VENDORS[@]}"; do CHECKED[$v]=$(wc -l <"${LOG[$v]}"); done
run_one() { # vendor name via expect(valid|violation) function
  local name="$2" expect="$4" fn="$5" status before after seg reason violations prism_reason
  V="$1" VIA="$3" B="${BASE[$1]}"
  i=$((i + 1))
  OUT="$WORK/op-$i"
  : >"$OUT"; : >"$OUT.err"
  # Segments are contiguous: a line Prism logs late is read with the next request (or by the sweep).
  before="${CHECKED[$V]}"
  status=0
  "$fn" || status=$?
  settle "${LOG[$V]}" "$before"
  after=$(wc -l <"${LOG[$V]}")
  seg=$(sed -n "$((before + 1)),${after}p" "${LOG[$V]}")
  CHECKED[$V]=$after
  reason=""
  if [ "$status" != 0 ]; then
    if [ "$VIA" = curl ]; then
      reason="curl: $(tail -n 1 "$OUT.err")"
    elif [ -s "$OUT" ]; then
      reason="recoveryctl exit $status$(python3 -c 'import json,sys
e = json.load(open(sys.argv[1])).get("error") or {}
print(" (%s: %s)" % (e.get("code"), e.get("message", "")[:80]) if e else "")' "$OUT" 2>/dev/null || true)"
    else
      reason="$(tail -n 1 "$OUT.err")"
      [[ "$reason" == skipped:* ]] || reason="recoveryctl exit $status${reason:+ ($reason)}"
    fi
  fi
  if [ "$VIA" = cli ] && [ "$status" = 0 ] &&
      ! python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d.get("ok") is True else 1)' "$OUT" 2>/dev/null; then
    reason="recoveryctl --json did not answer \"ok\":true"
  fi
  if ! grep -q 'Request received' <<<"$seg"; then
    reason="${reason:+$reason; }no request reached Prism"
  fi
  # Prism's own words: the "Violation:" lines, else the terminating error (no route, 401, 406, ...).
  violations=$(grep -E 'Violation: ' <<<"$seg" | sed -E 's/^.*Violation: //' | sort -u | head -5 || true)
  [ -n "$violations" ] || violations=$(grep -E 'Request terminated with error|NO_PATH_MATCHED|✖' <<<"$seg" |
    sed -E 's/^.*(Request terminated with error: |error +)//; s,https://stoplight.io/prism/errors#,,' | sort -u | head -3 || true)
  if [ -z "$violations" ] && grep -q 'did not pass the validation' <<<"$seg"; then
    violations="request did not pass the validation rules"
  fi
  prism_reason=""
  [ -n "$violations" ] && prism_reason="prism: $(paste -sd '|' <<<"$violations")"
  if [ "$expect" = violation ]; then
    if [ -n "$prism_reason" ]; then
      PASSED=$((PASSED + 1)); ROWS+=("$V|(bad) $name|$VIA|rejected as expected (${prism_reason#prism: })")
    else
      FAILED=$((FAILED + 1)); ROWS+=("$V|(bad) $name|$VIA|FAIL: Prism did not flag a contract-breaking request")
    fi
    return
  fi
  [ -n "$prism_reason" ] && reason="${reason:+$reason; }$prism_reason"
  if [ "$expect" = valid ] && [ -z "$prism_reason" ] && grep -q 'Request received' <<<"$seg" &&
      declare -F "post_${V}_${name}" >/dev/null; then
    local post
    if ! post=$("post_${V}_${name}" "$seg" 2>&1); then reason="${reason:+$reason; }$post"; fi
  fi
  if [ -z "$reason" ]; then
    PASSED=$((PASSED + 1))
    ROWS+=("$V|$name|$VIA|ok")
  else
    FAILED=$((FAILED + 1))
    ROWS+=("$V|$name|$VIA|FAIL: $reason")
    {
      echo "---- $V $name ($VIA): $reason"
      echo "stdout:"; head -c 2000 "$OUT"; echo
      echo "stderr:"; head -c 2000 "$OUT.err"; echo
      echo "prism log:"; echo "$seg"
    } >>"$WORK/failures.log"
  fi
}
for entry in "${PLAN[@]}"; do
  read -r v name kind <<<"$entry"
  is_checked "$v" || continue
  [ "$MODE" = curl ] && kind=curl
  run_one "$v" "$name" "$kind" valid "op_${v}_${name}"
done
# Sweep: anything Prism logged after the last request of a vendor was read.
sleep 0.5
for v in "${VENDORS[@]}"; do
  late=$(tail -n +"$((CHECKED[$v] + 1))" "${LOG[$v]}" |
    grep -E 'Violation|did not pass the validation|Request terminated with error|✖' | head -3 || true)
  CHECKED[$v]=$(wc -l <"${LOG[$v]}")
  if [ -n "$late" ]; then
    FAILED=$((FAILED + 1))
    ROWS+=("$v|(logged late)|-|FAIL: prism: $(paste -sd '|' <<<"$late" | sed -E 's/^.*(Violation: |error +)//')")
  fi
done
if [ "$SELF_TEST" = 1 ]; then
  for entry in "${NEGATIVE[@]}"; do
    read -r v name <<<"$entry"
    is_checked "$v" || continue
    run_one "$v" "$name" curl violation "neg_${v}_${name}"
  done
fi

# --- 5. report ---------------------------------------------------------------------------------------
echo "prism $PRISM_VERSION mock --errors; operations via ${MODE/cli/recoveryctl ($RECOVERYCTL) + curl for companions}"
printf '%-13s | %-36s | %-4s | %s\n' vendor operation via result
printf '%-13s-+-%-36s-+-%-4s-+-%s\n' ------------- ------------------------------------ ---- ------
for row in "${ROWS[@]}"; do
  IFS='|' read -r a b c2 d <<<"$row"
  printf '%-13s | %-36s | %-4s | %s\n' "$a" "$b" "$c2" "$d"
done
if [ "$FAILED" != 0 ]; then
  echo
  cat "$WORK/failures.log"
fi
echo "openapi: $PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
