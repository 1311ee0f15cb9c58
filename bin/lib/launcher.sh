# Shared by the bin/ launchers: finds a JDK >= 21, builds the project once if needed, runs a
# main class with the runtime class path of neutrino-dist.
# shellcheck shell=bash

NEUTRINO_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

find_java() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for dir in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do candidates+=("${dir%/}"); done
  for home in "${candidates[@]}"; do
    if [ -x "$home/bin/java" ]; then
      local version
      # The JDK's release file says its version without starting a JVM; ask the JVM otherwise.
      version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null)
      [ -n "$version" ] || version=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
      if [ "${version%%.*}" -ge 21 ] 2>/dev/null; then
        echo "$home"
        return 0
      fi
    fi
  done
  echo "neutrino: no JDK >= 21 found (set JAVA_HOME, or install one under /usr/lib/jvm)" >&2
  return 1
}

ensure_built() {
  local lib="$NEUTRINO_HOME/neutrino-dist/target/lib"
  if [ ! -d "$lib" ] || [ -n "$(find "$NEUTRINO_HOME"/*/src/main -newer "$lib" -print -quit 2>/dev/null)" ]; then
    if ! command -v mvn >/dev/null; then
      echo "neutrino: Maven is needed to build (apt-get install maven)" >&2
      return 1
    fi
    echo "neutrino: building (mvn -DskipTests install)..." >&2
    (cd "$NEUTRINO_HOME" && JAVA_HOME="$JAVA_HOME" mvn -q -B -DskipTests install >&2) || return 1
    touch "$lib"
  fi
}

run_main() {
  local main_class="$1"
  shift
  JAVA_HOME="$(find_java)" || exit 1
  export JAVA_HOME
  ensure_built || exit 1
  exec "$JAVA_HOME/bin/java" ${NEUTRINO_JAVA_OPTS:-} -cp "$NEUTRINO_HOME/neutrino-dist/target/lib/*" "$main_class" "$@"
}
