# Sourced by scripts/test.sh (ADR 0037): a PostgreSQL cluster of the test run's own, in artifacts/postgres, on a free
# loopback port, started with Debian's postgresql 15 binaries run as the postgres user. No system cluster is touched.
#   start_test_postgres <artifacts folder>   installs postgresql when missing, starts the cluster, exports
#                                            SANDVIKEN_POSTGRES (an admin connection string); returns non-zero on failure
#   stop_test_postgres                       stops it (safe to call twice, and when it never started)
# Usable on its own too:  source scripts/test-postgres.sh && start_test_postgres "$PWD/artifacts"

test_postgres_data=""
test_postgres_bin=""

start_test_postgres() {
  local artifacts="$1"
  if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
    echo "Installing PostgreSQL from Debian's packages..."
    if [ "$(id -u)" -ne 0 ]; then
      echo "PostgreSQL is missing and installing it needs root: run 'sudo apt-get install -y postgresql' first." >&2
      return 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; } || { echo "Installing PostgreSQL failed." >&2; return 1; }
  fi
  test_postgres_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

  # Run the server as the postgres user when we are root (PostgreSQL refuses to run as root).
  local as_postgres=()
  if [ "$(id -u)" -eq 0 ]; then
    as_postgres=(runuser -u postgres --)
  fi

  test_postgres_data="$artifacts/postgres"
  rm -rf "$test_postgres_data"
  mkdir -p "$test_postgres_data"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$test_postgres_data"
  chmod 700 "$test_postgres_data"

  # A free port: ask the kernel for one (a race with another process is possible but short, and fails loudly below).
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

  local password="sandviken-test"
  local pwfile="$test_postgres_data.pw"
  echo "$password" >"$pwfile"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pwfile"
  "${as_postgres[@]}" "$test_postgres_bin/initdb" -D "$test_postgres_data" -U postgres --pwfile="$pwfile" \
      --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$artifacts/postgres-initdb.log" 2>&1 \
    || { cat "$artifacts/postgres-initdb.log" >&2; rm -f "$pwfile"; echo "initdb failed." >&2; return 1; }
  rm -f "$pwfile"

  # Test speed over durability: the cluster is thrown away at the end. Loopback only; the socket stays in the data folder.
  cat >>"$test_postgres_data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$test_postgres_data'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 300
shared_buffers = 128MB
EOF

  "${as_postgres[@]}" "$test_postgres_bin/pg_ctl" -D "$test_postgres_data" -l "$test_postgres_data/server.log" -w -t 60 start >/dev/null \
    || { cat "$test_postgres_data/server.log" >&2; echo "Starting PostgreSQL failed." >&2; return 1; }

  local i
  for i in $(seq 1 60); do
    if "$test_postgres_bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
      export SANDVIKEN_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=$password"
      echo "PostgreSQL for the tests: 127.0.0.1:$port (data in $test_postgres_data)"
      return 0
    fi
    sleep 0.5
  done
  echo "PostgreSQL did not accept connections on 127.0.0.1:$port." >&2
  return 1
}

stop_test_postgres() {
  if [ -n "$test_postgres_data" ] && [ -f "$test_postgres_data/postmaster.pid" ]; then
    local as_postgres=()
    [ "$(id -u)" -eq 0 ] && as_postgres=(runuser -u postgres --)
    "${as_postgres[@]}" "$test_postgres_bin/pg_ctl" -D "$test_postgres_data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
}
