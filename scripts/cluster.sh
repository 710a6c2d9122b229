#!/usr/bin/env bash
# Two (or more) portal instances behind nginx on loopback, sharing one database, the Data Protection keys in it and
# the output cache in Redis (ADR 0038). Used by tests/Sandviken.Strategy.Cluster.Tests and by the benchmark.
#
#   scripts/cluster.sh start DIR [--instances N] [--app PUBLISHED_DIR]
#   scripts/cluster.sh stop DIR
#
# start writes DIR/cluster.env (NGINX_URL, INSTANCE_<i>_URL, INSTANCE_<i>_PID, REDIS, DATABASE_PROVIDER,
# DATABASE_CONNECTION) and returns once every process answers; each wait is bounded (SANDVIKEN_CLUSTER_WAIT seconds,
# default 90). stop ends exactly the processes that start recorded in DIR and drops the database it created.
#
# Database: SANDVIKEN_POSTGRES (an admin connection string, as scripts/test.sh exports it) gives a new PostgreSQL
# database for this topology; without it the instances share one SQLite file in DIR (WAL), for development only.
# The application: by default the Release build of src/Sandviken.Strategy.Web, run in Development with that folder as
# content root (a plain build serves its static assets, blazor.web.js among them, only in Development); with --app, a
# `dotnet publish` output run in Production, as the benchmark does. Any other setting reaches the instances through the
# environment (e.g. Kolada__Schedule__Enabled=true).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
command="${1:-}"
dir="${2:-}"
if [ -z "$command" ] || [ -z "$dir" ]; then
  echo "usage: $0 start DIR [--instances N] [--app PUBLISHED_DIR] | stop DIR" >&2
  exit 2
fi
shift 2
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
wait_seconds="${SANDVIKEN_CLUSTER_WAIT:-90}"

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

# Waits until a URL answers 200, or fails after the bound or as soon as the process (pid file, optional) has ended.
wait_for() {
  local url="$1" what="$2" pid_file="${3:-}" deadline=$((SECONDS + wait_seconds))
  until curl -fsS -o /dev/null --max-time 5 "$url" 2>/dev/null; do
    if [ -n "$pid_file" ] && ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then
      echo "$what ended before it answered (logs in $dir)" >&2
      return 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      echo "$what did not answer at $url within $wait_seconds s (logs in $dir)" >&2
      return 1
    fi
    sleep 0.3
  done
}

# Reads a key of an Npgsql connection string (Host, Port, Username, Password), any of its usual spellings.
pg_key() {
  local wanted="$1" part key value
  IFS=';' read -ra parts <<<"$SANDVIKEN_POSTGRES"
  for part in "${parts[@]}"; do
    key="$(echo "${part%%=*}" | tr -d ' ' | tr '[:upper:]' '[:lower:]')"
    value="${part#*=}"
    case "$wanted:$key" in
      host:host | host:server) echo "$value"; return ;;
      port:port) echo "$value"; return ;;
      user:username | user:userid | user:user) echo "$value"; return ;;
      password:password) echo "$value"; return ;;
    esac
  done
}

psql_admin() {
  PGPASSWORD="$(pg_key password)" psql -X -q -v ON_ERROR_STOP=1 -h "$(pg_key host)" -p "$(pg_key port || true)" \
    -U "$(pg_key user)" -d postgres -c "$1"
}

