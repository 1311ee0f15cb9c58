#!/usr/bin/env bash
# The whole test suite, on a fresh Debian machine:
#   1. installs what is missing (JDK >= 21 is looked for; Debian packages for the services and
#      tools the tests use), when run as root;
#   2. starts a private PostgreSQL, RabbitMQ and Keystone on loopback under a temporary
#      directory (never the machine's own instances);
#   3. runs every Maven test tier: unit, API (on H2), interop (openstack4j, openstack CLI,
#      Keystone), functional and fullstack (real kernel, in namespaces, when root), then the API
#      contract, ML2/agent, service plugin and concurrency tests again on PostgreSQL;
#   4. stops what it started, even on failure.
# Usage: scripts/test.sh [extra Maven arguments]
# With NEUTRINO_REQUIRE_ALL_TIERS=1 (set by .ci/run) nothing may be skipped: a service that does
# not start fails the run at once, and so does any test skipped for a missing service, program or
# privilege (found in the Surefire/Failsafe reports after each Maven run).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
ROOT_DIR="$PWD"
source bin/lib/launcher.sh

PACKAGES=(maven postgresql rabbitmq-server keystone uwsgi-core uwsgi-plugin-python3 python3-psycopg2
          python3-openstackclient dnsmasq-base udhcpc isc-dhcp-client iptables ipset iproute2 bridge-utils
          procps psmisc curl socat haproxy tcpdump conntrack iputils-arping radvd busybox)

REQUIRE_ALL_TIERS="${NEUTRINO_REQUIRE_ALL_TIERS:-0}"

install_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: missing Debian packages (run as root to install them): ${missing[*]}" >&2
    [ "$REQUIRE_ALL_TIERS" = 1 ] && exit 1
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
  elif [ "$REQUIRE_ALL_TIERS" = 1 ]; then
    echo "test.sh: could not start $name, and NEUTRINO_REQUIRE_ALL_TIERS=1 forbids skipping the tests that need it" >&2
    exit 1
  else
    echo "test.sh: could not start $name; the tests that need it will be skipped" >&2
  fi
}

# Fails when a test report of the last Maven run records a skipped test (NEUTRINO_REQUIRE_ALL_TIERS=1).
require_no_skips() {
  [ "$REQUIRE_ALL_TIERS" = 1 ] || return 0
  python3 - "$@" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
skipped = []
for report in sorted(glob.glob("*/target/surefire-reports/TEST-*.xml") + glob.glob("*/target/failsafe-reports/TEST-*.xml")):
    for case in ET.parse(report).getroot().iter("testcase"):
        for skip in case.findall("skipped"):
            skipped.append("%s.%s: %s" % (case.get("classname"), case.get("name"), skip.get("message") or skip.text or ""))
if skipped:
    print("test.sh: NEUTRINO_REQUIRE_ALL_TIERS=1 and %d test(s) were skipped:" % len(skipped), file=sys.stderr)
    for line in skipped:
        print("  " + line.strip(), file=sys.stderr)
    sys.exit(1)
PY
}
start_service PostgreSQL scripts/lib/postgres.sh start "$WORK"
start_service RabbitMQ scripts/lib/rabbitmq.sh start "$WORK/rabbit"
start_service Keystone scripts/lib/keystone.sh start "$WORK"

echo "== Maven: all modules, all tiers (API tests on H2) ==" >&2
mvn -B -ntp install "$@"
require_no_skips

echo "== bench/: every benchmark program compiles against the build ==" >&2
for program in bench/*.java; do
  "$JAVA_HOME/bin/javac" -proc:none -d "$WORK/bench/$(basename "$program" .java)" \
    -cp "neutrino-dist/target/lib/*" "$program"
done

if [ -n "${NEUTRINO_TEST_PG_URL:-}" ]; then
  echo "== API contract, ML2/agent and concurrency tests again on PostgreSQL ==" >&2
  NEUTRINO_TEST_DB=postgresql mvn -B -ntp -pl neutrino-server surefire:test \
    -Dtest='org.neutrino.server.api.**.*Test,org.neutrino.server.plugins.**.*Test,org.neutrino.server.services.**.*Test,org.neutrino.server.concurrency.*Test' \
    -Dsurefire.failIfNoSpecifiedTests=false "$@"
  require_no_skips
elif [ "$REQUIRE_ALL_TIERS" = 1 ]; then
  echo "test.sh: no PostgreSQL for the second API run, and NEUTRINO_REQUIRE_ALL_TIERS=1 forbids skipping it" >&2
  exit 1
fi
