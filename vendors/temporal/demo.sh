# SPDX-License-Identifier: Apache-2.0
# vendors/temporal/demo.sh: what scripts/demo.sh needs of Temporal beyond its capabilities.
# demo_jwt USER PASSWORD BASE_URL: the JWT Temporal's login (POST /v2/auth/login) gives the user,
# for lookup-email; "" when the login fails.
demo_jwt() {
  jq -nc --arg u "$1" --arg p "$2" '{username: $u, password: $p}' |
    curl -s -H 'Content-Type: application/json' --data-binary @- "$3/v2/auth/login" |
    jq -r '.token // empty' 2>/dev/null
}
