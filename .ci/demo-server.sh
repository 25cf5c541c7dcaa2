# Sourced by the CI scripts that talk to a served API (.ci/schemathesis,
# .ci/typescript-client): starts `greenlight serve --demo` on a free
# loopback port over a scratch SQLite database, waits until it answers, and
# stops it on exit.
#
#   start_demo_server BIN [ENV=VALUE...]
#
# sets `work` (the scratch folder; server.out and server.log are there),
# `port`, `server_pid` and `token` (the demo staff's personal API token).

work="$(mktemp -d)"
server_pid=""
stop_demo_server() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap stop_demo_server EXIT

start_demo_server() {
    local bin="$1"
    shift
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    env DATABASE_URL="sqlite://$work/demo.db" GREENLIGHT_DATA_DIR="$work" RUST_LOG=warn "$@" \
        "$bin" serve --demo --bind "127.0.0.1:$port" >"$work/server.out" 2>"$work/server.log" &
    server_pid=$!
    token=""
    for _ in $(seq 1 1200); do
        token="$(awk '/^Staff personal API token/ {print $NF}' "$work/server.out")"
        if [ -n "$token" ] && curl -fs "http://127.0.0.1:$port/healthz" >/dev/null; then return 0; fi
        kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
        sleep 0.1
    done
    echo "serve --demo printed no staff token" >&2
    exit 1
}
