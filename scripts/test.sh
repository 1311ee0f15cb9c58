#!/usr/bin/env bash
# The whole test suite, on a fresh Debian machine:
#   1. installs what is missing (JDK >= 21 is looked for; Debian packages for the services and
#      tools the tests use), when run as root;
#   2. starts a private PostgreSQL, RabbitMQ and Keystone on loopback under a temporary
#      directory (never the machine's own instances);
#   3. runs every Maven test tier: unit, API (on H2), interop (openstack4j, openstack CLI,
#      Keystone), functional and fullstack (real kernel, in namespaces, when root), then the API
#      contract, ML2/agent and concurrency tests again on PostgreSQL;
#   4. stops what it started, even on failure.
# Usage: scripts/test.sh [extra Maven arguments]
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
ROOT_DIR="$PWD"
source bin/lib/launcher.sh

PACKAGES=(maven postgresql rabbitmq-server keystone uwsgi-core uwsgi-plugin-python3 python3-psycopg2
          python3-openstackclient dnsmasq-base udhcpc isc-dhcp-client iptables ipset iproute2 bridge-utils
          procps psmisc curl)

install_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: missing Debian packages (run as root to install them): ${missing[*]}" >&2
    return 0
  fi
  echo "test.sh: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q "${missing[@]}" >&2
}

install_packages
JAVA_HOME="$(find_java)"
export JAVA_HOME

WORK="$(mktemp -d /tmp/neutrino-test.XXXXXX)"
chmod 755 "$WORK"
cleanup() {
  local rc=$?
  scripts/lib/keystone.sh stop "$WORK" >/dev/null 2>&1 || true
  scripts/lib/rabbitmq.sh stop "$WORK/rabbit" >/dev/null 2>&1 || true
  scripts/lib/postgres.sh stop "$WORK" >/dev/null 2>&1 || true
  rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT INT TERM

start_service() {
  local name="$1"; shift
  local out
  if out="$("$@")"; then
    eval "$out"
  else
    echo "test.sh: could not start $name; the tests that need it will be skipped" >&2
  fi
}
start_service PostgreSQL scripts/lib/postgres.sh start "$WORK"
start_service RabbitMQ scripts/lib/rabbitmq.sh start "$WORK/rabbit"
start_service Keystone scripts/lib/keystone.sh start "$WORK"

echo "== Maven: all modules, all tiers (API tests on H2) ==" >&2
mvn -B -ntp install "$@"

if [ -n "${NEUTRINO_TEST_PG_URL:-}" ]; then
  echo "== API contract, ML2/agent and concurrency tests again on PostgreSQL ==" >&2
  NEUTRINO_TEST_DB=postgresql mvn -B -ntp -pl neutrino-server surefire:test \
    -Dtest='org.neutrino.server.api.**.*Test,org.neutrino.server.plugins.**.*Test,org.neutrino.server.concurrency.*Test' \
    -Dsurefire.failIfNoSpecifiedTests=false "$@"
fi