stop_pid_file() {
  local file="$1" pid
  [ -f "$file" ] || return 0
  pid="$(cat "$file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

stop() {
  stop_pid_file "$dir/nginx.pid"
  for file in "$dir"/instance*.pid; do
    [ -e "$file" ] && stop_pid_file "$file"
  done
  stop_pid_file "$dir/redis.pid"
  if [ -f "$dir/database.name" ] && [ -n "${SANDVIKEN_POSTGRES:-}" ]; then
    psql_admin "DROP DATABASE IF EXISTS \"$(cat "$dir/database.name")\" WITH (FORCE)" >/dev/null 2>&1 || true
    rm -f "$dir/database.name"
  fi
}

start() {
  local instances=2 app=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --instances) instances="$2"; shift 2 ;;
      --app) app="$(cd "$2" && pwd)"; shift 2 ;;
      *) echo "unknown option $1" >&2; exit 2 ;;
    esac
  done
  # A failed start leaves nothing running.
  trap 'stop' ERR

  local dll content_root environment
  if [ -n "$app" ]; then
    dll="$app/Sandviken.Strategy.Web.dll" content_root="$app" environment=Production
  else
    dll="$repo/src/Sandviken.Strategy.Web/bin/Release/net10.0/Sandviken.Strategy.Web.dll"
    content_root="$repo/src/Sandviken.Strategy.Web" environment=Development
  fi
  [ -f "$dll" ] || { echo "$dll is missing: build (or publish) the portal first" >&2; return 1; }

  # Redis: its own port, nothing written to disk.
  local redis_port
  redis_port="$(free_port)"
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir"
  local deadline=$((SECONDS + wait_seconds))
  until redis-cli -p "$redis_port" ping >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || { echo "Redis did not start (see $dir/redis.log)" >&2; return 1; }
    sleep 0.2
  done

  local provider connection
  if [ -n "${SANDVIKEN_POSTGRES:-}" ]; then
    local name="sandviken_cluster_$(date +%s)_$RANDOM"
    psql_admin "CREATE DATABASE \"$name\"" >/dev/null
    echo "$name" >"$dir/database.name"
    provider=PostgreSql
    connection="${SANDVIKEN_POSTGRES%;};Database=$name"
  else
    provider=Sqlite
    connection="Data Source=$dir/portal.db"
  fi

  local nginx_port upstream="" i port
  nginx_port="$(free_port)"
  : >"$dir/cluster.env"
  for i in $(seq 1 "$instances"); do
    port="$(free_port)"
    upstream+="    server 127.0.0.1:$port max_fails=1 fail_timeout=10s;"$'\n'
    # One after the other: the first migrates the database and makes the first Data Protection key, which the
    # others then read instead of making their own.
    (
      cd "$content_root"
      export ASPNETCORE_ENVIRONMENT="$environment"
      export Database__Provider="$provider"
      export "ConnectionStrings__$provider=$connection"
      export Database__MigrateOnStartup=true
      export ConnectionStrings__Redis="127.0.0.1:$redis_port"
      export ReverseProxy__Enabled=true ReverseProxy__KnownProxies__0=127.0.0.1
      export Serilog__WriteTo__1__Args__path="$dir/instance$i-.log"
      exec setsid dotnet "$dll" --urls "http://127.0.0.1:$port" --contentRoot "$content_root" \
        >"$dir/instance$i.out" 2>&1 </dev/null
    ) &
    echo $! >"$dir/instance$i.pid"
    wait_for "http://127.0.0.1:$port/health" "Instance $i" "$dir/instance$i.pid"
    {
      echo "INSTANCE_${i}_URL=http://127.0.0.1:$port"
      echo "INSTANCE_${i}_PID=$(cat "$dir/instance$i.pid")"
    } >>"$dir/cluster.env"
  done

  # nginx with the repository's template (deploy/nginx/sandviken-strategy.conf) and everything else in DIR.
  mkdir -p "$dir/nginx-temp"
  local template="$repo/deploy/nginx/sandviken-strategy.conf"
  awk -v instances="$upstream" -v listen="127.0.0.1:$nginx_port" \
    '{ if ($0 == "@INSTANCES@") { printf "%s", instances } else { gsub("@LISTEN@", listen); print } }' \
    "$template" >"$dir/sandviken-strategy.conf"
  cat >"$dir/nginx.conf" <<EOF
$( [ "$(id -u)" -eq 0 ] && echo "user root root;" )
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log warn;
events { worker_connections 1024; }
http {
    # Which instance served each request: the tests read it to check that circuits stay on their instance.
    log_format sandviken '\$remote_addr "\$request" \$status \$upstream_addr';
    access_log $dir/nginx-access.log sandviken;
    client_body_temp_path $dir/nginx-temp/body;
    proxy_temp_path $dir/nginx-temp/proxy;
    fastcgi_temp_path $dir/nginx-temp/fastcgi;
    uwsgi_temp_path $dir/nginx-temp/uwsgi;
    scgi_temp_path $dir/nginx-temp/scgi;
    include $dir/sandviken-strategy.conf;
}
EOF
  nginx -p "$dir" -c "$dir/nginx.conf" -g 'daemon on;' 2>>"$dir/nginx-error.log"
  wait_for "http://127.0.0.1:$nginx_port/health" "nginx"

  {
    echo "NGINX_URL=http://127.0.0.1:$nginx_port"
    echo "REDIS=127.0.0.1:$redis_port"
    echo "DATABASE_PROVIDER=$provider"
    echo "DATABASE_CONNECTION=$connection"
  } >>"$dir/cluster.env"
  trap - ERR
  cat "$dir/cluster.env"
}

case "$command" in
  start) start "$@" ;;
  stop) stop ;;
  *) echo "unknown command $command" >&2; exit 2 ;;
esac
