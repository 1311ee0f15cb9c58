# Shared by the bench/ scripts. Sourcing it finds a JDK >= 21 (JAVA_HOME, exported) and builds
# the project when it is not built yet (bin/lib/launcher.sh).
# shellcheck shell=bash

# shellcheck source=../../bin/lib/launcher.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../bin/lib/launcher.sh"
JAVA_HOME="$(find_java)"
export JAVA_HOME
ensure_built

# A TCP port of 127.0.0.1 that is free now.
free_loopback_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The machine line of a benchmark's report.
print_machine() {
    echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), kernel $(uname -r), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
}

# The [DEFAULT] section of a benchmark server's config: noauth on PORT of 127.0.0.1, STATE_PATH.
server_defaults() {
    cat <<CONF
[DEFAULT]
auth_strategy = noauth
bind_host = 127.0.0.1
bind_port = $1
state_path = $2
CONF
}

# The [quotas] section of a benchmark server's config: no limits.
unlimited_quotas() {
    cat <<CONF
[quotas]
quota_network = -1
quota_subnet = -1
quota_port = -1
quota_security_group = -1
quota_security_group_rule = -1
quota_router = -1
quota_floatingip = -1
CONF
}
